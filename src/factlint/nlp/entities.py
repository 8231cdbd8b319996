"""Entities: countries canonicalised to ISO 3166 alpha-3, organisations/projects/weapons as slugs.

``extract_entities(doc)`` reads a parsed spaCy Doc and returns non-overlapping
:class:`~factlint.models.EntityMention` records, sorted by position, whose ``text`` is always
``doc.text[start:end]``. The mentions come from several passes, each producing candidates with a
priority; where candidates overlap the higher priority wins, then the longer span:

1. hyphenated country pairs ("China-Poland", "Sino-Russian"): one mention per country, each on its
   own sub-span;
2. acronym definitions ("European Bank for Reconstruction and Development (EBRD)") and every later
   bare use of the acronym, which takes the long form's id;
3. model designations ("S-400", "Tu-95MS", "Boeing 737"): weapons when the context names a weapon
   ("... systems", "bombers such as ..."), else "other";
4. named projects and facilities by their head noun ("the Kestrel 2 pipeline", "the Marmara
   Gas Link", "Line 2", "Phase II");
5. country names, aliases, demonyms and capitals from :mod:`factlint.nlp.countries`; a capital is
   its country where it acts as one ("Beijing said", "talks between Moscow and Beijing") and a place
   otherwise ("a summit in Beijing");
6. the trained model's named entities (ORG, FAC, PRODUCT, GPE, LOC, NORP, EVENT, LAW, PERSON,
   WORK_OF_ART), cleaned of its usual slips (spans across lines, "the Bay of" + "Bengal", common
   words capitalised at a sentence start, names seen only in headings).

Finally an id that some rule typed (project, facility, weapon) gives that type to its other mentions
in the document, and a bare acronym whose expansion names another mention in the document
("EU" beside "the European Union") takes that mention's id.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import pycountry
import yaml
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: reading stored claims needs no spaCy
    from spacy.tokens import Doc, Span, Token

from factlint.models import EntityMention
from factlint.nlp.countries import (
    CountryForm,
    combining_form_country,
    country_lexicon,
    first_word,
    lookup_country,
)

# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class EntityVocabulary:
    project_heads: frozenset[str]
    place_heads: frozenset[str]
    place_of_nouns: frozenset[str]
    org_heads: frozenset[str]
    designation_stopwords: frozenset[str]
    facility_heads: frozenset[str]
    numbered_designators: dict[str, str]
    lowercase_designators: frozenset[str]
    military_heads: frozenset[str]
    platform_heads: frozenset[str]
    government_heads: frozenset[str]
    place_verbs: frozenset[str]
    country_prepositions: frozenset[str]
    direction_prepositions: frozenset[str]
    travel_nouns: frozenset[str]
    non_entity_acronyms: frozenset[str]

    def head_type(self, lemma: str) -> str | None:
        """The type a head noun gives: "pipeline" -> "project", "terminal" -> "facility", else None."""
        lemma = lemma.lower()
        if lemma in self.project_heads:
            return "project"
        if lemma in self.facility_heads:
            return "facility"
        return None


@lru_cache(maxsize=1)
def entity_vocabulary() -> EntityVocabulary:
    path = resources.files("factlint.nlp").joinpath("patterns/entities.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = lambda key: frozenset(str(word).lower() for word in data[key])  # noqa: E731
    return EntityVocabulary(
        project_heads=words("project_heads"),
        place_heads=words("place_heads"),
        place_of_nouns=words("place_of_nouns"),
        org_heads=words("org_heads"),
        designation_stopwords=words("designation_stopwords"),
        facility_heads=words("facility_heads"),
        numbered_designators={str(k).lower(): v for k, v in data["numbered_designators"].items()},
        lowercase_designators=words("lowercase_designators"),
        military_heads=words("military_heads"),
        platform_heads=words("platform_heads"),
        government_heads=words("government_heads"),
        place_verbs=words("place_verbs"),
        country_prepositions=words("country_prepositions"),
        direction_prepositions=words("direction_prepositions"),
        travel_nouns=words("travel_nouns"),
        non_entity_acronyms=frozenset(str(word) for word in data["non_entity_acronyms"]),
    )


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes ("RUB", "USD"): amounts' units, never organisations."""
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


# ---------------------------------------------------------------- ids


def slugify(name: str) -> str:
    """An entity id from its name: lower-case, ascii-folded, hyphen-separated, leading "the" and a
    possessive dropped; numbers and roman numerals kept ("Kestrel Line 2" -> "kestrel-line-2")."""
    name = re.sub(r"['\u2019]s$", "", name.strip())
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = folded.replace("&", " and ").lower()
    folded = re.sub(r"^the\s+", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _name_words(name: str) -> list[str]:
    """Words of a name, hyphenated parts counted separately ("Asia-Pacific" -> Asia, Pacific)."""
    return [word for word in re.split(r"[\s\-\u2010-\u2014/]+", name.strip()) if word]


def acronym_of(long_name: str) -> str:
    """The acronym a long name would usually get: the initials of its capitalised words.

    "European Investment Bank" -> "EIB"; "European Bank for Reconstruction and Development" ->
    "EBRD"; a leading "The" is ignored. Lets a bare acronym be linked to its long form.
    """
    words = _name_words(long_name)
    if words and words[0].lower() == "the":
        words = words[1:]
    return "".join(word[0] for word in words if word[:1].isupper())


def _all_initials(long_name: str) -> str:
    """Initials of every word but "the"/"and": "Department of Energy" -> "DOE"."""
    words = [w for w in _name_words(long_name) if w.lower() not in {"the", "and", "&"}]
    return "".join(word[0] for word in words).upper()


def _acronym_matches(acronym: str, long_name: str) -> bool:
    """Whether ``acronym`` abbreviates ``long_name``: its initials ("EBRD"), the initials of every
    word ("DOE" for "Department of Energy"), or letters taken in order from each capitalised word,
    the first being its initial ("ASEAN" for "Association of Southeast Asian Nations")."""
    letters = acronym.replace(".", "").upper()
    if len(letters) < 2:
        return False
    if letters in {acronym_of(long_name).upper(), _all_initials(long_name)}:
        return True
    words = [w.upper() for w in _name_words(long_name) if w[:1].isupper() and w.lower() != "the"]
    return _spelled_by_prefixes(letters, words)


def _spelled_by_prefixes(letters: str, words: list[str]) -> bool:
    """Each word, in order, gives its first letter and optionally more of its letters in order
    (Schwartz & Hearst style: "Southeast" can give "SE"); together they spell ``letters``."""
    if not words:
        return not letters
    if not letters or letters[0] != words[0][0]:
        return False
    word = words[0]
    for size in range(1, len(letters) + 1):
        if not _is_subsequence(letters[1:size], word[1:]):
            break
        if _spelled_by_prefixes(letters[size:], words[1:]):
            return True
    return False


def _is_subsequence(needle: str, haystack: str) -> bool:
    remaining = iter(haystack)
    return all(char in remaining for char in needle)


# ---------------------------------------------------------------- candidates

# Where candidates overlap the higher priority wins, then the longer span.
PAIR, ACRONYM, DESIGNATION, NAMED, NER_AROUND_COUNTRY, COUNTRY, NER = 90, 80, 70, 60, 55, 50, 40


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    id: str
    type: str
    label: str | None
    priority: int
    by_rule: bool = False
    """Typed by a rule of ours (head noun, designation) rather than by the model's label."""


LABEL_TYPES = {
    "ORG": "org",
    "FAC": "facility",
    "PRODUCT": "other",
    "GPE": "place",
    "LOC": "place",
    "NORP": "other",
    "EVENT": "other",
    "LAW": "other",
    "WORK_OF_ART": "other",
    "PERSON": "person",
}


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    label: str


# ---------------------------------------------------------------- span trimming

_LEADING_JUNK = re.compile(r"^(?:[\"\u201c\u2018'(\[\s]|(?:the|The|THE)\s+)+")
_TRAILING_JUNK = re.compile(r"(?:['\u2019]s|[\"\u201d\u2019)\],:;!?]|\s)+$")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", quotes and brackets, a trailing possessive and punctuation."""
    piece = text[start:end]
    if "(" in piece and ")" not in piece[piece.index("(") :]:
        end = start + piece.index("(")
        piece = text[start:end]
    lead = _LEADING_JUNK.match(piece)
    if lead:
        start += lead.end()
    piece = text[start:end]
    trail = _TRAILING_JUNK.search(piece)
    if trail:
        end = start + trail.start()
    return start, max(start, end)


# ---------------------------------------------------------------- document layout


def _line_bounds(text: str) -> list[tuple[int, int]]:
    bounds, offset = [], 0
    for line in text.split("\n"):
        bounds.append((offset, offset + len(line)))
        offset += len(line) + 1
    return bounds


HEADLINE_LOWER_WORDS = frozenset(
    "a an the and or but nor of in on at to for with from by as into over under via per up off than "
    "vs its their is are".split()
)


PROSE_ENDINGS = ".!?;:\"\u201d'\u2019)"
"""The last characters of a line of prose; a heading or headline ends without one."""


def ends_as_prose(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and stripped[-1] in PROSE_ENDINGS


def _is_heading(line: str) -> bool:
    """A short title-case line without final punctuation ("Trade and Investment", "Chile and
    China Strengthen Partnership with Historic Meeting")."""
    stripped = line.strip()
    if not stripped or ends_as_prose(stripped):
        return False
    words = stripped.split()
    return len(words) <= 14 and all(
        word[0].isupper() or not word[0].isalpha() or word in HEADLINE_LOWER_WORDS for word in words
    )


def _heading_ranges(text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end in _line_bounds(text) if _is_heading(text[start:end])]


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of ``ranges`` (sorted, disjoint: lines)? A bisect, not a scan."""
    k = bisect.bisect_right(ranges, (start, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= start and end <= ranges[k][1]


# ---------------------------------------------------------------- NER cleaning

KEPT_LABELS = frozenset(LABEL_TYPES)
_SMALL_NUMERAL = re.compile(r"^(?:\d{1,2}|[IVX]{1,5})$")


def _clean_ner_spans(
    doc: Doc, text: str, headings: list[tuple[int, int]], vocab: EntityVocabulary
) -> list[NerSpan]:
    spans: list[NerSpan] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or "\n" in ent.text:
            continue
        start, end = trim_span(text, ent.start_char, ent.end_char)
        label = ent.label_
        head = _trailing_common_noun(text, start, end)
        if head is not None:
            # "the Indo-Pacific region": the name stops before its lower-case head noun, which
            # may say what kind of thing it is.
            end = head.start()
            head_type = vocab.head_type(head.group(1)) or (
                "place" if head.group(1).lower() in vocab.place_heads else None
            )
            label = {"project": label, "facility": "FAC", "place": "LOC"}.get(head_type or "", label)
        if end <= start or not any(char.isupper() for char in text[start:end]):
            continue  # "fine china": names are capitalised
        if _is_line_kicker(text, start, end):
            continue  # "Explainer: the trade deal", "Analysis: ..."
        if (
            label in {"PERSON", "PRODUCT", "WORK_OF_ART", "NORP"}
            and _last_word(text, start, end) in vocab.org_heads
        ):
            label = "ORG"  # "Helix Biologics", "Calder Air", "Castellan FC"
        if label == "ORG" and _ENDS_IN_MODEL_CODE.search(text[start:end]):
            label = "PRODUCT"  # "Embraer T400-X2": a maker and a model code name a product
        if label not in {"GPE", "LOC"} and _follows_place_of(text, start, vocab):
            label = "GPE"  # "the port of Rotterdam" names a place, whatever the model thought
        end = _extend_numeral(doc, ent, end)
        spans.extend(_split_at_possessive(text, NerSpan(start, end, label)))
    spans = _extend_place_of_name(text, _merge_dangling_of(text, spans), vocab)
    lower_case_words = set(re.findall(r"(?<![\w\-])[a-z]+(?![\w\-])", text))
    body_text = "".join(text[lo:hi] if not _inside(headings, lo, hi) else "" for lo, hi in _line_bounds(text))
    kept = []
    for span in spans:
        surface = text[span.start : span.end]
        if surface in vocab.non_entity_acronyms or surface in currency_codes():
            continue
        if _is_capitalised_common_word(surface, lower_case_words) or _is_sentence_initial_common_noun(
            doc, span
        ):
            continue
        if (
            headings
            and span.label in {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC"}
            and _inside(headings, span.start, span.end)
            and surface not in body_text
        ):
            continue
        kept.append(span)
    return kept


_PLACE_OF = re.compile(r"\b([A-Za-z]+) of (?:the )?$")
_ENDS_IN_MODEL_CODE = re.compile(r"\s(?=[\w\-]*\d)(?=[\w\-]*[A-Za-z])[\w\-]+$")
"""A name of two words or more whose last word mixes letters and digits ("Embraer T400-X2")."""
_INNER_POSSESSIVE = re.compile(r"['\u2019]s\s+")


def _split_at_possessive(text: str, span: NerSpan) -> list[NerSpan]:
    """Split a name at an inner possessive: "Toyota’s Production System" is two names: the owner
    and the thing owned."""
    inner = _INNER_POSSESSIVE.search(text, span.start, span.end)
    if inner is None or inner.end() >= span.end:
        return [span]
    parts = [NerSpan(span.start, inner.start(), span.label), NerSpan(inner.end(), span.end, span.label)]
    # the model may open a name at the possessive itself ("’s Belt"): no owner, no empty name
    return [part for part in parts if text[part.start : part.end].strip()]


def _last_word(text: str, start: int, end: int) -> str:
    words = text[start:end].split()
    return words[-1].lower().rstrip(".") if words else ""


def _is_line_kicker(text: str, start: int, end: int) -> bool:
    """A single word opening a line and followed by a colon labels the line, it names nothing."""
    opens_line = start == 0 or text[start - 1] == "\n"
    return opens_line and text[end : end + 1] == ":" and " " not in text[start:end]


def _follows_place_of(text: str, start: int, vocab: EntityVocabulary) -> bool:
    """Whether a name comes right after "the port of", "the city of"..."""
    before = _PLACE_OF.search(text[max(0, start - 40) : start])
    return before is not None and before.group(1).lower() in vocab.place_of_nouns


_TRAILING_LOWER_WORD = re.compile(r"\s+([a-z][a-z\-]*)$")


def _trailing_common_noun(text: str, start: int, end: int) -> re.Match[str] | None:
    """The lower-case word a model's entity ends in, if any ("Asia-Pacific region")."""
    return _TRAILING_LOWER_WORD.search(text, start, end) if end > start else None


def _extend_numeral(doc: Doc, ent: Span, end: int) -> int:
    """Take in a numeral the model left out of a name: "the Kestrel Line" + "2" (but not "2"
    starting an amount: "... 2 billion")."""
    if ent.label_ in {"GPE", "NORP", "LOC", "PERSON"} or ent.end >= len(doc):
        return end
    numeral = doc[ent.end]
    if numeral.idx != end + 1 or not _SMALL_NUMERAL.match(numeral.text):
        return end
    after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    if after is not None and (after.like_num or not (after.is_punct or after.pos_ in _AFTER_NAME_POS)):
        return end
    return numeral.idx + len(numeral.text)


_AFTER_NAME_POS = frozenset({"VERB", "AUX", "ADP", "CCONJ", "NOUN", "PROPN"})


def _merge_dangling_of(text: str, spans: list[NerSpan]) -> list[NerSpan]:
    """The model splits "the Bay of Bengal" into "the Bay of" and "Bengal": join them; a name
    left ending in "of" loses that word."""
    merged: list[NerSpan] = []
    for span in spans:
        if merged:
            previous = merged[-1]
            if (
                _DANGLING_OF.search(text[previous.start : previous.end])
                and text[previous.end : span.start] == " "
            ):
                merged[-1] = NerSpan(previous.start, span.end, previous.label)
                continue
        merged.append(span)
    cleaned = []
    for span in merged:
        tail = _DANGLING_OF.search(text[span.start : span.end])
        if tail:
            span = NerSpan(span.start, span.start + tail.start(), span.label)
        cleaned.append(span)
    return cleaned


_OF_NAME = re.compile(r" of (?:the )?[A-Z][\w\-]*(?: [A-Z][\w\-]*)*")


def _extend_place_of_name(text: str, spans: list[NerSpan], vocab: EntityVocabulary) -> list[NerSpan]:
    """Join "Bay" + "of Bengal", "Gulf" + "of Mexico": a place head followed by "of" and a name is one
    name, however the model cut it."""
    extended: list[NerSpan] = []
    for span in spans:
        if extended and span.start < extended[-1].end:
            continue  # swallowed by the previous extension
        last_word = _last_word(text, span.start, span.end)
        tail = _OF_NAME.match(text, span.end) if last_word in vocab.place_heads else None
        if tail is not None:
            span = NerSpan(span.start, tail.end(), "LOC")
        extended.append(span)
    return extended


_DANGLING_OF = re.compile(r"\s+(?:of|of the|de|du)$")


def _is_sentence_initial_common_noun(doc: Doc, span: NerSpan) -> bool:
    """Whether a name is a common noun opening a sentence ("Analysts expect ..."): a lone word the tagger
    reads as a common noun, capitalised only because it opens the sentence."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) != 1:
        return False
    token = tokens[0]
    opens_sentence = token.is_sent_start or token.i == 0 or token.nbor(-1).is_space
    return opens_sentence and token.tag_ in {"NN", "NNS"} and not token.text.isupper()


def _is_capitalised_common_word(surface: str, lower_case_words: set[str]) -> bool:
    """A single capitalised word that the same document also writes in lower case ("Pipeline" in a
    heading, "Analysts" at a sentence start) is a common word, not a name."""
    if " " in surface or not surface[:1].isupper() or surface.isupper() or not surface.isalpha():
        return False
    return surface.lower() in lower_case_words


# ---------------------------------------------------------------- countries


@dataclass(frozen=True)
class CountryMatch:
    start: int
    end: int
    form: CountryForm
    token: Token
    """The last token of the match, whose syntax tells whether a capital acts as its country."""


def _country_matches(doc: Doc, text: str) -> list[CountryMatch]:
    """Longest exact matches of country forms over tokens, left to right."""
    lexicon = country_lexicon()
    n_tokens = len(doc)
    window = min(2 * lexicon.max_tokens, 12)
    matches: list[CountryMatch] = []
    i = 0
    while i < n_tokens:
        first = doc[i]
        if not first.text[:1].isupper() or first_word(first.text) not in lexicon.first_words:
            i += 1
            continue
        found = None
        for j in range(min(n_tokens, i + window), i, -1):
            last = doc[j - 1]
            surface = text[first.idx : last.idx + len(last.text)]
            if "\n" in surface:
                continue
            form = lookup_country(surface)
            if form is not None:
                found = CountryMatch(first.idx, last.idx + len(last.text), form, last)
                i = j
                break
        if found is None:
            i += 1
        else:
            matches.append(found)
    return matches


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def capital_acts_as_country(token: Token, vocab: EntityVocabulary) -> bool:
    """Whether a capital stands for its government ("Beijing said", "Moscow's position", "talks
    between Paris and Madrid", "the Beijing government") rather than for the city ("in Beijing",
    "visited Beijing", "the Beijing metro")."""
    token = _first_conjunct(token)
    dep, head_lemma = token.dep_, token.head.lemma_.lower()
    if dep in {"nsubj", "nsubjpass", "poss", "agent", "csubj"}:
        return True
    if dep in {"compound", "amod", "nmod"}:
        return head_lemma in vocab.government_heads
    if dep == "pobj":
        if head_lemma in vocab.country_prepositions:
            return True
        if head_lemma in vocab.direction_prepositions:
            # "support to Moscow", "pressure from Washington" vs "a visit to Beijing", "flew to Paris"
            governor = token.head.head
            return governor.lemma_.lower() not in vocab.place_verbs | vocab.travel_nouns
        return False
    if dep in {"dobj", "dative"}:
        return head_lemma not in vocab.place_verbs
    return False


def _inside_longer_name(doc: Doc, match: CountryMatch) -> bool:
    """Whether a capitalised proper noun touches the match across one space ("Real Madrid",
    "Madrid Barajas"): then the capital's name is part of another name."""
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None:
        return False
    neighbours = []
    if span.start > 0 and doc[span.start - 1].whitespace_ == " ":
        neighbours.append(doc[span.start - 1])
    if span.end < len(doc) and span[-1].whitespace_ == " ":
        neighbours.append(doc[span.end])
    return any(
        token.pos_ == "PROPN" and token.text[:1].isupper() and lookup_country(token.text) is None
        for token in neighbours
    )


def _label_around(spans: list[NerSpan]):
    """``label_around(start, end)``: the label of the first of ``spans`` that contains the range, or
    None; by bisection when the spans are disjoint and in order (as ``_clean_ner_spans`` leaves
    them), so that a long document costs no scan of every span per match."""
    starts = [s.start for s in spans]
    disjoint = all(a.end <= b.start for a, b in zip(spans, spans[1:]))

    def label_around(start: int, end: int) -> str | None:
        if not disjoint:
            return next((s.label for s in spans if s.start <= start and end <= s.end), None)
        k = bisect.bisect_right(starts, start) - 1
        return spans[k].label if k >= 0 and end <= spans[k].end else None

    return label_around


def _country_candidates(
    doc: Doc, text: str, ner_spans: list[NerSpan], vocab: EntityVocabulary
) -> list[Candidate]:
    candidates = []
    label_around = _label_around(ner_spans)
    for match in _country_matches(doc, text):
        label = label_around(match.start, match.end)
        surface = text[match.start : match.end]
        if match.form.kind == "capital" and _inside_longer_name(doc, match):
            continue  # "Real Madrid", "Madrid Barajas": a capital's name used inside another name
        if match.form.kind == "capital" and not capital_acts_as_country(match.token, vocab):
            candidates.append(
                Candidate(match.start, match.end, slugify(surface), "place", label or "GPE", COUNTRY)
            )
        else:
            candidates.append(Candidate(match.start, match.end, match.form.alpha3, "country", label, COUNTRY))
    return candidates


_HYPHEN_CHAIN = re.compile(
    r"(?<![\w\-\u2013\u2014])[A-Z][\w.]*(?:[-\u2013\u2014][A-Z][\w.]*)+(?![\w\-\u2013\u2014])"
)
_DASHES = re.compile(r"[-\u2013\u2014]")


def _pair_candidates(text: str) -> list[Candidate]:
    """Countries in hyphenated pairs ("China-Poland", "Russia–China", "Sino-Russian"): one country mention
    per part. A chain counts only when every part is a country form (a combining form only before a
    dash), and not when the whole chain is itself one country form ("Guinea-Bissau", "Timor-Leste"). The
    first and last parts may take in the words around the chain ("South Sudan-Ethiopia", "China-United
    States")."""
    candidates = []
    for chain in _HYPHEN_CHAIN.finditer(text):
        if lookup_country(chain.group()) is not None:
            continue
        pieces = _DASHES.split(chain.group())
        parts, offset = [], chain.start()
        for index, piece in enumerate(pieces):
            start, end = offset, offset + len(piece)
            offset = end + 1
            if index == 0:
                start = _widen_left(text, start, end)
            if index == len(pieces) - 1:
                end = _widen_right(text, start, end)
            alpha3 = _part_country(text[start:end], last=index == len(pieces) - 1)
            if alpha3 is None:
                break
            if text[start:end].endswith(".") and lookup_country(text[start:end]) is None:
                end -= 1  # a sentence full stop after the last part
            parts.append(Candidate(start, end, alpha3, "country", None, PAIR, by_rule=True))
        else:
            candidates.extend(parts)
    return candidates


def _part_country(part: str, *, last: bool) -> str | None:
    form = lookup_country(part) or (lookup_country(part[:-1]) if last and part.endswith(".") else None)
    if form is not None:
        return form.alpha3
    return None if last else combining_form_country(part)


_WORDS_BEFORE = re.compile(r"(?:[A-Z][\w.]*\s){1,3}$")
_WORDS_AFTER = re.compile(r"(?:\s[A-Z][\w]*){1,3}")


def _widen_left(text: str, start: int, end: int) -> int:
    """Start of the longest country name ending with the first part ("South " + "Sudan")."""
    before = _WORDS_BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return start
    words = before.group().split()
    for k in range(len(words)):
        prefix = " ".join(words[k:]) + " "
        if lookup_country(prefix + text[start:end]) is not None:
            return start - len(prefix)
    return start


def _widen_right(text: str, start: int, end: int) -> int:
    """End of the longest country name starting with the last part ("United" + " States")."""
    after = _WORDS_AFTER.match(text, end)
    if after is None:
        return end
    words = after.group().split()
    for k in range(len(words), 0, -1):
        suffix = " " + " ".join(words[:k])
        if lookup_country(text[start:end] + suffix) is not None:
            return end + len(suffix)
    return end


# ---------------------------------------------------------------- designations (weapons and models)

_HYPHEN_DESIGNATION = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]{0,11})-\d{1,4}[A-Z]{0,3}\d{0,2}(?![\w\-])")
_YEAR_SUFFIX = re.compile(r"-(?:19|20)\d\d$")
_MAKER_MODEL = re.compile(
    r"(?<![\w\-])([A-Z][a-z]+) ([A-Z]?\d{3}(?:-\d{1,4})?(?:[A-Z]{1,3}|[a-z]{2,4})?)(?![\w\-])"
)
_NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "X"})


def _weapon_context(doc: Doc, start: int, end: int, vocab: EntityVocabulary) -> str | None:
    """Return "military" or "platform" when a head noun near the designation says what it is."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words: list[Token] = []
    for token in doc[span.end : span.end + 4]:  # the rest of its noun phrase: "S-400 air-defence systems"
        if token.is_sent_start or token.pos_ not in _NOUN_PHRASE_POS:
            break
        words.append(token)
    ancestor = span.root
    for _ in range(3):  # the nouns it hangs from: "bombers such as the Tu-160"
        if ancestor.head.i == ancestor.i or ancestor.head.pos_ in {"VERB", "AUX"}:
            break
        ancestor = ancestor.head
        if ancestor.pos_ in {"NOUN", "PROPN"}:
            words.append(ancestor)
    names = {token.lemma_.lower() for token in words} | {token.lower_ for token in words}
    joined = "".join(token.text_with_ws for token in words).lower()
    if names & vocab.military_heads or any(head in joined for head in vocab.military_heads if "-" in head):
        return "military"
    if names & vocab.platform_heads:
        return "platform"
    return None


def _designation_candidates(
    doc: Doc, text: str, ner_spans: list[NerSpan], vocab: EntityVocabulary
) -> list[Candidate]:
    """Model designations: "S-400", "Tu-95MS" (hyphenated: a weapon before any weapon or platform noun);
    "Boeing 737", "Airbus A350" (a maker the model knows and a model number: a weapon only before a
    military noun)."""
    candidates = []
    for match in _HYPHEN_DESIGNATION.finditer(text):
        if lookup_country(match.group()) is not None or match.group(1).lower() in vocab.designation_stopwords:
            continue
        if _YEAR_SUFFIX.search(match.group()):
            continue  # "Ocean-2019" names an exercise of that year, not a model
        kind = "weapon" if _weapon_context(doc, match.start(), match.end(), vocab) else "other"
        candidates.append(_designation(match, kind))
    for match in _MAKER_MODEL.finditer(text):
        maker_start, maker_end = match.span(1)
        maker_known = any(
            (s.start <= maker_start and maker_end <= s.end and s.label in {"ORG", "PRODUCT"})
            or (s.start <= match.start(2) < s.end and s.label == "PRODUCT")
            for s in ner_spans
        )
        if maker_known:
            military = _weapon_context(doc, match.start(), match.end(), vocab) == "military"
            candidates.append(_designation(match, "weapon" if military else "other"))
    return candidates


def _designation(match: re.Match[str], kind: str) -> Candidate:
    return Candidate(
        match.start(),
        match.end(),
        slugify(match.group()),
        kind,
        "PRODUCT",
        DESIGNATION,
        by_rule=kind == "weapon",
    )


# ---------------------------------------------------------------- named projects and facilities

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def roman_numeral(value: int) -> str:
    numerals = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    out = []
    for size, numeral in numerals:
        while value >= size:
            out.append(numeral)
            value -= size
    return "".join(out)


def designator_id(word: str, number: str) -> str:
    """Id of a numbered part: "Phase", "II" / "2" / "two" -> "phase-ii": the numbered part of a project,
    its number in roman numerals whichever way it was written, so that "Phase 2" and "Phase II" are one
    thing."""
    number = number.lower()
    suffix = ""
    digits = re.match(r"^(\d+)([a-z]?)$", number)
    if digits:
        numeral, suffix = roman_numeral(int(digits.group(1))), digits.group(2)
    elif number in NUMBER_WORDS:
        numeral = roman_numeral(NUMBER_WORDS[number])
    else:
        numeral = number
    return slugify(f"{word} {numeral} {suffix}")


def _designator_pattern(vocab: EntityVocabulary) -> re.Pattern[str]:
    words = "|".join(sorted(vocab.numbered_designators))
    numbers = "|".join(NUMBER_WORDS)
    return re.compile(
        rf"(?<![\w\-])((?i:{words}))\s+(\d{{1,3}}[A-Za-z]?|[IVX]{{1,6}}|(?i:{numbers}))(?![\w\-])"
    )


def _numbered_designator_candidates(text: str, vocab: EntityVocabulary) -> list[Candidate]:
    candidates = []
    for match in _designator_pattern(vocab).finditer(text):
        word, number = match.group(1), match.group(2)
        if not word[0].isupper() and word.lower() not in vocab.lowercase_designators:
            continue
        if word.isupper() and len(word) > 1:
            continue
        kind = vocab.numbered_designators[word.lower()]
        candidates.append(
            Candidate(
                match.start(), match.end(), designator_id(word, number), kind, None, NAMED, by_rule=True
            )
        )
    for match in _ORDINAL_DESIGNATOR.finditer(text):
        # "the second phase" is Phase II, however the next article writes it
        word = match.group(2)
        if word.lower() in vocab.lowercase_designators:
            number = str(ORDINAL_WORDS[match.group(1).lower()])
            kind = vocab.numbered_designators[word.lower()]
            entity_id = designator_id(word, number)
            candidates.append(
                Candidate(match.start(), match.end(), entity_id, kind, None, NAMED, by_rule=True)
            )
    return candidates


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL_DESIGNATOR = re.compile(rf"(?<![\w\-])((?i:{'|'.join(ORDINAL_WORDS)}))\s+([A-Za-z]+)(?![\w\-])")


_NAME_CONNECTORS = frozenset({"of", "de", "del", "du", "la", "le", "da", "and", "for", "the", "-", "\u2013"})


def _is_name_token(token: Token, ner_tokens: set[int], vocab: EntityVocabulary) -> bool:
    if not token.text[:1].isupper() or token.text in vocab.non_entity_acronyms:
        return False
    return token.pos_ == "PROPN" or token.i in ner_tokens or (token.text.isupper() and len(token.text) >= 2)


def _name_runs(doc: Doc, ner_tokens: set[int], vocab: EntityVocabulary) -> Iterator[tuple[int, int]]:
    """Token ranges of proper names: capitalised words joined by "of", "de", hyphens..., with a
    trailing small numeral ("Kestrel Line 2")."""
    i, n_tokens = 0, len(doc)
    while i < n_tokens:
        if not _is_name_token(doc[i], ner_tokens, vocab) or "\n" in doc[i].text:
            i += 1
            continue
        j = i + 1
        last_name = i
        while j < n_tokens:
            token = doc[j]
            if "\n" in doc[j - 1].whitespace_ + token.text:
                break
            if _is_name_token(token, ner_tokens, vocab):
                last_name = j
            elif (
                token.lower_ in _NAME_CONNECTORS
                and j + 1 < n_tokens
                and _is_name_token(doc[j + 1], ner_tokens, vocab)
            ):
                pass
            else:
                break
            j += 1
        end = last_name + 1
        if (
            end < n_tokens
            and _SMALL_NUMERAL.match(doc[end].text)
            and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text) + 1
        ):
            end += 1
        yield i, end
        i = end


def _strip_leading_modifiers(doc: Doc, start: int, end: int) -> int:
    """Drop "the", demonyms and other group adjectives ("a European project", "the Alpine grid"):
    they describe the thing, they do not name it."""
    while start < end and (
        doc[start].lower_ == "the"
        or _is_demonym(doc[start].text)
        or doc[start].ent_type_ == "NORP"
        or doc[start].pos_ == "ADJ"
    ):
        start += 1
    return start


def _is_demonym(word: str) -> bool:
    form = lookup_country(word)
    return form is not None and form.kind == "demonym"


def _external_head_type(doc: Doc, j: int, vocab: EntityVocabulary) -> str | None:
    """The type given by a lower-case head noun after a name, over up to two modifiers:
    "... pipeline", "... gas pipeline", "... LNG terminal", "... natural gas pipeline"."""
    for k in range(j, min(j + 3, len(doc))):
        token = doc[k]
        if token.text.islower() and token.tag_ in {"NN", "NNP"}:
            kind = vocab.head_type(token.lemma_)
            if kind is not None:
                return kind
        is_modifier = token.dep_ in {"compound", "amod", "nmod"} and (
            token.text.islower() or token.text in vocab.non_entity_acronyms
        )
        if not is_modifier:
            return None
    return None


def _named_candidates(
    doc: Doc, text: str, ner_spans: list[NerSpan], vocab: EntityVocabulary
) -> list[Candidate]:
    """Names whose head noun says what they are: "the Kestrel 2 pipeline" (project, the
    lower-case head outside the span), "the Marmara Gas Link" (project, the head inside the name).
    A numbered name without a head ("Dogger Bank 3") is of the kind of its typed sibling
    ("the Dogger Bank 4 wind farm")."""
    ner_tokens = {
        token.i
        for span in ner_spans
        for token in (doc.char_span(span.start, span.end, alignment_mode="expand") or [])
    }
    candidates, numbered_without_head = [], []
    for i, j in _name_runs(doc, ner_tokens, vocab):
        start = _strip_leading_modifiers(doc, i, j)
        if start >= j or all(
            lookup_country(t.text) or t.text in vocab.non_entity_acronyms or t.lower_ in _NAME_CONNECTORS
            for t in doc[start:j]
        ):
            continue
        if doc[start].is_sent_start and j - start == 1 and doc[start].pos_ != "PROPN":
            continue
        span_start, span_end = doc[start].idx, doc[j - 1].idx + len(doc[j - 1].text)
        entity_id = slugify(text[span_start:span_end])
        kind = _external_head_type(doc, j, vocab)
        last = doc[j - 1]
        if kind is None and j - start >= 2 and not _SMALL_NUMERAL.match(last.text):
            kind = vocab.head_type(last.lemma_) if last.text.lower() == last.lemma_.lower() else None
        if kind is not None:
            candidates.append(Candidate(span_start, span_end, entity_id, kind, None, NAMED, by_rule=True))
        elif j - start >= 2 and _SMALL_NUMERAL.match(last.text):
            numbered_without_head.append((span_start, span_end, entity_id))
    stem_kind = {_numbered_stem(c.id): c.type for c in candidates if _numbered_stem(c.id) != c.id}
    for span_start, span_end, entity_id in numbered_without_head:
        kind = stem_kind.get(_numbered_stem(entity_id))
        if kind is not None:
            candidates.append(Candidate(span_start, span_end, entity_id, kind, None, NAMED, by_rule=True))
    return candidates


# ---------------------------------------------------------------- acronyms

_ACRONYM_DEFINITION = re.compile(r"\s\(([A-Z][A-Za-z&.]{1,11})\)")


def _acronym_definitions(doc: Doc, text: str, known: list[Candidate]) -> list[tuple[Candidate, str]]:
    """Acronym definitions, "European Bank for Reconstruction and Development (EBRD)": the long form, as a
    candidate spanning it, with the acronym it defines."""
    definitions = []
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(1)
        if sum(1 for c in acronym if c.isupper()) < 2:
            continue
        long_end = match.start()
        long_start = _long_form_start(doc, text, long_end, acronym)
        if long_start is None:
            continue
        long_start, long_end = trim_span(text, long_start, long_end)
        typed = next(
            (c for c in known if c.start <= long_start and long_end <= c.end and c.type != "country"), None
        )
        entity_type = typed.type if typed is not None and typed.type not in {"place", "person"} else "org"
        long_form = Candidate(
            long_start,
            long_end,
            slugify(text[long_start:long_end]),
            entity_type,
            typed.label if typed else "ORG",
            ACRONYM,
            by_rule=typed is not None and typed.by_rule,
        )
        definitions.append((long_form, acronym))
    return definitions


def _long_form_start(doc: Doc, text: str, long_end: int, acronym: str) -> int | None:
    """The start of the shortest run of words before ``long_end`` whose initials give the acronym."""
    span = doc.char_span(0, long_end, alignment_mode="contract")
    if span is None:
        return None
    tokens = list(doc[max(0, span.end - 16) : span.end])
    for k in range(len(tokens) - 1, -1, -1):
        token = tokens[k]
        if "\n" in token.text_with_ws and k < len(tokens) - 1:
            break
        if not token.text[:1].isupper():
            continue
        start = token.idx
        if _acronym_matches(acronym, text[start:long_end]):
            return start
    return None


# ---------------------------------------------------------------- assembling


def _ner_candidates(
    doc: Doc, text: str, ner_spans: list[NerSpan], countries: list[Candidate]
) -> list[Candidate]:
    candidates = []
    by_start = sorted(range(len(countries)), key=lambda i: countries[i].start)
    starts = [countries[i].start for i in by_start]
    for span in ner_spans:
        surface = text[span.start : span.end]
        within = by_start[bisect.bisect_left(starts, span.start) : bisect.bisect_left(starts, span.end)]
        inner = [countries[i] for i in sorted(within) if countries[i].end <= span.end]
        if inner and _only_glue_outside(text, span, inner):
            continue  # "Spain and France" tagged as one GPE: the countries stand for themselves.
        entity_type = LABEL_TYPES[span.label]
        if entity_type == "person" and _described_as_group(doc, span):
            entity_type = "org"
        priority = NER_AROUND_COUNTRY if inner else NER
        candidates.append(
            Candidate(span.start, span.end, slugify(surface), entity_type, span.label, priority)
        )
    return candidates


def _described_as_group(doc: Doc, span: NerSpan) -> bool:
    """A name the model took for a person that the sentence treats as a body of people: an
    apposition calls it one ("Medora, the vaccine alliance", "its insurer, Pellow Arkin"), a relative
    "which" describes it ("Varden Hollis, which ran the rescue"), or the clause it is the subject of
    refers back to it as "its" and to no person ("Marrow Tessin filed a claim with its insurer"): an
    organisation."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None:
        return False
    root = tokens.root
    if any(child.dep_ == "appos" and _is_group_noun(child) for child in root.children):
        return True
    if root.dep_ == "appos" and _is_group_noun(root.head):
        return True
    relatives = [child for child in root.children if child.dep_ == "relcl"]
    if any(g.lower_ == "which" and g.dep_ in ("nsubj", "nsubjpass", "dobj")
           for relative in relatives for g in relative.children):
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
        # the verb's own phrases, not a clause it embeds (whose "its" may be another's)
        own = [t for c in root.head.children
               if c.dep_ not in ("ccomp", "advcl", "conj", "parataxis") and c.i != root.i
               for t in c.subtree]
        # the model's morphology: "its" is a neuter possessive, "his" and "her" a person's
        genders = {g for t in own if t.tag_ == "PRP$" for g in t.morph.get("Gender")}
        return "Neut" in genders and not genders & {"Masc", "Fem"}
    return False


def _is_group_noun(token: Token) -> bool:
    """A common noun naming a body of people: every sense a group ("alliance", "agency"), or its most
    frequent sense one ("processor", "insurer")."""
    from factlint.nlp.wordnet import names_a_group, noun_category

    return token.pos_ == "NOUN" and (names_a_group(token.lemma_) or noun_category(token.lemma_) == "noun.group")


def _only_glue_outside(text: str, span: NerSpan, inner: list[Candidate]) -> bool:
    rest = list(text[span.start : span.end])
    for candidate in inner:
        for k in range(candidate.start - span.start, candidate.end - span.start):
            rest[k] = " "
    return re.fullmatch(r"[\s,&/\-\u2013]*(?:(?:and|or|the)[\s,&/\-\u2013]*)*", "".join(rest)) is not None


def _select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: higher priority first, then longer, then earlier."""
    chosen: list[Candidate] = []
    starts: list[int] = []  # chosen spans sorted by start; they never overlap, so a bisect decides
    ends: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if candidate.end <= candidate.start:
            continue
        k = bisect.bisect_left(starts, candidate.start)
        if (k < len(starts) and starts[k] < candidate.end) or (k > 0 and ends[k - 1] > candidate.start):
            continue
        starts.insert(k, candidate.start)
        ends.insert(k, candidate.end)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _acronym_candidates(doc: Doc, text: str, definitions: list[tuple[Candidate, str]]) -> list[Candidate]:
    """Every use of a defined acronym, with its long form's id: the one in brackets and later ones."""
    candidates = []
    # one pass over the text for all acronyms (not one per definition); each use takes the long
    # form that would win the selection anyway: the highest priority, the first on a tie
    by_acronym: dict[str, Candidate] = {}
    for long_form, acronym in definitions:
        candidates.append(long_form)
        best = by_acronym.get(acronym)
        if best is None or long_form.priority > best.priority:
            by_acronym[acronym] = long_form
    if not by_acronym:
        return candidates
    alternation = "|".join(re.escape(a) for a in sorted(by_acronym, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w\-])(?:{alternation})(?![\w\-])", text):
        candidates.append(replace(by_acronym[match.group(0)], start=match.start(), end=match.end()))
    return candidates


def _link_implicit_acronyms(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A bare acronym ("EU") takes the id of a long form in the same document whose initials it is
    ("the European Union")."""
    long_forms: dict[str, Candidate] = {}
    for candidate in chosen:
        surface = text[candidate.start : candidate.end]
        if candidate.type not in {"country", "person", "place"} and " " in surface:
            long_forms.setdefault(acronym_of(surface), candidate)
    linked = []
    for candidate in chosen:
        surface = text[candidate.start : candidate.end]
        target = long_forms.get(surface) if surface.isupper() and 2 <= len(surface) <= 8 else None
        if target is not None and candidate.type != "country":
            candidate = replace(candidate, id=target.id, type=target.type)
        linked.append(candidate)
    return linked


RULE_TYPES = ("weapon", "project", "facility")


_NUMBER_SUFFIX = re.compile(r"-(?:\d+[a-z]?|[ivx]+)$")


def _numbered_stem(entity_id: str) -> str:
    """Id without its number: "hornsea-3" -> "hornsea", "phase-ii" -> "phase"; other ids unchanged."""
    return _NUMBER_SUFFIX.sub("", entity_id)


def _unify_types(chosen: list[Candidate]) -> list[Candidate]:
    """One id, one type per document. A type that a rule gave (a head noun, a weapon context) wins
    wherever the model alone labelled the id; otherwise the model's most frequent type for that id
    wins ("Hornsea" once ORG, twice FAC)."""
    rule_type: dict[str, str] = {}
    model_types: dict[str, Counter[str]] = {}
    for candidate in chosen:
        if candidate.type == "country":
            continue
        if candidate.by_rule and candidate.type in RULE_TYPES:
            rule_type.setdefault(candidate.id, candidate.type)
        elif not candidate.by_rule:
            model_types.setdefault(candidate.id, Counter())[candidate.type] += 1
    stem_type = {_numbered_stem(id_): type_ for id_, type_ in rule_type.items()}
    unified = []
    for candidate in chosen:
        if candidate.type != "country" and not candidate.by_rule:
            if candidate.id in rule_type:
                candidate = replace(candidate, type=rule_type[candidate.id])
            elif _numbered_stem(candidate.id) in stem_type and _numbered_stem(candidate.id) != candidate.id:
                # "Hornsea 2" is the same kind of thing as "the Hornsea 3 wind farm"
                candidate = replace(candidate, type=stem_type[_numbered_stem(candidate.id)])
            else:
                candidate = replace(candidate, type=model_types[candidate.id].most_common(1)[0][0])
        unified.append(candidate)
    return unified


def extract_entities(doc: Doc) -> list[EntityMention]:
    """The named things in ``doc``, canonicalised; see the module docstring for the passes."""
    vocab = entity_vocabulary()
    text = doc.text  # spaCy rebuilds it on every access: read once, pass down
    headings = _heading_ranges(text) if "\n" in text.strip() or _is_heading(text) else []
    ner_spans = _clean_ner_spans(doc, text, headings, vocab)
    countries = _country_candidates(doc, text, ner_spans, vocab)
    rules = _pair_candidates(text) + _designation_candidates(doc, text, ner_spans, vocab)
    rules += _numbered_designator_candidates(text, vocab) + _named_candidates(doc, text, ner_spans, vocab)
    ner = _ner_candidates(doc, text, ner_spans, countries)
    definitions = _acronym_definitions(doc, text, rules + ner)
    candidates = rules + countries + ner + _acronym_candidates(doc, text, definitions)
    chosen = _unify_types(_link_implicit_acronyms(text, _select(candidates)))
    return [
        EntityMention(
            text=text[c.start : c.end], start=c.start, end=c.end, id=c.id, type=c.type, label=c.label
        )
        for c in chosen
        if c.id
    ]
