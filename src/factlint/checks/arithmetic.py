"""FL006 arithmetic: a stated change is inconsistent with the values it connects.

In one sentence, a percentage change ("jumped 45%", "up 12%", "risen by 55 per cent") with a
"from X" and a "to Y" figure of the same unit (or one figure written "from X to Y", or two figures
dated one after the other: "9,800 in August and 23,400 in September, a 160% jump") must match
(Y - X) / X, and a change written as an amount of the levels' unit ("shrank by 412 votes, from
3,180 to 2,868") must match Y - X. Each written figure stands for the interval of its last
digit, so only a change no rounding can explain is reported.

Why: a change that does not follow from its own figures means one of the three numbers is wrong.

Verdict: source-error; false-alarm when the change is measured on another base (real against nominal
terms, another period).

Fails::

    Ridership jumped 45% to 7.9 million in 2024, from 6.4 million in 2023.

Passes::

    Ridership jumped 23% to 7.9 million in 2024, from 6.4 million in 2023.
"""

from __future__ import annotations

from factlint.checks.base import describe, make_finding
from factlint.checks.sentences import has_cue, sentences_with_figures
from factlint.claims.lexicon import lexicon
from factlint.cluster import ClaimGraph
from factlint.cluster.compare import (
    NUMBER_PATTERN,
    Interval,
    as_written_interval,
    date_bounds,
    is_change,
    tagged,
    value_interval,
)
from factlint.models import Claim, Finding

CODE = "FL006"
KINDS = ("arithmetic",)


def _range_ends(claim: Claim, change: Claim) -> tuple[Interval, Interval] | None:
    """The two levels of a change written as one figure, each with the interval of its own last
    digit: "from $1.05 billion to $1.48 billion", or "A to B" of what the sentence's change measures
    ("lifts a starting salary of €28,000 to €29,960, an increase of 9%")."""
    q = claim.quantity
    if q is None or q.low is None or q.high is None or q.low >= q.high:
        return None
    text = claim.text.lower()
    if not (text.startswith("from ") or (" to " in text and _measures_meet(change, claim))):
        return None
    numbers = list(NUMBER_PATTERN.finditer(q.text))
    if len(numbers) < 2:
        return None
    ends = []
    for match, value in ((numbers[0], q.low), (numbers[-1], q.high)):
        written = float(match.group(0).replace(",", ""))
        if written <= 0:
            return None
        step = 0.5 * 10 ** (-len(match.group(1) or "")) * value / written
        ends.append(Interval(value - step, value + step, "range", value))
    return ends[0], ends[1]


def _levels(changes: list[Claim], levels: list[Claim]) -> tuple[Interval, Interval, list[Claim]] | None:
    """The from and to levels of the sentence's one change, and the claims that state them."""
    ends = {_role(c): c for c in levels if _role(c) in ("from", "to")}
    if "from" in ends and "to" not in ends:
        # "sold 51,000 cars in 2024, compared with 40,000": the other figure of that
        # unit is where the change went to
        rest = [c for c in levels if c is not ends["from"] and c.quantity.unit == ends["from"].quantity.unit]
        if len(rest) == 1:
            ends["to"] = rest[0]
    if len(changes) != 1:
        return None
    if {"from", "to"} <= set(ends):
        start, end = ends["from"], ends["to"]
    else:
        ranges = [(c, r) for c in levels if (r := _range_ends(c, changes[0])) is not None]
        if len(ranges) == 1 and not ends:
            claim, (a, b) = ranges[0]
            return a, b, [claim]
        dated = None if ends or ranges else _dated_pair(levels) or _written_order_pair(levels, changes[0])
        if dated is None or not all(_measures_meet(changes[0], level) for level in dated):
            return None
        start, end = dated
    a, b = value_interval(start, allow_plain=True), value_interval(end, allow_plain=True)
    if a is not None and b is not None and a.key != b.key and "number" in (a.key, b.key):
        # "rose to 11.2 million doses, from 8 million": the bare figure takes the other's unit
        a, b = as_written_interval(start), as_written_interval(end)
    if a is None or b is None or a.key != b.key:
        return None
    return a, b, [start, end]


def _dated_pair(levels: list[Claim]) -> tuple[Claim, Claim] | None:
    """The sentence's two levels, earlier first, when each is dated and one period ends before the
    other begins ("9,800 claims at the end of August and 23,400 by the end of September")."""
    if len(levels) != 2:
        return None
    bounds = [date_bounds(c.period) for c in levels]
    if None in bounds:
        return None
    (a, b), (ba, bb) = levels, bounds
    if ba[1] < bb[0]:
        return a, b
    if bb[1] < ba[0]:
        return b, a
    return None


def _written_order_pair(levels: list[Claim], change: Claim) -> tuple[Claim, Claim] | None:
    """The sentence's two levels of one unit, not both dated, in the order written, when the change
    comes after both ("closed at $36.40 on Monday and ended Friday at $31.90, a drop of 19%")."""
    if len(levels) != 2 or all(level.period is not None for level in levels):
        return None  # two dated levels are ordered by their dates (``_dated_pair``), not as written
    first, second = sorted(levels, key=lambda c: c.start)
    if change.start < second.end or first.quantity.unit != second.quantity.unit:
        return None
    a, b, direction = first.quantity.value, second.quantity.value, change.quantity.change
    if a is None or b is None or direction not in ("up", "down") or (direction == "up") != (b > a):
        # "profit: $287m (2025: $237m), an increase of 21%": written against the change's own
        # direction (or with none), the written order need not be the order in time, so the pair is
        # not used
        return None
    return first, second


def _measures_meet(change: Claim, level: Claim) -> bool:
    """The change and the level speak of one thing: their frames share a measure word ("a 160% jump"
    in the council's claims and "9,800 claims" the council counted; not "a 200 percent pay hike"
    and "19 teachers")."""
    if change.frame is None or level.frame is None:
        return False
    measure = set(change.frame.measure)
    if measure and measure <= lexicon().change_verbs:
        return True  # "..., a 190% jump": a change that names nothing it measures is the sentence's
    return bool(measure & set(level.frame.measure))


def _role(claim: Claim) -> str | None:
    return next(iter(tagged(claim, "role")), None)


def check(graph: ClaimGraph) -> list[Finding]:
    contrast = lexicon().contrast_cues
    findings = []
    for sentence in sentences_with_figures(graph, at_least=2):
        claims = list(sentence.figures)
        changes = [c for c in claims if c.quantity.unit == "percentage" and is_change(c)]
        amounts = [c for c in claims if c.quantity.unit != "percentage" and is_change(c)]
        levels = [c for c in claims if c.quantity.unit != "percentage" and c not in amounts]
        if not changes and len(amounts) == 1:
            finding = _amount_does_not_follow(amounts[0], levels, sentence, contrast)
            if finding is not None:
                findings.append(finding)
            continue
        found = _levels(changes, levels)
        if found is None or found[0].low <= 0:
            continue
        a, b, sides = found
        change = changes[0]
        if any(has_cue(sentence.text_between(change, side), contrast) for side in sides):
            continue  # "down 26.8% from a year earlier at X, but up from Y in February": two changes
        sign = -1 if change.quantity.change == "down" else 1
        stated = change.quantity
        ends = sorted(sign * (bound if bound is not None else stated.value) for bound in (stated.low, stated.high))
        # "fell almost 68%" is a fall of 61.2% to 68%: the band's ends swap with the sign
        stated_low, stated_high = ends[0] - 0.5, ends[1] + 0.5
        implied_low = (b.low - a.high) / a.high * 100
        implied_high = (b.high - a.low) / a.low * 100
        if stated_low <= implied_high and implied_low <= stated_high:
            continue
        implied = (b.point - a.point) / a.point * 100 if a.point and b.point is not None else (implied_low + implied_high) / 2
        levels_said = " to ".join(describe(c) for c in sides) if len(sides) == 2 else describe(sides[0])
        message = f"{describe(change)} does not follow from {levels_said}: that is a change of {implied:+.1f}%."
        findings.append(make_finding(CODE, "arithmetic", [change, *sides], message, identity="all"))
    return findings


def _amount_does_not_follow(change: Claim, levels: list[Claim], sentence, contrast: frozenset[str]) -> Finding | None:
    """A change written as an amount in the levels' unit ("the lead shrank by 412 votes, from 3,180
    to 2,868") must be the difference of its two levels, each read as the interval of its last digit."""
    found = _levels([change], levels)
    amount = value_interval(change, allow_plain=True)
    if found is None or amount is None:
        return None
    a, b, sides = found
    if amount.key != a.key and "number" not in (amount.key, a.key):
        return None
    if any(has_cue(sentence.text_between(change, side), contrast) for side in sides):
        return None
    implied_low, implied_high = b.low - a.high, b.high - a.low
    direction = change.quantity.change
    stated = [(amount.low, amount.high)] if direction == "up" else [(-amount.high, -amount.low)] if direction == "down" \
        else [(amount.low, amount.high), (-amount.high, -amount.low)]
    if any(low <= implied_high and implied_low <= high for low, high in stated):
        return None
    implied = (b.point - a.point) if a.point is not None and b.point is not None else (implied_low + implied_high) / 2
    levels_said = " to ".join(describe(c) for c in sides) if len(sides) == 2 else describe(sides[0])
    message = f"{describe(change)} does not follow from {levels_said}: that is a change of {implied:+,.{0 if abs(implied) >= 100 else 2}f}."
    return make_finding(CODE, "arithmetic", [change, *sides], message, identity="all")

