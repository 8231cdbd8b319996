"""FL009 parts-sum: the figures a sentence lists as the parts of a whole do not add up to it.

In one sentence, two or more figures of one unit listed together ("4 in 2027, 6 in 2028 and 6 in
2029", "a 30 billion loan and 40 billion of equity") and one more figure of that unit that the
sentence says they make up ("completing all 20", "financed in full by") must add up: the sum of the
parts' rounding intervals must reach the whole's. A list the sentence marks as partial ("including",
"such as", "of which") is never summed.

Why: parts that miss their total mean a part, or the total, is wrong.

Verdict: source-error; false-alarm when the list is partial without saying so.

Fails::

    The plant cost 78 million euros, financed in full by a 30 million euro loan and 40 million euros of equity.

Passes::

    The plant cost 70 million euros, financed in full by a 30 million euro loan and 40 million euros of equity.
"""

from __future__ import annotations

from factlint.checks.base import describe, make_finding
from factlint.checks.sentences import Sentence, has_cue, sentences_with_figures
from factlint.claims.lexicon import lexicon
from factlint.cluster import ClaimGraph
from factlint.cluster.compare import NUMBER_PATTERN, Interval, as_written_interval, is_bare_number, value_interval
from factlint.models import Claim, Finding

CODE = "FL009"
KINDS = ("arithmetic",)

MAX_WORDS_BETWEEN_PARTS = 20
"""Two listed parts are at most a clause apart; farther figures belong to another statement."""


def _exact(claim: Claim) -> bool:
    """A whole number written out in full ("4", "20 jets", "1,140"): a count, not a rounded figure."""
    q = claim.quantity
    match = NUMBER_PATTERN.search(q.text)
    return (match is not None and match.group(1) is None and q.qualifier is None and q.low == q.high
            and float(match.group(0).replace(",", "")) == q.value)


def _interval(claim: Claim, bare_parts: bool) -> Interval | None:
    """The figure's interval (as written when the parts are bare numbers, "4 in 2027"); a count
    written out in full is exact, so that 4 + 6 + 6 + 6 is not "about 20"."""
    q = claim.quantity
    if q is None or q.value is None:
        return None
    if _exact(claim):
        return Interval(q.value, q.value, "exact", q.value)
    return as_written_interval(claim) if bare_parts else value_interval(claim)


def _is_share(claim: Claim) -> bool:
    """Percentages are shares of different bases: they do not add up to a whole."""
    return claim.quantity.dimension.startswith("percentage")


def _listed(sentence: Sentence, i: int, j: int) -> bool:
    gap = sentence.between(i, j)
    return ("," in gap or " and " in f" {gap} ") and len(gap.split()) <= MAX_WORDS_BETWEEN_PARTS


def _runs(sentence: Sentence, indices: list[int]) -> list[list[int]]:
    """Maximal runs of listed figures of one kind (all bare, or all of one unit) among ``indices``."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i in indices:
        claim = sentence.figures[i]
        if current and _listed(sentence, current[-1], i) and _same_kind(sentence.figures[current[-1]], claim):
            current.append(i)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [i]
    if len(current) >= 2:
        runs.append(current)
    return runs


def _fits(part: Claim, whole: Claim) -> bool:
    """A part can be counted in the whole: one unit, or a bare number in a count ("4 in 2027" of "20 jets")."""
    if is_bare_number(part):
        return whole.quantity.dimension == "count"
    return _same_kind(part, whole)


def _same_kind(a: Claim, b: Claim) -> bool:
    if is_bare_number(a) or is_bare_number(b):
        return is_bare_number(a) and is_bare_number(b)
    ia, ib = value_interval(a), value_interval(b)
    return ia is not None and ib is not None and ia.key == ib.key


def check(graph: ClaimGraph) -> list[Finding]:
    lex = lexicon()
    findings = []
    for sentence in sentences_with_figures(graph, at_least=3, keep=lambda c: not _is_share(c)):
        if not has_cue(sentence.text, lex.whole_cues) or has_cue(sentence.text, lex.partial_cues):
            continue
        figures = sentence.figures
        for w, whole in enumerate(figures):
            if is_bare_number(whole):
                continue
            for run in _runs(sentence, [i for i in range(len(figures)) if i != w]):
                parts = [figures[i] for i in run]
                if not _fits(parts[0], whole):
                    continue
                # the whole is the one other figure the parts could be counted in
                if any(_fits(c, whole) or _same_kind(c, whole) for k, c in enumerate(figures) if k not in run and k != w):
                    continue
                bare = is_bare_number(parts[0])
                finding = _finding(whole, parts, bare)
                if finding is not None:
                    findings.append(finding)
    return findings


def _finding(whole: Claim, parts: list[Claim], bare: bool) -> Finding | None:
    intervals = [_interval(c, bare) for c in parts]
    total = _interval(whole, bare)
    if total is None or any(iv is None for iv in intervals):
        return None
    low, high = sum(iv.low for iv in intervals), sum(iv.high for iv in intervals)
    if total.point <= max(iv.point for iv in intervals) or (low <= total.high and total.low <= high):
        return None
    point = sum(iv.point for iv in intervals)
    message = (
        f"{describe(whole)} is not the sum of its parts "
        + " + ".join(describe(c) for c in parts)
        + f": they add up to {point:,.0f}{' in base units' if not bare else ''}."
    )
    return make_finding(CODE, "arithmetic", [whole, *parts], message, identity="all")
