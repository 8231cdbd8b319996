"""`factlint check` on one long article: 0.5, 1, 2 and 5 MB, to show time and memory grow linearly.

    .venv/bin/python bench/speed/long_article.py CORPUS_DIR [--sizes 0.5 1 2 5] [--single-line] [--timeout S]
    .venv/bin/python bench/speed/long_article.py /work/shared/eval/realnews/afp

The article is built in a temporary folder from the bodies of the corpus's articles, in order, until
it reaches the size (the first article's date line on top); ``--single-line`` joins everything into one
line (no paragraph or line break for the pieces to be cut at). Each size is one
``factlint check FILE --format json`` process (cold, its own claims folder), timed from start to
exit; CPU and peak RSS come from ``os.wait4``. The last column is seconds per MB: flat when growth
is linear.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from realnews import timed  # noqa: E402


def build(corpus: Path, size: int, single_line: bool) -> str:
    articles = sorted(corpus.glob("*.txt"))
    date_line = articles[0].read_text(encoding="utf-8").split("\n", 1)[0]
    parts: list[str] = []
    total = len(date_line) + 2
    separator = " " if single_line else "\n\n"
    while total < size:
        for path in articles:
            body = path.read_text(encoding="utf-8").split("\n", 1)[1].strip()
            if single_line:
                body = " ".join(body.split())
            parts.append(body)
            total += len(body) + len(separator)
            if total >= size:
                break
    return date_line + "\n\n" + separator.join(parts)[: size - len(date_line) - 2] + "\n"


@contextmanager
def timed_components(nlp, seconds: dict[str, float]):
    """While the block runs, the CPU seconds of each factlint mention component of ``nlp`` are
    added to ``seconds`` under the component's name."""
    import time

    from factlint.nlp import pipeline

    originals = list(nlp._components)

    def timed_component(name, component):
        def run(doc):
            started = time.process_time()
            out = component(doc)
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - started
            return out
        return run

    for i, (name, component) in enumerate(nlp._components):
        if name in pipeline.COMPONENTS:
            nlp._components[i] = (name, timed_component(name, component))
    try:
        yield seconds
    finally:
        nlp._components[:] = originals


def stages(text: str) -> dict[str, float]:
    """CPU seconds of each stage of one document's extraction, in this process: the trained
    pipeline with the cheap pass and the join (``model``), each factlint mention component, claims."""
    import time

    from factlint.claims import claims_of
    from factlint.models import Document
    from factlint.nlp import pipeline

    nlp = pipeline.get_pipeline()
    seconds: dict[str, float] = {}
    with timed_components(nlp, seconds):
        started = time.process_time()
        doc = pipeline.analyse(text)
        total = time.process_time() - started
    seconds = {"model (tokenizer, cheap pass, trained pipeline, join)": total - sum(seconds.values()), **seconds}
    started = time.process_time()
    claims_of(Document(id="long", path="long.txt", sha256="-"), doc)
    seconds["claims"] = time.process_time() - started
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 5], help="sizes in MB (10^6 characters)")
    parser.add_argument("--single-line", action="store_true")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--stages", action="store_true", help="in-process CPU seconds per stage instead of `factlint check` runs")
    args = parser.parse_args(argv)
    if args.stages:
        previous = None
        for mb in args.sizes:
            seconds = stages(build(args.corpus, int(mb * 1_000_000), args.single_line))
            print(f"{mb:g} MB: " + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()))
            if previous:
                print("   growth per stage for x%.1f size: " % (mb / previous[0]) + ", ".join(
                    f"{k.split(' ')[0]} x{v / max(previous[1][k], 1e-6):.1f}" for k, v in seconds.items()))
            previous = (mb, seconds)
        return
    factlint = Path(sys.executable).parent / "factlint"
    print(f"{'MB':>5s} {'chars':>10s} {'wall s':>8s} {'CPU s':>8s} {'peak RSS MiB':>13s} {'load':>5s} {'exit':>4s} {'CPU s/MB':>9s}  last stderr line")
    with tempfile.TemporaryDirectory(prefix="factlint-long-") as work:
        for mb in args.sizes:
            article = Path(work) / f"long-{mb:g}mb.txt"
            article.write_text(build(args.corpus, int(mb * 1_000_000), args.single_line), encoding="utf-8")
            chars = len(article.read_text(encoding="utf-8"))
            run = timed(
                f"{mb:g} MB",
                ["timeout", str(int(args.timeout)), str(factlint), "check", str(article), "--format", "json",
                 "--claims-dir", str(Path(work) / f"claims-{mb:g}"), "-q"],
            )
            print(f"{mb:5g} {chars:10,d} {run.wall_s:8.1f} {run.cpu_s:8.1f} {run.max_rss_mib:13.0f} {run.load:5.2f} "
                  f"{run.exit_code:4d} {run.cpu_s / mb:9.1f}  {run.note}")
            article.unlink()


if __name__ == "__main__":
    main()
