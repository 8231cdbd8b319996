"""FL002 date-conflict: two sources date the same one-off event differently.

Granularity-aware: "2019" agrees with "December 2019"; relative dates ("last year") are resolved
against the article's date first. Recurring events (meetings, visits) on different dates are
different events and never conflict.

Why: the date of a one-off event is a fact: two dates cannot both be right, and timelines built on
the wrong one mislead.

Verdict: source-error when one article misdates the event; false-alarm when the two dates belong to
different events (a start and an opening, two phases).

Fails::

    a.txt: The bridge, which began operations in 2016, ...
    b.txt: The bridge has been operating since 2018.

Passes::

    a.txt: The bridge began operations in 2016.
    b.txt: The bridge was put into operation in December 2016.
"""

from __future__ import annotations

from factlint.checks.base import describe, make_finding
from factlint.checks.conflicts import resolve_conflicts
from factlint.cluster import ClaimGraph
from factlint.models import Finding

CODE = "FL002"
KINDS = ("date-conflict",)


def check(graph: ClaimGraph) -> list[Finding]:
    findings = []
    for conflict in resolve_conflicts(graph):
        if conflict.wrong.kind != "event" or conflict.same_document:
            continue
        others = list(conflict.others)
        message = (
            f"{conflict.wrong.metric.replace('-', ' ')}: {describe(conflict.wrong)} is incompatible with "
            + "; ".join(describe(o) for o in others)
            + ": the dates do not overlap at their stated granularity."
        )
        findings.append(make_finding(CODE, "date-conflict", [conflict.wrong, *others], message, "error"))
    return findings
