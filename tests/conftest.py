from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from factlint.nlp.pipeline import analyse, get_pipeline

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"


def load_golden(name: str) -> list[dict]:
    """Cases from tests/golden/<name>.yaml: a list of mappings, each with at least ``text``."""
    return yaml.safe_load((GOLDEN / name).read_text(encoding="utf-8"))


def golden_id(case: dict) -> str:
    return case.get("id") or case["text"][:60]


@pytest.fixture(autouse=True)
def _no_github_job_summary(monkeypatch):
    """A check appends its report to $GITHUB_STEP_SUMMARY; the tests' checks must not, in CI."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(scope="session")
def nlp():
    return get_pipeline()


@pytest.fixture(scope="session")
def parse_text(nlp):
    """analyse() with an optional ISO date string, for golden cases. The mention readers are tested
    on the model's analysis of every sentence (sentence gating has tests of its own)."""

    def run(text: str, date: str | None = None):
        return analyse(text, doc_date=dt.date.fromisoformat(date) if date else None, gated=False)

    return run
