"""Two documents on one beat may share a figure but contradict each other only when they are as
alike as documents holding a planted contradiction (``contradiction_threshold``)."""

from __future__ import annotations

import math

from factlint.cluster.graph import NOT_EVEN_A_SLIP, build_graph
from factlint.cluster.sameness import SOFT_VETOES, SamenessModel, WordWeights, fitted_model, veto
from factlint.models import Claim, Quantity


def _claim(doc: str, value: float) -> Claim:
    text = f"{value:g} people"
    quantity = Quantity(text=text, start=0, end=len(text), value=value, unit="people", dimension="count")
    return Claim(id=f"{doc}:0", doc=doc, start=0, end=len(text), line=1, text=text,
                 sentence=f"The attack killed {text}.", kind="quantity", metric="kill", quantity=quantity)


# two stories on one beat: they share "killed" and "police", not their names
TOPICS = {"doc-a": {"killed": 0.6, "police": 0.3, "ostrel": 0.74},
          "doc-b": {"killed": 0.6, "police": 0.3, "varna": 0.74}}
SIMILARITY = 0.6 * 0.6 + 0.3 * 0.3  # 0.45


def test_documents_less_alike_than_contradicting_ones_do_not_contradict():
    a, b = _claim("doc-a", 14), _claim("doc-b", 31)
    far = WordWeights([a, b], topics=TOPICS, story_threshold=0.1, contradiction_threshold=SIMILARITY + 0.01)
    near = WordWeights([a, b], topics=TOPICS, story_threshold=0.1, contradiction_threshold=SIMILARITY - 0.01)
    assert far.related("doc-a", "doc-b") and not far.close_enough_to_contradict("doc-a", "doc-b")
    assert veto(a, b, {}, far) == "distant stories"
    assert near.close_enough_to_contradict("doc-a", "doc-b")
    assert veto(a, b, {}, near) != "distant stories"


def test_distant_stories_rule_out_a_contradiction_and_a_slip_but_not_an_agreement():
    assert "distant stories" in SOFT_VETOES and "distant stories" in NOT_EVEN_A_SLIP
    a, b = _claim("doc-a", 14), _claim("doc-b", 14_000)
    fitted = fitted_model()
    model = SamenessModel(agree=fitted.agree, conflict=fitted.conflict, story_threshold=0.1,
                          contradiction_threshold=SIMILARITY + 0.01)
    graph = build_graph([a, b], {}, model=model, topics=TOPICS)
    assert (a.id, b.id) not in graph.relations and (b.id, a.id) not in graph.relations


def test_the_fitted_model_carries_a_contradiction_threshold_above_the_story_threshold():
    model = fitted_model()
    assert model.contradiction_threshold >= model.story_threshold > 0
    assert not math.isnan(model.contradiction_threshold)
