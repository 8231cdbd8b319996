"""A claim's frame: the descriptors that decide sameness, each read off the claim's own words.

A figure is not reduced to one head word. Its *measure* is the bag of words naming what is measured
or counted and what happens to it (the counted noun, the nouns the figure hangs from, the predicate
unless it only reports the figure); its *context* is what else its clause says; its *places* scope
it ("in Lusaka"); *as_of* and *running* say when a moving figure holds; *attribution* who says so.
``factlint.cluster.sameness`` scores two frames against each other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from factlint.claims.lexicon import lexicon
from factlint.claims.reading import (
    VAGUE_NOUNS,
    clause_tokens,
    climb,
    gapped_object,
    near,
    subject_of,
    verb_chain,
    verb_modality,
)
from factlint.models import DateRef, EntityMention, Frame, Quantity

_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")
_NAME_LABELS = ("GPE", "NORP", "PERSON", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY")


def _word(token: Token) -> str:
    return lexicon().concept(token.lemma_)


def _excluded(token: Token, taken: Sequence[tuple[int, int]]) -> bool:
    lex = lexicon()
    lemma = token.lemma_.lower()
    return (
        not token.is_alpha
        or token.is_stop
        or token.pos_ not in _CONTENT_POS
        or token.ent_type_ in _NAME_LABELS
        or lemma in lex.not_measures
        or lemma in lex.reporting_verbs
        or lemma in lex.light_verbs
        or any(start <= token.idx < end for start, end in taken)
    )


def pronoun_antecedent(token: Token) -> Token | None:
    """For a pronoun subject, the subject noun of its sentence's main clause when the pronoun sits in
    a clause inside it ("The toll has risen since 5 January, when it stood at 187"), else of the
    previous sentence ("It carried 41 million")."""
    sent = token.sent
    if token.head.i != sent.root.i and token.head.dep_ in ("advcl", "relcl"):  # not "X said it had ..."
        for child in sent.root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and child.i < token.i:
                return child
    if sent.start == 0:
        return None
    previous = token.doc[sent.start - 1].sent
    root = previous.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def measure_words(anchor: Token, verb: Token | None, figure_tokens: Sequence[Token], taken: Sequence[tuple[int, int]],
                  extra: Sequence[str] = (), money: bool = False, counts_things: bool = False) -> list[str]:
    """What the figure measures: counted noun, the nouns it hangs from, the predicate, their modifiers.
    ``counts_things``: the figure counts a noun ("16 stations"), not a level ("187", "$40 million")."""
    inside = {t.i for t in figure_tokens}
    lex = lexicon()
    # the builder's metric may be a pronoun or a reporting verb ("it stood at 187"): never a measure
    words: set[str] = {w for w in extra if w and w not in lex.not_measures and w not in lex.reporting_verbs}
    nouns: list[Token] = [t for t in figure_tokens if t.pos_ in ("NOUN",) and t.is_alpha]
    reaches_verb = True
    in_subject = False
    for head in climb(anchor):
        if head.pos_ in ("VERB", "AUX"):
            break
        in_subject = head.dep_ in ("nsubj", "nsubjpass")
        if head.pos_ == "ADP" and _takes_a_part(head, inside):
            # "230 of the 870 schools were closed": the whole a part is taken from; what the verb
            # says is said of the part
            reaches_verb = False
            break
        if head.pos_ == "ADP" and head.i not in inside and not counts_things and anchor.head.i == head.i:
            continue  # "when it stood at 96", "put the cost at $40 million": the preposition gives the level
        if head.pos_ == "ADP" and head.lower_ != "of" and head.i not in inside:
            # "commuters at all 16 stations": the figure only locates another noun, which it does
            # not measure, nor what that noun's verb does
            reaches_verb = False
            break
        if head.i not in inside and head.pos_ in ("NOUN", "PROPN"):
            nouns.append(head)
        if head.dep_ == "ccomp":
            # "X conceded that the 57% vote hid deep splits": a clause the verb reports is not
            # what the verb does to a measured thing, however the parser heads it
            reaches_verb = False
            break
    # what the counted things belong to ("16 stations of the metro"), or what a unit measures ("32 km
    # of new mains")
    nouns += [pobj for noun in list(nouns) for prep in _of_preps(noun) for pobj in _of_objects(prep)]
    if money:
        # "$1.2 million in loans", "€40m in grants": the noun after "in" is what the money is
        nouns += [pobj for number in [anchor, *figure_tokens] if number.like_num or number.pos_ == "NUM"
                  for prep in number.children if prep.dep_ == "prep" and prep.lower_ == "in"
                  for pobj in prep.children if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN"]
    if verb is not None and reaches_verb:
        if not _excluded(verb, taken):
            words.add(_word(verb))
        # the subject of a reporting verb is the figure's source ("the agency's newest survey
        # lists 2,340 families"), not what it measures
        reporting = verb.lemma_.lower() in lex.reporting_verbs | lex.attribution_verbs
        # nor is the subject of an estimating verb ("the institute put the catch at 9,200 tonnes"): it
        # is the estimator (``estimator_of``); without an object, the estimated thing is the noun
        # the clause relates to ("a catch the institute put at 9,200 tonnes")
        estimating = verb_modality(verb) == "estimate"
        estimated = gapped_object(verb) if estimating else None
        if estimated is not None:
            nouns.append(estimated)
        for child in verb.children:
            if (reporting or estimating) and child.dep_ == "nsubj":
                continue
            if in_subject and child.dep_ in ("dobj", "attr"):
                continue  # "the 220-foot tower is an architectural landmark": said of the thing, not it
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and child.i not in inside:
                if child.pos_ == "PRON":
                    child = pronoun_antecedent(child) or child
                if child.pos_ in ("NOUN", "PROPN"):
                    nouns.append(child)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.i not in inside:
            # "the swarm, covering about 60 square kilometres": the participle is said of its noun,
            # or of the noun a superlative picks out ("the largest of the new swarms, covering")
            described = verb.head
            if described.pos_ == "ADJ":
                nouns += [pobj for prep in _of_preps(described) for pobj in _of_objects(prep)]
            elif described.pos_ in ("NOUN", "PROPN"):
                nouns.append(described)
    for noun in nouns:
        if _excluded(noun, taken):
            continue  # nor its modifiers: "latest" says nothing of a "report" that is not measured
        if noun.lemma_.lower() not in VAGUE_NOUNS:
            words.add(_word(noun))
        for child in noun.children:
            if child.dep_ in ("amod", "compound") and child.i < noun.i and not _excluded(child, taken):
                words.add(_word(child))
    return sorted(words)


def context_words(verb: Token | None, sentence: Span, taken: Sequence[tuple[int, int]]) -> list[str]:
    scope = clause_tokens(verb) if verb is not None else list(sentence)
    return sorted({_word(t) for t in scope if not _excluded(t, taken)})


def places_of(scope: Sequence[Token], entities: Sequence[EntityMention], figure_tokens: Sequence[Token] = ()) -> list[str]:
    """Places the clause scopes its figure to: named places, and countries or places after a
    locative preposition ("in Kenya", "at the Ndola site"). A place in a relative clause that does
    not hold the figure describes another noun ("the quay, which will berth ships that call in East
    Africa"), and a place naming a thing is a name, not a scope ("the Kestrel Ridge fire")."""
    lex = lexicon()
    found: set[str] = set()
    spans = {t.i for t in scope} - _clauses_of_other_nouns(scope, {t.i for t in figure_tokens})
    if not scope:
        return []
    lo, hi = min(t.idx for t in scope), max(t.idx + len(t.text) for t in scope)
    preps = {t.lower_ for t in scope if t.dep_ == "prep" and any(c.dep_ == "pobj" for c in t.children)}
    both_ends = bool(preps & lex.route_start_preps) and bool(preps & lex.route_end_preps)
    for e in near(entities, lo, hi):
        tokens = [t for t in scope if e.start <= t.idx < e.end]
        if not tokens or not all(t.i in spans for t in tokens):
            continue
        root = tokens[-1]
        # "in Kenya", or a modifier of the place ("across the Kenyan-Ugandan border")
        place = root
        for _ in range(3):
            if place.dep_ not in ("amod", "compound", "nmod", "punct", "npadvmod") or place.head.i == place.i:
                break
            place = place.head
        locative = place.dep_ == "pobj" and place.head.lower_ in lex.locative_preps
        listed = place
        while listed.dep_ == "conj" and listed.head.i != listed.i:
            listed = listed.head  # "between Lyon and Geneva"
        prep = listed.head.lower_ if listed.dep_ == "pobj" else None
        if prep in lex.route_preps or (prep in lex.route_start_preps | lex.route_end_preps and both_ends):
            continue  # "from Lisbon to Warsaw": a route passes the place, it is not the figure's scope
        if not locative and root.dep_ == "compound" and root.head.pos_ == "NOUN":
            continue  # "the Kestrel Ridge fire": the place names the fire
        named_place = e.type == "place" or e.label in ("GPE", "LOC", "FAC")
        if (named_place and e.type != "country") or (locative and (e.type == "country" or named_place)):
            found.add(e.id)
    return sorted(found)


def _clauses_of_other_nouns(scope: Sequence[Token], figure: set[int]) -> set[int]:
    """The tokens of relative and noun clauses in the scope that do not hold the figure. A clause on
    the noun the figure counts describes the counted things themselves ("the 271 houses lost in
    Halvik"): its places scope the figure."""
    if not figure:
        return set()
    out: set[int] = set()
    for token in scope:
        if token.dep_ in ("relcl", "acl") and token.head.i not in figure:
            clause = {t.i for t in token.subtree}
            if clause.isdisjoint(figure):
                out |= clause
    return out


def as_of_date(scope: Sequence[Token], dates: Sequence[DateRef], document_date: dt.date | None, own: DateRef | None = None) -> str | None:
    """A day-level date in the figure's own clause ("by Monday", "on 19 January"), else the byline
    date. A date in another clause ("Since it was declared on 21 October, ...") dates something else."""
    if scope:
        lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1].text)
        for d in dates:
            if d is own or d.first is None or d.first != d.last or d.kind in ("since", "range"):
                continue
            if lo <= d.start and d.end <= hi:
                return d.first
    return document_date.isoformat() if document_date else None


def is_running(sentence: Span, verb: Token | None) -> bool:
    text = sentence.text.lower()
    if any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in lexicon().running_cues):
        return True
    if verb is None:
        return False
    # perfect aspect: "has risen to", "have been recorded"
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children)


def is_revised(sentence: Span) -> bool:
    cues = lexicon().revision_cues
    return any(t.lemma_.lower() in cues or t.lower_ in cues for t in sentence)


def attribution_of(sentence: Span) -> str | None:
    """"according to X" -> X; "X said" -> X (the source's own words, lower-cased)."""
    lex = lexicon()
    for t in sentence:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            objects = [c for c in t.nbor(1).children if c.dep_ == "pobj"]
            if objects:
                return " ".join(w.lower_ for w in objects[0].subtree if w.is_alpha)
    for t in sentence:
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.attribution_verbs:
            subjects = [c for c in t.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
            if subjects:
                return " ".join(w.lower_ for w in subjects[0].subtree if w.is_alpha)
    return None


def estimator_of(verb: Token | None) -> str | None:
    """Who makes the estimate the figure is: the subject of its estimating verb ("the survey put the
    lead at 9 points", "engineers estimate the cost at $40 million"), lower-cased."""
    if verb is None:
        return None
    for v in verb_chain(verb):
        estimating = verb_modality(v) == "estimate"
        # the active subject only: "the cost, estimated at $40 million" names what is estimated
        subject = next((c for c in v.children if c.dep_ == "nsubj"), None) if estimating else None
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return " ".join(w.lower_ for w in subject.subtree if w.is_alpha)
    return None


def owners_of(anchor: Token, verb: Token | None, figure_tokens: Sequence[Token], taken: Sequence[tuple[int, int]]) -> list[str]:
    """The names a figure belongs to, lower-cased: possessors and name compounds of the nouns it
    hangs from, and the proper nouns of its clause's subject when the figure is not that subject."""
    inside = {t.i for t in figure_tokens}
    nouns = [t for t in figure_tokens if t.pos_ in ("NOUN", "PROPN", "NUM", "SYM")]
    for head in climb(anchor):
        if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADP" and head.lower_ != "of"):
            break
        nouns.append(head)
    names: list[Token] = []
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                names += [t for t in child.subtree if t.pos_ == "PROPN"]
    pronouns = lexicon().referring_pronouns
    refers_back = any(c.dep_ == "poss" and c.lower_ in pronouns for noun in nouns for c in noun.children)
    if verb is not None:
        subject = subject_of(verb) or _doer_of_participle(verb)
        if subject is not None and subject.i not in inside:
            # "Peyton Marlow, who completed 25 passes": the relative's antecedent, without the relative
            relative = {t.i for t in verb.subtree} if verb.dep_ == "relcl" and subject.i == verb.head.i else set()
            phrase = [t for t in subject.subtree if t.i not in relative]
            if not any(t.i in inside for t in phrase):
                names += [t for t in phrase[:8] if t.pos_ == "PROPN"]
                refers_back = refers_back or subject.lower_ in pronouns
    if refers_back and not names:
        names += _antecedent_names(anchor)  # "He hit six boundaries in his 86-ball knock"
    return sorted({t.lower_ for t in names if t.is_alpha and not any(start <= t.idx < end for start, end in taken)})


def _doer_of_participle(verb: Token) -> Token | None:
    """The subject a participle without its own takes from the clause it modifies ("Ames scored
    twice, hitting seven boundaries", "after hitting seven boundaries"): the one who does it."""
    if verb.tag_ != "VBG":
        return None
    governing = verb.head
    if verb.dep_ == "pcomp" and governing.dep_ == "prep":
        governing = governing.head
    elif verb.dep_ != "advcl":
        return None
    return subject_of(governing) if governing.pos_ in ("VERB", "AUX") and governing.i != verb.i else None


def _antecedent_names(anchor: Token) -> list[Token]:
    """The proper nouns of the previous sentence's subject: what a pronoun opening the next sentence
    most often refers to."""
    start = anchor.sent.start
    if start == 0:
        return []
    previous = anchor.doc[start - 1].sent
    subject = subject_of(previous.root) if previous.root.pos_ in ("VERB", "AUX") else None
    return [t for t in list(subject.subtree)[:8] if t.pos_ == "PROPN"] if subject is not None else []


_NOUN_PHRASE_MODIFIERS = ("nummod", "compound", "amod", "quantmod", "nmod", "punct")


def is_presupposed(anchor: Token, figure_tokens: Sequence[Token], verb: Token | None = None) -> bool:
    """The claim restates what the reader is taken to know: a figure modifying a noun whose phrase
    refers back to a known set, by a presupposing determiner ("the 10,480 graduates", "all 24
    districts") or a possessor ("the plant's 620 employees"); or a date in a subordinate clause
    that takes its event as known ("When construction began in 2016, ...")."""
    if verb is not None and verb.dep_ in ("advcl", "relcl") and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in lexicon().presupposing_markers for c in verb.children
    ):
        return True
    determiners = lexicon().presupposing_determiners
    # "all 24 districts": the determiner hangs on the number itself
    numbers = [t for t in [anchor, *figure_tokens] if t.like_num or t.pos_ == "NUM"]
    if any(c.dep_ in ("quantmod", "det", "predet") and c.lower_ in determiners and c.i < n.i
           for n in numbers for c in n.children):
        return True
    noun = anchor
    for _ in range(4):
        if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ not in ("compound", "nmod"):
            break
        if noun.dep_ not in _NOUN_PHRASE_MODIFIERS or noun.head.i == noun.i:
            return False
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN") or (noun.i == anchor.i and not figure_tokens):
        return False
    # "the 10,480 graduates", or "each of the 86 turbines" (the determiner of the partitive's object)
    return any(
        (child.dep_ in ("det", "predet") and child.lower_ in determiners) or child.dep_ == "poss"
        for child in noun.children if child.i < min(t.i for t in [anchor, *figure_tokens])
    )


def in_noun_clause(anchor: Token) -> bool:
    """The figure sits in a clause that describes a noun instead of carrying the sentence: a relative
    clause ("Argentina, which holds a 60% stake, ...", "the plant that employs 850 people") or the
    content of a noun ("the plan to cut 850 jobs")."""
    clause = next((t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return clause is not None and clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN")


def is_partitive(anchor: Token, figure_tokens: Sequence[Token]) -> bool:
    """A number with "of" and a determined set after it: "13 of the 30 men", "five of them"."""
    numbers = [t for t in [anchor, *figure_tokens] if t.like_num or t.pos_ == "NUM"]
    for number in numbers:
        for prep in number.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (pobj.pos_ == "PRON" or any(c.dep_ in ("det", "poss", "nummod") for c in pobj.children)):
                    return True
    return False


def is_partitive_whole(anchor: Token, figure_tokens: Sequence[Token]) -> bool:
    """The figure is the whole a partitive takes its part from: "870" in "230 of the province's 870
    schools"."""
    inside = {t.i for t in figure_tokens} | {anchor.i}
    noun = noun_of_number(anchor)
    return noun.dep_ == "pobj" and _takes_a_part(noun.head, inside)


def noun_of_number(anchor: Token) -> Token:
    """The noun a number is the count or amount of, through the modifiers it hangs from ("870" in
    "the 870 state schools" -> schools), else the number itself."""
    noun = anchor
    while noun.dep_ in ("nummod", "quantmod", "compound") and noun.head.i != noun.i and noun.head.i > noun.i:
        noun = noun.head
    return noun


def _takes_a_part(prep: Token, inside: set[int]) -> bool:
    """An "of" after a number outside the figure: the figure after it is the whole of that part."""
    return (prep.lower_ == "of" and prep.dep_ == "prep" and prep.i not in inside
            and prep.head.i not in inside and prep.head.like_num)


def is_moving(anchor: Token, verb: Token | None, quantity: Quantity | None) -> bool:
    """A change, or the level a change reaches ("rose 3%", "closed up 1.4%", "slid to $64.10"), or a
    level its sentence says it moved from ("quoted at 126.97 yen, slightly up from 126.84"); not a
    count of the things a change verb happened to ("58 containers were lost", "will cut 600 jobs":
    the things counted, a count like any other, not a level that moved)."""
    if verb is not None and _counts_what_the_verb_acted_on(anchor, verb, quantity):
        return False
    if quantity is not None and quantity.change:
        return True
    changes = lexicon().change_verbs
    if any(t.lower_ == "from" and t.head.lemma_.lower() in changes and any(_is_figure(c) for c in t.children if c.dep_ == "pobj")
           for t in anchor.sent):
        return True
    if verb is None:
        return False
    if verb.lemma_.lower() in changes:
        return True
    return anchor.dep_ == "pobj" and anchor.head.lower_ in ("to", "from") and anchor.head.head.lemma_.lower() in changes


def _counts_what_the_verb_acted_on(anchor: Token, verb: Token, quantity: Quantity | None) -> bool:
    if quantity is None or quantity.dimension != "count":
        return False
    if quantity.value is not None and not float(quantity.value).is_integer():
        return False  # "the index gained 7.35 points": things are counted in whole numbers; a measure is not
    counted = anchor.head if anchor.dep_ == "nummod" else anchor
    if counted.dep_ == "pobj" and counted.head.lower_ == "of":
        counted = counted.head.head  # "a total of 85 containers had been lost"
    return counted.head.i == verb.i and counted.dep_ in ("dobj", "nsubjpass")


def _of_preps(noun: Token) -> list[Token]:
    """The noun's "of" phrases, and the one the parser hung on the noun's verb right after the noun
    ("replace 32 km (20 miles) of leaking mains": the mains are what the kilometres measure)."""
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    after = noun.right_edge.i + 1
    if not preps and noun.dep_ == "dobj" and after < len(noun.doc):
        follower = noun.doc[after]
        if follower.lower_ == "of" and follower.dep_ == "prep" and follower.head.i == noun.head.i:
            preps.append(follower)
    return preps


def _of_objects(prep: Token) -> list[Token]:
    """The nouns an "of" takes: its object, or the object of a participle the parser read as a
    gerund ("of leaking mains")."""
    objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
    objects += [g for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"
                for g in c.children if g.dep_ == "dobj" and g.pos_ == "NOUN" and g.i > c.i]
    return objects


def _is_figure(token: Token) -> bool:
    """A number, or a noun a number counts ("126.84 yen")."""
    return token.like_num or any(c.dep_ == "nummod" and c.like_num for c in token.children)


def read_frame(
    *,
    anchor: Token,
    verb: Token | None,
    figure_tokens: Sequence[Token],
    sentence: Span,
    scope: Sequence[Token],
    entities: Sequence[EntityMention],
    quantities: Sequence[Quantity],
    dates: Sequence[DateRef],
    document_date: dt.date | None,
    own_date: DateRef | None = None,
    extra_measure: Sequence[str] = (),
    quantity: Quantity | None = None,
    event: bool = False,
) -> Frame:
    # the words looked at are the sentence's and (for a pronoun's antecedent) the previous one's
    first = sentence.doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
    lo, hi = first, sentence.end_char
    quantities, dates = near(quantities, lo, hi), near(dates, lo, hi)
    taken = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    # countries, places and people are the figure's scope (its parties and places), not what it measures
    taken += [(e.start, e.end) for e in near(entities, lo, hi) if e.type in ("country", "place", "person")]
    return Frame(
        measure=measure_words(anchor, verb, figure_tokens, taken, extra_measure,
                              money=quantity is not None and quantity.currency is not None,
                              counts_things=quantity is not None and quantity.dimension == "count" and bool(quantity.unit)),
        context=context_words(verb, sentence, taken),
        places=places_of(scope, entities, figure_tokens),
        as_of=as_of_date(scope, dates, document_date, own_date),
        running=is_running(sentence, verb),
        revised=is_revised(sentence),
        attribution=attribution_of(sentence) or estimator_of(verb),
        moving=is_moving(anchor, verb, quantity),
        owners=owners_of(anchor, verb, figure_tokens, [(d.start, d.end) for d in dates] + [(q.start, q.end) for q in quantities]),
        presupposed=is_presupposed(anchor, figure_tokens, verb if event else None),
        noun_clause=in_noun_clause(anchor),
        partitive=False if event else is_partitive(anchor, figure_tokens),
    )
