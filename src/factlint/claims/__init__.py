"""Claims: each figure and dated event of a document with what, who, when and how sure."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from factlint.claims.builder import build_claims
from factlint.models import Claim, Document


def extract_claims(document: Document, text: str) -> tuple[list[Claim], dict[str, int]]:
    """(claims, how often each entity id is mentioned): a pure function of the text, its date and
    the extractor version."""
    from factlint.nlp.pipeline import analyse

    doc = analyse(text, doc_date=dt.date.fromisoformat(document.date) if document.date else None)
    counts = Counter(e.id for e in doc._.fl_entities or [] if e.type != "person")
    return build_claims(document, doc), dict(sorted(counts.items()))


__all__ = ["build_claims", "extract_claims"]
