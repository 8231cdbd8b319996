"""`factlint check` on a warm claims store: nothing new, and one new article, in each report format.

    .venv/bin/python bench/speed/warm_store.py CORPUS_DIR [--store CLAIMS_DIR] [--rounds R] [--formats json table]
    # the recorded run (the 1,082 AFP articles; --store: a claims folder a cold check of them filled):
    .venv/bin/python bench/speed/warm_store.py /work/shared/eval/realnews/afp --store /tmp/afp-speed/claims --rounds 3

The articles and the store are copied into a temporary folder (never into the repository); without
``--store`` a cold check fills the copy first (minutes). Each round runs, each in its own process
timed by ``realnews.timed`` (wall time start to exit, interpreter start-up and model load included;
CPU = user + system from ``os.wait4``):

- ``warm``: the store holds every article, nothing is parsed;
- ``warm + 1 new``: one new article (``realnews.new_article``: the first article's paragraphs in
  reverse order) is added, parsed and stored; then it and its stored claims are removed again.

The machine is shared, so the CPU seconds (and the load average printed with each run) say more
than the wall seconds. The target of issue 8 is "one new article added to the warm store: <= 3 s wall".
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realnews import new_article, timed  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--store", type=Path, default=None, help="a claims folder filled by a check of the corpus")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--formats", nargs="+", default=["json", "table"])
    parser.add_argument("--jobs", default="2", help="--jobs of each check (default 2)")
    args = parser.parse_args(argv)
    factlint = Path(sys.executable).parent / "factlint"
    with tempfile.TemporaryDirectory(prefix="factlint-warm-") as tmp:
        work = Path(tmp)
        corpus, claims = work / "corpus", work / "claims"
        corpus.mkdir()
        for path in sorted(args.corpus.glob("*.txt")):
            shutil.copyfile(path, corpus / path.name)
        print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} usable cores, Python {platform.python_version()}; "
              f"corpus: {len(list(corpus.glob('*.txt')))} articles from {args.corpus}")
        check = [str(factlint), "check", str(corpus), "-q", "--jobs", args.jobs, "--claims-dir", str(claims)]
        if args.store is not None:
            shutil.copytree(args.store, claims)
        else:
            cold = timed("cold", check + ["--format", "json"])
            print(f"cold check to fill the store: {cold.wall_s:.1f} s wall, {cold.cpu_s:.1f} CPU s")
        print(f"{'round':>5s}  {'run':22s} {'format':>6s} {'wall s':>7s} {'CPU s':>6s} {'peak RSS MiB':>12s} {'load':>5s}  exit  stdout sha")
        for round_ in range(1, args.rounds + 1):
            for fmt in args.formats:
                runs = [timed("warm", check + ["--format", fmt])]
                added = corpus / "zz-new-article.txt"
                added.write_text(new_article(corpus), encoding="utf-8")
                runs.append(timed("warm + 1 new", check + ["--format", fmt]))
                added.unlink()
                for stored in claims.rglob("zz-new-article.json"):
                    stored.unlink()
                for run in runs:
                    print(f"{round_:>5d}  {run.label:22s} {fmt:>6s} {run.wall_s:7.2f} {run.cpu_s:6.2f} {run.max_rss_mib:12.0f} "
                          f"{run.load:5.2f}  {run.exit_code:>4d}  {run.stdout_sha}")


if __name__ == "__main__":
    main()
