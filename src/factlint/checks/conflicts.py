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
        found.append(Conflict(graph.claims[wrong_id], tuple(others), all(r == "scale-slip" for r in mine.values())))
        edges = {pair: rel for pair, rel in edges.items() if wrong_id not in pair}
    return found
