"""FL005 count-mismatch: a stated count disagrees with the items listed after it.

Why: a list shorter or longer than its count means an item was dropped, added, or miscounted.
The check says nothing when the list cannot be split into its items by its commas: an aside inside
an item ("the fee, agreed in 2010, and ..."), a quotation closing inside the list, a broken token.

Verdict: source-error most of the time; false-alarm when the list is meant to be partial
("including", "such as").

Fails::

    The plan names three priorities: a new depot and longer platforms.

Passes::

    The plan names two priorities: a new depot and longer platforms.
"""

from __future__ import annotations

from factlint.checks.base import make_finding
from factlint.cluster import ClaimGraph
from factlint.models import Finding

CODE = "FL005"
KINDS = ("count-mismatch",)


def check(graph: ClaimGraph) -> list[Finding]:
    findings = []
    for claim in sorted(graph.claims.values(), key=lambda c: c.id):
        if claim.items is None or claim.quantity is None or claim.quantity.value is None:
            continue
        stated = claim.quantity.value
        if claim.quantity.low != claim.quantity.high or stated != int(stated):
            continue
        if int(stated) != len(claim.items):
            listed = "; ".join(f'"{item}"' for item in claim.items)
            message = (
                f'{claim.doc}:{claim.line}: "{claim.text}" announces {int(stated)} but {len(claim.items)} '
                f"are listed: {listed}."
            )
            findings.append(make_finding(CODE, "count-mismatch", [claim], message))
    return findings
