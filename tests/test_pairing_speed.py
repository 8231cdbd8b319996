"""The fast paths of clustering and checks give what the plain ones give: the same candidate pairs in
the same order, the same conflicts, the same topic similarities and unit conversions (bit for bit)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.checks import conflicts
from factlint.cluster import ClaimGraph, graph
from factlint.cluster.stories import similarity
from factlint.models import Claim, Quantity
from factlint.nlp import units


def _claim(doc: str, start: int, value: float, unit: str = "tonne", metric: str = "output") -> Claim:
    text = f"{value:g} {unit}"
    quantity = Quantity(text=text, start=start, end=start + len(text), value=value, unit=unit, dimension="mass")
    return Claim(id=f"{doc}:{start}", doc=doc, start=start, end=start + len(text), line=1, text=text,
                 sentence=f"{metric} {text} ({doc} {start})", kind="quantity", metric=metric, quantity=quantity)


def _corpus(rng: random.Random, documents: int, claims: int, metrics: int) -> list[Claim]:
    out = []
    for n in range(claims):
        doc = f"doc-{rng.randrange(documents)}"
        metric = " ".join(rng.sample([f"word{i}" for i in range(metrics)], rng.choice([1, 1, 2])))
        out.append(_claim(doc, 10 * n, rng.uniform(1, 100), metric=metric))
    return out


def _all_pairs_sharing_a_word(members: list[Claim]) -> list[tuple[str, str]]:
    """What a large block is cut to: the pairs sharing a measure word in at most MAX_BLOCK claims."""
    words = [set(graph.measure_of(c)) for c in members]
    common = {w for w in set().union(*words) if sum(w in ws for ws in words) > graph.MAX_BLOCK}
    return [(a.id, b.id) for i, a in enumerate(members) for j, b in enumerate(members)
            if i < j and (words[i] & words[j]) - common]


@pytest.mark.parametrize("max_block", [300, 12, 3])
@pytest.mark.parametrize("seed", range(4))
def test_candidate_pairs_are_all_pairs_filtered_by_story_in_order(monkeypatch, seed, max_block):
    monkeypatch.setattr(graph, "MAX_BLOCK", max_block)
    rng = random.Random(seed)
    claims = _corpus(rng, documents=9, claims=60, metrics=6)
    intervals = {c.id: graph.comparable_interval(c) for c in claims}
    members = sorted(claims, key=lambda c: c.id)
    expected = ([(a.id, b.id) for i, a in enumerate(members) for b in members[i + 1 :]]
                if len(members) <= max_block else _all_pairs_sharing_a_word(members))
    assert [(a.id, b.id) for a, b in graph.candidate_pairs(claims, intervals)] == expected

    unrelated = {frozenset(rng.sample(range(9), 2)) for _ in range(15)}
    asked: list[tuple[str, str]] = []

    def related(doc_a: str, doc_b: str) -> bool:
        asked.append((doc_a, doc_b))
        return frozenset({int(doc_a[4:]), int(doc_b[4:])}) not in unrelated

    by_id = {c.id: c for c in claims}
    kept = [(a, b) for a, b in expected if by_id[a].doc == by_id[b].doc or related(by_id[a].doc, by_id[b].doc)]
    first_asked = list(dict.fromkeys(asked))
    asked.clear()
    assert [(a.id, b.id) for a, b in graph.candidate_pairs(claims, intervals, related)] == kept
    # each pair of documents is first asked about in the order (and the argument order) of the pairs
    assert list(dict.fromkeys(asked)) == first_asked


@pytest.mark.parametrize("seed", range(30))
def test_conflicts_from_the_heap_are_those_of_the_plain_rounds(seed):
    rng = random.Random(seed)
    claims = [_claim(f"d{rng.randrange(5)}", 7 * n, 1.0 + n) for n in range(rng.randrange(2, 40))]
    relations = {}
    for _ in range(rng.randrange(1, 3 * len(claims))):
        a, b = rng.sample(claims, 2)
        relations[(a.id, b.id)] = rng.choice(["conflict", "conflict", "scale-slip", "agree", "update"])
    built = ClaimGraph(claims={c.id: c for c in claims}, alias={}, relations=relations)
    edges = {pair: rel for pair, rel in relations.items() if rel in ("conflict", "scale-slip")}
    support = {cid: len(built.neighbours(cid, "agree")) for cid in built.claims}
    plain = conflicts._resolve_pair_by_pair(built, edges, support)
    assert conflicts._resolve(built) == plain


topics = st.dictionaries(st.sampled_from([f"w{i}" for i in range(40)]),
                         st.floats(min_value=0.0, max_value=1.0).map(lambda x: round(x, 4)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(topics, topics)
def test_similarity_is_the_plain_sum_bit_for_bit(a, b):
    shorter, longer = (b, a) if len(a) > len(b) else (a, b)
    assert repr(similarity(a, b)) == repr(float(sum(x * longer.get(w, 0.0) for w, x in shorter.items())))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["tonne", "kilometre / hour", "barrel / day", "degree_Celsius", "kilowatt_hour", "acre"]),
       st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_pint_conversion_is_pints_own_bit_for_bit(expression, value):
    ureg = units.unit_registry()
    base = ureg.Quantity(value, ureg.parse_expression(expression).units).to_base_units()
    assert units._pint_base(value, expression) == (float(base.magnitude), str(base.dimensionality))
    assert repr(units._pint_base(value, expression)[0]) == repr(float(base.magnitude))


def test_pairs_of_unrelated_documents_are_vetoed_before_anything_else():
    """``candidate_pairs`` leaves such pairs out on the strength of this: the veto's
    "unrelated documents" is hard and comes before any test of the claims themselves."""
    from factlint.cluster.sameness import SOFT_VETOES, WordWeights, veto

    a = _claim("doc-a", 0, 5.0, metric="output")
    b = _claim("doc-b", 0, 5.0, metric="output")
    words = WordWeights([a, b], topics={"doc-a": {"cholera": 1.0}, "doc-b": {"tunnel": 1.0}}, story_threshold=0.1)
    assert not words.related("doc-a", "doc-b")
    assert veto(a, b, {}, words) == "unrelated documents"
    assert "unrelated documents" not in SOFT_VETOES | {"period"}
