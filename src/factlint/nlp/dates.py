"""Dates and periods at their real granularity, relative ones resolved against the document date."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from factlint.models import DateRef


def extract_dates(doc: Doc, *, doc_date: dt.date | None = None) -> list[DateRef]:
    return []
