"""How the time of one long article grows: whole `factlint check` runs, per-stage CPU, and long lines.

    .venv/bin/python bench/large_article/growth.py check CORPUS_DIR [--sizes 0.5 1 2 5] [--paragraphs] [--timeout S]
    .venv/bin/python bench/large_article/growth.py stages CORPUS_DIR [--sizes 0.5 1 2 5] [--paragraphs] [--claims-up-to MB]
    .venv/bin/python bench/large_article/growth.py lines [--sizes 16000 64000 256000] [--shapes WORD...]

``check``: one ``factlint check FILE --format json`` process per size (cold, its own claims folder),
on an article built from the bodies of CORPUS_DIR's articles in order until it reaches the size
(``bench/speed/long_article.py``'s builder); one single line unless ``--paragraphs``. Wall time
from start to exit, CPU and peak RSS from ``os.wait4``; a run over ``--timeout`` is killed and
shown as such. ``s/MB`` flat means linear growth.

``stages``: the same articles in this process, CPU seconds per stage: the tokenizer (bounded
runs), the trained pipeline with the cheap pass and the join, each factlint mention component, and
the claim builder (only up to ``--claims-up-to`` MB, since it is the stage that does not grow
linearly yet).

``lines``: one line of a single shape repeated to each size in characters (nested parentheses,
"5 to ", runs of ``'s``, a long URL, prose without a full stop), each through the bounded
tokenizer and the whole in-process analysis (``analyse``): the shapes that made time quadratic on
long lines. Nothing here is taken from any corpus.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH / "speed"))
from long_article import build, timed_components  # noqa: E402
from realnews import timed  # noqa: E402

LINE_SHAPES = {
    "nested parentheses": lambda n: "(" * (n // 2) + "x" + ")" * (n // 2),
    "'5 to ' repeated": lambda n: "5 to " * (n // 5),
    "runs of 's": lambda n: "'s" * (n // 2),
    "one long URL": lambda n: "see https://example.org/" + "a1/" * (n // 3),
    "prose, no full stop": lambda n: "and the ships sailed on " * (n // 24),
}


def check(args) -> None:
    factlint = Path(sys.executable).parent / "factlint"
    print(f"{'MB':>5s} {'chars':>10s} {'wall s':>8s} {'CPU s':>8s} {'peak RSS MiB':>13s} {'load':>5s} {'exit':>4s} {'wall s/MB':>10s}  last stderr line")
    with tempfile.TemporaryDirectory(prefix="factlint-large-") as work:
        for mb in args.sizes:
            article = Path(work) / f"large-{mb:g}mb.txt"
            article.write_text(build(args.corpus, int(mb * 1_000_000), not args.paragraphs), encoding="utf-8")
            chars = len(article.read_text(encoding="utf-8"))
            run = timed(
                f"{mb:g} MB",
                ["timeout", "-s", "KILL", str(int(args.timeout)), str(factlint), "check", str(article),
                 "--format", "json", "--claims-dir", str(Path(work) / f"claims-{mb:g}"), "-q"],
            )
            note = f"killed at the {args.timeout:g} s timeout" if run.exit_code in (-9, 137) else run.note
            print(f"{mb:5g} {chars:10,d} {run.wall_s:8.1f} {run.cpu_s:8.1f} {run.max_rss_mib:13.0f} {run.load:5.2f} "
                  f"{run.exit_code:4d} {run.wall_s / mb:10.1f}  {note}", flush=True)
            article.unlink()


def stage_seconds(text: str, with_claims: bool) -> dict[str, float]:
    from factlint.claims import claims_of
    from factlint.models import Document
    from factlint.nlp import pipeline

    nlp = pipeline.get_pipeline()
    seconds: dict[str, float] = {}
    started = time.process_time()
    pipeline.tokenize(nlp, text)
    seconds["tokenizer"] = time.process_time() - started
    with timed_components(nlp, seconds):
        started = time.process_time()
        doc = pipeline.analyse(text)
        total = time.process_time() - started
    readers = sum(v for k, v in seconds.items() if k != "tokenizer")
    seconds = {"tokenizer": seconds["tokenizer"], "model+cheap pass+join": total - readers - seconds["tokenizer"],
               **{k.removeprefix("factlint_"): v for k, v in seconds.items() if k != "tokenizer"}}
    if with_claims:
        started = time.process_time()
        claims_of(Document(id="large", path="large.txt", sha256="-"), doc)
        seconds["claims"] = time.process_time() - started
    return seconds


def stages(args) -> None:
    previous = None
    for mb in args.sizes:
        text = build(args.corpus, int(mb * 1_000_000), not args.paragraphs)
        seconds = stage_seconds(text, with_claims=mb <= args.claims_up_to)
        line = f"{mb:g} MB ({len(text):,} chars): " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())
        print(line + f"; without claims {sum(v for k, v in seconds.items() if k != 'claims'):.1f} s", flush=True)
        if previous:
            ratio = mb / previous[0]
            print(f"   x{ratio:g} size: " + ", ".join(
                f"{k} x{v / max(previous[1][k], 1e-3):.1f}" for k, v in seconds.items() if k in previous[1]), flush=True)
        previous = (mb, seconds)


def lines(args) -> None:
    from factlint.nlp import pipeline

    nlp = pipeline.get_pipeline()
    print(f"{'shape':22s} {'chars':>9s} {'tokenizer s':>12s} {'analyse s':>10s} {'analyse us/char':>16s}")
    for name, make in LINE_SHAPES.items():
        if args.shapes and not any(word in name for word in args.shapes):
            continue
        for n in args.sizes:
            text = make(int(n))
            started = time.perf_counter()
            pipeline.tokenize(nlp, text)
            tokenizer = time.perf_counter() - started
            started = time.perf_counter()
            pipeline.analyse(text)
            whole = time.perf_counter() - started
            print(f"{name:22s} {len(text):9,d} {tokenizer:12.2f} {whole:10.2f} {whole / len(text) * 1e6:16.1f}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("check", "stages"):
        sub = commands.add_parser(name)
        sub.add_argument("corpus", type=Path)
        sub.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 5], help="sizes in MB (10^6 characters)")
        sub.add_argument("--paragraphs", action="store_true", help="keep the articles' paragraphs instead of one line")
        if name == "check":
            sub.add_argument("--timeout", type=float, default=900)
        else:
            sub.add_argument("--claims-up-to", type=float, default=float("inf"), help="time the claim builder only up to this size")
    sub = commands.add_parser("lines")
    sub.add_argument("--sizes", type=float, nargs="+", default=[16_000, 64_000, 256_000], help="sizes in characters")
    sub.add_argument("--shapes", nargs="+", help="only the shapes whose name contains one of these words")
    args = parser.parse_args(argv)
    {"check": check, "stages": stages, "lines": lines}[args.command](args)


if __name__ == "__main__":
    main()
