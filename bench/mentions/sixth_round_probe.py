"""The sixth round's forms of dates and quantities, built from the vocabularies, without any corpus.

    python bench/mentions/sixth_round_probe.py [--misses]

Dates, against a fixed document date: every anaphoric word of ``date_words.yaml`` before each
calendar unit ("the preceding month"); "N units ago" with N a compound number word ("twenty five
years ago", "thirty-one months ago"); "a couple of" units; a day of a relative month ("the
fifteenth of this month", "the first of the month"); a future cue under a past auxiliary ("was
scheduled for May 20": the nearest such day, not always the coming one). Quantities: house numbers
before every street type of ``quantity_words.yaml`` with a compass letter that is also a unit
symbol ("55 W 14th Street"); a movement whose levels carry their times ("from 20 tonnes in 2010 to
35 tonnes in 2020"); two prices for different periods ("£9.99 a month or £99 a year"); a glued
unit form apart before each adjective of size ("2 in wide"); a detokenised feet mark ("5 ' 10
\\""); each temperature scale name one letter off right after the number; ISO currency codes in
lower case before the number in a lower-cased line ("usd 35"); the cent sign; "50MP"; a scaled
number after a name ("Britains 67 million people"); an age in words ("she is twenty-one").
What counts is the value (dates: as score.py compares them) or the text, value and unit.
"""

from __future__ import annotations

import datetime as dt
import sys

import pycountry

from factlint.nlp.dates import date_words
from factlint.nlp.numbers import number_words
from factlint.nlp.pipeline import analyse_many, mentions_of
from factlint.nlp.units import CODE_STOPWORDS, currency_unit_name, is_currency_code, match_unit_after
from factlint.nlp.wordnet import PARTS_OF_SPEECH, _database
from probe_tally import date_results, report


def is_english_word(word: str) -> bool:
    """As factlint.nlp.wordnet.is_english_word (restated so that the probe runs on older code)."""
    db = _database()
    return db is None or any(db.senses(word, pos) for pos in PARTS_OF_SPEECH)

DOC_DATE = dt.date(2031, 6, 11)  # a Wednesday


def _shift_month(offset: int) -> tuple[int, int]:
    index = DOC_DATE.year * 12 + DOC_DATE.month - 1 + offset
    return index // 12, index % 12 + 1


def _years_back(years: int) -> str:
    return DOC_DATE.replace(year=DOC_DATE.year - years).isoformat()


def _months_back(months: int) -> str:
    year, month = _shift_month(-months)
    return dt.date(year, month, min(DOC_DATE.day, 28)).isoformat()


def date_cases() -> list[tuple[str, str, str]]:
    """(kind, sentence with the expression in brackets, expected value prefix)."""
    words = date_words()
    out: list[tuple[str, str, str]] = []
    for word in sorted(words.anaphoric_words):
        offset = words.relative_words[word]
        year, month = _shift_month(offset)
        out += [
            ("anaphoric", f"Output fell in [the {word} year], officials said.", str(DOC_DATE.year + offset)),
            ("anaphoric", f"Output fell in [the {word} month], officials said.", f"{year:04d}-{month:02d}"),
            ("anaphoric", f"Output fell on [the {word} day], officials said.", (DOC_DATE + dt.timedelta(days=offset)).isoformat()),
            ("anaphoric", f"The plant opened in 2020. [The {word} year], output fell.", str(2020 + offset)),
        ]
    digits = {w: v for w, v in words.number_words.items() if 1 <= v <= 9 and w.isalpha() and w not in ("a", "an")}
    for tens, tens_value in words.tens.items():
        for digit, digit_value in list(digits.items())[:3]:
            n = tens_value + digit_value
            out += [
                ("compound", f"It happened [{tens} {digit} years ago].", _years_back(n)),
                ("compound", f"It happened [{tens}-{digit} years ago].", _years_back(n)),
            ]
            if n < 60:
                out.append(("compound", f"It happened [{tens}-{digit} months ago].", _months_back(n)))
    out += [
        ("couple", "It happened [a couple of years ago].", _years_back(2)),
        ("couple", "It happened [a couple of months ago].", _months_back(2)),
        ("couple", "It happened [a couple of days ago].", (DOC_DATE - dt.timedelta(days=2)).isoformat()),
        ("couple", "Costs will rise over [the next couple of years].", str(DOC_DATE.year)),
    ]
    for word, day in sorted(words.ordinal_words.items(), key=lambda kv: kv[1]):
        if day > 28:
            break
        for rel, offset in (("this", 0), ("next", 1), ("last", -1), ("the", 0)):
            year, month = _shift_month(offset)
            out.append(("day of month", f"The fee falls due on [the {word} of {rel} month].", f"{year:04d}-{month:02d}-{day:02d}"))
        year, month = _shift_month(-1)
        out.append(("day of month", f"The plant closed in {dt.date(year, month, 1):%B %Y}. By [the {word} of the month], it had reopened.", f"{year:04d}-{month:02d}-{day:02d}"))
    past_month = DOC_DATE.month - 1
    for cue in ("scheduled for", "expected on", "planned for"):
        out += [
            ("plan", f"The vote was {cue} [May 20].", f"{DOC_DATE.year}-{past_month:02d}-20"),
            ("plan", f"The vote is {cue} [May 20].", f"{DOC_DATE.year + 1}-{past_month:02d}-20"),
        ]
    return out


def _misspelt(name: str) -> list[str]:
    """The name with one inner letter dropped, and with two neighbours swapped once."""
    return [name[:i] + name[i + 1 :] for i in (2, len(name) - 2)]


def quantity_cases() -> list[tuple[str, str, str | None, float, str]]:
    """(kind, sentence, quantity text (None: no quantity at all), value, unit)."""
    vocab = number_words()
    out: list[tuple[str, str, str | None, float, str]] = []
    for street in vocab["street_types"]:
        for compass in ("W", "E", "N", "S"):
            out.append(("address", f"The shop at 55 {compass} 14th {street} closed.", None, 0, ""))
        out.append(("address", f"The office is at 221 Baker {street}.", None, 0, ""))
    for noun, unit in (("tonnes", "ton"), ("miles", "mile"), ("barrels", "barrel")):
        out += [
            ("movement", f"Output rose from 20 {noun} in 2010 to 35 {noun} in 2020.", f"20 {noun} in 2010 to 35 {noun}", 35, unit),
            ("movement", f"Output crept upward, from 20 {noun} last year to 35 {noun} this year.", f"20 {noun} last year to 35 {noun}", 35, unit),
        ]
    for period, other in (("month", "year"), ("day", "week"), ("week", "month")):
        out += [
            ("rates", f"It costs £9.99 a {period} or £99 a {other}.", f"£9.99 a {period}", 9.99, f"pound sterling per {period}"),
            ("rates", f"It costs £9.99 a {period} or £99 a {other}.", f"£99 a {other}", 99, f"pound sterling per {other}"),
        ]
    for adjective in vocab["dimension_adjectives"]:
        out.append(("size", f"The cable is 10 ft long and 2 in {adjective}.", "2 in", 2, "inch"))
    out += [
        ("feet mark", "it ' s 5 ' 10 \" tall .", "5 '", 5, "foot"),
        ("feet mark", "it ' s 5 ' 10 \" tall .", "10 \"", 10, "inch"),
        ("feet mark", "he is 6 ' 2 \" .", "6 '", 6, "foot"),
    ]
    for name, unit in (("celsius", "celsius"), ("fahrenheit", "fahrenheit"), ("centigrade", "celsius")):
        for written in _misspelt(name):
            out.append(("scale", f"It was 10.5 {written} at dawn.", f"10.5 {written}", 10.5, unit))
    codes = sorted(c.alpha_3 for c in pycountry.currencies if is_currency_code(c.alpha_3))
    for code in codes:
        lower = code.lower()
        if code in CODE_STOPWORDS or is_english_word(lower) or match_unit_after(lower, 0, attached=False):
            continue  # "try 3", "kgs 35": a word or a unit, no code
        out.append(("lower code", f"the price is {lower} 35 , they said .", f"{lower} 35", 35, currency_unit_name(code)))
    out += [
        ("cent", "Gum costs 5¢.", "5¢", 5, "cent"),
        ("cent", "A stamp costs 50 ¢.", "50 ¢", 50, "cent"),
        ("megapixel", "The phone has a 50MP camera.", "50MP", 50, "megapixel"),
        ("megapixel", "The phone has a 12Mpx sensor.", "12Mpx", 12, "megapixel"),
        ("scaled name", "Britains 67 million people voted.", "67 million people", 67e6, "people"),
        ("scaled name", "Germanys 83 million people voted.", "83 million people", 83e6, "people"),
        ("scaled name", "He sold Tesla 3 million shares.", "3 million shares", 3e6, "share"),
        ("age words", "She is twenty-one.", "twenty-one", 21, "year of age"),
        ("age words", "He will be forty next year.", "forty", 40, "year of age"),
        ("age words", "He is the one.", None, 0, ""),
        ("age words", "He is one of the best.", None, 0, ""),
        ("noun run", "Nearly a third of the 1,200 staff quit.", "Nearly a third", 1 / 3, "fraction of staff"),
    ]
    return out


def main(argv: list[str]) -> int:
    results = date_results(date_cases(), DOC_DATE)
    cases = quantity_cases()
    docs = analyse_many([sentence for _, sentence, *_ in cases], doc_date=DOC_DATE)
    for (kind, sentence, written, value, unit), doc in zip(cases, docs):
        got = [(q.text, q.value, q.unit) for q in mentions_of(doc).quantities]
        if written is None:
            right = not got
        else:
            right = any(t == written and v is not None and abs(v - value) <= 1e-6 * max(1.0, abs(value)) and u == unit for t, v, u in got)
        results.append((kind, right, f"want {written!r} {value} {unit!r} got {got} | {sentence}"))
    return report(results, "--misses" in argv, width=12)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
