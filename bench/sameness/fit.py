"""Fit the sameness model's weights and thresholds from gold corpora (re-runnable).

    .venv/bin/python bench/sameness/fit.py --scorer ../shared/eval/score.py \
        --real-news ../shared/eval/realnews/afp --seeds seeds tests/golden/seeds.yaml CORPUS_DIR...

Each CORPUS_DIR holds docs/ and gold.json (the format of ../shared/eval/dev/). The claims are
extracted by factlint itself; every candidate pair that survives the hard vetoes is labelled from
the gold file:

- same fact: two quotes of one gold cluster; a finding's wrong quote and the quote (or cluster) it
  contradicts; an `approximation` or `paraphrase` trap (the same fact, worded differently);
- different facts: the other traps (different metric, entity, period, event, forecast vs actual),
  and members of two different gold clusters.

Pairs the gold says nothing about are left out. A quote may hold several figures ("9,115 cases and
256 deaths"): of the claims under two quotes, the pair with the same unit and the nearest values is
the one the gold means. A class-balanced, L2-regularised logistic regression gives the weights; the
agree threshold maximises F1 on the pairs whose values agree. With ``--scorer``, the conflict
thresholds are chosen on the findings the evaluation's scorer counts (smoothed F1 of must-recall
and precision); ``--real-news`` counts the findings on one half of a real-news folder as false
alarms, ``--seeds`` rules out thresholds that lose a finding the seed articles must give, and the
events and the figures of one document get their own thresholds after the joint one
(``--one-threshold`` keeps one). Prints the fitted weights and per-corpus pair figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from factlint.cluster.graph import (
    candidate_pairs,
    comparable_interval,
    is_update,
    name_aliases,
    sentence_claims,
    stated_apart,
    stated_in_document,
    metric_claims,
    miscopied,
    values_agree,
)
from factlint.cluster.sameness import FEATURES, OWN_DOCUMENT_ADJUSTED, OWN_DOCUMENT_FEATURES, SOFT_VETOES, WordWeights, features, veto
from factlint.cluster.stories import similarity
from factlint.models import Claim
from factlint.checks import run_checks
from factlint.cluster.graph import build_graph
from factlint.cluster.sameness import SamenessModel, Weights
from factlint.models import CheckResult
from factlint.runner import run_check
from factlint.store import ClaimStore, StoredClaims

SAME_FACT_TRAPS = ("approximation", "paraphrase")
SMOOTHING = 0.05
"""Half-width of the window of conflict thresholds whose findings' F-beta is averaged."""
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "src" / "factlint" / "cluster" / "sameness_weights.json"


def claims_under(quote: dict, claims_by_doc: dict[str, list[Claim]], texts: dict[str, str]) -> list[Claim]:
    text = texts.get(quote["doc"], "")
    start = text.find(quote["quote"])
    if start < 0:
        return []
    end = start + len(quote["quote"])
    return [c for c in claims_by_doc.get(quote["doc"], []) if c.start < end and start < c.end]


def _distance(a: Claim, b: Claim) -> float:
    if a.kind != b.kind:
        return math.inf
    if a.kind == "event":
        return 0.0 if a.metric == b.metric else math.inf
    ia, ib = comparable_interval(a), comparable_interval(b)
    if ia is None or ib is None or ia.key != ib.key or ia.point is None or ib.point is None:
        return math.inf
    return abs(math.log(abs(ia.point) + 1e-9) - math.log(abs(ib.point) + 1e-9))


def best_pair(left: list[Claim], right: list[Claim]) -> tuple[Claim, Claim] | None:
    """The claim pair two quotes most plausibly mean: comparable, nearest in value."""
    options = [(_distance(a, b), a.id, b.id, a, b) for a in left for b in right if a.id != b.id]
    options = [o for o in options if math.isfinite(o[0])]
    if not options:
        return None
    best = min(options, key=lambda o: o[:3])
    return best[3], best[4]


def labelled_pairs(gold: dict, claims: list[Claim], texts: dict[str, str]) -> dict[tuple[str, str], int]:
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.doc].append(claim)
    labels: dict[tuple[str, str], int] = {}

    def put(pair: tuple[Claim, Claim] | None, label: int) -> None:
        if pair is None:
            return
        key = tuple(sorted((pair[0].id, pair[1].id)))
        if labels.get(key, label) != label:
            labels[key] = -1  # the gold contradicts itself on this pair: leave it out
        else:
            labels[key] = label

    cluster_claims: list[list[list[Claim]]] = []
    for cluster in gold.get("clusters", []):
        members = [claims_under(m, by_doc, texts) for m in cluster["members"]]
        cluster_claims.append(members)
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                put(best_pair(members[i], members[j]), 1)
    for finding in gold.get("findings", []):
        quotes = finding["evidence"]
        if len(quotes) < 2:
            continue
        wrong = claims_under(quotes[0], by_doc, texts)
        for quote in quotes[1:]:
            right = claims_under(quote, by_doc, texts)
            put(best_pair(wrong, right), 1)
            # any member of the gold cluster holding the right quote states the same fact
            for members in cluster_claims:
                if any({c.id for c in member} & {c.id for c in right} for member in members):
                    for member in members:
                        put(best_pair(wrong, member), 1)
    for trap in gold.get("traps", []):
        quotes = [claims_under(q, by_doc, texts) for q in trap["evidence"]]
        label = 1 if trap["kind"] in SAME_FACT_TRAPS else 0
        for i in range(len(quotes)):
            for j in range(i + 1, len(quotes)):
                put(best_pair(quotes[i], quotes[j]), label)
    for x in range(len(cluster_claims)):
        for y in range(x + 1, len(cluster_claims)):
            left = [c for member in cluster_claims[x] for c in member]
            right = [c for member in cluster_claims[y] for c in member]
            put(best_pair(left, right), 0)
    return {k: v for k, v in labels.items() if v >= 0}


def scored_as_one_fact_or_not(a: Claim, b: Claim, intervals, alias, words) -> bool | None:
    """For a pair the graph scores as agreeing or as contradicting: whether its values agree; None
    for a pair it never scores that way (a hard veto, a soft one on disagreeing values, a missing
    value). x1000 slips across periods or modalities are left out of the fit."""
    reason = veto(a, b, alias, words)
    agrees = values_agree(a, b, intervals)
    if agrees is None or (reason is not None and not (agrees and reason in SOFT_VETOES)):
        return None
    return agrees


EXTRACTED: dict[str, dict[str, StoredClaims]] = {}
"""Per corpus: the stored claims of each document (extracted once, reused by the threshold search)."""


TEXTS: dict[str, dict[str, str]] = {}
"""Per corpus: each document's text as read."""


def extract(corpus: Path) -> None:
    if str(corpus) in EXTRACTED:
        return  # extracted once per process (crossval.py fits many times)
    with tempfile.TemporaryDirectory() as claims_dir:
        run = run_check([corpus / "docs"], claims_dir=Path(claims_dir), write=True)
        EXTRACTED[str(corpus)] = ClaimStore(Path(claims_dir)).load_all()
    TEXTS[str(corpus)] = run.texts


def topics_of(stored: dict[str, StoredClaims]) -> dict[str, dict[str, float]]:
    return {d: stored[d].topic for d in stored if stored[d].topic}


def story_threshold(corpora: list[Path]) -> tuple[float, int, str]:
    """The lowest topic similarity of two documents of one corpus (every gold corpus is one story),
    the number of document pairs it is the lowest of, and which pair it is."""
    lowest, pairs, which = math.inf, 0, ""
    for corpus in corpora:
        topics = topics_of(EXTRACTED[str(corpus)])
        docs = sorted(topics)
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                pairs += 1
                value = similarity(topics[a], topics[b])
                if value < lowest:
                    lowest, which = value, f"{corpus.name}: {a} / {b}"
    return (0.0 if pairs == 0 else lowest), pairs, which


def contradiction_threshold(corpora: list[Path]) -> tuple[float, int, str]:
    """The lowest topic similarity of two documents that hold a planted cross-document finding (its
    first two evidence quotes), the number of such findings, and which finding it is."""
    lowest, findings, which = math.inf, 0, ""
    for corpus in corpora:
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        topics = topics_of(EXTRACTED[str(corpus)])
        for finding in gold.get("findings", []):
            docs = [e["doc"] for e in finding.get("evidence", [])[:2]]
            if len(docs) < 2 or docs[0] == docs[1] or not all(d in topics for d in docs):
                continue
            a, b = sorted(docs)
            findings += 1
            value = similarity(topics[a], topics[b])
            if value < lowest:
                lowest, which = value, f"{corpus.name}: {finding['id']} ({a} / {b})"
    return (0.0 if findings == 0 else lowest), findings, which


STORY_THRESHOLD = 0.0
"""Set by ``main`` before any pair is scored (see ``story_threshold``)."""


def corpus_rows(corpus: Path) -> tuple[list[list[float]], list[int], list[bool]]:
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    stored = EXTRACTED[str(corpus)]
    claims = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
    labels = labelled_pairs(gold, claims, TEXTS[str(corpus)])
    by_id = {c.id: c for c in claims}
    entity_ids = {e.id for c in claims for e in c.entities} | {c.subject for c in claims if c.subject}
    alias = name_aliases(entity_ids)
    intervals = {c.id: comparable_interval(c) for c in claims if c.kind == "quantity"}
    candidates = {tuple(sorted((a.id, b.id))) for a, b in candidate_pairs(claims, intervals)}
    sentences = sentence_claims(claims)
    by_metric = metric_claims(claims)
    words = WordWeights(claims, {d: stored[d].entity_counts for d in stored}, topics_of(stored), STORY_THRESHOLD)
    rows, ys, agreeing = [], [], []
    for key in sorted(candidates):
        a, b = by_id[key[0]], by_id[key[1]]
        agrees = scored_as_one_fact_or_not(a, b, intervals, alias, words)
        if agrees is None:
            continue
        if agrees and key not in labels:
            continue  # gold clusters are not exhaustive: an unlisted agreeing pair may be one fact
        if (not agrees and a.kind == "quantity" and is_update(a, b, intervals[a.id], intervals[b.id])
                and not miscopied(a, b)):
            continue  # a moving figure at two as-of dates is a timeline, never a finding
        if not agrees and a.kind == "quantity" and (stated_apart(a, b, intervals, sentences) or stated_apart(b, a, intervals, sentences)):
            continue  # a sentence that gives both figures as two things
        if (not agrees and a.kind == "quantity" and a.doc != b.doc
                and (stated_in_document(a, b, intervals, by_metric) or stated_in_document(b, a, intervals, by_metric))):
            continue  # a document that gives both figures as two things
        # the planted findings are the only contradictions: an unlisted disagreeing pair is two facts
        feats = features(a, b, words, alias)
        rows.append([feats[name] for name in FEATURES])
        ys.append(labels.get(key, 0))
        agreeing.append(agrees)
        PAIRS.append((corpus.name, a, b))
    return rows, ys, agreeing


def cross_corpus_rows(corpora: list[Path], limit: int) -> tuple[list[list[float]], list[int], list[bool]]:
    """Pairs of claims from two different corpora (two unrelated stories, as in a real news
    feed): never the same fact. At most ``limit`` of them, chosen by a hash of their ids."""
    pooled: list[Claim] = []
    counts: dict[str, dict[str, int]] = {}
    topics: dict[str, dict[str, float]] = {}
    for corpus in corpora:
        stored = EXTRACTED[str(corpus)]
        for doc_id in sorted(stored):
            pooled_doc = f"{corpus.name}/{doc_id}"
            counts[pooled_doc] = stored[doc_id].entity_counts
            if stored[doc_id].topic:
                topics[pooled_doc] = stored[doc_id].topic
            pooled += [c.model_copy(update={"doc": pooled_doc, "id": f"{corpus.name}/{c.id}"}) for c in stored[doc_id].claims]
    entity_ids = {e.id for c in pooled for e in c.entities} | {c.subject for c in pooled if c.subject}
    alias = name_aliases(entity_ids)
    intervals = {c.id: comparable_interval(c) for c in pooled if c.kind == "quantity"}
    words = WordWeights(pooled, counts, topics, STORY_THRESHOLD)
    chosen = []
    for a, b in candidate_pairs(pooled, intervals):
        if a.doc.split("/")[0] == b.doc.split("/")[0]:
            continue
        digest = hashlib.sha256(f"{a.id}|{b.id}".encode()).hexdigest()
        chosen.append((digest, a, b))
    chosen.sort(key=lambda x: x[0])
    rows, ys, agreeing = [], [], []
    for _, a, b in chosen:
        if len(rows) >= limit:
            break
        agrees = scored_as_one_fact_or_not(a, b, intervals, alias, words)
        if agrees is None:
            continue
        feats = features(a, b, words, alias)
        rows.append([feats[name] for name in FEATURES])
        ys.append(0)
        agreeing.append(agrees)
        PAIRS.append(("cross-corpus", a, b))
    return rows, ys, agreeing


PAIRS: list[tuple[str, Claim, Claim]] = []
"""The rows' claim pairs, for --misses."""


EVIDENCE_SIGNS: dict[str, int] = {
    # descriptors that say two claims share something: they may only raise the score
    **{name: 1 for name in ("metric_equal", "metric_similar", "measure_overlap", "context_overlap", "parties_shared",
                            "period_equal", "unit_equal", "attribution_equal", "as_of_equal", "things_shared",
                            "head_equal", "things_shared_by_topic", "measure_related", "presupposed",
                            "presupposed_same_document", "scale_slip", "digits_transposed",
                            "restated_count_same_document")},
    # descriptors that say they differ or one side lacks what the other has: they may only lower it
    **{name: -1 for name in ("head_clash", "verb_clash", "kind_clash", "parties_one_sided", "places_one_sided",
                             "period_one_sided", "things_one_sided", "kind_one_sided", "modality_differs",
                             "counted_things_differ", "years_apart", "value_distance", "value_distance_same_document",
                             "restated_count_value_distance")},
}
"""The sign each descriptor's weight may take (``--signed``, the default): a fit on planted corpora
otherwise learns their writing habits, e.g. that two figures in the same unit or with the same
attribution are less often one fact, because every planted corpus puts its conflicts across units
and sources. "same_document", "event" and "both_running" are left free."""


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50,
                 offset: np.ndarray | None = None, signs: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-regularised logistic regression by Newton's method (deterministic).
    The bias is not regularised. ``offset``: each row's fixed part of the linear predictor (another
    scorer's logit the fitted weights add to). ``signs``: per weight +1 (never negative), -1 (never
    positive) or 0 (free); a weight held at its bound is freed again when the gradient pulls it
    inside (an active-set Newton method)."""
    n, d = x.shape
    positives = max(1, int(y.sum()))
    negatives = max(1, n - positives)
    sample_weight = np.where(y == 1, n / (2 * positives), n / (2 * negatives))
    xb = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    fixed = np.zeros(n) if offset is None else offset
    bound = np.zeros(d + 1) if signs is None else np.append(np.asarray(signs, dtype=float), 0.0)
    held = np.zeros(d + 1, dtype=bool)
    for _ in range(steps if signs is None else 4 * steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ theta + fixed, -50, 50)))
        gradient = xb.T @ ((p - y) * sample_weight) + penalty * theta
        # a held weight is freed when the descent direction points into its allowed side
        held &= ~((bound != 0) & (-gradient * bound > 1e-9))
        free = ~held
        hessian = (xb * (p * (1 - p) * sample_weight)[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.zeros(d + 1)
        step[free] = np.linalg.solve(hessian[np.ix_(free, free)], gradient[free])
        theta -= step
        crossed = (bound != 0) & (theta * bound < 0)
        theta[crossed] = 0.0
        held |= crossed
        if np.abs(step).max() < 1e-8 and not crossed.any():
            break
    return theta[:-1], float(theta[-1])


def best_threshold(scores: np.ndarray, y: np.ndarray, beta: float) -> tuple[float, float, float]:
    """The threshold maximising F-beta; returns (threshold, precision, recall)."""
    best = (0.5, 0.0, 0.0, -1.0)
    for t in sorted(set(np.round(scores, 4))):
        predicted = scores >= t
        tp = float((predicted & (y == 1)).sum())
        fp = float((predicted & (y == 0)).sum())
        fn = float((~predicted & (y == 1)).sum())
        if tp == 0:
            continue
        p, r = tp / (tp + fp), tp / (tp + fn)
        f = (1 + beta**2) * p * r / (beta**2 * p + r)
        if f > best[3] + 1e-12:
            best = (float(t), p, r, f)
    return best[0], best[1], best[2]


def finding_scores(model: SamenessModel, corpora: list[Path], scorer) -> dict[str, float]:
    """Must-recall, precision and trap hits of the findings the model gives on ``corpora``,
    measured with the evaluation's own scorer (``score.py findings_report``)."""
    totals = {"must": 0, "must_found": 0, "findings": 0, "matched": 0, "traps": 0}
    for corpus in corpora:
        stored = EXTRACTED[str(corpus)]
        claims = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
        graph = build_graph(claims, {d: stored[d].entity_counts for d in stored}, model=model, topics=topics_of(stored))
        findings = run_checks(graph)
        result = CheckResult(documents=[stored[d].document for d in sorted(stored)],
                             claims=claims + graph.pointers_of_findings(findings),
                             clusters=graph.clusters(), findings=findings)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
            out.write(result.model_dump_json())
        report = scorer.findings_report(str(corpus / "gold.json"), str(corpus / "docs"), out.name, verbose=False)
        Path(out.name).unlink()
        for key in totals:
            totals[key] += report[key]
    recall = totals["must_found"] / max(totals["must"], 1)
    precision = totals["matched"] / totals["findings"] if totals["findings"] else 1.0
    return {"recall": recall, "precision": precision, "traps": totals["traps"], "findings": totals["findings"],
            "must": totals["must"]}


def real_news_half(folder: Path, half: int) -> list[Path]:
    """One half of a folder of real news articles, chosen by a stable hash of each file name: half 0
    is fitted on, half 1 is left untouched to report on."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return [p for p in files if hashlib.sha1(p.name.encode("utf-8")).digest()[0] % 2 == half]


def extract_real_news(files: list[Path], jobs: int = 2) -> dict[str, StoredClaims]:
    with tempfile.TemporaryDirectory() as scratch:
        docs = Path(scratch) / "docs"
        docs.mkdir()
        for path in files:
            (docs / path.name).symlink_to(path.resolve())
        run_check([docs], claims_dir=Path(scratch) / "claims", jobs=jobs, write=True)
        return ClaimStore(Path(scratch) / "claims").load_all()


def real_news_own_document_rows(stored: dict[str, StoredClaims]) -> list[list[float]]:
    """The disagreeing figure pairs of one real news article that the graph would score: in news,
    two figures of one measure in one article are two things (the reviewed AFP findings hold 1 real
    inconsistency in 39-45), so each is a negative of the own-document scorer."""
    claims = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
    entity_ids = {e.id for c in claims for e in c.entities} | {c.subject for c in claims if c.subject}
    alias = name_aliases(entity_ids)
    intervals = {c.id: comparable_interval(c) for c in claims if c.kind == "quantity"}
    sentences = sentence_claims(claims)
    words = WordWeights(claims, {d: stored[d].entity_counts for d in stored}, topics_of(stored), STORY_THRESHOLD)
    rows = []
    for a, b in candidate_pairs(claims, intervals):
        if a.doc != b.doc or a.kind != "quantity" or scored_as_one_fact_or_not(a, b, intervals, alias, words) is not False:
            continue
        if is_update(a, b, intervals[a.id], intervals[b.id]) or stated_apart(a, b, intervals, sentences) or stated_apart(b, a, intervals, sentences):
            continue
        feats = features(a, b, words, alias)
        rows.append([feats[name] for name in FEATURES])
        PAIRS.append(("real news", a, b))
    return rows


def real_news_findings(model: SamenessModel, stored: dict[str, StoredClaims]) -> int:
    """How many findings the model gives on real news that holds no planted contradiction: on the
    reviewed AFP articles nearly all are false alarms (bench/realnews/), so each counts as one."""
    claims = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
    graph = build_graph(claims, {d: stored[d].entity_counts for d in stored}, model=model, topics=topics_of(stored))
    return len(run_checks(graph))


def seed_expectations(seeds: Path, cases: Path) -> tuple[dict[str, StoredClaims], list[tuple[str, list[tuple[str, int, int]]]]]:
    """The seed articles' stored claims and the findings they must give (``reported`` in the
    acceptance cases, tests/golden/seeds.yaml): each a kind and the quote spans it must cover."""
    import yaml

    with tempfile.TemporaryDirectory() as scratch:
        run = run_check([seeds], claims_dir=Path(scratch) / "claims", write=True)
        stored = ClaimStore(Path(scratch) / "claims").load_all()
    expected = []
    for case in yaml.safe_load(cases.read_text(encoding="utf-8"))["reported"]:
        spans = []
        for quote in case["quotes"]:
            doc = next(d for d in run.texts if d.startswith(quote["doc"]))
            start = run.texts[doc].index(quote["quote"])
            spans.append((doc, start, start + len(quote["quote"])))
        expected.append((case["kind"], spans))
    return stored, expected


def seeds_hold(model: SamenessModel, stored: dict[str, StoredClaims], expected) -> bool:
    """Whether the model still reports every finding the seed articles must give."""
    return _reports_all(model, stored, [({kind}, [[span] for span in spans]) for kind, spans in expected])


def golden_expectations(paths: list[Path]) -> list[tuple[dict[str, StoredClaims], list]]:
    """Per golden check case that expects findings (tests/golden/checks/*.yaml): its documents'
    stored claims and, per expected finding, its kinds and per claim entry the quote spans any one of
    which the finding must cover."""
    import yaml

    out = []
    for path in paths:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if not case.get("findings"):
                continue
            with tempfile.TemporaryDirectory() as scratch:
                docs = Path(scratch) / "docs"
                docs.mkdir()
                for name, text in case["docs"].items():
                    (docs / f"{name}.txt").write_text(text, encoding="utf-8")
                run = run_check([docs], claims_dir=Path(scratch) / "claims", write=True)
                stored = ClaimStore(Path(scratch) / "claims").load_all()
            expected = []
            for finding in case["findings"]:
                kinds = set(finding["kind"] if isinstance(finding["kind"], list) else [finding["kind"]])
                entries = []
                for entry in finding["claims"]:
                    spans = []
                    for quote in entry if isinstance(entry, list) else [entry]:
                        start = run.texts[quote["doc"]].index(quote["quote"])
                        spans.append((quote["doc"], start, start + len(quote["quote"])))
                    entries.append(spans)
                expected.append((kinds, entries))
            out.append((stored, expected))
    return out


def golden_lost(model: SamenessModel, cases: list[tuple[dict[str, StoredClaims], list]]) -> int:
    """How many golden check cases lose a finding they expect under the model."""
    return sum(not _reports_all(model, stored, expected) for stored, expected in cases)


def _reports_all(model: SamenessModel, stored: dict[str, StoredClaims], expected: list) -> bool:
    """Whether the checks, on these documents' claims and this model, report each expected finding:
    one of its kinds, covering for each of its entries one of the entry's quote spans."""
    claims = [c for doc_id in sorted(stored) for c in stored[doc_id].claims]
    graph = build_graph(claims, {d: stored[d].entity_counts for d in stored}, model=model, topics=topics_of(stored))
    findings = run_checks(graph)
    by_id = {c.id: c for c in [*claims, *graph.pointers.values()]}

    def covers(finding, span) -> bool:
        doc, start, end = span
        return any(by_id[c].doc == doc and by_id[c].start < end and start < by_id[c].end for c in finding.claims)

    return all(any(f.kind in kinds and all(any(covers(f, span) for span in spans) for spans in entries) for f in findings)
               for kinds, entries in expected)


def smoothed_choice(scored: list[tuple[float, dict, float]], smoothing: float, slack: float) -> tuple[float, dict]:
    """Of ``(threshold, figures, objective)`` triples, the threshold whose neighbourhood's (within
    ``smoothing``) mean objective is best, or within ``slack`` of the best, then with the fewest
    trap hits, then the highest; and its figures."""
    smoothed = []
    for value, figures, _ in scored:
        window = [f for v, _, f in scored if abs(v - value) <= smoothing + 1e-9]
        smoothed.append((round(sum(window) / len(window), 4), value, figures))
    best_mean = max(mean for mean, _, _ in smoothed)
    _, chosen, figures = max(
        ((mean, value, figures) for mean, value, figures in smoothed if mean >= best_mean - slack),
        key=lambda item: (-item[2]["traps"], item[1]),
    )
    return chosen, figures


def f_beta(precision: float, recall: float, beta: float) -> float:
    if precision == 0 or recall == 0:
        return 0.0
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def golden_corpora(paths: list[Path], into: Path) -> list[Path]:
    """The repo's golden check cases (tests/golden/checks/*.yaml) as small corpora in the gold.json
    format: each expected finding's first alternative per entry, each trap's quotes."""
    import yaml

    corpora = []
    for path in paths:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            root = into / f"golden-{path.stem}-{case['id']}"
            (root / "docs").mkdir(parents=True, exist_ok=True)
            for name, text in case["docs"].items():
                (root / "docs" / f"{name}.txt").write_text(text, encoding="utf-8")
            findings = []
            for n, finding in enumerate(case.get("findings") or []):
                kinds = finding["kind"] if isinstance(finding["kind"], list) else [finding["kind"]]
                evidence = [entry[0] if isinstance(entry, list) else entry for entry in finding["claims"]]
                findings.append({"id": f"G{n}", "kind": kinds[0], "must": True, "evidence": evidence})
            traps = []
            if case.get("trap") and len(case["trap"].get("quotes", [])) >= 2:
                traps.append({"id": "T0", "kind": case["trap"]["kind"], "evidence": case["trap"]["quotes"]})
            gold = {"corpus": root.name, "documents": {name: {"date": None} for name in case["docs"]},
                    "findings": findings, "traps": traps, "clusters": []}
            (root / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
            corpora.append(root)
    return corpora


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--signed", action=argparse.BooleanOptionalAction, default=True,
                        help="hold each descriptor's weight to the sign of the evidence it is (EVIDENCE_SIGNS); "
                        "--no-signed fits them free")
    parser.add_argument("--cross-corpus", type=int, default=5000,
                        help="at most N pairs across two corpora, labelled different facts (0: none)")
    parser.add_argument("--beta", type=float, default=1.0, help="F-beta of must-recall and precision the thresholds maximise")
    parser.add_argument("--scorer", type=Path, help="../shared/eval/score.py: choose the conflict threshold on the "
                        "findings it scores (F-beta of must-recall and precision) instead of on pairs")
    parser.add_argument("--pooled", action="store_true",
                        help="fit one model on all labelled pairs, with an indicator for values that disagree, "
                        "instead of one model per part (each part keeps its own threshold)")
    parser.add_argument("--real-news", type=Path,
                        help="a folder of real news articles (../shared/eval/realnews/afp): the findings on its "
                        "fitting half (a stable hash of the file name) count as false alarms when the conflict "
                        "threshold is chosen; the other half is left untouched")
    parser.add_argument("--seeds", type=Path, nargs=2, metavar=("SEEDS_DIR", "CASES_YAML"),
                        help="the seed articles and their acceptance cases (seeds tests/golden/seeds.yaml): "
                        "no threshold that loses a finding the seeds must give is chosen")
    parser.add_argument("--must-hold", type=Path, metavar="CASES_DIR",
                        help="a folder of golden check case files (tests/golden/checks): no threshold that loses "
                        "a finding they expect is chosen, as with --seeds")
    parser.add_argument("--one-threshold", action="store_true",
                        help="one conflict threshold for figures and events (by default events get their own)")
    parser.add_argument("--own-document-scorer", action="store_true",
                        help="fit a scorer of its own for two disagreeing figures of one document, on top of the "
                        "conflict scorer (which is then fitted without those pairs), with the --real-news "
                        "fitting half's such pairs as negatives (README: 'How claims are taken as one fact')")
    parser.add_argument("--own-document-only", type=Path, metavar="WEIGHTS_JSON",
                        help="keep the agree and conflict scorers and their thresholds of this weights file (a "
                        "sameness_weights.json); fit only the own-document scorer and choose its threshold")
    parser.add_argument("--misses", type=int, default=0, help="print the N lowest-scored same-fact pairs and highest-scored others")
    parser.add_argument("--golden", type=Path, nargs="*", default=[],
                        help="golden check case files (tests/golden/checks/*.yaml) to fit on as well")
    args = parser.parse_args(argv)
    golden_dir = Path(tempfile.mkdtemp(prefix="factlint-golden-"))
    args.corpora = list(args.corpora) + golden_corpora(args.golden, golden_dir)
    global STORY_THRESHOLD
    for corpus in args.corpora:
        extract(corpus)
    stories = [c for c in args.corpora if not c.name.startswith("golden-")]
    STORY_THRESHOLD, story_pairs, lowest_pair = story_threshold(stories)
    print(f"story threshold {STORY_THRESHOLD:.4f}: the lowest of {story_pairs} same-story document pairs ({lowest_pair})",
          file=sys.stderr)
    contradiction, contradiction_findings, lowest_finding = contradiction_threshold(stories)
    contradiction = math.floor(contradiction * 1e4) / 1e4
    print(f"contradiction threshold {contradiction:.4f}: the lowest of {contradiction_findings} planted "
          f"cross-document findings ({lowest_finding})", file=sys.stderr)
    all_rows, all_y, all_agree = [], [], []
    for corpus in args.corpora:
        rows, ys, agreeing = corpus_rows(corpus)
        print(f"{corpus.name}: {len(ys)} labelled candidate pairs ({sum(ys)} same fact)", file=sys.stderr)
        all_rows += rows
        all_y += ys
        all_agree += agreeing
    if args.cross_corpus and len(args.corpora) > 1:
        rows, ys, agreeing = cross_corpus_rows(args.corpora, limit=args.cross_corpus)
        print(f"cross-corpus: {len(ys)} pairs of unrelated stories", file=sys.stderr)
        all_rows += rows
        all_y += ys
        all_agree += agreeing
    own_scorer = args.own_document_scorer or args.own_document_only is not None
    real_news, real_news_rows = None, []
    if args.real_news is not None:
        half = real_news_half(args.real_news, 0)
        real_news = extract_real_news(half)
    if real_news is not None and own_scorer:
        real_news_rows = real_news_own_document_rows(real_news)
        print(f"real news: {len(half)} articles of {args.real_news} (fitting half), {len(real_news_rows)} disagreeing "
              "pairs of one article (negatives of the own-document scorer)", file=sys.stderr)
        all_rows += real_news_rows
        all_y += [0] * len(real_news_rows)
        all_agree += [False] * len(real_news_rows)
    x, y, agree = np.array(all_rows, dtype=float), np.array(all_y), np.array(all_agree, dtype=bool)
    model: dict = {"fitted_on": sorted({c.resolve().name for c in args.corpora if not c.name.startswith("golden-")}
                                       | {f"tests/golden/checks/{g.name}" for g in args.golden}),
                   "stories": {"threshold": math.floor(STORY_THRESHOLD * 1e4) / 1e4, "document_pairs": story_pairs,
                               "lowest_pair": lowest_pair, "contradiction_threshold": contradiction,
                               "contradiction_findings": contradiction_findings,
                               "lowest_contradiction": lowest_finding}}
    pooled = None
    if args.pooled:
        # one fact is one fact whatever its values: both parts' pairs estimate the same weights,
        # and values that disagree only shift the bias
        pooled = fit_logistic(np.column_stack([x, (~agree).astype(float)]), y, l2=args.l2)
    # two disagreeing figures of one document: the own-document descriptors are fitted on such pairs
    # only, on top of the conflict scorer (its logit the offset); the others are fitted without them
    own_document = (~agree) & (x[:, FEATURES.index("same_document")] == 1) & (x[:, FEATURES.index("event")] == 0)
    if not own_scorer:
        own_document[:] = False
    shared = np.array([name not in OWN_DOCUMENT_FEATURES for name in FEATURES])
    kept = json.loads(args.own_document_only.read_text(encoding="utf-8")) if args.own_document_only else None
    parts = [("agree", agree, 1.0), ("conflict", ~agree & ~own_document, 0.5)]
    for part, rows_of_part, beta in parts + ([("own_document", own_document, 0.5)] if own_scorer else []):
        xp, yp = x[rows_of_part], y[rows_of_part]
        offset = np.zeros(len(yp))
        if kept is not None and part != "own_document":
            model[part] = kept[part]
            continue
        if pooled is not None and part != "own_document":
            w, b = pooled[0][:-1], pooled[1] + (pooled[0][-1] if part == "conflict" else 0.0)
        elif part == "own_document":
            conflict_w = np.array([model["conflict"]["weights"].get(name, 0.0) for name in FEATURES])
            offset = xp @ conflict_w + model["conflict"]["bias"]
            adjusted = np.array([name in OWN_DOCUMENT_ADJUSTED for name in FEATURES])
            w, b = np.zeros(len(FEATURES)), 0.0
            w[adjusted], b = fit_logistic(xp[:, adjusted], yp, l2=args.l2, offset=offset)
        else:
            w, b = np.zeros(len(FEATURES)), 0.0
            signs = np.array([EVIDENCE_SIGNS.get(name, 0) for name in FEATURES])[shared] if args.signed else None
            w[shared], b = fit_logistic(xp[:, shared], yp, l2=args.l2, signs=signs)
        scores = 1.0 / (1.0 + np.exp(-(xp @ w + b + offset)))
        threshold, precision, recall = best_threshold(scores, yp, beta=beta)
        model[part] = {
            "weights": {name: round(float(v), 4) for name, v in zip(FEATURES, w)},
            "bias": round(float(b), 4),
            "threshold": round(threshold, 4),
            "pairs": {"labelled": int(len(yp)), "same_fact": int(yp.sum())},
            "fit": {"precision": round(precision, 3), "recall": round(recall, 3)},
        }
        if args.misses:
            pairs = [PAIRS[i] for i in np.flatnonzero(rows_of_part)]
            order = np.argsort(scores)
            wrong = [i for i in order if yp[i] == 1][: args.misses] + [i for i in order[::-1] if yp[i] == 0][: args.misses]
            for i in wrong:
                corpus, a, b = pairs[i]
                print(f"{part} y={yp[i]} score={scores[i]:.3f} {corpus}: {a.text!r} [{' '.join(a.frame.measure if a.frame else [])}] | "
                      f"{b.text!r} [{' '.join(b.frame.measure if b.frame else [])}]", file=sys.stderr)
    if args.scorer is not None:
        import importlib.util

        spec = importlib.util.spec_from_file_location("score", args.scorer)
        scorer = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(scorer)

        def weights(part: str, threshold: float) -> Weights:
            return Weights(model[part]["weights"], model[part]["bias"], threshold)

        agree = weights("agree", model["agree"]["threshold"])
        if args.real_news is not None:
            model["real_news"] = {"folder": args.real_news.resolve().name, "fitting_half_articles": len(half)}
            if own_scorer:
                model["real_news"]["own_document_negatives"] = len(real_news_rows)
        story = model["stories"]["threshold"]
        grid = [step / 100 for step in range(30, 100)]
        seeds = seed_expectations(*args.seeds) if args.seeds else None
        if args.seeds:
            model["seeds"] = {"cases": str(args.seeds[1]), "reported": len(seeds[1])}
        must_hold = golden_expectations(sorted(args.must_hold.glob("*.yaml"))) if args.must_hold else []
        if must_hold:
            model["must_hold"] = {"cases": str(args.must_hold), "expected_findings": sum(len(e) for _, e in must_hold)}

        def search(make: Callable[[float], SamenessModel], label: str, values: list[float] = grid,
                   final: bool = False) -> tuple[float, dict]:
            """The threshold of ``values`` the findings choose, for the models ``make`` gives. Only
            thresholds that keep every finding the seeds and golden cases expect are taken; when
            none does and the search is not ``final``, the findings choose among those that lose
            the fewest (the thresholds chosen later may still make the constraints hold)."""
            # first what each threshold loses of the constraints (seeds first, then golden cases),
            # then the findings of the thresholds that lose nothing, or, in a search that is not
            # the last, of those that lose the fewest
            broken = {}
            for value in values:
                candidate = make(value)
                seeds_lost = seeds is not None and not seeds_hold(candidate, *seeds)
                broken[value] = (seeds_lost, golden_lost(candidate, must_hold) if must_hold else 0)
                if broken[value] != (False, 0):
                    what = "the seeds must give" if seeds_lost else f"{broken[value][1]} golden case(s) expect"
                    print(f"  {label} {value}: loses a finding {what}", file=sys.stderr)
            allowed = (False, 0) if final else min(broken.values())
            if allowed != (False, 0):
                print(f"  every {label} loses a finding the seeds or a golden case must give: of those that "
                      f"lose the fewest ({allowed}), the findings choose", file=sys.stderr)
            scored = []
            for value in (v for v in values if broken[v] == allowed):
                candidate = make(value)
                figures = finding_scores(candidate, args.corpora, scorer)
                precision = figures["precision"]
                if real_news is not None:
                    # a user reads every finding: false alarms on real news weigh as planted ones do
                    figures["real_news_findings"] = real_news_findings(candidate, real_news)
                    matched = figures["precision"] * figures["findings"]
                    shown = figures["findings"] + figures["real_news_findings"]
                    precision = matched / shown if shown else 1.0
                print(f"  {label} {value}: {figures}", file=sys.stderr)
                scored.append((value, figures, f_beta(precision, figures["recall"], args.beta)))
            # the objective is flat and jagged (a finding more or less moves it): score each threshold
            # by its neighbourhood's (±SMOOTHING) mean, not a lucky spike at a cliff's edge; thresholds
            # whose mean is within one planted finding's worth of recall of the best cannot be told
            # apart, and of those the highest is taken, because a false alarm costs a reviewer more
            # than a miss; with real news in the objective, false alarms are counted, not assumed, and
            # the best mean is taken (ties to the higher threshold)
            if not scored:
                raise SystemExit(f"fit.py: every {label} loses a finding the seeds or a golden case must give; "
                                 "the fitted weights cannot report them")
            one_finding = 1 / max(scored[0][1]["must"], 1) if real_news is None else 0.0
            chosen, figures = smoothed_choice(scored, SMOOTHING, one_finding)
            print(f"{label} {chosen}: {figures}", file=sys.stderr)
            return chosen, figures

        def with_thresholds(figure_cut: float, event_cut: float | None, own_cut: float | None = None,
                            slip_cut: float | None = None) -> SamenessModel:
            conflict = Weights(model["conflict"]["weights"], model["conflict"]["bias"], figure_cut, event_cut, own_cut, slip_cut)
            own = weights("own_document", figure_cut if own_cut is None else own_cut) if own_scorer else None
            return SamenessModel(agree=agree, conflict=conflict, story_threshold=story, contradiction_threshold=contradiction,
                                 own_document=own)

        # one threshold for figures and events first; then the events' own (two dated events score
        # lower than two figures: fewer descriptors agree), then that of two figures of one
        # document, then the figures' again with both
        if args.own_document_only is not None:
            threshold, event_threshold = model["conflict"]["threshold"], model["conflict"].get("event_threshold")
            slip_threshold = model["conflict"].get("slip_threshold")
            own_threshold, figures = search(lambda v: with_thresholds(threshold, event_threshold, v, slip_threshold),
                                            "own-document threshold", final=True)
            model["conflict"]["own_document_threshold"] = own_threshold
            model["own_document"]["threshold"] = own_threshold
        else:
            threshold, figures = search(lambda v: with_thresholds(v, None), "conflict threshold", final=args.one_threshold)
        if args.own_document_only is None and not args.one_threshold:
            event_threshold, _ = search(lambda v: with_thresholds(threshold, v), "event threshold")
            # two figures of one document: an article restating its own figure differently
            own_threshold, _ = search(lambda v: with_thresholds(threshold, event_threshold, v), "own-document threshold")
            # two figures with the same digits at another scale or unit: a slip shares fewer other
            # descriptors than two figures that merely differ
            slip_threshold, _ = search(lambda v: with_thresholds(threshold, event_threshold, own_threshold, v), "slip threshold")
            threshold, figures = search(lambda v: with_thresholds(v, event_threshold, own_threshold, slip_threshold),
                                        "figure threshold", final=True)
            model["conflict"]["event_threshold"] = event_threshold
            model["conflict"]["own_document_threshold"] = own_threshold
            model["conflict"]["slip_threshold"] = slip_threshold
            if own_scorer:
                model["own_document"]["threshold"] = own_threshold
        model["conflict"]["threshold"] = threshold
        model["conflict"]["findings"] = {k: round(v, 3) for k, v in figures.items()}
    args.out.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
