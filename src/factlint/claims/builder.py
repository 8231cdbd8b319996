"""Claims from an analysed document: each figure and each dated event with what it is about.

``build_claims`` is a pure function of (document, analysed Doc): the same text, date and extractor
give the same claims, which is what lets the store skip unchanged documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from factlint.claims.frame import is_partitive_whole, noun_of_number, pronoun_antecedent, read_frame
from factlint.claims.lexicon import EventClass, lexicon
from factlint.claims.reading import (
    VAGUE_NOUNS,
    antecedent,
    clause_tokens,
    clause_verb,
    climb,
    content_lemmas,
    SpanIndex,
    entities_within,
    near,
    modality_of,
    period_of,
    phrase_tokens,
    possessor,
    span_root,
    subject_of,
    gapped_object,
    verb_modality,
    tokens_in,
)
from factlint.models import BOUND_OF_A_CLASS, COUNTED_THINGS, PARTITIVE_WHOLE, PAST_THING, RATE, WINDOW, Claim, ClaimEntity, DateRef, Document, EntityMention, Quantity
from factlint.nlp.numbers import cardinal_words, number_words
from factlint.nlp.dates import NAME_LABELS, ordinal_word_value
from factlint.nlp.entities import ends_as_prose
from factlint.nlp.quantities import rate_period
from factlint.nlp.wordnet import action_verb, noun_category, phrasal_verb

NAMED_TYPES = ("org", "project", "facility", "weapon", "other")
_HAVE_VERBS = frozenset({"have", "own", "operate", "boast", "hold"})
_SUPPORT_VERBS = frozenset({"win", "receive", "obtain", "get", "gain", "secure", "earn", "grant", "give", "complete"})
_GOODS_METRICS = frozenset({"flow", "trade", "export", "import", "production"})
_SAME_PERIOD = re.compile(r"\b(?:(?:in|during|over|for) (?:the same|that) (?:year|period)|(?:the same|that) year)\b", re.I)
# Prose numbers that are not claims: "the two countries", "one of the busiest".
_PROSE_NUMBER = re.compile(r"^(?:one|two|both|a|an|single|couple)$", re.I)


# what follows a dateline's place on its line: up to two ", <part>" (a state, a day, a year) and a
# dash or an opening parenthesis
_DATELINE_END = re.compile(r"(?:,[^\n,]{1,25}){0,2}[ \t]*(?:\(|[-\u2013\u2014][ \t])")


def in_dateline(text: str, start: int, end: int) -> bool:
    """The name opens a line, in capitals, and a dash follows it (after a day, if any): "LONDON,
    Nov 5 - ...", "PORT ELLIS - ...", a wire story's dateline."""
    name = text[start:end]
    return (text[text.rfind("\n", 0, start) + 1 : start].strip() == "" and name.isupper()
            and bool(_DATELINE_END.match(text, end)))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class DocumentReader:
    """Claims of one analysed document. Holds the per-document context (topic pair, entities)."""

    def __init__(self, document: Document, doc: Doc):
        self.document = document
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon()
        # the byline date line is the document's date, not a claim
        body = self.text.find("\n") + 1 if document.date else 0
        # each a SpanIndex: a claim looks up its own sentence's mentions by bisection
        self.dates: SpanIndex = SpanIndex(d for d in doc._.fl_dates or [] if d.start >= body)
        self.quantities: SpanIndex = SpanIndex(q for q in doc._.fl_quantities or [] if q.start >= body)
        # a name inside a figure ("NOK 31" read as an organisation) is the figure, not a party; a
        # wire story's dateline ("LONDON, Nov 5 -") says where it was filed, not what it is about; a
        # country qualifying the counted thing ("three Italian ferries") is the thing's party
        self.entities: SpanIndex = SpanIndex(
            e for e in doc._.fl_entities or []
            if e.start >= body and not (e.type in ("place", "country") and in_dateline(self.text, e.start, e.end))
            and not any(q.start <= e.start and e.end <= q.end and not self._qualifies_counted_thing(e, q)
                        for q in near(self.quantities, e.start, e.end))
        )
        self.topic_pair = self._topic_pair()
        self.document_date = dt.date.fromisoformat(document.date) if document.date else None

    def _qualifies_counted_thing(self, entity: EntityMention, q: Quantity) -> bool:
        if entity.type != "country":
            return False
        tokens = tokens_in(self.doc, entity.start, entity.end)
        if not tokens:
            return False
        root = span_root(tokens)
        head = root.head
        return (root.dep_ in ("amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN")
                and q.start <= head.idx < q.end and not head.like_num)

    # ------------------------------------------------------------ document context

    def _topic_pair(self) -> tuple[str, ...]:
        """The document's two main countries, if it has a clear pair ("the two countries")."""
        counts = Counter(e.id for e in self.entities if e.type == "country")
        top = counts.most_common(2)
        if len(top) == 2 and top[1][1] >= 2:
            return tuple(sorted((top[0][0], top[1][0])))
        return ()

    # ------------------------------------------------------------ shared pieces

    def _claim_entities(
        self, tokens: Sequence[Token], sentence: Span, anchor_tokens: Sequence[Token], figure: Quantity | None = None
    ) -> list[ClaimEntity]:
        found = entities_within(self.entities, tokens)
        if figure is not None:
            found = self._nearest_figure_only(found, figure, tokens)
        out: dict[tuple[str, str | None], ClaimEntity] = {}
        for e in found:
            if e.type in ("person",):
                continue
            role = self._role_of(e)
            out.setdefault((e.id, role), ClaimEntity(id=e.id, text=e.text, type=e.type, role=role, start=e.start, end=e.end))
        clause_text = " ".join(t.lower_ for t in tokens)
        if self.topic_pair and any(re.search(rf"\b{re.escape(cue)}\b", clause_text) for cue in self.lex.bilateral_cues):
            present = {e.id for e in found}
            for country in self.topic_pair:
                if country not in present:
                    out.setdefault(
                        (country, "party"),
                        ClaimEntity(id=country, text=country, type="country", role="party", implied=True),
                    )
        return sorted(out.values(), key=lambda c: (c.implied, c.id, c.role or ""))

    def _nearest_figure_only(self, found: list[EntityMention], figure: Quantity, scope: Sequence[Token]) -> list[EntityMention]:
        """With several figures in one clause ("a €400m loan from A and a €250m loan from B"), a
        party belongs to the figure nearest it (ties to the figure before it); clause subjects are shared."""
        lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1].text)
        rivals = [x for x in near(self.quantities, lo, hi) if x is not figure and lo <= x.start < hi]
        if not rivals:
            return found

        def extent(x: Quantity) -> tuple[int, int]:
            """Token range of a figure with the noun it heads ("€400 million loan")."""
            toks = tokens_in(self.doc, x.start, x.end)
            first, last = toks[0].i, toks[-1].i
            head = span_root(toks).head
            if head.pos_ in ("NOUN", "PROPN") and 0 < head.i - last <= 2:
                last = head.i
            return first, last

        def distance(e: EntityMention, x: Quantity) -> tuple[int, int]:
            toks = tokens_in(self.doc, e.start, e.end)
            first, last = extent(x)
            if toks[0].i > last:
                return toks[0].i - last, 0
            return max(first - toks[-1].i, 0), 1

        def head_noun(x: Quantity) -> int:
            return extent(x)[1] if tokens_in(self.doc, x.start, x.end) else -1

        kept = []
        for e in found:
            if self._role_of(e) == "subject":
                kept.append(e)
                continue
            e_root = span_root(tokens_in(self.doc, e.start, e.end))
            owners = [x for x in [figure, *rivals] if e_root.head.i == head_noun(x) and e_root.dep_ in ("poss", "compound", "nmod")]
            if owners:  # "Belgium's €40m stake": the possessor owns its own figure
                if owners[0] is figure:
                    kept.append(e)
                continue
            mine = distance(e, figure)
            if all(mine <= distance(e, x) for x in rivals):
                kept.append(e)
        return kept

    def _role_of(self, entity: EntityMention) -> str | None:
        tokens = tokens_in(self.doc, entity.start, entity.end)
        if not tokens:
            return None
        root = span_root(tokens)
        for _ in range(4):  # "between Denmark and Sweden": a conjunct has its first conjunct's role
            if root.dep_ != "conj" or root.head.i == root.i:
                break
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            return "subject"
        if root.dep_ == "pobj":
            prep = root.head.lower_
            return {"to": "recipient", "from": "source", "by": "agent", "between": "party", "with": "partner"}.get(prep)
        if root.dep_ in ("compound", "amod", "poss", "nmod"):
            return "party"
        if _antecedent_of_relative_subject(root):  # "the anchor customer is Medora, which agreed to buy ..."
            return "subject"
        return None

    def _subject_id(self, token: Token | None, *, any_name: bool = False) -> tuple[str | None, str | None]:
        """(named entity id, head lemma) of the thing a claim is about; vague words give neither.
        ``any_name``: the thing an event happened to may be named by a person's name too (the small
        model reads some company names as people's), and a proper noun no entity covers is still a
        name, its id the slug of its words: "Since it was founded in 1987, Marenko has ..." is not
        what "Founded in 2009, Halvorsen Ferries ..." says was founded."""
        if token is None:
            return None, None
        token = antecedent(token)
        if token.pos_ in ("PRON", "SYM", "NUM", "PUNCT") or token.lower_ in VAGUE_NOUNS or token.like_num:
            return None, None
        if any(q.start <= token.idx < q.end for q in near(self.quantities, token.idx, token.idx + 1)):
            return None, None  # "%", "kroner": the figure's own unit, not a thing
        covering = [e for e in near(self.entities, token.idx, token.idx + 1) if e.start <= token.idx < e.end]
        if any(e.type == "country" for e in covering):
            return None, None  # a country is a party (see the claim's entities), not the thing
        span = phrase_tokens(token)
        named = [e for e in entities_within(self.entities, span) if e.type in NAMED_TYPES or any_name and e.type == "person"]
        if named:
            return named[-1].id, self.lex.concept(self._noun_after_name(token, named[-1]).lemma_)
        if token.lemma_.lower() in VAGUE_NOUNS:
            return None, None
        if any_name and token.pos_ == "PROPN" and token.text[:1].isupper() and not covering:
            return slug(" ".join(t.text for t in _full_name(token) or [token])), self.lex.concept(token.lemma_)
        if token.pos_ in ("NOUN", "PROPN"):
            return None, self.lex.concept(token.lemma_)
        return None, None

    def _noun_after_name(self, token: Token, name: EntityMention) -> Token:
        """A name's own word is not the kind of thing it names: "the Power of Siberia pipeline" is a
        pipeline, whichever word of it the parser made the head."""
        if name.start <= token.idx < name.end:
            after = [t for t in tokens_in(self.doc, name.end, min(name.end + 40, len(self.text)))
                     if t.idx >= name.end and not t.is_space]
            if after and after[0].pos_ == "NOUN":
                return after[0]
        return token

    # ------------------------------------------------------------ figures

    def quantity_claims(self) -> list[Claim]:
        claims = []
        for q in self.quantities:
            claim = self._quantity_claim(q)
            if claim is not None:
                if claims and self._converts(claims[-1], claim):
                    claims[-1], claim = _as_conversion_of(claims[-1], claim)
                claims.append(claim)
        return claims

    def _converts(self, outer: Claim, inner: Claim) -> bool:
        """``inner`` restates ``outer`` in other units, in parentheses right after it ("covers
        12 km (7.5 miles)", "$20 million (€18 million)")."""
        if outer.quantity is None or inner.quantity is None or outer.quantity.dimension != inner.quantity.dimension:
            return False
        if outer.quantity.dimension in ("count", "number", "percentage") or outer.quantity.unit == inner.quantity.unit:
            return False
        between = self.text[outer.quantity.end:inner.quantity.start]
        return re.fullmatch(r"\s*\(\s*(?:about|around|roughly|some|or|nearly|almost)?\s*", between) is not None

    def _quantity_claim(self, q: Quantity) -> Claim | None:
        tokens = tokens_in(self.doc, q.start, q.end)
        if not tokens or q.value is None and q.low is None and q.high is None:
            return None
        if q.low and q.high and q.high / q.low >= 5:
            return None  # "hundreds of", "billions of": no figure is committed to
        items = listed_items(tokens, q)
        if q.dimension in ("number", "count") and _PROSE_NUMBER.match(q.text.split()[0]) and (q.value or 0) <= 2 and items is None:
            return None
        anchor = span_root(tokens)
        sentence = anchor.sent
        inside = {t.i for t in tokens}
        if anchor.pos_ in ("VERB", "AUX"):
            # the qualifier is a verb inside the span ("exceeded $12.5 billion"): it heads the clause
            verb = anchor
            anchor = next((t for t in tokens if t.like_num or t.pos_ == "NUM"), anchor)
        else:
            verb = clause_verb(anchor)
        metric_token, subject_token = self._metric_and_subject(anchor, verb, inside)
        metric_token = self._outside_names(metric_token)
        metric = self.lex.concept(metric_token.lemma_) if metric_token is not None else (q.unit or q.dimension)
        count_kinds: set[str] = set()
        attributive = _attributive_head(anchor, inside)
        named_next = next((e for e in near(self.entities, q.end, q.end + 2) if e.type in NAMED_TYPES and 0 <= e.start - q.end <= 1), None)
        if attributive is None and named_next is not None:
            # "the 16 km Orrin Bridge": the figure describes the named thing it precedes,
            # however the parser attached it ("the 900-foot Stage 3 runway": the runway)
            attributive = _phrase_head(tokens_in(self.doc, named_next.start, named_next.end)[-1])
        elif attributive is not None:
            attributive = _phrase_head(attributive)
        if attributive is not None:
            # "the 16 km bridge", "a 40-mile canal": the figure describes the noun; money
            # before a thing that is not itself money ("the $1.1 billion second phase") is its cost
            metric = self.lex.concept(attributive.lemma_)
            of_object = _of_object(attributive)
            if of_object is not None and self.lex.concept(of_object.lemma_) in _MONEY_CONCEPTS | {"loan"}:
                metric = self.lex.concept(of_object.lemma_)  # "a $500m line of credit" is a loan
            if q.dimension == "currency" and metric not in _MONEY_CONCEPTS:
                metric = "cost"
        elif q.currency and " per " in q.unit and not q.dimension.endswith("/time"):
            metric = "price"  # "NOK 31 per kilo", "$58 a barrel": a unit price, whatever the verb
        elif q.dimension == "count" and q.unit:
            # a count measures its counted noun, whatever verb carries it ("employs 850 people":
            # a generic noun leaves it to the verb); the noun's own modifiers tell "construction
            # jobs" from "permanent jobs"
            metric = self.lex.concept(q.unit)
            if q.unit in self.lex.generic_count_nouns and verb is not None and self.lex.concept(verb.lemma_) != verb.lemma_.lower():
                metric = self.lex.concept(verb.lemma_)
            elif (verb is not None and verb.lemma_.lower() not in self.lex.light_verbs and verb.pos_ == "VERB"
                  and verb.lemma_.lower() not in self.lex.reporting_verbs and _acted_on(tokens, verb)):
                # doses made are not doses taken: the verb acting on the counted things tells them
                # apart (a verb near a stock, "opened with 14 stations", does not)
                count_kinds.add(f"verb:{self.lex.concept(verb.lemma_)}")
            noun = next((t for t in reversed(tokens) if t.pos_ in ("NOUN", "PROPN")), None)
            if noun is not None:
                count_kinds |= {
                    f"kind:{t.lemma_.lower()}"
                    for t in noun.lefts
                    if t.dep_ in ("amod", "compound") and t.is_alpha and not t.like_num
                    and t.ent_type_ not in ("GPE", "NORP", "CARDINAL")
                }
                # "30 Pakistani pilgrims", "21 Hindu pilgrims": a nationality, religion or party
                # qualifying the counted noun counts a group, a part of any count that names none
                count_kinds |= {f"group:{t.lower_}" for t in noun.lefts
                                if t.dep_ in ("amod", "compound") and t.ent_type_ == "NORP" and t.is_alpha}
                # "the 2,140 members who returned ballots": a relative clause not set off by a comma
                # counts the part of the noun's things it says something of; an infinitive says what
                # for ("inspected all 130 shelters to check the water"), not which ones
                count_kinds |= {f"restricted:{c.lemma_.lower()}" for c in noun.children
                                if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX") and c.i > noun.i
                                and not (c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].text == ",")
                                and not any(t.tag_ == "TO" for t in c.lefts)}
        if metric in _GOODS_METRICS:
            count_kinds |= self._goods_kinds(metric_token, verb, tokens, inside)
        modifiers = sorted(set(self._modifiers(metric_token, anchor, inside)) | count_kinds | self._window_of(q, verb)
                           | ({PARTITIVE_WHOLE} if is_partitive_whole(anchor, tokens) else set())
                           | ({BOUND_OF_A_CLASS} if _bounds_a_class(anchor, q) else set()))
        if verb is not None and (self._can_flow(verb) or _built_to(verb)):
            metric = "capacity"
        own_dates = self._dates_nearest_to(q, sentence)
        period = None if attributive is not None else period_of(tokens, verb, own_dates) or self._anaphoric_period(sentence)
        # a figure describing its noun ("a 40-mile canal") is a size whatever the clause plans; a
        # change is the noun itself ("the pilots want a 9% rise"), in the mode of its clause
        modality = "actual" if attributive is not None and not q.change else modality_of(anchor, verb, period)
        subject_id, subject_head = self._subject_id(subject_token)
        if attributive is not None:
            subject_id, subject_head = self._subject_id(attributive)
        scope = clause_tokens(verb) if verb is not None else list(sentence)
        owner = possessor(metric_token) if metric_token is not None and metric_token.pos_ == "NOUN" else None
        relative = _relative_clause_of(verb) if verb is not None else None
        if relative is not None and (
            (owner is not None and owner.lower_ == "whose")
            or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that", "who") for c in relative.children)
        ):
            # "the Bank, whose $1.2 billion loan ...", "UNICEF, which agreed to buy 30 million doses"
            scope = scope + phrase_tokens(antecedent(relative.head))
        if metric_token is not None and metric_token.pos_ in ("NOUN", "PROPN") and metric_token.dep_ not in ("nsubj", "nsubjpass"):
            # "a €400m loan from A and a €250m loan from B": each figure's own noun phrase names its party
            own = noun_phrase_scope(metric_token)
            # and stops where the next figure's phrase begins
            following = [x.start for x in near(self.quantities, q.end, sentence.end_char) if x.start >= q.end and x.start < sentence.end_char]
            if following:
                own = [t for t in own if t.idx < min(following)]
            if [e for e in entities_within(self.entities, own) if e.type in ("country", "org")]:
                scope = own
        entities = self._claim_entities(scope, sentence, tokens, figure=q)
        if subject_head:
            modifiers = sorted(set(modifiers) | {f"head:{subject_head}"})
        role = _figure_role(anchor, q)
        if role:
            modifiers = sorted(set(modifiers) | {f"role:{role}"})
        extra = [metric, subject_head or "", *(m.split(":", 1)[1] for m in modifiers if m.startswith(("kind:", "verb:")))]
        if q.dimension == "count" and q.unit:
            extra.append(self.lex.concept(q.unit))
        frame = read_frame(
            anchor=anchor, verb=verb, figure_tokens=tokens, sentence=sentence, scope=scope,
            entities=self.entities, quantities=self.quantities, dates=self.dates,
            document_date=self.document_date, extra_measure=extra, quantity=q,
        )
        return Claim(
            id=f"{self.document.id}:{q.start}",
            doc=self.document.id,
            start=q.start,
            end=q.end,
            line=line_of(self.text, q.start),
            text=q.text,
            sentence=sentence.text.strip(),
            kind="quantity",
            metric=metric,
            entities=entities,
            subject=subject_id,
            quantity=q,
            period=period,
            modality=modality,
            modifiers=modifiers,
            items=items,
            frame=frame,
        )

    def _outside_names(self, token: Token | None) -> Token | None:
        """A metric is never a name: "A–B fish trade" measures trade, not A (the
        small model often makes the first name of such a phrase its head)."""
        if token is None:
            return None
        sentence = token.sent
        # the words looked at: the sentence and the first word after it
        hi = token.doc[sentence.end].idx + len(token.doc[sentence.end]) if sentence.end < len(token.doc) else sentence.end_char
        names = [(e.start, e.end) for e in near(self.entities, sentence.start_char, hi)
                 if e.type in ("country", "place", "person")]

        def named(t: Token) -> bool:
            return any(start <= t.idx < end for start, end in names) or t.ent_type_ in ("GPE", "NORP", "PERSON")

        if not named(token):
            return token
        for t in token.doc[token.i + 1 : min(token.i + 6, token.sent.end)]:
            if t.pos_ in ("VERB", "AUX", "ADP", "PUNCT") and t.text not in ("-", "–", "—"):
                break
            if t.pos_ in ("NOUN", "PROPN") and not named(t) and (t.i + 1 >= len(t.doc) or t.nbor(1).pos_ not in ("NOUN", "PROPN") or named(t.nbor(1))):
                return t
        return token

    def _dates_nearest_to(self, q: Quantity, sentence: Span) -> list[DateRef]:
        """Dates this figure may take its period from: not one that directly follows another figure of
        the same unit ("rose to 5.6 million tonnes, from 4.8 million tonnes in 2023": 2023 is the
        4.8 million's); a sentence-opening date ("In 2023, ...") is everyone's."""
        figures = [x for x in near(self.quantities, sentence.start_char, sentence.end_char)
                   if sentence.start_char <= x.start < sentence.end_char]

        def owner(d: DateRef) -> Quantity | None:
            before = [x for x in figures if x.end <= d.start]
            return max(before, key=lambda x: x.end) if before else None

        kept = []
        # only the sentence's dates: a figure's period is read inside its sentence (``period_of``)
        for d in near(self.dates, sentence.start_char, sentence.end_char):
            if not (sentence.start_char <= d.start < sentence.end_char):
                continue
            first = owner(d)
            # a date after a figure of the same unit is that figure's, not ours
            if first is None or first is q or first.unit.split(" per ")[0] != q.unit.split(" per ")[0]:
                kept.append(d)
        return kept

    def _goods_kinds(self, metric_token: Token | None, verb: Token | None, tokens: Sequence[Token], inside: set[int]) -> set[str]:
        """What is traded, carried or made ("mackerel exports", "exported mackerel", "cubic metres of
        gas"): two figures for different goods are two things."""
        nouns: list[Token] = []
        if metric_token is not None and metric_token.pos_ in ("NOUN", "PROPN"):
            nouns += [t for t in metric_token.lefts if t.dep_ in ("compound", "nmod") and t.pos_ == "NOUN"]
        if verb is not None:
            # the tagger sometimes calls a lower-case commodity a proper noun ("exported mackerel")
            nouns += [c for c in verb.children if c.dep_ == "dobj" and c.i not in inside
                      and (c.pos_ == "NOUN" or (c.pos_ == "PROPN" and c.text.islower()))]
        last = tokens[-1]
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                nouns += [p for p in child.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
        return {f"kind:{n.lemma_.lower()}" for n in nouns
                if n.lemma_.lower() not in VAGUE_NOUNS and n.ent_type_ not in ("GPE", "NORP", "ORG", "MONEY", "CARDINAL")
                and self.lex.concept(n.lemma_) == n.lemma_.lower()}

    def _anaphoric_period(self, sentence: Span) -> DateRef | None:
        """"in the same year" / "that year": the last year-level date stated before this sentence."""
        if not _SAME_PERIOD.search(sentence.text):
            return None
        earlier = [d for d in self.dates if d.end <= sentence.start_char and d.value and d.kind == "point" and d.granularity in ("year", "month", "day")]
        return earlier[-1] if earlier else None

    def _can_flow(self, verb: Token) -> bool:
        """"can move 9 million tonnes a year", "can make 400 a year" state a capacity, not a flow or output."""
        has_can = any(c.dep_ == "aux" and c.lower_ in self.lex.capability_aux for c in verb.children)
        return has_can and self.lex.concept(verb.lemma_) in ("flow", "production")

    def _metric_and_subject(self, anchor: Token, verb: Token | None, inside: set[int]) -> tuple[Token | None, Token | None]:
        """The word naming what the figure measures, and the word naming whose figure it is."""
        lex = self.lex
        # A verb or noun that the figure's own noun phrase carries ("the €2.3bn spent on ...",
        # "the 40 MW the plant was designed for").
        for child in anchor.children:
            if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB" and child.i not in inside:
                concept = lex.concept(child.lemma_)
                if concept != child.lemma_.lower() or child.lemma_ not in lex.light_verbs:
                    return child, subject_of(child) if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "that") for c in child.children) else None
        # The nearest noun the figure belongs to ("a grant of $75 million", "$40 million loan",
        # "capacity of 40 MW"), stopping at the clause's verb.
        for head in climb(anchor):
            if head.i in inside:
                continue
            if head.pos_ in ("VERB", "AUX"):
                break
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in VAGUE_NOUNS:
                owner = possessor(head) or _of_object(head)
                if owner is None and head.dep_ == "dobj" and head.head.lemma_.lower() in _HAVE_VERBS:
                    owner = subject_of(head.head)  # "Lakeside has a capacity of 120 million": Lakeside's
                return head, owner
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
            if head.pos_ == "ADJ" and subjects:
                # a predicative adjective with its own subject: "with capacity unchanged at 40 MW"
                return subjects[-1], possessor(subjects[-1])
        if verb is None:
            return None, None
        # A verb that says what is measured ("carried", "cost", "lent") or, for verbs that only link
        # a subject to its figure ("reached", "was", "jumped"), the subject or object noun.
        for v in _verbs_up(verb):
            if v.lemma_.lower() == "design" or lex.concept(v.lemma_) == "capacity":
                return v, subject_of(v)
        if verb.lemma_.lower() not in lex.light_verbs:
            if lex.concept(verb.lemma_) == "cost":
                # "governments spent $5.3 billion on the tunnel": the spender is not the thing
                return verb, _prep_object(verb, ("on", "for", "in", "into"))
            return verb, subject_of(verb)
        for child in verb.children:
            if child.dep_ in ("dobj", "attr") and child.i not in inside and child.pos_ in ("NOUN", "PROPN") and child.lemma_.lower() not in VAGUE_NOUNS:
                owner = possessor(child) or _of_object(child)
                if owner is None and verb.lemma_.lower() in _HAVE_VERBS:
                    owner = subject_of(verb)  # "Lakeside has a capacity of 120 million": Lakeside's
                return child, owner
        if verb_modality(verb) == "estimate":
            # "a catch the institute put at 9,200 tonnes", "the institute put it at 9,200 tonnes":
            # the institute estimates the catch, it is not what is measured
            estimated = gapped_object(verb)
            # a personal pronoun ("put it at"), not a relative one ("which officials put at")
            pronoun = next((c for c in verb.children if c.dep_ == "dobj" and c.tag_ == "PRP"), None)
            if estimated is None and pronoun is not None:
                estimated = pronoun_antecedent(pronoun)
            if estimated is not None:
                return estimated, possessor(estimated)
        subject = subject_of(verb)
        if subject is not None and subject.pos_ == "PRON":
            subject = pronoun_antecedent(subject) or subject  # "it stood at 96" measures what "it" is
        if subject is not None:
            return subject, possessor(subject)
        # a participle with no subject of its own ("..., totalling 3.1 million tonnes") measures
        # what its main clause is about
        if verb.dep_ in ("advcl", "xcomp", "acl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            parent = verb.head
            return self._metric_and_subject(anchor, parent, inside)
        return verb, None

    def _window_of(self, q: Quantity, verb: Token | None) -> set[str]:
        """The stretch of time a figure is counted over, as a duration its verb takes through a
        preposition ("71% graduated within six years", "sold 40 units in three days"): a figure for
        another window is another fact. A figure that is itself a duration has none."""
        if verb is None or q.dimension == "duration":
            return set()
        windows = set()
        in_sentence = near(self.quantities, verb.sent.start_char, verb.sent.end_char)
        for other in in_sentence:
            if (other is q or other.dimension != "duration" or other.value is None or not other.unit
                    or not verb.sent.start_char <= other.start < verb.sent.end_char):
                continue
            tokens = tokens_in(self.doc, other.start, other.end)
            if not tokens:
                continue
            root = span_root(tokens)
            prep = root.head if root.dep_ == "pobj" else root if root.pos_ == "ADP" else None
            if prep is not None and prep.dep_ == "prep" and prep.head.i == verb.i:
                windows.add(f"{WINDOW}{other.value:g} {other.unit}")
        return windows | _rate_of(verb, in_sentence)

    def _modifiers(self, metric_token: Token | None, anchor: Token, inside: set[int]) -> list[str]:
        """Words that tell one thing from a similar one: "two-way", "offshore", numbered parts."""
        if metric_token is None:
            return []
        words = set()
        for t in phrase_tokens(metric_token):
            if t.i == metric_token.i or t.i in inside or t.ent_type_ in ("GPE", "NORP", "DATE", "MONEY", "CARDINAL"):
                continue
            if t.pos_ in ("ADJ", "NOUN") and t.is_alpha or "-" in t.text:
                words.add(t.lemma_.lower())
        if any(t.lower_ in self.lex.past_markers and t.dep_ in ("amod", "advmod") for t in metric_token.children):
            words.add(PAST_THING)  # "the then 15-member bloc": what the thing was, not what it is
        # an apposition names the same thing: "a second link, the 40 km route" is the second route
        named_too = [metric_token.head] if metric_token.dep_ == "appos" else []
        named_too += [c for c in metric_token.children if c.dep_ == "appos"]
        words |= {c.lower_ for t in named_too for c in t.children
                  if c.dep_ == "amod" and ordinal_word_value(c.lower_) is not None}
        for head in [anchor, *climb(anchor)]:
            if head.lemma_.lower() in self.lex.partitive_nouns and head.i not in inside:
                words.add(f"part:{head.lemma_.lower()}")
            for child in head.children:
                if child.dep_ == "appos" and child.lemma_.lower() in self.lex.partitive_nouns:
                    words.add(f"part:{child.lemma_.lower()}")
            if head.pos_ in ("VERB", "AUX"):
                break
        return sorted(words)

    # ------------------------------------------------------------ dated events

    def event_claims(self) -> list[Claim]:
        claims = []
        verbs: dict[str, int] = {}
        for date in self.dates:
            claim = self._event_claim(date, verbs)
            if claim is not None:
                claims.append(claim)
        return _one_date_per_verb(claims, verbs)

    def _event_claim(self, date: DateRef, verbs: dict[str, int] | None = None) -> Claim | None:
        tokens = tokens_in(self.doc, date.start, date.end)
        if not tokens:
            return None
        anchor = _time_of_day_head(span_root(tokens))
        sentence = anchor.sent
        found = self._event_of(anchor, opener=tokens[0].lower_ if tokens[0].pos_ == "ADP" else None)
        if found is None:
            return None
        event, predicate, thing = found
        name = _name_in_apposition(thing)
        if _reports_a_level(predicate, tokens):
            return None  # "share prices opened lower on Wednesday": a market's move, not an opening
        subject_id, subject_head = self._subject_id(thing, any_name=True)
        if name is not None:
            # not ``_subject_id(name)``: it follows the apposition back to the common noun
            named = [e for e in entities_within(self.entities, phrase_tokens(name)) if e.type in NAMED_TYPES or e.type == "person"]
            subject_id = named[-1].id if named else subject_id
        verb = predicate if predicate.pos_ in ("VERB", "AUX") else clause_verb(predicate)
        if verbs is not None and verb is not None:
            verbs[f"{self.document.id}:{date.start}"] = verb.idx
        scope = clause_tokens(verb) if verb is not None else list(sentence)
        named_as = [*phrase_tokens(thing), *phrase_tokens(name)] if name is not None else phrase_tokens(thing) if thing is not None else []
        modifiers = [w for w in content_lemmas(named_as) if w not in VAGUE_NOUNS]
        if subject_head:
            modifiers.append(f"head:{subject_head}")
        if thing is not None and any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "its", "their") for c in thing.children):
            modifiers.append("det:definite")  # "the contract" refers back to one already named
        if thing is not None and (thing.tag_ == "NNS" or thing.tag_ == "NNPS" and any(c.dep_ == "nummod" for c in thing.children)):
            # "870 clinics closed", "one of the routes it opened in April": many closings, not one
            modifiers.append(COUNTED_THINGS)
        return Claim(
            id=f"{self.document.id}:{date.start}",
            doc=self.document.id,
            start=date.start,
            end=date.end,
            line=line_of(self.text, date.start),
            text=date.text,
            sentence=sentence.text.strip(),
            kind="event",
            metric=event.name,
            entities=self._claim_entities(scope, sentence, tokens),
            subject=subject_id,
            date=date,
            modality=_plan_if_scheduled(modality_of(predicate, verb, date), verb, sentence, date),
            modifiers=sorted(set(modifiers)),
            frame=read_frame(
                anchor=anchor, verb=verb, figure_tokens=tokens, sentence=sentence, scope=scope,
                entities=self.entities, quantities=self.quantities, dates=self.dates,
                document_date=self.document_date, own_date=date,
                extra_measure=[event.name, subject_head or "", *(m for m in modifiers if ":" not in m)],
                event=True,
            ),
        )

    def _event_of(self, anchor: Token, opener: str | None = None) -> tuple[EventClass, Token, Token | None] | None:
        """The event class a date belongs to, its predicate, and the thing it happened to; ``opener``
        is the preposition the date's own words begin with ("until Wednesday")."""
        # the date's own predicate: heads up to the first verb (and the verb it complements, as in
        # "began operating"), never into a conjoined or embedding clause
        candidates: list[Token] = []
        if anchor.dep_ in ("compound", "nmod", "amod", "nummod") and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.i > anchor.i:
            # "under the August 2023 concession agreement": the date belongs to the agreement
            candidates = [anchor.head]
            return self._match_event(candidates)
        for head in climb(anchor):
            candidates.append(head)
            if head.pos_ in ("VERB", "AUX"):
                if head.dep_ == "xcomp" and head.head.pos_ == "VERB":
                    candidates.append(head.head)
                break
            if len(candidates) >= 4:
                break
        return self._match_event(candidates) or self._open_class_event(candidates, opener)

    def _open_class_event(self, candidates: list[Token], opener: str | None) -> tuple[EventClass, Token, Token | None] | None:
        """An event no class in the lexicon names: a past verb dated by the date, with the thing it
        happened to ("the fire, which ignited on 22 July", "the town was emptied on August 2"). Its
        metric is the verb, and it is compared only with the same verb happening to the same thing."""
        lex = self.lex
        if opener is not None and opener not in lex.event_date_preps:
            return None  # "adjourned until Wednesday": a bound, not the event's date
        # the date hangs on the verb itself, bare ("freed Tuesday") or through a preposition of a
        # point in time ("ignited on 22 July"), never through a noun ("president from 1974 to 1977")
        # or a bound ("adjourned until Wednesday")
        dated_by_prep = len(candidates) > 1 and candidates[0].dep_ == "prep" and candidates[0].lower_ in lex.event_date_preps
        if candidates and candidates[0].pos_ == "VERB":
            verb = candidates[0]
        elif dated_by_prep and candidates[1].pos_ == "VERB":
            verb = candidates[1]
        elif dated_by_prep and len(candidates) > 2 and candidates[1].dep_ == "dobj" and candidates[2].pos_ == "VERB":
            # "declared the outbreak on 1 November": the parser hangs a date on the nearest noun, but
            # a point in time on a verb's object dates what the verb did to it
            verb = candidates[2]
        else:
            return None
        if verb.tag_ not in ("VBD", "VBN"):
            return None
        lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        if any(lo <= q.start < hi and _figure_of_verb(tokens_in(self.doc, q.start, q.end), verb)
               for q in near(self.quantities, lo, hi)):
            # "carried 4.9 million passengers in 2023": the date is the figure's period; a figure
            # elsewhere in the clause ("ran aground on Tuesday about 8 km off the cape") is not
            return None
        lemma = verb.lemma_.lower()
        # "ran aground", "was handed over": the phrasal verb's one-word synonym names the event, so
        # that "grounded" and "delivered" are the same events
        particle = next((c for c in verb.children if c.dep_ == "prt"
                         or c.dep_ == "advmod" and c.i == verb.i + 1 and c.pos_ in ("ADV", "ADJ")), None)
        phrasal = phrasal_verb(lemma, particle.lemma_) if particle is not None else None
        lemma = phrasal or lemma
        if lemma in lex.reporting_verbs | lex.attribution_verbs | lex.change_verbs | lex.light_verbs:
            return None
        thing = _open_event_thing(verb)
        # an event class that lists the phrasal verb's synonym, or the verb a caused action names, takes it
        named = self._event_class_listing(lemma) if phrasal is not None else None
        done = action_verb(thing.lemma_) if (named is None and lemma in lex.causing_verbs and thing is not None
                                             and thing.pos_ == "NOUN") else None
        if done is not None:
            # "forced the evacuation of the town on Saturday": the town was evacuated then
            lemma, thing = done, _action_object(thing)
            named = self._event_class_listing(lemma)
        if thing is None or not _is_named(thing):
            return None  # only a thing picked out tells one event from another of its kind
        return named or EventClass(name=lemma, one_off=True, lemmas=frozenset({lemma}), phrases=()), verb, thing

    def _event_class_listing(self, lemma: str) -> EventClass | None:
        return next((e for e in self.lex.events if lemma in e.lemmas), None)

    def _match_event(self, candidates: list[Token]) -> tuple[EventClass, Token, Token | None] | None:
        for predicate in candidates:
            words = {predicate.lemma_.lower()}
            words |= {c.lemma_.lower() for c in predicate.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "prep", "prt", "xcomp", "advmod", "acomp")}
            words |= {g.lemma_.lower() for c in predicate.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
            words |= {c.lemma_.lower() for c in predicate.children if c.dep_ == "xcomp" for c in c.children if c.dep_ == "dobj"}
            # "shipped its first batch", "the first doses left the plant"
            words |= {g.lower_ for c in predicate.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
                      for g in c.children if g.dep_ == "amod" and g.lower_ == "first"}
            controller = _controlling_subject(predicate)
            if controller is not None:
                # "the first of the jets is due to arrive next year": the infinitive's subject is its clause's
                words.add(controller.lemma_.lower())
                words |= {g.lower_ for g in controller.children if g.dep_ == "amod" and g.lower_ == "first"}
            if predicate.dep_ in ("nsubj", "nsubjpass", "dobj") and predicate.head.pos_ == "VERB":
                words.add(predicate.head.lemma_.lower())
            for event in self.lex.events:
                if any(a in words and b in words for a, b in event.phrases):
                    return event, predicate, self._event_thing(predicate, event)
            forms = _word_forms(predicate)
            for event in self.lex.events:
                if forms & event.lemmas:
                    return event, predicate, self._event_thing(predicate, event)
            if predicate.lemma_.lower() in _SUPPORT_VERBS:
                # "won WHO prequalification", "received approval": the event is the noun
                for child in predicate.children:
                    if child.dep_ == "dobj":
                        for event in self.lex.events:
                            if child.lemma_.lower() in event.lemmas:
                                return event, predicate, subject_of(predicate)
        return None

    def _event_thing(self, predicate: Token, event: EventClass) -> Token | None:
        if predicate.pos_ == "NOUN":
            for child in predicate.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
            if event.name in ("sign",):
                return predicate
            return None
        if predicate.dep_ in ("relcl", "acl") and predicate.head.pos_ in ("NOUN", "PROPN"):
            head = predicate.head
            before = head.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
            if predicate.tag_ in ("VBD", "VBN") and before is not None and before.pos_ == "NOUN" and head.i > before.i:
                # a reduced object relative misparsed as a participle: "the agreement the governments signed"
                return antecedent(before)
            return antecedent(head)
        for child in predicate.children:
            if child.dep_ == "dobj" and event.name in ("sign", "complete", "establish", "acquire", "open", "close", "approve"):
                return child
        for child in predicate.children:
            if child.dep_ in ("nsubjpass",):
                return _main_subject_for(predicate, child)
        subject = subject_of(predicate)
        if subject is not None and subject.lemma_.lower() in ("construction", "operation", "work", "planning"):
            return None
        return _main_subject_for(predicate, subject)

    # ------------------------------------------------------------ claims that relate parties

    def _relation_claim(self, metric: str, suffix: str, at: int, start: int, end: int, sentence: Span,
                        entities: list[ClaimEntity], modifiers: list[str], modality: str = "actual") -> Claim:
        """A claim relating parties (``models.RELATION_METRICS``) that spans ``start``-``end``; its id
        is the document's, the offset ``at`` of what it is keyed on, and ``suffix``."""
        return Claim(
            id=f"{self.document.id}:{at}:{suffix}", doc=self.document.id, start=start, end=end,
            line=line_of(self.text, start), text=self.text[start:end], sentence=sentence.text.strip(),
            kind="event", metric=metric, entities=entities, modality=modality, modifiers=modifiers,
        )

    # ------------------------------------------------------------ transfers of named goods

    def transfer_claims(self) -> list[Claim]:
        """Who received named goods ("deliver X-9 systems to A", "purchased by A", "A procuring ...")."""
        claims: list[Claim] = []
        # named goods: weapon systems, and model designations of any kind ("AT-27", "Boeing 737")
        goods = [e for e in self.entities if e.type == "weapon" or (e.type == "other" and any(ch.isdigit() for ch in e.id))]
        seen: set[int] = set()
        for good in goods:
            tokens = tokens_in(self.doc, good.start, good.end)
            if not tokens:
                continue
            verb = clause_verb(span_root(tokens))
            if verb is None or verb.i in seen:
                continue
            parties = self._transfer_parties(verb)
            if not parties:
                continue
            seen.add(verb.i)
            scope = clause_tokens(verb)
            items = sorted({e.id for e in entities_within(goods, scope)} | {good.id})
            for role, country in parties:
                # the span runs from the goods to the recipient when they are close ("X-9 systems
                # to A"), else it is the recipient alone ("..., which were purchased by A")
                start, end = (min(good.start, country.start), max(good.end, country.end))
                if end - start > 80:
                    start, end = country.start, country.end
                claims.append(self._relation_claim(
                    "transfer", "transfer", country.start, start, end, verb.sent,
                    [ClaimEntity(id=country.id, text=country.text, type="country", role=role)]
                    + [ClaimEntity(id=i, text=i, type="goods", role="goods") for i in items],
                    [f"goods:{i}" for i in items], modality=modality_of(verb, verb, None),
                ))
        return claims

    def _transfer_parties(self, verb: Token) -> list[tuple[str, EntityMention]]:
        lex = self.lex
        countries = [e for e in self.entities if e.type == "country"]
        parties: list[tuple[str, EntityMention]] = []

        def country_at(token: Token) -> EntityMention | None:
            hits = entities_within(countries, [token])
            return hits[0] if hits else None

        lemma = verb.lemma_.lower()
        if lemma in lex.to_recipient:
            for child in verb.children:
                if child.dep_ in ("prep", "dative") and child.lower_ == "to":
                    for pobj in child.children:
                        c = country_at(pobj)
                        if c:
                            parties.append(("recipient", c))
        if lemma in lex.by_buyer:
            subject = subject_of(verb)
            if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod"):
                subject = None
            for child in verb.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        c = country_at(pobj)
                        if c:
                            parties.append(("recipient", c))
            if subject is not None:
                c = country_at(subject)
                if c:
                    parties.append(("recipient", c))
            # "X has been a major customer ..., procuring ..." : the clause subject of the head verb
            if verb.dep_ == "advcl" and not parties:
                head_subject = subject_of(verb.head)
                if head_subject is not None:
                    c = country_at(head_subject)
                    if c:
                        parties.append(("recipient", c))
        # goods "purchased by X" in a relative or participial clause of the same sentence
        for token in verb.sent:
            if token.lemma_.lower() in lex.by_buyer and token.i != verb.i and token.tag_ == "VBN":
                for child in token.children:
                    if child.dep_ == "agent":
                        for pobj in child.children:
                            c = country_at(pobj)
                            if c:
                                parties.append(("recipient", c))
        return parties

    # ------------------------------------------------------------ posts held in organisations

    def affiliation_claims(self) -> list[Claim]:
        """Who holds a post in an organisation, as apposition and relative clauses give it: "A B,
        chair of the C Board", "A B, a judge who chairs the C Board", "the C Board, whose chair,
        A B, ...", "A B of the C Board" (no post named)."""
        claims: list[Claim] = []
        for org in (e for e in self.entities if e.type == "org"):
            tokens = tokens_in(self.doc, org.start, org.end)
            if not tokens:
                continue
            found = _post_holder(span_root(tokens))
            if found is None:
                continue
            holder, post = found
            name = _full_name(holder)
            if name is None or any(e.type != "person" and e.start < name[-1].idx + len(name[-1].text) and name[0].idx < e.end
                                   for e in near(self.entities, name[0].idx, name[-1].idx + len(name[-1].text))):
                continue
            name_start, name_end = name[0].idx, name[-1].idx + len(name[-1].text)
            post_tokens = [post] if post is not None else []
            start = min(org.start, name_start, *(t.idx for t in post_tokens))
            end = max(org.end, name_end, *(t.idx + len(t.text) for t in post_tokens))
            claims.append(self._relation_claim(
                "affiliation", "affiliation", org.start, start, end, tokens[0].sent,
                [ClaimEntity(id=slug(self.text[name_start:name_end]), text=self.text[name_start:name_end],
                             type="person", role="member"),
                 ClaimEntity(id=org.id, text=org.text, type=org.type, role="organisation")],
                [f"post:{post.lemma_.lower()}"] if post is not None else [],
            ))
        return claims


    # ------------------------------------------------------------ places in a ranking

    def rank_claims(self) -> list[Claim]:
        """A place in a ranking and whose ranking it is: "came 14th in the X ranking", "its 14th
        place in X's regional ranking", "ranking 14th among ... in X's table". The publisher is the
        possessive before the ranking noun, else the capitalised words just before it; a place or
        country there ("the Africa ranking") is the ranking's scope, not its publisher."""
        claims: list[Claim] = []
        body = self.text.find("\n") + 1 if self.document.date else 0
        for ordinal in self.doc._.fl_ordinals or []:
            tokens = tokens_in(self.doc, ordinal.start, ordinal.end)
            if ordinal.start < body or not tokens:
                continue
            sentence = tokens[-1].sent
            window = [t for t in self.doc[tokens[-1].i + 1: min(tokens[-1].i + 14, sentence.end)]]
            # a ranking noun in capitals is part of a name ("the Champions League"), not a ranked list
            end = next((k for k, t in enumerate(window) if t.text in self.lex.ranking_nouns), None)
            if end is None or any(t.text in (",", ";", ":") or t.pos_ == "VERB" and t.text not in self.lex.ranking_nouns
                                  for t in window[:end]):
                continue
            publisher = _publisher(window[:end])
            if publisher is None:
                continue
            start_char, end_char = publisher[0].idx, publisher[-1].idx + len(publisher[-1].text)
            named = [e for e in near(self.entities, start_char, end_char) if e.start < end_char and start_char < e.end]
            if any(e.type in ("place", "country") for e in named):
                continue
            org = next((e for e in named if e.type == "org"), None)
            entity = (ClaimEntity(id=org.id, text=org.text, type="org", role="publisher") if org is not None
                      else ClaimEntity(id=slug(self.text[start_char:end_char]), text=self.text[start_char:end_char],
                                       type="org", role="publisher"))
            last = window[end]
            verb = clause_verb(tokens[-1])
            ranked_id, ranked_head = self._subject_id(subject_of(verb)) if verb is not None else (None, None)
            ranked = [f"ranked:{ranked_id or ranked_head}"] if (ranked_id or ranked_head) else []
            claims.append(self._relation_claim(
                "ranking-place", "rank", ordinal.start, ordinal.start, last.idx + len(last.text), sentence,
                [entity], [f"place:{ordinal.value}", *ranked],
            ))
        return claims


def _publisher(tokens: list[Token]) -> list[Token] | None:
    """The capitalised words before a possessive ("X Review's"), else those ending the run."""
    marks = [k for k, t in enumerate(tokens) if t.tag_ == "POS"]
    end = marks[-1] if marks else len(tokens)
    run: list[Token] = []
    for token in reversed(tokens[:end]):
        if not (token.text[:1].isupper() and token.is_alpha):
            break
        run.insert(0, token)
    return run or None


def _post_holder(org: Token) -> tuple[Token, Token | None] | None:
    """The name that holds a post in the organisation whose name ``org`` heads, and the word naming
    the post (a noun or a verb; None for "A B of the C Board")."""
    if org.dep_ == "pobj" and org.head.lower_ == "of":
        owner = org.head.head
        if owner.pos_ == "PROPN":
            return owner, None  # "A B of the C Board"
        if owner.pos_ == "NOUN" and owner.dep_ == "appos" and owner.head.pos_ == "PROPN":
            return owner.head, owner  # "A B, chair of the C Board"
    verb = org.head if org.dep_ == "dobj" else org.head.head if org.dep_ == "pobj" and org.head.dep_ == "prep" else None
    if verb is not None and verb.pos_ == "VERB" and verb.dep_ == "relcl" and _relative_subject(verb):
        noun = verb.head  # "A B, a judge who chairs the C Board", "A B, who presides over the C Board"
        if noun.pos_ == "PROPN":
            return noun, verb
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            return noun.head, verb
    for clause in org.children:  # "the C Board, whose chair, A B, ..."
        if clause.dep_ != "relcl":
            continue
        for post in clause.children:
            if post.dep_ in ("nsubj", "nsubjpass") and post.pos_ == "NOUN" and any(c.lower_ == "whose" for c in post.children):
                name = next((c for c in post.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                if name is not None:
                    return name, post
    return None


def _relative_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in verb.children)


def _full_name(head: Token) -> list[Token] | None:
    """A name of two or more capitalised words ending in ``head`` ("Ilse Varrow", "Halvorsen Ferries")."""
    words = [head]
    for child in sorted((c for c in head.children if c.i < head.i), key=lambda c: -c.i):
        if child.i == words[0].i - 1 and child.dep_ in ("compound", "amod", "flat") and child.text[:1].isupper() and child.is_alpha:
            words.insert(0, child)
    if len(words) < 2 or not all(w.text[:1].isupper() and w.is_alpha for w in words):
        return None
    return words


def _reports_a_level(predicate: Token, date_tokens: Sequence[Token]) -> bool:
    """The predicate says where something stood or how it moved ("opened lower", "closed up 0.3
    percent", "opened at 629 dollars"), so its date dates a level, not a one-off event."""
    if predicate.pos_ not in ("VERB", "AUX"):
        return False
    dated = {t.i for t in date_tokens}
    for child in predicate.children:
        if child.tag_ in ("JJR", "RBR") and child.dep_ in ("advmod", "acomp", "xcomp", "npadvmod"):
            return True
        if child.dep_ in ("advmod", "prt") and child.lower_ in ("up", "down"):
            return True
        if child.dep_ == "npadvmod" and child.lemma_.lower() in number_words()["time_units"]:
            continue  # "two years after the ministries signed": how long before or after, not a level
        if child.dep_ in ("npadvmod", "dobj") and child.i not in dated and (
                child.tag_ == "CD" or any(t.tag_ == "CD" and t.dep_ in ("nummod", "quantmod") and t.i not in dated
                                          for t in child.children)):
            # a cardinal that is the figure ("rose 3%", "gained 20 points"), not "their second
            # meeting" or a number inside a thing's name ("signed a 40 million-euro contract")
            return True
        if child.dep_ == "prep" and child.lower_ == "at":
            for pobj in child.children:
                level = pobj.tag_ == "CD" or any(c.tag_ == "CD" and c.dep_ in ("nummod", "quantmod", "compound") for c in pobj.children)
                if pobj.dep_ == "pobj" and level and pobj.ent_type_ != "TIME" and pobj.i not in dated:
                    return True  # "opened at 629 dollars", not "at a cost of $40 million" or "at 10 a.m."
    return False


def _figure_role(anchor: Token, q: Quantity) -> str | None:
    """"from" / "to" for the ends of a change ("from 6.4 million", "to 7.9 million", and "from" for
    the level compared with: "compared with 760,000 TEU", "compared with the 58-cent closing
    price"), "change" for the change."""
    head = anchor.head
    # the figure, or the noun it counts or qualifies, as the object of a preposition: "to 2,450
    # today" (parsed as a count of "today"), "compared with the 58-cent closing price"
    held = head if anchor.dep_ in ("nummod", "compound") and head.dep_ == "pobj" else anchor
    if held.dep_ == "pobj" and held.head.lower_ in ("from", "to"):
        return held.head.lower_
    if held.dep_ == "pobj" and held.head.lower_ in ("with", "against") and held.head.head.lemma_.lower() in ("compare", "compared"):
        return "from"  # "compared with 760,000 TEU"
    change_verbs = lexicon().change_verbs
    if q.change or (q.dimension == "percentage" and head.lemma_.lower() in change_verbs and anchor.dep_ in ("dobj", "npadvmod", "advmod", "attr")):
        return "change"
    if q.dimension == "percentage" and anchor.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in change_verbs:
        return "change"  # "has risen by just 2 per cent"
    by = head.head if anchor.dep_ in ("nummod", "compound", "quantmod") and head.dep_ == "pobj" else head if anchor.dep_ == "pobj" else None
    if by is not None and by.lower_ == "by" and by.dep_ == "prep" and by.head.lemma_.lower() in change_verbs:
        return "change"  # "the lead shrank by 412 votes": the amount of the change, not a level
    # "an increase of 40%", "a 12% rise"
    if q.dimension == "percentage":
        noun = head.head if anchor.dep_ == "pobj" and head.lower_ == "of" else head
        if noun.lemma_.lower() in lexicon().change_verbs and noun.pos_ == "NOUN":
            return "change"
    return None


_LIST_SPLIT = re.compile(r"\s*(?:;|,(?!\d{3}\b))\s*(?:and\s+|or\s+)?")
_LIST_BREAK = re.compile(r"\.(?:\s|$)|\n")
_QUOTATION_MARKS = "\"\u201c\u201d"
# A list item that opens with one of these, attached to a word before it, is an aside on the item
# before ("dating from 1984", "as the highest authority"), not an item of its own; "irrigated land"
# opens with a verb form that belongs to its own item.
_ASIDE_OPENERS = ("VERB", "ADP", "SCONJ", "AUX")


def _as_conversion_of(outer: Claim, inner: Claim) -> tuple[Claim, Claim]:
    """A figure and its conversion in parentheses measure one thing: the conversion takes the
    figure's frame (the words it hangs on are the other figure's unit: "12 km (7.5 miles)" is no
    measure of "km"), and both take what the parenthesis carried off ("12 km (7.5 miles) of
    pipe": the parser hangs the pipe on the miles)."""
    frame = outer.frame
    if frame is not None and inner.frame is not None:
        units = {w.lower() for q in (outer.quantity, inner.quantity) if q is not None for w in q.text.split()}
        units |= {q.unit for q in (outer.quantity, inner.quantity) if q is not None and q.unit}
        carried = [w for w in inner.frame.measure if w not in units and w not in frame.measure]
        frame = frame.model_copy(update={"measure": sorted({*frame.measure, *carried})})
    # its role in the sentence stays its own: "fell to 40 million pounds (60 million dollars), from
    # 90 million" goes from the pounds to the pounds
    modifiers = sorted({m for m in outer.modifiers if not m.startswith("role:")}
                       | {m for m in inner.modifiers if m.startswith("role:")})
    return outer.model_copy(update={"frame": frame}), inner.model_copy(update={
        "metric": outer.metric, "entities": outer.entities, "subject": outer.subject, "period": outer.period,
        "modality": outer.modality, "modifiers": modifiers, "frame": frame,
    })


def listed_items(tokens: Sequence[Token], q: Quantity) -> list[str] | None:
    """The items after a count that announces a list: "three workstreams: A and B" -> [A, B].

    None when what follows the colon may not be split into its items by its commas: an aside
    inside an item ("the fee, agreed in 2010, and ..."), a broken token, or a quotation that closes
    inside the list, since a count checked against a misread list is a false alarm."""
    if q.dimension != "count" or q.value is None or not 2 <= q.value <= 12 or q.low != q.high:
        return None
    last = tokens[-1]
    noun = last if last.pos_ in ("NOUN", "PROPN") else None
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if noun is None and nxt is not None and nxt.pos_ == "NOUN":
        noun, nxt = nxt, nxt.nbor(1) if nxt.i + 1 < len(nxt.doc) else None
    if noun is None or nxt is None:
        return None
    # the list follows a colon later in the same sentence, with no other figure in between
    # ("Five clubs have bid for the defender: A, B, C and D")
    doc = noun.doc
    colon = next((t for t in doc[noun.i + 1 : noun.sent.end] if t.text == ":"), None)
    # ("the first drawdown" is no figure: spaCy's like_num also holds for ordinal words)
    if colon is None or any(t.like_num and t.tag_ == "CD" for t in doc[noun.i + 1 : colon.i]):
        return None
    start = colon.idx + 1
    end = _list_end(doc.text, start)
    body = doc.text[start:end]
    if any(mark in body for mark in _QUOTATION_MARKS) or not re.search(r"[,;]|\s(?:and|or)\s", body):
        return None
    # a comma inside a date ("from January 1, 2027") separates no items
    dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    spans = _item_spans(body, start, dates)
    if len(spans) < 2:
        return None
    segments = [doc.text[a:b] for a, b in spans]
    if sum(1 for seg in segments if _opens_with_count(seg)) >= 2:
        return None  # "two airlines: two websites, two uniforms": counts, not the items counted
    for index, (a, b) in enumerate(spans):
        words = [t for t in doc[colon.i + 1 :] if a <= t.idx < b and not t.is_punct]
        if not words:
            return None
        opener = words[0]
        # the first item follows the colon itself: a gerund there is an item ("three uses: watering
        # gardens and washing cars"), not an aside on an item before
        aside = opener.pos_ in _ASIDE_OPENERS and opener.dep_ != "conj" and opener.head.idx < a
        if (aside and not (index == 0 and opener.tag_ == "VBG")) or opener.tag_ in ("WDT", "WP"):
            if index >= 1 and re.search(r"\s(?:and|or)\s", segments[index - 1]):
                # the list closed with "and" before it: "A, B and C, with A as lead arranger"
                closed = _item_spans(doc.text[start:spans[index - 1][1]], start, dates)
                return [doc.text[a:b] for a, b in closed] if len(closed) >= 2 else None
            return None  # an aside on the item before ("dating from 1984"), not an item of its own
        if opener.is_lower and len(opener) == 1 and opener.pos_ != "DET":
            return None  # a broken token ("Britain;s refusal")
    return segments


def _opens_with_count(segment: str) -> bool:
    """The list item opens with a number: digits or a cardinal word of ``quantity_words.yaml``."""
    first = segment.split(maxsplit=1)[0].lower() if segment.strip() else ""
    return first[:1].isdigit() or first.strip(",;:") in cardinal_words()


def _list_end(text: str, start: int) -> int:
    """Where a list after a colon ends: the end of its sentence; a list split by semicolons runs
    on over an abbreviation's full stop while what follows still holds a semicolon ("HIT Holdings
    Ltd.; Kenwa Communication Cp. Ltd.; and CSSL.")."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = start
    while True:
        stop = _LIST_BREAK.search(text, end, line_end)
        if stop is None:
            return line_end
        following = _LIST_BREAK.search(text, stop.end(), line_end)
        rest = text[stop.end() : following.start() if following else line_end]
        if ";" in text[start : stop.start()] and ";" in rest:
            end = stop.end()
            continue
        return stop.start()


def _item_spans(body: str, offset: int, unsplit: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The character spans of the items of a list body, split at commas and semicolons, the last
    "and"/"or" splitting the final item when no serial comma does; never inside an ``unsplit``
    span (document offsets: a date's own comma)."""
    spans, at = [], 0
    separators = [sep for sep in _LIST_SPLIT.finditer(body)
                  if not any(a <= offset + sep.start() < b for a, b in unsplit)]
    for sep in [*separators, None]:
        cut = sep.start() if sep else len(body)
        piece = body[at:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((offset + at + lead, offset + at + len(piece.rstrip())))
        if sep:
            at = sep.end()
    if spans and (len(spans) == 1 or not re.search(r"[;,]\s*(?:and|or)\s", body)):
        a, b = spans[-1]
        last = body[a - offset : b - offset]
        joint = list(re.finditer(r"\s+(?:and|or)\s+", last))
        if joint:
            pieces, at = [], 0
            for j in [*joint, None] if len(spans) == 1 else [joint[0], None]:
                cut = j.start() if j else len(last)
                if last[at:cut].strip():
                    pieces.append((a + at, a + cut))
                if j:
                    at = j.end()
            spans = spans[:-1] + pieces
    return spans


_MONEY_CONCEPTS = frozenset({"cost", "budget", "loan", "grant", "price", "revenue",
                              "profit", "trade", "export", "import", "fund", "deal", "contract", "package", "bond",
                              "debt", "aid", "fine", "tax", "salary", "wage", "subsidy", "bill"})


def _antecedent_of_relative_subject(noun: Token) -> bool:
    """The name, or the noun in apposition to it, heads a relative clause whose subject is the
    relative pronoun: the name does what that clause says."""
    heads = [noun, *(c for c in noun.children if c.dep_ == "appos")]
    return any(clause.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in clause.children)
               for head in heads for clause in head.children)


def _relative_clause_of(verb: Token) -> Token | None:
    """The relative clause a verb heads or is the complement of ("which agreed to buy")."""
    for v in [verb, *verb.ancestors][:3]:
        if v.dep_ == "relcl":
            return v
        if v.pos_ not in ("VERB", "AUX"):
            return None
    return None


def _phrase_head(token: Token) -> Token:
    """The head noun of the noun phrase a modifier belongs to ("Phase 2 quay" -> quay)."""
    while token.dep_ in ("compound", "nummod", "amod", "nmod") and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        token = token.head
    return token


def _attributive_head(anchor: Token, inside: set[int]) -> Token | None:
    """The noun a figure qualifies attributively ("16 km" in "the 16 km bridge"), if it does."""
    head = anchor.head
    if head.i in inside or head.i == anchor.i:
        return None
    if anchor.dep_ == "nummod" and anchor.like_num and head.tag_ in ("NNS", "NNPS"):
        return None  # "7,300 first-year students": a number counts the plural noun it modifies
    if anchor.dep_ in ("compound", "amod", "nmod", "nummod") and head.pos_ in ("NOUN", "PROPN") and head.i > anchor.i:
        return head
    return None


def noun_phrase_scope(noun: Token) -> list[Token]:
    """The noun's subtree without conjoined nouns (each conjunct is its own phrase)."""
    out: list[Token] = []

    def walk(token: Token) -> None:
        out.append(token)
        for child in token.children:
            if child.dep_ in ("conj", "cc"):
                continue
            walk(child)

    walk(noun)
    return sorted(out, key=lambda t: t.i)


def _acted_on(tokens: Sequence[Token], verb: Token) -> bool:
    """Whether the counted things are what the verb acts on: its object ("took 4.2 million doses")
    or what it is for ("signed up for 30 million doses")."""
    for token in tokens:
        if token.head.i == verb.i and token.dep_ in ("dobj", "nsubjpass"):
            return True
        if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.i in (verb.i, *[c.i for c in verb.children]):
            return True
    return False


def _plan_if_scheduled(modality: str, verb: Token | None, sentence: Span, date: DateRef) -> str:
    """A dated event told in the simple present is scheduled, not done: "the plant opens on 1 May",
    "once the phase is completed in 2026" (plan); "has opened", "opened", a state since a date and
    a headline (no closing punctuation), which tells the past in the present, keep their mode."""
    if modality != "actual" or verb is None or date.kind == "since" or not ends_as_prose(sentence.text):
        return modality
    chain = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if any(t.tag_ in ("VBD", "MD") or t.lemma_.lower() == "have" for t in chain):
        return modality
    finite = any(t.tag_ in ("VBZ", "VBP") for t in chain)
    return "plan" if finite and verb.tag_ in ("VBZ", "VBP", "VBN") else modality


def _rate_of(verb: Token, quantities: Sequence[Quantity]) -> set[str]:
    """How often the verb recurs, when a rate phrase of the quantity vocabulary (``rate_words``) is
    its adverbial ("60 refugees die every day", "arrive each month"): ``RATE`` and the period. A
    rate a figure of the sentence carries ("40 million doses every year", unit "dose per year";
    "will raise capacity to 900,000 TEU a year") is that figure's, not the verb's."""
    rates = set()
    for child in verb.children:
        if child.dep_ != "npadvmod" or child.pos_ != "NOUN" or any(q.start <= child.idx < q.end for q in quantities):
            continue
        period = rate_period(" ".join(t.lower_ for t in child.subtree))
        if period is not None:
            rates.add(f"{RATE}{period}")
    return rates


def _time_of_day_head(anchor: Token) -> Token:
    """Where an event's date hangs when it names a time within the date: the time noun ("the night
    of September 5", "the early hours of Thursday", "Wednesday afternoon": WordNet's noun.time, with
    the date as its of-object or its modifier), which dates the event as the date itself does."""

    def is_time_noun(token: Token) -> bool:
        return token.pos_ == "NOUN" and noun_category(token.lemma_) == "noun.time"

    for _ in range(2):  # "the early hours of the night of ...": no deeper
        head = anchor.head
        if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i and is_time_noun(head.head):
            anchor = head.head
        elif anchor.dep_ in ("compound", "nmod", "npadvmod") and head.i > anchor.i and is_time_noun(head):
            anchor = head
        else:
            break
    return anchor


def _one_date_per_verb(claims: list[Claim], verbs: dict[str, int]) -> list[Claim]:
    """One verb happens once: of several dates the parser hangs on one verb ("construction began in
    April 2016 under administrations other than those in office today"), the event is dated by the
    nearest; the others date something else in its clause."""
    by_verb: dict[int, list[Claim]] = {}
    for claim in claims:
        if claim.id in verbs:
            by_verb.setdefault(verbs[claim.id], []).append(claim)
    dropped: set[str] = set()
    for verb_at, dated in by_verb.items():
        values = {c.date.value for c in dated if c.date is not None}
        if len(values) > 1:
            nearest = min(dated, key=lambda c: (abs(c.start - verb_at), c.start))
            dropped |= {c.id for c in dated if c.id != nearest.id}
    return [c for c in claims if c.id not in dropped]


def _main_subject_for(predicate: Token, thing: Token | None) -> Token | None:
    """A participle or clause that opens its sentence is said of the main clause's subject:
    "Founded in 2012, X operates ...", "Since it was founded in 1969, X has ..." (the pronoun, or
    the missing subject, is X)."""
    if thing is not None and (thing.pos_ != "PRON" or thing.morph.get("Gender") != ["Neut"]):
        return thing  # a thing named, or a person ("after he was appointed"): not the main subject
    head = predicate
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ != "advcl" or head.i > head.head.i or head.head.dep_ != "ROOT":
        return thing
    for child in head.head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and child.i > head.i:
            return child
    return thing


def _controlling_subject(verb: Token) -> Token | None:
    """The subject an infinitive takes from the clause it complements ("the first jet is expected to
    arrive", "the plant is due to open"): it has none of its own."""
    if verb.pos_ != "VERB" or verb.dep_ != "xcomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return subject_of(verb)


FIGURE_ARGUMENTS = ("dobj", "nsubj", "nsubjpass", "attr", "npadvmod", "oprd", "acomp")
"""The dependencies by which a figure is what its verb says (the things carried, the level reached)."""


def _figure_of_verb(tokens: Sequence[Token], verb: Token) -> bool:
    """The figure is an argument of the verb ("carried 4.9 million passengers", "rose to 12%"), not
    a number in one of its modifiers ("about 8 km off the cape")."""
    if not tokens:
        return False
    token = span_root(tokens)
    for _ in range(3):
        if token.dep_ in ("nummod", "quantmod", "compound", "amod") and token.head.i != token.i:
            token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent") and token.head.lower_ in ("to", "by", "from", "at", "of"):
        token = token.head
        if token.head.i == verb.i:
            return True
        if token.head.dep_ in FIGURE_ARGUMENTS:
            token = token.head  # "a total of 85 containers"
    # "carried over 4.9 million passengers": a qualifier the parser hangs on the verb as a preposition
    return token.head.i == verb.i and (token.dep_ in FIGURE_ARGUMENTS or token.dep_ in ("prep", "agent"))


def _open_event_thing(verb: Token) -> Token | None:
    """What an open-class event happened to: the verb's object ("who survived an uprising in 2003"),
    else the noun its participle or relative clause describes ("the town, evacuated on ..."), else
    its passive or intransitive subject; never a pronoun."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    if objects:
        return objects[0]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    for dep in ("nsubjpass", "nsubj"):
        for child in verb.children:
            if child.dep_ == dep:
                # "the first H-70 was handed over": a model's name the tagger reads as a number
                named = child.pos_ == "NUM" and child.ent_type_ in NAME_LABELS
                return child if child.pos_ in ("NOUN", "PROPN") or named else None
    return None


def _action_object(action: Token) -> Token | None:
    """What an action noun is done to: its of-object ("the evacuation of the town") or possessor
    ("the town's evacuation")."""
    of_object = _of_object(action)
    if of_object is not None:
        return antecedent(of_object)
    owner = possessor(action)
    return owner if owner is not None and owner.pos_ in ("NOUN", "PROPN") else None


def _bounds_a_class(anchor: Token, q: Quantity) -> bool:
    """A one-sided figure in the "of" phrase of a bare plural noun: a bound that picks out a kind of
    thing ("open to ships of up to 180 metres", "loans of more than $5 million"), not a figure of
    one thing."""
    if q.low is not None and q.high is not None:
        return False
    noun = noun_of_number(anchor)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    kind = prep.head
    return kind.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in kind.children)


def _name_in_apposition(thing: Token | None) -> Token | None:
    """The name a common noun is given in apposition ("the container ship Vela Star ran aground":
    the ship is the Vela Star), or None: the name, not the kind, tells one thing from another of
    its kind."""
    if thing is None or thing.pos_ != "NOUN":
        return None
    return next((c for c in thing.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _is_named(thing: Token) -> bool:
    """The noun phrase picks out one thing: a proper noun, a noun a proper noun qualifies ("the Kestrel
    Ridge fire", "the trial of Saddam Hussein"), or a definite one ("the outbreak")."""
    if thing.pos_ == "PROPN" or any(c.dep_ == "det" and c.lower_ == "the" for c in thing.children):
        return True
    qualifiers = [c for c in thing.children if c.dep_ in ("compound", "poss", "nmod")]
    qualifiers += [g for c in thing.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(t.pos_ == "PROPN" for q in qualifiers for t in q.subtree)


def _word_forms(token: Token) -> set[str]:
    """The lemma and the base forms its spelling allows: the lemmatiser misses rarer verbs
    ("prequalified" -> "prequalifie")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    if word.endswith("ied"):
        forms.add(word[:-3] + "y")
    elif word.endswith("ed"):
        forms |= {word[:-2], word[:-1]}
    elif word.endswith("ing"):
        forms |= {word[:-3], word[:-3] + "e"}
    return forms


def _built_to(verb: Token) -> bool:
    """ "designed to move", "built to make 120 million doses a year": the figure is a capacity."""
    chain = _verbs_up(verb)[1:]
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        chain.append(verb.head)  # "was built to make ...": a purpose clause
    return any(v.lemma_.lower() in ("design", "build", "equip", "engineer", "size") for v in chain)


def _verbs_up(verb: Token) -> list[Token]:
    out = [verb]
    token = verb
    while token.dep_ in ("xcomp", "ccomp", "conj") and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        token = token.head
        out.append(token)
    return out


def _prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj
    return None


def _of_object(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj
    return None


def build_claims(document: Document, doc: Doc) -> list[Claim]:
    """All claims of one analysed document, in text order."""
    reader = DocumentReader(document, doc)
    claims = (reader.quantity_claims() + reader.event_claims() + reader.transfer_claims()
              + reader.affiliation_claims() + reader.rank_claims())
    unique: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.kind, c.metric)):
        unique.setdefault(claim.id, claim)
    return sorted(unique.values(), key=lambda c: (c.start, c.end, c.id))
