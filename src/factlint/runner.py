"""`factlint check` as a plain function: corpus -> claims (stored) -> graph -> findings -> result."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from factlint.boundary import extraction_error
from factlint.checks import run_checks
from factlint.claims import extract_claims
from factlint.cluster import build_graph
from factlint.cluster.stories import topic_of
from factlint.collector import running
from factlint.config import Config
from factlint.corpus import SourceText, read_corpus
from factlint.models import CheckResult, Claim, Finding, InputError
from factlint.review import Verdicts, gate_locations, load_verdicts, settle
from factlint.store import ClaimStore, StoredClaims, extractor_version
from factlint.store.claim_store import StoreError

CONTRADICTIONS_FILE = "CONTRADICTIONS.md"

Progress = Callable[[str], None]
Advance = Callable[[int, int], None]
"""Called with (documents parsed so far, documents to parse) as parsing goes, for a progress bar."""


@dataclass
class CheckRun:
    result: CheckResult
    texts: dict[str, str]
    parsed: list[str] = field(default_factory=list)
    """Ids of the documents that were parsed in this run (the others came from the store)."""
    stale: list[str] = field(default_factory=list)
    """Files under the claims folder that differ from what this run produced."""
    orphans: list[str] = field(default_factory=list)
    """Stored claim files of articles this run did not see (deleted, renamed, or not asked for)."""
    notes: list[str] = field(default_factory=list)
    """Stored files that could not be used (unreadable, foreign, edited by hand) and what was done."""
    known: AbstractSet[str] = field(default_factory=set)
    """Fingerprints of the claims the store held before this run (what the corpus already said)."""
    checked: list[Finding] = field(default_factory=list)
    """The findings as the checks gave them, before verdicts were applied (see ``with_verdicts``)."""

    def with_verdicts(self, verdicts: Verdicts) -> CheckResult:
        """The result again under other verdicts (after a review), without checking again."""
        claims = {c.id: c for c in self.result.claims}
        return self.result.model_copy(update={"findings": settle(self.checked, verdicts, claims)})

    def locations(self) -> dict[str, list[str]]:
        """Claim ids each unreviewed finding is annotated at (see ``review.gate_locations``)."""
        return gate_locations(self.result.findings, {c.id: c for c in self.result.claims}, self.known)


def _stored(source: SourceText, claims: list[Claim], counts: dict[str, int], topic: bool = True) -> StoredClaims:
    """The store's record of one document's claims, with its topic (which stories it shares);
    ``topic=False``: without it, for :func:`_with_topic` to add."""
    return StoredClaims(document=source.document, extractor=extractor_version(), claims=claims, entity_counts=counts,
                        topic=topic_of(source.text) if topic else {})


def _with_topic(source: SourceText, fresh: StoredClaims | InputError, topic: dict[str, float] | Exception) -> StoredClaims | InputError:
    """A record made with ``topic=False`` as :func:`_extract` would have made it, given the outcome of
    ``topic_of(source.text)`` (the error boundary included: its failure is the document's error)."""
    if isinstance(fresh, InputError):
        return fresh
    if isinstance(topic, Exception):
        return extraction_error(source.document.path, topic, doc=source.document.id)
    return StoredClaims(document=source.document, extractor=extractor_version(), claims=fresh.claims,
                        entity_counts=fresh.entity_counts, topic=topic)


def _extract(source: SourceText, topic: bool = True) -> StoredClaims | InputError:
    try:  # the error boundary: one document's failure is that document's error, not the run's
        claims, counts = extract_claims(source.document, source.text)
        return _stored(source, claims, counts, topic)
    except Exception as exc:
        return extraction_error(source.document.path, exc, doc=source.document.id)


def _extract_batch(sources: list[SourceText], topics: bool = True) -> list[StoredClaims | InputError]:
    """Claims of several documents, their model work batched through one ``nlp.pipe`` stream
    (the same claims as :func:`_extract` one by one). If the batch fails, each document is
    extracted alone behind the error boundary, so that a failure is the error of the one document
    that caused it and never stops the pool. ``topics=False``: records without their topic (see
    :func:`_with_topic`)."""
    import datetime as dt

    from factlint.claims import claims_of
    from factlint.nlp.pipeline import analyse_documents

    items = [(s.text, dt.date.fromisoformat(s.document.date) if s.document.date else None) for s in sources]
    try:
        out = []
        for source, doc in zip(sources, analyse_documents(items), strict=True):
            claims, counts = claims_of(source.document, doc)
            out.append(_stored(source, claims, counts, topics))
        return out
    except Exception:
        return [_extract(source, topics) for source in sources]


def _extract_batch_ahead(sources: list[SourceText]) -> list[tuple[StoredClaims | InputError, dict]]:
    """:func:`_extract_batch` without topics, for :class:`_EarlyExtraction`, each record with its
    figures' value intervals (``compare.value_interval``, plain and with ``allow_plain``) by claim
    id: the worker has pint's registry loaded for extraction, so the checking process need not."""
    from factlint.cluster.compare import value_interval

    out = []
    for fresh in _extract_batch(sources, False):
        intervals = {}
        if not isinstance(fresh, InputError):
            intervals = {c.id: (value_interval(c), value_interval(c, allow_plain=True)) for c in fresh.claims
                         if c.kind == "quantity"}
        out.append((fresh, intervals))
    return out


def _remember_intervals(record: StoredClaims | InputError, intervals: dict) -> None:
    from factlint.cluster.compare import remember_interval

    if isinstance(record, InputError):
        return
    for claim in record.claims:
        known = intervals.get(claim.id)
        if known is not None:
            remember_interval(claim, known[0])
            remember_interval(claim, known[1], allow_plain=True)


BATCH_DOCUMENTS = 16
"""Documents per batch: enough for ``nlp.pipe`` to batch well, few enough to share work evenly
between processes and to report progress."""


def _batches(sources: list[SourceText], jobs: int) -> list[list[SourceText]]:
    size = max(1, min(BATCH_DOCUMENTS, -(-len(sources) // (4 * jobs))))
    return [sources[i : i + size] for i in range(0, len(sources), size)]


def _extract_all(
    sources: list[SourceText], jobs: int, progress: Progress, advance: Advance | None = None,
    early: _EarlyExtraction | None = None, meanwhile: Iterator[object] = iter(()),
) -> list[StoredClaims | InputError]:
    """Claims (or the input error) of every source, in the order given, whatever ``jobs`` is (each
    document's claims are a pure function of its text, date and the extractor). ``early``: some of
    them already being parsed by worker processes; the others are parsed here."""
    if not sources:
        return []
    advance = advance or (lambda done, total: None)
    done = early.results(sources, progress, advance, meanwhile) if early is not None else {}
    rest = [s for s in sources if s.document.id not in done]
    fresh = iter(())
    if rest:
        before = len(sources) - len(rest)
        with running():  # the model's work makes reference cycles: collected as it goes
            fresh = iter(_extract_running(rest, max(1, min(jobs, len(rest))), progress,
                                          lambda parsed, total: advance(before + parsed, before + total)))
    return [done[s.document.id] if s.document.id in done else next(fresh) for s in sources]


class _EarlyExtraction:
    """The articles the store has no file for (new ones: parsed whatever the store holds), parsed by
    worker processes while this process reads the store. On a warm store the model's start-up in
    the worker then runs beside the store's reading instead of after it; the documents' topics
    (word frequencies, no model) are made here, while the workers parse."""

    def __init__(self, sources: list[SourceText], jobs: int, progress: Progress):
        from factlint.workers import worker_pool

        self.sources = sources
        self._workers = contextlib.ExitStack()
        pool = self._workers.enter_context(worker_pool(jobs))
        progress(f"parsing {len(sources)} documents with {jobs} processes")
        with running():  # the workers are forked here (and must collect as the model works)
            self._batches = [(batch, pool.submit(_extract_batch_ahead, batch)) for batch in _batches(sources, jobs)]

    def results(self, wanted: list[SourceText], progress: Progress, advance: Advance,
                meanwhile: Iterator[object] = iter(())) -> dict[str, StoredClaims | InputError]:
        """The results of the ``wanted`` documents the workers parsed; a batch whose worker failed is
        left out (and parsed again by the caller, which reports what failed as it always does).
        ``meanwhile``: small steps of work to do while waiting, taken one at a time until every
        worker is done (never longer: the results come first)."""
        ids = {s.document.id for s in wanted}
        topics: dict[str, dict[str, float] | Exception] = {}
        for source in self.sources:  # while the workers parse
            if source.document.id in ids:
                try:
                    topics[source.document.id] = topic_of(source.text)
                except Exception as exc:
                    topics[source.document.id] = exc
        for _ in meanwhile:
            if all(future.done() for _, future in self._batches):
                break
        out: dict[str, StoredClaims | InputError] = {}
        advance(0, len(wanted))
        for batch, future in self._batches:
            try:
                results = future.result()
            except Exception:
                continue
            for source, (fresh, intervals) in zip(batch, results, strict=True):
                if source.document.id in ids:
                    record = out[source.document.id] = _with_topic(source, fresh, topics[source.document.id])
                    _remember_intervals(record, intervals)
            progress(f"parsed {len(out)}/{len(wanted)}")
            advance(len(out), len(wanted))
        self.close()
        return out

    def close(self) -> None:
        self._workers.close()  # the workers end (a second call does nothing)


def _warm_up(stored: dict[str, StoredClaims], families: bool = True) -> Iterator[None]:
    """What clustering the stored claims will ask for anyway, one step at a time: the claim lexicon
    (a YAML file), then (``families``) the WordNet family of each word of their measures
    (``sameness.related_measures``), commonest first. Pure lookups kept by their loaders' own caches
    (``lexicon``, ``wordnet.family``): the answers are the same whenever they are asked."""
    from factlint.claims.lexicon import lexicon
    from factlint.cluster.sameness import measure_of
    from factlint.nlp.wordnet import family

    lexicon()
    yield None
    if not families:
        return
    words = Counter(w for record in stored.values() for claim in record.claims for w in set(measure_of(claim)))
    for word, _ in sorted(words.items(), key=lambda item: (-item[1], item[0])):
        family(word)
        yield None


def _start_early(sources: list[SourceText], store: ClaimStore, jobs: int, progress: Progress) -> _EarlyExtraction | None:
    """Worker processes parsing the articles the store has no file for, when ``jobs`` asks for
    processes; None otherwise (everything is decided once the store is read)."""
    if jobs < 2:
        return None
    new = []
    for source in sources:
        try:
            if not os.path.lexists(store.path_for(source.document.id)):
                new.append(source)
        except StoreError:
            continue  # an id the store cannot hold: parsed, and reported, with the others
    if not new:
        return None
    return _EarlyExtraction(new, min(jobs, len(new)), progress)


def _extract_running(
    sources: list[SourceText], jobs: int, progress: Progress, advance: Advance | None
) -> list[StoredClaims | InputError]:
    advance = advance or (lambda done, total: None)
    advance(0, len(sources))
    out: list[StoredClaims | InputError] = []
    if jobs <= 1 or len(sources) == 1:
        for batch in _batches(sources, 1):
            done = len(out) + len(batch)
            progress(f"parsing {batch[0].document.id} .. {batch[-1].document.id} ({done}/{len(sources)})"
                     if len(batch) > 1 else f"parsing {batch[0].document.id} ({done}/{len(sources)})")
            out.extend(_extract_batch(batch))
            advance(len(out), len(sources))
        return out
    from factlint.workers import worker_pool

    progress(f"parsing {len(sources)} documents with {jobs} processes")
    with worker_pool(jobs) as pool:
        for batch in pool.map(_extract_batch, _batches(sources, jobs)):
            out.extend(batch)
            progress(f"parsed {len(out)}/{len(sources)}")
            advance(len(out), len(sources))
    return out


def sameness_model(config: Config | None):
    """The fitted sameness model, with the configured ``sameness-threshold`` (if any) as the cut
    above which two claims whose values cannot both hold are taken as one fact and reported."""
    if config is None or config.sameness_threshold is None:
        return None
    from dataclasses import replace

    from factlint.cluster.sameness import fitted_model

    model = fitted_model()
    cut = config.sameness_threshold
    own = replace(model.own_document, threshold=cut) if model.own_document is not None else None
    return replace(model, conflict=replace(model.conflict, threshold=cut, event_threshold=cut, own_document_threshold=cut,
                                           slip_threshold=cut),
                   own_document=own)


def check_claims(stored: dict[str, StoredClaims], claims_dir: Path, errors=(), config: Config | None = None) -> CheckResult:
    """Cluster and check extracted claims (no language model involved) and apply the verdicts."""
    result, _ = _check_claims(stored, claims_dir, errors, config)
    return result


def _clustering_cache(stored: dict[str, StoredClaims], claims_dir: Path, config: Config | None):
    """The clustering cache of ``claims_dir`` (``cluster.derived``) for these records."""
    from factlint.cluster.derived import DerivedCache
    from factlint.cluster.sameness import fitted_model

    keys = {doc_id: record.document.sha256[:16] for doc_id, record in stored.items()}
    return DerivedCache.load(claims_dir, sameness_model(config) or fitted_model(), keys)


def _check_claims(
    stored: dict[str, StoredClaims], claims_dir: Path, errors=(), config: Config | None = None, *,
    remember: bool | None = None, cache=None,
) -> tuple[CheckResult, list[Finding]]:
    """``remember``: use the clustering cache of ``claims_dir`` (``cluster.derived``; every record is
    of the current extractor) and save what it lacked (True) or not (False, ``--ci``); None: no cache.
    ``cache``: that cache, read earlier (for fewer records: it is given the keys of all)."""
    claims: list[Claim] = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
    model = sameness_model(config)
    if remember is None:
        cache = None
    elif cache is None:
        cache = _clustering_cache(stored, claims_dir, config)
    else:
        cache.document_keys = {doc_id: record.document.sha256[:16] for doc_id, record in stored.items()}
    graph = build_graph(claims, {doc_id: stored[doc_id].entity_counts for doc_id in stored}, model,
                        topics={doc_id: stored[doc_id].topic for doc_id in stored if stored[doc_id].topic}, cache=cache)
    if cache is not None and remember:
        cache.save()
    checked = run_checks(graph)
    result = CheckResult(
        documents=[stored[doc_id].document for doc_id in sorted(stored)],
        claims=claims + graph.pointers_of_findings(checked),
        clusters=graph.clusters(),
        findings=settle(checked, load_verdicts(claims_dir), {c.id: c for c in claims}),
        errors=list(errors),
    )
    return result, checked


def check_stored(claims_dir: Path, config: Config | None = None) -> CheckResult | None:
    """The last check's result rebuilt from the claims store alone (after a verdict is recorded)."""
    stored = ClaimStore(claims_dir).load_all()
    return check_claims(stored, claims_dir, config=config) if stored else None


def run_check(
    paths: list[Path],
    *,
    claims_dir: Path,
    jobs: int = 1,
    write: bool = True,
    progress: Progress = lambda message: None,
    advance: Advance | None = None,
    config: Config | None = None,
    meanwhile: Callable[[list[Claim]], Iterator[object]] | None = None,
    claim_text: Callable[[Claim, str], None] | None = None,
) -> CheckRun:
    """Read, extract (or reuse stored claims), cluster and check. The corpus scope (``.gitignore``,
    ``[tool.factlint] exclude``) is ``factlint.corpus.scope``'s; ``config`` may exclude more; the rule
    selection and severities are applied to the result by :func:`select_findings`. ``meanwhile``:
    given the stored claims, steps of the caller's own work to do while worker processes parse (it
    may not be done at all: nothing may depend on it but speed). ``claim_text``: given each stored
    claim and its text as its verified file holds it (``ClaimStore.claim_texts``)."""
    sources, errors = read_corpus(paths, claims_dir=claims_dir, progress=progress)
    if config is not None and config.exclude:
        sources = [s for s in sources if not config.excludes(s.document.path)]
        errors = [e for e in errors if not config.excludes(e.path)]
    store = ClaimStore(claims_dir)
    store.check_folder()
    requested = jobs if jobs > 0 else (os.cpu_count() or 1)
    early = _start_early(sources, store, requested, progress)
    try:
        known = _stored_claim_keys(store)
        stored: dict[str, StoredClaims] = {}
        to_parse: list[SourceText] = []
        for source in sources:
            cached = store.load(source.document)
            if cached is not None:
                # same bytes, same extractor: only the path or date spelling may differ
                stored[source.document.id] = cached.model_copy(update={"document": source.document})
            else:
                to_parse.append(source)
        jobs = max(1, min(requested, len(to_parse) or 1))
        if claim_text is not None:
            for record in stored.values():
                for claim, text in zip(record.claims, store.claim_texts(record) or ()):
                    claim_text(claim, text)
        failed: set[str] = set()
        steps: Iterator[object] = iter(())
        clustering = None
        if early is not None:
            stored_claims = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
            # the stored documents' pairs remembered: clustering asks WordNet about the new ones only
            clustering = _clustering_cache(stored, claims_dir, config)
            steps = itertools.chain(meanwhile(stored_claims) if meanwhile is not None else (),
                                    _warm_up(stored, families=not clustering.holds_pairs()))
        for source, fresh in zip(to_parse, _extract_all(to_parse, jobs, progress, advance, early, steps)):
            if isinstance(fresh, InputError):
                errors.append(fresh)
                failed.add(source.document.id)
            else:
                stored[fresh.document.id] = fresh
    finally:
        if early is not None:
            early.close()

    notes = store.tidy() if write else []
    orphans = store.orphans(set(stored) | failed | {e.doc or Path(e.path).stem for e in errors})
    for orphan in orphans:
        progress(f"{orphan} belongs to no article of this check (deleted or renamed? remove it if so)")
    stale = [str(p) for p in orphans] + ([] if write else [str(p) for p in store.legacy_files()])
    stale += store.stale_files(stored[doc_id] for doc_id in sorted(stored))
    if write:
        errors += store.save_all(stored[doc_id] for doc_id in sorted(stored))

    result, checked = _check_claims(stored, claims_dir, errors, config, remember=write, cache=clustering)
    return CheckRun(
        result=result,
        texts={s.document.id: s.text for s in sources},
        parsed=sorted(s.document.id for s in to_parse if s.document.id not in failed),
        stale=stale,
        orphans=[str(p) for p in orphans],
        notes=store.notes + notes,
        known=known,
        checked=checked,
    )


def stored_corpus(claims_dir: Path) -> list[Path]:
    """The corpus folders the stored documents were read from (for ``factlint review``, which
    checks the corpus again to know the current findings, new articles included)."""
    roots: set[Path] = set()
    for stored in ClaimStore(claims_dir).load_all().values():
        path = Path(stored.document.path)
        parts = stored.document.id.split("/")
        root = path
        if path.with_suffix("").as_posix().endswith(stored.document.id):
            for _ in parts:
                root = root.parent
        if root.exists():
            roots.add(root)
    return sorted(roots)


class _ClaimKeys(AbstractSet):
    """The fingerprints (``checks.base.claim_key``) of some claims, worked out a document at a time
    when asked about (a fingerprint starts with its claim's document id): a check asks about the
    claims of its findings only."""

    @classmethod
    def _from_iterable(cls, keys: Iterable[str]) -> set[str]:
        return set(keys)  # what the Set operators ("|", "&") build: plain fingerprints

    def __init__(self, claims: Iterable[Claim]):
        self._claims: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            self._claims[claim.doc].append(claim)
        self._keys: dict[str, set[str]] = {}

    def _of(self, doc: str) -> set[str]:
        keys = self._keys.get(doc)
        if keys is None:
            from factlint.checks.base import claim_key

            keys = self._keys[doc] = {claim_key(claim) for claim in self._claims.get(doc, ())}
        return keys

    def __contains__(self, key: object) -> bool:
        from factlint.checks.base import _SEPARATOR

        if not isinstance(key, str):
            return False
        at = key.find(_SEPARATOR)
        while at >= 0:  # the document id ends at one of the separators (the first, but for odd ids)
            if key[:at] in self._claims and key in self._of(key[:at]):
                return True
            at = key.find(_SEPARATOR, at + 1)
        return False

    def __iter__(self) -> Iterator[str]:
        return iter({key for doc in self._claims for key in self._of(doc)})

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _stored_claim_keys(store: ClaimStore) -> AbstractSet[str]:
    return _ClaimKeys(claim for stored in store.load_all().values() for claim in stored.claims)


def select_findings(result: CheckResult, config: Config) -> CheckResult:
    """The result with only the selected rules' findings, each at its configured severity."""
    findings = [
        f if config.severity_of(f.rule, f.severity) == f.severity else f.model_copy(update={"severity": config.severity_of(f.rule, f.severity)})
        for f in result.findings
        if config.selects(f.rule)
    ]
    return result.model_copy(update={"findings": findings})
