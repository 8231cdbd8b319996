"""Scored sameness: do two claims state the same fact?

Two claims are first put through hard vetoes (different kind, unit dimension, disjoint periods,
the same sentence, two documents that tell different stories (``factlint.cluster.stories``),
different named things, places or parts when both state them, numbered siblings), and reasons
that rule out only a contradiction (``SOFT_VETOES``). A pair that survives is scored: each descriptor of the two frames is
compared (measure words, clause context, metric, parties, places, period, document) and the
comparisons are weighed by a logistic model whose weights and thresholds are *fitted*, never set by
hand: ``bench/sameness/fit.py`` estimates them from the dev corpora's gold clusters (same fact) and
traps (look-alike, different facts) and writes ``sameness_weights.json`` beside this module.

Every score is explained: ``explain`` lists the descriptors that agree and the ones that differ.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from factlint.claims.lexicon import lexicon
from factlint.cluster.compare import (
    date_bounds,
    head_of,
    is_bare_number,
    is_change,
    parts_of,
    period_key,
    scale_slip,
    tagged,
    transposition_evidence,
    unit_slip,
    value_interval,
)
from factlint.cluster.stories import similarity
from factlint.models import BOUND_OF_A_CLASS, PARTITIVE_WHOLE, PAST_THING, RATE, RELATION_METRICS, WINDOW, Claim
from factlint.nlp.countries import country_name
from factlint.nlp.dates import ordinal_word_value
from factlint.nlp.wordnet import may_count_persons, noun_category, related

FEATURES: tuple[str, ...] = (
    "metric_equal",
    "metric_similar",
    "measure_overlap",
    "context_overlap",
    "head_clash",
    "verb_clash",
    "kind_clash",
    "parties_shared",
    "parties_one_sided",
    "places_one_sided",
    "period_equal",
    "period_one_sided",
    "same_document",
    "unit_equal",
    "attribution_equal",
    "value_distance",
    "scale_slip",
    "as_of_equal",
    "both_running",
    "event",
    "things_shared",
    "things_one_sided",
    "kind_one_sided",
    "head_equal",
    "modality_differs",
    "counted_things_differ",
    "things_shared_by_topic",
    "years_apart",
    "presupposed",
    "presupposed_same_document",
    "measure_related",
    "digits_transposed",
    "value_distance_same_document",
    "restated_count_same_document",
    "restated_count_value_distance",
)
"""The compared descriptors, in the order of the fitted weights."""

OWN_DOCUMENT_FEATURES: frozenset[str] = frozenset({"restated_count_same_document", "restated_count_value_distance"})
"""Descriptors meant for the scorer of two disagreeing figures of one document (``SamenessModel.own_document``).
With ``fit.py --own-document-scorer`` the other scorers are fitted without them; the default fit
(one scorer per part) weighs them like any other feature."""

OWN_DOCUMENT_ADJUSTED: frozenset[str] = OWN_DOCUMENT_FEATURES | {
    "presupposed_same_document", "value_distance_same_document", "period_one_sided", "modality_differs"}
"""The descriptors whose weight the own-document scorer fits anew on top of the conflict scorer's: a
restatement holds at the period and in the mode of what it restates, and within one article how far
apart two figures are says more than across two."""


@dataclass(frozen=True)
class Weights:
    weights: dict[str, float]
    bias: float
    threshold: float
    event_threshold: float | None = None
    """The cut for two dated events, fitted apart from figures' (None: ``threshold``)."""
    own_document_threshold: float | None = None
    """The cut for two figures of one document, fitted apart (None: ``threshold``)."""
    slip_threshold: float | None = None
    """The cut for two disagreeing figures with the same digits at another scale or unit (a slip),
    fitted apart: such a pair shares fewer other descriptors than two figures that merely differ
    (None: ``threshold``)."""

    def score(self, features: dict[str, float]) -> float:
        return _sigmoid(self.logit(features))

    def logit(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


@dataclass(frozen=True)
class SamenessModel:
    """Two fitted scorers: one for pairs whose values agree (is this one fact, to be clustered?),
    one for pairs whose values cannot both hold (is this one fact stated two ways, a finding?)."""

    agree: Weights
    conflict: Weights
    fitted_on: tuple[str, ...] = ()
    story_threshold: float = 0.0
    """Two documents whose topics are less similar than this tell different stories
    (``factlint.cluster.stories``); 0 when not fitted."""
    contradiction_threshold: float = 0.0
    """Two documents less similar than this may share a fact but are not taken to contradict each
    other: the lowest similarity of two documents holding a planted cross-document contradiction of
    the tuned corpora; 0 when not fitted."""
    own_document: Weights | None = None
    """For two disagreeing figures of one document, what the own-document descriptors
    (``OWN_DOCUMENT_FEATURES``) add to the conflict scorer's evidence, fitted on such pairs only (in
    news they are mostly two things), with its own threshold; None: the conflict scorer alone, cut
    at its ``own_document_threshold``."""

    def score(self, features: dict[str, float], *, agreeing: bool, own_document: bool = False) -> float:
        if not agreeing and own_document and self.own_document is not None:
            return _sigmoid(self.conflict.logit(features) + self.own_document.logit(features))
        return (self.agree if agreeing else self.conflict).score(features)

    def same(self, score: float, *, agreeing: bool, event: bool = False, own_document: bool = False,
             slip: bool = False) -> bool:
        """``own_document``: two figures of one document (events are scored as any two events);
        ``slip``: two figures with the same digits at another scale or unit."""
        part = self.agree if agreeing else self.conflict
        if event and part.event_threshold is not None:
            return score >= part.event_threshold
        if slip and not agreeing and not event and part.slip_threshold is not None:
            return score >= part.slip_threshold
        if own_document and not event and not agreeing and self.own_document is not None:
            return score >= self.own_document.threshold
        if own_document and not event and part.own_document_threshold is not None:
            return score >= part.own_document_threshold
        return score >= part.threshold


WEIGHTS_FILE = "sameness_weights.json"


@lru_cache(maxsize=1)
def fitted_model() -> SamenessModel:
    """The model ``bench/sameness/fit.py`` wrote; see that script to re-fit it."""
    return model_from_json(resources.files("factlint.cluster").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def model_from_json(text: str) -> SamenessModel:
    """A sameness model from the weights file's JSON (the format ``bench/sameness/fit.py`` writes)."""
    raw = json.loads(text)

    def weights(part: dict) -> Weights:
        event, own, slip = part.get("event_threshold"), part.get("own_document_threshold"), part.get("slip_threshold")
        return Weights({k: float(v) for k, v in part["weights"].items()}, float(part["bias"]), float(part["threshold"]),
                       float(event) if event is not None else None, float(own) if own is not None else None,
                       float(slip) if slip is not None else None)

    stories = raw.get("stories", {})
    own = weights(raw["own_document"]) if "own_document" in raw else None
    return SamenessModel(agree=weights(raw["agree"]), conflict=weights(raw["conflict"]), fitted_on=tuple(raw.get("fitted_on", ())),
                         story_threshold=float(stories.get("threshold", 0.0)),
                         contradiction_threshold=float(stories.get("contradiction_threshold", 0.0)), own_document=own)


# ---------------------------------------------------------------- word weights


MIN_ENTITIES_TO_TELL = 3
"""Two documents are unrelated only when both name at least this many entities and share none: a
short story naming one party (perhaps the wrong one) is not set aside."""


class WordWeights:
    """What the corpus says about its claims' words and things: inverse document frequency of frame
    words (a rare shared word says more about sameness than a common one), and each document's
    topic thing (its most claimed-about named project or facility), the weaker fallback scope of a
    claim that names none."""

    def __init__(self, claims: Iterable[Claim], entity_counts: dict[str, dict[str, int]] | None = None,
                 topics: dict[str, dict[str, float]] | None = None, story_threshold: float = 0.0,
                 contradiction_threshold: float = 0.0):
        self.df: Counter = Counter()
        self.n = 0
        things: set[str] = set()
        for claim in claims:
            self.n += 1
            self.df.update(set(measure_of(claim)) | set(context_of(claim)))
            things |= {e.id for e in claim.entities if e.type in ("project", "facility")}
            if claim.subject:
                things.add(claim.subject)
        self.topic: dict[str, str] = {}
        # each document's named entities: two stories about one thing share most of them
        self._doc_entities: dict[str, frozenset[str]] = {
            doc: frozenset(e for e, n in counts.items() if n > 0) for doc, counts in (entity_counts or {}).items()
        }
        self._topics = topics or {}
        self._story_threshold = story_threshold
        self._contradiction_threshold = contradiction_threshold
        self._close: dict[tuple[str, str], bool] = {}
        self._related: dict[tuple[str, str], bool] = {}
        for doc, counts in (entity_counts or {}).items():
            ranked = sorted(((n, e) for e, n in counts.items() if e in things), reverse=True)[:2]
            if ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
                self.topic[doc] = ranked[0][1]

    def related(self, doc_a: str, doc_b: str) -> bool:
        """Whether two documents may tell one story: their topics are at least as similar as the
        fitted story threshold; without topics, unless both name enough entities and share none.
        Nothing is ruled out for lack of data."""
        if doc_a == doc_b:
            return True
        key = (doc_a, doc_b) if doc_a < doc_b else (doc_b, doc_a)
        if key not in self._related:
            self._related[key] = self._tell_one_story(doc_a, doc_b)
        return self._related[key]

    def close_enough_to_contradict(self, doc_a: str, doc_b: str) -> bool:
        """Whether two documents are as alike as documents that contradict each other are: below the
        fitted contradiction threshold, two stories on one beat ("killed", "people", "police") may
        share a figure by chance but do not contradict each other. Without topics, they may."""
        if doc_a == doc_b or self._contradiction_threshold <= 0:
            return True
        key = (doc_a, doc_b) if doc_a < doc_b else (doc_b, doc_a)
        if key not in self._close:
            ta, tb = self._topics.get(key[0]), self._topics.get(key[1])
            self._close[key] = not ta or not tb or similarity(ta, tb) >= self._contradiction_threshold
        return self._close[key]

    def _tell_one_story(self, doc_a: str, doc_b: str) -> bool:
        ta, tb = self._topics.get(doc_a), self._topics.get(doc_b)
        if ta and tb and self._story_threshold > 0:
            return similarity(ta, tb) >= self._story_threshold
        ea, eb = self._doc_entities.get(doc_a), self._doc_entities.get(doc_b)
        if min(len(ea or ()), len(eb or ())) < MIN_ENTITIES_TO_TELL:
            return True  # a story that names little rules nothing out
        return not ea.isdisjoint(eb)

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0

    def overlap(self, a: Sequence[str], b: Sequence[str]) -> float:
        """IDF-weighted Jaccard overlap of two word sets, in [0, 1]."""
        sa, sb = set(a), set(b)
        union = sa | sb
        if not union:
            return 0.0
        return sum(self.idf(w) for w in sa & sb) / sum(self.idf(w) for w in union)


def measure_of(claim: Claim) -> list[str]:
    if claim.frame is not None and claim.frame.measure:
        return claim.frame.measure
    return [claim.metric]


def related_measures(a: Claim, b: Claim) -> list[tuple[str, str]]:
    """The pairs of words, one only in each claim's measure, that WordNet says may name one thing
    ("homes" and "houses", "deaths" and "died")."""
    ma, mb = set(measure_of(a)), set(measure_of(b))
    return [(x, y) for x in sorted(ma - mb) for y in sorted(mb - ma) if related(x, y)]


def _as_related_words_of(claim: Claim, other: Claim) -> list[str]:
    """``claim``'s measure with each word WordNet relates to a word only ``other``'s measure has
    written as that word ("died" as "deaths"): one thing named in two words is one shared word."""
    linked: dict[str, str] = {}
    for word, related_word in related_measures(other, claim):
        linked.setdefault(related_word, word)
    return [linked.get(word, word) for word in measure_of(claim)]


def context_of(claim: Claim) -> list[str]:
    return claim.frame.context if claim.frame is not None else []


def places_of(claim: Claim) -> frozenset[str]:
    return frozenset(claim.frame.places) if claim.frame is not None else frozenset()


# ---------------------------------------------------------------- descriptors compared


def parties(claim: Claim, alias: dict[str, str]) -> frozenset[str]:
    """Countries and organisations the claim names as parties (a place it is scoped to is not one)."""
    places = places_of(claim)
    return frozenset(alias.get(e.id, e.id) for e in claim.entities
                     if not e.implied and e.type in ("country", "org") and e.id not in places)


def _value_distance(a: Claim, b: Claim) -> tuple[float, float]:
    """How far apart two figures are (|log10 ratio|, capped at 3) and whether they are a slip: the
    same digits under another scale word (x1000) or another unit of the dimension. A slip's distance
    is the slip's own (its digits agree): 0, so that the slip descriptor alone weighs it, not a
    trade between the two."""
    ia, ib = value_interval(a), value_interval(b)
    if ia is None or ib is None or not ia.point or not ib.point:
        return 0.0, 0.0
    if scale_slip(a, b) or unit_slip(a, b):
        return 0.0, 1.0
    distance = abs(math.log10(abs(ia.point)) - math.log10(abs(ib.point)))
    return min(distance, 3.0), 0.0


def scope_words(claim: Claim, alias: dict[str, str]) -> frozenset[str]:
    """The words of whatever a figure is scoped to: its named parties, things and places (an id's
    words; a country's name) and its owners ("the party's lead", "the Harbour Party's seats")."""
    ids = {alias.get(e.id, e.id) for e in claim.entities if not e.implied} | places_of(claim)
    if claim.subject:
        ids.add(alias.get(claim.subject, claim.subject))
    words = set(claim.frame.owners) if claim.frame is not None else set()
    for entity in ids:
        words |= entity_words(entity)
    return frozenset(words)


@lru_cache(maxsize=65536)
def entity_words(entity: str) -> frozenset[str]:
    """An entity id's words: a country's everyday name (entity ids of countries are ISO alpha-3
    codes, "AUS" -> australia), a slug's parts ("harbour-party" -> harbour, party)."""
    name = country_name(entity) if len(entity) == 3 and entity.isupper() else entity
    return frozenset(w for w in name.lower().replace("-", " ").split() if len(w) > 1)


def things(claim: Claim, alias: dict[str, str]) -> frozenset[str]:
    """The named things a claim is about: its subject and the projects or facilities it names."""
    named = {alias.get(e.id, e.id) for e in claim.entities if not e.implied and e.type in ("project", "facility", "org", "other")}
    if claim.subject:
        named.add(alias.get(claim.subject, claim.subject))
    return frozenset(named)


CORPUS_FEATURES: tuple[str, ...] = ("measure_overlap", "context_overlap", "things_shared_by_topic")
"""The features that depend on the whole corpus (the words' document frequencies, each document's
topic thing): worked out in every run. The others depend on the two claims and the acronym table
alone (``pair_features``), so a run may take them from an earlier one."""


def features(a: Claim, b: Claim, words: WordWeights, alias: dict[str, str],
             own: dict[str, float] | None = None) -> dict[str, float]:
    """Every descriptor compared, in the order of ``FEATURES``; ``own``: ``pair_features(a, b, alias)``
    when already known."""
    own = pair_features(a, b, alias) if own is None else own
    corpus = {
        "measure_overlap": words.overlap(measure_of(a), _as_related_words_of(b, a)),
        "context_overlap": words.overlap(context_of(a), context_of(b)),
        "things_shared_by_topic": float(_shared_by_topic(a, b, things(a, alias), things(b, alias), words, alias)),
    }
    return {name: corpus[name] if name in corpus else own[name] for name in FEATURES}


def pair_features(a: Claim, b: Claim, alias: dict[str, str]) -> dict[str, float]:
    """The features but ``CORPUS_FEATURES``."""
    ha, hb = head_of(a), head_of(b)
    va, vb = set(tagged(a, "verb")), set(tagged(b, "verb"))
    ka = {m for m in a.modifiers if m.startswith("kind:")}
    kb = {m for m in b.modifiers if m.startswith("kind:")}
    pa, pb = parties(a, alias), parties(b, alias)
    la, lb = places_of(a), places_of(b)
    period_a, period_b = period_key(a.period), period_key(b.period)
    unit_a = a.quantity.unit if a.quantity is not None else a.metric
    unit_b = b.quantity.unit if b.quantity is not None else b.metric
    attribution_a = a.frame.attribution if a.frame is not None else None
    attribution_b = b.frame.attribution if b.frame is not None else None
    distance, slip = _value_distance(a, b) if a.kind == "quantity" else (0.0, 0.0)
    ta, tb = things(a, alias), things(b, alias)
    # "the 10,480 graduates" restates a figure the reader was given: it names the same fact as that figure
    presupposed = bool((a.frame and a.frame.presupposed) or (b.frame and b.frame.presupposed))
    restating = a.doc == b.doc and restates_count_of(a, b)
    return {
        "metric_equal": float(a.metric == b.metric),
        "metric_similar": fuzz.token_set_ratio(a.metric, b.metric) / 100.0,
        "head_clash": float(bool(ha and hb and ha != hb)),
        "verb_clash": float(bool(va and vb and va.isdisjoint(vb))),
        "kind_clash": float(bool(ka and kb and ka.isdisjoint(kb))),
        "parties_shared": float(bool(pa & pb)),
        "parties_one_sided": float(bool(pa) != bool(pb)),
        "places_one_sided": float(bool(la) != bool(lb)),
        "period_equal": float(period_a is not None and period_a == period_b),
        "period_one_sided": float((period_a is None) != (period_b is None)),
        "same_document": float(a.doc == b.doc),
        "unit_equal": float(unit_a == unit_b),
        "attribution_equal": float(bool(attribution_a and attribution_a == attribution_b)),
        "value_distance": distance,
        "scale_slip": slip,
        "as_of_equal": float(bool(a.frame and b.frame and a.frame.as_of and a.frame.as_of == b.frame.as_of)),
        "both_running": float(bool(a.frame and b.frame and a.frame.running and b.frame.running)),
        "event": float(a.kind == "event"),
        "things_shared": float(bool(ta & tb)),
        "things_one_sided": float(bool(ta) != bool(tb)),
        "kind_one_sided": float(bool(ka) != bool(kb)),
        "head_equal": float(bool(ha and ha == hb)),
        "modality_differs": float(a.modality != b.modality),
        "counted_things_differ": float(_counted_things_differ(a, b)),
        "years_apart": _years_apart(a, b),
        "presupposed": float(presupposed),
        "presupposed_same_document": float(presupposed and a.doc == b.doc),
        "measure_related": float(bool(related_measures(a, b))),
        # a coincidence of more digits is less likely: the evidence grows with the digits swapped among
        "digits_transposed": transposition_evidence(a, b) if a.kind == "quantity" else 0.0,
        # an article restating its own figure wrongly is off by a slip of the pen; two figures of
        # one measure far apart in one article are more often two things
        "value_distance_same_document": distance if a.doc == b.doc else 0.0,
        "restated_count_same_document": float(restating),
        # a count restated off by a slip is near the count it restates; far from it, it is another set
        "restated_count_value_distance": distance if restating else 0.0,
    }


SOFT_VETOES = frozenset({"modality", "different counted things", "bare number", "part and whole", "no shared measure",
                         "different owners", "different scopes", "one numbered", "another time", "different days",
                         "part of a set", "change and level", "no restatement", "distant stories",
                         "different estimators"})
"""Reasons that rule out a contradiction but not an agreement: a plan equal to the outcome, or
"1,480 lecturers" equal to "1,480 academic staff", or "it stood at 187" equal to "187 deaths", may
well be one fact (scored, not vetoed); a different figure with no unit says too little to contradict."""


REPORTED_MODES = frozenset({"actual", "estimate"})
"""Modalities of a figure for what is or was: "an estimated €52 billion" and "€47 billion" may
report one cost (how much they differ in mode is the fitted ``modality_differs``); a forecast, plan
or target is of what is to be, another fact than the outcome."""


def veto(a: Claim, b: Claim, alias: dict[str, str], words: WordWeights | None = None) -> str | None:
    """Why two claims cannot state the same fact, or None when nothing rules it out. The reasons in
    ``SOFT_VETOES`` only rule out a contradiction; "period" and "modality" still leave a x1000 slip."""
    reason = _veto(a, b, alias, words)
    if reason is None and words is not None and not words.close_enough_to_contradict(a.doc, b.doc):
        return "distant stories"
    if reason is None and a.doc == b.doc and not (_background(a) or _background(b)):
        # an article contradicts itself when it restates a fact as background ("the 10,480
        # graduates", "once construction began in 2019", "X, which holds a 60% stake") against
        # what it asserts; two assertions of one measure in one article are, in news, two things
        return "no restatement"
    return reason


def _veto(a: Claim, b: Claim, alias: dict[str, str], words: WordWeights | None) -> str | None:
    if a.kind != b.kind:
        return "kind"
    if a.doc == b.doc and a.sentence == b.sentence:
        return "same sentence"
    if words is not None and not words.related(a.doc, b.doc):
        return "unrelated documents"  # two stories that name nothing in common (a news feed)
    sa = alias.get(a.subject, a.subject) if a.subject else None
    sb = alias.get(b.subject, b.subject) if b.subject else None
    if sa and sb and sa != sb:
        return "different things"
    la, lb = places_of(a), places_of(b)
    if la and lb and la.isdisjoint(lb):
        return "different places"
    if parts_of(a) != parts_of(b):
        return "different parts"
    if a.kind == "event":
        if a.metric != b.metric or a.metric in RELATION_METRICS:
            return "different events"
        if (a.modality in REPORTED_MODES) != (b.modality in REPORTED_MODES):
            # "expected to open by 15 September" and "opened on 17 September": a plan and its
            # outcome; a forecast and a target date of one event still compare
            return "modality"
        return None
    if _rates(a) != _rates(b):
        return "rate"  # "60 refugees die every day" is not a count of the refugees, at any scale
    numbered = _numbered_apart(a, b)
    if numbered is not None:
        return numbered
    if _counted_things_differ(a, b):
        return "different counted things"
    if bool(a.frame and a.frame.partitive) != bool(b.frame and b.frame.partitive):
        return "part of a set"  # "13 of the 30 men" is not the size of the group
    if (BOUND_OF_A_CLASS in a.modifiers) != (BOUND_OF_A_CLASS in b.modifiers):
        return "part of a set"  # "ships of up to 180 metres" against "the 240-metre ship"
    if _whole_against_a_count(a, b) or _whole_against_a_count(b, a):
        return "part of a set"  # "six of the country's ten provinces" against "spread to seven provinces"
    if (PAST_THING in a.modifiers) != (PAST_THING in b.modifiers):
        return "another time"  # "the then 15-member bloc" against its 25 member states
    if _sets_apart(a) != _sets_apart(b) and counts_same_things(a, b):
        return "part of a set"  # "nine other players" are not "all 10 players": the other ones
    if _restricted_apart(a, b) or _restricted_apart(b, a):
        return "part of a set"  # "2,140 members who returned ballots" are not all its members
    if is_change(a) != is_change(b):
        return "change and level"  # "dropped 1.53 points" is not the index's level
    if is_bare_number(a) or is_bare_number(b):
        return "bare number"
    if bool(la) != bool(lb):
        return "part and whole"  # "nine people in Ostrel" may be part of a total that names no place
    if tagged(a, "group") != tagged(b, "group"):
        return "part and whole"  # "30 Pakistani pilgrims" may be part of "343 pilgrims"
    oa = set(a.frame.owners) if a.frame is not None else set()
    ob = set(b.frame.owners) if b.frame is not None else set()
    if oa and ob and not (oa <= ob or ob <= oa):
        # "Guinness shares" and "Lloyds shares", the "Lyon-Turin" and "Milan-Turin" lines; the
        # same figure may be misattributed
        return "different owners"
    sa_words, sb_words = scope_words(a, alias), scope_words(b, alias)
    if a.doc != b.doc and sa_words and sb_words and sa_words.isdisjoint(sb_words):
        # what each figure belongs to, named in any way (a party, a thing, a place, an owner), and
        # nothing in common: one party's lead and another's gap, one party's seats and another's
        return "different scopes"
    if a.metric != b.metric and set(measure_of(a)).isdisjoint(measure_of(b)) and not related_measures(a, b):
        return "no shared measure"  # "exports" and "two-way trade": say nothing when the words differ
    period_a, period_b = period_key(a.period), period_key(b.period)
    if period_a is not None and period_b is not None and period_a != period_b:
        return "period"
    window_a, window_b = _windows(a), _windows(b)
    if window_a and window_b and window_a != window_b:
        return "period"  # "graduated within four years" and "within six years": two windows
    if _estimated_apart(a, b):
        return "different estimators"  # a police count and the organisers' estimate: two estimates
    if _on_different_days(a, b):
        return "different days"  # "killed 14 people on Thursday", "killed 31 on Friday": two events
    if (a.modality != b.modality and not {a.modality, b.modality} <= REPORTED_MODES
            and not (a.doc == b.doc and restates_count_of(a, b))):
        # a count restated in its own article holds in the mode of the count it restates, whatever
        # its clause says ("with each of the 86 turbines needing ..., the seabed will look")
        return "modality"
    return None


def _ordinals_of(claim: Claim) -> frozenset[int]:
    return frozenset(n for n in map(ordinal_word_value, claim.modifiers) if n is not None)


def _numbered_apart(a: Claim, b: Claim) -> str | None:
    """"numbered siblings": the figures are for things of one kind numbered apart ("the first
    route", "the second route"). "one numbered": one figure is for a thing numbered after another
    of its kind ("the second route to X") and the other for the thing unnumbered ("the X route"):
    it may be the same thing (an article on a second phase calls it "the phase" too), so the pair
    may agree or be a x1000 slip, but two different values are no contradiction. "first" alone
    tells nothing: the first of a kind is often the only one named."""
    oa, ob = _ordinals_of(a), _ordinals_of(b)
    if oa and ob and oa.isdisjoint(ob):
        return "numbered siblings"
    if bool(oa) != bool(ob) and max(oa | ob) >= 2:
        return "one numbered"
    return None


def _restricted_apart(a: Claim, b: Claim) -> bool:
    """``a`` counts the things a relative clause picks out ("members who returned ballots") that
    ``b`` neither picks out so nor measures: a part of ``b``'s set, not a count of it ("300 people
    who were evacuated" may well be "250 people were evacuated", wrongly)."""
    concept = lexicon().concept  # measures hold concepts ("tripped" is measured as its concept)
    own = {concept(w) for w in tagged(a, "restricted")}
    return bool(own - {concept(w) for w in tagged(b, "restricted")} - set(measure_of(b)))


def _background(claim: Claim) -> bool:
    """The claim restates a fact (presupposed) or describes a thing the sentence names (a clause on a
    noun): background, not what its sentence asserts."""
    return bool(claim.frame and (claim.frame.presupposed or claim.frame.noun_clause))


def restated_count(claim: Claim) -> bool:
    """The claim gives again a count the reader was given: a presupposed figure counting the noun of
    its phrase ("the 1,900 strikers", "the plant's 430 employees"), not one naming a kind of another
    noun ("the 15-member bloc", "his 65-ball knock", whose metric is that noun)."""
    q = claim.quantity
    return bool(claim.frame and claim.frame.presupposed and q is not None and q.dimension == "count" and q.unit
                and head_of(claim) != claim.metric and q.unit not in lexicon().generic_count_nouns)


def counts_same_things(a: Claim, b: Claim) -> bool:
    """Both figures count one kind of thing: the same counted noun, one concept of the lexicon, words
    WordNet relates ("houses", "homes"), or a generic noun counted by the other's measure ("employs
    640 people", "430 employees")."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or qa.dimension != "count" or qb.dimension != "count" or not qa.unit or not qb.unit:
        return False
    lex = lexicon()
    if qa.unit == qb.unit or lex.concept(qa.unit) == lex.concept(qb.unit) or related(qa.unit, qb.unit):
        return True
    generic = lex.generic_count_nouns
    return (qa.unit in generic or qb.unit in generic) and a.metric == b.metric


def restates_count_of(a: Claim, b: Claim) -> bool:
    """One claim restates the other's count: a restated count of the things the other asserts it
    counts, neither setting its things apart ("nine other players")."""
    if not counts_same_things(a, b) or _sets_apart(a) or _sets_apart(b):
        return False
    return (restated_count(a) and not _background(b)) or (restated_count(b) and not _background(a))


def _whole_against_a_count(whole: Claim, other: Claim) -> bool:
    """The whole of a partitive is a set's size: it says nothing of another source's count of that
    set's things that is not itself a size ("the 24 districts", "all 24 districts"). An article that
    restates its own set's size ("12 of its 90 depots", later "its 80 depots") may contradict
    itself."""
    return (whole.doc != other.doc and PARTITIVE_WHOLE in whole.modifiers and PARTITIVE_WHOLE not in other.modifiers
            and not (other.frame is not None and other.frame.presupposed))


def _estimated_apart(a: Claim, b: Claim) -> bool:
    """Both figures are estimates and each names who made it, with no word in common: two
    estimators' figures for one thing differ without either being wrong."""
    if a.modality != "estimate" or b.modality != "estimate" or a.frame is None or b.frame is None:
        return False
    sa, sb = _source_words(a.frame.attribution), _source_words(b.frame.attribution)
    return bool(sa and sb and sa.isdisjoint(sb))


def _source_words(source: str | None) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in (source or "").split() if w not in STOP_WORDS)


def _windows(claim: Claim) -> frozenset[str]:
    return frozenset(m for m in claim.modifiers if m.startswith(WINDOW))


def _rates(claim: Claim) -> frozenset[str]:
    return frozenset(m for m in claim.modifiers if m.startswith(RATE))


def _sets_apart(claim: Claim) -> bool:
    """The count says its things are others than the ones counted before ("nine other players",
    "10 more teachers"); a qualifier's words are not such a word ("more than 10,000 teachers")."""
    words = claim.text.lower().split()
    qualifier = claim.quantity.qualifier.split() if claim.quantity is not None and claim.quantity.qualifier else []
    if qualifier and words[:len(qualifier)] == qualifier:
        words = words[len(qualifier):]
    return not lexicon().set_apart_words.isdisjoint(words)


def _on_different_days(a: Claim, b: Claim) -> bool:
    """Both figures are dated to a day or a week (the event that carries them) and the days do not
    meet, and neither is a running total (which would be a timeline)."""
    ba, bb = date_bounds(a.period), date_bounds(b.period)
    if ba is None or bb is None or period_key(a.period) is not None or period_key(b.period) is not None:
        return False
    if (a.frame and a.frame.running) or (b.frame and b.frame.running):
        return False
    return ba[1] < bb[0] or bb[1] < ba[0]


def _shared_by_topic(a: Claim, b: Claim, ta: frozenset[str], tb: frozenset[str], words: WordWeights,
                     alias: dict[str, str]) -> bool:
    """One claim names a thing, the other names none but its article is about that thing."""
    if bool(ta) == bool(tb):
        return False
    named, bare = (ta, b) if ta else (tb, a)
    topic = words.topic.get(bare.doc)
    return topic is not None and alias.get(topic, topic) in named


def _years_apart(a: Claim, b: Claim) -> float:
    """How far apart the two reports are (as-of dates, in years, at most 5; 0 when unknown)."""
    if a.frame is None or b.frame is None or not a.frame.as_of or not b.frame.as_of:
        return 0.0
    try:
        days = abs((dt.date.fromisoformat(a.frame.as_of) - dt.date.fromisoformat(b.frame.as_of)).days)
    except ValueError:
        return 0.0
    return min(days / 365.25, 5.0)


def _counted_things_differ(a: Claim, b: Claim) -> bool:
    """"14 airports" and "38 destinations" count different things; "850 people" may be "620 employees",
    and "364 homes" may be "364 houses" (WordNet relates them)."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or qa.dimension != "count" or qb.dimension != "count" or not qa.unit or not qb.unit:
        return False
    lex = lexicon()
    generic = lex.generic_count_nouns
    if qa.unit in generic or qb.unit in generic:
        word, other = (qa.unit, qb.unit) if qa.unit in generic else (qb.unit, qa.unit)
        # "2 million people" are not "two regions", though they may be "350 patients"
        return word in lex.person_count_nouns and other not in generic and not may_count_persons(other)
    model_a, model_b = any(ch.isdigit() for ch in qa.unit), any(ch.isdigit() for ch in qb.unit)
    if model_a != model_b and noun_category(qb.unit if model_a else qa.unit) == "noun.artifact":
        return False  # a model ("32 KX-90s") may be the other's made thing ("20 aircraft"), not "20 pilots"
    return lex.concept(qa.unit) != lex.concept(qb.unit) and not related(qa.unit, qb.unit)


def explain(a: Claim, b: Claim, feats: dict[str, float], score: float, reasons: list[str] | None = None) -> list[str]:
    """Why the pair was taken as one fact, in words a reviewer can check; ``reasons``:
    ``pair_reasons(a, b, feats)`` when already known."""
    return [*(pair_reasons(a, b, feats) if reasons is None else reasons), f"sameness {score:.2f}"]


def pair_reasons(a: Claim, b: Claim, feats: dict[str, float]) -> list[str]:
    """``explain``'s reasons but the score: the two claims' own (of the features, it reads only
    ``pair_features``)."""
    reasons = []
    shared = sorted(set(measure_of(a)) & set(measure_of(b)))
    if shared:
        reasons.append(f"same measure ({', '.join(shared[:4])})")
    elif feats["metric_equal"]:
        reasons.append(f"same metric ({a.metric})")
    linked = related_measures(a, b)
    if linked:
        reasons.append("related words (" + ", ".join(f"{x} ~ {y}" for x, y in linked[:3]) + ", WordNet)")
    if feats["parties_shared"]:
        reasons.append("same parties")
    if feats["period_equal"] and a.period is not None:
        reasons.append(f"same period ({a.period.value})")
    elif a.period is None and b.period is None:
        reasons.append("no period stated on either side")
    if a.modality == b.modality:
        reasons.append(f"both {a.modality}")
    if a.doc == b.doc and (_background(a) or _background(b)):
        background = a if _background(a) else b
        reasons.append(f'"{background.text}" is background (restated or in passing) to a figure the article states')
    if unit_slip(a, b):
        reasons.append(f'the same figure under another unit ("{a.text}", "{b.text}"), as a slip of the unit makes')
    if feats.get("digits_transposed"):
        reasons.append(f'the same digits with two swapped ("{a.text}", "{b.text}"), as a slip of the pen makes')
    context = sorted(set(context_of(a)) & set(context_of(b)) - set(shared))
    if context:
        reasons.append(f"shared context ({', '.join(context[:4])})")
    return reasons
