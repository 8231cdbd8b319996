"""Ordinals ("70th anniversary", "fourth year"): their own mention, never a quantity."""

from __future__ import annotations

from spacy.tokens import Doc

from factlint.models import Ordinal


def extract_ordinals(doc: Doc) -> list[Ordinal]:
    return []
