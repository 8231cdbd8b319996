"""The `factlint` command line: parses options and calls plain functions; nothing else."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.console import Console

from factlint.report.safe_text import SafeConsole

app = typer.Typer(
    help="Extract numeric and dated claims from articles and flag contradictions between them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
# markup off: file names like "report[draft].txt" are text; soft_wrap: never break a path
err = SafeConsole(stderr=True, highlight=False, markup=False, soft_wrap=True)


def _exit_2_on_failure(command):
    """No traceback escapes a command: whatever escapes its body is one line on stderr and exit
    code 2 (1 means only "unreviewed findings")."""

    @functools.wraps(command)
    def guarded(*args, **kwargs):
        from factlint.boundary import describe_failure

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:
            err.print(f"factlint: {describe_failure(exc)}")
            raise typer.Exit(2)

    return guarded


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
@_exit_2_on_failure
def parse(
    text: Annotated[Optional[str], typer.Argument(help="Text to parse; each line is parsed on its own. Use '-' to read standard input.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the text from FILE ('-' for standard input).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Document date (YYYY-MM-DD) that relative dates such as 'last year' resolve against.")] = None,
    format: Annotated[ParseFormat, typer.Option("--format", help="table: readable; jsonl: one JSON object per input line (the contract in README.md).")] = ParseFormat.table,
) -> None:
    """Show the quantities, dates, ordinals and entities factlint reads in TEXT, line by line."""
    from factlint.cli_input import read_text_input, replace_surrogates
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
        source = read_text_input()
    elif text is not None:
        source = replace_surrogates(text)
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
@_exit_2_on_failure
def check(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt/.md, searched recursively).")],
    format: Annotated[CheckFormat, typer.Option("--format", help="table (terminal), json (the contract in README.md), md, csv, sarif, or github (workflow annotations).")] = CheckFormat.table,
    claims_dir: Annotated[Path, typer.Option("--claims-dir", help="Where per-document claims, verdicts.json and CONTRADICTIONS.md live.")] = Path("claims"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes for parsing new or changed documents (0 = one per core).")] = 1,
    ci: Annotated[bool, typer.Option("--ci", help="Write nothing; exit 1 if claims/ or CONTRADICTIONS.md are stale or any finding is unreviewed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages on standard error.")] = False,
) -> None:
    """Check articles for contradictions between and within them.

    Exit status: 0 no unreviewed findings; 1 unreviewed findings (or, with --ci, stale claims);
    2 usage or input error, or any other failure: an article that cannot be read or parsed, a
    claims folder that cannot be written, an internal error (each is named on stderr and the rest
    is still checked; FACTLINT_TRACEBACK=1 adds tracebacks).
    """
    from factlint.models import InputError
    from factlint.nlp.model import ModelNotInstalled
    from factlint.report.csv_report import render_csv
    from factlint.report.findings_table import render_table
    from factlint.report.github import render_github
    from factlint.report.json_report import render_json
    from factlint.report.markdown import render_markdown
    from factlint.report.sarif import render_sarif
    from factlint.review import load_verdicts, unreviewed
    from factlint.runner import CONTRADICTIONS_FILE, run_check
    from factlint.store import write_atomic

    progress = (lambda message: None) if quiet else (lambda message: err.print(f"factlint: {message}"))
    try:
        run = run_check(paths, claims_dir=claims_dir, jobs=jobs, write=not ci, progress=progress)
    except ModelNotInstalled as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    except ValueError as exc:  # a malformed verdicts.json
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    result = run.result
    for note in run.notes:
        err.print(f"factlint: {note}")
    for error in result.errors:
        err.print(f"factlint: {error.path}: {error.reason}")

    verdicts = load_verdicts(claims_dir)
    contradictions = render_markdown(result, verdicts)
    contradictions_path = claims_dir / CONTRADICTIONS_FILE
    stale = list(run.stale)
    partial = bool(run.orphans)
    if partial and not ci:
        err.print(f"factlint: {contradictions_path} left as it was: this check did not cover every stored article")
    if ci:
        try:
            current = contradictions_path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != contradictions:
            stale.append(str(contradictions_path))
    elif result.documents and not partial:
        try:
            write_atomic(contradictions_path, contradictions)
        except OSError as exc:  # the report still goes out; the exit code says something failed
            result = result.model_copy(update={"errors": [*result.errors, InputError(
                path=str(contradictions_path), stage="store", reason=f"cannot write: {exc.strerror or exc}")]})
            err.print(f"factlint: {contradictions_path}: cannot write: {exc.strerror or exc}")

    renderers = {
        CheckFormat.json: lambda: render_json(result),
        CheckFormat.md: lambda: contradictions,
        CheckFormat.csv: lambda: render_csv(result),
        CheckFormat.sarif: lambda: render_sarif(result, run.texts),
        CheckFormat.github: lambda: render_github(result, run.texts),
    }
    if format is CheckFormat.table:
        if result.documents:  # with nothing checked, "no contradictions" would mislead; stderr says why
            render_table(result, Console(highlight=False))
    else:
        sys.stdout.write(renderers[format]())  # machine formats always parse, errors included

    open_findings = unreviewed(result.findings)
    if not partial:
        from factlint.review import stale_verdicts

        gone = stale_verdicts(verdicts, result.findings)
        if gone:
            err.print(f"factlint: {len(gone)} verdict(s) in {claims_dir}/verdicts.json name findings no longer reported: "
                      + ", ".join(gone))
    if not quiet:
        parsed = len(run.parsed)
        err.print(
            f"factlint: {_count(len(result.documents), 'document')} ({parsed} parsed, {len(result.documents) - parsed} "
            f"from {claims_dir}), {_count(len(result.claims), 'claim')}, {_count(len(result.findings), 'finding')}, "
            f"{len(open_findings)} unreviewed"
        )
    if ci and stale:
        err.print("factlint: stale, run `factlint check` and commit: " + ", ".join(stale))
    if result.errors or not result.documents:
        if not result.documents and not result.errors:
            err.print("factlint: no .txt or .md articles found in " + ", ".join(str(p) for p in paths))
        raise typer.Exit(2)
    if open_findings or (ci and stale):
        raise typer.Exit(1)


class VerdictStatus(str, Enum):
    new = "new"
    source_error = "source-error"
    false_alarm = "false-alarm"
    accepted = "accepted"


@app.command()
def review(
    finding_id: Annotated[str, typer.Argument(help="The finding's id, as shown in claims/CONTRADICTIONS.md.")],
    status: Annotated[VerdictStatus, typer.Argument(help="source-error (the article is wrong), false-alarm (factlint is wrong), accepted (known, left as is), or new (forget the verdict).")],
    note: Annotated[Optional[str], typer.Option("--note", help="Why; shown in CONTRADICTIONS.md.")] = None,
    claims_dir: Annotated[Path, typer.Option("--claims-dir", help="Folder holding verdicts.json.")] = Path("claims"),
) -> None:
    """Record a reviewer's verdict on a finding (kept in claims/verdicts.json).

    The next `factlint check` shows the status in CONTRADICTIONS.md and no longer counts the
    finding as unreviewed.
    """
    from factlint.review import record_verdict

    from factlint.report.markdown import render_markdown
    from factlint.review import load_verdicts
    from factlint.runner import CONTRADICTIONS_FILE, check_stored
    from factlint.store import write_atomic

    result = check_stored(claims_dir)
    known = {f.id for f in result.findings} if result is not None else set()
    if finding_id not in known and status is not VerdictStatus.new:
        err.print(f"factlint: no finding {finding_id!r} among the stored claims in {claims_dir}; run `factlint check` first")
        raise typer.Exit(2)
    try:
        record_verdict(claims_dir, finding_id, status.value, note)
    except ValueError as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    err.print(f"factlint: {finding_id} marked {status.value}")
    # keep the review table in step with the verdicts, from the stored claims (no parsing)
    result = check_stored(claims_dir)
    if result is not None and (claims_dir / CONTRADICTIONS_FILE).exists():
        write_atomic(claims_dir / CONTRADICTIONS_FILE, render_markdown(result, load_verdicts(claims_dir)))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def main() -> None:  # pragma: no cover - console entry point
    app()
