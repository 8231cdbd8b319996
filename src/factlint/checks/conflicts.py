"""Deciding which claim of a conflicting group is the wrong one.

Each conflicting pair is a vote against both claims; each agreeing same-thing claim is a vote for
one. The claim with the most votes against (net of support) is taken as wrong and reported with
every claim it conflicts with; its pairs are then set aside and the next one is chosen, until no
conflict is left. Ties go to the claim with less support, then to the later claim in (doc, offset)
order, so the choice is deterministic.
"""

from __future__ import annotations

import heapq
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
    edges = [(pair, rel) for pair, rel in graph.relations.items() if rel in ("conflict", "scale-slip")]
    support = {cid: len(graph.neighbours(cid, "agree")) for cid in graph.claims}
    # Each round takes the claim with the highest (votes against - support, -support, doc, offset)
    # among the claims with a conflict left. A heap of those keys, updated as a claim's pairs are
    # set aside, makes that O(pairs log pairs) instead of a pass over every pair per round.
    # ``rank`` orders claims by (doc, offset); two conflicting claims at one offset of one document
    # would tie and then be taken in pair order, so that (rare) case keeps the plain loop.
    involved = sorted({cid for pair, _ in edges for cid in pair}, key=lambda cid: (graph.claims[cid].doc, graph.claims[cid].start))
    rank = {cid: i for i, cid in enumerate(involved)}
    placed = [(graph.claims[cid].doc, graph.claims[cid].start) for cid in involved]
    if len(set(placed)) < len(placed):
        return _resolve_pair_by_pair(graph, dict(edges), support)
    incident: dict[str, list[int]] = {}
    against: dict[str, int] = {}
    for index, ((a, b), _) in enumerate(edges):
        for cid in (a, b):
            incident.setdefault(cid, []).append(index)
            against[cid] = against.get(cid, 0) + 1
    heap = [(-(against[cid] - support[cid]), support[cid], -rank[cid], cid) for cid in against]
    heapq.heapify(heap)
    alive = [True] * len(edges)
    found: list[Conflict] = []
    while heap:
        net, _, _, wrong_id = heapq.heappop(heap)
        if against.get(wrong_id, 0) == 0 or -net != against[wrong_id] - support[wrong_id]:
            continue  # an entry from before some of the claim's pairs were set aside
        mine = [edges[i] for i in incident[wrong_id] if alive[i]]
        found.append(_conflict_of(graph, wrong_id, mine))
        for i in incident[wrong_id]:
            if not alive[i]:
                continue
            alive[i] = False
            a, b = edges[i][0]
            other = b if a == wrong_id else a
            against[other] -= 1
            if against[other]:
                heapq.heappush(heap, (-(against[other] - support[other]), support[other], -rank[other], other))
        against[wrong_id] = 0
    return found


def _conflict_of(graph: ClaimGraph, wrong_id: str, mine: list[tuple[tuple[str, str], str]]) -> Conflict:
    """The conflict of the claim taken as wrong with every claim it still conflicts with."""
    others = sorted(
        (graph.claims[b if a == wrong_id else a] for (a, b), _ in mine),
        key=lambda c: (c.doc == graph.claims[wrong_id].doc, c.doc, c.start),
    )
    if graph.claims[wrong_id].kind == "event":
        # a date is one value for the whole consensus; a figure's findings stay with the pairs
        # the scorer took as one fact (a cluster of figures may chain through rounding)
        others = others + _consensus_mates(graph, graph.claims[wrong_id], others)
    return Conflict(graph.claims[wrong_id], tuple(others), all(r == "scale-slip" for _, r in mine))


def _resolve_pair_by_pair(graph: ClaimGraph, edges: dict[tuple[str, str], str], support: dict[str, int]) -> list[Conflict]:
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
        found.append(_conflict_of(graph, wrong_id, [(pair, rel) for pair, rel in edges.items() if wrong_id in pair]))
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
