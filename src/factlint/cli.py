"""The `factlint` command line: parses options and calls plain functions; nothing else."""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(
    help="Extract numeric and dated claims from articles and flag contradictions between them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
# markup off: file names like "report[draft].txt" are text; soft_wrap: never break a path
err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)


@app.callback()
def _root() -> None:
    """Extract numeric and dated claims from articles and flag contradictions between them."""


class ParseFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint="--date")


@app.command()
def parse(
    text: Annotated[Optional[str], typer.Argument(help="Text to parse; each line is parsed on its own. Use '-' to read standard input.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the text from FILE ('-' for standard input).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Document date (YYYY-MM-DD) that relative dates such as 'last year' resolve against.")] = None,
    format: Annotated[ParseFormat, typer.Option("--format", help="table: readable; jsonl: one JSON object per input line (the contract in README.md).")] = ParseFormat.table,
) -> None:
    """Show the quantities, dates, ordinals and entities factlint reads in TEXT, line by line."""
    from factlint.nlp.model import ModelNotInstalled
    from factlint.nlp.pipeline import analyse_many, mentions_of
    from factlint.report.mentions import mention_row, render_table, to_jsonl

    doc_date = _parse_date(date)
    if text is not None and file is not None:
        raise typer.BadParameter("give TEXT or --file, not both")
    if file is not None and str(file) != "-":
        try:
            source = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            err.print(f"factlint: cannot read {file}: {exc}")
            raise typer.Exit(2)
    elif text == "-" or (file is not None) or (text is None and not sys.stdin.isatty()):
        source = sys.stdin.read()
    elif text is not None:
        source = text
    else:
        err.print("factlint parse: give TEXT, --file FILE, or pipe text on standard input")
        raise typer.Exit(2)

    lines = source.splitlines()
    try:
        docs = analyse_many(lines, doc_date=doc_date)
        rows = (mention_row(i, line, mentions_of(doc)) for i, (line, doc) in enumerate(zip(lines, docs), start=1))
        if format is ParseFormat.jsonl:
            out = sys.stdout
            for row in rows:
                out.write(to_jsonl(row) + "\n")
        else:
            render_table(rows, Console(highlight=False))
    except ModelNotInstalled as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    sarif = "sarif"
    github = "github"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt/.md; folders are walked honouring .gitignore and [tool.factlint] exclude).")],
    format: Annotated[CheckFormat, typer.Option("--format", help="table (terminal), json (the contract in README.md), md, csv, sarif, or github (workflow annotations).")] = CheckFormat.table,
    claims_dir: Annotated[Path, typer.Option("--claims-dir", help="Where per-document claims, verdicts.json and CONTRADICTIONS.md live.")] = Path("claims"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes for parsing new or changed documents (0 = one per core).")] = 1,
    ci: Annotated[bool, typer.Option("--ci", help="The gate: write nothing; extract what the claims store lacks; exit 1 only on unreviewed findings.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages on standard error.")] = False,
) -> None:
    """Check articles for contradictions between and within them.

    Exit status: 0 no unreviewed findings; 1 unreviewed findings; 2 usage or input error
    (unreadable articles are reported and the rest still checked; an unreadable verdicts.json).
    With --ci a stale or missing claims store is only a cache miss, reported as a note.
    """
    from factlint.nlp.model import ModelNotInstalled
    from factlint.report.csv_report import render_csv
    from factlint.report.findings_table import render_table
    from factlint.report.github import render_github
    from factlint.report.json_report import render_json
    from factlint.report.markdown import render_markdown
    from factlint.report.sarif import render_sarif
    from factlint.review import VerdictsError, load_verdicts, note_of, stale_verdicts, unreviewed
    from factlint.runner import CONTRADICTIONS_FILE, run_check
    from factlint.store import write_atomic

    progress = (lambda message: None) if quiet else (lambda message: err.print(f"factlint: {message}"))
    try:
        verdicts = load_verdicts(claims_dir)  # first: a damaged file stops the check before it writes
        run = run_check(paths, claims_dir=claims_dir, jobs=jobs, write=not ci, progress=progress)
    except ModelNotInstalled as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    except VerdictsError as exc:
        err.print(f"factlint: cannot read the verdicts: {exc}")
        raise typer.Exit(2)
    result = run.result
    for error in result.errors:
        err.print(f"factlint: {error.path}: {error.reason}")

    contradictions = render_markdown(result, verdicts)
    contradictions_path = claims_dir / CONTRADICTIONS_FILE
    partial = bool(run.orphans)
    if partial and not ci:
        err.print(f"factlint: {contradictions_path} left as it was: this check did not cover every stored article")
    notes: list[str] = []
    if ci:
        if run.stale:
            notes.append(
                f"{_count(len(run.stale), 'claims file')} missing or out of date, so extracted for this check "
                "(a cache miss; `factlint check` and committing claims/ makes CI faster): " + ", ".join(run.stale)
            )
        try:
            current = contradictions_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != contradictions and not partial:
            notes.append(f"{contradictions_path} is out of date; `factlint check` regenerates it")
    elif result.documents and not partial:
        write_atomic(contradictions_path, contradictions)
    _write_job_summary(contradictions)

    locations = run.locations()
    renderers = {
        CheckFormat.json: lambda: render_json(result),
        CheckFormat.md: lambda: contradictions,
        CheckFormat.csv: lambda: render_csv(result),
        CheckFormat.sarif: lambda: render_sarif(result, run.texts, locations, {f.id: note_of(f, verdicts) for f in result.findings}),
        CheckFormat.github: lambda: render_github(result, run.texts, locations),
    }
    if format is CheckFormat.table:
        if result.documents:  # with nothing checked, "no contradictions" would mislead; stderr says why
            render_table(result, Console(highlight=False))
    else:
        sys.stdout.write(renderers[format]())  # machine formats always parse, errors included

    open_findings = unreviewed(result.findings)
    if not partial and not result.errors:
        gone = stale_verdicts(verdicts, result.findings, {c.id: c for c in result.claims})
        if gone:
            err.print(f"factlint: {len(gone)} verdict(s) in {claims_dir}/verdicts.json name findings no longer reported "
                      "(`factlint review --stale` lists them, `--prune` removes them): " + ", ".join(gone))
    if not quiet:
        parsed = len(run.parsed)
        err.print(
            f"factlint: {_count(len(result.documents), 'document')} ({parsed} parsed, {len(result.documents) - parsed} "
            f"from {claims_dir}), {_count(len(result.claims), 'claim')}, {_count(len(result.findings), 'finding')}, "
            f"{len(open_findings)} unreviewed"
        )
    for note in notes:
        err.print(f"factlint: note: {note}")
    if result.errors or not result.documents:
        if not result.documents and not result.errors:
            err.print("factlint: no .txt or .md articles found in " + ", ".join(str(p) for p in paths))
        raise typer.Exit(2)
    if open_findings:
        if ci:
            err.print(f"factlint: {_count(len(open_findings), 'unreviewed finding')}: review with "
                      "`factlint review ID... STATUS` (see `factlint review --list --status new`)")
        raise typer.Exit(1)


def _write_job_summary(markdown: str) -> None:
    """In a GitHub Actions job, append the contradictions table to the job's summary page."""
    import os

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    try:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown.replace("# Contradictions", "## factlint: contradictions", 1) + "\n")
    except OSError as exc:
        err.print(f"factlint: cannot write the job summary {summary}: {exc.strerror or exc}")


class VerdictStatus(str, Enum):
    new = "new"
    source_error = "source-error"
    false_alarm = "false-alarm"
    accepted = "accepted"


STATUS_WORDS = tuple(status.value for status in VerdictStatus)


@app.command()
def review(
    args: Annotated[Optional[list[str]], typer.Argument(metavar="[ID]... STATUS", help="Finding ids (whole, or any unique prefix, in any case) then the verdict: source-error (the article is wrong), false-alarm (factlint is wrong), accepted (known, left as is), or new (forget the verdict).", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why; shown in CONTRADICTIONS.md.")] = None,
    all_new: Annotated[Optional[VerdictStatus], typer.Option("--all-new", metavar="STATUS", help="Give STATUS to every finding nobody has reviewed yet.")] = None,
    list_findings: Annotated[bool, typer.Option("--list", help="Print the current findings with their status.")] = False,
    status: Annotated[Optional[VerdictStatus], typer.Option("--status", help="With --list: only findings with this status.")] = None,
    stale: Annotated[bool, typer.Option("--stale", help="List verdicts whose finding no longer exists.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove the verdicts --stale lists (on purpose only: they are kept otherwise).")] = False,
    claims_dir: Annotated[Path, typer.Option("--claims-dir", help="Folder holding verdicts.json.")] = Path("claims"),
    corpus: Annotated[Optional[list[Path]], typer.Option("--corpus", help="The articles to check (repeatable); default: the folders the stored claims came from.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages on standard error.")] = False,
) -> None:
    """Record reviewers' verdicts on findings (kept in claims/verdicts.json), or list them.

    The current findings come from checking the corpus again (stored claims are reused; articles
    added since are read), so ids from a CI annotation work without running `factlint check` first.
    Examples: `factlint review fl002-1bef source-error --note "the pipeline opened in 2019"`,
    `factlint review FL001-ab FL003-cd false-alarm`, `factlint review --all-new accepted --note "seen"`,
    `factlint review --list --status new`.
    """
    from factlint.nlp.model import ModelNotInstalled
    from factlint.report.markdown import render_markdown
    from factlint.review import (
        UNREVIEWED,
        UnknownFinding,
        VerdictsError,
        load_verdicts,
        note_of,
        resolve_ids,
        stale_verdicts,
        update_verdicts,
        verdict_changes,
    )
    from factlint.runner import CONTRADICTIONS_FILE, run_check, stored_corpus
    from factlint.store import write_atomic

    tokens = list(args or [])
    modes = sum(bool(m) for m in (list_findings, stale, prune, all_new is not None))
    if modes > 1:
        _usage("give one of --list, --stale, --prune and --all-new")
    if status is not None and not list_findings:
        _usage("--status goes with --list")
    if modes and tokens:
        _usage("finding ids go with a STATUS, not with --list, --stale, --prune or --all-new")
    if not modes:
        if len(tokens) < 2 or tokens[-1] not in STATUS_WORDS:
            given = f" (got {tokens[-1]!r})" if tokens else ""
            _usage(f"give finding ids then a STATUS, one of {', '.join(STATUS_WORDS)}{given}")
    progress = (lambda message: None) if quiet else (lambda message: err.print(f"factlint: {message}"))

    try:
        verdicts = load_verdicts(claims_dir)
    except VerdictsError as exc:
        err.print(f"factlint: cannot read the verdicts (nothing was changed): {exc}")
        raise typer.Exit(2)
    paths = list(corpus or stored_corpus(claims_dir))
    if not paths:
        err.print(f"factlint: no stored claims in {claims_dir} say where the articles are: run `factlint check PATH` "
                  "first, or give --corpus PATH")
        raise typer.Exit(2)
    try:
        run = run_check(paths, claims_dir=claims_dir, write=True, progress=progress)
    except ModelNotInstalled as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    except VerdictsError as exc:
        err.print(f"factlint: cannot read the verdicts (nothing was changed): {exc}")
        raise typer.Exit(2)
    result = run.result
    for error in result.errors:
        err.print(f"factlint: {error.path}: {error.reason}")
    claims = {c.id: c for c in result.claims}
    complete = not run.orphans and not result.errors

    if list_findings:
        _print_findings(result, verdicts, status.value if status else None, run.locations())
        return
    gone = stale_verdicts(verdicts, result.findings, claims)
    if stale:
        if not complete:
            err.print("factlint: this check did not read every article, so some verdicts may only look stale")
        for identity in gone:
            verdict = verdicts[identity]
            print(f"{identity}\t{verdict['status']}\t{verdict.get('note') or ''}")
        return
    if prune:
        if not complete:
            err.print("factlint: not pruning: this check did not read every article (see above), and the verdicts "
                      "of what it missed would be lost")
            raise typer.Exit(2)
        changes = {identity: (UNREVIEWED, None) for identity in gone}
        chosen = []
    elif all_new is not None:
        chosen = [f for f in result.findings if f.status == UNREVIEWED]
        changes = verdict_changes(chosen, all_new.value, note, claims)
    else:
        verdict = tokens[-1]
        try:
            chosen, forgotten = resolve_ids(tokens[:-1], result.findings, verdicts, forgetting=verdict == UNREVIEWED)
        except UnknownFinding as exc:
            err.print(f"factlint: {exc}; `factlint review --list` shows the findings")
            raise typer.Exit(2)
        changes = verdict_changes(chosen, verdict, note, claims)
        changes.update({identity: (UNREVIEWED, None) for identity in forgotten})

    def rewrite_table(new_verdicts) -> None:
        if result.documents and not run.orphans:
            write_atomic(claims_dir / CONTRADICTIONS_FILE, render_markdown(run.with_verdicts(new_verdicts), new_verdicts))

    try:
        update_verdicts(claims_dir, changes, then=rewrite_table)
    except VerdictsError as exc:
        err.print(f"factlint: cannot read the verdicts (nothing was changed): {exc}")
        raise typer.Exit(2)
    except OSError as exc:
        err.print(f"factlint: cannot write {claims_dir}: {exc.strerror or exc}")
        raise typer.Exit(2)
    if prune:
        err.print(f"factlint: removed {_count(len(gone), 'stale verdict')}" + (": " + ", ".join(gone) if gone else ""))
        return
    marked = all_new.value if all_new is not None else tokens[-1]
    if chosen:
        err.print(f"factlint: {', '.join(f.id for f in chosen)} marked {marked}")
    elif all_new is not None:
        err.print("factlint: no unreviewed findings to mark")
    named = {identity for f in chosen for identity in [f.id, *f.pairs]}
    for identity, (change, _) in changes.items():
        if identity not in named and change == UNREVIEWED and identity in verdicts:
            err.print(f"factlint: forgot the verdict {identity}")


def _print_findings(result, verdicts, only_status: str | None, locations) -> None:
    """One tab-separated line per finding: id, status, rule, kind, where it points (path:line),
    values, message, note."""
    from factlint.report.evidence import claims_by_id, finding_claims, location, ordered_findings, values_text
    from factlint.review import note_of

    claims = claims_by_id(result)
    documents = {d.id: d for d in result.documents}
    rows = []
    for finding in ordered_findings(result):
        if only_status is not None and finding.status != only_status:
            continue
        evidence = finding_claims(finding, claims)
        pointed = [claims[cid] for cid in locations.get(finding.id, []) if cid in claims] or evidence[:1]
        where = " ".join(location(claim, documents) for claim in pointed)
        message = finding.message if len(finding.message) <= 160 else finding.message[:157] + "..."
        rows.append("\t".join([finding.id, finding.status, finding.rule, finding.kind, where, values_text(evidence),
                               message, note_of(finding, verdicts) or ""]))
    sys.stdout.write("".join(row + "\n" for row in rows))


def _usage(message: str) -> None:
    err.print(f"factlint review: {message}")
    raise typer.Exit(2)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def main() -> None:  # pragma: no cover - console entry point
    app()
