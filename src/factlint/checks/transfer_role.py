"""FL008 entity-conflict (swapped recipient): named goods delivered to a party that the sentence
itself and the other sources do not give them to.

Every statement of who receives or buys a named item (a weapon system, an aircraft type) is a
vote. A model may have many buyers, so only a sentence at odds with itself is reported: one that
sends the goods "to A" while saying they were bought by B, where the other sources side with B.

Why: delivering goods to the wrong party reverses who buys and who sells.

Verdict: source-error; false-alarm when the sentence describes a resale or a second buyer.

Fails::

    a.txt: Norway plans to deliver X-9 systems to Norway, which were purchased by Chile.
    b.txt: Chile has been a major customer of Norway, procuring the X-9 system.

Passes (another buyer, not a contradiction)::

    a.txt: Norway will deliver X-9 systems to Peru.
    b.txt: Chile has been a major customer of Norway, procuring the X-9 system.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from factlint.checks.base import describe, make_finding
from factlint.cluster import ClaimGraph
from factlint.cluster.compare import tagged
from factlint.models import Claim, Finding
from factlint.nlp.countries import country_name

CODE = "FL008"
KINDS = ("entity-conflict",)


def _recipient(claim: Claim) -> str | None:
    for e in claim.entities:
        if e.role == "recipient" and e.type == "country":
            return e.id
    return None


def check(graph: ClaimGraph) -> list[Finding]:
    by_goods: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(graph.claims.values(), key=lambda c: (c.doc, c.start)):
        if claim.metric == "transfer" and _recipient(claim):
            for goods in tagged(claim, "goods"):
                by_goods[goods].append(claim)
    findings: dict[str, Finding] = {}
    for goods in sorted(by_goods):
        claims = by_goods[goods]
        votes = Counter(_recipient(c) for c in claims)
        if len(votes) < 2:
            continue
        (winner, top), (_, second) = votes.most_common(2)
        if top == second or len({c.doc for c in claims if _recipient(c) == winner}) < 2:
            continue
        supporters = [c for c in claims if _recipient(c) == winner]
        for claim in claims:
            if _recipient(claim) == winner or claim.id in findings:
                continue
            # goods may have many buyers: report only a sentence that contradicts itself (its own
            # "purchased by B" against its "to A") where the other sources side with B
            if not any(s.doc == claim.doc and s.sentence == claim.sentence for s in supporters):
                continue
            message = (
                f"recipient of {goods}: {describe(claim)} names {country_name(_recipient(claim))} where "
                + "; ".join(describe(o) for o in supporters)
                + f" name {country_name(winner)}."
            )
            findings[claim.id] = make_finding(CODE, "entity-conflict", [claim, *supporters], message, "error")
    return list(findings.values())
