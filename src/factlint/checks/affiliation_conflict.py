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

from factlint.checks.base import make_finding, quoted_place
from factlint.cluster import ClaimGraph
from factlint.models import Claim, Finding
from factlint.nlp.wordnet import related

CODE = "FL011"
KINDS = ("entity-conflict",)
METRIC = "affiliation"
AGREEING_SOURCES = 2
"""The other sources that must all place the person in one organisation."""


def _party(graph: ClaimGraph, claim: Claim, role: str) -> str | None:
    return next((graph.canonical(e.id) for e in claim.entities if e.role == role), None)


def _post(claim: Claim) -> str | None:
    return next((m.split(":", 1)[1] for m in claim.modifiers if m.startswith("post:")), None)


def check(graph: ClaimGraph) -> list[Finding]:
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(graph.claims.values(), key=lambda c: (c.doc, c.start)):
        if claim.metric == METRIC and _party(graph, claim, "member") and _party(graph, claim, "organisation"):
            by_person[_party(graph, claim, "member")].append(claim)
    findings = []
    for person in sorted(by_person):
        claims = by_person[person]
        for claim in claims:
            post, mine = _post(claim), _party(graph, claim, "organisation")
            if post is None:
                continue
            others = [o for o in claims if o.doc != claim.doc and graph.one_story(o.doc, claim.doc)]
            orgs_by_doc: dict[str, set[str]] = defaultdict(set)
            for other in others:
                orgs_by_doc[other.doc].add(_party(graph, other, "organisation"))
            if len(orgs_by_doc) < AGREEING_SOURCES:
                continue
            agreed = set.intersection(*orgs_by_doc.values())
            if mine in set.union(*orgs_by_doc.values()) or len(agreed) != 1:
                continue
            theirs = next(iter(agreed))
            if _mentions(graph, claim.doc, theirs) or any(_party(graph, c, "organisation") == theirs for c in claims if c.doc == claim.doc):
                continue
            supporters = [o for o in others if _party(graph, o, "organisation") == theirs]
            if not any(_post(o) is not None and related(_post(o), post) for o in supporters):
                continue
            message = (
                f"post of {person}: {quoted_place(claim)} places them in {mine} where "
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
