"""Fit the sameness model's weights and thresholds from gold corpora (re-runnable).

    .venv/bin/python bench/sameness/fit.py CORPUS_DIR... [--out src/factlint/cluster/sameness_weights.json]

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
agree threshold maximises F1 on the pairs whose values agree, the conflict threshold maximises F0.5
(precision counts twice: a false alarm costs a reviewer more than a miss) on the pairs whose values
do not. Prints the fitted weights and per-corpus pair figures.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from factlint.cluster.compare import dates_compatible, value_interval
from factlint.cluster.graph import acronym_aliases, candidate_pairs
from factlint.cluster.sameness import FEATURES, WordWeights, features, veto
from factlint.models import Claim
from factlint.runner import run_check

SAME_FACT_TRAPS = ("approximation", "paraphrase")
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
    ia, ib = value_interval(a), value_interval(b)
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
            put(best_pair(wrong, claims_under(quote, by_doc, texts)), 1)
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


def corpus_rows(corpus: Path) -> tuple[list[list[float]], list[int], list[bool]]:
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as claims_dir:
        run = run_check([corpus / "docs"], claims_dir=Path(claims_dir), write=False)
    claims = run.result.claims
    labels = labelled_pairs(gold, claims, run.texts)
    by_id = {c.id: c for c in claims}
    entity_ids = {e.id for c in claims for e in c.entities} | {c.subject for c in claims if c.subject}
    alias = acronym_aliases(entity_ids)
    intervals = {c.id: value_interval(c) for c in claims if c.kind == "quantity"}
    candidates = {tuple(sorted((a.id, b.id))) for a, b in candidate_pairs(claims, intervals)}
    words = WordWeights(claims)
    rows, ys, agreeing = [], [], []
    for key, label in sorted(labels.items()):
        if key not in candidates:
            continue
        a, b = by_id[key[0]], by_id[key[1]]
        if veto(a, b, alias) is not None:
            continue
        feats = features(a, b, words, alias)
        rows.append([feats[name] for name in FEATURES])
        ys.append(label)
        if a.kind == "quantity":
            agreeing.append(intervals[a.id].overlaps(intervals[b.id]))
        else:
            agreeing.append(dates_compatible(a.date, b.date))
    return rows, ys, agreeing


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 4000, rate: float = 0.1) -> tuple[np.ndarray, float]:
    """Class-balanced logistic regression by gradient descent (deterministic)."""
    n, d = x.shape
    positives = max(1, int(y.sum()))
    negatives = max(1, n - positives)
    sample_weight = np.where(y == 1, n / (2 * positives), n / (2 * negatives))
    w = np.zeros(d)
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        err = (p - y) * sample_weight
        w -= rate * (x.T @ err / n + l2 * w / n)
        b -= rate * err.mean()
    return w, b


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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)
    all_rows, all_y, all_agree = [], [], []
    for corpus in args.corpora:
        rows, ys, agreeing = corpus_rows(corpus)
        print(f"{corpus.name}: {len(ys)} labelled candidate pairs ({sum(ys)} same fact)", file=sys.stderr)
        all_rows += rows
        all_y += ys
        all_agree += agreeing
    x, y, agree = np.array(all_rows, dtype=float), np.array(all_y), np.array(all_agree)
    w, b = fit_logistic(x, y, l2=args.l2)
    scores = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    t_agree, pa, ra = best_threshold(scores[agree], y[agree], beta=1.0)
    t_conflict, pc, rc = best_threshold(scores[~agree], y[~agree], beta=0.5)
    model = {
        "weights": {name: round(float(v), 4) for name, v in zip(FEATURES, w)},
        "bias": round(float(b), 4),
        "agree_threshold": round(t_agree, 4),
        "conflict_threshold": round(max(t_conflict, t_agree), 4),
        "fitted_on": sorted(c.resolve().name for c in args.corpora),
        "pairs": {"labelled": int(len(y)), "same_fact": int(y.sum()),
                  "agreeing": int(agree.sum()), "disagreeing": int((~agree).sum())},
        "fit": {"agree_precision": round(pa, 3), "agree_recall": round(ra, 3),
                "conflict_precision": round(pc, 3), "conflict_recall": round(rc, 3)},
    }
    args.out.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
