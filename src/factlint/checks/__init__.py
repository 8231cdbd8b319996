"""Checks: one rule per module, each with a stable code; ``run_checks`` runs them all.

| code  | kind                        | module               |
|-------|-----------------------------|----------------------|
| FL001 | value-conflict, scale-slip  | value_conflict       |
| FL002 | date-conflict               | date_conflict        |
| FL003 | entity-conflict             | entity_conflict      |
| FL004 | self-contradiction          | self_contradiction   |
| FL005 | count-mismatch              | count_mismatch       |
| FL006 | arithmetic                  | arithmetic           |
| FL007 | entity-conflict             | partner_outlier      |
| FL008 | entity-conflict             | transfer_role        |
| FL009 | arithmetic                  | parts_sum            |
| FL010 | arithmetic                  | derived_rate         |
| FL011 | entity-conflict             | affiliation_conflict |
| FL012 | entity-conflict             | rank_conflict        |
"""

from __future__ import annotations

from factlint.checks import (
    affiliation_conflict,
    arithmetic,
    count_mismatch,
    date_conflict,
    derived_rate,
    entity_conflict,
    partner_outlier,
    parts_sum,
    rank_conflict,
    self_contradiction,
    transfer_role,
    value_conflict,
)
from factlint.cluster import ClaimGraph
from factlint.models import Finding

RULES = (value_conflict, date_conflict, entity_conflict, self_contradiction, count_mismatch, arithmetic,
         partner_outlier, transfer_role, parts_sum, derived_rate, affiliation_conflict,
         rank_conflict)


def run_checks(graph: ClaimGraph) -> list[Finding]:
    """Every rule's findings; where two rules blame the same claim for the same kind, the first wins."""
    findings: list = []
    blamed: set[tuple[str, str]] = set()
    for rule in RULES:
        for finding in rule.check(graph):
            key = (finding.claims[0], finding.kind)
            if key in blamed:
                continue
            blamed.add(key)
            findings.append(_with_sameness(graph, finding))
    return sorted(findings, key=lambda f: (graph.claims[f.claims[0]].doc, graph.claims[f.claims[0]].start, f.id))


def _with_sameness(graph: ClaimGraph, finding: Finding) -> Finding:
    """Add why the first two claims were taken as one fact (the sameness evidence) to the finding."""
    if len(finding.claims) < 2:
        return finding
    a, b = finding.claims[0], finding.claims[1]
    reasons = graph.sameness.get((a, b)) or graph.sameness.get((b, a))
    if not reasons:
        return finding
    message = finding.message.rstrip()
    return finding.model_copy(update={"sameness": reasons, "message": f"{message} Taken as one fact: {'; '.join(reasons)}."})
