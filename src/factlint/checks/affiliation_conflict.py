"""FL011 entity-conflict: a person is given a post in another organisation than the other sources give.

Apposition and relative clauses say who holds a post where ("A B, chair of the C Board", "A B, who
chairs the C Board", "the C Board, whose chair, A B, ...", "A B of the C Board"). When at least two
other sources telling the same story all place the person in one organisation, and one source gives
the person the same post (the same or a related word) in another organisation while never
mentioning the first, that source has the wrong organisation. A person holds many posts, so a
source that also names the others' organisation anywhere, or a post the others do not give, is
left alone.

Why: the wrong organisation credits a mediator, an official or an executive to a body that had no
part in the story.

Verdict: source-error; false-alarm when the person really holds both posts.

Fails::

    a.txt: The talks were chaired by Mara Ostrel, head of the Coastal Ports Authority, on Monday.
    b.txt: Mara Ostrel, head of the Coastal Ports Authority, said the strike was over.
    c.txt: The deal was brokered by Mara Ostrel, who heads the Inland Waterways Commission.

Passes (the other organisation is named in the same source: two posts)::

    a.txt: The talks were chaired by Mara Ostrel, head of the Coastal Ports Authority, on Monday.
    b.txt: Mara Ostrel, head of the Coastal Ports Authority, said the strike was over.
    c.txt: Mara Ostrel, who heads the Inland Waterways Commission, also sits on the Coastal Ports Authority.
"""

from __future__ import annotations

from collections import defaultdict

from factlint.checks.base import lone_party, make_finding, party_in_role, quoted_place
from factlint.cluster import ClaimGraph
from factlint.cluster.compare import tagged
from factlint.models import Claim, Finding
from factlint.nlp.wordnet import related

CODE = "FL011"
KINDS = ("entity-conflict",)
METRIC = "affiliation"


def _organisation(graph: ClaimGraph, claim: Claim) -> str | None:
    return party_in_role(graph, claim, "organisation")


def _post(claim: Claim) -> str | None:
    return next(iter(tagged(claim, "post")), None)


def check(graph: ClaimGraph) -> list[Finding]:
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(graph.claims.values(), key=lambda c: (c.doc, c.start)):
        if claim.metric == METRIC and party_in_role(graph, claim, "member") and _organisation(graph, claim):
            by_person[party_in_role(graph, claim, "member")].append(claim)
    findings = []
    for person in sorted(by_person):
        claims = by_person[person]
        for claim in claims:
            post = _post(claim)
            if post is None:
                continue
            lone = lone_party(graph, claim, claims, lambda c: _organisation(graph, c))
            if lone is None or _mentions(graph, claim.doc, lone[0]):
                continue
            theirs, supporters = lone
            if not any(_post(o) is not None and related(_post(o), post) for o in supporters):
                continue
            message = (
                f"post of {person}: {quoted_place(claim)} places them in {_organisation(graph, claim)} where "
                + "; ".join(quoted_place(o) for o in supporters)
                + f" place them in {theirs}."
            )
            findings.append(make_finding(CODE, "entity-conflict", [claim, *supporters], message, "error"))
    return findings


def _mentions(graph: ClaimGraph, doc: str, entity: str) -> bool:
    counts = graph.entity_counts.get(doc)
    if counts:
        return counts.get(entity, 0) > 0
    return graph.document_frequency.get((entity, doc), 0) > 0
