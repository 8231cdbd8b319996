"""How a sentence is read into claims: dated events (tests/golden/events.yaml) and the roles of
the parties a figure names (tests/golden/roles.yaml)."""

from __future__ import annotations

import pytest

from factlint.claims.builder import build_claims
from factlint.cluster.compare import head_of
from factlint.models import Document
from factlint.nlp.pipeline import analyse

from conftest import claim_under, golden_id, load_golden


@pytest.mark.parametrize("case", load_golden("events.yaml"), ids=golden_id)
def test_events(case):
    claims = build_claims(Document(id="a", path="a.txt", sha256="0"), analyse(case["text"]))
    events = [c for c in sorted(claims, key=lambda c: c.start) if c.kind == "event"]
    assert [[c.metric, c.text] for c in events] == case["events"]
    if "subjects" in case:  # the thing each event happened to, as a named-thing id or its head word
        assert [c.subject or head_of(c) for c in events] == case["subjects"]
    if "modalities" in case:  # whether each event is told as done (actual) or to come (plan, forecast)
        assert [c.modality for c in events] == case["modalities"]


@pytest.mark.parametrize("case", load_golden("roles.yaml"), ids=golden_id)
def test_roles(case):
    claim = claim_under(case["text"], case["figure"], kind=None)
    roles = {e.id: e.role for e in claim.entities if not e.implied}
    assert roles == case["roles"]
