"""FL004 self-contradiction: one document gives two incompatible figures or dates for one thing.

Why: an article that states one fact two ways cannot be right twice, and its reader cannot tell
which to trust.

Verdict: source-error for a slip; accepted when the article itself reports a revision (an earlier
estimate, a delayed start); false-alarm when the two figures are about different things.

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
