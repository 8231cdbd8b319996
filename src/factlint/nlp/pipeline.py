"""The factlint spaCy pipeline: the trained English model plus the mention components.

Each mention kind is a component registered as a factory in ``factlint.nlp.components``; each
component calls a pure ``extract_*`` function and stores its records on the Doc:

    doc._.fl_entities   list[EntityMention]
    doc._.fl_dates      list[DateRef]        (relative ones resolved against doc._.fl_doc_date)
    doc._.fl_ordinals   list[Ordinal]
    doc._.fl_quantities list[Quantity]       (never overlapping a date or an ordinal)
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import DEP, HEAD, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from factlint.models import Mentions

# the components live in their own module (also the spacy_factories entry points); importing it
# registers the factories and the doc._.fl_* extensions
from factlint.nlp.components import COMPONENTS
from factlint.nlp.gating import gating_enabled, plan_pieces
from factlint.nlp.dates import range_ends
from factlint.nlp.model import load_trained_pipeline
from factlint.nlp.quantities import durations_in_periods, reported_lengths, reported_movements


class TableAttributeRuler:
    """spaCy's ``attribute_ruler`` for the patterns the trained model ships (one or two tokens, exact
    values or IN / NOT_IN / REGEX sets on LOWER, TAG, DEP and IS_SPACE), found by table lookups on the
    token attribute arrays instead of the Matcher. Every token gets exactly the attributes the
    original sets: matching reads the Doc before any change, and where several patterns apply to one
    token the later pattern wins, as in ``AttributeRuler.match``. The leading run of tag-map patterns
    (one token, TAG only, setting POS and MORPH) is applied as one array lookup. The original stays
    the reference (a test compares the two); patterns of another shape are refused."""

    COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")

    def __init__(self, vocab, patterns: list[dict]):
        from spacy.attrs import MORPH, POS
        from spacy.tokens._retokenize import normalize_token_attrs

        self.vocab = vocab
        self.tables: list[dict[int, list]] = [{} for _ in self.COLUMNS]
        self.general: list = []
        self.tag_map: dict[int, dict[int, int]] = {}
        self._regex_cache: dict[tuple[int, int], bool] = {}
        rules = []
        for order, entry in enumerate(patterns):
            attrs = normalize_token_attrs(vocab, entry["attrs"])
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                specs = [self._compile(token) for token in pattern]
                target = index if index >= 0 else len(specs) + index
                if not 0 <= target < len(specs):
                    raise ValueError(f"attribute ruler index {index} outside its pattern {pattern}")
                rules.append((order, specs, target, attrs))
        leading = 0
        for order, specs, target, attrs in rules:
            if len(specs) == 1 and len(specs[0]) == 1 and specs[0][0][:2] == (1, "eq") and set(attrs) <= {POS, MORPH}:
                self.tag_map.setdefault(specs[0][0][2], {}).update(attrs)
                leading += 1
            else:
                break
        for rule in rules[leading:]:
            # index a rule by a value its first token must have, where it has one
            for column, table in enumerate(self.tables):
                values = [operand if op == "IN" else {operand} for c, op, operand in rule[1][0] if c == column and op in ("eq", "IN")]
                if values:
                    for value in values[0]:
                        table.setdefault(value, []).append(rule)
                    break
            else:
                self.general.append(rule)
        self._pos, self._morph = POS, MORPH

    def _compile(self, token: dict) -> tuple:
        specs = []
        for key, value in token.items():
            if key not in self.COLUMNS:
                raise ValueError(f"attribute ruler pattern on {key} is not supported: {token}")
            column = self.COLUMNS.index(key)
            if key == "IS_SPACE":
                specs.append((column, "eq", int(bool(value))))
            elif isinstance(value, str):
                specs.append((column, "eq", self.vocab.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, operand),) = value.items()
                if op in ("IN", "NOT_IN"):
                    specs.append((column, op, frozenset(self.vocab.strings.add(v) for v in operand)))
                elif op == "REGEX":
                    specs.append((column, op, re.compile(operand)))
                else:
                    raise ValueError(f"attribute ruler operator {op} is not supported: {token}")
            else:
                raise ValueError(f"attribute ruler pattern {token} is not supported")
        return tuple(specs)

    def _matches(self, specs: tuple, row: list) -> bool:
        for column, op, operand in specs:
            value = row[column]
            if op == "eq":
                if value != operand:
                    return False
            elif op == "IN":
                if value not in operand:
                    return False
            elif op == "NOT_IN":
                if value in operand:
                    return False
            else:
                key = (id(operand), value)
                found = self._regex_cache.get(key)
                if found is None:
                    found = self._regex_cache[key] = bool(operand.search(self.vocab.strings[value] if value else ""))
                if not found:
                    return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        columns = doc.to_array(list(self.COLUMNS))
        if self.tag_map:
            pos, morph = doc.to_array(self._pos).astype("uint64"), doc.to_array(self._morph).astype("uint64")
            tags, where = numpy.unique(columns[:, 1], return_inverse=True)
            for k, tag in enumerate(tags.tolist()):
                attrs = self.tag_map.get(tag)
                if attrs:
                    chosen = where == k
                    if self._pos in attrs:
                        pos[chosen] = attrs[self._pos]
                    if self._morph in attrs:
                        morph[chosen] = attrs[self._morph]
            doc.from_array([self._pos, self._morph], numpy.stack([pos, morph], axis=1))
        # the tokens some other rule may start at: a value a rule's first token needs, or the values
        # of its first token's attribute that satisfy a general rule
        starts: set[int] = set()
        for column, table in enumerate(self.tables):
            if table:
                keys = numpy.fromiter(table, dtype="uint64", count=len(table))
                starts.update(numpy.flatnonzero(numpy.isin(columns[:, column], keys)).tolist())
        rows = columns.tolist()
        for rule in self.general:
            first = rule[1][0]
            if len({column for column, _, _ in first}) != 1:
                starts.update(range(len(rows)))
                continue
            column = first[0][0]
            values = numpy.unique(columns[:, column]).tolist()
            fitting = [v for v in values if self._matches(first, [v if c == column else 0 for c in range(len(self.COLUMNS))])]
            if fitting:
                starts.update(numpy.flatnonzero(numpy.isin(columns[:, column], numpy.array(fitting, dtype="uint64"))).tolist())
        n = len(rows)
        hits: dict[int, list] = {}
        for i in sorted(starts):
            row = rows[i]
            candidates = [rule for column, table in enumerate(self.tables) for rule in table.get(row[column], ())]
            for order, specs, target, attrs in candidates + self.general:
                if i + len(specs) <= n and all(self._matches(spec, rows[i + k]) for k, spec in enumerate(specs)):
                    hits.setdefault(i + target, []).append((order, attrs))
        for i in sorted(hits):
            token = doc[i]
            for _, attrs in sorted(hits[i], key=lambda hit: hit[0]):
                set_token_attrs(token, attrs)
        return doc


@Language.factory("factlint_attribute_ruler", default_config={"patterns": []})
def make_table_attribute_ruler(nlp: Language, name: str, patterns: list[dict]):
    return TableAttributeRuler(nlp.vocab, patterns)


FAST_ATTRIBUTE_RULER = True
"""Replace the model's ``attribute_ruler`` by :class:`TableAttributeRuler` (same output, a tenth of the time)."""


class TableLemmatizer:
    """The model's rule lemmatizer applied once per distinct (word, POS, morphology) instead of once
    per token. spaCy's rule lemma is a function of exactly those three (``Lemmatizer.rule_lemmatize``
    keys its cache on them), so every token gets the lemma the original gives it; tokens that
    already have one (set by the attribute ruler) keep it, as with ``overwrite = False``. The
    original stays the reference (a test compares the two) and does the lemmatizing itself."""

    def __init__(self, original):
        if getattr(original, "mode", None) != "rule" or getattr(original, "overwrite", True):
            raise ValueError("TableLemmatizer wraps a rule lemmatizer that does not overwrite lemmas")
        self.original = original
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = numpy.flatnonzero(rows[:, 3] == 0)
        if not len(todo):
            return doc
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        known = self.lemmas
        for i in todo.tolist():
            key = (int(rows[i, 0]), int(rows[i, 1]), int(rows[i, 2]))
            lemma = known.get(key)
            if lemma is None:
                lemma = known[key] = strings.add(self.original.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("factlint_lemmatizer")
def make_table_lemmatizer(nlp: Language, name: str):
    return TableLemmatizer(nlp.get_pipe("lemmatizer"))


FAST_LEMMATIZER = True
"""Replace the model's ``lemmatizer`` by :class:`TableLemmatizer` (same output, a fraction of the time)."""



@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    nlp = load_trained_pipeline()
    if FAST_ATTRIBUTE_RULER and "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", "factlint_attribute_ruler", config={"patterns": patterns})
    if FAST_LEMMATIZER and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("factlint_lemmatizer", after="lemmatizer")  # wraps the model's lemmatizer
        nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("factlint_line_breaks", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def context_tokens(nlp: Language) -> int:
    """Tokens of the neighbouring text the model reads on each side of a parsed piece (and discards),
    so that every token inside the piece is read exactly as in the whole text: the reach of the
    token-to-vector CNNs (depth x window, from the model's own config; four for the small English
    model) plus one, because the parser's state reads the next buffer token and the entity
    recogniser the token before, whose vectors must be complete too."""
    reach = 0
    for name in nlp.pipe_names:
        model = (nlp.config["components"].get(name) or {}).get("model") or {}
        for encoder in (model.get("encode"), (model.get("tok2vec") or {}).get("encode")):
            if isinstance(encoder, dict) and "depth" in encoder:
                reach = max(reach, int(encoder["depth"]) * int(encoder.get("window_size", 1)))
    return reach + 1

MAX_RUN_CHARS = 200
"""Longest run of characters without white space that spaCy's tokenizer is given at once. The
tokenizer strips a run's prefixes and suffixes one per pass, and every pass searches, hashes and
slices the whole rest of the run, so a run of many brackets, quotes, signs or ``'s`` costs time
quadratic in its length (16,000 nested parentheses: 22 s). A longer run is cut into pieces of at
most this length, each tokenized on its own (after a non-alphanumeric character where the piece
has one): the text and offsets stay exact, and no word is this long (a URL this long becomes a few
tokens instead of one)."""

_LONG_RUN = re.compile(r"(\S{%d,}) ?" % (MAX_RUN_CHARS + 1))
"""A run too long for the tokenizer, with the one space spaCy attaches to a token's end."""

BATCH_CHARS = 200_000
"""Text gathered before one ``nlp.pipe`` call over the pieces to parse (batching saves model time;
the bound keeps memory flat however many documents stream through)."""


def analyse(text: str, *, doc_date: dt.date | None = None, gated: bool | None = None) -> Doc:
    """Run the full pipeline on ``text``; mentions are on ``doc._.fl_*``. ``gated``: whether the
    trained pipeline skips sentences without a number or date word (default: the
    ``FACTLINT_GATING`` environment variable, off unless it is ``1``)."""
    return next(analyse_documents([(text, doc_date)], gated=gated))


def analyse_many(texts, *, doc_date: dt.date | None = None, batch_size: int = 64):
    """Like :func:`analyse` for many texts, batched through ``nlp.pipe``."""
    return analyse_documents(((text, doc_date) for text in texts), batch_size=batch_size)


def analyse_documents(
    items: Iterable[tuple[str, dt.date | None]], *, batch_size: int | None = None, gated: bool | None = None
) -> Iterator[Doc]:
    """One analysed Doc per ``(text, document date)``, in order.

    Each text is tokenized whole, cut into bounded pieces by the cheap pass
    (:mod:`factlint.nlp.gating`); the trained pipeline runs on the pieces worth parsing, batched
    across documents, and the pieces are joined back into one Doc whose text is exactly ``text``
    (so every offset is into the original). factlint's mention components then read the whole Doc.
    No length limit applies: pieces are bounded, the tokenizer and the join are linear.
    """
    nlp = get_pipeline()
    gated = gating_enabled() if gated is None else gated
    context = context_tokens(nlp)
    mention_components = [nlp.get_pipe(name) for name in COMPONENTS]
    for chunk in _chunks(items):
        planned = []
        to_parse: list[Doc] = []
        for text, doc_date in chunk:
            tokens = tokenize(nlp, text)
            pieces = plan_pieces(tokens, gated=gated)
            # the cheap pass's sentence starts are given to the parser (which may add more), gated or
            # not: the parser then starts every sentence from an empty stack, so a sentence is parsed
            # alike whether its neighbours are parsed with it or not
            starts = [s for p in pieces for s in p.sentence_starts]
            if len(pieces) == 1 and pieces[0].parse:
                ranges = [(0, len(tokens), 0, len(tokens))]
                piece_docs = [tokens]  # the whole document at once, as without the cheap pass
                _mark_sentence_starts(tokens, starts)
            else:
                # a parsed piece is given a few tokens of its neighbours, so that the model reads
                # its first and last words in the context it has in the whole text
                ranges = [
                    (max(0, p.start - context), min(len(tokens), p.end + context), p.start, p.end)
                    if p.parse else (p.start, p.end, p.start, p.end)
                    for p in pieces
                ]
                piece_docs = _split(tokens, [(lo, hi) for lo, hi, _, _ in ranges])
                for piece, (lo, hi, start, end), piece_doc in zip(pieces, ranges, piece_docs):
                    if piece.parse:
                        inside = [s for s in starts if lo < s < hi] + ([end] if lo < end < hi else [])
                        _mark_sentence_starts(piece_doc, [s - lo for s in inside])
            planned.append((doc_date, pieces, ranges, piece_docs))
            to_parse.extend(d for piece, d in zip(pieces, piece_docs) if piece.parse)
        parsed = iter(list(nlp.pipe(to_parse, disable=list(COMPONENTS), batch_size=batch_size)))
        for doc_date, pieces, ranges, piece_docs in planned:
            docs = []
            for piece, (lo, hi, start, end), piece_doc in zip(pieces, ranges, piece_docs):
                if piece.parse:
                    parsed_doc = next(parsed)
                    docs.append(parsed_doc if (lo, hi) == (start, end) else parsed_doc[start - lo : end - lo].as_doc())
                else:
                    _placeholder_tree(piece_doc, [s - piece.start for s in piece.sentence_starts])
                    docs.append(piece_doc)
            doc = docs[0] if len(docs) == 1 else _join(docs) if docs else nlp.make_doc("")
            doc._.fl_doc_date = doc_date
            for component in mention_components:
                doc = component(doc)
            skipped = [(piece_doc_start(doc, p.start), piece_doc_start(doc, p.end)) for p in pieces if not p.parse]
            if skipped and doc._.fl_entities:
                doc._.fl_entities = _with_known_names(doc, skipped)
            yield doc


def _mark_sentence_starts(doc: Doc, starts: Iterable[int]) -> None:
    for i in starts:
        if 0 < i < len(doc):
            doc[i].is_sent_start = True


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.tokenizer(text)``, in time linear in the length of ``text`` whatever it holds: runs
    without white space longer than :data:`MAX_RUN_CHARS` are tokenized piece by piece."""
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return nlp.tokenizer(text)
    segments: list[tuple[int, int]] = []
    at = 0
    for run in runs:
        if at < run.start():
            segments.append((at, run.start()))
        segments.extend(_run_pieces(text, run.start(), run.end(1)))
        segments[-1] = (segments[-1][0], run.end())
        at = run.end()
    if at < len(text):
        segments.append((at, len(text)))
    words: list[str] = []
    spaces: list[bool] = []
    norms: list = []
    for lo, hi in segments:
        part = nlp.tokenizer(text[lo:hi])
        words.extend(token.text for token in part)
        spaces.extend(bool(token.whitespace_) for token in part)
        norms.append(part.to_array([NORM]))
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], numpy.concatenate(norms).reshape(-1, 1))
    return doc


def _run_pieces(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """``text[lo:hi]`` (a run without white space) in consecutive pieces of at most
    :data:`MAX_RUN_CHARS` characters, each ending after a non-alphanumeric character in its second
    half where there is one (so words and numbers are rarely cut)."""
    while hi - lo > MAX_RUN_CHARS:
        cut = lo + MAX_RUN_CHARS
        for i in range(cut - 1, lo + MAX_RUN_CHARS // 2 - 1, -1):
            if not text[i].isalnum():
                cut = i + 1
                break
        yield lo, cut
        lo = cut
    yield lo, hi


def piece_doc_start(doc: Doc, token_index: int) -> int:
    return doc[token_index].idx if token_index < len(doc) else len(doc.text)


def _with_known_names(doc: Doc, skipped: list[tuple[int, int]]) -> list:
    """The document's entity mentions plus, in the sentences the model did not read, every other
    occurrence of a name it recognised elsewhere in the document (a gazetteer of the document's own
    names): the document's topic entities are counted as if the model had read every sentence."""
    mentions = doc._.fl_entities
    by_surface = {}
    for mention in mentions:
        by_surface.setdefault(mention.text, mention)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(by_surface, key=len, reverse=True)) + r")(?![\w-])"
    )
    text = doc.text
    taken = sorted((m.start, m.end) for m in mentions)
    added = []
    for lo, hi in skipped:
        for match in pattern.finditer(text, lo, hi):
            at = bisect.bisect_right(taken, (match.start(), float("inf")))
            if (at and taken[at - 1][1] > match.start()) or (at < len(taken) and taken[at][0] < match.end()):
                continue  # overlaps a mention the readers found
            known = by_surface[match.group(0)]
            added.append(known.model_copy(update={"start": match.start(), "end": match.end()}))
    return sorted(mentions + added, key=lambda m: (m.start, m.end)) if added else mentions


def _chunks(items: Iterable[tuple[str, dt.date | None]]) -> Iterator[list[tuple[str, dt.date | None]]]:
    chunk: list[tuple[str, dt.date | None]] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item[0])
        if size >= BATCH_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _split(doc: Doc, ranges: list[tuple[int, int]]) -> list[Doc]:
    """The pieces of a tokenized Doc as Docs of their own, with the same tokens (and the norms the
    tokenizer's special cases set, which the model reads). ``Span.as_doc`` would copy the whole
    Doc's arrays for every piece."""
    rows = doc.to_array([ORTH, NORM, SPACY])
    strings = doc.vocab.strings
    out = []
    for start, end in ranges:
        part = rows[start:end]
        piece_doc = Doc(doc.vocab, words=[strings[o] for o in part[:, 0].tolist()], spaces=part[:, 2].astype(bool).tolist())
        piece_doc.from_array([NORM], part[:, 1:2])
        out.append(piece_doc)
    return out


def _placeholder_tree(doc: Doc, starts: list[int]) -> None:
    """Give an unparsed piece one flat tree per cheap-pass sentence (every token headed by the
    sentence's first, label ``dep``), so that the joined Doc keeps these sentence boundaries; the
    tokens have no tags, lemmas or entities."""
    if not len(doc):
        return
    strings = doc.vocab.strings
    index = numpy.arange(len(doc), dtype="int64")
    marks = numpy.zeros(len(doc), dtype="int64")
    marks[starts or [0]] = 1
    marks[0] = 1
    roots = numpy.maximum.accumulate(numpy.where(marks == 1, index, 0))
    deps = numpy.where(roots == index, strings.add("ROOT"), strings.add("dep")).astype("uint64")
    doc.from_array([HEAD, DEP], numpy.stack([(roots - index).astype("uint64"), deps], axis=1))


def _join(docs: list[Doc]) -> Doc:
    for doc in docs:
        doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")  # unused downstream; widths differ
    return Doc.from_docs(docs, ensure_whitespace=False)


def mentions_of(doc: Doc) -> Mentions:
    """The mentions as ``factlint parse`` reports them: a movement "from A to B" is one mention
    (:func:`~factlint.nlp.quantities.reported_movements`), a length in feet and inches is its two
    written parts (:func:`~factlint.nlp.quantities.reported_lengths`), and the written length of a relative
    period ("the past two years") is a duration too (:func:`~factlint.nlp.quantities.durations_in_periods`);
    the closing date of a range ("from Sept. 14 to Thursday") is a date of its own
    (:func:`~factlint.nlp.dates.range_ends`);
    claims read ``doc._.fl_*`` directly."""
    quantities = reported_lengths(doc.text, reported_movements(doc.text, doc._.fl_quantities or []))
    durations = [
        d for d in durations_in_periods(doc.text, doc._.fl_dates or [])
        if not any(q.start < d.end and d.start < q.end for q in quantities)
    ]
    dates = doc._.fl_dates or []
    return Mentions(
        quantities=sorted([*quantities, *durations], key=lambda q: (q.start, q.end)),
        dates=sorted([*dates, *range_ends(doc.text, dates)], key=lambda d: (d.start, d.end)),
        entities=doc._.fl_entities or [],
        ordinals=doc._.fl_ordinals or [],
    )
