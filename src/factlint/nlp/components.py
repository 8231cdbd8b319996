"""factlint's spaCy components, registered as factories (also as ``spacy_factories`` entry points).

Any spaCy pipeline can use them once factlint is installed, with no import of factlint first::

    nlp = spacy.blank("en")
    nlp.add_pipe("factlint_quantities")
    doc = nlp("Exports rose 30% to over $240bn in 2023")
    doc._.fl_quantities        # [Quantity(text='30%', ...), Quantity(text='over $240bn', ...)]

Each component calls a pure ``extract_*`` function and stores its records on the Doc:

    doc._.fl_entities   list[EntityMention]   (factlint_entities; uses doc.ents when a NER ran)
    doc._.fl_dates      list[DateRef]         (factlint_dates; relative ones resolved against
                                               doc._.fl_doc_date, else the component's doc_date)
    doc._.fl_ordinals   list[Ordinal]         (factlint_ordinals)
    doc._.fl_quantities list[Quantity]        (factlint_quantities; never overlapping a date or an
                                               ordinal found before it)

The Doc extensions are registered when this module is imported, which spaCy does through the entry
points before building a component, so a saved pipeline loads in a fresh process.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from factlint.nlp.dates import extract_dates
from factlint.nlp.entities import extract_entities
from factlint.nlp.ordinals import extract_ordinals
from factlint.nlp.quantities import extract_quantities

EXTENSIONS = ("fl_doc_date", "fl_entities", "fl_dates", "fl_ordinals", "fl_quantities")
for _extension in EXTENSIONS:
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)

COMPONENTS = ("factlint_entities", "factlint_dates", "factlint_ordinals", "factlint_quantities")
"""The mention components, in the order factlint runs them (after the trained pipeline)."""


def _date(value: str | None) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"factlint_dates: doc_date must be YYYY-MM-DD, got {value!r}") from None


@Language.component(
    "factlint_line_breaks",
    assigns=["token.is_sent_start"],
)
def line_break_component(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and section headings are not part of the
    paragraph that follows them. Runs before the parser, which keeps these boundaries."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or previous.whitespace_ and "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@Language.factory(
    "factlint_entities",
    assigns=["doc._.fl_entities"],
    requires=[],
    default_config={},
)
def make_entity_component(nlp: Language, name: str):
    """Countries (ISO 3166 alpha-3), organisations, projects, facilities... Better with a NER
    (``doc.ents``) before it; without one it still finds countries and their demonyms."""

    def entity_component(doc: Doc) -> Doc:
        doc._.fl_entities = extract_entities(doc)
        return doc

    return entity_component


@Language.factory(
    "factlint_dates",
    assigns=["doc._.fl_dates"],
    requires=[],
    default_config={"doc_date": None},
)
def make_date_component(nlp: Language, name: str, doc_date: str | None):
    """Dates and periods at their granularity. ``doc_date`` (YYYY-MM-DD) resolves relative dates
    ("last year") when the Doc carries no ``doc._.fl_doc_date`` of its own."""
    default_date = _date(doc_date)

    def date_component(doc: Doc) -> Doc:
        doc._.fl_dates = extract_dates(doc, doc_date=doc._.fl_doc_date or default_date)
        return doc

    return date_component


@Language.factory(
    "factlint_ordinals",
    assigns=["doc._.fl_ordinals"],
    requires=[],
    default_config={},
)
def make_ordinal_component(nlp: Language, name: str):
    """Ordinals ("70th anniversary", "fourth year"), never inside a date; never quantities."""

    def ordinal_component(doc: Doc) -> Doc:
        doc._.fl_ordinals = extract_ordinals(doc)
        return doc

    return ordinal_component


@Language.factory(
    "factlint_quantities",
    assigns=["doc._.fl_quantities"],
    requires=[],
    default_config={"skip_dates": True, "skip_ordinals": True},
)
def make_quantity_component(nlp: Language, name: str, skip_dates: bool, skip_ordinals: bool):
    """Numbers with their unit and the interval the wording commits to. With ``skip_dates`` /
    ``skip_ordinals``, spans already read as dates or ordinals (by components before this one)
    are not read again as quantities ("2019" is a year, "fourth" an ordinal)."""

    def quantity_component(doc: Doc) -> Doc:
        taken = [(d.start, d.end) for d in (doc._.fl_dates or [])] if skip_dates else []
        taken += [(o.start, o.end) for o in (doc._.fl_ordinals or [])] if skip_ordinals else []
        doc._.fl_quantities = extract_quantities(doc, skip=taken)
        return doc

    return quantity_component
