"""Comparing two claims: are they about the same thing, and can both values be true?

Interval semantics: a value stands for the interval its wording commits to; an exact value is
widened by half a unit of its last written digit ("6.4" means 6.35..6.45); then both are converted
to base units. Two values
conflict only when those intervals are disjoint.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from factlint.claims.lexicon import lexicon
from factlint.models import COUNTED_THINGS, Claim, DateRef
from factlint.nlp.dates import yearless_month_day

NUMBER_PATTERN = re.compile(r"\d[\d,]*(?:\.(\d+))?")
"""A written number; group 1 holds its decimals."""


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    key: str
    """Comparison key from the unit: only intervals with equal keys are comparable."""
    point: float | None

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def rounding_half_step(claim: Claim) -> float:
    """Half a unit of the last written digit, in the quantity's own scale ("2.7 million" -> 0.05e6)."""
    q = claim.quantity
    if q is None or q.value is None:
        return 0.0
    match = NUMBER_PATTERN.search(q.text)
    if not match:
        return abs(q.value) * 0.05  # number words ("four-fifths", "a dozen"): about 5 %
    written = float(match.group(0).replace(",", ""))
    decimals = len(match.group(1) or "")
    if written == 0:
        return 0.0
    scale = abs(q.value) / abs(written) if q.low == q.high or q.low is None or q.high is None else 1.0
    if not math.isfinite(scale) or scale <= 0:
        scale = 1.0
    return 0.5 * 10 ** (-decimals) * scale


def value_interval(claim: Claim, *, allow_plain: bool = False) -> Interval | None:
    """The interval a figure commits to, in base units; None for plain numbers (no unit) unless
    ``allow_plain`` (two plain numbers in one sentence, as in a change from X to Y, compare)."""
    q = claim.quantity
    if q is None:
        return None
    # scoring a pair asks for each figure's interval several times: computed once per quantity
    # record, in a bounded table keyed by identity (the entry holds the record, so the identity
    # is not reused while kept; records are frozen)
    key = (id(q), allow_plain)
    entry = _INTERVALS.get(key)
    if entry is None or entry[0] is not q:
        if len(_INTERVALS) >= INTERVALS_KEPT:
            _INTERVALS.clear()
        entry = _INTERVALS[key] = (q, _value_interval(claim, allow_plain))
    return entry[1]


def remember_interval(claim: Claim, interval: Interval | None, *, allow_plain: bool = False) -> None:
    """Give ``value_interval`` the claim's interval, known from an earlier run (``cluster.derived``),
    so that it is not computed again (the table is left alone when it is full)."""
    q = claim.quantity
    if q is not None and len(_INTERVALS) < INTERVALS_KEPT:
        _INTERVALS[(id(q), allow_plain)] = (q, interval)


INTERVALS_KEPT = 1 << 15
"""Intervals kept at most (then the table starts again): a pair asks for its two figures' intervals
several times in a row, so a small table serves; it must not keep old checks' records alive."""
_INTERVALS: dict[tuple[int, bool], tuple[object, Interval | None]] = {}


def _value_interval(claim: Claim, allow_plain: bool) -> Interval | None:
    q = claim.quantity
    if q is None:
        return None
    probe = q.value if q.value is not None else (q.low if q.low is not None else q.high)
    if probe is None:
        return None
    # pint (0.14 s to import) only when an interval is not known from the cache or a worker
    from factlint.nlp.units import to_base_units

    converted = to_base_units(probe, q.unit)
    if converted is None:
        return None
    _, key = converted
    if key == "number" and not allow_plain:
        return None
    if key.startswith("count:"):
        # counts compare with counts: what they count is the measure, scored by the sameness model
        # ("850 people" employed and "620 employees"), not a blocking key; a rate stays a rate
        # ("400 million doses a year" is not a count of people)
        per = key.partition(" per ")[2]
        key = f"count per {per}" if per else "count"
    elif q.dimension and key != "number":
        # pint makes a year's energy a power; the news does not ("4,300 GWh a year" vs "900 MW")
        key = f"{q.dimension}:{key}"
    step = rounding_half_step(claim)
    low = q.low if q.low is not None else (-math.inf if q.high is not None else q.value)
    high = q.high if q.high is not None else (math.inf if q.low is not None else q.value)
    # rounding intervals are open at their edges: "4 million" is below 4.5 million and "5 million"
    # above it, so the two never meet; "4.5 million" and "4.52 million" still overlap
    step *= 1 - 1e-9
    if q.low is not None and q.high is not None and q.low == q.high:
        low, high = q.low - step, q.high + step
    elif q.low is None and q.high is None and q.value is not None:
        low, high = q.value - step, q.value + step
    # otherwise the bounds come from the wording ("less than 3", "between 7 and 7.5", "about 16"):
    # a threshold is not a rounded measurement, so it is not widened

    def base(x: float) -> float:
        if not math.isfinite(x):
            return x
        converted_x = to_base_units(x, q.unit)
        return converted_x[0] if converted_x else x

    b_low, b_high = base(low), base(high)
    if b_low > b_high:
        b_low, b_high = b_high, b_low
    point = base(q.value) if q.value is not None else None
    return Interval(b_low, b_high, key, point)


def scale_slip(a: Claim, b: Claim) -> bool:
    """Same digits, magnitude off by a factor of 1,000 (or a million): "10 million" vs "10 billion".
    Exactly so: a slip copies the digits under the wrong scale word, so "1,291" and "1.3 million"
    are two figures, not one slipped."""
    ia, ib = value_interval(a), value_interval(b)
    if not ia or not ib or ia.point in (None, 0) or ib.point in (None, 0):
        return False
    ratio = max(abs(ia.point), abs(ib.point)) / min(abs(ia.point), abs(ib.point))
    return any(math.isclose(ratio, f, rel_tol=1e-6) for f in (1e3, 1e6))


SLIP_DIMENSIONS = frozenset({"length", "mass", "volume", "area", "energy", "power", "speed"})
"""Physical dimensions whose units are mistaken for one another ("nautical miles" written as
"kilometres", "pounds" as "kilograms"). Money, counts, shares and durations are left out: the same
digits in two currencies or for two stretches of time are mostly two figures."""


def unit_slip(a: Claim, b: Claim) -> bool:
    """The same written figure under another unit of one physical dimension, the values then
    disagreeing: "1,900 kilometres" for 1,900 nautical miles. Like a x1000 slip, it copies the
    digits and gets the word after them wrong."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or qa.value is None or qb.value is None or qa.value != qb.value or qa.value == 0:
        return False
    if qa.change or qb.change or qa.unit == qb.unit or qa.dimension != qb.dimension:
        return False
    if qa.dimension.split("/")[0] not in SLIP_DIMENSIONS:
        return False
    ia, ib = value_interval(a), value_interval(b)
    return ia is not None and ib is not None and ia.key == ib.key and not ia.overlaps(ib)


def digits_transposed(a: Claim, b: Claim) -> bool:
    """The same written digits with two of them swapped, at the same scale: "364 homes" and "346
    houses", "€47 million" and "€74 million". Like a x1000 slip, a transposition copies a figure
    wrongly; two different figures rarely differ by one swap."""
    da, db = _written_digits(a), _written_digits(b)
    if not da or not db or len(da) != len(db):
        return False
    differ = [i for i in range(len(da)) if da[i] != db[i]]
    if (len(differ) != 2 or da[differ[0]] != db[differ[1]] or da[differ[1]] != db[differ[0]]
            or not (da[differ[0]] + da[differ[1]]).isdigit()):
        return False  # one swap of two digits, as a slip makes; "318.62" and "316.28" are two figures
    ia, ib = value_interval(a), value_interval(b)
    if not ia or not ib or ia.key != ib.key or not ia.point or not ib.point:
        return False
    return max(abs(ia.point), abs(ib.point)) / min(abs(ia.point), abs(ib.point)) < 10


def transposition_evidence(a: Claim, b: Claim) -> float:
    """How telling a transposition is: 0 without one, else the figures' significant digits less
    one, at most 3. Two unrelated two-digit figures are one swap apart by chance far more often than two
    unrelated four-digit ones ("36 yen" and "63 yen" against "2,730 clinics" and "2,370")."""
    if not digits_transposed(a, b):
        return 0.0
    digits = (_written_digits(a) or "").replace(".", "").strip("0")
    return float(min(max(len(digits) - 1, 1), 3))  # capped where the fitted pairs end


def _written_digits(claim: Claim) -> str | None:
    """An exact figure as written, without thousands separators ("1,520" -> "1520", "12.5" stays);
    None for ranges and words."""
    q = claim.quantity
    if q is None or q.value is None or (q.low is not None and q.low != q.high):
        return None
    match = NUMBER_PATTERN.search(q.text)
    return match.group(0).replace(",", "") if match else None


# ---------------------------------------------------------------- dates


def date_bounds(date: DateRef | None) -> tuple[dt.date, dt.date] | None:
    if date is None or date.first is None or date.last is None:
        return None
    try:
        return dt.date.fromisoformat(date.first), dt.date.fromisoformat(date.last)
    except ValueError:
        return None


def dates_compatible(a: DateRef | None, b: DateRef | None) -> bool:
    """Whether two dates of one event can both hold ("2019" and "December 2019" can). "since 2021"
    dates the start of a state, so it counts as 2021 itself (its first/last are the anchor's)."""
    ba, bb = date_bounds(a), date_bounds(b)
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def day_of_year(date: DateRef | None) -> tuple[int, int] | None:
    """The month and day of a date given to the day, its year known or not ("12 May" in an
    undated article is ``--05-12``); None for a longer or unknown span."""
    if date is None:
        return None
    if date.value is None:
        return yearless_month_day(date.relative)
    bounds = date_bounds(date)
    if bounds is None or bounds[0] != bounds[1]:
        return None
    return bounds[0].month, bounds[0].day


@lru_cache(maxsize=1 << 14)  # a frozen record: equal dates are one key
def period_key(date: DateRef | None) -> str | None:
    """The period a figure is about, exactly: a March total is not a 2023 total, and a target "by
    2025" is not a figure "in 2025" ("in 2023" and "last year" in a 2024 article are both "2023").
    Dates shorter than a month are not periods: they date the event that carries the figure."""
    bounds = date_bounds(date)
    if bounds is None or date is None:
        return None
    if (bounds[1] - bounds[0]).days < 27:
        return None  # a day or a week dates an event ("paid last week"), not a reporting period
    span = f"{bounds[0].isoformat()}/{bounds[1].isoformat()}"
    return f"by {span}" if date.kind == "by" else span


# ---------------------------------------------------------------- what a claim is about


def tagged(claim: Claim, tag: str) -> list[str]:
    """Values of a claim's modifiers tagged ``tag`` ("head:line" -> ["line"] for tag "head")."""
    prefix = f"{tag}:"
    return [m[len(prefix):] for m in claim.modifiers if m.startswith(prefix)]


def is_bare_number(claim: Claim) -> bool:
    """A figure with no unit at all ("stood at 187", "4 in 2027")."""
    q = claim.quantity
    return q is not None and q.dimension == "number" and not q.unit


def is_change(claim: Claim) -> bool:
    """A change ("rose 3%", "has risen by just 2 per cent"), not a level."""
    return claim.quantity is not None and (claim.quantity.change is not None or "change" in tagged(claim, "role"))


def as_written_interval(claim: Claim) -> Interval | None:
    """The figure's interval in its own written unit (no conversion), for pairing with a bare number."""
    q = claim.quantity
    if q is None or q.value is None:
        return None
    step = rounding_half_step(claim)
    return Interval(q.value - step, q.value + step, "as-written", q.value)


def head_of(claim: Claim) -> str | None:
    return next(iter(tagged(claim, "head")), None)


def parts_of(claim: Claim) -> frozenset[str]:
    return frozenset(m for m in claim.modifiers if m.startswith("part:"))


@lru_cache(maxsize=1)
def _event_classes() -> dict[str, bool]:
    """Each event class of the lexicon and whether it happens once to its thing."""
    return {e.name: e.one_off for e in lexicon().events}


def happens_once(a: Claim, b: Claim) -> bool:
    """Whether two dated events of one class can only be one event: a one-off class (an opening,
    a signing) that happened to one thing, not to things counted in the plural ("870 clinics
    closed on the first strike day", "910 clinics shut on each of two days" are many closings)."""
    return is_one_off_event(a.metric) and COUNTED_THINGS not in a.modifiers and COUNTED_THINGS not in b.modifiers


def is_one_off_event(metric: str) -> bool:
    """Whether an event of this metric happens once to its thing (a launch, an opening), so two dates
    for it conflict; recurring events (meetings) on two dates are two events. An event no class
    names is compared only for one thing, once."""
    return _event_classes().get(metric, True)


def event_objects_match(a: Claim, b: Claim) -> bool:
    """Two signings are one event only if they sign the same thing ("solidarity agreement"), and so
    are two events of a verb no event class names ("the fire ignited"), which one named subject
    makes one ("the tanker Vela Star ran aground", "the Vela Star grounded"); for the other events
    the thing is the subject, compared by the sameness vetoes."""
    open_class = a.metric not in _event_classes()
    if a.metric != "sign" and not open_class:
        return True
    if open_class and a.subject and a.subject == b.subject:
        return True  # "the tanker Vela Star" and "the Vela Star": one named thing, however described
    wa = sorted(m for m in a.modifiers if ":" not in m)
    wb = sorted(m for m in b.modifiers if ":" not in m)
    if not wa or not wb:
        return not open_class
    if fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)) >= 80:
        return True
    # "the contract" may refer back to "the Kestrel supply contract"; "an agreement" is a new one
    if head_of(a) and head_of(a) == head_of(b):
        if set(wa) <= set(wb) and "det:definite" in a.modifiers:
            return True
        if set(wb) <= set(wa) and "det:definite" in b.modifiers:
            return True
    return False
