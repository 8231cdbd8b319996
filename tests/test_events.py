"""Dated events on golden sentences (tests/golden/events.yaml)."""

from __future__ import annotations

import pytest

from factlint.claims.builder import build_claims
from factlint.models import Document
from factlint.nlp.pipeline import analyse

from conftest import golden_id, load_golden


@pytest.mark.parametrize("case", load_golden("events.yaml"), ids=golden_id)
def test_events(case):
    claims = build_claims(Document(id="a", path="a.txt", sha256="0"), analyse(case["text"]))
    read = [[c.metric, c.text] for c in sorted(claims, key=lambda c: c.start) if c.kind == "event"]
    assert read == case["events"]
