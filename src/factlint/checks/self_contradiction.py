"""FL004 self-contradiction: one document gives two incompatible figures or dates for one thing.

Fails::

    Once construction began in 2017, floods halted work. ... Construction began in March 2018.

Passes (two different things, or the same value twice)::

    Construction began in March 2018. Commercial operations began in October 2021.
"""

from __future__ import annotations

from factlint.checks.base import describe, make_finding
from factlint.checks.conflicts import resolve_conflicts
from factlint.cluster import ClaimGraph
from factlint.models import Finding

CODE = "FL004"
KINDS = ("self-contradiction",)


def check(graph: ClaimGraph) -> list[Finding]:
    findings = []
    for conflict in resolve_conflicts(graph):
        if not conflict.same_document:
            continue
        what = conflict.wrong.metric.replace("-", " ")
        message = (
            f"{what}: {describe(conflict.wrong)} contradicts, in the same document, "
            + "; ".join(describe(o) for o in conflict.others)
            + "."
        )
        findings.append(make_finding(CODE, "self-contradiction", [conflict.wrong, *conflict.others], message, "error"))
    return findings
