"""Quantities: numbers with their unit, scale, qualifier interval and change direction.

How a quantity is read, left to right around each number found in the text:

1. **Number**: digits ("1,200.5", ".001"), words ("twenty-one", "a dozen", "three thousand"),
   fractions ("two-thirds of", "1/16 of"), vague plurals ("hundreds of" -> [100, 1000]).
2. **Scale**: words and abbreviations after it ("146.87 billion", "240bn", "$5.4m", "10k"); ``value``
   is the number times its scale. "m" is a million only for money or before another unit word,
   otherwise it is a metre.
3. **Money**: a symbol or code before ("$", "US$", "€", "PS" = ASCII-folded £, "USD 5m") or after
   ("1,200€", "5 million euros", "110 JPY"), with its ISO 4217 code in ``currency``. CLDR symbols
   of ASCII letters count only glued to the digits ("Rp25.6 billion", not "Rp 25").
4. **Unit**: the longest form of ``patterns/units.jsonl`` ("bcm" -> 6.4e9 cubic metre), then any
   symbol or two-unit compound pint knows ("2 dm", "10km/hr", "5 mg/L"), then pint for other words
   ("microgrammes"), then a rate ("per day", "a year", "annually") -> "barrel per day". Currency
   symbols come from ``units_currency.json`` and the CLDR table ``currency_symbols.json``; scale
   words and abbreviations only from ``quantity_words.yaml`` (also after the currency: "75 USD
   million"; glued to a code: "120 MEUR"); "15 dollars 50" adds the cents.
5. **Count**: without a unit, the counted noun from the spaCy parse (the noun the number modifies,
   or the object of "of" in "one of the ...", "hundreds of ..."): unit = its lemma, dimension
   "count". A number with neither is unit "", dimension "number".
6. **Interval** from the qualifier (``patterns/quantity_words.yaml``):

   ============================  =====================================
   over / more than / above ...  low = x, high = None
   under / less than / up to ... low = None, high = x
   about / around / roughly ...  [x * (1 - APPROX_TOLERANCE), x * (1 + APPROX_TOLERANCE)]
   nearly / almost / close to    [x * (1 - APPROX_TOLERANCE), x]
   16 to 17, 16-17, between,     low = 16, high = 17, value = midpoint
   from X to Y
   none                          low = high = value
   ============================  =====================================

   "at least" is a lower bound; "or more", "20+", "20-plus" after the number too. A qualifier before
   a range keeps both ends.
7. **Change**: "rose 3%", "fell by $2bn", "up 5%", "+0.8%", "a 3% drop", "a jump of 25 points",
   "down 9.2% year over year" -> ``change`` "up"/"down"; a number after "to"/"at" ("rose 3% to
   $84") is a level, not a change, and "54 cents, or 0.8%" restates the change before it. "rose
   from 61% to 78%", "78%, up from 61%" are two levels: ``role`` "from"/"to", the "to" one with
   ``change_from`` (no range); "16 to 17" without a verb of change stays a range. Points changed
   after a percentage are percentage points.
10. **Tolerance**: half a unit of the last significant digit written, in base units ("4.5
    million" -> 50,000; "4 million" -> 500,000; "4,000,000" -> 0.5; "twenty" -> 5).
8. **Other readings**: fractions ("a quarter of the budget", "one in five adults") have dimension
   "fraction" and unit "fraction of <noun>" ("fraction of budget"); multipliers ("6.5 times earnings") dimension "ratio"; ages
   ("a 50-year-old", "Maddon, 66,", "aged 66") unit "year of age", dimension "age".
9. **Shared units**: bare numbers listed before a measured one share its unit ("3, 4 and 5 percent");
   a bare number in a parallel clause takes the unit of the earlier one after the same preposition
   ("rose by 2 percent while the CAC fell by 1"; money is never inherited).

Not quantities: model designations and names ("S-400", "Tu-95MS", "COVID-19", "G20", "Boeing 737",
"5G"), section and list numbers ("Section 3", "No. 5"), phone numbers, clock times, sports scores
("2-0"), days of a month ("March 29"), bare integers 1800-2100 (years: the date extractor's), and
ordinals ("70th"). Spans in ``skip`` (dates and ordinals found earlier) are never overlapped.
"""

from __future__ import annotations

import dataclasses

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from factlint.models import DateRef, Quantity
from factlint.nlp.numbers import (
    DIGITS_PATTERN,
    cardinal_words,
    number_words,
    parse_digits,
    parse_fraction_words,
    parse_number_words,
    scale_abbreviations,
    scale_words,
    vague_plural_range,
)
from factlint.nlp.units import (
    AGE_OF,
    CODE_STOPWORDS,
    FRACTION_OF,
    UnitEntry,
    UnitMatch,
    ambiguous_currency_names,
    misspelt_measure,
    misspelt_temperature_scale,
    currency_data,
    currency_entry,
    currency_prefix_forms,
    glued_currency_symbols,
    dimension_of,
    is_currency_code,
    match_unit_after,
    unit_from_pint,
    powered_unit,
    unit_after_a_fraction,
    unit_symbol_after,
)

APPROX_TOLERANCE = 0.10
"""Half-width of the band for "about", "around", "roughly", "approximately", "some", "~":
[x * 0.9, x * 1.1]. "nearly", "almost", "close to" commit to [x * 0.9, x]."""

YEAR_RANGE = (1800, 2100)
"""Bare integers in this range with no unit are years (dates), not quantities."""

# ---------------------------------------------------------------- vocabulary


@lru_cache(maxsize=1)
def _vocab() -> dict:
    words = number_words()
    qualifiers: dict[str, str] = {}
    for kind, phrases in words["qualifiers_before"].items():
        for phrase in phrases:
            qualifiers[str(phrase).lower()] = kind
    after: dict[str, str] = {}
    for kind, phrases in words["qualifiers_after"].items():
        for phrase in phrases:
            after[str(phrase).lower()] = kind
    return {
        "qualifiers": qualifiers,
        "qualifiers_sorted": sorted(qualifiers, key=len, reverse=True),
        "after": after,
        "after_sorted": sorted(after, key=len, reverse=True),
        "up": {str(w).lower() for w in words["change_up"]},
        "down": {str(w).lower() for w in words["change_down"]},
        "markers": sorted((str(w).lower() for w in words["change_markers"]), key=len, reverse=True),
        "rates": sorted(
            ((str(k).lower(), v) for k, v in words["rate_words"].items()), key=lambda kv: -len(kv[0])
        ),
        "negative": {str(w).lower() for w in words["negative_words"]},
        "negative_after": re.compile(rf"\s+(?:{_alternation(words['negative_after'])})\b", re.IGNORECASE),
        "designations": {str(w).lower() for w in words["designation_nouns"]},
        "months": {str(w).lower() for w in words["months"]},
        "change_skip": {str(w).lower() for w in words["change_skip"]},
        "level_words": {str(w).lower() for w in words["level_words"]},
        "unit_modifiers": {str(w) for w in words["unit_modifiers"]},
        "power_modifiers": {str(k).lower(): int(v) for k, v in words["power_modifiers"].items()},
        "change_nouns_up": {str(w).lower() for w in words["change_nouns_up"]},
        "change_nouns_down": {str(w).lower() for w in words["change_nouns_down"]},
        "multiplier_followers": {str(w).lower() for w in words["multiplier_followers"]},
        "time_units": {str(w).lower() for w in words["time_units"]},
        "money_predicates": {str(w).lower() for w in words["money_predicates"]},
        "size_separator": re.compile(rf"\s*(?:{_alternation(words['size_separators'])})\s*"),
        "age_cues": re.compile(rf"\b(?:{_alternation(words['age_cues'])})\s*$"),
        "age_suffix": re.compile(rf"(?:\s*-\s*|\s+)(?:{_alternation(words['age_suffixes'])})\b", re.IGNORECASE),
        "frequency_words": {str(w).lower() for w in words["frequency_words"]},
        "from_to_adjuncts": {str(w).lower() for w in words["from_to_adjunct_words"]},
        "parallel_prepositions": {str(w).lower() for w in words["parallel_prepositions"]},
        "elided_unit_cues": {str(w).lower() for w in words["elided_unit_cues"]},
        "elided_unit_cues_ahead": {str(w).lower() for w in words["elided_unit_cues_ahead"]},
        "not_count_heads": {str(w).lower() for w in words["not_count_heads"]},
        "function_words_after_scale": [str(w).lower() for w in words["function_words_after_scale"]],
        "year_cues": [str(w).lower() for w in words["year_cues"]],
        "dimension_adjective_after": re.compile(rf"\s+(?:{_alternation(words['dimension_adjectives'])})\b"),
    }


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _vulgar_fractions() -> str:
    """The single-character fractions Unicode defines ("½", "¾", "⅛"), from its own numeric values."""
    blocks = (range(0x00BC, 0x00BF), range(0x2150, 0x2160))
    return "".join(ch for block in blocks for ch in map(chr, block) if 0 < unicodedata.numeric(ch, 0) < 1)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    cardinals = _alternation(cardinal_words())
    scales = _alternation(scale_words())
    fractions = _alternation(number_words()["fractions"])
    plurals = _alternation(number_words()["vague_plurals"])
    word_number = (
        rf"(?:\b(?:an?\s+(?:{scales}|dozen)|(?:{cardinals}))\b"
        rf"(?:(?:\s+and\s+|\s+|-)(?:{cardinals}|{scales})\b)*"
        rf"(?:\s+and\s+a\s+half\b)?)"
    )
    return {
        "digits": re.compile(rf"(?<![\d.,])(?:{DIGITS_PATTERN})(?![\d])"),
        # "1, 250 acres" in a lower-cased, detokenised feed: the tokenizer split "1,250" at its comma
        "detokenised_thousands": re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:, \d{3})+(?:,\d{3})*(?:\.\d+)?(?![\d,]|\.\d)"),
        "scientific": re.compile(
            r"(?<![\d.,])(\d+(?:\.\d+)?)\s*[×x\*]\s*10\s*(?:\^|\*\*)?\s*([−\-]?\d+|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?![\d])"
        ),
        "words": re.compile(word_number, re.IGNORECASE),
        "fraction_words": re.compile(
            rf"\b(?:(?:(?:an?|{cardinals})[\s-]+)(?:{fractions})|half)(?=\s+(?:of\b|(?:an?\s+)?(?:{scales}|dozen)\b))"
            rf"|\b(?:{fractions})(?=\s+(?:{scales})\b)"
            rf"|(?<=\bby\s)(?:an?|{cardinals})[\s-]+(?:{fractions})\b",
            re.IGNORECASE,
        ),
        # "a one-third interest", "a two-thirds majority": a hyphenated fraction modifying a noun
        "fraction_modifier": re.compile(
            rf"\b(?:{cardinals})(?:-| - )(?:{fractions})\b(?=\s+[A-Za-z])", re.IGNORECASE
        ),
        # "hundreds of people"; a chain of plurals is a number on its own ("tens of thousands marched")
        "vague": re.compile(rf"\b(?:{plurals})(?:(?:\s+of\s+(?:{plurals}))+|(?=\s+of\b))", re.IGNORECASE),
        # "half an hour", "half a mile", "a half turn", "three quarters of an inch" (checked: a unit follows)
        "fraction_of_a_unit": re.compile(
            rf"\b(?:(?:an?|{cardinals})[\s-]+)?(?:{fractions})(?:\s+an?)?(?=\s+[A-Za-z]|(?:-| - )[A-Za-z])", re.IGNORECASE
        ),
        "out_of": re.compile(
            rf"\b(\d+|{cardinals})\s+(?:out\s+of|in)\s+(\d+|{cardinals})\b(?!\s*(?:%|per|percent|years?|months?|weeks?|days?)\b)",
            re.IGNORECASE,
        ),
        "digit_fraction": re.compile(r"(?<![\d/])(\d+)\s*([/⁄])\s*(\d+)(?![\d/])"),
        # "2½ miles", "¾ cup": a whole number (or none) and one of Unicode's fraction characters
        "vulgar_fraction": re.compile(rf"(?<![\d.,])(?:(\d+)[ \u00a0]?)?([{_vulgar_fractions()}])"),
        "scale_after": re.compile(rf"[\s-]+({scales})\b", re.IGNORECASE),
        "scale_abbrev_after": re.compile(
            rf"(\s?)({_alternation(scale_abbreviations())})(?![A-Za-z0-9])", re.IGNORECASE
        ),
        "clock": re.compile(
            r"\b\d{1,2}(?:[:.]\d{2}| : \d{2})?\s*(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}(?::\d{2})?\b", re.IGNORECASE  # detokenised "9 : 30 a.m." too
        ),
        "phone": re.compile(r"(?<![\w.])\+?\(?\d{2,4}\)?(?:[ \-.]\d{2,4}){2,4}(?![\w.])"),
        "version": re.compile(r"\b\d+(?:\.\d+){2,}\b"),
        # "401(k)", "501(c)(3)", detokenised "401 ( k )": a section of a law, by number and letter
        "lettered_section": re.compile(r"\b\d+ ?\( ?([A-Za-z]) ?\)"),
        # detokenised "form 10 - k", "the g - 7": a code of digits and one letter around a spaced hyphen
        "spaced_letter_code": re.compile(r"(?<![\w.])\d+ - [a-z](?![\w-]| -)|(?<![\w.])[a-z] - \d+(?![\w.,]?\d)"),
        "spaced_ordinal": re.compile(r"(?<![\d.,])(\d{1,4}) (st|nd|rd|th)\b"),
        # a house number: one to four capitalised words (or an ordinal, "71st") and a street type
        "street_number": re.compile(
            r"(?<![\w.,$£€-])(\d{1,6})(?=((?:\s+(?:[A-Z][\w'’-]*\.?|\d+(?:st|nd|rd|th)\b)){1,4}?"
            rf"\s+(?:{_alternation(number_words()['street_types'])})\b\.?)(?![\w-])(?!\s+[A-Z][a-z]))"
        ),
    }


# ---------------------------------------------------------------- records under construction


@dataclass
class _Core:
    """A number as found in the text, before its context is read."""

    start: int
    end: int
    value: float
    kind: str  # digits | words | fraction | vague
    low: float | None = None
    high: float | None = None


@dataclass
class _Reading:
    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    unit: str = ""
    dimension: str = "number"
    qualifier: str | None = None
    currency: str | None = None
    change: str | None = None
    role: str | None = None
    tolerance: float | None = None


# ---------------------------------------------------------------- finding numbers


_OF_AFTER = re.compile(r"\s+of\b")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_MIXED_WHOLE = re.compile(r"(?<![\d.,])(\d{1,3})(?: |-| - )$")  # "10 1/2", "2-1/2-mile", detokenised "2 - 1/2"
_QUOTED_DENOMINATORS = frozenset({*range(2, 17), 32, 64})


def _unit_follows(text: str, end: int, *, spaced_only: bool = False, measure_only: bool = False) -> bool:
    """A unit of measure (not a currency, not a count) right after ``end``: "1/4 mile";
    ``measure_only``: no unit of time either."""
    gap = re.match(r" ?- ?(?=[A-Za-z])| ?", text[end : end + 4]).end()  # "1/4 mile", "3 1/2-inch pipe", "3 1/2 - inch"
    if spaced_only and not gap:
        return False
    found = match_unit_after(text, end + gap, attached=gap == 0) or unit_symbol_after(text, end + gap, attached=gap == 0)
    if found is None:
        word = re.match(r"[A-Za-z]+", _ahead(text, end + gap))
        entry = unit_after_a_fraction(word.group(0)) if word else None
        return entry is not None and not (measure_only and entry.dimension == "duration")
    excluded = ("currency", "percentage", "percentage-point", *(("duration",) if measure_only else ()))
    return found.entry.dimension not in excluded
_WORD_RIGHT_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def _after_a_change_word(text: str, start: int) -> bool:
    word = _WORD_RIGHT_BEFORE.search(text, max(0, start - 20), start)
    return word is not None and word.group(1).lower() in (_vocab()["up"] | _vocab()["down"])


_SCALE_AFTER_FRACTION = re.compile(r"\s+(?:an?\s+)?([A-Za-z]+)")


def _find_cores(text: str) -> list[_Core]:
    """Every number in ``text``, in reading order; the more specific readings claim their characters
    first (vague plurals, fractions, scientific notation), then digits, then number words."""
    pats = _patterns()
    cores: list[_Core] = []
    occupied = bytearray(len(text) + 1)

    def claim(core: _Core | None, span: tuple[int, int]) -> None:
        if core is not None:
            cores.append(core)
        occupied[span[0] : span[1]] = b"\x01" * (span[1] - span[0])

    def free(span: tuple[int, int]) -> bool:
        return not any(occupied[span[0] : span[1]])

    for m in pats["vague"].finditer(text):
        rng = vague_plural_range(m.group(0))
        if rng:
            claim(_Core(m.start(), m.end(), (rng[0] + rng[1]) / 2, "vague", rng[0], rng[1]), m.span())
    for m in pats["fraction_words"].finditer(text):
        value = parse_fraction_words(m.group(0))
        if value is None or not free(m.span()):
            continue
        scaled = _SCALE_AFTER_FRACTION.match(text, m.end())
        scale = parse_number_words(scaled.group(1)) if scaled and scaled.group(1).lower() != "of" else None
        if scale:  # "half a million": a number, not a share of something
            claim(_Core(m.start(), scaled.end(), value * scale, "words"), (m.start(), scaled.end()))
        else:
            claim(_Core(m.start(), m.end(), value, "fraction"), m.span())
    for m in pats["fraction_modifier"].finditer(text):
        value = parse_fraction_words(m.group(0))
        if value is not None and value < 1 and free(m.span()):
            claim(_Core(m.start(), m.end(), value, "fraction"), m.span())
    for m in pats["fraction_of_a_unit"].finditer(text):
        value = parse_fraction_words(re.sub(r"\s+an?$", "", m.group(0), flags=re.IGNORECASE))
        and_a_half = re.search(r"\band\s+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE)
        if and_a_half:
            continue  # "two and a half years": the number-word reader takes the whole
        hyphenated = text.startswith(("-", " - "), m.end())  # "a quarter-mile", not "a half-hour show" (a kind of thing)
        if value is not None and value < 1 and free(m.span()) and _unit_follows(text, m.end(), spaced_only=True, measure_only=hyphenated):
            claim(_Core(m.start(), m.end(), value, "digits"), m.span())
    for m in pats["out_of"].finditer(text):  # "one in five", "3 out of 4"
        numerator, denominator = parse_number_words(m.group(1)), parse_number_words(m.group(2))
        if numerator is not None and denominator and numerator < denominator <= 1000 and free(m.span()):
            claim(_Core(m.start(), m.end(), numerator / denominator, "fraction"), m.span())
    for m in pats["digit_fraction"].finditer(text):  # "1/16 of", "1⁄32"; never "24/7" or "9/11"
        numerator, slash, denominator = int(m.group(1)), m.group(2), int(m.group(3))
        is_fraction = denominator and (slash == "⁄" or _OF_AFTER.match(text, m.end()))
        whole = _MIXED_WHOLE.search(text, max(0, m.start() - 8), m.start())
        # "8 1/2 %", "traded at 100 3/4", "2 1/3 pies": a whole number and a proper fraction (of a
        # small denominator, or the 32nds and 64ths prices are quoted in) are one number, unit or not
        mixed = whole is not None and 0 < numerator < denominator and denominator in _QUOTED_DENOMINATORS
        # "rose 3/8 to 24 7/8", "up 3/8": a price moved by a fraction of a point (quoted in eighths)
        moved = 0 < numerator < denominator and denominator in _QUOTED_DENOMINATORS and _after_a_change_word(text, m.start())
        measures = denominator and numerator < denominator and (_unit_follows(text, m.end()) or mixed or moved)
        if not free(m.span()):
            continue
        if measures:  # "1/4 mile", "1/2 cup", "10 1/2 miles": a number of units
            start = whole.start(1) if whole and free((whole.start(1), m.start())) else m.start()
            value = numerator / denominator + (int(whole.group(1)) if start != m.start() else 0)
            claim(_Core(start, m.end(), value, "digits"), (start, m.end()))
        else:
            claim(
                _Core(m.start(), m.end(), numerator / denominator, "fraction") if is_fraction else None,
                m.span(),
            )
    for m in pats["vulgar_fraction"].finditer(text):
        if free(m.span()):
            value = unicodedata.numeric(m.group(2)) + (int(m.group(1)) if m.group(1) else 0)
            claim(_Core(m.start(), m.end(), value, "digits"), m.span())
    for m in pats["scientific"].finditer(text):
        if free(m.span()):
            exponent = int(m.group(2).replace("−", "-").translate(_SUPERSCRIPTS))
            try:
                core = _Core(m.start(), m.end(), float(m.group(1)) * 10.0**exponent, "digits")
            except OverflowError:  # "2x10^999": beyond any float, so no quantity a text commits to
                core = None
            claim(core, m.span())
    for m in pats["detokenised_thousands"].finditer(text):
        month_before = re.search(r"([a-z]+)\.? $", text[max(0, m.start() - 12) : m.start()])
        if month_before and month_before.group(1) in _vocab()["months"]:
            continue  # "oct. 5, 100 workers": a day, then a count
        if free(m.span()) and _lower_cased_line(text, m.start()):
            claim(_Core(m.start(), m.end(), parse_digits(m.group(0).replace(" ", "")), "digits"), m.span())
    for kind, parse in (("digits", parse_digits), ("words", parse_number_words)):
        for m in pats[kind].finditer(text):
            value = parse(m.group(0)) if free(m.span()) else None
            if value is None:
                continue
            half = _AND_A_HALF.match(text, m.end()) if kind == "digits" and math.isfinite(value) and value == int(value) else None
            if half and free(half.span()):  # "3 and a half years", as "three and a half years"
                claim(_Core(m.start(), half.end(), value + 0.5, kind), (m.start(), half.end()))
            else:
                claim(_Core(m.start(), m.end(), value, kind), m.span())
    cores.sort(key=lambda c: c.start)
    return cores


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Clock times, phone numbers and version strings: digits that are never quantities."""
    pats = _patterns()
    spans = [m.span() for m in pats["clock"].finditer(text)]
    for m in pats["phone"].finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits >= 9 and not re.search(r"\d,\d{3}", m.group(0)):
            spans.append(m.span())
    spans += [m.span() for m in pats["version"].finditer(text)]
    spans += [
        m.span() for m in pats["lettered_section"].finditer(text) if match_unit_after(m.group(1), 0, attached=True) is None
    ]  # "20 ( m )" is a unit in brackets, "401 ( k )" a section
    spans += [m.span() for m in pats["spaced_letter_code"].finditer(text) if _lower_cased_line(text, m.start())]
    spans += [m.span(1) for m in pats["street_number"].finditer(text) if not _counts_word_after(text, m.end(2))]
    # "the 2 nd place", "the 11 th hour": an ordinal whose suffix the tokenizer split off (not a
    # nanoday or a thou); only the suffix the number takes in English counts ("12 st" may be stone)
    spans += [m.span() for m in pats["spaced_ordinal"].finditer(text) if m.group(2) == _ordinal_suffix(int(m.group(1)))]
    return spans


def _counts_word_after(text: str, end: int) -> bool:
    """A plural noun follows the name: the number counts it ("200 Crown Court cases"), it is no
    house number ("10 Downing Street this week")."""
    from factlint.nlp.wordnet import is_english_word

    word = re.match(r"\s+([a-z]+)s\b", text[end : end + 40])
    return word is not None and word.group(1) + "s" not in STOP_WORDS and is_english_word(word.group(1))


def _ordinal_suffix(n: int) -> str:
    """The English ordinal suffix of ``n``: 1 -> "st", 12 -> "th", 22 -> "nd"."""
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


class _Spans:
    """Character spans sorted once, so that "does (a, b) overlap any of them" costs O(log n)
    whatever the document's length (a scan of every span per number made reading quadratic)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]
        self.max_end: list[int] = []
        running = -1
        for e in self.ends:
            running = max(running, e)
            self.max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans starting before ``end``
        return k > 0 and self.max_end[k - 1] > start

    def first_start_in(self, low: int, high: int) -> int | None:
        """The smallest span start s with low <= s < high, or None."""
        k = bisect_left(self.starts, low)
        return self.starts[k] if k < len(self.starts) and self.starts[k] < high else None


def _overlaps(a: tuple[int, int], spans: "_Spans") -> bool:
    return spans.overlaps(a[0], a[1])


# ---------------------------------------------------------------- tokens


_AHEAD = 100
"""How far after a number its scale, unit, rate and qualifiers are looked for (characters)."""


_OF_NOUN = re.compile(r"\s+of\s+([A-Za-z]+)")


def _weighed_after(text: str, pos: int) -> bool:
    """ "pounds of copper", "of fish": what follows is a thing weighed (its WordNet category is one of
    ``weighed_categories``), so the pounds are a weight whatever the scale."""
    m = _OF_NOUN.match(text, pos)
    if m is None:
        return False
    from factlint.nlp.wordnet import noun_category

    word = m.group(1).lower()
    weighed = set(number_words()["weighed_categories"])
    forms = [word] + ([word[:-2], word[:-1]] if word.endswith("es") else [word[:-1]] if word.endswith("s") else [])
    return any(noun_category(form) in weighed for form in forms if form)


def _ahead(text: str, pos: int) -> str:
    """The text right after ``pos``, bounded so that reading a long document stays linear."""
    return text[pos : pos + _AHEAD]


@dataclass(frozen=True)
class _TokenIndex:
    """The document text (read once: ``Doc.text`` rebuilds it on every access) and the character
    span of every token, for finding the token at a character offset."""

    text: str
    starts: list[int]
    ends: list[int]


def _token_index(doc: Doc, text: str) -> _TokenIndex:
    spans = doc.to_array(["IDX", "LENGTH"]).tolist() if len(doc) else []
    return _TokenIndex(text, [s for s, _ in spans], [s + n for s, n in spans])


def _token_at(doc: Doc, index: _TokenIndex, char: int) -> Token | None:
    i = bisect_right(index.starts, char) - 1
    if i >= 0 and char < index.ends[i]:
        return doc[i]
    return None


def _next_token(doc: Doc, index: _TokenIndex, char: int) -> Token | None:
    """The first token starting at or after ``char`` (skipping whitespace)."""
    i = char
    while i < len(index.text) and index.text[i].isspace():
        i += 1
    return _token_at(doc, index, i)


def _prev_token(doc: Doc, index: _TokenIndex, char: int) -> Token | None:
    """The token ending before ``char`` (skipping whitespace)."""
    i = char - 1
    while i >= 0 and index.text[i].isspace():
        i -= 1
    return _token_at(doc, index, i)


# ---------------------------------------------------------------- left context


@dataclass
class _Left:
    start: int
    sign: float = 1.0
    plus: bool = False
    currency: str | None = None
    qualifier: str | None = None
    qualifier_kind: str | None = None
    range_word: str | None = None  # "between" / "from" right before the number
    range_start: int | None = None
    currency_prefix: str = ""
    change: str | None = None
    reject: bool = False
    scale: float = 1.0
    """A scale written before the number with its currency ("MAUD 60")."""
    from_change: str | None = None
    """ "rose from X", "up from X": the direction of the change whose start level X is."""


@lru_cache(maxsize=1)
def _currency_prefixes() -> list[tuple[str, str, bool]]:
    """(form, code, must_attach) written before a number, longest first."""
    data = currency_data()
    prefixes = [(form, code, False) for form, code in currency_prefix_forms().items()]
    prefixes += [(form, code, True) for form, code in data["transliterations"].items()]
    prefixes += [(form, code, True) for form, code in glued_currency_symbols().items()]
    prefixes += [(form, code, True) for form, code in data["before_needs_scale"].items()]
    return sorted(prefixes, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _currency_prefixes_by_last_char() -> dict[str, list[tuple[str, str, bool]]]:
    """The prefixes grouped by their last character (longest first), so only a few are tried."""
    groups: dict[str, list[tuple[str, str, bool]]] = {}
    for prefix in _currency_prefixes():
        groups.setdefault(prefix[0][-1], []).append(prefix)
    return groups


def _match_currency_before(text: str, pos: int) -> tuple[int, str] | None:
    """A currency symbol/code ending at ``pos`` (spaces allowed between it and the number)."""
    j = pos
    while j > 0 and text[j - 1] == " ":
        j -= 1
    gap = pos - j
    for form, code, must_attach in _currency_prefixes_by_last_char().get(text[j - 1] if j else "", ()):
        start = j - len(form)
        if start < 0 or text[start:j] != form:
            continue
        if must_attach and gap and not (form.isupper() and _scaled_amount_at(text, pos)):
            continue  # "Rp25.6", "NIS50"; a symbol in capitals also spaced before a scaled amount: "NIS 5 million"
        if form[0].isalpha() and start > 0 and text[start - 1].isalnum():
            continue
        if form[0].isalpha() and re.search(r"['’`]\s?$", text[max(0, start - 2) : start]):
            continue  # "the company' s $500 million": the possessive, not "S$"
        if gap > 1:
            continue
        return start, code
    m = re.search(r"(?<![A-Za-z])([A-Z]{3}) ?$", text[max(0, pos - 4) : pos])
    if m and is_currency_code(m.group(1)) and m.group(1) not in CODE_STOPWORDS:
        return pos - len(m.group(0)), m.group(1)
    m = re.search(r"(?<![A-Za-z])([a-z]{3}) ?$", text[max(0, pos - 5) : pos])  # the window sees the letter before
    if m and _lower_cased_code(text, m.group(1), pos):
        return pos - len(m.group(0)), m.group(1).upper()  # "usd 35" in a lower-cased feed
    return None


def _lower_cased_code(text: str, written: str, pos: int) -> bool:
    """A currency code that lost its capitals before a number ("usd 35", "chf 20"): only in a
    lower-cased line, and only when the letters are no English word ("try 3 times", "top 10")
    and no unit."""
    from factlint.nlp.wordnet import is_english_word

    code = written.upper()
    return (
        is_currency_code(code)
        and code not in CODE_STOPWORDS
        and written not in STOP_WORDS
        and _lower_cased_line(text, pos)
        and not is_english_word(written)
        and unit_from_pint(written) is None
        and match_unit_after(written, 0, attached=False) is None
    )


def _scaled_amount_at(text: str, pos: int) -> bool:
    """Digits at ``pos`` followed by a scale word or letter ("5 million", "2.4bn")."""
    digits = _patterns()["digits"].match(text, pos)
    return digits is not None and _read_scale(text, digits.end(), money=True)[0] != 1.0


def _scaled_code_before(text: str, pos: int) -> tuple[int, UnitEntry] | None:
    """ "MAUD 60": a scaled currency code right before the number."""
    window = text[max(0, pos - 7) : pos]
    found = _scaled_currency_code(window.rstrip(), at_end=True) if window.endswith((" ", "")) else None
    if found is None:
        return None
    entry, length = found
    return pos - (len(window) - len(window.rstrip())) - length, entry


@lru_cache(maxsize=1)
def _scaled_code_pattern() -> re.Pattern[str]:
    prefixes = _alternation(p.upper() for p in number_words()["currency_code_scale_prefixes"])
    return re.compile(rf"(?<![A-Za-z])({prefixes})([A-Z]{{3}})(?![A-Za-z])")


def _scaled_currency_code(text: str, *, at_end: bool = False) -> tuple[UnitEntry, int] | None:
    """A currency code with a scale letter glued in front ("MEUR", "KUSD"): (entry with its scale,
    length), at the start of ``text`` (or, ``at_end``, ending it)."""
    if at_end:
        found = list(_scaled_code_pattern().finditer(text))
        m = found[-1] if found and found[-1].end() == len(text.rstrip()) else None
    else:
        m = _scaled_code_pattern().match(text)
    if m is None or not is_currency_code(m.group(2)) or m.group(2) in CODE_STOPWORDS:
        return None
    base = currency_entry(m.group(2))
    scale = scale_abbreviations()[m.group(1).lower()]
    return UnitEntry(base.unit, base.dimension, base.pint, scale, base.currency), len(m.group(0))


def _ends_with_phrase(lowered_left: str, phrase: str) -> bool:
    if not lowered_left.endswith(phrase):
        return False
    before = lowered_left[: len(lowered_left) - len(phrase)]
    return not before or not (before[-1].isalnum() and phrase[0].isalnum())


_LEFT_WINDOW = 160


def _read_left(text: str, core: _Core) -> _Left:
    vocab = _vocab()
    pos = core.start
    left = _Left(start=pos)
    # sign directly before the digits: "-5", "$-50.8bn", "+0.8%"
    if core.kind == "digits" and pos > 0 and text[pos - 1] in "-−+":
        before = text[pos - 2] if pos >= 2 else " "
        if not before.isalnum() or _match_currency_before(text, pos - 1):
            capital_word = re.search(r"\b([A-Z]{2,})\s$", text[max(0, pos - 30) : pos - 1])
            if (
                text[pos - 1] != "+"
                and before == " "
                and capital_word
                and not re.match(r"[\d.,]*\s*%", _ahead(text, core.end))
            ):
                left.reject = True  # "COVID -19": a name written with a stray space
                return left
            if text[pos - 1] == "+":
                left.plus = True
            else:
                left.sign = -1.0
            pos -= 1
        elif text[pos - 1] == "+":
            left.reject = True  # "P5+1", "C++11": part of a name
            return left
        else:
            word = re.search(r"([A-Za-z]+)-$", text[max(0, pos - 20) : pos])
            code = re.search(r"(?<![\w.,])([A-Za-z]+\d+)-$", text[max(0, pos - 20) : pos])
            if code:
                left.reject = True  # "scp2-173m", "A320-200": the second half of a code
                return left
            if before.isdigit() or (word and word.group(1).lower() in ("to", "and", "or", "from")):
                pass  # "16-17", "200,000 to-260,000": the range reader joins them
            elif word and word.group(1).lower() in vocab["negative"]:
                left.sign = -1.0
                pos -= len(word.group(0))
            elif word and word.group(1).lower() + "-" in vocab["qualifiers"]:
                pass  # "sub-7": the qualifier reader takes it
            elif word and word.group(1) in STOP_WORDS:
                pass  # "her now-18 month-old daughter": a function word glued on, not a code
            else:
                left.reject = True  # "Su-35", "COVID-19", "TA-35": a designation
                return left
    elif core.kind == "digits" and text[max(0, pos - 3) : pos] == " - " and _lower_cased_line(text, pos):
        word = re.search(r"(?<![\w.,'])([a-z]+) - $", text[max(0, pos - 24) : pos])
        if word and _names_a_code(word.group(1)) and _code_like(word.group(1)):
            left.reject = True  # detokenised "dc - 10", "covid - 19": the spaced hyphen of "DC-10"
            return left
    if core.kind == "words" and pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "-"):
        left.reject = True  # "7-Eleven": part of a name
        return left
    currency = _match_currency_before(text, pos)
    scaled_code = _scaled_code_before(text, pos)
    if scaled_code is not None and currency is not None and scaled_code[0] >= currency[0]:
        scaled_code = None  # the longer reading wins: "MAUD 60" is a scaled code, not "M" + "AUD"
    if scaled_code is not None:
        pos, entry = scaled_code
        currency, left.scale = (pos, entry.currency), entry.scale
        left.currency_prefix = text[pos : core.start].strip()
        left.currency = entry.currency
    elif currency:
        left.currency_prefix = text[currency[0] : pos].strip()
        pos, left.currency = currency
        if pos > 0 and text[pos - 1] in "-−" and (pos < 2 or not text[pos - 2].isalnum()):
            left.sign, pos = -1.0, pos - 1
    if core.kind == "digits" and pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_"):
        left.reject = True  # "G20", "S22", "M21": glued to letters
        return left
    base = max(0, pos - _LEFT_WINDOW)  # words before the number are read from a bounded window
    lowered = text[base:pos].lower().rstrip()
    m = re.search(r"\b(minus|negative)\s*$", lowered)
    if m and core.kind == "digits":
        left.sign = -1.0
        pos = base + m.start()
        lowered = text[base:pos].lower().rstrip()
    for phrase in vocab["qualifiers_sorted"]:
        if _ends_with_phrase(lowered, phrase):
            left.qualifier = phrase
            left.qualifier_kind = vocab["qualifiers"][phrase]
            pos = base + len(lowered) - len(phrase)
            lowered = text[base:pos].lower().rstrip()
            break
    for word in ("between", "from"):
        if _ends_with_phrase(lowered, word):
            left.range_word = word
            left.range_start = base + len(lowered) - len(word)
            break
    if left.range_word == "between":  # "increase between 4% and 5%": the increase is the range
        left.change = _change_before(lowered[: left.range_start - base])
    elif left.range_word == "from":  # "rose from 61% to 78%": two levels and a change, no range
        left.from_change = _change_before(lowered[: left.range_start - base])
    elif left.range_word is None:
        left.change = _change_before(lowered)
    left.start = pos
    return left


CODE_LETTERS = 3
"""A maker's or a disease's code before a spaced hyphen is short ("dc - 10", "su - 35") or no
English word ("covid - 19"); a longer English word before " - " is a dash ("prices rose - 5 percent")."""


def _code_like(word: str) -> bool:
    from factlint.nlp.wordnet import is_english_word

    return len(word) <= CODE_LETTERS or not is_english_word(word)


def _names_a_code(word: str) -> bool:
    """A word that, hyphened to digits, makes a designation ("dc-10", "covid-19"), as the glued
    reading decides: not a range word, a negative or a qualifier, a function word, a unit or a scale."""
    vocab = _vocab()
    return not (
        word in ("to", "and", "or", "from")
        or word in vocab["negative"]
        or word + "-" in vocab["qualifiers"]
        or word in STOP_WORDS
        or word in scale_words()
        or match_unit_after(word, 0, attached=False) is not None
        or unit_from_pint(word) is not None
    )


def _change_before(lowered_left: str) -> str | None:
    """Direction of a change word among the last few words before the number ("rose", "down by")."""
    vocab = _vocab()
    words = re.findall(r"[a-z]+|[+\-−]", lowered_left[-60:])
    if len(words) >= 2 and words[-1] == "of" and (words[-2] in vocab["up"] or words[-2] in vocab["down"]):
        return "up" if words[-2] in vocab["up"] else "down"  # "a jump of 25 points", "a fall of 3%"
    if words and words[-1] == "by":  # "raised rates by 25 basis points", "cut its forecast by 2%"
        for word in reversed(words[-5:-1]):
            if word in vocab["up"] and word not in ("+", "up"):
                return "up"
            if word in vocab["down"] and word not in ("-", "−", "down"):
                return "down"
    for word in reversed(words[-4:]):
        if word in vocab["up"] and word not in ("+",):
            return "up"
        if word in vocab["down"] and word not in ("-", "−"):
            return "down"
        if word in vocab["level_words"]:
            return None
        if word not in vocab["change_skip"]:
            return None
    return None


# ---------------------------------------------------------------- right context


def _read_scale(text: str, pos: int, *, money: bool) -> tuple[float, int]:
    """Scale words/abbreviations right after ``pos``: (multiplier, new end)."""
    multiplier = 1.0
    scales = scale_words()
    rules = number_words()["scale_abbreviation_rules"]
    while True:
        m = _patterns()["scale_after"].match(text, pos)
        if not m:
            break
        multiplier *= scales[m.group(1).lower()]
        pos = m.end()
    if multiplier != 1.0:
        return multiplier, pos
    m = _patterns()["scale_abbrev_after"].match(text, pos)
    if m:
        space, abbrev = m.group(1), m.group(2)
        lower = abbrev.lower()
        rest = _ahead(text, m.end())
        followed_by_unit = bool(re.match(r"\s+(?:[a-z]{3,}|[A-Z]{3}\b|€|£)", rest)) and not re.match(
            rf"\s+(?:{_alternation(_vocab()['function_words_after_scale'])})\b", rest
        )
        money = money or _currency_word_after(text, m.end())  # "5 M dollars": the money is named after the scale
        if space and not (lower in rules["spaced"] or (money and lower in rules["money_spaced"])):
            return 1.0, pos
        if lower in rules["metre_unless_money"] and abbrev == lower and not money and not followed_by_unit:
            return 1.0, pos  # "37m" is 37 metres
        if lower in rules["money_only"] and not money:
            return 1.0, pos
        return scale_abbreviations()[lower], m.end()
    return 1.0, pos


def _currency_word_after(text: str, pos: int) -> bool:
    """A currency name or code is the next word ("5 M dollars", "5 m EUR")."""
    gap = re.match(r"[ \u00a0]+", text[pos : pos + 3])
    if gap is None:
        return False
    found = match_unit_after(text, pos + gap.end(), attached=False)
    return found is not None and found.entry.dimension == "currency"


@dataclass
class _Unit:
    entry: UnitEntry
    end: int
    currency: str | None = None


def _unit_after_modifier(text: str, start: int) -> UnitMatch | None:
    """A unit behind a word that does not change it ("5 US gallons", "a troy ounce"), or a length
    behind a power ("4 cubic yards", "10 sq. km", "4 cu. ft."; ``power_modifiers``)."""
    m = re.match(r"([A-Za-z.]+)(?:\s*-\s*|\s*)", _ahead(text, start))  # also "square-foot", detokenised "square - foot"
    if m is None:
        return None
    power = _vocab()["power_modifiers"].get(m.group(1).lower())
    if (m.group(1) not in _vocab()["unit_modifiers"] and power is None) or not m.group(0)[-1:] in (" ", "\t", "\n", "-") and not m.group(1).endswith("."):
        return None
    after = start + m.end()
    found = match_unit_after(text, after, attached=False) or unit_symbol_after(text, after, attached=False) or _pint_word_after(text, after)
    if found is None and power is not None:
        found = unit_symbol_after(text, after, attached=True)  # "3 sq in": behind a power, "in" can only be the inch
    if found is None or found.entry.dimension in ("currency", "percentage"):
        return None
    if power is None:
        return found
    squared = powered_unit(found.entry, power)
    return UnitMatch(squared, found.end) if squared is not None else None


def _currency_code_at(text: str, start: int) -> str | None:
    """The ISO 4217 code of a three-letter currency code written at ``start`` ("USD", or one of
    the letter codes written before numbers too: "RMB"); in a lower-cased feed also "usd", "rmb"."""
    m = re.match(r"([A-Za-z]{3})(?![A-Za-z])", _ahead(text, start))
    if m is None:
        return None
    written = m.group(1)
    if not written.isupper() and not (written.islower() and written not in STOP_WORDS and _lower_cased_line(text, start)):
        return None
    code = written.upper()
    if code in CODE_STOPWORDS:
        return None
    if written.islower() and (match_unit_after(text, start, attached=False) or unit_from_pint(written)):
        return None  # "70 kgs" in a lower-cased feed are kilograms, not Kyrgyz som
    if is_currency_code(code):
        return code
    before = currency_prefix_forms().get(code)
    return before if before and code.isalpha() else None


_FEET_MARK_BEFORE_INCHES = re.compile(r"( ?)['’]\s?\d{1,2}(?:\.\d+)?\s?(?:\"|″|”|'')")  # detokenised "5 ' 10 \"" too
def _closes_a_quote(text: str, pos: int) -> bool:
    """An odd number of quotation marks (straight double quotes not right after a number, which are
    inch marks) on the line before ``pos``: the next one closes the quotation."""
    line_start = text.rfind("\n", 0, pos) + 1
    marks = 0
    for quote in re.finditer('"', text[line_start:pos]):
        before = text[max(line_start, line_start + quote.start() - 2) : line_start + quote.start()]
        marks += not re.search(r"\d ?$", before)
    return marks % 2 == 1


_FEET_BEFORE_INCHES = re.compile(r"\d['’′]\s?\d{1,2}(?:\.\d+)?$")
_ENDS_A_MEASURE = re.compile(r"\s+of\b|\.?\s*(?:[,;:!?)]|$)|\.\s")


def _read_unit(text: str, pos: int, *, had_scale: bool) -> _Unit | None:
    """The unit or currency written right after ``pos`` ("%", "bcm", "euros", "USD", "miles per
    hour"); degrees followed by a scale letter are a temperature ("90 degrees F", "30 deg C")."""
    feet_mark = _FEET_MARK_BEFORE_INCHES.match(text, pos)
    if feet_mark:  # "5'11\"": an apostrophe is the foot's prime only before inches
        feet = match_unit_after("′", 0, attached=True)
        if feet is not None:
            return _Unit(feet.entry, pos + len(feet_mark.group(1)) + 1)
    if text[pos : pos + 1] in ("”", "''") and _FEET_BEFORE_INCHES.search(text, max(0, pos - 12), pos):
        inches = match_unit_after("″", 0, attached=True)  # "6’2”": a closing quote is the inch mark only after feet
        if inches is not None:
            return _Unit(inches.entry, pos + 1)
    unit = _read_unit_as_written(text, pos, had_scale=had_scale)
    if unit is not None and text[pos : unit.end].strip() == '"' and _closes_a_quote(text, pos):
        return None  # 'he said "it is 5" and left': the mark closes the quotation, no inches
    if unit is None and not had_scale:
        gap = re.match(r"[ \u00a0]?", _ahead(text, pos)).group(0)
        unit = _spaced_temperature_letter(text, pos + len(gap), gap.replace("\u00a0", " "))
    if unit is not None and unit.entry.dimension == "duration" and not had_scale:
        old = _vocab()["age_suffix"].match(text, unit.end)
        if old:  # "2 yr old", "10yrs old": any unit of time, then "old", is an age
            entry = unit.entry
            return _Unit(UnitEntry(f"{entry.unit}{AGE_OF}", "age", entry.pint), old.end())
    scale = _temperature_scale_after(text, unit.end) if unit is not None and unit.entry.dimension == "angle" else None
    return _Unit(scale.entry, scale.end) if scale is not None else unit


_POWER_AFTER = re.compile(r"(?:\^|\*\*)([23])(?!\d|\.\d)|([²³])")


def _read_unit_as_written(text: str, pos: int, *, had_scale: bool) -> _Unit | None:
    gap = re.match(r"( ?- (?=[A-Za-z])| ?-|[ \u00a0]{0,2})", _ahead(text, pos)).group(0)  # "3-inch", detokenised "3 - inch"
    start = pos + len(gap)
    attached = gap == ""
    hyphenated = "-" in gap
    code = _currency_code_at(text, start) if len(gap) <= 1 and not hyphenated else None
    if code is not None:
        return _Unit(currency_entry(code), start + 3, code)
    scaled = _scaled_currency_code(_ahead(text, start)) if len(gap) <= 1 and not hyphenated else None
    if scaled is not None:  # "120 MEUR"
        entry, length = scaled
        return _Unit(entry, start + length, entry.currency)
    case_lost = _lower_cased_line(text, start)  # "10 mb", "5 tb" in a lower-cased feed: the lexicon's "MB", "TB"
    found = match_unit_after(text, start, attached=attached, fold_case=case_lost) or _unit_after_modifier(text, start)
    if found is None and gap == " ":
        glued = match_unit_after(text, start, attached=True, fold_case=case_lost)
        inch_mark = glued is not None and text[start : glued.end] == '"' and not _closes_a_quote(text, start)
        ends_a_measure = _ENDS_A_MEASURE.match(text, glued.end) or _vocab()["dimension_adjective_after"].match(text, glued.end) if glued is not None else None
        if glued is not None and not glued.entry.currency and (inch_mark or ends_a_measure):
            found = glued  # "add 5 g of salt", "it is 2 in.", "2 in wide": a glued form, spaced, then "of", a pause or a size
    if found is not None and found.entry.currency and re.match(r"\d", _ahead(text, found.end)):
        found = None  # "1 $10 bill": the symbol belongs to the next number
    two_words = re.match(r"([A-Za-z]+) ([A-Za-z]+)", _ahead(text, start))
    if found is not None and two_words and found.end < start + two_words.end():
        entry = unit_from_pint(f"{two_words.group(1)}_{two_words.group(2)}")
        if entry is not None:  # "12 watt hours": pint's two-word name beats the lexicon's first word
            return _Unit(entry, start + two_words.end())
    if found is not None and not found.as_written and not hyphenated and not case_lost:
        exact = unit_symbol_after(text, start, attached=attached)
        if exact is not None and exact.end >= found.end:
            return _Unit(exact.entry, exact.end)  # "12 mW", "3 Mm": pint's symbol as written beats a folded form
    power = _POWER_AFTER.match(text, found.end) if found is not None else None
    squared = powered_unit(found.entry, int((power.group(1) or power.group(2)).translate(_SUPERSCRIPTS))) if power else None
    if squared is not None:
        return _Unit(squared, power.end())  # "80 m^2", "2 m**3": a power written after the length
    if found is not None:
        entry = found.entry
        if text[start : found.end].lower() in ambiguous_currency_names() and not had_scale:
            return None
        if entry.unit == "pound-mass" and had_scale and not _weighed_after(text, found.end):
            entry = currency_entry("GBP")  # "5 million pounds" is money; "208 pounds" is a weight
        if entry.unit == "penny" and re.match(r"\.\w", _ahead(text, found.end)):
            return None  # "5 p.m."
        return _Unit(entry, found.end, entry.currency)
    symbol = unit_symbol_after(text, start, attached=attached) if not hyphenated else None
    if symbol is not None:
        return _Unit(symbol.entry, symbol.end)
    bracketed = re.match(r"[(\[{] ?", _ahead(text, start)) if len(gap) <= 1 else None
    if bracketed:  # "20 (kg)", "20 {kg}", detokenised "20 ( kg )": the unit in brackets right after the number
        inner_start = start + bracketed.end()
        inner = match_unit_after(text, inner_start, attached=True) or unit_symbol_after(text, inner_start, attached=True)
        closing = re.match(r" ?[)\]}]", text[inner.end : inner.end + 2]) if inner is not None else None
        if inner is not None and inner.entry.dimension != "currency" and closing:
            return _Unit(inner.entry, inner.end + closing.end())
    words = re.match(r"([A-Za-z]+)(?:[ -]([A-Za-z]+))?", _ahead(text, start))
    if words and (not attached or len(words.group(1)) >= 3):
        if words.group(2):  # "12 watt hours", "5 electron volts": a unit pint names in two words
            entry = unit_from_pint(f"{words.group(1)}_{words.group(2)}")
            if entry is not None:
                return _Unit(entry, start + words.end())
        # hyphenated ("a 12-kilopascal valve") only for a word pint spells out in full
        entry = unit_from_pint(words.group(1)) if not hyphenated or len(words.group(1)) >= 5 else None
        if entry is not None:
            return _Unit(entry, start + len(words.group(1)))
        entry = misspelt_measure(words.group(1)) or misspelt_temperature_scale(words.group(1))
        if entry is not None:  # "12 milimeters", "5 kilogrammes", "10.5 celcius": a unit name one letter off
            return _Unit(entry, start + len(words.group(1)))
    return None


def _temperature_scale_after(text: str, pos: int) -> UnitMatch | None:
    """The scale of a temperature written after "degrees": its letter ("F", "C"; lower-case in a
    lower-cased feed), read as the lexicon reads it glued to a number, or its name ("deg celsius",
    "degrees kelvin", through the lexicon or pint)."""
    abbreviated = text[max(0, pos - 3) : pos].lower() == "deg"  # "32 deg. f": the abbreviation's full stop
    m = re.match(r"\.? ?([A-Za-z])(?![A-Za-z])" if abbreviated else r" ?([A-Za-z])(?![A-Za-z])", text[pos : pos + 4])
    if m is not None:
        if m.group(1).islower() and not _lower_cased_line(text, pos):
            return None
        found = match_unit_after(m.group(1).upper(), 0, attached=True)
        return UnitMatch(found.entry, pos + m.end()) if found is not None and found.entry.dimension == "temperature" else None
    word = re.match(r" ([A-Za-z]+)", text[pos : pos + 20])
    if word is None:
        return None
    found = match_unit_after(text, pos + 1, attached=False) or _pint_word_after(text, pos + 1)
    if found is None:
        misspelt = misspelt_temperature_scale(word.group(1))  # "100 degrees celcius"
        found = UnitMatch(misspelt, pos + word.end()) if misspelt is not None else None
    return found if found is not None and found.entry.dimension == "temperature" else None


def _spaced_temperature_letter(text: str, start: int, gap: str) -> _Unit | None:
    """ "a high of 50 F", "the 2 C target": a temperature scale letter after a space, upper-case,
    with no capitalised word after it (that would be a name: "Group 4 C Stand")."""
    m = re.match(r"([A-Z])(?![A-Za-z0-9])(?:\s+([A-Za-z]))?", text[start : start + 4])
    if gap != " " or m is None or (m.group(2) and m.group(2).isupper()):
        return None
    found = match_unit_after(m.group(1), 0, attached=True)
    if found is None or found.entry.dimension != "temperature":
        return None
    return _Unit(found.entry, start + 1)


def _pint_word_after(text: str, pos: int) -> UnitMatch | None:
    """A unit word pint knows spelled out right at ``pos`` ("gramme", "pascals")."""
    word = re.match(r"[A-Za-z]+", _ahead(text, pos))
    entry = unit_from_pint(word.group(0)) if word else None
    return UnitMatch(entry, pos + len(word.group(0))) if entry is not None else None


# After "a year", "a month": these make it a point in time ("a year earlier"), not a rate.
_NOT_A_RATE_AFTER = re.compile(
    r"\s+(?:earlier|ago|later|before|previously|prior|back|from now|in advance)\b|\s+on\s*[,.]"
)


def _read_rate(
    text: str, pos: int, doc: Doc, index: _TokenIndex, *, money: bool = False
) -> tuple[str, int] | None:
    """A "per ..." part right after a unit: ("year", end) for "a year", "annually", "per annum";
    ("barrel", end) for "per barrel", "a barrel"; ("share", end) for "per share"."""
    rest_lower = _ahead(text, pos).lower()
    for phrase, per in _vocab()["rates"]:
        for sep in (" ", "", "-"):
            probe = sep + phrase
            if rest_lower.startswith(probe) and (
                len(rest_lower) == len(probe) or not rest_lower[len(probe)].isalnum()
            ):
                if sep == "" and phrase[0].isalpha():
                    continue
                if _NOT_A_RATE_AFTER.match(rest_lower, len(probe)):
                    continue  # "a year earlier" dates the figure; it is not a rate
                return per, pos + len(probe)
    m = re.match(r"(\s+per\s+|\s*/\s*|\s+an?\s+|\s?-\s?an?\s?-\s?|\s+each\s+)", _ahead(text, pos), re.IGNORECASE)
    if not m:
        return None
    after = pos + m.end()
    per = "per" in m.group(0).lower() or "/" in m.group(0)
    unit = (
        match_unit_after(text, after, attached=per)  # after "per" even a glued-only form is the unit: "60 km per h"
        or _unit_after_modifier(text, after)
        or unit_symbol_after(text, after, attached="/" in m.group(0), denominator="/" in m.group(0))
        or _pint_word_after(text, after)
    )
    if unit is not None and unit.entry.dimension not in ("percentage", "currency"):
        if unit.entry.dimension == "duration" and re.match(
            _NOT_A_RATE_AFTER.pattern, _ahead(text, unit.end).lower()
        ):
            return None
        return unit.entry.unit, unit.end
    article = re.fullmatch(r"\s+an?\s+", m.group(0), re.IGNORECASE) is not None
    hyphenated = "-" in m.group(0)  # "a 12-cent-a-share dividend": the compound modifies a noun
    if (article or hyphenated) and money:
        tok = _token_at(doc, index, after)
        nxt = doc[tok.i + 1] if tok is not None and tok.i + 1 < len(doc) else None
        if (
            tok is not None
            and tok.idx == after
            and tok.tag_ == "NN"
            and (hyphenated or nxt is None or nxt.pos_ not in ("NOUN", "PROPN"))
        ):
            return tok.lemma_.lower(), tok.idx + len(tok.text)  # "45 cents a share"
    if "per" in m.group(0).lower() or "/" in m.group(0):
        tok = _token_at(doc, index, after)
        if tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.idx == after:
            # "per square foot": include a compound head
            head = tok
            while (
                head.dep_ in ("compound", "amod") and head.head.i == head.i + 1 and head.head.pos_ == "NOUN"
            ):
                head = head.head
            return head.lemma_.lower() if head.i == tok.i else " ".join(
                t.lemma_.lower() if t.i == head.i else t.text.lower() for t in doc[tok.i : head.i + 1]
            ), head.idx + len(head.text)
    return None


# ---------------------------------------------------------------- counted nouns




_NOUN_SCAN_SKIP = {"DET", "ADJ", "CCONJ", "NUM", "ADV"}


def _scan_noun(doc: Doc, first: Token, limit: int = 7) -> Token | None:
    """The head noun of the phrase starting at ``first``, read left to right: skip determiners,
    adjectives, numbers and participles ("the combined 4.3M digital and physical sales" -> sales),
    then take the last noun of a run of nouns ("heart transplants" -> transplants)."""

    def nounish(t: Token) -> bool:
        return t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME")

    i = first.i
    end = min(len(doc), first.i + limit)
    found: Token | None = None
    while i < end:
        tok = doc[i]
        if i > 0 and doc[i - 1].like_num and tok.lower_ in scale_abbreviations():
            i += 1  # the "M" of "4.3M"
            continue
        if nounish(tok):
            # a run of nouns goes on while each modifies a later word ("heart transplants"); a
            # noun headed before it ends its phrase ("of the 1,200 staff quit": "quit" is the verb)
            while i + 1 < len(doc) and doc[i].head.i > i and (
                nounish(doc[i + 1]) or (doc[i + 1].like_num and i + 2 < len(doc) and nounish(doc[i + 2]))
            ):
                i += 1
            found = doc[i]
            if (
                i + 2 < len(doc)
                and doc[i + 1].pos_ == "CCONJ"
                and doc[i + 2].pos_ in ("ADJ", "NOUN", "PROPN")
            ):
                i += 2  # "Kia and Hyundai vehicles": the noun after the conjunction is the head
                continue
            return found
        if tok.pos_ == "CCONJ" and i + 1 < len(doc) and doc[i + 1].pos_ == "DET":
            return found  # "2,640 and the stock rose": the conjunction and a determiner open another phrase
        modifies_later = tok.dep_ in ("amod", "compound", "nummod", "nmod") and tok.head.i > tok.i
        if tok.pos_ in _NOUN_SCAN_SKIP or modifies_later or tok.text == "-" or tok.pos_ == "X":
            i += 1
            continue
        return found
    return found


def _counted_noun(doc: Doc, index: _TokenIndex, core_end: int, after: int) -> Token | None:
    """The noun a number counts: "20 warships", "one of the best speakers", "hundreds of miles"."""
    m = re.match(
        r"\s+of\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+|his\s+|her\s+|our\s+|all\s+|an?\s+)?",
        _ahead(index.text, after),
        re.IGNORECASE,
    )
    if m:
        tok = _token_at(doc, index, after + m.end())
        return _scan_noun(doc, tok) if tok is not None else None
    tok = _token_at(doc, index, core_end - 1)
    if tok is None:
        return None
    number = tok
    for _ in range(3):
        if (
            number.dep_ in ("compound", "nummod", "quantmod")
            and number.head.pos_ == "NUM"
            and number.head.i > number.i
        ):
            number = number.head
    head = number.head
    if (
        number.dep_ in ("nummod", "compound", "amod", "nmod", "dep")
        and head.i > number.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.i - number.i <= 6
    ):
        between = doc[number.i + 1 : head.i]
        if not any(t.is_punct and t.text not in "-" for t in between) and head.idx >= after:
            # "six spray aircraft" parsed with the number on "spray": the compound's head is counted;
            # a hyphened "12-member bloc" counts members
            hyphened = any(t.text == "-" for t in between)
            while not hyphened and head.dep_ == "compound" and head.head.i == head.i + 1 and head.head.pos_ == "NOUN":
                head = head.head
            return head
    nxt = _next_token(doc, index, after)
    if nxt is not None and nxt.idx - after <= 1 and nxt.i > tok.i:
        noun = _scan_noun(doc, nxt, limit=5)
        if noun is not None and noun.pos_ == "NOUN":
            return noun
    return None


_TIMES = re.compile(r"\s*(?:times|x)\b")
_FOLD = re.compile(r"(?:-|\s+)fold\b")


def _times_multiplier(doc: Doc, index: _TokenIndex, end: int) -> int | None:
    """End of "times"/"-fold" when the number multiplies something: "6.5 times earnings", "three
    times as loud", "a 10-fold rise"; "met 40 times" (then a pause or a preposition) counts occasions."""
    fold = _FOLD.match(index.text, end)
    if fold:
        return fold.end()
    times = _TIMES.match(index.text, end)
    if not times:
        return None
    if times.group(0).strip() == "x" and re.match(r"\s*\d", index.text[times.end() : times.end() + 3]):
        return None  # "40 x 60 feet", "1 m x 1 m": the sides of a size
    after = _next_token(doc, index, times.end())
    multiplies = after is not None and (
        after.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON")
        or after.tag_ in ("JJR", "RBR")
        or after.lower_ in _vocab()["multiplier_followers"]
    )
    return times.end() if multiplies else None


def rate_period(phrase: str) -> str | None:
    """The period a rate phrase of ``rate_words`` names ("every day" -> "day", "a year" -> "year"),
    or None."""
    return next((per for words, per in _vocab()["rates"] if words == phrase.lower()), None)


def singular_noun(noun: Token) -> str:
    """The singular of a counted noun from its spelling, with the model's lemma as the fallback:
    the lemmatiser depends on context and sometimes returns "dos" for "doses" or "cargoe" for
    "cargoes", which would make one noun two units."""
    word, lemma = noun.text.lower(), noun.lemma_.lower()
    if noun.tag_ != "NNS" or not word.endswith("s") or len(word) < 4 or lemma == word:
        return lemma
    if word.endswith("ies") and len(word) > 4:
        # "companies" -> "company"; but where the model reads no "-y" singular ("species" ->
        # "specie"), the spelling rule would invent one ("specy"): keep the model's lemma
        return word[:-3] + "y" if lemma.endswith("y") or lemma == word else lemma
    if lemma + "es" == word and lemma.endswith(("s", "x", "z", "ch", "sh")) and not lemma.endswith("os"):
        return lemma  # viruses, classes, boxes, churches
    if word.endswith("oes") and len(word) > 5:
        return word[:-2]  # cargoes, heroes
    if word.endswith(("ss", "us", "is")):
        return lemma
    return word[:-1]  # doses, warships


def _noun_name(noun: Token) -> str:
    """The counted thing's name: the noun's lemma ("warships" -> "warship"); a model name when the
    head is a designation ("Model 3s" -> "model 3s"); "" for a stray letter."""
    if sum(ch.isalpha() for ch in noun.text) > 1:
        if noun.pos_ == "PROPN" and any(ch.isdigit() for ch in noun.text):
            return _model_name(noun)
        return singular_noun(noun)
    compounds = [t for t in noun.lefts if t.dep_ == "compound"]
    if compounds and noun.text[:1].isdigit():
        return noun.doc[compounds[0].i : noun.i + 1].text.lower()
    return ""


def _model_name(noun: Token) -> str:
    """A model designation as one name, its plural "s" dropped: "T400-X2s" -> "t400-x2",
    "A320neos" -> "a320neo"."""
    doc, first = noun.doc, noun.i
    while first >= 2 and doc[first - 1].tag_ == "HYPH" and not doc[first - 1].whitespace_ and not doc[first - 2].whitespace_:
        first -= 2
    name = doc[first : noun.i + 1].text.lower()
    return name[:-1] if len(name) > 2 and name.endswith("s") else name


def _fraction_of_unit(text: str, end: int) -> tuple[UnitEntry, int] | None:
    """ "a quarter of a percentage point", "1/128 of a US gallon": a fraction of a unit of measure."""
    m = re.match(r"\s+of\s+an?\s+", _ahead(text, end), re.IGNORECASE)
    if not m:
        return None
    start = end + m.end()
    modifier = re.match(r"[A-Za-z.]+\s+", _ahead(text, start))
    for candidate in (start, start + modifier.end() if modifier else None):
        found = match_unit_after(text, candidate, attached=False) if candidate is not None else None
        if found is not None:
            return found.entry, found.end
    return None


def _extend_to_noun(
    doc: Doc, index: _TokenIndex, reading: _Reading, noun: Token, *, with_rate: bool = True
) -> None:
    """Grow the span over the counted noun ("5,000 soldiers", "hundreds of protesters") and a rate
    after it ("tests per day") when nothing but words separates them."""
    between = index.text[reading.end : noun.idx]
    if noun.idx < reading.end or len(between) > 40 or re.search(r"[^\w\s\-]", between):
        return
    if re.search(r"\d", between) or _patterns()["words"].search(between):
        return  # "five of its last six games": the span stops before the other number
    reading.end = noun.idx + len(noun.text)
    if with_rate:
        rate = _read_rate(index.text, reading.end, doc, index)
        if rate is not None:
            reading.unit = f"{reading.unit} per {rate[0]}"
            reading.dimension = dimension_of(reading.unit)
            reading.end = rate[1]


def _is_multiplier(doc: Doc, noun: Token) -> bool:
    """ "6.5 times earnings", "twice as loud", "3 times more": a ratio, not a count of occasions."""
    if noun.lemma_.lower() != "time":
        return False
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return nxt is not None and (
        nxt.pos_ in ("NOUN", "ADJ", "DET", "PROPN")
        or nxt.lower_ in _vocab()["multiplier_followers"]
    )


# ---------------------------------------------------------------- designations and dates


def _is_designation(
    doc: Doc, index: _TokenIndex, start: int, left: _Left, *, counted: bool, plain_integer: bool, scaled: bool = False
) -> bool:
    """A number that names something: "Boeing 737", "iPhone 11", "Section 3", "Big 12"; in
    lower-cased text too ("windows 10", "formula 1"): a plain integer right after a noun."""
    vocab = _vocab()
    if left.qualifier or left.currency or left.sign < 0 or left.plus or scaled:
        return False  # a scale after the digits makes an amount: "Britains 67 million people"
    if re.search(r"(?:\bnos?\.|#)\s*$", index.text[max(0, start - 6) : start], re.IGNORECASE):
        return True  # "No. 3", "#5"
    prev = _prev_token(doc, index, start)
    if prev is None or prev.idx + len(prev.text) < start - 1:
        return False
    if index.text[prev.idx + len(prev.text) : start].strip():
        return False
    word = prev.text.lower()
    if word in ("top", "bottom"):
        return not counted  # "the top 10" is a list; "the top three seeds" counts seeds
    if word in vocab["designations"]:
        # "Section 3", "seat 12"; but "it will seat 93,000 fans", and "jets which seat 72 passengers"
        # where the tagger calls the verb a noun but the parser gives it a subject
        return prev.pos_ not in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in prev.children)
    if word in vocab["months"] or word in vocab["qualifiers"] or word in vocab["up"] or word in vocab["down"]:
        return False
    if not prev.text[:1].isalpha():
        return False
    article = doc[prev.i - 1].lower_ if prev.i > 0 else ""
    if plain_integer and prev.pos_ == "NOUN" and prev.ent_type_ != "NORP" and article not in ("a", "an"):
        return True  # but "a record 32 goals" counts goals
    is_name = prev.pos_ == "PROPN" or any(ch.isupper() for ch in prev.text[1:])
    if not is_name or prev.ent_type_ == "NORP":
        return False
    return prev.is_sent_start is not True or prev.pos_ == "PROPN"


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[\s.,]*([A-Za-z]+)", _ahead(text, pos))
    return m.group(1) if m else ""


def _is_day_of_month(index: _TokenIndex, core: _Core, left_start: int, right_end: int) -> bool:
    """ "March 29", "Oct. 31", "29 March": a day of a month, the date extractor's."""
    vocab = _vocab()
    if core.kind != "digits" or not (1 <= core.value <= 31) or core.value != int(core.value):
        return False
    prev_word = re.search(r"([A-Za-z]+)(\.?)\s*$", index.text[max(0, left_start - 15) : left_start])
    if prev_word and prev_word.group(1).lower() in vocab["months"]:
        # "March 29"; in lower case only "oct. 7" (abbreviated) or in a lower-cased text
        if prev_word.group(1)[0].isupper() or prev_word.group(2) or _lower_cased_line(index.text, left_start):
            return True
    nxt = _next_word(index.text, right_end)
    return bool(nxt) and nxt.lower() in vocab["months"] and (nxt[0].isupper() or _lower_cased_line(index.text, right_end))


def _lower_cased_line(text: str, pos: int) -> bool:
    """The line around ``pos`` has no capital letter: a lower-cased feed, where "may 19" is a date."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else min(len(text), pos + 2000)][:2000]
    return not any(ch.isupper() for ch in line)


def _looks_like_year(text: str, core: _Core) -> bool:
    raw = text[core.start : core.end]
    return core.kind == "digits" and raw.isdigit() and len(raw) == 4 and 1000 <= core.value <= 2200


def _is_year(core: _Core, text: str) -> bool:
    """A bare integer in YEAR_RANGE, or any four-digit one after "in", "by", "since" ..., is a year."""
    if _looks_like_year(text, core) and re.search(
        rf"\b(?:{_alternation(_vocab()['year_cues'])})[\s-]*$", text[max(0, core.start - 20) : core.start].lower()
    ):
        return True
    raw = text[core.start : core.end]
    return core.kind == "digits" and raw.isdigit() and YEAR_RANGE[0] <= core.value <= YEAR_RANGE[1]


# ---------------------------------------------------------------- intervals


def _interval(value: float, kind: str | None) -> tuple[float | None, float | None]:
    if kind == "lower":
        return value, None
    if kind == "upper":
        return None, value
    if kind == "approx":
        a, b = value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
        return min(a, b), max(a, b)
    if kind == "below_approx":
        a = value * (1 - APPROX_TOLERANCE)
        return min(a, value), max(a, value)
    return value, value


# ---------------------------------------------------------------- reading one quantity


@dataclass
class _Side:
    """What follows a number: scale, unit, rate, with where it ends."""

    multiplier: float
    end: int
    unit: UnitEntry | None = None
    currency: str | None = None
    rate: str | None = None
    plus: bool = False
    minor: float = 0.0
    """Hundredths written after the major unit ("15 dollars 50"), in major units (0.50)."""


@lru_cache(maxsize=1)
def _minor_amount_pattern() -> re.Pattern[str]:
    minor_forms = _alternation(currency_data()["minor_units"])
    cardinals = _alternation(cardinal_words())
    number = rf"\d{{1,2}}|(?:{cardinals})(?:[\s-]+(?:{cardinals}))?"
    return re.compile(
        rf"\s+(?:and\s+)?(?P<n>{number})(?:\s+(?P<minor>{minor_forms})\b|(?=\s*(?:[.,;:!?)]|$)))", re.IGNORECASE
    )


def _minor_amount_after(text: str, end: int) -> tuple[float, int] | None:
    """The cents of "X dollars (and) Y (cents)": Y/100 and where it ends; Y below 100 only."""
    m = _minor_amount_pattern().match(text, end)
    if m is None:
        return None
    value = parse_digits(m["n"]) if m["n"][0].isdigit() else parse_number_words(m["n"])
    if value is None or not 0 < value < 100 or value != int(value):
        return None
    return value / 100, m.end()


def _read_right(doc: Doc, index: _TokenIndex, core: _Core, *, currency: str | None) -> _Side:
    text = index.text
    pos = core.end
    multiplier = 1.0
    if core.kind in ("digits", "words"):
        multiplier, pos = _read_scale(text, pos, money=currency is not None or core.kind == "words")
    side = _Side(multiplier, pos)
    if text[pos : pos + 1] == "+":
        side.plus, pos = True, pos + 1
        side.end = pos
    unit = None if currency else _read_unit(text, pos, had_scale=multiplier != 1.0)
    if unit is not None:
        side.unit, side.currency, side.end = unit.entry, unit.currency, unit.end
        if multiplier == 1.0 and unit.currency is not None:
            late_scale, late_end = _read_scale(text, side.end, money=True)
            if late_scale != 1.0:  # "75 USD million": the scale after the currency
                side.multiplier, side.end = late_scale, late_end
            else:
                minor = _minor_amount_after(text, side.end)
                if minor is not None:  # "thirteen dollars and forty-five cents", "15 dollars 50"
                    side.minor, side.end = minor
    elif currency == "USD":
        m = re.match(r"\s+(?:US|U\.S\.)(?![A-Za-z])", _ahead(text, pos))
        if m:
            side.end = pos + m.end()
    takes_rate = currency is not None or (
        side.unit is not None and side.unit.dimension not in ("percentage", "percentage-point")
    )
    money = currency is not None or (side.unit is not None and side.unit.dimension == "currency")
    rate = _read_rate(text, side.end, doc, index, money=money) if takes_rate else None
    if rate is None and side.unit is not None and side.unit.dimension in _COMMODITY_DIMENSIONS:
        rate = _rate_after_substance(text, side.end, doc, index)
    if rate is not None:
        side.rate, side.end = rate
    elif takes_rate and (aside := _ASIDE.match(text, side.end)):
        after = _read_rate(text, aside.end(), doc, index, money=money)
        if after is not None and after[0] in _vocab()["time_units"]:
            side.rate = after[0]  # the span stays before the brackets: they hold a quantity of their own
    return side


_ASIDE = re.compile(r"\s*\([^()\n]{1,40}\)")
"""A restatement in brackets between a figure and its rate: "9 billion shekels ($2.4 billion) a
year" is 9 billion shekels a year."""


_COMMODITY_DIMENSIONS = {"volume", "mass", "energy"}
_OF = re.compile(r"\s+of\b")
_WORD = re.compile(r"\s+[A-Za-z][\w-]*")


def _rate_after_substance(text: str, end: int, doc: Doc, index: _TokenIndex) -> tuple[str, int] | None:
    """A rate after what is measured, up to three words on: "10 million cubic metres of gas a year",
    "1.2 million barrels of oil per day", "5 million tonnes of liquefied natural gas annually"."""
    m = _OF.match(text, end)
    if m is None:
        return None
    pos = m.end()
    for _ in range(3):
        word = _WORD.match(text, pos)
        if word is None or word.group(0).strip().lower() in _vocab()["frequency_words"]:
            return None  # "500mg of the drug twice a day" is a dose, not 500mg a day
        pos = word.end()
        rate = _read_rate(text, pos, doc, index)
        if rate is not None and rate[0] in _vocab()["time_units"]:
            return rate
    return None




def _unit_name(entry: UnitEntry | None, currency: str | None, rate: str | None) -> tuple[str, str]:
    if entry is not None:
        unit, dimension = entry.unit, entry.dimension
    elif currency is not None:
        base = currency_entry(currency)
        unit, dimension = base.unit, base.dimension
    else:
        unit, dimension = "", "number"
    if rate:
        if unit.endswith((" per day", " per hour")):
            return unit, dimension
        unit = f"{unit} per {rate}" if unit else ""
        dimension = dimension_of(unit) if unit else dimension
    return unit, dimension


def _read_after_qualifier(text: str, pos: int) -> tuple[str, str, int] | None:
    vocab = _vocab()
    lowered = _ahead(text, pos).lower()
    for phrase in vocab["after_sorted"]:
        probe = phrase if phrase[0] in "+-" else " " + phrase
        if lowered.startswith(probe) and (len(lowered) == len(probe) or not lowered[len(probe)].isalnum()):
            return phrase, vocab["after"][phrase], pos + len(probe)
    return None


def _change_after(text: str, end: int) -> str | None:
    vocab = _vocab()
    rest = _ahead(text, end).lower()
    for marker in vocab["markers"]:
        m = re.match(rf"[\s,]*{re.escape(marker)}\b", rest)
        if m:
            nxt = re.findall(r"[a-z]+", rest[m.end() :])[:1]
            if nxt and nxt[0] in vocab["down"]:
                return "down"
            return "up" if not (nxt and nxt[0] in vocab["down"]) else "down"
    words = re.findall(r"[a-z]+", rest[:40])[:2] if re.match(r" [a-z]", rest) else []
    if words and words[0] in ("higher", "up"):
        return "up"
    if words and words[0] in ("lower", "down"):
        return "down"
    for word in words:
        if word in vocab["change_nouns_up"]:
            return "up"
        if word in vocab["change_nouns_down"]:
            return "down"
    return None


def _glued_to_letters(text: str, core: _Core, right: _Side) -> bool:
    """Digits run on into letters that are neither a scale nor a unit: "5G", "95MS", "70th", "2018s"."""
    if core.kind != "digits" or right.end != core.end or core.end >= len(text):
        return False
    return text[core.end].isalpha() or re.match(r"['′’]s\b", _ahead(text, core.end)) is not None


def _apply_range(reading: _Reading, core: _Core, left: _Left, right: _Side, found: tuple) -> _Side:
    """Turn ``reading`` into the interval "X to Y" / "X-Y" / "between X and Y" / "from X to Y";
    return what follows the second number (its unit and rate now apply to both)."""
    second_core, second_left, second_right, connector = found
    second_scale = second_right.multiplier
    first_scale = right.multiplier
    if first_scale == 1.0 and second_scale != 1.0 and core.value < second_core.value:
        first_scale = second_scale  # "$89 to $93 billion", "1 to 2 thousand"
    unit_entry = right.unit or second_right.unit
    unit_scale = unit_entry.scale if unit_entry else 1.0
    a = core.value * left.sign * first_scale * unit_scale
    b = second_core.value * second_left.sign * second_scale * unit_scale
    reading.low, reading.high = min(a, b), max(a, b)
    reading.value = (a + b) / 2
    reading.end = second_right.end
    reading.currency = reading.currency or second_right.currency or second_left.currency
    if left.range_word and left.range_start is not None:
        reading.qualifier = left.qualifier or left.range_word
        reading.start = min(reading.start, left.range_start)
    else:
        reading.qualifier = left.qualifier or connector
    return _Side(
        second_scale,
        second_right.end,
        unit_entry,
        reading.currency,
        second_right.rate or right.rate,
        second_right.plus,
    )


def _apply_interval(reading: _Reading, core: _Core, left: _Left, right: _Side, text: str) -> None:
    """Set low/high from the qualifier before the number or after it ("or more", "20+")."""
    after_qualifier = _read_after_qualifier(text, reading.end)
    qualifier_kind = left.qualifier_kind
    if right.plus:
        qualifier_kind, reading.qualifier = "lower", reading.qualifier or "+"
    elif after_qualifier and (reading.low is None or reading.low == reading.high):
        reading.qualifier, qualifier_kind, reading.end = after_qualifier
    if reading.low is None and reading.high is None:
        if core.kind == "vague":
            reading.low, reading.high = core.low, core.high
            reading.qualifier = reading.qualifier or text[core.start : core.end].lower()
        else:
            reading.low, reading.high = _interval(reading.value, qualifier_kind)
    elif left.range_word is None and qualifier_kind == "lower" and reading.low != reading.high:
        reading.high = None  # "over 16-17": only the lower end is committed to
    elif left.range_word is None and qualifier_kind == "upper" and reading.low != reading.high:
        reading.low = None


def _followed_by_name(doc: Doc, index: _TokenIndex, end: int) -> bool:
    name = _next_token(doc, index, end)
    return (
        name is not None
        and name.pos_ == "PROPN"
        and name.tag_ == "NNP"
        and name.ent_type_ not in ("NORP", "DATE")
        and index.text[end : name.idx].strip() == ""
    )


_ORDINAL_SUFFIXED = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def _counts_a_model(doc: Doc, index: _TokenIndex, end: int) -> bool:
    """The names right after the number hold a model designation, letters and digits in one word
    ("20 T400-X2 aircraft", "50 Airbus A321neos"): the number counts that model, where a name without
    one holds the number itself ("787 Dreamliner", "575 Wilbraham Road", "55 W 14th Street")."""
    token = _next_token(doc, index, end)
    if token is None or index.text[end : token.idx].strip():
        return False
    for _ in range(4):
        if token.pos_ != "PROPN" and token.tag_ != "HYPH":
            return False
        text = token.text
        if any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text) and not _ORDINAL_SUFFIXED.fullmatch(text):
            return True
        if token.i + 1 >= len(doc):
            return False
        token = doc[token.i + 1]
    return False


def _read_count(
    doc: Doc, index: _TokenIndex, reading: _Reading, core: _Core, left: _Left, *, in_range: bool
) -> bool:
    """Give a unit-less number its counted noun, fraction base, multiplier or age; False when the
    number turns out to be a name, an address or a pronoun rather than a quantity."""
    text = index.text
    raw = text[core.start : core.end]
    plain_integer = core.kind == "digits" and raw.isdigit() and not left.qualifier
    multiplier_end = _times_multiplier(doc, index, reading.end)
    if multiplier_end is not None:
        reading.unit, reading.dimension, reading.end = "", "ratio", multiplier_end
        return True
    rate_follows = _read_rate(text, reading.end, doc, index) is not None
    noun = (
        None
        if rate_follows
        else _counted_noun(doc, index, reading.end if in_range else core.end, reading.end)
    )
    fraction_of_unit = _fraction_of_unit(text, reading.end) if core.kind == "fraction" else None
    if fraction_of_unit is not None:  # "a quarter of a percentage point"
        entry, reading.end = fraction_of_unit
        reading.unit, reading.dimension, reading.currency = entry.unit, entry.dimension, entry.currency
    elif core.kind == "fraction":
        reading.dimension = "fraction"
        reading.unit = f"{FRACTION_OF}{noun.lemma_.lower()}" if noun is not None else ""
        if noun is not None:
            _extend_to_noun(doc, index, reading, noun, with_rate=False)
    elif noun is not None and _is_multiplier(doc, noun) and "-" not in text[reading.end : noun.idx]:
        reading.unit, reading.dimension = "", "ratio"
    elif noun is not None and noun.lower_ not in _vocab()["not_count_heads"] and _noun_name(noun):
        if plain_integer and (
            (noun.pos_ == "PROPN" and noun.tag_ == "NNP") or _followed_by_name(doc, index, reading.end)
        ) and not _counts_a_model(doc, index, reading.end):
            return False  # "575 Wilbraham Road", "787 Dreamliner", "737 Max jets": a name or an address
        reading.unit, reading.dimension = _noun_name(noun), "count"
        measure = unit_after_a_fraction(noun.text) if 0 < core.value < 1 else None
        if measure is not None:  # "1/2 cup", "a half turn": a share of a unit, not half a counted thing
            reading.unit, reading.dimension = measure.unit, measure.dimension
        _extend_to_noun(doc, index, reading, noun)
    elif _is_age(doc, index, core, left):
        reading.unit, reading.dimension = "year of age", "age"
    elif plain_integer and _followed_by_name(doc, index, reading.end):
        return False  # "49 Zorro Ranch Road", "9 E 71st St"
    if core.kind == "words" and not reading.unit and reading.dimension != "ratio":
        return False  # a number word alone is a pronoun or determiner ("the two", "one")
    if core.kind == "words" and raw.lower() == "one" and reading.dimension == "count":
        tok = _token_at(doc, index, core.start)
        if tok is not None and tok.dep_ != "nummod" and not re.match(r"\s+of\b", _ahead(text, core.end)):
            return False  # "each one they lose"
    if reading.dimension in ("count", "number"):
        scaled = _read_scale(text, core.end, money=False)[0] != 1.0
        if _is_designation(
            doc, index, core.start, left, counted=reading.dimension == "count", plain_integer=plain_integer, scaled=scaled
        ):
            return False
        if _is_year(core, text) and not left.qualifier:
            return False
    return True


def _said_of_money(doc: Doc, index: _TokenIndex, start: int) -> bool:
    """The figure is what something costs, pays or is worth: the word the figure's noun depends on
    (through at most one preposition) is one of ``money_predicates`` ("it cost 5 pounds", "a fine
    of 50 pounds"); never a figure that modifies a noun ("a 5-pound bag ... costs")."""
    token = _token_at(doc, index, start)
    if token is None:
        return False
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ in ("compound", "amod", "nmod"):
        return False
    head = noun.head
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    words = _vocab()["money_predicates"]
    return head.i != noun.i and (head.lemma_.lower() in words or head.lower_ in words)


def _read_quantity(
    doc: Doc,
    index: _TokenIndex,
    core: _Core,
    cores: list[_Core],
    position: int,
    skip: _Spans,
    blocked: _Spans,
    taken: _Spans,
) -> tuple[_Reading | None, int] | None:
    """The quantity around ``core`` and the index of the last core it used; the reading is None
    when the cores it used are no quantity at all (a score "2-0"); None when ``core`` is none."""
    text = index.text
    left = _read_left(text, core)
    if left.reject:
        return None
    right = _read_right(doc, index, core, currency=left.currency)
    if _glued_to_letters(text, core, right):
        return None
    if (
        core.kind == "digits"
        and text[core.end : core.end + 1] == "-"
        and _patterns()["words"].match(text, core.end + 1)
    ):
        return None  # "7-Eleven": a name
    prefixes = currency_data()
    lettered = left.currency_prefix in prefixes["transliterations"] or left.currency_prefix in glued_currency_symbols()
    if lettered and len(text[core.start : core.end]) == 1 and right.multiplier == 1.0:
        return None  # "PS4", "PS5": a console, not four pounds; "NIS2": a directive
    if left.currency_prefix in prefixes["before_needs_scale"] and right.multiplier == 1.0:
        return None  # "R2", "N64": names; "R2 billion" is money
    if core.kind == "words" and re.match(r"(?:-| - )[A-Za-z]", _ahead(text, core.end)) and right.unit is None:
        return None  # "two-way trade", "one-time", "three-point range": compound adjectives, not counts
    value = core.value * left.sign * right.multiplier * (right.unit.scale if right.unit else 1.0)
    value = value * left.scale + left.sign * right.minor
    reading = _Reading(start=left.start, end=right.end, value=value, qualifier=left.qualifier)
    reading.currency = right.currency or left.currency
    last_core = position

    found_range = _read_range(doc, index, core, cores, position, left, right, reading.currency, skip, blocked, taken)
    if found_range == "score":
        return None, position + 1
    if found_range is not None and left.from_change:
        # "rose from 61 to 78%", "fell from $7 to $5 billion": the start level takes the unit and
        # scale written at the end; the end level is read on its own, and the two are linked later
        _, second_core, _, second_right, _ = found_range
        found_range = None
        if right.unit is None and second_right.unit is not None and reading.currency is None:
            right.unit, right.rate = second_right.unit, right.rate or second_right.rate
            reading.value *= second_right.unit.scale
        if right.multiplier == 1.0 and second_right.multiplier != 1.0:
            reading.value *= second_right.multiplier
        reading.currency = reading.currency or second_right.currency
        reading.role = "from"
    elif left.from_change:
        reading.role = "from"
    if found_range is not None:
        last_core, found_range = found_range[0], found_range[1:]
        right = _apply_range(reading, core, left, right, found_range)

    if right.unit is not None and right.unit.unit == "pound-mass" and _said_of_money(doc, index, core.start):
        right.unit = currency_entry("GBP")  # "it cost 5 pounds": sterling; "it weighs 5 pounds" stays a weight
        reading.currency = "GBP"
    reading.unit, reading.dimension = _unit_name(right.unit, reading.currency, right.rate)
    if reading.unit == "day" and text[core.start : core.end].lower() == "one" and _someday(doc, index, core):
        return None  # "may one day be sold": some day, not a duration
    if reading.dimension == "duration" and found_range is None:
        over = _prev_token(doc, index, left.start + len("over")) if left.qualifier == "over" else None
        if over is not None and over.dep_ == "prep":
            # "invest $2bn over five years": a period, not "more than five years"
            reading.start, reading.qualifier, left.qualifier_kind = core.start, None, None
        if _is_compound_modifier(doc, index, core, reading):
            return None  # "a five-year award", "a 10-year bond": describes a kind of thing (NewsQuant convention)

    below_zero = _vocab()["negative_after"].match(text, reading.end) if reading.dimension in ("temperature", "angle") else None
    if below_zero and reading.value > 0 and found_range is None:  # "5 degrees below zero" is -5 degrees
        reading.value, reading.end = -reading.value, below_zero.end()
    _apply_interval(reading, core, left, right, text)
    counted = (
        reading.unit
        or reading.currency
        or _read_count(doc, index, reading, core, left, in_range=found_range is not None)
    )
    if not counted:
        return None
    if (
        reading.dimension in ("number", "count")
        and not reading.currency
        and _is_day_of_month(index, core, left.start, reading.end)
    ):
        return None

    if left.plus:
        reading.change = "up"
    if left.change and _particle_before(doc, index, reading.start):
        left.change = None  # "make up 12% of voters"
    reading.change = reading.change or left.change or _change_after(text, reading.end)
    if left.sign < 0 and reading.dimension == "percentage" and reading.change is None:
        reading.change = "down"  # "Nasdaq -0.3%"
    if found_range is None and core.kind in ("digits", "words") and core.value:
        scale = abs(reading.value - left.sign * right.minor * left.scale) / abs(core.value)
        step = 0.005 if right.minor else _last_digit_step(text[core.start : core.end], core)
        reading.tolerance = step * (1.0 if right.minor else scale) if step is not None else None
    return reading, last_core


def _last_digit_step(raw: str, core: _Core) -> float | None:
    """Half a unit of the last significant digit of a number as written: "4.52" -> 0.005, "4" -> 0.5,
    "4,000" -> 0.5 (digits are exact to the last one written); in words the trailing zeros are not
    written, so "twenty" -> 5, "twenty-one thousand" -> 500 ("thousand" is the scale, applied after)."""
    if core.kind == "digits":
        m = re.search(r"\.(\d+)", raw)
        if "/" in raw or not any(ch.isdigit() for ch in raw) or _AND_A_HALF.search(raw):
            return None  # "10 1/2", "3 and a half": a fraction is exact
        return 0.5 * 10 ** -(len(m.group(1)) if m else 0)
    value = core.value
    if value != int(value):
        return None  # "two and a half"
    significant = int(value)
    place = 1
    while significant and significant % 10 == 0:
        significant //= 10
        place *= 10
    return 0.5 * place


def _is_compound_modifier(doc: Doc, index: _TokenIndex, core: _Core, reading: _Reading) -> bool:
    """ "five-year" in "a five-year award": a hyphenated number-unit adjective before a noun."""
    if not re.fullmatch(r"\S+-[A-Za-z]+", index.text[core.start : reading.end]):
        return False
    nxt = _next_token(doc, index, reading.end)
    return (
        nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "SYM")
        and index.text[reading.end : nxt.idx].strip() == ""
    )


def _someday(doc: Doc, index: _TokenIndex, core: _Core) -> bool:
    """ "one day" after a modal verb or opening a sentence means "some day"."""
    one = _token_at(doc, index, core.start)
    if one is None:
        return False
    before = doc[one.i - 1] if one.i > 0 else None
    return one.is_sent_start or (before is not None and before.tag_ == "MD")


def _particle_before(doc: Doc, index: _TokenIndex, start: int) -> bool:
    """The word before the quantity, or before its determiner, is the particle of a phrasal verb
    ("make up 12%", "lined up a $90 million loan")."""
    prev = _prev_token(doc, index, start)
    while prev is not None and (prev.pos_ == "DET" or prev.is_space) and prev.i > 0:
        prev = doc[prev.i - 1]
    return prev is not None and prev.lower_ in ("up", "down") and prev.dep_ == "prt"


def _is_age(doc: Doc, index: _TokenIndex, core: _Core, left: _Left) -> bool:
    """ "Maddon, 66, has ..." / "aged 66": a person's age."""
    if core.kind not in ("digits", "words") or not (0 < core.value < 130) or core.value != int(core.value):
        return False
    if _vocab()["age_cues"].search(index.text[max(0, left.start - 20) : left.start].lower()):
        return True  # "aged 66", "at the age of 60", "she turned 40", "aged ninety"
    tok = _token_at(doc, index, core.start)
    if core.kind == "words":
        # "she is twenty-one": in words only as what a person is, never "he is one of them"
        last = _token_at(doc, index, core.end - 1)
        before = _prev_token(doc, index, core.start)
        return (
            last is not None
            and core.value > 1  # "she is one", "he is the one": a pronoun
            and (before is None or before.pos_ != "DET")
            and _predicated_of_a_person(last)
            and not re.match(r"\s+of\b", _ahead(index.text, core.end))
        )
    if tok is not None and _predicated_of_a_person(tok) and not re.match(r"\s+of\b", _ahead(index.text, core.end)):
        return True  # "he will be 35 by then", "she is 40."; not "he is 1 of 3"
    if tok is None or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    person = doc[tok.i - 2] if tok.i >= 2 else None
    if before.text != "," or after.text not in (",", ";") or person is None:
        return False
    if person.ent_type_ == "PERSON" or person.pos_ == "PROPN":
        return True
    # "the patient, 45, received": a noun, the age, then the clause's verb
    verb = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    return person.pos_ == "NOUN" and verb is not None and verb.pos_ in ("VERB", "AUX")




def _predicated_of_a_person(tok: Token) -> bool:
    """A bare number that is what a person is ("he will be 35", "I was 25 when ..."): an age. The
    person is a singular personal pronoun that is no "it", or a name tagged PERSON."""
    head = tok.head
    if tok.dep_ != "attr" or head.lemma_ != "be" or any(child.dep_ == "conj" for child in tok.children):
        return False
    subjects = [child for child in head.children if child.dep_ == "nsubj"]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    if subject.ent_type_ == "PERSON":
        return True
    morph = subject.morph
    return (
        "Prs" in morph.get("PronType")
        and "Neut" not in morph.get("Gender")
        and "Plur" not in morph.get("Number")
    )


def _without_adjuncts(text: str, start: int, end: int, blocked: _Spans) -> str:
    """``text[start:end]`` without clock times and the small words around them, so that
    "from $36,040 at 10.45pm to $34,935" reads as "from $36,040 to $34,935"."""
    kept = "".join(ch for i, ch in enumerate(text[start:end], start) if not _overlaps((i, i + 1), blocked))
    return " ".join(w for w in kept.split() if w.lower() not in _vocab()["from_to_adjuncts"])


_CHANGE_THEN_LEVEL = 5
"""After a verb of change, "A to B" is a range of the change ("rose 5 to 10 percent") unless B is
more than this many times A: then A is the change and B the level ("fell 21.75 to 2,640")."""


def _read_range(doc, index, core, cores, position, left, right, currency, skip, blocked, taken):
    """(index of the second core, the second half of a range after ``core``), or "score" for
    "2-0", or None.

    "from X <adjunct> to Y" may step over a clock time ("from $36,040 at 10.45pm to $34,935") but
    never over a date: a quantity never overlaps a date. Only the next free number is looked at,
    and only within reach (``_AHEAD``), so reading stays linear in the document's length."""
    text = index.text
    second_position = position + 1
    while second_position < len(cores) and taken.overlaps(cores[second_position].start, cores[second_position].end):
        if cores[second_position].start - right.end > _AHEAD:
            return None
        second_position += 1
    if second_position >= len(cores):
        return None
    second = cores[second_position]
    if second.start - right.end > _AHEAD or _overlaps((right.end, second.start), skip):
        return None
    between = text[right.end : second.start]
    if left.range_word == "from" and not re.fullmatch(r"\s*(?:to|-|–)\s*\S{0,4}", between):
        between = " " + _without_adjuncts(text, right.end, second.start, blocked)
    m = re.fullmatch(  # "(?:-\s*)?": a suspended hyphen, "15- to 20-foot", detokenised "15 - to 20 - foot"
        r"\s*(?:-\s*(?=to\b|or\b))?(-|–|—|to|to-|through|and|or)\s*(?:(?:US\s?\$|\$|€|£|PS|Y=|HK\s?\$|A\$|C\$|[A-Z]{3}\s?)?)",
        between,
    )
    if not m:
        return None
    connector = m.group(1)
    if connector == "and" and left.range_word != "between":
        return None
    if (
        connector.startswith("to")
        and re.search(r"\bby\s*$", text[max(0, left.start - 10) : left.start].lower())
        and (right.unit or left.currency or right.multiplier != 1.0)
    ):
        return None  # "increased by $43.6bn to $419.2bn": a change, then a level
    if core.kind not in ("digits", "words") or second.kind not in ("digits", "words"):
        return None
    if (
        connector.startswith("to")
        and left.change
        and left.range_word is None
        and 0 < core.value * _CHANGE_THEN_LEVEL < second.value
    ):
        return None  # "the Dow fell 21.75 to 2,640", "rose 3 to 24": a change, then the level it reached
    second_left = _read_left(text, second)
    if second_left.reject:
        return None
    second_right = _read_right(doc, index, second, currency=second_left.currency or currency)
    a, b = core.value * left.sign, second.value * second_left.sign
    first_unit = right.unit.unit if right.unit else None
    second_unit = second_right.unit.unit if second_right.unit else None
    context = left.range_word is not None
    if connector in "-–—" and (core.kind != "digits" or second.kind != "digits"):
        return None  # "7-Eleven", "one-two": hyphens join digits only
    raw_a, raw_b = text[core.start : core.end], text[second.start : second.end]
    shortened = _shortened_end(raw_a, raw_b) if connector in "-–—" else None
    if shortened is not None and (first_unit is None or second_unit in (None, first_unit)):
        # "126.45-47 yen": the second end repeats the first's leading digits unwritten
        second = dataclasses.replace(second, value=shortened, low=None, high=None)
        b = shortened
    elif connector in "-–—" and not context:
        if (
            a >= b
            and raw_a.isdigit()
            and raw_b.isdigit()
            and not first_unit
            and not second_unit
            and not currency
        ):
            return "score"
        if first_unit and second_unit is None and a >= b:
            return None
    if first_unit and second_unit and first_unit != second_unit:
        return None
    if right.rate and second_right.rate and right.rate != second_right.rate:
        return None  # "£9.99 a month or £99 a year": two prices, each for its own period
    if first_unit and not second_unit and not context:
        return None
    first_cur = left.currency or right.currency
    second_cur = second_left.currency or second_right.currency
    if first_cur and second_cur and first_cur != second_cur:
        return None
    if not context:
        scaled_a = a * (right.multiplier if right.multiplier != 1.0 else second_right.multiplier)
        scaled_b = b * second_right.multiplier
        if scaled_a >= scaled_b:
            return None
    if first_cur is None and second_cur is not None and second_left.currency is not None and not context:
        return None
    if _looks_like_year(text, core) and _looks_like_year(text, second) and not first_unit and not second_unit:
        return None
    return second_position, second, second_left, second_right, connector


def _shortened_end(raw_a: str, raw_b: str) -> float | None:
    """The second end of "126.45-47" or "1.1845-55" written out (126.47, 1.1855): read as written it
    would be below the first end, and it stands for the last two or more digits of the first end's
    fraction, which it makes larger. ("1.5-7 percent" and "0.25-50 mg" are ranges as written.)"""
    whole, dot, fraction = raw_a.partition(".")
    if not dot or not whole.replace(",", "").isdigit() or not fraction.isdigit() or not raw_b.isdigit():
        return None
    if not 2 <= len(raw_b) <= len(fraction) or float(raw_b) >= float(raw_a.replace(",", "")):
        return None
    completed = fraction[: len(fraction) - len(raw_b)] + raw_b
    if completed <= fraction:
        return None
    return float(f"{whole.replace(',', '')}.{completed}")


def _tidy(x: float | None) -> float | None:
    """Drop binary floating-point noise from scaling (4.1 * 1e9 -> 4100000000.0, not ...99995)."""
    return None if x is None else float(f"{x:.12g}")


def _to_quantity(text: str, reading: _Reading) -> Quantity:
    return Quantity(
        text=text[reading.start : reading.end],
        start=reading.start,
        end=reading.end,
        value=_tidy(reading.value),
        low=_tidy(reading.low),
        high=_tidy(reading.high),
        unit=reading.unit,
        dimension=reading.dimension,
        qualifier=reading.qualifier,
        currency=reading.currency,
        change=reading.change,  # type: ignore[arg-type]
        role=reading.role,  # type: ignore[arg-type]
        tolerance=_tidy(reading.tolerance),
    )


def extract_quantities(doc: Doc, *, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in ``doc`` not overlapping a ``skip`` span (character offsets)."""
    text = doc.text
    pats = _patterns()
    if not any(ch.isdigit() for ch in text) and not any(
        pats[k].search(text) for k in ("words", "vague", "fraction_words", "fraction_of_a_unit", "vulgar_fraction")
    ):
        return []
    index = _token_index(doc, text)
    blocked_list = _blocked_spans(text)
    other_readers = list(skip)
    blocked, skip_spans = _Spans(blocked_list), _Spans(skip)
    taken = _Spans([*skip, *blocked_list])
    skip = skip_spans
    cores = _find_cores(text)
    quantities: list[Quantity] = []
    next_free = 0
    used_until = -1
    for position, core in enumerate(cores):
        if position <= used_until or core.start < next_free:
            continue
        if _overlaps((core.start, core.end), skip) or _overlaps((core.start, core.end), blocked):
            continue
        result = _read_quantity(doc, index, core, cores, position, skip, blocked, taken)
        if result is None:
            continue
        reading, last_core = result
        used_until = max(used_until, last_core)
        if reading is None or not math.isfinite(reading.value):
            continue  # a score ("2-0"), or digits beyond any float
        if _overlaps((reading.start, reading.end), skip):
            later = skip.first_start_in(core.end, reading.end)
            if _overlaps((reading.start, core.end), skip) or later is None:
                continue
            reading.end = later  # "14 first-team players": the ordinal "first" is not ours
        while reading.end > reading.start and text[reading.end - 1].isspace():
            reading.end -= 1
        while reading.start < reading.end and text[reading.start].isspace():
            reading.start += 1
        if reading.start < next_free:
            continue
        if quantities and reading.change is None and _restates(text, quantities[-1].end, reading.start):
            reading.change = quantities[-1].change  # "fell 200 points, or 0.8%": the same change
        if quantities and _minutes_after_hours(text, quantities[-1], reading):
            reading.unit, reading.dimension = "minute", dimension_of("minute")  # "1h 20m": minutes, not metres
        if quantities and _feet_then_inches(text, quantities[-1], reading):
            feet = quantities.pop()  # "5ft 10in" is one length
            reading.value = reading.low = reading.high = feet.value + reading.value / 12
            reading.start, reading.unit, reading.qualifier = feet.start, "foot", feet.qualifier
        quantities.append(_to_quantity(text, reading))
        next_free = reading.end
    shared = _share_elided_units(doc, _share_listed_units(text, _share_parallel_units(doc, index, quantities)))
    return _percentage_points(text, _link_changes(text, shared, other_readers))


_POINT_CONTEXT_REACH = 400
"""How far back (characters, same line) a percentage makes bare "points" percentage points."""


def _percentage_points(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "Turnout was 53%, a jump of 25 points": a change of points after a percentage, and no
    larger than twice it, is a change in percentage points (their own unit, not a count and not
    a percentage); "the index ended at 7,100 points" or "lost 50 points" after "fell 2%" stay points."""
    read = list(quantities)
    for i, q in enumerate(read):
        if q.unit != "point" or q.dimension != "count" or q.change is None or q.value is None:
            continue
        line_start = text.rfind("\n", 0, q.start) + 1
        context = [p for p in read[:i] if p.start >= max(line_start, q.start - _POINT_CONTEXT_REACH)]
        shares = [abs(p.value) for p in context if p.dimension in ("percentage", "percentage-point") and p.value]
        if shares and abs(q.value) <= min(100.0, 2 * max(shares)):
            read[i] = q.model_copy(update={"unit": "percentage point", "dimension": "percentage-point"})
    return read


_TO_LEVEL = re.compile(r"\s*,?\s*(?:to|-|–)\s*")
_FROM_LEVEL = re.compile(r"\s*,?\s*from\s*")
_CHANGE_REACH = 80
"""How far apart (characters) the two levels of one change may stand."""


def _comparable_levels(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit or not a.unit or not b.unit


def _without_spans(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the parts other readers took (dates, ordinals) blanked out."""
    chars = list(text[start:end])
    for low, high in spans:
        for k in range(max(low, start), min(high, end)):
            chars[k - start] = " "
    return "".join(chars)


def _link_changes(text: str, quantities: list[Quantity], other_readers: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Pair the two levels of a change: "rose from 61% to 78%" (the second follows "to"), "78%, up
    from 61%" and "rose to $7.36 billion from $6.78 billion" (the start level follows "from"). The
    end level gets role "to" and ``change_from``; neither is a change amount, and no range. The
    time of each level may stand after it ("from 20 mpg in 2008 to 29 mpg in 2020"): the spans
    of ``other_readers`` (dates) between the levels are read as adjuncts."""
    linked = list(quantities)
    vocab = _vocab()
    spans = sorted(other_readers)
    span_starts = [low for low, _ in spans]
    for i, start in enumerate(linked):
        nxt = linked[i + 1] if i + 1 < len(linked) else None
        prev = linked[i - 1] if i > 0 else None
        if start.role == "from" and nxt is not None and nxt.role is None:
            # the spans that start between the two levels (found by bisection: reading stays linear)
            near = spans[bisect_left(span_starts, start.end) : bisect_left(span_starts, nxt.start)]
            between = _patterns()["clock"].sub(" ", _without_spans(text, start.end, nxt.start, near))
            between = " " + " ".join(w for w in between.split() if w.lower() not in _vocab()["from_to_adjuncts"]) + " "
            if _TO_LEVEL.fullmatch(between) and _comparable_levels(start, nxt):
                unit = start.unit or nxt.unit
                linked[i] = start.model_copy(update={"unit": unit, "dimension": dimension_of(unit) if unit else start.dimension,
                                                     "currency": start.currency or nxt.currency})
                linked[i + 1] = nxt.model_copy(update={"role": "to", "change_from": linked[i].value, "change": None})
                continue
        if prev is None or prev.role is not None or start.end - prev.start > _CHANGE_REACH:
            continue
        between = text[prev.end : start.start]
        if start.role == "from" and not re.search(r"\d", between) and _comparable_levels(prev, start):
            # "78%, up from 61%": the level before the change words is where it moved to
            linked[i - 1] = prev.model_copy(update={"role": "to", "change_from": start.value, "change": None})
        elif start.role is None and _FROM_LEVEL.fullmatch(text, prev.end, start.start) and _comparable_levels(prev, start):
            words = re.findall(r"[a-z]+", text[max(0, prev.start - 40) : prev.start].lower())[-3:]
            if any(w in vocab["up"] or w in vocab["down"] for w in words):  # "rose to $7.36bn from $6.78bn"
                linked[i] = start.model_copy(update={"role": "from"})
                linked[i - 1] = prev.model_copy(update={"role": "to", "change_from": start.value, "change": None})
    return linked


_DIGIT_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_JOINING_AND = re.compile(r"\s*(?:and\s*)?$")


def reported_lengths(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """A length written in feet and inches ("5ft 10in", "6 feet 4 inches", "5'10\"") is one
    length to compare (``doc._.fl_quantities``), but a reader reports what is written: the feet
    and the inches, each with its own span, as "12 m 2 dm" already is."""
    reported: list[Quantity] = []
    for q in quantities:
        numbers = list(_DIGIT_NUMBER.finditer(q.text)) if q.unit == "foot" and q.low == q.high == q.value else []
        if len(numbers) == 2 and q.value is not None:
            feet, inches = float(numbers[0].group()), float(numbers[1].group())
            if math.isclose(feet + inches / 12, q.value, rel_tol=1e-9) and inches:
                split = q.start + numbers[1].start()
                feet_end = split - len(_JOINING_AND.search(text[q.start : split]).group())
                inch = dimension_of("inch")
                reported.append(q.model_copy(update={"text": text[q.start : feet_end], "end": feet_end,
                                                     "value": feet, "low": feet, "high": feet, "tolerance": None}))
                reported.append(q.model_copy(update={"text": text[split : q.end], "start": split, "value": inches,
                                                     "low": inches, "high": inches, "unit": "inch", "dimension": inch,
                                                     "qualifier": None, "tolerance": None}))
                continue
        reported.append(q)
    return reported


def reported_movements(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """The quantities as a reader reports them (``factlint parse``): the two levels of one
    written movement "from A to B" ("rose from 61% to 78%") are one mention spanning both, valued
    at the level reached (B), with ``change_from`` A and ``low``/``high`` the stretch it moved
    across; a level named after its change ("78%, up from 61%", "rose to $7.4bn from $6.8bn")
    stays two mentions, as written. The claims layer keeps reading the two levels
    (``doc._.fl_quantities``): a movement is both values and a change."""
    reported: list[Quantity] = []
    for q in quantities:
        start = reported[-1] if reported else None
        if (
            start is not None
            and start.role == "from"
            and q.role == "to"
            and q.change_from == start.value
            and start.end <= q.start
            and start.value is not None
            and q.value is not None
        ):
            unit = q.unit or start.unit
            reported[-1] = q.model_copy(
                update={
                    "text": text[start.start : q.end],
                    "start": start.start,
                    "low": min(start.value, q.value),
                    "high": max(start.value, q.value),
                    "unit": unit,
                    "dimension": q.dimension if q.unit else start.dimension,
                    "currency": q.currency or start.currency,
                    "qualifier": q.qualifier or start.qualifier,
                }
            )
            continue
        reported.append(q)
    return reported


_WORDS_IN_PERIOD = re.compile(r"[\w.,]+(?:-[\w.,]+)*")


def durations_in_periods(text: str, dates: Sequence[DateRef]) -> list[Quantity]:
    """The written length of a relative period, as ``factlint parse`` reports it: "the past two
    years", "three months ago", "two years later" are dates (their span is the date reader's) and
    also say a duration, a count of a time unit ("two years" -> 2 year). Only a number written out
    counts ("a year ago" names no figure). The claims layer reads the date, not this duration."""
    time_units = set(number_words()["time_units"])
    durations: list[Quantity] = []
    for date in dates:
        # a relative period that counts units ("the past two years"), or a stretch of a named
        # year counted in units ("the first six months of 1989": a range, no relative)
        counted_stretch = date.relative is None and date.granularity == "range"
        if not counted_stretch and (not date.relative or not any(ch.isdigit() for ch in date.relative)):
            continue
        words = list(_WORDS_IN_PERIOD.finditer(text, date.start, date.end))
        for i, word in enumerate(words[1:], start=1):
            unit = _time_unit_of(word.group(0).lower(), time_units)
            if unit is None:
                continue
            number_end = words[i - 1].end()
            for first in range(max(0, i - 3), i):  # the longest number before the unit: "twenty five years"
                number_start = words[first].start()
                written = text[number_start:number_end]
                value = parse_digits(written)
                if value is None:
                    value = parse_number_words(written) if written.lower() not in ("a", "an") else None
                if value is None:
                    continue
                if counted_stretch:
                    if not word.group(0).lower().endswith("s") or value != int(value) or not 1 < value < 100:
                        continue  # "the first six months", never a year or a day
                elif f"{value:g} {unit}" not in date.relative:
                    continue
                durations.append(
                    Quantity(text=text[number_start : word.end()], start=number_start, end=word.end(),
                             value=value, low=value, high=value, unit=unit, dimension=dimension_of(unit))
                )
                break
    return durations


def _time_unit_of(word: str, time_units: set[str]) -> str | None:
    for singular in (word, word[:-1] if word.endswith("s") else None, word[:-3] + "y" if word.endswith("ies") else None):
        if singular in time_units:
            return singular
    return None


_PARALLEL_REACH = 400
"""How far back (characters) a parallel clause's measured number is looked for: a clause, not a
document (one endless "sentence" would make the look-back quadratic)."""


def _sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start (``Token.sent`` walks the sentence on each call)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start_char for sent in doc.sents]
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, start - 20) : start])
    return m.group(1).lower() if m else ""


def _similar_size(a: Quantity, b: Quantity) -> bool:
    """Within a factor of 50: "fell to 3.7%" does not lend its unit to "rose to 25,000"."""
    if a.value is None or b.value is None or a.value * b.value <= 0:
        return False
    ratio = abs(a.value / b.value)
    return 1 / 50 <= ratio <= 50


def _share_parallel_units(doc: Doc, index: _TokenIndex, quantities: list[Quantity]) -> list[Quantity]:
    """A bare number in a clause parallel to an earlier measured one takes its unit: "ended at
    1,463.78 points, while the other index ended at 1,334.20"; "DAX rose by 2 percent but NASDAQ
    fell by 1". Parallel means the same preposition (to, at, by) before both, in one sentence."""
    shared = list(quantities)
    sentence_starts = _sentence_starts(doc) if quantities else []
    for i, bare in enumerate(shared):
        if bare.dimension != "number":
            continue
        word = _word_before(index.text, bare.start)
        if word not in _vocab()["parallel_prepositions"]:
            continue
        k = bisect_right(sentence_starts, bare.start) - 1
        sentence_start = max(sentence_starts[k] if k >= 0 else 0, bare.start - _PARALLEL_REACH)
        for j in range(i - 1, -1, -1):  # not reversed(shared[:i]): a copy of the prefix per number
            earlier = shared[j]
            if earlier.start < sentence_start:
                break
            measured = earlier.dimension not in ("number", "fraction", "ratio", "currency")
            if measured and _word_before(index.text, earlier.start) == word and _similar_size(bare, earlier):
                shared[i] = bare.model_copy(
                    update={
                        "unit": earlier.unit,
                        "dimension": earlier.dimension,
                        "currency": earlier.currency,
                    }
                )
                break
    return shared


ELIDED_UNIT_RATIO = 10
"""A bare number shares the unit of the measured one before it only when neither is more than
this many times the other: "fell 5 cents to 95" is a level of its own kind, "gained 150 points,
or 1.2%, to 12,500" an index level, not a percentage."""
_ELIDED_UNIT_REACH = 100
"""How far (characters) after the measured number the bare one may stand."""
_GAP_WORDS = re.compile(r"[a-z]+")


def _share_elided_units(doc: Doc, quantities: list[Quantity]) -> list[Quantity]:
    """A bare number right after a measured one in the same sentence, set against it by a word of
    comparison or coordination, is the same kind of thing with its unit left out: "5,000
    residents, up from 4,200"; "300 tonnes in 2019 and 450 in 2020"; "$5 million in 2019 and 6
    million in 2020"."""
    if len(quantities) < 2:
        return quantities
    shared = list(quantities)
    text = doc.text
    cues = _vocab()["elided_unit_cues"]
    sentence_starts = _sentence_starts(doc)
    ahead_cues = _vocab()["elided_unit_cues_ahead"]
    for i, bare in enumerate(shared):
        if bare.dimension != "number" or bare.unit:
            continue
        before = shared[i - 1] if i > 0 else None
        after = shared[i + 1] if i + 1 < len(shared) else None
        for measured, gap, words in ((before, (before.end, bare.start) if before else None, cues),
                                     (after, (bare.end, after.start) if after else None, ahead_cues)):
            if measured is None or gap is None or not _lends_its_unit(doc, text, bare, measured, gap, words, sentence_starts):
                continue
            shared[i] = bare.model_copy(
                update={"unit": measured.unit, "dimension": measured.dimension, "currency": measured.currency}
            )
            break
    return shared


def _lends_its_unit(
    doc: Doc, text: str, bare: Quantity, measured: Quantity, gap: tuple[int, int], cues: set[str], sentence_starts: list[int]
) -> bool:
    # ``text`` is ``doc.text``, read once by the caller: spaCy joins every token to build it
    if measured.dimension in ("number", "fraction", "ratio") or not measured.unit or gap[1] - gap[0] > _ELIDED_UNIT_REACH:
        return False
    if bisect_right(sentence_starts, bare.start) != bisect_right(sentence_starts, measured.start):
        return False
    if not cues & set(_GAP_WORDS.findall(text[gap[0] : gap[1]].lower())):
        return False
    if measured.change is not None and measured.dimension == "percentage":
        return False  # "rose 5% to 12": a relative change says nothing of the level's unit
    if _is_clause_subject(doc, bare):
        return False  # "the cost is $4.25 and 32 is the quantity": a clause of its own says what it is
    big, small = sorted((abs(bare.value or 0.0), abs(measured.value or 0.0)), reverse=True)
    return small != 0 and big / small <= ELIDED_UNIT_RATIO


def _is_clause_subject(doc: Doc, quantity: Quantity) -> bool:
    """The number is the subject of a clause: parsed so, or a verb follows it ("and 32 is")."""
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in span) or (after is not None and after.pos_ in ("VERB", "AUX"))


_LIST_SEPARATOR = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")



def _share_listed_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Bare numbers listed before a measured one share its unit, and the list shares one change
    direction: "rose 3, 4 and 5 percent"; so do the sides of a size ("2 by 4 inches")."""
    shared = list(quantities)
    for i in range(len(shared) - 2, -1, -1):
        bare, measured = shared[i], shared[i + 1]
        gap = text[bare.end : measured.start]
        side = _vocab()["size_separator"].fullmatch(gap) is not None and measured.dimension not in ("currency", "percentage")
        if (
            # "40 x 60 feet", "a 4 x 4 metre room": the parse may count the noun after the
            # measured side ("feet", "room") as the first side's; a side's unit is the size's
            (bare.dimension == "number" or (bare.dimension == "count" and (bare.unit == measured.unit or side)))
            and measured.dimension not in ("number", "count", "fraction", "ratio")
            and measured.qualifier is None
            and (_LIST_SEPARATOR.fullmatch(gap) or side)
        ):
            change = bare.change or measured.change
            shared[i] = bare.model_copy(
                update={
                    "unit": measured.unit,
                    "dimension": measured.dimension,
                    "currency": measured.currency,
                    "change": change,
                }
            )
            shared[i + 1] = measured.model_copy(update={"change": change})
    return shared


def _feet_then_inches(text: str, previous: Quantity, reading: _Reading) -> bool:
    return (
        previous.unit == "foot"
        and reading.unit == "inch"
        and previous.low == previous.high
        and reading.low == reading.high
        and re.fullmatch(r"\s*(?:and\s*)?", text[previous.end : reading.start]) is not None
    )


def _minutes_after_hours(text: str, previous: Quantity, reading: _Reading) -> bool:
    """ "1h 20m", "2 hr 15 m": an "m" right after hours is minutes."""
    return (
        previous.unit == "hour"
        and reading.unit == "metre"
        and text[reading.start : reading.end].rstrip().endswith("m")
        and re.fullmatch(r"\s*(?:and\s*)?", text[previous.end : reading.start]) is not None
    )


def _restates(text: str, previous_end: int, start: int) -> bool:
    """The quantity restates the one before in another unit: "54 cents, or 0.8 percent"."""
    return re.fullmatch(r"\s*,?\s*or\s*", text[previous_end:start]) is not None
