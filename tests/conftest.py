from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from factlint.claims.builder import build_claims
from factlint.models import Claim, Document
from factlint.nlp.pipeline import analyse, get_pipeline

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"


def load_golden(name: str) -> list[dict]:
    """Cases from tests/golden/<name>.yaml: a list of mappings, each with at least ``text``."""
    return yaml.safe_load((GOLDEN / name).read_text(encoding="utf-8"))


def claim_under(text: str, quote: str, kind: str | None = "quantity", doc_id: str = "a") -> Claim:
    """The claim of kind ``kind`` (any kind for None) that the quoted words of ``text`` hold, read
    from an undated article ``doc_id``."""
    claims = build_claims(Document(id=doc_id, path=f"{doc_id}.txt", sha256="0"), analyse(text))
    start = text.index(quote)
    return next(c for c in claims if (kind is None or c.kind == kind) and c.start < start + len(quote) and start < c.end)


def golden_id(case: dict) -> str:
    return case.get("id") or case["text"][:60]


@pytest.fixture(autouse=True)
def _no_github_job_summary(monkeypatch):
    """A check appends its report to $GITHUB_STEP_SUMMARY; the tests' checks must not, in CI."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory):
    """Checks keep a clustering cache (``factlint.cluster.derived``) under the user's cache folder;
    the tests' checks (subprocesses included) keep theirs in a folder of the test session."""
    before = os.environ.get("FACTLINT_CACHE_DIR")
    os.environ["FACTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlint-cache"))
    yield
    if before is None:
        os.environ.pop("FACTLINT_CACHE_DIR", None)
    else:
        os.environ["FACTLINT_CACHE_DIR"] = before


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
