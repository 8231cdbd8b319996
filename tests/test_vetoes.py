"""Sameness vetoes on golden pairs of sentences (tests/golden/vetoes.yaml)."""

from __future__ import annotations

import pytest

from factlint.cluster.sameness import veto

from conftest import claim_under, golden_id, load_golden


@pytest.mark.parametrize("case", load_golden("vetoes.yaml"), ids=golden_id)
def test_veto(case):
    kind = case.get("kind", "quantity")  # "event": the figures are the dates of events
    a = claim_under(case["a"], case["figure_a"], kind=kind, doc_id="a")
    b = claim_under(case["b"], case["figure_b"], kind=kind, doc_id="b")
    assert veto(a, b, {}) == case["veto"]
    assert veto(b, a, {}) == case["veto"]
