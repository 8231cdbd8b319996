"""Dates and periods at their real granularity, relative ones resolved against the document date.

How the text maps to :class:`~factlint.models.DateRef` (the conventions other stages rely on):

* ``value`` is ISO-like at the granularity written: ``2019`` (year), ``2019-12`` (month),
  ``2019-12-02`` (day), ``2023-Q3`` (quarter), ``2023-summer`` (season: meteorological, northern
  hemisphere; winter 2023 is December 2023 to February 2024), ``1960s`` (decade), ``20`` (ISO 8601
  century: the years 2000-2099, "the 21st century"; "the 1900s" is read as the century ``19``), and ``A/B`` for spans ("2016/2020",
  "2024-05-16/2024-05-17", "2024-01/2024-06" for "the first half of 2024").
  ``first``/``last`` are the inclusive days the value covers.
* ``kind``: ``range`` for "from 2016 to 2020", "2016-2020", "May 16 to 17", "between June 2020
  and March 2021"; ``since``, ``by``, ``until`` when that operator stands right before the date
  (it is part of the span: "since 2021", "by July 2025", "until 2030"; "through" counts as until);
  ``relative`` for a deictic expression with no operator ("last year", "on Monday", "in the
  spring"); otherwise ``point``. ``value``/``first``/``last`` of since/by/until dates describe the
  anchor date, not the open interval.
* ``granularity`` of a range is that of its endpoints ("day" for "May 16 to 17", "year" for
  "2016-2020"); ``range`` marks spans that are no calendar unit (weeks, "the first half of 2024",
  "the past two decades") or whose endpoints differ in granularity.
* ``relative`` is set whenever the value comes from the document date or the context, also once
  resolved: ``-1 year``, ``0 year``, ``+1 month``, ``-1 day``, ``-2 year`` ("two years ago"),
  ``0 week``, ``weekday monday`` (bare weekday), ``-1 weekday monday`` ("last Monday"),
  ``month february`` (bare month), ``-1 month february`` ("last February"), ``season spring``,
  ``quarter 3``, ``--05-16`` (a day without a year), ``0 year --02-11`` ("February 11 this year"),
  ``past 2 decade`` ("the past two decades": up to the document date), ``next 5 year``,
  ``0 year half 2`` ("the second half of the year"), ``A/B`` for ranges.

Resolution rules (news conventions):

* Year-less expressions (bare month, weekday, season, quarter, "May 16") take their year from the
  sentence when it names exactly one explicit year before them that sets the time ("In 2019,
  talks began on September 7" -> 2019-09-07; "results for 2021" does not set the time). Otherwise
  they are resolved from the document date by the tense of their clause: past -> the latest
  occurrence begun by the document date; future ("will", "due to", "expects", "scheduled") -> the
  earliest one not yet over; present -> the nearest one. A bare weekday in a present clause
  counts as past ("the minister met them on Monday"; "met on Monday" in an article dated Thursday
  2025-03-06 is 2025-03-03). An operator sets the tense of a clause that has none and "since"
  always makes it past ("since March"); an infinitive looks ahead ("set to resume Monday"). A day
  without a year whose clause is past or infinitive but which is not the past verb's own date
  ("declared a dividend payable Dec. 7") is the nearest occurrence, one on the side the tense
  does not point to counting AGAINST_TENSE_FACTOR times as far; the end of a range is the first
  occurrence after its start ("from today through Nov. 17").
* "last February" is the most recent February strictly before the document's month, "next
  February" the first one strictly after it, "this February" the one in the document's year;
  "last Monday"/"next Monday" are strictly before/after the document date.
* Anaphoric expressions ("the previous year", "the year before", "a year later", "two years
  earlier") count from that single time-setting year of the sentence when there is one, else from
  the document date.
* Without a document date and without a context year, ``value``/``first``/``last`` stay None.
* "today", "tonight", "yesterday", "tomorrow", "the day after tomorrow" are the days they name
  (``patterns/date_words.yaml`` ``day_words``); "two weeks ago", "a year from now", "a year
  earlier" (counted from the document date) are the day they point at.
* Not dates here: generic "in winter", "a cold winter", durations ("four years", "within two
  years", "in five years") which are quantities; "the same day" with nothing to count from.

The grammar is data: ``patterns/date_rules.yaml`` names each rule, its pattern (macros from the word
lists of ``date_words.yaml``), its handler (``on_<handler>`` below) and examples it must match.

Bare four-digit years (1800-2100; 1000-1799 only right after "in"/"since"/"during"/"until") are
dates unless the surroundings make them a number: a currency sign or approximator before
("$2019", "nearly 2000"), a unit or plural count noun after ("2019 tonnes", "treated 2000
patients"; "the 2018 elections", "from 2022 levels" stay dates), part of a larger number
("2,019", "2019.5"), a numeric range with a non-year ("2000 to 2500 tonnes"), or part of a name:
hyphen-joined to a word ("Shield-2022", "Sea-2019"), right after a capitalised noun ("Flight
2019", "Expo 2020") or inside a named entity ("Vision 2030", "Resolution 1973").
Numeric dates: "16.05.2024" is day first; with slashes a part above 12 tells the order, and an
order that cannot be told ("03/04/2021") keeps only the year.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: reading stored claims needs no spaCy
    from spacy.tokens import Doc, Token

from factlint.models import DateRef

PATTERNS = Path(__file__).parent / "patterns"
YEAR_MIN, YEAR_MAX = 1800, 2100
OLD_YEAR_MIN = 1000
"""Years from OLD_YEAR_MIN to YEAR_MIN count only right after "in", "since", "during", "until"."""


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    number_words: dict[str, int]
    ordinal_words: dict[str, int]
    tens: dict[str, int]
    unit_words: frozenset[str]
    count_cues: frozenset[str]
    future_cues: frozenset[str]
    date_change_verbs: frozenset[str]
    day_words: dict[str, int]
    relative_words: dict[str, int]
    anaphoric_words: frozenset[str]
    calendar_units: dict[str, str]
    time_words: tuple[str, ...]
    spoken_centuries: dict[str, int]
    spoken_thousand: str
    operators: dict[str, str]
    operator_tenses: dict[str, str]
    month_cues: frozenset[str]
    time_prefixes: frozenset[str]
    year_prepositions: frozenset[str]
    year_qualifiers: frozenset[str]
    range_words: frozenset[str]
    anchor_words: tuple[str, ...]
    fixed_holidays: dict[str, tuple[int, int]]


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The calendar vocabulary in ``patterns/date_words.yaml``."""
    raw = yaml.safe_load((PATTERNS / "date_words.yaml").read_text(encoding="utf-8"))
    return DateWords(
        months=raw["months"],
        month_abbreviations=raw["month_abbreviations"],
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        weekdays=raw["weekdays"],
        seasons={name: tuple(months) for name, months in raw["seasons"].items()},
        number_words=raw["number_words"],
        ordinal_words=raw["ordinal_words"],
        tens=raw["tens"],
        unit_words=frozenset(str(w).lower() for w in raw["unit_words"]),
        count_cues=frozenset(str(w).lower() for w in raw["count_cues"]),
        future_cues=frozenset(str(w).lower() for w in raw["future_cues"]),
        date_change_verbs=frozenset(str(w).lower() for w in raw["date_change_verbs"]),
        day_words={str(k).lower(): int(v) for k, v in raw["day_words"].items()},
        relative_words={str(k).lower(): int(v) for k, v in raw["relative_words"].items()},
        anaphoric_words=frozenset(str(w).lower() for w in raw["anaphoric_words"]),
        calendar_units={str(k).lower(): str(v) for k, v in raw["calendar_units"].items()},
        time_words=tuple(str(w).lower() for w in raw["time_words"]),
        spoken_centuries={str(k).lower(): int(v) for k, v in raw["spoken_centuries"].items()},
        spoken_thousand=str(raw["spoken_thousand"]).lower(),
        operators={str(k).lower(): str(v) for k, v in raw["operators"].items()},
        operator_tenses={str(k).lower(): str(v) for k, v in raw["operator_tenses"].items()},
        month_cues=frozenset(str(w).lower() for w in raw["month_cues"]),
        time_prefixes=frozenset(str(w).lower() for w in raw["time_prefixes"]),
        year_prepositions=frozenset(str(w).lower() for w in raw["year_prepositions"]),
        year_qualifiers=frozenset(str(w).lower() for w in raw["year_qualifiers"]),
        range_words=frozenset(str(w).lower() for w in raw["range_words"]),
        anchor_words=tuple(str(w).lower() for w in raw["anchor_words"]),
        fixed_holidays={str(k): (int(v[0]), int(v[1])) for k, v in raw["fixed_holidays"].items()},
    )


def ordinal_word_value(word: str) -> int | None:
    """``"fourth"`` -> 4, ``"twenty-first"`` -> 21, ``"21st"`` -> 21; None if not an ordinal."""
    word = word.lower().replace("\u2011", "-")
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    if match:
        return int(match.group(1))
    words = date_words()
    if word in words.ordinal_words:
        return words.ordinal_words[word]
    tens, sep, unit = word.partition("-")
    if sep and tens in words.tens and unit in words.ordinal_words and words.ordinal_words[unit] < 10:
        return words.tens[tens] + words.ordinal_words[unit]
    return None


# ---------------------------------------------------------------- calendar values


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    """A calendar value: its ISO-like label, granularity and inclusive day bounds."""

    value: str
    granularity: str
    first: dt.date
    last: dt.date


def year_period(year: int) -> Period:
    return Period(str(year), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def month_period(year: int, month: int) -> Period:
    return Period(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), _month_end(year, month))


def day_period(day: dt.date) -> Period:
    return Period(_iso(day), "day", day, day)


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * quarter - 2
    return Period(f"{year:04d}-Q{quarter}", "quarter", dt.date(year, first_month, 1), _month_end(year, first_month + 2))


def season_period(year: int, season: str) -> Period:
    first_month, last_month = date_words().seasons[season]
    last_year = year + 1 if last_month < first_month else year
    name = "autumn" if season == "fall" else season
    return Period(f"{year:04d}-{name}", "season", dt.date(year, first_month, 1), _month_end(last_year, last_month))


def decade_period(first_year: int) -> Period:
    return Period(f"{first_year}s", "decade", dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31))


def century_period(ordinal: int) -> Period:
    """The n-th century as ISO 8601 writes it: the 21st century is "20", the years 2000-2099."""
    hundreds = ordinal - 1
    return Period(f"{hundreds:02d}", "century", dt.date(max(1, hundreds * 100), 1, 1), dt.date(hundreds * 100 + 99, 12, 31))


def week_period(day: dt.date) -> Period:
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    return Period(f"{_iso(monday)}/{_iso(sunday)}", "range", monday, sunday)


def span_period(low: Period, high: Period) -> Period:
    granularity = low.granularity if low.granularity == high.granularity else "range"
    return Period(f"{low.value}/{high.value}", granularity, low.first, high.last)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


# ---------------------------------------------------------------- regular expressions


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _cased(words) -> list[str]:
    """Each word as written (capitalised) and in upper case."""
    return [form for w in words for form in (w, w.upper())]


_W = date_words()


def _phrase(words) -> str:
    """An alternation of phrases, longest first, spaces matching any run of white space."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _spoken_decades() -> list[str]:
    """ "twenty" -> "twenties", ..., "ninety" -> "nineties"."""
    return [word[:-1] + "ies" for word in _W.tens]


def _word_macros() -> dict[str, str]:
    """The grammar's macros built from the word lists of date_words.yaml."""
    months = _alternation(_cased(_W.months))
    units_1_9 = [w for w, v in _W.number_words.items() if 1 <= v <= 9 and w.isalpha() and w not in ("a", "an")]
    teens = [w for w, v in _W.number_words.items() if 10 <= v <= 19]
    digit, teen, tens = _alternation(units_1_9), _alternation(teens), _alternation(_W.tens)
    below_hundred = rf"(?:(?:{tens})(?:[\s-]+(?:{digit}))?|{teen})"
    century = _alternation(_W.spoken_centuries)
    thousand = _phrase([_W.spoken_thousand])
    return {
        "MONTH_FULL": months,
        "MONTH_ANY": rf"(?:{months}|(?:{_alternation(_cased(_W.month_abbreviations))})\.?)",
        "WEEKDAY": _alternation(_cased(_W.weekdays) + [w.lower() for w in _W.weekdays]),
        "SEASON": _alternation(w for s in _W.seasons for w in (s, s.capitalize())),
        "NUMBER": rf"(?:\d{{1,3}}|(?:{tens})(?:[\s-]+(?:{digit}))?|{_alternation(_W.number_words)})",
        "ORDINAL_WORD": (ordinal := _alternation(
            list(_W.ordinal_words) + [f"{t}-{u}" for t in _W.tens for u, v in _W.ordinal_words.items() if v < 10]
        )),
        "ORDINAL_ANY": rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{ordinal})",
        "SPOKEN_YEAR": rf"(?:(?:{century})[\s-]+{below_hundred}|{thousand}(?:\s+(?:and\s+)?(?:{below_hundred}|{digit}))?)",
        "SPOKEN_DECADE": _alternation(_spoken_decades()),
        "SPOKEN_SHORT_YEAR": rf"(?:{tens})[\s-]+(?:{digit})",
        "DAY_WORD": _phrase(_W.day_words),
        "ANAPHORIC": _alternation(_W.anaphoric_words),
        "HOLIDAY": _alternation(_W.fixed_holidays),
    }


_MACRO_RX = re.compile(r"\{([A-Z_]+)\}")


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    """Replace ``{NAME}`` by its macro, recursively; regex quantifiers ("{1,2}") are left alone."""
    for _ in range(10):
        expanded = _MACRO_RX.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            break
        pattern = expanded
    unknown = _MACRO_RX.search(pattern)
    if unknown:
        raise ValueError(f"unknown date grammar macro {unknown.group(0)}")
    return pattern


@dataclass(frozen=True)
class DateRule:
    """One named rule of ``patterns/date_rules.yaml``."""

    name: str
    handler: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@lru_cache(maxsize=1)
def _grammar_file() -> dict:
    return yaml.safe_load((PATTERNS / "date_rules.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def grammar_macros() -> dict[str, str]:
    macros = {**_word_macros(), **{str(k): str(v) for k, v in _grammar_file()["macros"].items()}}
    return {name: expand_macros(body, macros) for name, body in macros.items()}


_MACROS = grammar_macros()
MONTH_FULL, MONTH_ANY, WEEKDAY, SEASON = (_MACROS[k] for k in ("MONTH_FULL", "MONTH_ANY", "WEEKDAY", "SEASON"))
DAY, YEAR, DASH = _MACROS["DAY"], _MACROS["YEAR"], _MACROS["DASH"]

RX_FLAGS = re.UNICODE


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, RX_FLAGS | flags)


# ---------------------------------------------------------------- candidates


Tense = Literal["past", "present", "future", "prospective"]
"""``prospective``: an infinitive ("to resume Monday", "asked to respond by Oct. 31"): ahead of
the clause's time, which may itself be past; a softer future than "will"."""


AGAINST_TENSE_FACTOR = 4
"""How much farther a day on the wrong side of the document date may be and still win when the
nearest plausible one is wanted: "payable Dec. 7" in a past clause dated October is the coming
December 7 (6 weeks ahead), not last year's (47 weeks back); "on Nov. 2" in that clause dated
November 20 is the one just past."""


def choose_occurrence(options: list[Period], today: dt.date, tense: Tense, *, nearest: bool = False) -> Period | None:
    """Which occurrence of a year-less period the text means, seen from the document date.

    Past clause: the latest one that has begun by ``today``; future clause: the earliest one not
    yet over; present (or no verb): the nearest one, the earlier on a tie. With ``nearest`` (a day
    of a month: the verb is often another event's, "declared a dividend payable Dec. 7") the tense
    only weighs the distance:
    an occurrence on the side the tense does not point to counts AGAINST_TENSE_FACTOR times as far.
    """
    options = sorted(options, key=lambda p: p.first)
    if nearest and tense in ("past", "prospective"):

        def weighted(period: Period) -> int:
            if period.first <= today <= period.last:
                return 0
            days = min(abs((period.first - today).days), abs((period.last - today).days))
            agrees = period.first <= today if tense == "past" else period.last >= today
            return days if agrees else days * AGAINST_TENSE_FACTOR

        return min(options, key=weighted, default=None)
    if tense == "prospective":
        tense = "future"
    if tense == "past":
        return max((p for p in options if p.first <= today), key=lambda p: p.first, default=None)
    if tense == "future":
        return min((p for p in options if p.last >= today), key=lambda p: p.first, default=None)

    def distance(period: Period) -> int:
        if period.first <= today <= period.last:
            return 0
        return min(abs((period.first - today).days), abs((period.last - today).days))

    return min(options, key=distance, default=None)


@dataclass
class Context:
    """What a relative expression may be resolved against."""

    doc_date: dt.date | None
    sentence_years: list[int]
    """Distinct explicit years named earlier in the same sentence."""
    tense: Tense = "present"
    previous_year: int | None = None
    """The last explicit year named before the expression in its paragraph (for "that year")."""
    tense_is_firm: bool = False
    """The tense comes from an operator ("since March" is past), not from a verb: it decides."""
    previous_day: tuple[int, int, int] | None = None
    """(year, month, day) of the last day-level date before the expression (for "the next day")."""
    previous_month: tuple[int, int] | None = None
    """(year, month) of the last month- or day-level date before the expression (for "the
    following month")."""
    tense_is_verb: bool = False
    """The tense is a verb's own (present: "talks resume Thursday"), not the default of a clause
    without a tensed verb."""

    @property
    def context_year(self) -> int | None:
        return self.sentence_years[0] if len(set(self.sentence_years)) == 1 else None


@dataclass
class Resolved:
    period: Period | None
    kind: str = "point"
    relative: str | None = None
    granularity: str | None = None
    """Granularity of an unresolved expression (period is None)."""


@dataclass
class Candidate:
    start: int
    end: int
    resolve: Callable[[Context], Resolved | None]
    year_positions: tuple[int, ...] = ()
    """Character offsets of stand-alone four-digit years that must pass the bare-year test."""
    explicit: bool = True
    """False when the value depends on the document date or the context."""
    needs_cue: bool = False
    """A bare month name that is also a common word ("May", "March"): needs a calendar cue before it."""
    word_like: bool = False
    """A bare name (month, weekday, season) that a named entity may have swallowed ("June Carter")."""
    from_to: bool = False
    """A "from X to Y" span, which a verb like "postpone" turns into a change of date."""
    weekday: bool = False
    """A weekday name: a name only when a capitalised word modifies it ("Black Friday")."""
    spoken: bool = False
    """A year in words ("nineteen ninety-six"): not when it counts something ("two thousand people")."""


Handler = Callable[[re.Match[str]], Candidate | None]


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    title = name.capitalize()
    return _W.months.get(title) or _W.month_abbreviations[title]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _fixed(period: Period | None, kind: str = "point") -> Callable[[Context], Resolved | None]:
    def resolve(_: Context) -> Resolved | None:
        return Resolved(period, kind) if period else None

    return resolve


# --- explicit dates


def on_iso(match: re.Match[str]) -> Candidate | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return Candidate(match.start(), match.end(), _fixed(day_period(day))) if day else None


def on_numeric_date(match: re.Match[str]) -> Candidate | None:
    """"16/05/2024", "16.05.2024", "2024/05/16": the day when the order is certain, else the year.

    Dotted dates are day first; with slashes, a part above 12 tells the order ("05/16/2024" is
    May 16); "05/06/2024" could be either, so only its year is kept.
    """
    year = int(match["y"])
    if match.groupdict().get("ymd"):
        month, day = int(match["m"]), int(match["d"])
    else:
        order = _numeric_day_order(match)
        if order is None:
            return Candidate(match.start(), match.end(), _fixed(year_period(year)))
        month, day = order
    date = _safe_date(year, month, day)
    return Candidate(match.start(), match.end(), _fixed(day_period(date))) if date else None


def _numeric_day_order(match: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of a numeric date's first two parts, None when either order could be meant."""
    first, second = int(match["a"]), int(match["b"])
    if match["sep"] == "." or first > 12:
        return second, first
    if second > 12 or first == second:
        return first, second
    return None


SHORT_YEAR_AHEAD = 10
"""A two-digit year is the one in the century window ending this many years after the document
date ("10/13/87" in a 1989 text is 1987, "5/1/95" is 1995; in a 2024 text "3/4/30" is 2030)."""


def on_numeric_date_short_year(match: re.Match[str]) -> Candidate | None:
    """"10/13/87": the day when the order of its parts is certain, its century from the document
    date; without a document date the century is unknown and the day unresolved."""
    order = _numeric_day_order(match)
    if order is None or _safe_date(2000, *order) is None:
        return None
    month, day = order
    short = int(match["yy"])

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", yearless_day_text(month, day), "day")
        last = ctx.doc_date.year + SHORT_YEAR_AHEAD
        year = last - (last - short) % 100
        date = _safe_date(year, month, day)
        return Resolved(day_period(date)) if date else None

    return Candidate(match.start(), match.end(), resolve, explicit=False)


YEARLESS_DAY = re.compile(r"--(\d\d)-(\d\d)")
"""How ``DateRef.relative`` writes a day whose year nothing gives ("15 September" in an undated
article is ``--09-15``)."""


def yearless_day_text(month: int, day: int) -> str:
    return f"--{month:02d}-{day:02d}"


def yearless_month_day(relative: str | None) -> tuple[int, int] | None:
    """The month and day of a day written without its year (``yearless_day_text``), else None."""
    found = YEARLESS_DAY.fullmatch(relative or "")
    return (int(found[1]), int(found[2])) if found else None


def _yearless_day(month: int, day: int, weekday: int | None = None) -> Callable[[Context], Resolved | None]:
    """A day written without its year: year from the sentence, else from the document date.
    A weekday written with it ("Thursday, Nov. 2") keeps only the years in which the day falls
    on that weekday."""

    def resolve(ctx: Context) -> Resolved | None:
        relative = yearless_day_text(month, day)
        if ctx.context_year is not None:
            date = _safe_date(ctx.context_year, month, day)
            return Resolved(day_period(date)) if date else None
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "day")
        year = ctx.doc_date.year
        options = [day_period(d) for y in (year - 1, year, year + 1) if (d := _safe_date(y, month, day))]
        on_its_weekday = [p for p in options if p.first.weekday() == weekday]
        if weekday is not None and on_its_weekday:  # the calendar outweighs the tense
            return Resolved(choose_occurrence(on_its_weekday, ctx.doc_date, "present"), "relative", relative)
        chosen = choose_occurrence(options, ctx.doc_date, ctx.tense, nearest=not ctx.tense_is_firm)
        return Resolved(chosen, "relative", relative) if chosen else None

    return resolve


def _day_candidate(match: re.Match[str]) -> Candidate | None:
    month, day = _month_number(match["m"]), _day_number(match["d"])
    if match["y"]:
        date = _safe_date(int(match["y"]), month, day)
        return Candidate(match.start(), match.end(), _fixed(day_period(date))) if date else None
    if _safe_date(2000, month, day) is None:
        return None
    weekday = _W.weekdays.get(match["wd"].capitalize()) if match["wd"] else None
    return Candidate(match.start(), match.end(), _yearless_day(month, day, weekday), explicit=False)


on_month_day_year = on_day_month_year = _day_candidate


def _yearless_day_range(first: tuple[int, int], last: tuple[int, int]) -> Callable[[Context], Resolved | None]:
    def resolve(ctx: Context) -> Resolved | None:
        relative = f"--{first[0]:02d}-{first[1]:02d}/--{last[0]:02d}-{last[1]:02d}"
        low = _yearless_day(*first)(ctx)
        if low is None or low.period is None:
            return Resolved(None, "range", relative, "day") if low else None
        year = low.period.first.year + (1 if last < first else 0)
        high = _safe_date(year, *last)
        if high is None:
            return None
        period = span_period(low.period, day_period(high))
        return Resolved(period, "range", relative if low.relative else None)

    return resolve


def on_day_range(match: re.Match[str]) -> Candidate | None:
    m1 = _month_number(match["m1"]) if match["m1"] else None
    m2 = _month_number(match["m2"]) if match["m2"] else None
    first = (m1 or m2, _day_number(match["d1"]))
    last = (m2 or m1, _day_number(match["d2"]))
    if first[0] is None or last < first and first[0] != 12:
        return None
    if first == last or _safe_date(2000, *first) is None or _safe_date(2000, *last) is None:
        return None
    if match["y"]:
        year = int(match["y"])
        low = _safe_date(year - (1 if last < first else 0), *first)
        high = _safe_date(year, *last)
        if not (low and high):
            return None
        return Candidate(match.start(), match.end(), _fixed(span_period(day_period(low), day_period(high)), "range"))
    return Candidate(match.start(), match.end(), _yearless_day_range(first, last), explicit=False)


def on_month_year(match: re.Match[str]) -> Candidate | None:
    period = month_period(int(match["y"]), _month_number(match["m"]))
    return Candidate(match.start(), match.end(), _fixed(period))


def on_spoken_month_day(match: re.Match[str]) -> Candidate | None:
    """Days read out in transcripts: "March fifth", "the fifteenth of May"."""
    month = _month_number(match["m"] or match["m2"])
    day = ordinal_word_value(match["nth"] or match["nth2"])
    year_text = match["y"] or match["y2"]
    if day is None or _safe_date(2000, month, day) is None:
        return None
    if year_text:
        date = _safe_date(int(year_text), month, day)
        return Candidate(match.start(), match.end(), _fixed(day_period(date))) if date else None
    return Candidate(match.start(), match.end(), _yearless_day(month, day), explicit=False)


def on_month_range_year(match: re.Match[str]) -> Candidate | None:
    year, m1, m2 = int(match["y"]), _month_number(match["m1"]), _month_number(match["m2"])
    if m1 == m2:
        return None
    low = month_period(year - 1 if m2 < m1 else year, m1)
    return Candidate(match.start(), match.end(), _fixed(span_period(low, month_period(year, m2)), "range"))


def on_season_year(match: re.Match[str]) -> Candidate | None:
    period = season_period(int(match["y"]), match["s"].lower())
    return Candidate(match.start(), match.end(), _fixed(period))


def _quarter_number(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("q"):
        return int(groups["q"])
    return ordinal_word_value(groups["qw"])


def on_quarter_year(match: re.Match[str]) -> Candidate | None:
    period = quarter_period(int(match["y"]), _quarter_number(match))
    return Candidate(match.start(), match.end(), _fixed(period))


def on_first_months(match: re.Match[str]) -> Candidate | None:
    """"the first nine months of 2023" -> 2023-01/2023-09; "the last two months of 2023"."""
    year, count = int(match["y"]), _count(match["n"])
    if match["unit"].lower().startswith("quarter"):
        count = count * 3 if count else None
    if not count or count >= 12:
        return None
    first_month, last_month = (1, count) if match["edge"].lower() == "first" else (13 - count, 12)
    period = span_period(month_period(year, first_month), month_period(year, last_month))
    return Candidate(match.start(), match.end(), _fixed(Period(period.value, "range", period.first, period.last)))


def on_fiscal_year(match: re.Match[str]) -> Candidate | None:
    year = int(match["y"]) if len(match["y"]) == 4 else _apostrophe_year(int(match["y"]))
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    return Candidate(match.start(), match.end(), _fixed(year_period(year)))


def half_period(year: int, half: int) -> Period:
    months = (1, 6) if half == 1 else (7, 12)
    return Period(
        f"{year}-{months[0]:02d}/{year}-{months[1]:02d}", "range", dt.date(year, months[0], 1), _month_end(year, months[1])
    )


def on_relative_half_year(match: re.Match[str]) -> Candidate | None:
    """"the second half of the year", "the first half of last year": from the document date."""
    half = 1 if match["h"].lower() in ("first", "1st") else 2
    offset = RELATIVE_WORDS.get(match["rel"].lower(), 0)
    relative = f"{offset:+d} year half {half}".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "range")
        return Resolved(half_period(ctx.doc_date.year + offset, half), "relative", relative)

    return Candidate(match.start(), match.end(), resolve, explicit=False)


def on_half_year(match: re.Match[str]) -> Candidate | None:
    half_word = (match["h"] or match["h2"]).lower()
    year, half = int(match["y"]), (1 if half_word in ("first", "1st", "h1") else 2)
    return Candidate(match.start(), match.end(), _fixed(half_period(year, half)))


def on_decade(match: re.Match[str]) -> Candidate | None:
    """"the 1960s", "the '90s"; "the 1800s" and "the 1900s" are read as centuries, as in
    everyday use ("the early 1900s"); "the 2000s" stays the decade."""
    groups = match.groupdict()
    if groups.get("tens"):  # "the sixties": the decade of the century just past, as in English prose
        tens = _W.tens[groups["tens"].lower()[:-3] + "y"]
        return Candidate(match.start(), match.end(), _fixed(decade_period(1900 + tens)))
    if groups.get("short"):
        two = int(match["short"])
        first_year = (1900 if two >= 30 else 2000) + two
    else:
        first_year = int(match["full"])
    if not YEAR_MIN <= first_year <= YEAR_MAX:
        return None
    if first_year % 100 == 0 and first_year < 2000 and not groups.get("short"):
        return Candidate(match.start(), match.end(), _fixed(century_period(first_year // 100 + 1)))
    return Candidate(match.start(), match.end(), _fixed(decade_period(first_year)))


def on_short_year(match: re.Match[str]) -> Candidate | None:
    """ "in ’89", "the class of '05": a year written with two digits after an apostrophe."""
    return Candidate(match.start(), match.end(), _fixed(year_period(_apostrophe_year(int(match["short"])))))


SHORT_YEAR_PIVOT = 30
"""A two-digit year written without a document date to place it ("'89", "FY90") is 19xx from
this value up, else 20xx."""


def _apostrophe_year(two: int) -> int:
    return (1900 if two >= SHORT_YEAR_PIVOT else 2000) + two


def on_anaphoric_day(match: re.Match[str]) -> Candidate | None:
    """ "the next day", "the same day": from the last day named before it, else the document date;
    not a date mention when there is neither."""
    offset = RELATIVE_WORDS.get(match["dir"].lower(), 0)  # "same": 0
    relative = f"{offset:+d} day".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        base = dt.date(*ctx.previous_day) if ctx.previous_day else ctx.doc_date
        if base is None:
            return None  # with nothing to count from, "the same day" says no date at all
        return Resolved(day_period(base + dt.timedelta(days=offset)), "relative", relative)

    return Candidate(match.start(), match.end(), resolve, explicit=False)


def on_century(match: re.Match[str]) -> Candidate | None:
    ordinal = ordinal_word_value(match["n"])
    if ordinal is None or not 1 <= ordinal <= 22:
        return None
    return Candidate(match.start(), match.end(), _fixed(century_period(ordinal)))


def on_year_range(match: re.Match[str]) -> Candidate | None:
    y1, raw2 = int(match["y1"]), match["y2"]
    sep = match["sep"].strip()
    if len(raw2) == 2:
        if not re.fullmatch(rf"{DASH}|/", sep):
            return None
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
        if sep == "/" and y2 != y1 + 1:
            return None
    if sep == "and" and not match["from"]:
        return None  # "in 2019 and 2020" names two years, not a span
    if not (YEAR_MIN <= y1 < y2 <= YEAR_MAX):
        return None
    checks = (match.start("y1"),) + ((match.start("y2"),) if len(raw2) == 4 else ())
    return Candidate(match.start(), match.end(), _fixed(span_period(year_period(y1), year_period(y2)), "range"), checks)


def on_year(match: re.Match[str]) -> Candidate | None:
    year = int(match["y"])
    if not OLD_YEAR_MIN <= year <= YEAR_MAX:
        return None
    return Candidate(match.start(), match.end(), _fixed(year_period(year)), (match.start("y"),))


def spoken_year_value(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001, "nineteen ten" -> 1910."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w not in ("and", "the", "year")]
    values = {**_W.number_words, **_W.tens}
    thousand = _W.spoken_thousand.split()
    if words[: len(thousand)] == thousand:
        base, rest = 2000, words[len(thousand) :]
    elif words and words[0] in _W.spoken_centuries and len(words) > 1:
        base, rest = _W.spoken_centuries[words[0]] * 100, words[1:]
        if not rest:
            return None
    else:
        return None
    if any(w not in values for w in rest):
        return None
    below = sum(values[w] for w in rest)
    return base + below if below < 100 else None


def on_spoken_year(match: re.Match[str]) -> Candidate | None:
    """Years read out in transcripts: "in nineteen ninety-six", "the year two thousand"."""
    year = spoken_year_value(match["spoken"])
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        return None
    return Candidate(match.start(), match.end(), _fixed(year_period(year)), spoken=not match.group().lower().startswith("the"))


def on_spoken_short_year(match: re.Match[str]) -> Candidate | None:
    """"in ninety-seven": a year read out without its century, in the document's century window
    (as "10/13/87" is); without a document date it names no year."""
    words = [w for w in re.split(r"[\s-]+", match["spoken"].lower()) if w]
    short = _W.tens[words[0]] + _W.number_words[words[1]]

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return None
        last = ctx.doc_date.year + SHORT_YEAR_AHEAD
        return Resolved(year_period(last - (last - short) % 100))

    return Candidate(match.start("spoken"), match.end("spoken"), resolve, explicit=False)


def on_spoken_month_year(match: re.Match[str]) -> Candidate | None:
    year = spoken_year_value(match["spoken"])
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        return None
    return Candidate(match.start(), match.end(), _fixed(month_period(year, _month_number(match["m"]))))


# --- relative expressions

def _unit(word: str) -> str:
    word = word.lower()
    return _W.calendar_units[word.removesuffix("s")]


def _offset_period(base: dt.date, unit: str, offset: int) -> Period:
    if unit == "year":
        return year_period(base.year + offset)
    if unit == "decade":
        return year_period(base.year + 10 * offset)
    if unit == "month":
        return month_period(*shift_month(base.year, base.month, offset))
    if unit == "quarter":
        year, month = shift_month(base.year, base.month, 3 * offset)
        return quarter_period(year, (month - 1) // 3 + 1)
    if unit == "week":
        return week_period(base + dt.timedelta(weeks=offset))
    return day_period(base + dt.timedelta(days=offset))


def _relative_offset(
    unit: str, offset: int, *, anaphoric: bool, part: str | None = None, point: bool = False, narrated: bool = False
):
    """Resolver for "last year" (deictic) or "the previous year" (anaphoric, may use context).

    ``point``: the expression names a moment, not a calendar unit ("two weeks ago", "a year
    earlier"): counted from the document date it is the day ``offset`` units before or after it;
    counted from a narrated year it is that year moved by ``offset``.
    ``narrated``: the expression can only count from a time the text has named ("three years
    later" follows a story; "a year earlier" may be the document's): the last year, month or day
    named before it in the paragraph is its base, at that unit's granularity."""
    step = "+" if offset > 0 else ""
    relative = f"{step}{offset} {unit}"

    def resolve(ctx: Context) -> Resolved | None:
        base = None
        if narrated:
            named = _narrated_base(ctx, unit)
            if named is not None:
                return Resolved(_offset_period(named, unit, offset), "relative", relative)
        narrated_year = ctx.context_year if ctx.context_year is not None else ctx.previous_year
        if anaphoric and unit in ("year", "decade") and narrated_year is not None and not point:
            base = dt.date(narrated_year, 7, 1)  # "The mill opened in 1988. The following year ..."
        elif anaphoric and unit in ("year", "decade") and ctx.context_year is not None:
            base = dt.date(ctx.context_year, 7, 1)
        elif anaphoric and unit == "month" and ctx.previous_month is not None:
            base = dt.date(*ctx.previous_month, 15)  # "In March, ... The following month, ..."
        elif anaphoric and unit == "day" and ctx.previous_day is not None and not point:
            base = dt.date(*ctx.previous_day)  # "closed at $5 yesterday, down from $6 the day before"
        elif ctx.doc_date is not None:
            base = ctx.doc_date
            if point:
                return Resolved(day_period(_shift_date(base, unit, offset)), "relative", relative)
        if base is None:
            return Resolved(None, "relative", relative, "day" if point else _granularity(unit))
        period = _offset_period(base, unit, offset)
        if part == "earlier" and ctx.doc_date and offset == 0 and base is ctx.doc_date:
            period = Period(period.value, period.granularity, period.first, min(period.last, ctx.doc_date))
        elif part == "later" and ctx.doc_date and offset == 0 and base is ctx.doc_date:
            period = Period(period.value, period.granularity, max(period.first, ctx.doc_date), period.last)
        return Resolved(period, "relative", relative)

    return resolve


def _narrated_base(ctx: Context, unit: str) -> dt.date | None:
    """The time last named before an anaphoric expression, as a date to count ``unit``s from."""
    if unit in ("year", "decade"):
        year = ctx.context_year if ctx.context_year is not None else ctx.previous_year
        return dt.date(year, 7, 1) if year is not None else None
    if unit == "month" and ctx.previous_month is not None:
        return dt.date(*ctx.previous_month, 15)
    if unit == "day" and ctx.previous_day is not None:
        return dt.date(*ctx.previous_day)
    return None


def _granularity(unit: str) -> str:
    return {"week": "range", "decade": "year"}.get(unit, unit)


RELATIVE_WORDS = _W.relative_words


def on_relative_unit(match: re.Match[str]) -> Candidate | None:
    """last/this/next year|month|week|quarter, earlier this month; "the previous/following/next
    year" count from the narrated year (anaphoric)."""
    words = match["rel"].lower().split()
    word = words[-1]
    anaphoric = word in _W.anaphoric_words or words == ["the", "next"]
    unit = _unit(match["unit"])
    part = (match["part"] or "").strip().lower() or None
    part = {"early": "earlier", "late": "later"}.get(part, part)
    return Candidate(
        match.start(),
        match.end(),
        _relative_offset(unit, RELATIVE_WORDS[word], anaphoric=anaphoric, part=part),
        explicit=False,
    )


def on_qualified_year(match: re.Match[str]) -> Candidate | None:
    """ "the full year", "the current fiscal year", "earlier in the year", "later in the week": the
    narrated year, else the document's (the current week or month)."""
    part = (match["part"] or "").lower() or None
    unit = (match["unit"] or "year").lower()
    return Candidate(match.start(), match.end(), _relative_offset(unit, 0, anaphoric=True, part=part), explicit=False)


def on_period_of_relative_year(match: re.Match[str]) -> Candidate | None:
    """ "the spring of next year", "the third quarter of last year": the period of that year."""
    offset = RELATIVE_WORDS[match["rel"].lower()]
    season = (match["s"] or "").lower()
    season = "autumn" if season == "fall" else season
    quarter = ordinal_word_value(match["qw"]) if match["qw"] else None
    half = (1 if match["h"].lower() == "first" else 2) if match["h"] else None
    label = f"season {season}" if season else f"quarter {quarter}" if quarter else f"half {half}"
    relative = f"{offset:+d} year {label}".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "season" if season else "quarter" if quarter else "range")
        year = ctx.doc_date.year + offset
        if season:
            return Resolved(season_period(year, season), "relative", relative)
        if quarter:
            return Resolved(quarter_period(year, quarter), "relative", relative)
        return Resolved(half_period(year, half), "relative", relative)

    return Candidate(match.start(), match.end(), resolve, explicit=False)


def on_year_end(match: re.Match[str]) -> Candidate | None:
    """ "by year end", "the year's end": the end of the narrated year, else of the document's."""
    return Candidate(match.start(), match.end(), _relative_offset("year", 0, anaphoric=True), explicit=False)


def on_year_ago_adjective(match: re.Match[str]) -> Candidate | None:
    """ "the year-ago quarter", "year-earlier results": the year before."""
    return Candidate(match.start(), match.end(), _relative_offset("year", -1, anaphoric=True), explicit=False)


def on_anaphoric_then(match: re.Match[str]) -> Candidate | None:
    """ "until then", "since then", "by then": the time last named before it, at its granularity
    (a day, else a month, else the paragraph's last year); no date mention without one."""

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.previous_day is not None:
            period = day_period(dt.date(*ctx.previous_day))
        elif ctx.previous_month is not None:
            period = month_period(*ctx.previous_month)
        elif ctx.previous_year is not None:
            period = year_period(ctx.previous_year)
        else:
            return None
        return Resolved(period, "relative", "then")

    return Candidate(match.start("then"), match.end(), resolve, explicit=False)


def on_day_of_month(match: re.Match[str]) -> Candidate | None:
    """ "on the 6th", "by the 15th": a day of the month last named before it, else of the month
    around the document date that the tense points to (nearest when there is none)."""
    day = _day_number(match["d"])
    relative = f"day {day}"

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.previous_month is not None:
            date = _safe_date(*ctx.previous_month, day)
            return Resolved(day_period(date), "relative", relative) if date else None
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "day")
        today = ctx.doc_date
        options = [day_period(d) for offset in (-1, 0, 1) if (d := _safe_date(*shift_month(today.year, today.month, offset), day))]
        chosen = choose_occurrence(options, today, ctx.tense)
        return Resolved(chosen, "relative", relative) if chosen else None

    if not 1 <= day <= 31:
        return None
    return Candidate(match.start("the"), match.end(), resolve, explicit=False)


def on_day_of_relative_month(match: re.Match[str]) -> Candidate | None:
    """ "the fifteenth of this month", "the 1st of next month", "the first of the month"."""
    day = ordinal_word_value(match["nth"])
    if day is None or not 1 <= day <= 31:
        return None
    word = match["rel"].lower()
    offset = RELATIVE_WORDS.get(word, 0)
    relative = f"day {day} of {offset:+d} month".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if word == "the" and ctx.previous_month is not None:
            year, month = ctx.previous_month
        elif ctx.doc_date is not None:
            year, month = shift_month(ctx.doc_date.year, ctx.doc_date.month, offset)
        else:
            return Resolved(None, "relative", relative, "day")
        date = _safe_date(year, month, day)
        return Resolved(day_period(date), "relative", relative) if date else None

    return Candidate(match.start(), match.end(), resolve, explicit=False)


_DATE_JUST_BEFORE = _rx(rf"(?:\d|\b(?:{MONTH_ANY}|{WEEKDAY}))\.?$")


def on_appositive_unit(match: re.Match[str]) -> Candidate | None:
    """"Oct. 12, the day before the plunge": the day (month, year) just named, in apposition."""
    if not _DATE_JUST_BEFORE.search(match.string, max(0, match.start() - 12), match.start()):
        return None
    unit = match["unit"].lower()

    def resolve(ctx: Context) -> Resolved | None:
        period = _named_period(ctx, unit)
        return Resolved(period, "relative", f"that {unit}") if period else None

    return Candidate(match.start("span"), match.end("span"), resolve, explicit=False)


def _named_period(ctx: Context, unit: str) -> Period | None:
    """The year, month or day last named before an expression that points back at it."""
    if unit == "year":
        year = ctx.context_year if ctx.context_year is not None else ctx.previous_year
        return year_period(year) if year is not None else None
    if unit == "month":
        return month_period(*ctx.previous_month) if ctx.previous_month else None
    return day_period(dt.date(*ctx.previous_day)) if ctx.previous_day else None


def on_that_unit(match: re.Match[str]) -> Candidate | None:
    """ "that year", "later that month", "that night", "the same year": the period of that unit
    last named before it in the paragraph; without one it names no date ("trades made that day"
    may be any day): it points back, never at the document date."""
    unit = match["unit"].lower()
    unit = unit if unit in ("year", "month") else "day"  # a part of a day ("that night") is its day
    relative = f"that {unit}"

    def resolve(ctx: Context) -> Resolved | None:
        period = _named_period(ctx, unit)
        return Resolved(period, "relative", relative) if period else None

    return Candidate(match.start(), match.end(), resolve, explicit=False)


def on_the_current_unit(match: re.Match[str]) -> Candidate | None:
    """"for the year", "during the month": the one last named in the paragraph, else the
    document's own year or month."""
    unit = match["unit"].lower()
    relative = f"the {unit}"

    def resolve(ctx: Context) -> Resolved | None:
        if unit == "year":
            year = ctx.context_year if ctx.context_year is not None else ctx.previous_year
            if year is None and ctx.doc_date is not None:
                year = ctx.doc_date.year
            return Resolved(year_period(year), "relative", relative) if year else Resolved(None, "relative", relative, "year")
        month = ctx.previous_month or ((ctx.doc_date.year, ctx.doc_date.month) if ctx.doc_date else None)
        return Resolved(month_period(*month), "relative", relative) if month else Resolved(None, "relative", relative, "month")

    return Candidate(match.start("the"), match.end(), resolve, explicit=False)


def on_end_of_unit(match: re.Match[str]) -> Candidate | None:
    """"the end of the year", "the start of next month": the unit, resolved."""
    word = match["rel"].lower()
    offset = RELATIVE_WORDS.get(word, 0)
    return Candidate(match.start(), match.end(), _relative_offset(_unit(match["unit"]), offset, anaphoric=False), explicit=False)


def _count(word: str) -> int | None:
    """ "12" -> 12, "a" -> 1, "twenty-five" / "twenty five" -> 25."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    parts = re.split(r"[\s-]+", word)
    if len(parts) == 2 and parts[0] in _W.tens and 1 <= _W.number_words.get(parts[1], 0) <= 9:
        return _W.tens[parts[0]] + _W.number_words[parts[1]]
    return _W.number_words.get(word)


def on_units_ago(match: re.Match[str]) -> Candidate | None:
    """"two years ago" (deictic), "a year earlier" / "three years later" (anaphoric)."""
    count = _count(match["n"])
    if not count:
        return None
    unit = _unit(match["unit"])
    direction = re.sub(r"\s+", " ", match["dir"].lower())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if unit == "decade":
        unit, count = "year", count * 10
    resolver = _relative_offset(
        unit, sign * count, anaphoric=direction in ("earlier", "later"), point=True, narrated=direction == "later"
    )
    return Candidate(match.start(), match.end(), resolver, explicit=False)


def _shift_date(day: dt.date, unit: str, count: int) -> dt.date:
    """``day`` moved by ``count`` units (negative: back), clamped to the month's end."""
    if unit in ("year", "decade", "century"):
        years = count * {"year": 1, "decade": 10, "century": 100}[unit]
        return _safe_date(day.year + years, day.month, day.day) or dt.date(day.year + years, day.month, 28)
    if unit == "month":
        year, month = shift_month(day.year, day.month, count)
        return _safe_date(year, month, day.day) or _month_end(year, month)
    return day + dt.timedelta(days=count * (7 if unit == "week" else 1))


def _window_label(first: dt.date, last: dt.date, unit: str) -> str:
    if unit in ("year", "decade", "century"):
        return f"{first.year}/{last.year}"
    if unit == "month":
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
    return f"{_iso(first)}/{_iso(last)}"


def _window(unit: str, count: int, direction: int):
    """"the past two decades" (direction -1) or "the next five years" (+1): from the document
    date back or forward by ``count`` units."""
    relative = f"{'past' if direction < 0 else 'next'} {count} {unit}"

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "range")
        other_end = _shift_date(ctx.doc_date, unit, direction * count)
        first, last = sorted((ctx.doc_date, other_end))
        return Resolved(Period(_window_label(first, last, unit), "range", first, last), "relative", relative)

    return resolve


def on_unit_window(match: re.Match[str]) -> Candidate | None:
    """"the past two decades", "the last 12 months", "the next five years": a window from now."""
    word = match["unit"].lower()
    plural = word.endswith("s")
    if plural != bool(match["n"]):
        return None  # "the past years" is vague; "the past one year" is odd
    if not plural and match["dir"].lower() == "next":
        return None  # "the next year" follows a narrated year, like "the following year"
    count = _count(match["n"]) if match["n"] else 1
    if not count:
        return None
    unit = "century" if word.startswith("centur") else _unit(word)
    direction = -1 if match["dir"].lower() in ("past", "last") else 1
    return Candidate(match.start(), match.end(), _window(unit, count, direction), explicit=False)


def on_the_unit_before(match: re.Match[str]) -> Candidate | None:
    """"the year before", "the year after": anaphoric."""
    sign = 1 if match["dir"].lower() in ("after", "later") else -1
    return Candidate(match.start(), match.end(), _relative_offset(_unit(match["unit"]), sign, anaphoric=True), explicit=False)


def on_day_word(match: re.Match[str]) -> Candidate | None:
    offset = _W.day_words[re.sub(r"\s+", " ", match.group().lower())]
    return Candidate(match.start(), match.end(), _relative_offset("day", offset, anaphoric=False), explicit=False)


def _in_relative_year(month: int, day: int | None, offset: int):
    """"February 11 this year", "December last year": the year from the document date."""
    shown = f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    relative = f"{offset:+d} year {shown}".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "day" if day else "month")
        year = ctx.doc_date.year + offset
        if day is None:
            return Resolved(month_period(year, month), "relative", relative)
        date = _safe_date(year, month, day)
        return Resolved(day_period(date), "relative", relative) if date else None

    return resolve


def on_date_of_relative_year(match: re.Match[str]) -> Candidate | None:
    month_name = match["m"] or match["m2"] or match["m3"]
    day_text = match["d"] or match["d2"]
    month, day = _month_number(month_name), (_day_number(day_text) if day_text else None)
    if day is not None and _safe_date(2000, month, day) is None:
        return None
    resolver = _in_relative_year(month, day, RELATIVE_WORDS[match["rel"]])
    return Candidate(match.start(), match.end(), resolver, explicit=False)


def _weekday_resolver(weekday: int, direction: int | None):
    """direction -1 "last", +1 "next", 0 "this", None bare (tense decides)."""
    name = calendar.day_name[weekday].lower()
    relative = f"weekday {name}" if direction is None else f"{direction:+d} weekday {name}".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "day")
        today = ctx.doc_date
        back = (today.weekday() - weekday) % 7
        ahead = (weekday - today.weekday()) % 7
        if direction == -1:
            return Resolved(day_period(today - dt.timedelta(days=back or 7)), "relative", relative)
        if direction == 1:
            return Resolved(day_period(today + dt.timedelta(days=ahead or 7)), "relative", relative)
        options = [day_period(today - dt.timedelta(days=back)), day_period(today + dt.timedelta(days=ahead))]
        tense = "future" if direction == 0 else ctx.tense
        if tense == "present" and not ctx.tense_is_verb:
            tense = "past"  # news convention: "the minister met them on Monday"
        # a verb in the present tense ("the vote is on Friday", "talks resume Thursday"): the nearest
        return Resolved(choose_occurrence(options, today, tense), "relative", relative)

    return resolve


def on_fixed_holiday(match: re.Match[str]) -> Candidate | None:
    """"on Christmas Day", "New Year's Eve": a named day of a fixed date, resolved as a day written
    without its year ("Dec. 25")."""
    month, day = _W.fixed_holidays[match["h"]]
    if match["y"]:
        return Candidate(match.start(), match.end(), _fixed(day_period(dt.date(int(match["y"]), month, day))))
    return Candidate(match.start(), match.end(), _yearless_day(month, day), explicit=False)


WEEKDAY_DAY_REACH = 12
"""How many months either side of the document date "Friday the 13th" is looked for in."""


def on_weekday_day_of_month(match: re.Match[str]) -> Candidate | None:
    """"Friday the 13th": the nearest month around the document date (as the tense allows) whose
    13th is a Friday; unresolved without a document date."""
    weekday, day = _W.weekdays[match["wd"].capitalize()], _day_number(match["d"])
    relative = f"weekday {calendar.day_name[weekday].lower()} day {day}"

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "day")
        today = ctx.doc_date
        options = [
            day_period(d)
            for offset in range(-WEEKDAY_DAY_REACH, WEEKDAY_DAY_REACH + 1)
            if (d := _safe_date(*shift_month(today.year, today.month, offset), day)) is not None and d.weekday() == weekday
        ]
        chosen = choose_occurrence(options, today, ctx.tense, nearest=not ctx.tense_is_firm)
        return Resolved(chosen, "relative", relative) if chosen else None

    return Candidate(match.start(), match.end(), resolve, explicit=False, word_like=True, weekday=True)


def _direction(word: str | None) -> int | None:
    if not word:
        return None
    return RELATIVE_WORDS[word.split()[-1].lower()]


def on_weekday(match: re.Match[str]) -> Candidate | None:
    weekday = _W.weekdays[match["wd"].capitalize()]
    return Candidate(
        match.start(),
        match.end(),
        _weekday_resolver(weekday, _direction(match["rel"])),
        explicit=False,
        word_like=True,
        weekday=True,
    )


def _month_resolver(month: int, direction: int | None):
    name = calendar.month_name[month].lower()
    relative = f"month {name}" if direction is None else f"{direction:+d} month {name}".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if direction is None and ctx.context_year is not None:
            return Resolved(month_period(ctx.context_year, month))
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "month")
        doc_year, doc_month = ctx.doc_date.year, ctx.doc_date.month
        if direction == 0:
            year = doc_year
        elif direction == -1:
            year = doc_year if month < doc_month else doc_year - 1
        elif direction == 1:
            year = doc_year if month > doc_month else doc_year + 1
        else:
            options = [month_period(y, month) for y in (doc_year - 1, doc_year, doc_year + 1)]
            chosen = choose_occurrence(options, ctx.doc_date, ctx.tense)
            return Resolved(chosen, "relative", relative)
        return Resolved(month_period(year, month), "relative", relative)

    return resolve


def on_bare_month(match: re.Match[str]) -> Candidate | None:
    month = _month_number(match["m"])
    cued = match.start("m") > match.start()
    return Candidate(
        match.start(),
        match.end(),
        _month_resolver(month, _direction(match["rel"])),
        explicit=False,
        needs_cue=not cued and match["m"].capitalize() in _W.ambiguous_months,
        word_like=True,
    )


def _season_resolver(season: str, direction: int | None):
    relative = f"season {season}" if direction is None else f"{direction:+d} season {season}".replace("+0", "0")

    def resolve(ctx: Context) -> Resolved | None:
        if direction is None and ctx.context_year is not None:
            return Resolved(season_period(ctx.context_year, season))
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "season")
        today = ctx.doc_date
        options = [season_period(y, season) for y in range(today.year - 2, today.year + 2)]
        if direction == 1:
            chosen = next(p for p in options if p.first > today)
        elif direction == -1:
            chosen = [p for p in options if p.last < today][-1]
        else:
            chosen = choose_occurrence(options, today, "future" if direction == 0 else ctx.tense)
        return Resolved(chosen, "relative", relative)

    return resolve


def on_bare_season(match: re.Match[str]) -> Candidate | None:
    season = match["s"].lower()
    season = "autumn" if season == "fall" else season
    return Candidate(
        match.start(), match.end(), _season_resolver(season, _direction(match["rel"])), explicit=False, word_like=True
    )


def _quarter_resolver(quarter: int, direction: int | None):
    relative = f"quarter {quarter}"

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.context_year is not None:
            return Resolved(quarter_period(ctx.context_year, quarter))
        if ctx.doc_date is None:
            return Resolved(None, "relative", relative, "quarter")
        today = ctx.doc_date
        options = [quarter_period(y, quarter) for y in (today.year - 1, today.year, today.year + 1)]
        return Resolved(choose_occurrence(options, today, ctx.tense), "relative", relative)

    return resolve


def on_bare_quarter(match: re.Match[str]) -> Candidate | None:
    quarter = _quarter_number(match)
    return Candidate(match.start(), match.end(), _quarter_resolver(quarter, None), explicit=False)


# ---------------------------------------------------------------- the grammar

@lru_cache(maxsize=1)
def date_rules() -> tuple[DateRule, ...]:
    """The rules of ``patterns/date_rules.yaml``, compiled, in file order."""
    rules = []
    for raw in _grammar_file()["rules"]:
        flags = re.IGNORECASE if raw.get("ignorecase") else 0
        pattern = _rx(expand_macros(str(raw["pattern"]), grammar_macros()), flags)
        if f"on_{raw['handler']}" not in globals():
            raise ValueError(f"date rule {raw['name']!r}: no handler on_{raw['handler']}")
        rules.append(DateRule(str(raw["name"]), str(raw["handler"]), pattern, tuple(raw.get("examples", ()))))
    return tuple(rules)


def _handler(rule: DateRule) -> Handler:
    return globals()[f"on_{rule.handler}"]


# ---------------------------------------------------------------- validation against the parse

NAME_LABELS = frozenset({"ORG", "LAW", "PRODUCT", "EVENT", "WORK_OF_ART", "FAC", "PERSON", "NORP", "GPE", "LOC"})
NUMBER_LABELS = frozenset({"MONEY", "QUANTITY", "PERCENT"})
TIME_PREFIXES = _W.time_prefixes
DETERMINERS = frozenset({"DT", "PRP$", "POS", "WP$"})  # Penn tags of words that introduce a noun phrase
YEAR_PREPOSITIONS = _W.year_prepositions
YEAR_QUALIFIERS = _W.year_qualifiers
MONTH_CUES = _W.month_cues
RANGE_WORDS = _W.range_words
HYPHENS = "-‑"


class TokenIndex:
    """The Doc's text (``Doc.text`` is rebuilt on every access) and character offset -> token."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self._starts = doc.to_array("IDX").tolist() if len(doc) else []

    def at(self, offset: int) -> Token | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        token = self.doc[index]
        return token if offset < token.idx + len(token.text) else None


def _neighbour(token: Token, step: int) -> Token | None:
    index = token.i + step
    while 0 <= index < len(token.doc):
        if not token.doc[index].is_space:
            return token.doc[index]
        index += step
    return None


def year_is_date(doc: Doc, tokens: TokenIndex, pos: int) -> bool:
    """Is the four-digit number at ``pos`` a calendar year in this sentence (see module doc)?"""
    text = tokens.text
    digits = text[pos : pos + 4]
    if not digits.isdigit() or not OLD_YEAR_MIN <= int(digits) <= YEAR_MAX:
        return False
    before, after = text[max(0, pos - 40) : pos], text[pos + 4 : pos + 44]
    if re.search(r"\d[.,]$", before) or re.match(r"[.,]\d", after) or re.search(r"[$€£¥#]\s*$", before):
        return False
    joined = re.search(rf"([^\W\d_]+)[{HYPHENS}]$", before)
    if joined and joined.group(1).lower() not in TIME_PREFIXES:
        return False  # "Shield-2022": a designation, not a date
    if re.match(rf"[{HYPHENS}](?=[^\W\d_])\w*[A-Z]", after) or re.match(r"[^\W\d_]", after):
        return False  # "2019-nCoV", "2020x"
    token = tokens.at(pos)
    if token is None:
        return True
    if token.ent_type_ in NUMBER_LABELS:
        return False
    if token.ent_type_ in NAME_LABELS and token.ent_iob_ == "I" and token.text == digits:
        return False  # "Vision 2030", "Resolution 1973"
    previous, following = _neighbour(token, -1), _neighbour(token, 1)
    if int(digits) < YEAR_MIN and not _is_old_year(previous, following):
        return False
    if token.text == digits and _is_name_word(previous):
        return False  # "Flight 2019", "Expo 2020": a designation
    if token.text != digits:  # token like "mid-2025" or "2016-2020": the regexes already vetted the shape
        following = _neighbour(token, 1)
    if previous is not None and previous.lower_ in _W.count_cues:
        return False
    if following is not None:
        if following.lower_ in _W.unit_words and token.text == digits:
            return False
        if following.tag_ in ("NNS", "NNPS") and token.text == digits:
            introduced = previous is not None and (
                previous.tag_ in DETERMINERS
                or previous.pos_ == "ADP"
                or previous.lower_ in YEAR_PREPOSITIONS
                or previous.lower_ in YEAR_QUALIFIERS
            )
            if not introduced:
                return False  # "treated 2000 patients"; but "the 2018 elections", "from 2022 levels"
        if following.lower_ in RANGE_WORDS and _opens_number_range(int(digits), previous, _neighbour(following, 1)):
            return False  # "2000 to 2500 tonnes"; not "in 2008 to 29 mpg"
    # "1500 to 2000"
    return not (previous is not None and previous.lower_ in RANGE_WORDS and _is_non_year_number(_neighbour(previous, -1)))


def _opens_number_range(year: int, previous: Token | None, partner: Token | None) -> bool:
    if not _is_non_year_number(partner) or _sets_time(previous):
        return False
    partner_value = _number(partner)
    return partner_value is None or partner_value > year


def _is_name_word(token: Token | None) -> bool:
    """A capitalised noun that a number right after it would designate ("Flight", "Euro")."""
    return (
        token is not None
        and token.pos_ in ("PROPN", "NOUN")
        and token.text[:1].isupper()
        and token.text.upper() not in ("FY", "Q1", "Q2", "Q3", "Q4", "H1", "H2")
    )


def _is_old_year(previous: Token | None, following: Token | None) -> bool:
    """A year before 1800 only where nothing else fits: "in 1648," but not "in 1500 cases"."""
    return (
        previous is not None
        and previous.lower_ in ("in", "since", "during", "until")
        and (following is None or following.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ"))
    )


def _sets_time(token: Token | None) -> bool:
    return token is not None and token.lower_ in YEAR_PREPOSITIONS


def _number(token: Token) -> float | None:
    try:
        return float(token.text.replace(",", ""))
    except ValueError:
        return None


def _is_non_year_number(token: Token | None) -> bool:
    if token is None or not token.like_num:
        return False
    leading_year = re.match(r"(\d{4})(?!\d)", token.text)
    return not (leading_year and YEAR_MIN <= int(leading_year.group(1)) <= YEAR_MAX)


def _previous_word(doc: Doc, tokens: TokenIndex, pos: int) -> Token | None:
    token = tokens.at(pos)
    return _neighbour(token, -1) if token is not None else None


def _names_a_day(token: Token | None) -> bool:
    """ "Black Friday", "Super Tuesday", "Friday Prayers": a capitalised word and the weekday modify
    one another. A weekday after a name it does not modify ("in Iraq Friday", "met with Sununu
    Sunday", news style for "on Friday") is a day."""
    if token is None:
        return False
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if (
        previous is not None
        and previous.is_title
        and previous.pos_ != "ADV"  # "Later Monday, the king met": an adverb names no day
        and previous.lower_ not in _W.relative_words
        and previous.lower_ not in _W.time_prefixes  # "Late Monday, they met": a part of the day
        and previous.dep_ in ("compound", "amod")
        and previous.head.i in (token.i, token.head.i)
    ):
        return True  # "Black Friday", "the Super Tuesday turnout"
    head = token.head
    return token.dep_ == "compound" and head.i == token.i + 1 and head.is_title and head.pos_ in ("PROPN", "NOUN")


def _spoken_year_is_date(tokens: TokenIndex, candidate: Candidate) -> bool:
    """ "in nineteen ninety-six" is a year; "two thousand people" and "nineteen twenty-five
    dollars" count things; the bare thousands ("two thousand") only after a time preposition."""
    last = tokens.at(candidate.end - 1)
    following = _neighbour(last, 1) if last is not None else None
    if following is not None and (following.tag_ in ("NNS", "CD") or following.lower_ in _W.unit_words):
        return False  # a count; "a nineteen ninety-seven attack" (a singular noun) is a year
    if tokens.text[candidate.start : candidate.end].lower().split()[:2] == _W.spoken_thousand.split():
        first = tokens.at(candidate.start)
        previous = _neighbour(first, -1) if first is not None else None
        return previous is not None and (previous.lower_ in YEAR_PREPOSITIONS or previous.lower_ in OPERATOR_KINDS)
    return True


def _inside_a_title(tokens: TokenIndex, candidate: Candidate) -> bool:
    """ "USA Today", ABC's "This Week": a capitalised time word inside a name, mid-sentence."""
    first = tokens.at(candidate.start)
    return (
        first is not None
        and first.is_title
        and not first.is_sent_start
        and first.ent_type_ in NAME_LABELS
        and first.ent_iob_ == "I"
    )


def candidate_is_valid(doc: Doc, tokens: TokenIndex, candidate: Candidate) -> bool:
    if any(not year_is_date(doc, tokens, pos) for pos in candidate.year_positions):
        return False
    if candidate.spoken and not _spoken_year_is_date(tokens, candidate):
        return False
    if not candidate.explicit and not candidate.word_like and _inside_a_title(tokens, candidate):
        return False
    if candidate.weekday:
        if _names_a_day(tokens.at(candidate.end - 1)):
            return False
    elif candidate.word_like:
        token = tokens.at(candidate.end - 1)
        if token is not None and token.ent_type_ in NAME_LABELS:
            return False
        previous = _previous_word(doc, tokens, candidate.start)
        bare = token is not None and token.idx == candidate.start  # no "last", "early", "the"
        if bare and previous is not None and previous.is_title and previous.pos_ in ("PROPN", "ADJ", "NOUN"):
            return False  # "Black Friday", "Super Tuesday": a name, not a day
        following = _neighbour(token, 1) if token is not None else None
        if following is not None and following.is_title and following.pos_ in ("PROPN", "NOUN"):
            return False  # "May Day", "the Summer Olympics"
    if candidate.from_to and _governed_by_change_verb(tokens, candidate.start):
        return False
    if candidate.needs_cue:
        previous = _previous_word(doc, tokens, candidate.start)
        month = tokens.at(candidate.start)
        tagged_date = month is not None and month.ent_type_ == "DATE"
        if not tagged_date and (previous is None or previous.lower_ not in MONTH_CUES):
            return False
    return True


# ---------------------------------------------------------------- selection and resolution

OPERATOR_RX = _rx(rf"\b(?P<op>{_phrase(_W.operators)})\s+$", re.IGNORECASE)
OPERATOR_KINDS = _W.operators


MAYBE_DATE_RX = _rx(
    r"\d|"
    + "|".join((MONTH_ANY, WEEKDAY, SEASON, _MACROS["DAY_WORD"], _MACROS["SPOKEN_YEAR"], _MACROS["SPOKEN_DECADE"], _MACROS["SPOKEN_SHORT_YEAR"], _MACROS["HOLIDAY"]))
    + rf"|\b(?:{_alternation([*_W.calendar_units, 'centur', *_W.time_words])})",
    re.IGNORECASE,
)
"""Cheap gate: a text matching none of these words has no date, and the patterns are skipped."""


def _marks_from_to(match: re.Match[str], candidate: Candidate) -> Candidate:
    opener = match.groupdict().get("from")
    candidate.from_to = bool(opener) and opener.lower() == "from"
    return candidate


def find_candidates(doc: Doc, tokens: TokenIndex | None = None) -> list[Candidate]:
    """Every pattern match that survives the checks against the parse, overlapping ones included."""
    tokens = tokens or TokenIndex(doc)
    found: list[Candidate] = []
    if not MAYBE_DATE_RX.search(tokens.text):
        return found
    for rule in date_rules():
        handler = _handler(rule)
        for match in rule.pattern.finditer(tokens.text):
            candidate = handler(match)
            if candidate is not None:
                candidate = _marks_from_to(match, candidate)
            if candidate is not None and candidate_is_valid(doc, tokens, candidate):
                found.append(candidate)
    return found


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then leftmost; no two chosen spans overlap. Returned in text order."""
    chosen: list[Candidate] = []
    starts: list[int] = []  # the chosen spans, kept sorted by start (they never overlap)
    ends: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        k = bisect.bisect_left(starts, candidate.start)
        if k < len(starts) and starts[k] < candidate.end:
            continue  # a chosen span starts inside this one
        if k > 0 and ends[k - 1] > candidate.start:
            continue  # the chosen span before it runs into it
        starts.insert(k, candidate.start)
        ends.insert(k, candidate.end)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


RANGE_GAP_RX = _rx(rf"\s*{DASH}\s*|\s+(?P<word>to|and|until|till|through)\s+")
RANGE_OPENER_RX = _rx(r"\b(?P<opener>from|between)\s+$", re.IGNORECASE)


def merge_ranges(tokens: TokenIndex, chosen: list[Candidate]) -> list[Candidate]:
    """Join two neighbouring dates into one range: "from late June until mid-July", "between
    June 2020 and March 2021", "June 2020 - March 2021" ("and" only after "between"); but not a
    change of date ("postponed from May 5 to May 12")."""
    text = tokens.text
    merged: list[Candidate] = []
    index = 0
    while index < len(chosen):
        low = chosen[index]
        high = chosen[index + 1] if index + 1 < len(chosen) else None
        joined = _joined_range(text, low, high) if high is not None else None
        if joined is not None and _governed_by_change_verb(tokens, low.start):
            joined = None
        if joined is not None:
            merged.append(joined)
            index += 2
        else:
            merged.append(low)
            index += 1
    return merged


_ISO_VALUE = _rx(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


def range_ends(text: str, dates: list[DateRef]) -> list[DateRef]:
    """The closing date of each range written with a range word ("from Sept. 14 to Thursday",
    "between 1985 and 1987", "from today through Nov. 17") as a point of its own, the way a
    reader reports both dates; the range keeps its start as its value's first half. The claims
    layer reads the ranges; ``factlint parse`` reports the ends too."""
    ends: list[DateRef] = []
    for date in dates:
        if date.kind != "range" or not date.value or date.value.count("/") != 1:
            continue
        gaps = [g for g in RANGE_GAP_RX.finditer(text, date.start, date.end) if g["word"]]
        value = _ISO_VALUE.fullmatch(date.value.split("/")[1])
        if not gaps or value is None or gaps[-1].end() >= date.end:
            continue
        year, month, day = int(value["y"]), value["m"] and int(value["m"]), value["d"] and int(value["d"])
        try:
            period = day_period(dt.date(year, month, day)) if day else month_period(year, month) if month else year_period(year)
        except ValueError:
            continue
        start = gaps[-1].end()
        ends.append(DateRef(text=text[start : date.end], start=start, end=date.end, value=period.value, kind="point",
                            granularity=period.granularity, first=period.first.isoformat(), last=period.last.isoformat(),
                            relative=date.relative.split("/")[-1] if date.relative and "/" in date.relative else None))
    return ends


def _joined_range(text: str, low: Candidate, high: Candidate) -> Candidate | None:
    gap = RANGE_GAP_RX.fullmatch(text, low.end, high.start)
    if gap is None:
        return None
    opener = RANGE_OPENER_RX.search(text, max(0, low.start - 10), low.start)
    word = (gap["word"] or "").lower()
    if word == "and" and not (opener and opener["opener"].lower() == "between"):
        return None
    if word and word != "and" and opener is None and not (low.explicit and high.explicit):
        return None
    if low.explicit and high.explicit:
        first, last = low.resolve(Context(None, [])), high.resolve(Context(None, []))
        if not (first and last and first.period and last.period) or first.kind != "point" or last.kind != "point":
            return None
        if first.period.first >= last.period.first:
            return None
    start = opener.start() if opener else low.start
    return Candidate(start, high.end, _range_resolver(low, high), explicit=low.explicit and high.explicit)


def _governed_by_change_verb(tokens: TokenIndex, offset: int) -> bool:
    token = tokens.at(offset)
    for _ in range(4):
        if token is None:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in _W.date_change_verbs
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _range_resolver(low: Candidate, high: Candidate) -> Callable[[Context], Resolved | None]:
    def resolve(ctx: Context) -> Resolved | None:
        first, last = low.resolve(ctx), high.resolve(ctx)
        if first is None or last is None:
            return None
        if not high.explicit and first.period and last.period and last.period.last < first.period.first:
            # "from today through Nov. 17": the end is the first such day after the start
            after_start = replace(ctx, doc_date=first.period.first, tense="future", tense_is_firm=True)
            last = high.resolve(after_start) or last
        relative = None
        if first.relative or last.relative:
            relative = "/".join(r.relative or (r.period.value if r.period else "?") for r in (first, last))
        if first.period is None or last.period is None or first.period.first > last.period.last:
            return Resolved(None, "range", relative, first.granularity or (first.period and first.period.granularity))
        return Resolved(span_period(first.period, last.period), "range", relative)

    return resolve


def _sentence_bounds(doc: Doc, text_length: int) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(0, text_length)]


def _sentence_of(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(bounds, (offset, float("inf"))) - 1
    if index >= 0 and bounds[index][0] <= offset < bounds[index][1]:
        return bounds[index]
    return 0, len(bounds and bounds[-1][1] or 0)


NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})


def verb_tense(verb: Token) -> Tense | None:
    """The tense a verb shows through itself and its auxiliaries; None when it shows none."""
    cues = _W.future_cues
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if verb.lemma_.lower() in cues or any(aux.lower_ in cues for aux in auxiliaries):
        if verb.lemma_.lower() in cues and any(aux.tag_ == "VBD" for aux in auxiliaries):
            return "prospective"  # "was scheduled for Feb. 15", "were due Monday": a plan made in the past
        return "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    if verb.tag_ == "VBG" and any(aux.tag_ in ("VBZ", "VBP") and aux.lemma_ == "be" for aux in auxiliaries):
        return "future"  # "he is leaving Sunday": a present progressive with a time is a plan
    if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxiliaries):
        return "prospective"  # "to resume Monday", "asked to respond by Oct. 31"
    if verb.tag_ == "VBN" and not auxiliaries:
        return "past"  # "agreed by ministers last February", "signed in 2020"
    if verb.tag_ in ("VBZ", "VBP") and verb.dep_ not in ("aux", "auxpass") and not auxiliaries:
        return "present"  # "the talks resume Thursday": a tense of its own, not the default
    return None


def clause_tense(tokens: TokenIndex, offset: int, end: int | None = None) -> Tense:
    return clause_tense_and_source(tokens, offset, end)[0]


def clause_tense_and_source(tokens: TokenIndex, offset: int, end: int | None = None) -> tuple[Tense, bool]:
    """The tense of the clause the date at ``offset`` sits in.

    The verb right before the date decides first ("said on Tuesday it would ..."); then the
    dependency chain up from the date: a future cue ("will", "due", "expect", "plan") makes it
    future, and the first past-tense verb met makes it past; anything else is present.
    """
    token = tokens.at(offset)
    if token is None:
        return "present", False
    root = tokens.at(end - 1) if end else token
    if root is not None and root.dep_ in NOUN_MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
        return "present", False  # "a May forecast": the date qualifies a thing, not the clause's event
    for step in (1, 2, 3):
        before = _neighbour(token, -step)
        if before is None or before.is_punct:
            break
        if before.pos_ in ("VERB", "AUX"):
            tense = verb_tense(before)
            if tense is not None:
                return tense, True
            break
    cues = _W.future_cues
    end = offset if end is None else end
    for _ in range(12):
        inside_the_date = offset <= token.idx < end
        if not inside_the_date and (token.lower_ in cues or token.lemma_.lower() in cues):
            return "future", True
        if token.pos_ in ("VERB", "AUX"):
            tense = verb_tense(token)
            if tense is not None:
                return tense, True
        if token.head.i == token.i:
            break
        token = token.head
    return "present", False


def _dates_a_past_verb(tokens: TokenIndex, candidate: Candidate) -> bool:
    """The date hangs on a past-tense verb through "on"/"in"/"at" ("they met on Jan. 5") or as its
    bare time adverbial ("the law took effect Jan. 1", "they met Jan. 5"), not on a noun or
    adjective ("declared a dividend payable Dec. 7", "calling for the redemption on Dec. 7")."""
    head = _head_outside(tokens, candidate)
    if head is None:
        return False
    if not ANCHOR_RX.search(tokens.text, max(0, candidate.start - 12), candidate.start):
        last = tokens.at(candidate.end - 1)
        root = last if last is None or last.head.i == head.i else next(
            (t for t in last.sent if candidate.start <= t.idx < candidate.end and t.head.i == head.i), None
        )
        adverbial = root is not None and root.dep_ in ("npadvmod", "tmod")
        return adverbial and head.pos_ in ("VERB", "AUX") and verb_tense(head) == "past"
    if head.pos_ == "ADP":
        head = head.head
    return head.pos_ in ("VERB", "AUX") and verb_tense(head) == "past"


def _dates_a_reduced_relative(tokens: TokenIndex, candidate: Candidate) -> bool:
    """The date is the time of a past participle that modifies a noun before it ("the six months
    ended Oct. 1", "the offer expired Dec. 7"): a finished event, so the day is behind the
    document date, however near the coming one is."""
    head = _head_outside(tokens, candidate)
    first = tokens.at(candidate.start)
    return head is not None and head.tag_ == "VBN" and head.dep_ == "acl" and first is not None and head.i == first.i - 1


def _head_outside(tokens: TokenIndex, candidate: Candidate) -> Token | None:
    """The first head above the date's last token that lies outside the date ("Jan." -> "5" -> "on"),
    climbing at most four steps; None at the root."""
    token = tokens.at(candidate.end - 1)
    for _ in range(4):
        if token is None or token.head.i == token.i:
            return None
        head = token.head
        if not candidate.start <= head.idx < candidate.end:
            return head
        token = head
    return None


def _single_year(period: Period | None) -> int | None:
    if period is None or period.first.year != period.last.year or period.granularity in ("decade", "century"):
        return None
    return period.first.year


ANCHOR_RX = _rx(rf"\b(?:{_phrase(_W.anchor_words)})\s+$", re.IGNORECASE)


def _sets_the_time(text: str, start: int, period: Period) -> bool:
    """Does this explicit date set the time of its clause ("in 2023", "on May 2, 2024"), rather
    than name a topic ("results for 2021")? Only such dates anchor year-less expressions."""
    if period.granularity in ("day", "month", "season", "quarter"):
        return True
    return ANCHOR_RX.search(text, max(0, start - 12), start) is not None


def resolve_candidates(
    doc: Doc, chosen: list[Candidate], doc_date: dt.date | None, tokens: TokenIndex | None = None
) -> list[DateRef]:
    tokens = tokens or TokenIndex(doc)
    if not chosen:
        return []
    bounds = _sentence_bounds(doc, len(tokens.text))
    empty = Context(doc_date, [])
    explicit_years: list[tuple[int, int]] = []  # (offset, year) of explicit dates
    resolved: dict[int, Resolved] = {}
    for index, candidate in enumerate(chosen):
        if candidate.explicit:
            result = candidate.resolve(empty)
            if result is not None:
                resolved[index] = result
                year = _single_year(result.period)
                if year is not None and _sets_the_time(tokens.text, candidate.start, result.period):
                    explicit_years.append((candidate.start, year))
    line_starts = [0] + [m.end() for m in re.finditer("\n", tokens.text)]
    year_offsets = [offset for offset, _ in explicit_years]
    last_day: tuple[int, int, int] | None = None
    last_month: tuple[int, int] | None = None
    seen = 0  # candidates before ``index`` already folded into last_day / last_month
    for index, candidate in enumerate(chosen):
        for earlier_index in range(seen, index):
            r = resolved.get(earlier_index)
            if r is not None and r.period is not None and r.period.granularity in ("month", "day"):
                last_month = (r.period.first.year, r.period.first.month)
                if r.period.granularity == "day":
                    last_day = (r.period.first.year, r.period.first.month, r.period.first.day)
        seen = index
        if candidate.explicit:
            continue
        sentence_start, _ = _sentence_of(bounds, candidate.start)
        # a line break ends the context too: a dateline or headline never sets the year of the text
        paragraph_start = line_starts[bisect.bisect_right(line_starts, candidate.start) - 1]
        sentence_start = max(sentence_start, paragraph_start)
        before = bisect.bisect_left(year_offsets, candidate.start)
        from_sentence = bisect.bisect_left(year_offsets, sentence_start, 0, before)
        years = [year for _, year in explicit_years[from_sentence:before]]
        from_paragraph = bisect.bisect_left(year_offsets, paragraph_start, 0, before)
        earlier = [year for _, year in explicit_years[from_paragraph:before]]
        (tense, tense_is_verb), firm = clause_tense_and_source(tokens, candidate.start, candidate.end), False
        operator = _operator_before(tokens.text, candidate)
        operator_tense = _W.operator_tenses.get(OPERATOR_KINDS[re.sub(r"\s+", " ", operator["op"].lower())]) if operator else None
        if operator_tense == "past" or (operator_tense and tense == "present"):
            tense, firm = operator_tense, True  # "since March"; "by May" in a clause with no tense
        elif tense == "past" and (_dates_a_past_verb(tokens, candidate) or _dates_a_reduced_relative(tokens, candidate)):
            firm = True  # "met on Jan. 5", "the week ended Oct. 7": the past event's own date, not "payable Dec. 7"
        context = Context(doc_date, years, tense, earlier[-1] if earlier else None, firm, last_day, last_month,
                          tense_is_verb=tense_is_verb and not firm)
        result = candidate.resolve(context)
        if result is not None:
            resolved[index] = result
    refs = []
    for index, candidate in enumerate(chosen):
        if index in resolved:
            refs.append(_date_ref(tokens.text, candidate, resolved[index]))
    return refs


def _operator_before(text: str, candidate: Candidate) -> re.Match[str] | None:
    """"since"/"by"/"until" right before the date, unless it is no operator there: "approved by
    last year's parliament" (a possessive date), "worked through the summer" (during)."""
    operator = OPERATOR_RX.search(text, max(0, candidate.start - 20), candidate.start)
    if operator is None or re.match(r"['’]s\b", text[candidate.end : candidate.end + 3]):
        return None
    if operator["op"].lower() == "through" and text.startswith("the", candidate.start):
        return None
    return operator


def _date_ref(text: str, candidate: Candidate, result: Resolved) -> DateRef:
    start, kind = candidate.start, result.kind
    if kind in ("point", "relative"):
        operator = _operator_before(text, candidate)
        if operator is not None:
            start, kind = operator.start(), OPERATOR_KINDS[re.sub(r"\s+", " ", operator["op"].lower())]
    period = result.period
    return DateRef(
        text=text[start : candidate.end],
        start=start,
        end=candidate.end,
        value=period.value if period else None,
        kind=kind,
        granularity=(period.granularity if period else result.granularity) or "year",
        first=period.first.isoformat() if period else None,
        last=period.last.isoformat() if period else None,
        relative=result.relative,
    )


def extract_dates(doc: Doc, *, doc_date: dt.date | None = None) -> list[DateRef]:
    """Dates, periods and relative time expressions in ``doc``, in text order, never overlapping."""
    if isinstance(doc_date, dt.datetime):
        doc_date = doc_date.date()
    tokens = TokenIndex(doc)
    chosen = merge_ranges(tokens, select_longest(find_candidates(doc, tokens)))
    return resolve_candidates(doc, chosen, doc_date, tokens)


# ---------------------------------------------------------------- the document's own date

DOC_DATE_PREFIX = _rx(
    rf"^\s*(?:(?:Published|Updated|Posted|Last\s+updated|Date)(?:\s+on)?\s*:?\s*)?(?:(?:{WEEKDAY}),?\s+)?", re.IGNORECASE
)
DOC_DATE_TIME_SUFFIX = _rx(
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?)?\s*$", re.IGNORECASE
)
DOC_DATE_FORMS = (
    (_rx(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"), True),
    (_rx(rf"(?P<m>{MONTH_ANY})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})"), False),
    (_rx(rf"(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH_ANY}),?\s+(?P<y>{YEAR})"), False),
)


def parse_document_date(line: str) -> dt.date | None:
    """The date of a byline line ("October 17, 2023", "Published: 20 January 2025"), else None.

    The whole line must be one full date, optionally after a weekday or a "Published"/"Updated"
    label and before a clock time; a headline that merely contains a date is not a date line.
    """
    body = DOC_DATE_PREFIX.sub("", line, count=1)
    body = DOC_DATE_TIME_SUFFIX.sub("", body, count=1).strip()
    for pattern, numeric in DOC_DATE_FORMS:
        match = pattern.fullmatch(body)
        if match:
            month = int(match["m"]) if numeric else _month_number(match["m"])
            return _safe_date(int(match["y"]), month, _day_number(match["d"]))
    return None
