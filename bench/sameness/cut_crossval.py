"""Leave-one-corpus-out check of how the conflict cuts are chosen, for fixed weights (re-runnable).

    .venv/bin/python bench/sameness/cut_crossval.py --scorer ../shared/eval/score.py \
        --real-news ../shared/eval/realnews/afp --seeds seeds tests/golden/seeds.yaml \
        --must-hold tests/golden/checks CORPUS_DIR...

``fit.py`` chooses four conflict cuts (figures, dated events, two figures of one document, a slip of
scale or unit) on the findings of every corpus it is given, so its in-sample figures say nothing of
how well a cut is estimated. Here each cut is swept over fit.py's grid with the other three held at
the weights file's values, and every corpus's findings are scored at every value once. Then, for
each corpus left out, each selection rule chooses the cut on the other corpora (and the real-news
fitting half's findings, counted as false alarms as fit.py counts them), and the left-out corpus is
scored at that cut. The totals over the left-out corpora estimate each rule's figures on a corpus
it never saw; the spread of the cuts the folds choose says how well the cut is estimated.

The weights themselves were fitted on every corpus, so this isolates the choice of the cuts; a
full refit per fold is ``crossval.py`` (about seven minutes a fold).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import statistics
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit  # noqa: E402  (the fitting script beside this one)

from factlint.cluster.sameness import SamenessModel, model_from_json  # noqa: E402

CUTS = {
    "figure": "threshold",
    "event": "event_threshold",
    "own_document": "own_document_threshold",
    "slip": "slip_threshold",
}
"""Each cut fit.py chooses, by the field of the conflict scorer that holds it."""

Counts = dict[str, int]
"""One corpus's scored findings: must, found, findings, matched, traps."""


def per_corpus_counts(model: SamenessModel, corpora: list[Path], scorer) -> dict[str, Counts]:
    out = {}
    for corpus in corpora:
        figures = fit.finding_scores(model, [corpus], scorer)
        out[corpus.name] = {
            "must": figures["must"],
            "found": round(figures["recall"] * figures["must"]),
            "findings": figures["findings"],
            "matched": round(figures["precision"] * figures["findings"]),
            "traps": figures["traps"],
        }
    return out


def total(counts: list[Counts]) -> Counts:
    return {key: sum(c[key] for c in counts) for key in ("must", "found", "findings", "matched", "traps")}


def f_beta(counts: Counts, false_alarms: int, beta: float) -> float:
    recall = counts["found"] / max(counts["must"], 1)
    shown = counts["findings"] + false_alarms
    precision = counts["matched"] / shown if shown else 1.0
    return fit.f_beta(precision, recall, beta)


def rule(beta: float, smoothing: float) -> Callable[[dict[float, Counts], dict[float, int]], float]:
    """fit.py's choice (``fit.smoothed_choice``, as its search makes it with real news in the
    objective) for one F-beta and smoothing window."""

    def choose(by_value: dict[float, Counts], false_alarms: dict[float, int]) -> float:
        scored = [(v, by_value[v], f_beta(by_value[v], false_alarms[v], beta)) for v in sorted(by_value)]
        return fit.smoothed_choice(scored, smoothing, 0.0)[0]

    return choose


RULES = {
    "F1, window 0.05 (fit.py)": rule(1.0, 0.05),
    "F1, no window": rule(1.0, 0.0),
    "F1, window 0.10": rule(1.0, 0.10),
    "F0.5, window 0.05": rule(0.5, 0.05),
    "F2, window 0.05": rule(2.0, 0.05),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, required=True, help="../shared/eval/score.py")
    parser.add_argument("--weights", type=Path, default=fit.DEFAULT_OUT, help="the weights file whose cuts are checked")
    parser.add_argument("--real-news", type=Path, help="as fit.py's --real-news: its fitting half's findings are false alarms")
    parser.add_argument("--seeds", type=Path, nargs=2, metavar=("SEEDS_DIR", "CASES_YAML"),
                        help="as fit.py's --seeds: a cut that loses a finding the seeds must give is never chosen")
    parser.add_argument("--must-hold", type=Path, metavar="CASES_DIR",
                        help="as fit.py's --must-hold: a cut that loses a finding a golden case expects is never chosen")
    parser.add_argument("--cuts", nargs="*", choices=sorted(CUTS), default=sorted(CUTS))
    args = parser.parse_args(argv)
    spec = importlib.util.spec_from_file_location("score", args.scorer)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    base = model_from_json(args.weights.read_text(encoding="utf-8"))
    for corpus in args.corpora:
        print(f"extracting {corpus.name}", file=sys.stderr, flush=True)
        with contextlib.redirect_stdout(io.StringIO()):
            fit.extract(corpus)
    real_news = fit.extract_real_news(fit.real_news_half(args.real_news, 0)) if args.real_news else None
    seeds = fit.seed_expectations(*args.seeds) if args.seeds else None
    must_hold = fit.golden_expectations(sorted(args.must_hold.glob("*.yaml"))) if args.must_hold else []
    grid = [step / 100 for step in range(30, 100)]
    names = [c.name for c in args.corpora]
    for cut in args.cuts:
        field = CUTS[cut]
        by_value: dict[float, dict[str, Counts]] = {}
        false_alarms: dict[float, int] = {}
        for value in grid:
            model = replace(base, conflict=replace(base.conflict, **{field: value}))
            if cut == "own_document" and base.own_document is not None:
                model = replace(model, own_document=replace(base.own_document, threshold=value))
            if seeds is not None and not fit.seeds_hold(model, *seeds):
                continue
            if must_hold and fit.golden_lost(model, must_hold):
                continue
            by_value[value] = per_corpus_counts(model, args.corpora, scorer)
            false_alarms[value] = fit.real_news_findings(model, real_news) if real_news is not None else 0
        if not by_value:
            print(f"{cut}: every cut loses a finding the seeds or a golden case must give")
            continue
        allowed = sorted(by_value)
        shipped = getattr(base.conflict, field)
        print(f"\n{cut} cut (shipped {shipped}; allowed {allowed[0]}-{allowed[-1]})")
        for label, choose in RULES.items():
            held_out, chosen = [], []
            for name in names:
                rest = {v: total([by_value[v][n] for n in names if n != name]) for v in allowed}
                value = choose(rest, false_alarms)
                chosen.append(value)
                held_out.append(by_value[value][name])
            everything = choose({v: total(list(by_value[v].values())) for v in allowed}, false_alarms)
            t = total(held_out)
            recall, precision = t["found"] / max(t["must"], 1), t["matched"] / max(t["findings"], 1)
            f1 = 2 * recall * precision / (recall + precision) if recall and precision else 0.0
            print(f"  {label:26s} left-out {recall:.2f} ({t['found']}/{t['must']}) / {precision:.2f} "
                  f"({t['matched']}/{t['findings']}) traps {t['traps']} F1 {f1:.3f}; folds chose "
                  f"{min(chosen):.2f}-{max(chosen):.2f} (median {statistics.median(chosen):.2f}); on all: {everything:.2f} "
                  f"(real-news findings {false_alarms[everything]})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
