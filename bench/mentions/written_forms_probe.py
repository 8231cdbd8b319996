"""Forms of dates and quantities that point back, ahead or across, without any corpus.

    python bench/mentions/written_forms_probe.py [--misses]

The fourth round's probe (see README.md). Dates, against a fixed document date: demonstratives
("later that day", "that month", "the same year") and "N units later" after a named time; "the
prior year"; a weekday written with a year-less day ("Monday, May 5": the year it falls on); US
dates with a two-digit year and two-digit fiscal codes ("10/13/87", "FY90"); years read out
without their century ("in ninety-seven."); "this coming Monday"; a present progressive with a
weekday ("is playing Saturday"); a bare date adverbial of a past verb ("took effect Jan. 1");
"payable" dates. Quantities: a unit left out after a measured number ("5,000 residents, up from
4,200"); Unicode fraction characters; initialisms with full stops ("m.p.h."), names joined by
hyphens ("mile-per-hour"); the SI capital litre after a prefix ("cL"); "sq in" / "cu in"; powers
after a caret or stars ("80 m^2"); chains of vague plurals; minutes after hours ("1h 20m"). Also
"Friday the 13th" (the month whose 13th is a Friday) and a unit in apposition to a date ("May 20,
the day before the storm"). Each case is a neutral sentence built from the
vocabularies; what counts is the value (dates: as score.py compares them) or the value and unit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
import unicodedata

from factlint.nlp.dates import date_words
from factlint.nlp.pipeline import analyse_many, mentions_of
from probe_tally import date_results, report

DOC_DATE = dt.date(2031, 6, 11)  # a Wednesday


def _day(offset: int) -> str:
    return (DOC_DATE + dt.timedelta(days=offset)).isoformat()


def _last_day_on(weekday: int, day: int, direction: int) -> str:
    """The nearest day ``day`` of a month that falls on ``weekday``, before (-1) or after (+1) the
    document date."""
    probe = DOC_DATE
    while True:
        probe += dt.timedelta(days=direction)
        if probe.day == day and probe.weekday() == weekday:
            return probe.isoformat()


def date_cases() -> list[tuple[str, str, str]]:
    """(kind, sentence with the expression in brackets, expected value prefix)."""
    words = date_words()
    out: list[tuple[str, str, str]] = []
    named = dt.date(2024, 3, 12)
    for n, word in ((1, "a"), (2, "two"), (3, "three")):
        later_day = (named + dt.timedelta(days=n)).isoformat()
        out += [
            ("later", f"The dam failed on March 12, 2024. [{word.capitalize()} day{'s' * (n > 1)} later], the town flooded.", later_day),
            ("later", f"The dam was finished in 2004. [{word.capitalize()} year{'s' * (n > 1)} later], it failed.", str(2004 + n)),
            ("later", f"The dam opened in March 2012. [{word.capitalize()} month{'s' * (n > 1)} later], it failed.", f"2012-{3 + n:02d}"),
        ]
    for part in ("", "Earlier ", "Later "):
        out += [
            ("that", f"The dam failed on March 12, 2024. [{part}that day], the town flooded.", "2024-03-12"),
            ("that", f"The dam opened in March 2012. [{part}that month], it hired staff.", "2012-03"),
            ("that", f"The dam opened in 2012. [{part}that year], it hired staff.", "2012"),
        ]
    for part_of_day in ("night", "morning", "afternoon", "evening"):
        out.append(("that", f"The dam failed on March 12, 2024. [That {part_of_day}], the town flooded.", "2024-03-12"))
    out += [
        ("that", "The dam opened in 2012. [The same year], it hired staff.", "2012"),
        ("that", "The dam opened in March 2012. [The same month], it hired staff.", "2012-03"),
        ("prior", "Exports fell from [the prior year].", "2030"),
        ("prior", "Exports fell from the [prior-year] quarter.", "2030"),
        ("prior", "Exports fell on March 12, 2024, and rose [the prior day].", "2024-03-11"),
    ]
    for name, number in words.weekdays.items():
        for month in range(1, 13):
            options = [dt.date(y, month, 5) for y in (DOC_DATE.year - 1, DOC_DATE.year, DOC_DATE.year + 1)]
            matching = [d for d in options if d.weekday() == number]
            if len(matching) == 1:
                month_name = calendar.month_name[month]
                out.append(("weekday+day", f"The museum reopened on [{name}, {month_name} 5].", matching[0].isoformat()))
    for weekday, number in words.weekdays.items():
        for day in (13, 16):  # every weekday falls on these within a year either side
            out.append(("weekday the", f"Shares fell on [{weekday} the {day}th].", _last_day_on(number, day, -1)))
            out.append(("weekday the", f"Shares will rise on [{weekday} the {day}th].", _last_day_on(number, day, 1)))
    out += [
        ("apposition", "The dam opened on May 20, [the day] before the storm.", "2031-05-20"),
        ("apposition", "The dam closed in 2012, [the year] the river flooded.", "2012"),
        ("apposition", "The dam opened in March 2012, [the month] the river rose.", "2012-03"),
    ]
    for two, year in (("87", "1987"), ("99", "1999"), ("35", "2035"), ("05", "2005")):
        out.append(("2-digit", f"The lease was signed on [3/14/{two}].", f"{year}-03-14"))
    out += [("2-digit", "Sales rose in [FY90].", "1990"), ("2-digit", "Sales rose in [FY 05].", "2005")]
    for tens, digit, value in (("ninety", "seven", 1997), ("eighty", "four", 1984), ("twenty", "one", 2021)):
        out.append(("spoken", f"The station opened in [{tens}-{digit}].", str(value)))
        out.append(("spoken", f"The station has been closed since [{tens} {digit}], when it flooded.", str(value)))
    for name, number in words.weekdays.items():
        ahead = (number - DOC_DATE.weekday()) % 7 or 7
        back = (DOC_DATE.weekday() - number) % 7 or 7
        if number == DOC_DATE.weekday():
            continue
        out += [
            ("coming", f"The market reopens [this coming {name}].", _day(ahead)),
            ("coming", f"The market closed [this past {name}].", _day(-back)),
            ("progressive", f"The orchestra is playing [{name}].", _day(ahead)),
        ]
    for month in range(1, 13):
        if month in (DOC_DATE.month - 1, DOC_DATE.month, DOC_DATE.month + 1):
            continue  # next to the document date either reading is near
        abbreviation = calendar.month_abbr[month]
        dotted = abbreviation if abbreviation == "May" else f"{abbreviation}."
        behind = DOC_DATE.year if month < DOC_DATE.month else DOC_DATE.year - 1
        ahead_year = DOC_DATE.year if month > DOC_DATE.month else DOC_DATE.year + 1
        out += [
            ("past verb", f"The new tariff took effect [{dotted} 1].", f"{behind}-{month:02d}-01"),
            ("payable", f"The board declared a dividend payable [{dotted} 10].", f"{ahead_year}-{month:02d}-10"),
        ]
    return out


def _vulgar_fractions() -> list[str]:
    return [ch for block in (range(0x00BC, 0x00BF), range(0x2150, 0x2160)) for ch in map(chr, block) if 0 < unicodedata.numeric(ch, 0) < 1]


def quantity_cases() -> list[tuple[str, str, str, float, str]]:
    """(kind, sentence, quantity text, value, unit)."""
    out: list[tuple[str, str, str, float, str]] = []
    for noun, unit in (("residents", "resident"), ("tonnes", "ton"), ("workers", "worker")):
        out += [
            ("elided", f"The town has 5,000 {noun}, up from 4,200 in 2010.", "4,200", 4200, unit),
            ("elided", f"There were 300 {noun} in 2019 and 450 in 2020.", "450", 450, unit),
            ("elided", f"There are 1,200 {noun}, compared with 900 a year ago.", "900", 900, unit),
        ]
    out += [
        ("elided", "He earned €5 million in 2019 and 6 million in 2020.", "6 million", 6e6, "euro"),
        ("elided", "Inflation was 3.2% in May against 3.5 in June.", "3.5", 3.5, "percentage"),
        ("elided", "The stock rose 6% to 14.", "14", 14, ""),
        ("elided", "The fund lost 4 cents to 88.", "88", 88, ""),
    ]
    for ch in _vulgar_fractions():
        value = unicodedata.numeric(ch)
        out += [
            ("fraction", f"Add {ch} cup of stock.", f"{ch} cup", value, "cup"),
            ("fraction", f"They walked 2{ch} miles.", f"2{ch} miles", 2 + value, "mile"),
        ]
    for written, unit in (("m.p.h.", "mile per hour"), ("m.p.g.", "mile per gallon"), ("k.p.h.", "kilometre per hour"), ("r.p.m.", "revolutions per minute")):
        out.append(("dotted", f"The engine ran at 60 {written} on the test.", f"60 {written}", 60, unit))
    for written, unit in (("mile-per-hour", "mile per hour"), ("square-mile", "square mile"), ("cubic-metre", "cubic metre"), ("miles-per-hour", "mile per hour")):
        out.append(("hyphens", f"They reported a 60 {written} figure.", f"60 {written}", 60, unit))
    for written, unit in (("sq.km", "square kilometre"), ("sq.ft", "square foot"), ("sq.mi", "square mile")):
        out.append(("stop", f"The reserve covers 35 {written} of forest.", f"35 {written}", 35, unit))
    for prefix, unit in (("m", "millilitre"), ("c", "centilitre"), ("d", "decilitre"), ("µ", "microlitre"), ("h", "hectolitre")):
        out.append(("litre", f"Each vial holds 20 {prefix}L of serum.", f"20 {prefix}L", 20, unit))
    for power, word in (("sq", "square"), ("cu", "cubic")):
        out.append(("power", f"The part measures 12 {power} in by design.", f"12 {power} in", 12, f"{word} inch"))
    for power, word in (("^2", "square"), ("**2", "square"), ("^3", "cubic"), ("**3", "cubic")):
        for symbol, name in (("m", "metre"), ("ft", "foot"), ("km", "kilometre")):
            out.append(("caret", f"The site is 40 {symbol}{power}.", f"40 {symbol}{power}", 40, f"{word} {name}"))
    out += [
        ("vague", "Tens of thousands marched.", "Tens of thousands", 55000, ""),
        ("vague", "Hundreds of thousands watched.", "Hundreds of thousands", 550000, ""),
        ("duration", "The flight took 7h 45m.", "45m", 45, "minute"),
        ("duration", "The race took 2 hr 15 m.", "15 m", 15, "minute"),
    ]
    return out


def main(argv: list[str]) -> int:
    results = date_results(date_cases(), DOC_DATE)
    cases = quantity_cases()
    docs = analyse_many([sentence for _, sentence, *_ in cases])
    for (kind, sentence, written, value, unit), doc in zip(cases, docs):
        got = [(q.text, q.value, q.unit) for q in mentions_of(doc).quantities]
        right = any(t == written and v is not None and abs(v - value) <= 1e-6 * max(1.0, abs(value)) and u == unit for t, v, u in got)
        results.append((kind, right, f"want {written!r} {value} {unit!r} got {got} | {sentence}"))
    return report(results, "--misses" in argv, width=11)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
