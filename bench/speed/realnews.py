"""`factlint check` against the bare model and quantulum3 on real news, side by side in one run.

    .venv/bin/python bench/speed/realnews.py CORPUS_DIR [--quantulum-python PY] [--rounds R] [--limit N]
    # the recorded run (AFP articles of the TempEval-3 silver data, see bench/README.md):
    .venv/bin/python bench/speed/realnews.py /work/shared/eval/realnews/afp --quantulum-python /tmp/q3/bin/python

Every measurement is its own process, started and timed by this script (wall time from start to
exit, including interpreter start-up and model load; CPU and peak RSS from ``os.wait4``):

=================  ==========================================================================
bare model         ``en_core_web_sm`` loaded as factlint loads it, ``nlp.pipe`` over the texts
factlint -j1       ``factlint check CORPUS --format json`` cold (empty claims folder), one process
quantulum3         ``quantulum3.parser.parse`` over the texts, in the interpreter ``--quantulum-python``
                   (install quantulum3 in a throwaway venv; it is not a factlint dependency)
factlint -j2       the same check with ``--jobs 2`` (another empty claims folder)
factlint gated     ``factlint check`` cold with ``FACTLINT_GATING=1``: the model skips the sentences
                   without a number or date word (opt-in, see bench/CHECK_SPEED.md)
warm               the first check's claims folder again, nothing changed: nothing is parsed
warm + 1 new       one new article added to the corpus (its paragraphs are those of the first
                   article in reverse order, so its text is new): only it is parsed
=================  ==========================================================================

The articles are copied into a temporary folder (never into the repository), which is removed at the
end. With ``--rounds R`` the whole sequence runs R times, interleaved, so that load from other users of
the machine falls on every contestant alike; each ratio is printed per round.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BARE = """
import sys, time
from pathlib import Path
from factlint.nlp.model import load_trained_pipeline
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = load_trained_pipeline()
started = time.perf_counter()
for doc in nlp.pipe(texts):
    pass
print(f"pipe {time.perf_counter() - started:.2f} s", file=sys.stderr)
"""

QUANTULUM = """
import sys, time, warnings
warnings.simplefilter("ignore")
from pathlib import Path
from quantulum3 import parser
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
started = time.perf_counter()
found = sum(len(parser.parse(text)) for text in texts)
print(f"parse {time.perf_counter() - started:.2f} s, {found} quantities", file=sys.stderr)
"""


@dataclass
class Run:
    label: str
    wall_s: float
    cpu_s: float
    max_rss_mib: float
    load: float
    exit_code: int
    stdout_sha: str
    note: str


def timed(label: str, command: list[str], *, env: dict | None = None, cwd: Path | None = None) -> Run:
    """Run ``command``; wall time start to exit, CPU and peak RSS from ``os.wait4`` (they include the
    workers a ``--jobs`` check waited for; peak RSS is that of its largest single process)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env={**os.environ, **(env or {})}, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read().decode("utf-8", "replace").strip().splitlines()
    return Run(
        label, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, load, process.returncode,
        hashlib.sha256(stdout).hexdigest()[:12], (stderr[-1] if stderr else "")[:90],
    )


def new_article(corpus: Path) -> str:
    first = sorted(corpus.glob("*.txt"))[0].read_text(encoding="utf-8")
    head, _, body = first.partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return head + "\n\n" + "\n\n".join(reversed(paragraphs)) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--quantulum-python", type=Path, default=None, help="python of a venv with quantulum3")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only (a quick run)")
    parser.add_argument("--no-gated", action="store_true", help="skip the check with sentence gating")
    args = parser.parse_args(argv)

    factlint = Path(sys.executable).parent / "factlint"
    work = Path(tempfile.mkdtemp(prefix="factlint-realnews-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        articles = sorted(args.corpus.glob("*.txt"))[: args.limit]
        for path in articles:
            shutil.copyfile(path, corpus / path.name)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
        print(f"date (UTC): {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}; machine: {platform.machine()}, "
              f"{len(os.sched_getaffinity(0))} usable cores, {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print(f"corpus: {len(articles)} articles from {args.corpus}, {words:,} words")
        check = [str(factlint), "check", str(corpus), "--format", "json", "-q"]
        for round_ in range(1, args.rounds + 1):
            runs: dict[str, Run] = {}
            for name in ("claims-j1", "claims-j2", "claims-gated"):
                shutil.rmtree(work / name, ignore_errors=True)
            runs["bare"] = timed("bare model", [sys.executable, "-c", BARE, str(corpus)])
            runs["j1"] = timed("factlint -j1", check + ["--claims-dir", str(work / "claims-j1"), "--jobs", "1"])
            if args.quantulum_python:
                runs["q3"] = timed("quantulum3", [str(args.quantulum_python), "-c", QUANTULUM, str(corpus)])
            runs["j2"] = timed("factlint -j2", check + ["--claims-dir", str(work / "claims-j2"), "--jobs", "2"])
            if not args.no_gated:
                runs["gated"] = timed(
                    "factlint gated -j1", check + ["--claims-dir", str(work / "claims-gated")], env={"FACTLINT_GATING": "1"}
                )
            runs["warm"] = timed("warm, nothing new", check + ["--claims-dir", str(work / "claims-j1")])
            added = corpus / "zz-new-article.txt"
            added.write_text(new_article(corpus), encoding="utf-8")
            runs["warm1"] = timed("warm + 1 new article", check + ["--claims-dir", str(work / "claims-j1")])
            added.unlink()
            for stored in (work / "claims-j1").rglob("zz-new-article.json"):
                stored.unlink()

            print(f"\nround {round_}")
            print(f"{'run':24s} {'wall s':>8s} {'CPU s':>8s} {'peak RSS MiB':>13s} {'load':>5s}  exit  stdout sha  last stderr line")
            for run in runs.values():
                print(f"{run.label:24s} {run.wall_s:8.2f} {run.cpu_s:8.2f} {run.max_rss_mib:13.0f} {run.load:5.2f}  {run.exit_code:>4d}  {run.stdout_sha}  {run.note}")
            j1, bare = runs["j1"], runs["bare"]
            print(f"factlint -j1 / bare model: wall {j1.wall_s / bare.wall_s:.3f}, CPU {j1.cpu_s / bare.cpu_s:.3f}   (target <= 0.65)")
            if "q3" in runs:
                q3 = runs["q3"]
                print(f"quantulum3 / factlint -j1: wall {q3.wall_s / j1.wall_s:.2f}, CPU {q3.cpu_s / j1.cpu_s:.2f}   (target >= 3.5)")
            print(f"factlint -j1 / -j2 wall: {j1.wall_s / runs['j2'].wall_s:.2f}x   (target >= 1.7); same JSON: "
                  f"{'yes' if j1.stdout_sha == runs['j2'].stdout_sha else 'NO'}")
            if "gated" in runs:
                gated = runs["gated"]
                print(f"gated / default -j1: wall {gated.wall_s / j1.wall_s:.3f}, CPU {gated.cpu_s / j1.cpu_s:.3f}; "
                      f"gated / bare model: wall {gated.wall_s / bare.wall_s:.3f}, CPU {gated.cpu_s / bare.cpu_s:.3f}")
            print(f"warm + 1 new article: {runs['warm1'].wall_s:.2f} s wall (target <= 3); nothing new: {runs['warm'].wall_s:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
