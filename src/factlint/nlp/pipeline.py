"""The factlint spaCy pipeline: the trained English model plus the mention components.

Each mention kind is a component registered as a factory; each component calls a pure
``extract_*`` function and stores its records on the Doc:

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
from factlint.nlp.dates import extract_dates
from factlint.nlp.entities import extract_entities
from factlint.nlp.model import load_trained_pipeline
from factlint.nlp.ordinals import extract_ordinals
from factlint.nlp.quantities import extract_quantities

for _ext in ("fl_doc_date", "fl_entities", "fl_dates", "fl_ordinals", "fl_quantities"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


@Language.component("factlint_line_breaks")
def line_break_component(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and section headings are not part of the
    paragraph that follows them. Runs before the parser, which keeps these boundaries."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or previous.whitespace_ and "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@Language.factory("factlint_entities")
def make_entity_component(nlp: Language, name: str):
    def entity_component(doc: Doc) -> Doc:
        doc._.fl_entities = extract_entities(doc)
        return doc

    return entity_component


@Language.factory("factlint_dates")
def make_date_component(nlp: Language, name: str):
    def date_component(doc: Doc) -> Doc:
        doc._.fl_dates = extract_dates(doc, doc_date=doc._.fl_doc_date)
        return doc

    return date_component


@Language.factory("factlint_ordinals")
def make_ordinal_component(nlp: Language, name: str):
    def ordinal_component(doc: Doc) -> Doc:
        doc._.fl_ordinals = extract_ordinals(doc)
        return doc

    return ordinal_component


@Language.factory("factlint_quantities")
def make_quantity_component(nlp: Language, name: str):
    def quantity_component(doc: Doc) -> Doc:
        taken = [(d.start, d.end) for d in doc._.fl_dates or []]
        taken += [(o.start, o.end) for o in doc._.fl_ordinals or []]
        doc._.fl_quantities = extract_quantities(doc, skip=taken)
        return doc

    return quantity_component


COMPONENTS = ("factlint_entities", "factlint_dates", "factlint_ordinals", "factlint_quantities")


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
