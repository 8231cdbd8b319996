"""FL010 derived-rate: a percentage worked out from two figures of its sentence does not follow from them.

In one sentence, a percentage that the sentence derives from the two figures before it ("9,115
cases and 256 deaths, giving a case fatality rate of 3.8%") must be the smaller over the larger,
within the rounding of all three.

Why: a rate that does not follow from its own figures means one of the three numbers is wrong.

Verdict: source-error; false-alarm when the rate is on another base than the two figures.

Fails::

    The clinic has seen 9,115 cases and 256 deaths, giving a fatality rate of 3.8%.

Passes::

    The clinic has seen 9,115 cases and 256 deaths, giving a fatality rate of 2.8%.
"""

from __future__ import annotations

from factlint.checks.base import describe, make_finding
from factlint.checks.sentences import has_cue, sentences_with_figures
from factlint.claims.lexicon import lexicon
from factlint.cluster import ClaimGraph
from factlint.cluster.compare import rounding_half_step, tagged
from factlint.models import Claim, Finding

CODE = "FL010"
KINDS = ("arithmetic",)


def _count(claim: Claim) -> bool:
    q = claim.quantity
    return q is not None and q.value is not None and q.value > 0 and q.dimension == "count" and q.low == q.high


def _rate(claim: Claim) -> bool:
    q = claim.quantity
    # a level, and not one end of a change ("from 61% to 78%")
    return q is not None and q.value is not None and q.dimension == "percentage" and q.change is None and not tagged(claim, "role")


def check(graph: ClaimGraph) -> list[Finding]:
    cues = lexicon().derivation_cues
    findings = []
    for sentence in sentences_with_figures(graph, at_least=3):
        figures = sentence.figures
        for k in range(2, len(figures)):
            rate, first, second = figures[k], figures[k - 2], figures[k - 1]
            if not (_rate(rate) and _count(first) and _count(second)):
                continue
            if not has_cue(sentence.between(k - 1, k), cues) or has_cue(sentence.between(k - 2, k - 1), cues):
                continue
            whole, part = (first, second) if first.quantity.value >= second.quantity.value else (second, first)
            step_whole, step_part = rounding_half_step(whole), rounding_half_step(part)
            low = (part.quantity.value - step_part) / (whole.quantity.value + step_whole) * 100
            high = (part.quantity.value + step_part) / max(whole.quantity.value - step_whole, 1e-9) * 100
            stated, step = rate.quantity.value, rounding_half_step(rate)
            if stated - step <= high and low <= stated + step:
                continue
            implied = part.quantity.value / whole.quantity.value * 100
            message = (
                f"{describe(rate)} does not follow from {describe(part)} of {describe(whole)}: "
                f"that is {implied:.1f}%."
            )
            findings.append(make_finding(CODE, "arithmetic", [rate, part, whole], message, identity="all"))
    return findings
