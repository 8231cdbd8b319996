"""FL003 entity-conflict: the figure matches the other sources, but the partner or lender differs.

Inside a cluster of agreeing claims (same metric, period and value), a claim that names a country
or organisation as a party (an entity with a role in its clause: subject, party, partner, recipient,
lender, ...) that none of the other sources name, while they all name one it lacks, has the wrong
partner. A name that only sits near the figure ("loyal to Damascus") is not a party, and a claim
whose sentence also names the others' party, or names it cut short, has not left it out. When only two
sources disagree, the one naming the entity the corpus mentions in fewer documents is taken as wrong;
when both are as well attested, the two are reported together, neither blamed, unless both also
name things and none in common (two loans for two projects).
A figure that also stands in a document telling another story ("0.5 percent") is common enough to
be shared by chance, and says nothing of whose it is.

Why: a correct figure with the wrong partner or lender credits the money or trade to someone else.

Verdict: source-error when the named party is wrong; false-alarm when both are right (co-funders, a
parent body and its agency).

Fails::

    a.txt: The $75 million grant that the Lakeside Foundation awarded ...
    b.txt: ... a $75 million grant from the Hill Trust.
    c.txt: The Hill Trust gave $75 million.

Passes (same lender written out and as an acronym)::

    a.txt: The Hill Charitable Trust (HCT) gave $75 million.
    b.txt: ... a $75 million grant from the HCT.
"""

from __future__ import annotations

import re

from factlint.checks.base import describe, make_finding, party_named
from factlint.cluster import ClaimGraph
from factlint.cluster.graph import entity_document_count
from factlint.cluster.sameness import things
from factlint.models import Claim, Finding

CODE = "FL003"
KINDS = ("entity-conflict",)
ENTITY_FAMILIES = {"country": ("country",), "organisation": ("org",)}


def _entities(graph: ClaimGraph, claim: Claim, types: tuple[str, ...], typed: dict[str, str]) -> frozenset[str]:
    """The claim's parties of these types: entities with a role in its clause, and the named thing
    the figure is about when the corpus knows that name as one of them ("Harlow Mutual to take
    9.8%": the stake is Harlow Mutual's, though the headline's name was not read as an organisation)."""
    named = {graph.canonical(e.id) for e in claim.entities
             if not e.implied and e.type in types and e.role not in (None, "location")}
    if claim.subject and typed.get(graph.canonical(claim.subject)) in types:
        named.add(graph.canonical(claim.subject))
    return frozenset(named)


def _entity_types(graph: ClaimGraph) -> dict[str, str]:
    """Each entity's type, as the claims that name it read it (the first reading of its id)."""
    typed: dict[str, str] = {}
    for claim in graph.claims.values():
        for e in claim.entities:
            typed.setdefault(graph.canonical(e.id), e.type)
    return typed


def check(graph: ClaimGraph) -> list[Finding]:
    findings: list[Finding] = []
    chosen: dict[tuple, tuple] = {}
    stating = _documents_stating(graph)
    typed = _entity_types(graph)
    for cluster in graph.clusters():
        members = [graph.claims[cid] for cid in cluster.claims]
        if _told_in_other_stories(graph, members, stating):
            continue
        for family, types in ENTITY_FAMILIES.items():
            named = {m.id: _entities(graph, m, types, typed) for m in members}
            holders = [m for m in members if named[m.id]]
            candidates = []
            for claim in holders:
                # the same specific figure or date, not merely an overlapping one: only then does
                # the consensus say which party it belongs to
                others = [o for o in holders if o.doc != claim.doc and _same_figure(o, claim)]
                if not others:
                    continue
                theirs = frozenset.intersection(*(named[o.id] for o in others))
                everyone_else = frozenset.union(*(named[o.id] for o in others))
                # a party of mine that the others' sentences also write has not been left out by them
                # ("A arranged the facility, naming B as its guarantor"; "a loan arranged by A, a
                # facility covered by B", read onto the neighbouring figure)
                only_mine = frozenset(e for e in named[claim.id] - everyone_else if not _written_in(e, claim, others, graph))
                missing = {e for e in theirs - named[claim.id] if not _given_anyway(e, claim, others, only_mine, graph)}
                if only_mine and missing:
                    rarity = min(entity_document_count(graph, e) for e in only_mine)
                    candidates.append((rarity, claim.doc, claim.start, claim, only_mine, missing, others))
            if not candidates:
                continue
            candidates.sort(key=lambda c: (c[0], c[1], c[2]))
            tied = False
            if len(candidates) > 1 and candidates[0][0] == candidates[1][0] and len(holders) == 2:
                # two sources, equally well attested: a third that writes one side's name in its
                # sentence without it being read as a party sides with that one, else nothing says
                # which is wrong
                backed = [_witnesses(c[3], c[4], members, holders, graph) for c in candidates[:2]]
                if backed[0] != backed[1]:
                    candidates = [candidates[backed.index(min(backed))]]
                elif _other_things_differ(candidates[0][3], candidates[1][3], candidates[0][4] | candidates[1][4], graph):
                    continue  # two loans for two projects, each from its own lender
                else:
                    tied = True  # the two cannot both be right; which is wrong is not known
            _, _, _, claim, only_mine, missing, others = candidates[0]
            # two figures of one sentence ("30 million doses over three years") told with the same
            # wrong party are one error: it is reported on the figure fewer documents state
            same_error = (claim.doc, claim.sentence, only_mine, frozenset(missing), frozenset(o.doc for o in others))
            specificity = (len(stating.get(_figure(claim), ())), claim.start)
            if same_error in chosen and chosen[same_error][0] <= specificity:
                continue
            chosen[same_error] = (specificity, claim, only_mine, missing, others, family, tied)
    for _, claim, only_mine, missing, others, family, tied in sorted(chosen.values(), key=lambda c: (c[1].doc, c[1].start)):
        message = (
            f"{claim.metric}: {describe(claim)} names {', '.join(sorted(only_mine))} {'and' if tied else 'where'} "
            + "; ".join(describe(o) for o in others)
            + f" name {', '.join(sorted(missing))} for the same figure ({family} differs)"
            + ("; nothing else in the corpus sides with either, so either may be wrong." if tied else ".")
        )
        finding = make_finding(CODE, "entity-conflict", [claim, *others], message, "error")
        # and where each side names its party: the name is what is wrong, not the figure
        names = party_named(graph, claim, only_mine) + [n for o in others for n in party_named(graph, o, frozenset(missing))]
        findings.append(finding.model_copy(update={"claims": [*finding.claims, *(n.id for n in names)]}))
    return findings


def _other_things_differ(a: Claim, b: Claim, parties: frozenset[str], graph: ClaimGraph) -> bool:
    """Besides the parties in dispute, both claims name things and none in common ("a loan for the
    X wind farm" against "a loan for the Y wind farm"): two figures that happen to be equal."""
    mine, theirs = things(a, graph.alias) - parties, things(b, graph.alias) - parties
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _given_anyway(entity: str, claim: Claim, others: list[Claim], only_mine: frozenset[str], graph: ClaimGraph) -> bool:
    """The claim has not left ``entity`` out: its sentence names it ("India were set a target of 354"
    against "South Africa set them a target of 354"), or what it names instead is that name cut
    short ("the Front" for "the United Front")."""
    written = {e.text for o in others for e in o.entities if graph.canonical(e.id) == entity}
    if any(_writes(claim.sentence, text) for text in written):
        return True
    parts = set(entity.split("-"))
    return any(set(mine.split("-")) < parts for mine in only_mine)


def _writes(sentence: str, name: str) -> bool:
    """The sentence has the name as written, as whole words; an acronym only in capitals ("US" is
    not "us", "THE" not "the")."""
    if not name.strip():
        return False
    flags = 0 if name.isupper() else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, flags) is not None


def _written_in(entity: str, claim: Claim, others: list[Claim], graph: ClaimGraph) -> bool:
    written = {e.text for e in claim.entities if graph.canonical(e.id) == entity}
    return any(_writes(o.sentence, text) for o in others for text in written)


def _witnesses(claim: Claim, named: frozenset[str], members: list[Claim], holders: list[Claim], graph: ClaimGraph) -> int:
    """How many other documents of the cluster write one of the names ``claim`` gives in the
    sentence of their own figure, though no party was read there."""
    written = {e.text for e in claim.entities if graph.canonical(e.id) in named}
    held = {h.doc for h in holders}
    return len({m.doc for m in members if m.doc not in held and any(_writes(m.sentence, text) for text in written)})


def _figure(claim: Claim) -> tuple | None:
    if claim.quantity is not None:
        return ("quantity", claim.quantity.value, claim.quantity.unit)
    if claim.date is not None:
        return ("date", claim.date.value)
    return None


def _told_in_other_stories(graph: ClaimGraph, members: list[Claim], stating: dict[tuple, set[str]]) -> bool:
    """The cluster's figure also stands in a document that tells another story than the cluster's
    ("0.5 percent" of a share index and of a price index): it is common enough to be shared by
    chance, so the sources that agree on it say nothing of whose figure it is. In a store of many
    unrelated stories this silences the check for round figures; a fitted document-frequency cut
    would keep it for rare ones (not built yet)."""
    if graph.tell_one_story is None:
        return False
    docs = {m.doc for m in members}
    for member in members:
        for other in stating.get(_figure(member), set()) - docs:
            if any(not graph.tell_one_story(other, doc) for doc in docs):
                return True
    return False


def _documents_stating(graph: ClaimGraph) -> dict[tuple, set[str]]:
    """For each figure (value and unit, or date): the documents that state it."""
    stating: dict[tuple, set[str]] = {}
    for claim in graph.claims.values():
        figure = _figure(claim)
        if figure is not None:
            stating.setdefault(figure, set()).add(claim.doc)
    return stating


def _same_figure(a: Claim, b: Claim) -> bool:
    return _figure(a) is not None and _figure(a) == _figure(b)
