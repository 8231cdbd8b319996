"""Deciding which claim of a conflicting group is the wrong one.

Each conflicting pair is a vote against both claims; each agreeing same-thing claim is a vote for
one. The claim with the most votes against (net of support) is taken as wrong and reported with
every claim it conflicts with; its pairs are then set aside and the next one is chosen, until no
conflict is left. Ties go to the claim with less support, then to the later claim in (doc, offset)
order, so the choice is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.cluster import ClaimGraph
from factlint.cluster.compare import dates_compatible, value_interval
from factlint.models import Claim


@dataclass(frozen=True)
class Conflict:
    wrong: Claim
    others: tuple[Claim, ...]
    scale_slip: bool

    @property
    def same_document(self) -> bool:
        return all(o.doc == self.wrong.doc for o in self.others)


def resolve_conflicts(graph: ClaimGraph) -> list[Conflict]:
    """The conflicts of ``graph`` (computed once per graph; several rules read them)."""
    if graph.conflicts is None:
        graph.conflicts = _resolve(graph)
    return graph.conflicts


def _resolve(graph: ClaimGraph) -> list[Conflict]:
    edges = {pair: rel for pair, rel in graph.relations.items() if rel in ("conflict", "scale-slip")}
    support = {cid: len(graph.neighbours(cid, "agree")) for cid in graph.claims}
    found: list[Conflict] = []
    while edges:
        against: dict[str, int] = {}
        for a, b in edges:
            against[a] = against.get(a, 0) + 1
            against[b] = against.get(b, 0) + 1
        wrong_id = max(
            against,
            key=lambda cid: (against[cid] - support[cid], -support[cid], graph.claims[cid].doc, graph.claims[cid].start),
        )
        mine = {pair: rel for pair, rel in edges.items() if wrong_id in pair}
        others = sorted(
            (graph.claims[b if a == wrong_id else a] for a, b in mine),
            key=lambda c: (c.doc == graph.claims[wrong_id].doc, c.doc, c.start),
        )
        if graph.claims[wrong_id].kind == "event":
            # a date is one value for the whole consensus; a figure's findings stay with the pairs
            # the scorer took as one fact (a cluster of figures may chain through rounding)
            others = others + _consensus_mates(graph, graph.claims[wrong_id], others)
        found.append(Conflict(graph.claims[wrong_id], tuple(others), all(r == "scale-slip" for r in mine.values())))
        edges = {pair: rel for pair, rel in edges.items() if wrong_id not in pair}
    return found


def _consensus_mates(graph: ClaimGraph, wrong: Claim, others: list[Claim]) -> list[Claim]:
    """Claims agreeing with a contradicted source that the wrong claim cannot agree with either:
    the rest of the consensus, quoted as further evidence ("2019" in one article, "December 2019"
    in another, against "since 2021")."""
    seen = {wrong.id, *(o.id for o in others)}
    wrong_agrees = set(graph.neighbours(wrong.id, "agree"))
    mates: list[Claim] = []
    for other in others:
        for mate_id in graph.neighbours(other.id, "agree"):
            mate = graph.claims[mate_id]
            if mate_id in seen or mate_id in wrong_agrees or (mate.doc == wrong.doc and mate.sentence == wrong.sentence):
                continue
            if not _incompatible(wrong, mate):
                continue
            seen.add(mate_id)
            mates.append(mate)
    return sorted(mates, key=lambda c: (c.doc == wrong.doc, c.doc, c.start))


def _incompatible(a: Claim, b: Claim) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "event":
        return not dates_compatible(a.date, b.date)
    ia, ib = value_interval(a), value_interval(b)
    return ia is not None and ib is not None and ia.key == ib.key and not ia.overlaps(ib)
