"""FL007 entity-conflict (partner outlier): a figure for a country pair names a partner the rest of
the corpus never pairs with its subject.

The corpus's main pair is the pair of countries that appear together in the most documents. A
claim naming one of that pair together with a third country that no other document mentions at
all (and its own document only there), in a document that is itself about the main pair, has most
likely misnamed the partner. An article about A and C is left alone.

Why: a misnamed country in a bilateral figure attributes the trade or deal to the wrong pair.

Verdict: source-error when the partner is a slip; false-alarm when the article really is about the
third country.

Fails (every article is about Chile and Peru; Ghana appears once, in one figure)::

    a.txt: Chile and Peru signed a port deal on Monday. Chile and Peru want more trade.
    b.txt: Peru and Chile held talks in Lima. Chile said Peru is its partner.
    c.txt: Chile and Peru met again, and Peru praised Chile. In 2020, Chile-Ghana trade exceeded $12.5 billion.

Passes (the figure names the corpus's own pair)::

    a.txt: Chile and Peru signed a port deal on Monday. Chile and Peru want more trade.
    b.txt: Peru and Chile held talks in Lima. Chile said Peru is its partner.
    c.txt: Chile and Peru met again, and Peru praised Chile. In 2020, Chile-Peru trade exceeded $12.5 billion.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from factlint.checks.base import describe, make_finding
from factlint.cluster import ClaimGraph
from factlint.models import Claim, Finding
from factlint.nlp.countries import country_name

CODE = "FL007"
KINDS = ("entity-conflict",)


def main_pair(graph: ClaimGraph) -> tuple[str, str] | None:
    by_doc: dict[str, set[str]] = {}
    for doc, counts in graph.entity_counts.items():
        by_doc[doc] = {e for e, n in counts.items() if len(e) == 3 and e.isupper() and n > 0}
    pairs = Counter()
    for countries in by_doc.values():
        for pair in combinations(sorted(countries), 2):
            pairs[pair] += 1
    if not pairs:
        return None
    (pair, docs), *rest = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    if docs < 2 or (rest and rest[0][1] == docs):
        return None
    return pair


def document_pair(graph: ClaimGraph, doc: str) -> tuple[str, ...] | None:
    """The two countries a document mentions most, if the second is mentioned at least twice."""
    counts = {e: n for e, n in graph.entity_counts.get(doc, {}).items() if len(e) == 3 and e.isupper()}
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    if len(top) < 2 or top[1][1] < 2:
        return None
    return tuple(sorted((top[0][0], top[1][0])))


def _countries(claim: Claim, implied: bool) -> set[str]:
    return {e.id for e in claim.entities if e.type == "country" and (implied or not e.implied)}


def check(graph: ClaimGraph) -> list[Finding]:
    pair = main_pair(graph)
    if pair is None:
        return []
    # only where the claim's own document is about the corpus's main pair: an article about A and
    # B that gives a figure for "A–C" has most likely misnamed B
    findings = []
    reported: set[tuple[str, str]] = set()
    for claim in sorted(graph.claims.values(), key=lambda c: (c.doc, c.start)):
        if claim.kind != "quantity" or (claim.doc, claim.sentence) in reported:
            continue
        parties = {e.id for e in claim.entities if e.type == "country" and e.role == "party" and not e.implied}
        if len(parties) < 2 or document_pair(graph, claim.doc) != pair:
            continue
        for anchor in pair:
            if anchor not in parties:
                continue
            partner = pair[1] if anchor == pair[0] else pair[0]
            strangers = sorted(p for p in parties - set(pair) if _mentioned_only_here(graph, p, claim))
            if partner in parties or not strangers:
                continue
            witnesses = [
                o
                for o in sorted(graph.claims.values(), key=lambda c: (c.doc, c.start))
                if o.doc != claim.doc and o.kind == "quantity" and o.metric == claim.metric
                and set(pair) <= _countries(o, implied=True)
            ]
            name = country_name
            message = (
                f"{claim.metric}: {describe(claim)} pairs {name(anchor)} with {', '.join(map(name, strangers))}, "
                f"which no other document mentions, where the corpus pairs {name(anchor)} with {name(partner)}"
                + (": " + "; ".join(describe(o) for o in witnesses[:2]) if witnesses else "")
                + "."
            )
            findings.append(make_finding(CODE, "entity-conflict", [claim, *witnesses[:2]], message, "error", identity="first"))
            reported.add((claim.doc, claim.sentence))
            break
    return findings


def _mentioned_only_here(graph: ClaimGraph, country: str, claim: Claim) -> bool:
    for doc, counts in graph.entity_counts.items():
        n = counts.get(country, 0)
        if doc != claim.doc and n > 0:
            return False
        if doc == claim.doc and n > 1:
            return False
    return True
