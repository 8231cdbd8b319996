"""Leave-one-corpus-out estimate of how fitted sameness weights do on a corpus they never saw.

    .venv/bin/python bench/sameness/crossval.py --scorer ../shared/eval/score.py CORPUS_DIR... [-- FIT_OPTION...]

For each corpus, ``fit.py`` fits weights and thresholds on all the others (with the options after
``--``, e.g. ``--pooled``), and the findings those weights give on the left-out corpus are scored
with the evaluation's scorer. The totals over the folds estimate the figures on unseen corpora of
the same kind; compare two fitting designs by them, never by their in-sample figures.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit  # noqa: E402  (the fitting script beside this one)

from factlint.cluster.sameness import model_from_json  # noqa: E402


def main(argv: list[str]) -> int:
    fit_options: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, fit_options = argv[:at], argv[at + 1:]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, required=True, help="../shared/eval/score.py")
    args = parser.parse_args(argv)
    spec = importlib.util.spec_from_file_location("score", args.scorer)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    totals = {"must": 0, "found": 0, "findings": 0, "matched": 0, "traps": 0}
    for held_out in args.corpora:
        rest = [c for c in args.corpora if c != held_out]
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "weights.json"
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                fit.main([*map(str, rest), "--out", str(out), "--scorer", str(args.scorer), *fit_options])
            model = model_from_json(out.read_text(encoding="utf-8"))
        fit.extract(held_out)
        figures = fit.finding_scores(model, [held_out], scorer)
        found = round(figures["recall"] * figures["must"])
        matched = round(figures["precision"] * figures["findings"])
        for key, value in (("must", figures["must"]), ("found", found), ("findings", figures["findings"]),
                           ("matched", matched), ("traps", figures["traps"])):
            totals[key] += value
        print(f"{held_out.name:32s} must-recall {found}/{figures['must']} precision {matched}/{figures['findings']} "
              f"traps {figures['traps']} (conflict threshold {model.conflict.threshold})", flush=True)
    recall = totals["found"] / max(totals["must"], 1)
    precision = totals["matched"] / max(totals["findings"], 1)
    f1 = 2 * recall * precision / (recall + precision) if recall and precision else 0.0
    print(f"left-out totals: must-recall {recall:.2f} ({totals['found']}/{totals['must']}) precision {precision:.2f} "
          f"({totals['matched']}/{totals['findings']}) traps {totals['traps']} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
