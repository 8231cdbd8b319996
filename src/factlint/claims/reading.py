"""Reading a mention's clause through the dependency parse: what it measures, whose it is, when,
and how sure the sentence is about it.

These are small pure functions over spaCy tokens; ``builder.py`` puts them together into claims.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from factlint.claims.lexicon import lexicon
from factlint.models import DateRef, EntityMention

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
RELATIVE_WORDS = frozenset({"which", "that", "who", "whom", "whose"})
# Nouns too vague to tell two things apart ("the project" may be any named project).
VAGUE_NOUNS = frozenset({
    "it", "this", "that", "they", "project", "scheme", "programme", "program", "plan", "initiative",
    "venture", "facility", "asset", "system", "company", "firm", "group", "business", "operator", "one",
    "figure", "number", "total", "amount", "deal", "which", "what", "side", "country", "nation",
    "high", "low", "record", "level", "peak", "sum", "value", "volume", "tally", "mark", "worth", "size",
})


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens overlapping the character span [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if t.idx < end and t.idx + len(t.text) > start] if span is not None else []


def span_root(tokens: Sequence[Token]) -> Token:
    """The token of ``tokens`` whose head lies outside them (the highest one)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


def climb(token: Token) -> Iterable[Token]:
    """Heads from ``token`` up to the sentence root, ``token`` excluded."""
    seen = {token.i}
    while token.head.i != token.i and token.head.i not in seen:
        token = token.head
        seen.add(token.i)
        yield token


def clause_verb(token: Token) -> Token | None:
    for head in climb(token):
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def verb_chain(verb: Token) -> list[Token]:
    """``verb`` and the verbs it is the complement of ("expected to deliver" -> deliver, expected),
    through a predicative adjective too ("is due to deliver" -> deliver, due, is)."""
    chain = [verb]
    token = verb
    while ((token.dep_ in ("xcomp", "ccomp", "auxpass", "aux") or token.dep_ == "acomp" and token.pos_ == "ADJ")
           and token.head.i != token.i):
        token = token.head
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            chain.append(token)
    return chain


def subject_of(verb: Token) -> Token | None:
    for token in verb_chain(verb):
        # several subjects come from a misparsed compound ("Two-way A–B trade was"): the one
        # nearest the verb is the head of the subject phrase
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.i < token.i] or [
            c for c in token.children if c.dep_ in SUBJECT_DEPS
        ]
        if subjects:
            child = subjects[-1] if subjects[-1].i < token.i else subjects[0]
            if child.lower_ in RELATIVE_WORDS and token.dep_ == "relcl":
                return antecedent(token.head)
            return child
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "NUM", "SYM"):
            return antecedent(token.head)
        if token.dep_ == "xcomp":
            # object control: "forced the town to be emptied", "asked the bank to lend": the infinitive's
            # subject is the object before it, not the clause's subject
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects:
                return objects[-1]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        return subject_of(verb.head)  # "the pipeline has delivered ... and has been operating since": a shared subject
    return None


def antecedent(noun: Token) -> Token:
    """Follow appositions to the first-named noun ("the Vale Bridge, the 12 km crossing" -> Bridge)."""
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def possessor(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    return None


def phrase_tokens(noun: Token) -> list[Token]:
    """The noun with its compounds, adjectives and hyphen parts (no clauses, no determiners)."""
    keep = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.i < noun.i:
            keep.extend(t for t in child.subtree if t.i < noun.i and t.dep_ not in ("det", "punct", "poss", "case"))
    return sorted(set(keep), key=lambda t: t.i)


def content_lemmas(tokens: Iterable[Token]) -> list[str]:
    return [
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and not t.like_num and t.is_alpha
    ]


def modality_of(anchor: Token, verb: Token | None, period: DateRef | None) -> str:
    """actual, forecast, plan, target or estimate, from auxiliaries, verbs and nouns around the figure."""
    lex = lexicon()
    found: str | None = None
    words: list[Token] = []
    if verb is not None:
        for v in verb_chain(verb):
            words.append(v)
            words.extend(c for c in v.children if c.dep_ in ("aux", "auxpass", "advmod", "neg", "nsubj", "nsubjpass"))
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not any(c.dep_ == "aux" for c in verb.children):
            # "will add a quay and lift capacity": the auxiliary governs both verbs (nothing else does)
            words.extend(c for c in verb.head.children if c.dep_ == "aux" and c.lower_ in lex.modality_aux)
    words.extend(head for head in climb(anchor) if head.pos_ == "NOUN")
    words.extend(c for c in anchor.children if c.dep_ in ("amod", "compound"))
    for token in words:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.dep_ in ("aux",) and lower in lex.capability_aux:
            continue
        if token.dep_ in ("aux", "auxpass") and lower in lex.modality_aux:
            found = found or lex.modality_aux[lower]
        elif token.pos_ in ("VERB", "ADJ") and (lemma in lex.modality_verbs_with_at or lemma in lex.modality_verbs):
            found = found or verb_modality(token)
        elif token.pos_ == "NOUN" and lemma in lex.modality_nouns:
            found = found or lex.modality_nouns[lemma]
        elif token.pos_ == "ADV" and lemma in lex.modality_adverbs:
            found = found or lex.modality_adverbs[lemma]
    if found is None and period is not None and period.kind == "by" and not _past(verb):
        found = "forecast"  # "will reach 5 million by 2030"; "had recorded 9,000 cases by Monday" is a count
    return found or "actual"


def gapped_object(verb: Token) -> Token | None:
    """The object a transitive verb without one takes from the noun its clause follows, when the
    clause's subject comes right after that noun: a reduced object relative ("a catch the institute
    put at 9,200 tonnes"), however the parser attaches the clause."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > verb.i or subject.left_edge.i == verb.sent.start:
        return None
    before = verb.doc[subject.left_edge.i - 1]
    # not a time the clause is set at ("last week the institute put ..."), nor the start of a compound
    if before.pos_ != "NOUN" or before.dep_ in ("compound", "npadvmod") or before.ent_type_ in ("DATE", "TIME"):
        return None
    return before


def verb_modality(token: Token) -> str | None:
    """The mode a verb gives its figure ("expected to reach" -> forecast, "put the cost at" ->
    estimate; "set" only with an infinitive: "is set to open"), or None."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in lex.modality_verbs_with_at:
        return lex.modality_verbs_with_at[lemma] if any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children) else None
    if token.pos_ in ("VERB", "ADJ") and lemma in lex.modality_verbs:
        if token.lemma_ == "set" and not any(c.dep_ == "xcomp" for c in token.children):
            return None
        return lex.modality_verbs[lemma]
    return None


def _past(verb: Token | None) -> bool:
    """Past tense or perfect aspect: the figure is reported, not foreseen."""
    if verb is None:
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children)


def period_of(tokens: Sequence[Token], verb: Token | None, dates: Sequence[DateRef]) -> DateRef | None:
    """The date a figure is about: the nearest one in its clause, or in the clause it depends on
    when its own clause has no subject ("sent 40 ships in 2021, totalling 3.1 million tonnes")."""
    sentence = tokens[0].sent
    if verb is None:
        return nearest_date(tokens, dates, sentence)
    clause = verb
    while True:
        inside = [d for d in _dates_of_clause(clause, dates) if not _in_clause_on_another_noun(d, tokens, clause)]
        if inside:
            return nearest_date(tokens, inside, sentence)
        for sub in clause.children:
            # "When the council approved the ring road in 2019, it was priced at $620 million":
            # the clause saying when is about the main clause's time
            if sub.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ == "when" for c in sub.children):
                told = _dates_of_clause(sub, dates)
                if told:
                    return nearest_date(tokens, told, sentence)
        if clause.dep_ == "relcl" and any(c.lower_ == "when" for c in clause.children):
            # "since 3 March, when it stood at 96": the clause is about the date it describes
            head = clause.head
            described = [d for d in dates if d.start <= head.idx < d.end]
            if described:
                return described[0]
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in clause.children)
        if has_subject or clause.dep_ not in ("advcl", "xcomp", "acl", "relcl", "conj", "ccomp", "pcomp") or clause.head.i == clause.i:
            return None
        parent = clause_verb(clause)
        if parent is None:
            return None
        clause = parent


def _dates_of_clause(verb: Token, dates: Sequence[DateRef]) -> list[DateRef]:
    """The dates whose words are in the verb's clause (``clause_tokens``)."""
    scope = clause_tokens(verb)
    lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1].text)
    return [d for d in dates if lo <= d.start and d.end <= hi and entities_within_span(d, scope)]


def _in_clause_on_another_noun(date: DateRef, figure: Sequence[Token], clause: Token) -> bool:
    """The date sits in a relative clause or participle describing a noun of the clause that the
    figure neither is nor hangs from: "The company, which was founded in 1990, employs 400 people"
    dates the founding, not the 400 ("the 800 tents that arrived last month" keeps it)."""
    words = tokens_in(figure[0].doc, date.start, date.end)
    if not words:
        return False
    holding = {t.i for f in figure for t in [f, *f.ancestors]}
    for head in span_root(words).ancestors:
        if head.i == clause.i:
            return False
        if (head.dep_ in ("relcl", "acl") and head.i not in holding and head.head.i not in holding
                and head.head.pos_ in ("NOUN", "PROPN")):
            return True
    return False


def entities_within_span(date: DateRef, scope: Sequence[Token]) -> bool:
    indices = {(t.idx, t.idx + len(t.text)) for t in scope}
    return any(date.start < end and start < date.end for start, end in indices)


def nearest_date(tokens: Sequence[Token], dates: Sequence[DateRef], sentence: Span, *, exclude: Sequence[DateRef] = ()) -> DateRef | None:
    """The date in the sentence closest to ``tokens`` (by token distance)."""
    if not dates:
        return None
    first, last = tokens[0].i, tokens[-1].i
    best: tuple[int, DateRef] | None = None
    for date in dates:
        if date in exclude:
            continue
        if not (sentence.start_char <= date.start < sentence.end_char):
            continue
        d_tokens = tokens_in(sentence.doc, date.start, date.end)
        if not d_tokens:
            continue
        distance = min(abs(t.i - first) for t in d_tokens) if d_tokens[0].i > last else min(abs(last - t.i) for t in d_tokens)
        # a clause boundary (comma, relative clause) between them makes the date less likely to belong
        between = sentence.doc[min(last, d_tokens[0].i) : max(first, d_tokens[-1].i)]
        distance += 4 * sum(1 for t in between if t.text in (";", ":")) + sum(1 for t in between if t.text == ",")
        if best is None or distance < best[0]:
            best = (distance, date)
    return best[1] if best else None


class SpanIndex(Sequence):
    """A document's mentions (anything with ``start``/``end`` offsets) as a read-only list that also
    answers "which of them overlap [lo, hi)" by bisection: a claim looks only at its own sentence's
    mentions, so reading a long document stays linear in its length."""

    def __init__(self, items: Iterable):
        self._items = list(items)
        self._order = sorted(range(len(self._items)), key=lambda i: self._items[i].start)
        self._starts = [self._items[i].start for i in self._order]
        self._longest = max((item.end - item.start for item in self._items), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def __iter__(self) -> Iterator:
        return iter(self._items)

    def overlapping(self, lo: int, hi: int) -> list:
        """The items with ``start < hi`` and ``end > lo``, in list order."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        found = sorted(self._order[first:last])
        return [self._items[i] for i in found if self._items[i].start < hi and self._items[i].end > lo]


def near(items: Sequence, lo: int, hi: int) -> Sequence:
    """The items that may overlap [lo, hi): all of them for a plain list, a bisected slice of a
    :class:`SpanIndex`."""
    return items.overlapping(lo, hi) if isinstance(items, SpanIndex) else items


def entities_within(entities: Sequence[EntityMention], tokens: Iterable[Token]) -> list[EntityMention]:
    spans = [(t.idx, t.idx + len(t.text)) for t in tokens]
    if not spans:
        return []
    lo, hi = min(start for start, _ in spans), max(end for _, end in spans)
    return [e for e in near(entities, lo, hi) if any(e.start < end and start < e.end for start, end in spans)]


def clause_tokens(verb: Token) -> list[Token]:
    """The verb's clause: its subtree without conjoined clauses that have a subject of their own."""
    out: list[Token] = []

    def walk(token: Token) -> None:
        out.append(token)
        for child in token.children:
            if child is not verb and child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and any(
                c.dep_ in SUBJECT_DEPS for c in child.children
            ):
                continue
            if child.dep_ in ("advcl", "parataxis") and child.pos_ in ("VERB", "AUX"):
                continue
            walk(child)

    walk(verb)
    return sorted(out, key=lambda t: t.i)
