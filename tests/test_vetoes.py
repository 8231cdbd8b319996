"""Sameness vetoes on golden pairs of sentences (tests/golden/vetoes.yaml)."""

from __future__ import annotations

import pytest

from factlint.claims.builder import build_claims
from factlint.cluster.sameness import veto
from factlint.models import Claim, Document
from factlint.nlp.pipeline import analyse

from conftest import golden_id, load_golden


def _figure(doc_id: str, text: str, quote: str) -> Claim:
    claims = build_claims(Document(id=doc_id, path=f"{doc_id}.txt", sha256="0"), analyse(text))
    start = text.index(quote)
    return next(c for c in claims if c.kind == "quantity" and c.start < start + len(quote) and start < c.end)


@pytest.mark.parametrize("case", load_golden("vetoes.yaml"), ids=golden_id)
def test_veto(case):
    a = _figure("a", case["a"], case["figure_a"])
    b = _figure("b", case["b"], case["figure_b"])
    assert veto(a, b, {}) == case["veto"]
    assert veto(b, a, {}) == case["veto"]
