"""Whose figure it is (FL003): a claim's parties are the entities with a role in its clause, and the
named thing the figure is about when the corpus knows that name as an organisation."""

from __future__ import annotations

from factlint.checks.entity_conflict import _entities, _entity_types
from factlint.cluster.graph import ClaimGraph
from factlint.models import Claim, ClaimEntity, Quantity

ORGANISATIONS = ("org",)


def _stake(claim_id: str, *, subject: str | None = None, entities: list[ClaimEntity] = ()) -> Claim:
    q = Quantity(text="9.8%", start=0, end=4, value=9.8, low=9.8, high=9.8, unit="percentage", dimension="percentage")
    return Claim(id=claim_id, doc=claim_id.split(":")[0], start=0, end=4, line=1, text="9.8%", sentence="...",
                 kind="quantity", metric="stake", subject=subject, quantity=q, entities=list(entities))


def _graph(*claims: Claim) -> ClaimGraph:
    return ClaimGraph(claims={c.id: c for c in claims}, alias={}, entity_counts={}, numbered_siblings=frozenset())


def test_the_subject_is_a_party_when_the_corpus_reads_it_as_an_organisation():
    headline = _stake("a:0", subject="harlow-mutual")  # "Harlow Mutual to take 9.8%": no entity read
    elsewhere = _stake("b:0", entities=[ClaimEntity(id="harlow-mutual", text="Harlow Mutual", type="org", role="buyer")])
    graph = _graph(headline, elsewhere)
    assert _entities(graph, headline, ORGANISATIONS, _entity_types(graph)) == {"harlow-mutual"}


def test_the_subject_is_no_party_when_the_corpus_reads_it_as_something_else():
    headline = _stake("a:0", subject="orla-terminal")
    elsewhere = _stake("b:0", entities=[ClaimEntity(id="orla-terminal", text="Orla Terminal", type="project", role="subject")])
    graph = _graph(headline, elsewhere)
    assert _entities(graph, headline, ORGANISATIONS, _entity_types(graph)) == frozenset()
