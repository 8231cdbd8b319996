"""Speed and memory of `factlint check` on a synthetic corpus, and where the time goes.

    .venv/bin/python bench/check_speed.py [--docs N] [--jobs J] CORPUS_DIR...

1. Builds N documents (default 200) in a temporary folder by cycling the articles of the given
   folders. Each copy gets a unique file name and a unique closing line without digits or capitals
   ("Copy reference bqx."), so its sha256 differs and it adds no mention, claim or finding.
2. Runs `factlint check --format json` as a subprocess three ways: cold with --jobs 1, cold with
   --jobs J (default: the usable cores), and warm (the first run's claims folder again, nothing
   changed: the run must parse no document). For each: wall time, documents/s, words/s, the peak
   RSS of the largest process (wait4 rusage) and the peak PSS summed over the process tree
   (sampled from /proc every 250 ms; PSS counts pages a forked worker shares with its parent once).
3. Runs the pipeline in-process over the same texts with a CPU timer around every component and
   reports CPU milliseconds per 1,000 words: spaCy's tokenizer and the en_core_web_sm components
   against factlint's mention components, claim building, clustering and checks.
4. Estimates the "cheap rule pass before the model" on the given (unique) articles: the share of
   sentences and words a filter would skip, and the mentions and claims that sit in them.

Everything is written under the temporary folder (removed at the end unless --keep); nothing is
written into the repository. Words are whitespace-separated tokens of the file text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md")
SAMPLE_INTERVAL_S = 0.25  # the tree's memory plateaus while the model is loaded; scanning /proc costs CPU
SUMMARY_LINE = re.compile(r"(\d+) documents \((\d+) parsed")


# --- the synthetic corpus -------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    path: Path
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def read_articles(folders: list[Path]) -> list[Article]:
    """The .txt/.md articles under ``folders``, in a stable order."""
    paths = [
        path
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")
    ]
    return [Article(path=path, text=path.read_text(encoding="utf-8")) for path in paths]


def copy_marker(index: int) -> str:
    """A closing sentence unique to copy ``index``, in lower-case letters only (base 26), so the
    extractors find no number, date or name in it."""
    letters = ""
    index += 26 * 26  # at least three letters
    while index:
        index, digit = divmod(index, 26)
        letters = chr(ord("a") + digit) + letters
    return f"Copy reference {letters}."


def build_corpus(articles: list[Article], count: int, folder: Path) -> list[Path]:
    """``count`` copies cycling ``articles``, each with a unique name and a unique last line."""
    folder.mkdir(parents=True)
    written = []
    for index in range(count):
        article = articles[index % len(articles)]
        target = folder / f"{index:05d}_{article.path.stem}{article.path.suffix}"
        target.write_text(article.text.rstrip("\n") + "\n\n" + copy_marker(index) + "\n", encoding="utf-8")
        written.append(target)
    return written


# --- the code under test ---------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def snapshot_source(revision: str | None, folder: Path) -> str:
    """Copy the factlint package to ``folder``/factlint and describe what was copied.

    The store keys claims on a hash of the extractor's source files, so an edit made in the
    checkout while the benchmark runs would make the warm run parse everything again; every run and
    the in-process profile therefore import this frozen copy (through PYTHONPATH / sys.path).
    ``revision`` None copies the working tree as it is now, otherwise that git revision."""
    package = REPO / "src" / "factlint"
    commit = _git("rev-parse", revision or "HEAD")
    if revision is None:
        shutil.copytree(package, folder / "factlint", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        dirty = _git("status", "--porcelain", "--", str(package))
        return f"working tree at {commit[:12]}" + (" with uncommitted changes in src/factlint" if dirty else "")
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit, "src/factlint"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder.parent, filter="data")  # members are src/factlint/...
    return f"git {revision} = {commit[:12]}"


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True).stdout.strip()


# --- running `factlint check` ---------------------------------------------------------------


@dataclass
class CheckRun:
    label: str
    jobs: int
    wall_s: float
    exit_code: int
    documents: int
    parsed: int
    cpu_s: float
    """User + system CPU seconds of the CLI and its workers."""
    max_rss_kb: int
    """Peak resident set of the largest single process of the run (the CLI or one worker)."""
    tree_pss_kb: int
    """Peak of the proportional set size summed over the CLI and its workers (sampled)."""
    output_sha256: str
    load_before: float
    """The machine's 1-minute load average when the run started (other work competing for cores)."""


def _children(pid: int) -> list[int]:
    children = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces; the parent pid is the 2nd field after it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return children


def _process_tree(pid: int) -> list[int]:
    tree, frontier = [pid], [pid]
    while frontier:
        frontier = [child for parent in frontier for child in _children(parent)]
        tree += frontier
    return tree


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_check(
    factlint: Path, corpus: Path, claims_dir: Path, jobs: int, label: str, workdir: Path, source: Path
) -> CheckRun:
    """One `factlint check` subprocess, timed and measured; its report is kept only as a hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", label).strip("-")
    stdout_path, stderr_path = workdir / f"{slug}.json", workdir / f"{slug}.stderr"
    command = [
        str(factlint),
        "check",
        str(corpus),
        "--claims-dir",
        str(claims_dir),
        "--jobs",
        str(jobs),
        "--format",
        "json",
    ]
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        environment = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")])),
        }
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=workdir, env=environment)
        tree_pss_kb = 0
        while True:
            # wait4 rather than Popen.wait: it returns the rusage of this child and its reaped workers.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            tree_pss_kb = max(tree_pss_kb, sum(_pss_kb(p) for p in _process_tree(process.pid)))
            time.sleep(SAMPLE_INTERVAL_S)
        wall_s = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    diagnostics = stderr_path.read_text(encoding="utf-8")
    summary = SUMMARY_LINE.search(diagnostics)
    if process.returncode not in (0, 1) or summary is None:
        sys.exit(
            f"check_speed: `{' '.join(command)}` failed with exit code {process.returncode}:\n{diagnostics[-2000:]}"
        )
    return CheckRun(
        label=label,
        jobs=jobs,
        wall_s=wall_s,
        exit_code=process.returncode,
        documents=int(summary.group(1)),
        parsed=int(summary.group(2)),
        cpu_s=usage.ru_utime + usage.ru_stime,
        max_rss_kb=usage.ru_maxrss,
        tree_pss_kb=tree_pss_kb,
        output_sha256=hashlib.sha256(stdout_path.read_bytes()).hexdigest(),
        load_before=load_before,
    )


def measure_runs(factlint: Path, corpus: Path, jobs: int, repeat: int, workdir: Path, source: Path) -> list[CheckRun]:
    """Cold serial, cold parallel (each into an empty claims folder) and warm, ``repeat`` times."""
    runs = []
    for round_ in range(1, repeat + 1):
        serial, parallel = workdir / f"claims-serial-{round_}", workdir / f"claims-parallel-{round_}"
        suffix = f" #{round_}" if repeat > 1 else ""
        runs.append(run_check(factlint, corpus, serial, 1, f"cold --jobs 1{suffix}", workdir, source))
        runs.append(run_check(factlint, corpus, parallel, jobs, f"cold --jobs {jobs}{suffix}", workdir, source))
        runs.append(run_check(factlint, corpus, serial, 1, f"warm --jobs 1{suffix}", workdir, source))
    return runs


def assert_ran_snapshot(claims_dir: Path, source: Path) -> None:
    """Stop unless the subprocesses and this process both ran the frozen copy of the code."""
    import factlint
    from factlint.store import extractor_version

    stored = json.loads(next((claims_dir / "docs").rglob("*.json")).read_text(encoding="utf-8"))
    if Path(factlint.__file__).parent != source / "factlint" or stored["extractor"] != extractor_version():
        sys.exit(f"check_speed: the runs did not use the copy of the code in {source}")


# --- where the time goes (in-process) -------------------------------------------------------


@dataclass
class StageProfile:
    seconds: dict[str, float] = field(default_factory=dict)
    """Seconds per stage, in pipeline order."""
    words: int = 0
    documents: int = 0
    claims: int = 0
    findings: int = 0
    load_s: float = 0.0
    scaling: list[tuple[int, int, float, float]] = field(default_factory=list)
    """(documents, claims, clustering s, checks s) on growing prefixes of the corpus."""

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def ms_per_kword(self, stage: str) -> float:
        return 1000 * self.seconds[stage] / (self.words / 1000)


TOKENIZER = "tokenizer"
CLAIMS = "claims (build_claims)"
CLUSTERS = "clusters (build_graph)"
CHECKS = "checks (run_checks)"
CORPUS_STAGES = (CLAIMS, CLUSTERS, CHECKS)


def trained_stages(profile: StageProfile) -> list[str]:
    """The tokenizer and every component that does not come from factlint."""
    return [stage for stage in profile.seconds if stage not in CORPUS_STAGES and not stage.startswith("factlint_")]


def factlint_stages(profile: StageProfile) -> list[str]:
    return [stage for stage in profile.seconds if stage not in trained_stages(profile)]


def profile_stages(paths: list[Path]) -> StageProfile:
    """Run what `factlint check` runs per document, timing each pipe separately, then cluster and
    check all claims together. Mirrors factlint.nlp.pipeline.analyse and factlint.claims.extract_claims.
    Times are CPU seconds of this process, so other work on a shared machine barely moves them."""
    from factlint.checks import run_checks
    from factlint.claims.builder import build_claims
    from factlint.cluster import build_graph
    from factlint.corpus.reader import read_document
    from factlint.nlp.pipeline import get_pipeline

    profile = StageProfile()
    started = time.process_time()
    nlp = get_pipeline()
    profile.load_s = time.process_time() - started

    claims_per_document: list[list] = []
    entity_counts: dict[str, dict[str, int]] = {}
    for path in paths:
        source = read_document(path)
        profile.words += len(source.text.split())
        profile.documents += 1

        started = time.process_time()
        doc = nlp.make_doc(source.text)
        profile.add(TOKENIZER, time.process_time() - started)
        doc._.fl_doc_date = dt.date.fromisoformat(source.document.date) if source.document.date else None
        for name, component in nlp.pipeline:
            started = time.process_time()
            doc = component(doc)
            profile.add(name, time.process_time() - started)

        started = time.process_time()
        claims_per_document.append(build_claims(source.document, doc))
        profile.add(CLAIMS, time.process_time() - started)
        counts = Counter(e.id for e in doc._.fl_entities or [] if e.type != "person")
        entity_counts[source.document.id] = dict(sorted(counts.items()))

    # Clustering and checks see the whole corpus at once: time them on a quarter, a half and all
    # of it to show how they grow with the corpus (per-document stages grow linearly).
    for documents in sorted({max(1, len(paths) // 4), max(1, len(paths) // 2), len(paths)}):
        claims = [claim for document_claims in claims_per_document[:documents] for claim in document_claims]
        started = time.process_time()
        graph = build_graph(claims, entity_counts)
        clustered = time.process_time()
        findings = run_checks(graph)
        checked = time.process_time()
        profile.scaling.append((documents, len(claims), clustered - started, checked - clustered))
    profile.add(CLUSTERS, clustered - started)
    profile.add(CHECKS, checked - clustered)
    profile.claims, profile.findings = len(claims), len(findings)
    return profile


# --- the cheap rule pass before the model (estimate) ----------------------------------------

def _number_words() -> frozenset[str]:
    """Cardinal and scale words as the quantity extractor knows them (one list, not a copy)."""
    from factlint.nlp.numbers import cardinal_words, scale_words

    return frozenset(cardinal_words()) | frozenset(scale_words())


NUMBER_WORDS = _number_words()
MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ]
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")  # hyphens split: "twenty-five", "four-fifths"
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Cheap sentence spans (start, end): every line is a paragraph, split after . ! ? before a
    capital or digit. Abbreviations split wrongly; that only makes the estimate more generous."""
    offset = 0
    for line in text.split("\n"):
        start = 0
        for boundary in SENTENCE_END.finditer(line):
            yield offset + start, offset + boundary.end()
            start = boundary.end()
        if line[start:].strip():
            yield offset + start, offset + len(line)
        offset += len(line) + 1


def worth_parsing(sentence: str, *, names: bool) -> bool:
    """The rule pass: a digit, a number word, a month, or (when ``names``) a capitalised word
    other than the sentence's first."""
    if any(char.isdigit() for char in sentence):
        return True
    words = WORD.findall(sentence)
    if any(word.lower() in NUMBER_WORDS or word in MONTHS for word in words):
        return True
    return names and any(word[0].isupper() and word != "I" for word in words[1:])


@dataclass
class FilterEstimate:
    name: str
    names: bool
    """Whether capitalised words make a sentence worth parsing."""
    sentences: int = 0
    skipped_sentences: int = 0
    words: int = 0
    skipped_words: int = 0
    mentions: Counter = field(default_factory=Counter)
    """Mentions per kind found by the full pipeline, and with a "lost " prefix those in skipped sentences."""
    lost: dict[str, list[str]] = field(default_factory=dict)
    """Per kind, the mentions and claims (as "doc: 'text'") that sit in skipped sentences."""
    filter_s: float = 0.0


MENTION_KINDS = ("quantities", "dates", "ordinals", "entities", "claims")
MAX_LISTED = 10  # list the lost mentions of a kind when there are at most this many


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def estimate_filters(articles: list[Article]) -> list[FilterEstimate]:
    """Apply the rule pass to each article and count what the full pipeline finds in the sentences
    it would skip."""
    from factlint.claims.builder import build_claims
    from factlint.corpus.reader import read_document
    from factlint.nlp.pipeline import analyse

    estimates = [
        FilterEstimate("digits, number words, months, capitalised words", names=True),
        FilterEstimate("digits, number words, months only", names=False),
    ]
    for article in articles:
        source = read_document(article.path)
        doc = analyse(
            source.text, doc_date=dt.date.fromisoformat(source.document.date) if source.document.date else None
        )
        found = {
            "quantities": doc._.fl_quantities or [],
            "dates": doc._.fl_dates or [],
            "ordinals": doc._.fl_ordinals or [],
            "entities": doc._.fl_entities or [],
            "claims": build_claims(source.document, doc),
        }
        spans = list(split_sentences(source.text))
        for estimate in estimates:
            started = time.process_time()
            skipped = [
                (start, end) for start, end in spans if not worth_parsing(source.text[start:end], names=estimate.names)
            ]
            estimate.filter_s += time.process_time() - started
            is_skipped = partial(_inside, spans=skipped)

            estimate.sentences += len(spans)
            estimate.skipped_sentences += len(skipped)
            estimate.words += sum(len(source.text[start:end].split()) for start, end in spans)
            estimate.skipped_words += sum(len(source.text[start:end].split()) for start, end in skipped)
            for kind, records in found.items():
                lost = [f"{source.document.id}: {record.text!r}" for record in records if is_skipped(record.start)]
                estimate.mentions[kind] += len(records)
                estimate.mentions["lost " + kind] += len(lost)
                estimate.lost.setdefault(kind, []).extend(lost)
    return estimates


# --- the report -----------------------------------------------------------------------------


def print_table(header: list[str], rows: Iterable[list[str]]) -> None:
    rows = [header] + [list(row) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def print_environment(documents: int, words: int, articles: list[Article]) -> None:
    import spacy

    from factlint.nlp.model import trained_pipeline_version

    print(f"date (UTC): {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}")
    print(
        f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} usable cores, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, {trained_pipeline_version()}"
    )
    print(
        f"corpus: {documents} documents, {words:,} words, cycling {len(articles)} articles "
        f"({sum(a.words for a in articles):,} words)"
    )


def print_runs(runs: list[CheckRun], documents: int, words: int) -> None:
    print("\n`factlint check` (subprocess, --format json)")
    print_table(
        [
            "run",
            "jobs",
            "parsed",
            "wall s",
            "CPU s",
            "docs/s",
            "words/s",
            "words/CPU s",
            "max RSS MiB",
            "tree PSS MiB",
            "load",
        ],
        (
            [
                run.label,
                str(run.jobs),
                str(run.parsed),
                f"{run.wall_s:.2f}",
                f"{run.cpu_s:.2f}",
                f"{documents / run.wall_s:.1f}",
                f"{words / run.wall_s:,.0f}",
                f"{words / run.cpu_s:,.0f}",
                f"{run.max_rss_kb / 1024:.0f}",
                f"{run.tree_pss_kb / 1024:.0f}",
                f"{run.load_before:.2f}",
            ]
            for run in runs
        ),
    )
    identical = len({run.output_sha256 for run in runs}) == 1
    print(f"same JSON report from all runs: {'yes' if identical else 'NO'}; exit code {runs[0].exit_code}")


def print_profile(profile: StageProfile) -> None:
    print(
        f"\nwhere the time goes (in-process, {profile.documents} documents, {profile.words:,} words, "
        f"{profile.claims} claims, {profile.findings} findings; pipeline load {profile.load_s:.2f} s)"
    )
    total = sum(profile.seconds.values())
    rows = []
    for group, stages in (("spaCy en_core_web_sm", trained_stages(profile)), ("factlint", factlint_stages(profile))):
        for stage in stages:
            rows.append(
                [
                    f"  {stage}",
                    f"{profile.ms_per_kword(stage):.1f}",
                    f"{profile.seconds[stage]:.2f}",
                    _percent(profile.seconds[stage], total),
                ]
            )
        seconds = sum(profile.seconds[s] for s in stages)
        rows.append(
            [
                f"{group} total",
                f"{1000 * seconds / (profile.words / 1000):.1f}",
                f"{seconds:.2f}",
                _percent(seconds, total),
            ]
        )
    rows.append(["all", f"{1000 * total / (profile.words / 1000):.1f}", f"{total:.2f}", "100.0%"])
    print_table(["stage", "CPU ms/1k words", "CPU s", "share"], rows)
    print("\nclusters and checks as the corpus grows (CPU s)")
    print_table(
        ["documents", "claims", "clusters", "checks"],
        ([str(d), str(c), f"{g:.2f}", f"{k:.2f}"] for d, c, g, k in profile.scaling),
    )


def print_filter_estimates(estimates: list[FilterEstimate], profile: StageProfile) -> None:
    extraction = sum(seconds for stage, seconds in profile.seconds.items() if stage not in (CLUSTERS, CHECKS))
    trained_share = sum(profile.seconds[s] for s in trained_stages(profile)) / extraction
    print("\ncheap rule pass before the model (on the given articles, not the copies)")
    rows = []
    for estimate in estimates:
        lost = ", ".join(
            f"{kind} {estimate.mentions['lost ' + kind]}/{estimate.mentions[kind]}" for kind in MENTION_KINDS
        )
        rows.append(
            [
                estimate.name,
                f"{estimate.skipped_sentences}/{estimate.sentences}"
                f" ({_percent(estimate.skipped_sentences, estimate.sentences)})",
                _percent(estimate.skipped_words, estimate.words),
                _percent(trained_share * estimate.skipped_words, estimate.words),
                f"{1000 * estimate.filter_s / (estimate.words / 1000):.2f}",
                lost,
            ]
        )
    print_table(
        [
            "filter keeps sentences with",
            "sentences skipped",
            "words skipped",
            "est. time saved",
            "filter CPU ms/1k words",
            "found by the pipeline in skipped sentences",
        ],
        rows,
    )
    for estimate in estimates:
        for kind, lost in estimate.lost.items():
            if 0 < len(lost) <= MAX_LISTED:
                print(f"{kind} in sentences skipped by '{estimate.name}': {'; '.join(lost)}")
    print(
        "(est. time saved = words skipped x the spaCy share of the per-document extraction time, tokenizer to claims;\n"
        " assumes spaCy's cost is linear in words and factlint's own components still read every sentence)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "corpus", nargs="+", type=Path, metavar="CORPUS_DIR", help="folders of .txt/.md articles to cycle"
    )
    parser.add_argument("--docs", type=int, default=200, help="documents in the synthetic corpus (default 200)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="processes for the parallel cold run (default: usable cores)",
    )
    parser.add_argument(
        "--profile-docs", type=int, default=None, help="documents for the in-process profile (default: all)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the three checks this many times (default 1); the machine may be shared",
    )
    parser.add_argument(
        "--revision",
        default=None,
        help="benchmark this git revision of src/factlint (default: the working tree as it is at the start)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    factlint = Path(sys.executable).parent / "factlint"
    if not factlint.exists():
        sys.exit(f"check_speed: no factlint next to {sys.executable}; run with the project's .venv/bin/python")
    articles = read_articles(args.corpus)
    if not articles:
        sys.exit("check_speed: no .txt or .md articles in " + ", ".join(map(str, args.corpus)))

    workdir = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    try:
        source = workdir / "src"
        code = snapshot_source(args.revision, source)
        sys.path.insert(0, str(source))  # the in-process profile imports the same frozen copy
        corpus_paths = build_corpus(articles, args.docs, workdir / "corpus")
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus_paths)
        print_environment(len(corpus_paths), words, articles)
        print(f"code: {code}")

        runs = measure_runs(factlint, workdir / "corpus", args.jobs, args.repeat, workdir, source)
        print_runs(runs, len(corpus_paths), words)
        assert_ran_snapshot(workdir / "claims-serial-1", source)
        if any(run.parsed for run in runs if run.label.startswith("warm")):
            sys.exit("check_speed: a warm run parsed documents; it must parse none")

        profile = profile_stages(corpus_paths[: args.profile_docs])
        print_profile(profile)
        print_filter_estimates(estimate_filters(articles), profile)
    finally:
        if args.keep:
            print(f"\nkept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
