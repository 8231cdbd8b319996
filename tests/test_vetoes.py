"""Sameness vetoes on golden pairs of sentences (tests/golden/vetoes.yaml)."""

from __future__ import annotations

import pytest

from factlint.cluster.sameness import veto

from conftest import claim_under, golden_id, load_golden


@pytest.mark.parametrize("case", load_golden("vetoes.yaml"), ids=golden_id)
def test_veto(case):
    a = claim_under(case["a"], case["figure_a"], doc_id="a")
    b = claim_under(case["b"], case["figure_b"], doc_id="b")
    assert veto(a, b, {}) == case["veto"]
    assert veto(b, a, {}) == case["veto"]
