"""Claims: each figure and dated event of a document with what, who, when and how sure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from factlint.models import Claim, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factlint.claims.builder import build_claims


def extract_claims(document: Document, text: str) -> tuple[list[Claim], dict[str, int]]:
    """(claims, how often each entity id is mentioned): a pure function of the text, its date and
    the extractor version."""
    from factlint.nlp.pipeline import analyse

    return claims_of(document, analyse(text, doc_date=dt.date.fromisoformat(document.date) if document.date else None))


def claims_of(document: Document, doc: Doc) -> tuple[list[Claim], dict[str, int]]:
    """(claims, entity counts) of an already analysed Doc (see :func:`extract_claims`)."""
    from factlint.claims.builder import build_claims

    counts = Counter(e.id for e in doc._.fl_entities or [] if e.type != "person")
    return build_claims(document, doc), dict(sorted(counts.items()))


def __getattr__(name: str):
    # spaCy is imported only when claims are built, not when stored claims are checked
    if name == "build_claims":
        from factlint.claims.builder import build_claims

        return build_claims
    raise AttributeError(name)


__all__ = ["build_claims", "claims_of", "extract_claims"]
