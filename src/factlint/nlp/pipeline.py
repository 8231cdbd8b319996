"""The factlint spaCy pipeline: the trained English model plus the mention components.

Each mention kind is a component registered as a factory in ``factlint.nlp.components``; each
component calls a pure ``extract_*`` function and stores its records on the Doc:

    doc._.fl_entities   list[EntityMention]
    doc._.fl_dates      list[DateRef]        (relative ones resolved against doc._.fl_doc_date)
    doc._.fl_ordinals   list[Ordinal]
    doc._.fl_quantities list[Quantity]       (never overlapping a date or an ordinal)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from factlint.models import Mentions

# the components live in their own module (also the spacy_factories entry points); importing it
# registers the factories and the doc._.fl_* extensions
from factlint.nlp.components import COMPONENTS
from factlint.nlp.model import load_trained_pipeline


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    nlp = load_trained_pipeline()
    nlp.add_pipe("factlint_line_breaks", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def analyse(text: str, *, doc_date: dt.date | None = None) -> Doc:
    """Run the full pipeline on ``text``; mentions are on ``doc._.fl_*``."""
    nlp = get_pipeline()
    doc = nlp.make_doc(text)
    doc._.fl_doc_date = doc_date
    return nlp(doc)


def analyse_many(texts, *, doc_date: dt.date | None = None, batch_size: int = 64):
    """Like :func:`analyse` for many texts, batched through ``nlp.pipe``."""
    nlp = get_pipeline()

    def docs():
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.fl_doc_date = doc_date
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)


def mentions_of(doc: Doc) -> Mentions:
    return Mentions(
        quantities=doc._.fl_quantities or [],
        dates=doc._.fl_dates or [],
        entities=doc._.fl_entities or [],
        ordinals=doc._.fl_ordinals or [],
    )
