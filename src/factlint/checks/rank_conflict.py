"""FL012 entity-conflict: a place in a ranking credited to another ranking than the other sources give.

A place in a ranked list is read with the ranking's publisher ("came 9th in the X ranking", "its
9th place in X's table"). When at least two other sources telling the same story all give that
place in one publisher's ranking, and one source gives the same place in another publisher's
while never giving it in the first one's, that source has the wrong ranking. Places in several
rankings are common, so a source that also gives the place in the others' ranking is left alone.

Why: a place credited to the wrong ranking misstates who measured it and on what terms.

Verdict: source-error; false-alarm when the thing really holds that place in both rankings.

Fails::

    a.txt: The Harlow Institute welcomed its 9th place in the Meridian Review's ranking of Baltic business schools.
    b.txt: The Harlow Institute came 9th among Baltic business schools in the Meridian Review's table this year.
    c.txt: The Harlow Institute came 9th in the Orbis ranking of Baltic business schools this year.

Passes (the source gives the place in both rankings)::

    a.txt: The Harlow Institute welcomed its 9th place in the Meridian Review's ranking of Baltic business schools.
    b.txt: The Harlow Institute came 9th among Baltic business schools in the Meridian Review's table this year.
    c.txt: The Harlow Institute came 9th in the Orbis ranking this year, and 9th in the Meridian Review's table too.
"""

from __future__ import annotations

from collections import defaultdict

from factlint.checks.base import lone_party, make_finding, party_in_role, quoted_place
from factlint.cluster import ClaimGraph
from factlint.cluster.compare import tagged
from factlint.models import Claim, Finding

CODE = "FL012"
KINDS = ("entity-conflict",)
METRIC = "ranking-place"


def _publisher(graph: ClaimGraph, claim: Claim) -> str | None:
    return party_in_role(graph, claim, "publisher")


def _place(claim: Claim) -> str | None:
    return next(iter(tagged(claim, "place")), None)


def _same_ranked(a: Claim, b: Claim) -> bool:
    """Neither says, or both say the same, what was ranked (its clause's subject)."""
    ra, rb = tagged(a, "ranked"), tagged(b, "ranked")
    return not ra or not rb or ra == rb


def check(graph: ClaimGraph) -> list[Finding]:
    by_place: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(graph.claims.values(), key=lambda c: (c.doc, c.start)):
        if claim.metric == METRIC and _place(claim) and _publisher(graph, claim):
            by_place[_place(claim)].append(claim)
    findings = []
    for place in sorted(by_place):
        claims = by_place[place]
        for claim in claims:
            lone = lone_party(graph, claim, claims, lambda c: _publisher(graph, c), _same_ranked)
            if lone is None:
                continue
            theirs, supporters = lone
            message = (
                f"place {place}: {quoted_place(claim)} gives it in {_publisher(graph, claim)}'s ranking where "
                + "; ".join(quoted_place(o) for o in supporters)
                + f" give it in {theirs}'s."
            )
            findings.append(make_finding(CODE, "entity-conflict", [claim, *supporters], message, "error"))
    return findings
