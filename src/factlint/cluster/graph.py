"""Blocking, pairing and clustering of claims.

Claims are first put in blocks that can only hold the same thing: figures by (unit comparison key,
period, modality), events by event class. Inside a block two claims are the *same thing* when their
metrics match (rapidfuzz), their subjects are compatible (numbered variants never are) and they
measure the same part. A same-thing pair then either agrees (the value intervals overlap, the dates
overlap) or conflicts. Clusters are the connected groups of agreeing claims.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from factlint.cluster.compare import (
    Interval,
    date_bounds,
    dates_compatible,
    day_of_year,
    digits_transposed,
    event_objects_match,
    happens_once,
    period_key,
    remember_interval,
    scale_slip,
    value_interval,
)
from factlint.cluster.derived import DerivedCache
from factlint.cluster.sameness import (
    CORPUS_FEATURES,
    FEATURES,
    SOFT_VETOES,
    SamenessModel,
    WordWeights,
    explain,
    features,
    fitted_model,
    measure_of,
    pair_features,
    pair_reasons,
    veto,
)
from factlint.models import RELATION_METRICS, Claim, Cluster, TimelinePoint
from factlint.claims.lexicon import lexicon
from factlint.nlp.countries import lookup_country
from factlint.nlp.entities import acronym_of
from factlint.nlp.wordnet import names_persons

Relation = Literal["agree", "conflict", "scale-slip", "update"]


@dataclass
class ClaimGraph:
    claims: dict[str, Claim]
    alias: dict[str, str]
    relations: dict[tuple[str, str], Relation] = field(default_factory=dict)
    document_frequency: Counter = field(default_factory=Counter)
    entity_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per document: how often it mentions each entity id (from the extractor)."""
    numbered_siblings: frozenset[str] = frozenset()
    """Ids of numbered variants that have a numbered sibling in the corpus ("phase-i", "phase-ii")."""
    sameness: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """For each related pair: why it was taken as one fact (see ``sameness.explain``)."""
    tell_one_story: Callable[[str, str], bool] | None = field(default=None, repr=False)
    """Whether two documents may tell one story (``WordWeights.related``); None: any may."""
    topic_things: dict[str, str] = field(default_factory=dict)
    """Per document: its topic thing (``WordWeights.topic``), a claim's weaker fallback scope."""
    pointers: dict[str, Claim] = field(default_factory=dict)
    """Claims the checks made to point a finding at where its words stand (where a party is named:
    ``checks.base.party_named``), by id; never clustered or compared (``pointers_of_findings``)."""

    def pointers_of_findings(self, findings: list) -> list[Claim]:
        """The pointer claims the findings hold, in id order: those of findings a check made and
        ``run_checks`` then dropped are left out."""
        held = {cid for finding in findings for cid in finding.claims if cid in self.pointers}
        return [self.pointers[cid] for cid in sorted(held)]

    conflicts: list | None = field(default=None, repr=False)
    """Cache for ``checks.conflicts.resolve_conflicts``."""
    _clusters: list | None = field(default=None, repr=False)
    _neighbour_index: dict = field(default_factory=dict, repr=False)
    _indexed_size: int = field(default=-1, repr=False)

    def one_story(self, doc_a: str, doc_b: str) -> bool:
        """Whether two documents may tell one story (True when the graph was built without topics)."""
        return self.tell_one_story is None or self.tell_one_story(doc_a, doc_b)

    def neighbours(self, claim_id: str, relation: str) -> list[str]:
        return sorted(self._index().get((claim_id, relation), ()))

    def _index(self) -> dict[tuple[str, str], list[str]]:
        """(claim id, relation) -> related claim ids, rebuilt only when relations change."""
        if self._indexed_size != len(self.relations):
            index: dict[tuple[str, str], list[str]] = defaultdict(list)
            for (a, b), rel in self.relations.items():
                index[(a, rel)].append(b)
                index[(b, rel)].append(a)
            self._neighbour_index, self._indexed_size = dict(index), len(self.relations)
        return self._neighbour_index

    def pairs(self, *relations: str) -> list[tuple[Claim, Claim, Relation]]:
        return [(self.claims[a], self.claims[b], rel) for (a, b), rel in sorted(self.relations.items()) if rel in relations]

    def canonical(self, entity_id: str) -> str:
        return self.alias.get(entity_id, entity_id)

    def clusters(self) -> list[Cluster]:
        if self._clusters is None:
            self._clusters = self._build_clusters()
        return self._clusters

    def _build_clusters(self) -> list[Cluster]:
        parent = {cid: cid for cid in self.claims}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        updated: set[str] = set()  # claims with an "update" relation: their cluster gets a timeline
        for (a, b), rel in sorted(self.relations.items()):
            if rel == "update":
                updated.add(a)
            if rel in ("agree", "update"):
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[str]] = defaultdict(list)
        for cid in sorted(self.claims):
            groups[find(cid)].append(cid)
        clusters = []
        for members in groups.values():
            if len(members) < 2:
                continue
            first = self.claims[members[0]]
            key = block_key(first)
            digest = hashlib.sha256("|".join(members).encode()).hexdigest()[:10]
            clusters.append(
                Cluster(
                    id=f"C-{digest}",
                    claims=members,
                    metric=first.metric,
                    key=" | ".join(str(k) for k in key),
                    consensus=consensus_text(self, members),
                    timeline=timeline_of(self, members) if updated & set(members) else [],
                )
            )
        return sorted(clusters, key=lambda c: c.claims)


def timeline_of(graph: ClaimGraph, members: list[str]) -> list[TimelinePoint]:
    """A moving figure's reports in as-of order (then document and offset)."""
    points = []
    for cid in members:
        claim = graph.claims[cid]
        as_of = claim.frame.as_of if claim.frame is not None else None
        value = claim.quantity.text if claim.quantity is not None else (claim.date.value if claim.date else claim.text)
        points.append((as_of or "", claim.doc, claim.start, TimelinePoint(claim=cid, as_of=as_of, value=value or "")))
    return [p[-1] for p in sorted(points, key=lambda p: p[:3])]


def consensus_text(graph: ClaimGraph, members: list[str]) -> str | None:
    texts = Counter()
    for cid in members:
        claim = graph.claims[cid]
        if claim.quantity is not None:
            texts[claim.quantity.text] += 1
        elif claim.date is not None and claim.date.value:
            texts[claim.date.value] += 1
    return texts.most_common(1)[0][0] if texts else None


def block_key(claim: Claim, interval: Interval | None = None) -> tuple:
    """What a cluster's claims share: kind, comparable unit (or event class), period, modality."""
    if claim.kind == "quantity":
        interval = interval or value_interval(claim)
        return ("quantity", interval.key if interval else None, period_key(claim.period), claim.modality)
    return ("event", claim.metric, claim.modality)


def acronym_aliases(entity_ids: set[str]) -> dict[str, str]:
    """Map an acronym's id to the long name it abbreviates anywhere in the corpus ("eu" -> "european-union")."""
    long_names: dict[str, str] = {}
    for entity_id in sorted(entity_ids):
        words = entity_id.split("-")
        if len(words) < 2 or entity_id.isupper():
            continue
        acronym = acronym_of(" ".join(w.capitalize() if w not in _FUNCTION_WORDS else w for w in words)).lower()
        if len(acronym) >= 2 and acronym != entity_id and acronym in entity_ids:
            long_names.setdefault(acronym, entity_id)
    return long_names


_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le", "y", "et"})


def country_form_aliases(entity_ids: set[str]) -> dict[str, str]:
    """Map a name of several words to the one that differs from it only in writing a country as its
    demonym where the other writes the country's name ("norwegian-export-credit" ->
    "norway-export-credit"): two spellings of one body. Two demonyms of one country ("welsh",
    "scottish") or a capital ("london") are other bodies' names, never spellings of one."""
    def form(word: str):
        found = lookup_country(word.capitalize()) if len(word) > 2 else None
        return found if found is not None and found.kind in ("name", "demonym") else None

    by_rest: dict[tuple[int, tuple[str, ...]], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entity_id in sorted(entity_ids):
        words = entity_id.split("-")
        if len(words) < 2:
            continue
        for at, word in enumerate(words):
            found = form(word)
            if found is not None:
                # the id with that word taken out, and which country, written which way, it held
                by_rest[(at, (*words[:at], found.alpha3, *words[at + 1:]))][found.kind].append(entity_id)
    aliases: dict[str, str] = {}
    for spellings in by_rest.values():
        if len(spellings.get("name", ())) == 1 and len(spellings.get("demonym", ())) == 1:
            aliases[spellings["demonym"][0]] = spellings["name"][0]
    return aliases


def name_aliases(entity_ids: set[str]) -> dict[str, str]:
    """``acronym_aliases``, ``country_form_aliases``, and a short name mapped to the one longer name of the corpus it begins
    ("tarnow" -> "tarnow-gorge-dam": a story names a thing in full once, then by its first
    words). A short name that begins several longer ones ("brelsk-mine", "brelsk-miners-union") is
    left alone; country codes are never short names."""
    aliases = acronym_aliases(entity_ids)
    for spelling, first in country_form_aliases(entity_ids).items():
        aliases.setdefault(spelling, aliases.get(first, first))
    longer: dict[str, set[str]] = defaultdict(set)
    for entity_id in entity_ids:
        words = entity_id.split("-")
        for n in range(1, len(words)):
            longer["-".join(words[:n])].add(entity_id)
    for short in sorted(entity_ids):
        if short in aliases or short.isupper() or len(longer.get(short, ())) != 1:
            continue
        (full,) = longer[short]
        aliases[short] = aliases.get(full, full)
    return aliases


def _named(graph: ClaimGraph, claim: Claim) -> frozenset[str]:
    return frozenset(graph.canonical(e.id) for e in claim.entities if not e.implied and e.type in ("country", "org"))


_NUMBER_SUFFIX = re.compile(r"-(?:\d+|[ivx]+)$")


def numbered_siblings(entity_ids: set[str]) -> frozenset[str]:
    """Ids ending in a number that share their stem with another numbered id ("phase-i", "phase-ii")."""
    stems: dict[str, set[str]] = defaultdict(set)
    for entity_id in entity_ids:
        if _NUMBER_SUFFIX.search(entity_id):
            stems[_NUMBER_SUFFIX.sub("", entity_id)].add(entity_id)
    return frozenset(e for group in stems.values() if len(group) > 1 for e in group)


def _countries_fit(graph: ClaimGraph, named: Claim, other: Claim) -> bool:
    """A claim naming countries, set against one naming none, must name a country the other's
    article is about (one of its two most mentioned)."""
    countries = {graph.canonical(e.id) for e in named.entities if e.type == "country" and not e.implied}
    if not countries or any(e.type == "country" and not e.implied for e in other.entities):
        return True
    if len(countries) >= 2 and named.kind == "quantity":
        return False  # a figure for one country pair (a route, a bilateral flow) is not an unscoped total
    mentioned = graph.entity_counts.get(other.doc)
    if not mentioned:
        return True
    # the countries the other article is about: its two most mentioned
    ranked = sorted((n, e) for e, n in mentioned.items() if len(e) == 3 and e.isupper() and n > 0)
    main = {e for _, e in ranked[-2:]}
    return not main or bool(countries & main)


def _things(graph: ClaimGraph, claim: Claim) -> frozenset[str]:
    named = {graph.canonical(e.id) for e in claim.entities if not e.implied and e.type in ("project", "facility")}
    return frozenset(named | ({graph.canonical(claim.subject)} if claim.subject else set()))


def _topic_thing(graph: ClaimGraph, claim: Claim) -> frozenset[str]:
    topic = graph.topic_things.get(claim.doc)
    return frozenset({topic}) if topic else frozenset()


def _may_conflict(a: Claim, b: Claim, graph: ClaimGraph) -> bool:
    """Different figures are a contradiction only if nothing says they are about different parties:
    claims that each name a country or organisation the other does not are about different things. Durations ("took
    four years") are too generic to compare unless both name the same thing."""
    na, nb = _named(graph, a), _named(graph, b)
    if na and nb and (na - nb) and (nb - na):
        return False  # A–B trade and A–C trade are two things, whatever their figures
    if not _countries_fit(graph, a, b) or not _countries_fit(graph, b, a):
        return False  # a figure for Senegal's plant is not about an article on a Kenyan one
    things_a, things_b = _things(graph, a), _things(graph, b)
    if things_a and things_b and things_a.isdisjoint(things_b):
        return False  # Phase I and Phase II, Line 1 and Line 2
    if bool(things_a & graph.numbered_siblings) != bool(things_b & graph.numbered_siblings):
        # "the quay" may be Phase 1's or Phase 2's when the corpus has both, unless the article of
        # the figure naming none is about the one the other figure names (the weaker fallback scope)
        scope_a = (things_a & graph.numbered_siblings) or _topic_thing(graph, a)
        scope_b = (things_b & graph.numbered_siblings) or _topic_thing(graph, b)
        if not (scope_a & scope_b & graph.numbered_siblings):
            return False
    if a.quantity is not None and a.quantity.dimension in ("duration", "age"):
        return bool(a.subject) and a.subject == b.subject
    return True


def comparable_interval(claim: Claim) -> Interval | None:
    """The claim's value interval, with a bare number ("enrolment reached 41,870", "it stood at 187")
    compared with counts: the counted noun is elided, the sameness model weighs the missing unit."""
    interval = value_interval(claim)
    if interval is None and claim.quantity is not None and claim.quantity.dimension in ("number", "count"):
        plain = value_interval(claim, allow_plain=True)
        if plain is not None and plain.key == "number":
            return Interval(plain.low, plain.high, "count", plain.point)
    return interval


NOT_EVEN_A_SLIP = frozenset({"different counted things", "change and level", "part of a set", "different days",
                             "distant stories"})
"""Reasons that rule out a x1000 slip too: the two figures are not one quantity at all ("dropped
1.53 points" and "closed at 1,539.75 points")."""


MAX_BLOCK = 300
"""A block larger than this is split by shared rare frame words (an inverted index), so the pairs
compared grow near-linearly with the corpus, never as all pairs."""


def candidate_pairs(claims: list[Claim], intervals: dict[str, Interval | None],
                    related: Callable[[str, str], bool] | None = None) -> list[tuple[Claim, Claim]]:
    """Pairs worth scoring: same kind and comparable unit (figures) or same event class (events);
    inside a large block, only pairs sharing a frame word that is not common to the whole block.
    With ``related`` (``WordWeights.related``), pairs of two documents that tell different stories
    are left out: the sameness veto rules them out before anything else ("unrelated documents")."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "quantity":
            interval = intervals.get(claim.id)
            if interval is None:
                continue
            blocks[("quantity", interval.key)].append(claim)
        elif claim.metric not in RELATION_METRICS:
            blocks[("event", claim.metric)].append(claim)

    # asked in pair order, so each pair of documents is first asked about in the order the
    # veto would first ask (a topic similarity is a float sum, in the first document's word order)
    decided: dict[str, dict[str, bool]] = defaultdict(dict)  # first document -> second -> answer

    def kept(doc_a: str, doc_b: str) -> bool:
        if related is None or doc_a == doc_b:
            return True
        row = decided[doc_a]
        found = row.get(doc_b)
        if found is None:
            found = row[doc_b] = related(doc_a, doc_b)
        return found

    pairs: list[tuple[Claim, Claim]] = []
    for key in sorted(blocks, key=str):
        members = sorted(blocks[key], key=lambda c: c.id)
        if len(members) <= MAX_BLOCK:
            # every later claim, a run of one document's claims at a time: the same pairs in the
            # same order, one question per run instead of one per pair
            starts = [i for i in range(len(members)) if i == 0 or members[i].doc != members[i - 1].doc]
            runs = list(zip(starts, starts[1:] + [len(members)]))
            run = -1
            later: list[Claim] = []
            for i, a in enumerate(members):
                if run + 1 < len(runs) and runs[run + 1][0] == i:
                    run += 1
                    # a run's claims share their document: its first claim asks for every later run
                    later = [b for start, end in runs[run + 1 :] if kept(a.doc, members[start].doc)
                             for b in members[start:end]]
                pairs.extend((a, b) for b in members[i + 1 : runs[run][1]])
                pairs.extend((a, b) for b in later)
            continue
        postings: dict[str, list[int]] = defaultdict(list)
        measures = [set(measure_of(claim)) for claim in members]
        for i, words in enumerate(measures):
            for word in words:
                postings[word].append(i)
        # the pairs sharing a word that is in at most MAX_BLOCK claims (a word in hundreds of
        # claims tells none of them apart), in (i, j) order: each claim's later partners at once
        for i, a in enumerate(members):
            later: set[int] = set()
            for word in measures[i]:
                ids = postings[word]
                if len(ids) <= MAX_BLOCK:
                    later.update(ids[bisect.bisect_right(ids, i):])
            row = decided[a.doc]
            for j in sorted(later):
                b = members[j]
                found = row.get(b.doc)
                if found is None:
                    found = kept(a.doc, b.doc)
                if found:
                    pairs.append((a, b))
    return pairs


def values_agree(a: Claim, b: Claim, intervals: dict[str, Interval | None]) -> bool | None:
    """Whether the two figures' intervals overlap, or the two events' dates can both hold; None when
    a value or a resolved date is missing (nothing to compare)."""
    if a.kind == "quantity":
        ia, ib = intervals.get(a.id), intervals.get(b.id)
        return None if ia is None or ib is None else ia.overlaps(ib)
    if a.date is None or b.date is None:
        return None
    if a.date.value is None or b.date.value is None:
        # "opened on 12 May" in an undated article cannot be 14 May of any year; the
        # same day and month may still be of another year, so they are not said to agree
        da, db = day_of_year(a.date), day_of_year(b.date)
        return False if da is not None and db is not None and da != db else None
    return dates_compatible(a.date, b.date)


def is_update(a: Claim, b: Claim, ia: Interval, ib: Interval) -> bool:
    """A moving figure reported at different as-of dates: a timeline, not a conflict. A level, a
    change or an estimate moves either way; a running total only rises, unless the report says the
    figure was revised."""
    fa, fb = a.frame, b.frame
    if fa is None or fb is None or a.doc == b.doc or not fa.as_of or not fb.as_of or fa.as_of == fb.as_of:
        return False
    if _closed_before(a, b, min(fa.as_of, fb.as_of)) and not (fa.revised or fb.revised):
        return False  # "the 2022 harvest" reported in January and in March: a past period does not move
    if fa.moving or fb.moving:
        return True  # a price or an index on two days: it moves either way
    if a.modality == "estimate" or b.modality == "estimate":
        return True  # an estimate is revised as counts come in, either way
    if not (fa.running or fb.running or (counts_persons(a) and counts_persons(b))):
        return False
    earlier, later = (ia, ib) if fa.as_of < fb.as_of else (ib, ia)
    later_frame = fb if fa.as_of < fb.as_of else fa
    if later.high < earlier.low and not later_frame.revised:
        return False  # a running total fell with no word of a revision
    return True


def counts_persons(claim: Claim) -> bool:
    """A count of persons ("five miners were killed", "61 pupils fell ill"): reported on two days, it
    is a tally that may have risen, as a running total is (a crew counted twice as it grew is too)."""
    q = claim.quantity
    if q is None or q.dimension != "count" or not q.unit:
        return False
    return q.unit in lexicon().person_count_nouns or names_persons(q.unit)


def miscopied(a: Claim, b: Claim) -> bool:
    """One figure is the other with two digits swapped, a miscopy: a running total seldom moves onto
    its own digits swapped ("58 containers", a later "a total of 85"). A price, an index or a change
    may move onto any value ("up 0.13 percent", "up 0.31 percent" a week later): no evidence there."""
    moving = bool(a.frame and a.frame.moving) or bool(b.frame and b.frame.moving)
    return not moving and digits_transposed(a, b)


def _closed_before(a: Claim, b: Claim, as_of: str) -> bool:
    """Both figures are for one stretch of time that each names with its year ("in 2024", "last
    year") or that is one day ("on May 4"), and it was over by ``as_of``, the earlier report's
    day (the two reports' days differ): a day's figure reported that very day and again later is one
    figure twice. (A month with no year, "for January delivery", may be the next one: its year is a
    guess; a day is read as the nearest one the tense allows.)"""
    if a.period is None or b.period is None or not (_year_is_known(a.period) and _year_is_known(b.period)):
        return False
    if a.period.kind not in _STRETCHES or b.period.kind not in _STRETCHES or (a.frame and a.frame.running) or (b.frame and b.frame.running):
        return False  # "since 2021" or "by March" bounds a running total, which still moves
    bounds = date_bounds(a.period)
    return bounds is not None and bounds == date_bounds(b.period) and bounds[1].isoformat() <= as_of


_STRETCHES = ("point", "range", "relative")
"""Kinds of dates that name a stretch of time a figure is for (not "since 2021" or "by March")."""


def _year_is_known(period) -> bool:
    """The period names its year ("in 2024", "last year") or is one day."""
    return (bool(re.search(r"\b\d{4}\b", period.text)) or (period.relative or "").endswith(" year")
            or period.granularity == "day")


def build_graph(
    claims: list[Claim],
    entity_counts: dict[str, dict[str, int]] | None = None,
    model: SamenessModel | None = None,
    topics: dict[str, dict[str, float]] | None = None,
    cache: DerivedCache | None = None,
) -> ClaimGraph:
    """The claims' relations. ``cache``: answers remembered from an earlier run (``cluster.derived``),
    used where they hold and completed with what this run works out."""
    model = model or fitted_model()
    entity_ids = {e.id for c in claims for e in c.entities} | {c.subject for c in claims if c.subject}
    entity_ids |= {e for per_doc in (entity_counts or {}).values() for e in per_doc}
    alias = name_aliases(entity_ids)
    counts: dict[str, dict[str, int]] = {}
    for doc, per_doc in (entity_counts or {}).items():
        merged: Counter = Counter()
        for entity, n in per_doc.items():
            merged[alias.get(entity, entity)] += n
        counts[doc] = dict(merged)
    graph = ClaimGraph(
        claims={c.id: c for c in claims}, alias=alias, entity_counts=counts,
        numbered_siblings=numbered_siblings({alias.get(e, e) for e in entity_ids}),
    )
    for claim in claims:
        for entity in {graph.canonical(e.id) for e in claim.entities if not e.implied}:
            graph.document_frequency[(entity, claim.doc)] += 1
    intervals = _comparable_intervals(claims, cache)
    words = WordWeights(claims, entity_counts, topics, model.story_threshold, model.contradiction_threshold)
    # one answer per pair of documents for the candidate pairs and for the checks (FL003), remembered
    # across runs with a cache
    graph.tell_one_story = _remembered_stories(words, cache)
    graph.topic_things = {doc: alias.get(thing, thing) for doc, thing in words.topic.items()}
    sentences = sentence_claims(claims)
    by_metric = metric_claims(claims)
    if cache is not None:
        cache.use_pairs(_pair_context(alias))
    kept_reasons = SOFT_VETOES | {"period"}
    for a, b in candidate_pairs(claims, intervals, graph.tell_one_story):
        known = _known_pair(cache.pair(a, b)) if cache is not None else None
        if known is None:
            reason = veto(a, b, alias, words)
            agreeing = None
            if reason is None or reason in kept_reasons:
                agreeing = values_agree(a, b, intervals)
                if agreeing is not None and a.kind == "event" and not event_objects_match(a, b):
                    agreeing = None
            left_out = agreeing is None or _no_relation_possible(a, b, reason, agreeing)
            known = _LEFT_OUT if left_out else _KnownPair(reason, agreeing, None, None)
            if cache is not None:
                cache.remember_pair(a, b, known.entry())
        reason, agreeing = known.reason, known.agreeing
        if agreeing is None:
            continue  # settled by the two claims alone, whatever else the corpus holds
        # the pair is scored only where the score decides (``same`` is asked last): most pairs'
        # relation is settled by the veto and the values alone
        scored = _Scored(a, b, words, alias, model, agreeing, known.own)
        relation: Relation | None = None
        if a.kind == "quantity":
            if agreeing and reason in SOFT_VETOES:
                relation = "agree" if scored.same else None
            elif reason is not None:
                # a plan and an outcome, or two years, may differ; the same digits a thousand
                # times apart ("$1.1 million" vs a planned "$1.1 billion") are a slip all the same
                if not agreeing and _may_be_a_slip(a, b, reason) and _may_conflict(a, b, graph) and scored.same:
                    relation = "scale-slip"
                # so are the same digits in another order ("364 homes", "346 houses lost"), where
                # only a soft reason stood against the pair being one fact
                elif (not agreeing and reason in SOFT_VETOES and reason not in NOT_EVEN_A_SLIP
                      and miscopied(a, b) and _may_conflict(a, b, graph) and scored.same):
                    relation = "conflict"
            elif agreeing:
                relation = "agree" if scored.same else None
            elif not _may_conflict(a, b, graph) or not scored.same:
                relation = None
            elif scale_slip(a, b):
                relation = "scale-slip"
            elif is_update(a, b, intervals[a.id], intervals[b.id]) and not miscopied(a, b):
                relation = "update"
            elif stated_apart(a, b, intervals, sentences) or stated_apart(b, a, intervals, sentences):
                relation = None
            elif (a.doc != b.doc and (stated_in_document(a, b, intervals, by_metric)
                                      or stated_in_document(b, a, intervals, by_metric))):
                relation = None
            else:
                relation = "conflict"
        else:
            if _event_vetoed(reason, agreeing):
                continue
            if agreeing:
                relation = "agree" if scored.same else None
            elif happens_once(a, b) and scored.same:
                relation = "conflict"
            # recurring events on different dates are different events
        reasons = known.reasons
        if relation is not None:
            if reasons is None:
                reasons = pair_reasons(a, b, scored.features)
            graph.relations[(a.id, b.id)] = relation
            graph.sameness[(a.id, b.id)] = explain(a, b, scored.features, scored.score, reasons)
        if cache is not None and (known.own is None and scored.own is not None or known.reasons is None and reasons is not None):
            cache.remember_pair(a, b, _KnownPair(reason, agreeing, scored.own, reasons).entry())
    return graph


def _event_vetoed(reason: str | None, agreeing: bool) -> bool:
    """Whether the veto leaves two events unrelated: every veto but a soft one between two events
    on one date (a plan and its outcome on one date agree; on two, they do not conflict)."""
    return reason is not None and not (agreeing and reason in SOFT_VETOES)


def _no_relation_possible(a: Claim, b: Claim, reason: str | None, agreeing: bool) -> bool:
    """Whether ``build_graph``'s branches leave the pair unrelated before asking for a score or anything
    the rest of the corpus decides (``_may_conflict``, ``is_update``, the other claims of the two
    documents): the veto, the values and the two claims alone rule every relation out."""
    if a.kind == "event":
        return _event_vetoed(reason, agreeing) or (not agreeing and not happens_once(a, b))
    if reason is None or (agreeing and reason in SOFT_VETOES):
        return False
    if agreeing:
        return True
    return not (_may_be_a_slip(a, b, reason)
                or (reason in SOFT_VETOES and reason not in NOT_EVEN_A_SLIP and miscopied(a, b)))


def _may_be_a_slip(a: Claim, b: Claim, reason: str) -> bool:
    """The same digits a thousand times apart may be one figure miscopied whatever the soft veto,
    unless the veto says they are not one quantity at all, or that they share no measure word and
    are not amounts of money: money is named in many words ("cost", "budget", "price"), counts and
    measures by what they count ("38 patients admitted", "38,000 people had received a dose")."""
    if reason in NOT_EVEN_A_SLIP or not scale_slip(a, b):
        return False
    money = a.quantity is not None and b.quantity is not None and bool(a.quantity.currency and b.quantity.currency)
    return reason != "no shared measure" or money


_PAIR_FEATURES = tuple(name for name in FEATURES if name not in CORPUS_FEATURES)


@dataclass(frozen=True)
class _KnownPair:
    """What a candidate pair's vetoes and values settle, as ``cluster.derived`` remembers it:
    ``agreeing`` None when the pair is left out (a veto or its values rule out every relation, or
    there are no values to compare); ``own``: its ``sameness.pair_features`` when worked out."""

    reason: str | None
    agreeing: bool | None
    own: dict[str, float] | None
    reasons: list[str] | None
    """``sameness.pair_reasons`` of the pair, once it was related (they need ``own``)."""

    def entry(self) -> object:
        if self.agreeing is None:
            return 0
        if self.own is None:
            return [self.reason, self.agreeing]
        own = [self.own[name] for name in _PAIR_FEATURES]
        return [self.reason, self.agreeing, own] if self.reasons is None else [self.reason, self.agreeing, own, self.reasons]


_LEFT_OUT = _KnownPair(None, None, None, None)


def _known_pair(entry: object) -> _KnownPair | None:
    """The remembered entry read back; None when there is none or it is not one ``entry`` writes."""
    if entry == 0 and type(entry) is int:
        return _LEFT_OUT
    if type(entry) is not list or len(entry) not in (2, 3, 4):
        return None
    reason, agreeing = entry[0], entry[1]
    if not (reason is None or type(reason) is str) or type(agreeing) is not bool:
        return None
    own = reasons = None
    if len(entry) >= 3:
        values = entry[2]
        if (type(values) is not list or len(values) != len(_PAIR_FEATURES)
                or not all(type(v) is float and math.isfinite(v) for v in values)):
            return None
        own = dict(zip(_PAIR_FEATURES, values))
    if len(entry) == 4:
        reasons = entry[3]
        if type(reasons) is not list or not all(type(r) is str for r in reasons):
            return None
    return _KnownPair(reason, agreeing, own, reasons)


def _pair_context(alias: dict[str, str]) -> str:
    """What a pair's remembered entry depends on besides the two claims (and the versions of the
    code, the extractor and the model, which name the whole cache): the corpus's acronym table, the
    WordNet files and rapidfuzz."""
    import rapidfuzz

    from factlint.nlp.wordnet import database_dir

    digest = hashlib.sha256(repr(sorted(alias.items())).encode())
    try:
        where = database_dir()
        index = where / "index.noun" if where is not None else None
        digest.update(f"{index} {index.stat().st_size} {index.stat().st_mtime_ns}".encode() if index else b"none")
    except (OSError, FileNotFoundError):
        digest.update(b"unreadable")
    digest.update(f"rapidfuzz {rapidfuzz.__version__}".encode())
    return digest.hexdigest()[:32]


def _comparable_intervals(claims: list[Claim], cache: DerivedCache | None) -> dict[str, Interval | None]:
    """Each figure's ``comparable_interval``; with a cache, ``value_interval``'s two answers are taken
    from it when remembered (and remembered when not), so ``comparable_interval`` and every later
    ``value_interval`` of the run find them."""
    out: dict[str, Interval | None] = {}
    for claim in claims:
        if claim.kind != "quantity":
            continue
        if cache is not None:
            known = cache.intervals(claim)
            if known is None:
                cache.remember_intervals(claim, value_interval(claim), value_interval(claim, allow_plain=True))
            else:
                remember_interval(claim, known[0])
                remember_interval(claim, known[1], allow_plain=True)
        out[claim.id] = comparable_interval(claim)
    return out


def _remembered_stories(words: WordWeights, cache: DerivedCache | None) -> Callable[[str, str], bool]:
    """``words.related``, answered from the cache for a pair of documents asked in the order it was
    remembered in (the first question of a run about a pair fixes its answer, as ``related`` does)."""
    if cache is None:
        return words.related
    first_answers = words._related  # WordWeights' own table of first answers, keyed by the sorted pair

    def related(doc_a: str, doc_b: str) -> bool:
        if doc_a == doc_b:
            return True
        key = (doc_a, doc_b) if doc_a < doc_b else (doc_b, doc_a)
        answer = first_answers.get(key)
        if answer is not None:
            return answer
        answer = cache.related(doc_a, doc_b)
        if answer is None:
            answer = words.related(doc_a, doc_b)
            cache.remember_related(doc_a, doc_b, answer)
        else:
            first_answers[key] = answer
        return answer

    return related


class _Scored:
    """A pair's sameness features and score, computed when first asked for; ``own``: its
    ``pair_features`` when known (then or once the features are asked for)."""

    def __init__(self, a: Claim, b: Claim, words: WordWeights, alias: dict[str, str], model: SamenessModel, agreeing: bool,
                 own: dict[str, float] | None = None):
        self._args = (a, b, words, alias)
        self._model, self._agreeing = model, agreeing
        self.own = own

    @cached_property
    def features(self) -> dict[str, float]:
        a, b, words, alias = self._args
        if self.own is None:
            self.own = pair_features(a, b, alias)
        return features(a, b, words, alias, self.own)

    @cached_property
    def score(self) -> float:
        a, b = self._args[0], self._args[1]
        return self._model.score(self.features, agreeing=self._agreeing, own_document=a.doc == b.doc and a.kind == "quantity")

    @cached_property
    def same(self) -> bool:
        a, b = self._args[0], self._args[1]
        slip = not self._agreeing and self.features.get("scale_slip", 0.0) == 1.0
        return self._model.same(self.score, agreeing=self._agreeing, event=a.kind == "event", own_document=a.doc == b.doc,
                                slip=slip)


def _figures_by(claims: list[Claim], key: Callable[[Claim], tuple[str, str]]) -> dict[tuple[str, str], list[Claim]]:
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "quantity":
            groups[key(claim)].append(claim)
    return groups


def sentence_claims(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """The figures of each (document, sentence)."""
    return _figures_by(claims, lambda c: (c.doc, c.sentence))


def metric_claims(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """The figures of each (document, metric)."""
    return _figures_by(claims, lambda c: (c.doc, c.metric))


def _gives_figure_of(a: Claim, others: list[Claim], skip: tuple[str, ...], intervals: dict[str, Interval | None]) -> bool:
    """Whether one of ``others`` (but those in ``skip``) gives ``a``'s figure: same unit key, overlapping.
    A bound ("no more than 210,000 tonnes", "at least 40") gives no figure: it holds for many."""
    ia = intervals.get(a.id)
    if ia is None:
        return False
    for other in others:
        io = intervals.get(other.id)
        if (other.id not in skip and io is not None and io.key == ia.key and io.overlaps(ia)
                and math.isfinite(io.low) and math.isfinite(io.high) and other.modality == a.modality):
            return True  # (a forecast's "up to 40,000 cases" does not give the count of cases)
    return False


def stated_apart(a: Claim, b: Claim, intervals: dict[str, Interval | None],
                  sentences: dict[tuple[str, str], list[Claim]]) -> bool:
    """``b``'s own sentence also gives ``a``'s figure, as another claim: that sentence tells the two
    apart ("27,000 of the 47,000 troops"), so ``b`` does not contradict ``a``."""
    return _gives_figure_of(a, sentences.get((b.doc, b.sentence), []), (b.id,), intervals)


def stated_in_document(a: Claim, b: Claim, intervals: dict[str, Interval | None],
                       by_metric: dict[tuple[str, str], list[Claim]]) -> bool:
    """``b``'s document also gives ``a``'s figure for ``b``'s metric, as another claim: the story holds
    both figures as two things ("1.3 million punts" paid in all, "400,000 punts" for one extension),
    so ``b`` does not contradict ``a``. (Whether the document contradicts itself is FL004's question.)"""
    return _gives_figure_of(a, by_metric.get((b.doc, b.metric), []), (a.id, b.id), intervals)


def entity_document_count(graph: ClaimGraph, entity_id: str) -> int:
    """In how many documents the entity is mentioned (anywhere, or in a claim when counts are absent)."""
    if graph.entity_counts:
        return sum(1 for counts in graph.entity_counts.values() if counts.get(entity_id, 0) > 0)
    return len({doc for (entity, doc) in graph.document_frequency if entity == entity_id})
