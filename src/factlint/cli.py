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
    context_settings={"help_option_names": ["-h", "--help"]},
)
# markup off: file names like "report[draft].txt" are text; soft_wrap: never break a path
err = SafeConsole(stderr=True, highlight=False, markup=False, soft_wrap=True)


def _exit_2_on_failure(command):
    """No traceback escapes a command: whatever escapes its body is one line on stderr and exit
    code 2 (1 means only "unreviewed findings")."""

    @functools.wraps(command)
    def guarded(*args, **kwargs):
        from factlint.boundary import describe_failure, tracebacks

        with tracebacks(bool(kwargs.get("verbose"))):  # --verbose: the traceback of every error caught
            try:
                return command(*args, **kwargs)
            except (typer.Exit, typer.Abort, click.exceptions.ClickException, KeyboardInterrupt):
                raise
            except Exception as exc:
                err.print(f"factlint: {describe_failure(exc)}")
                raise typer.Exit(2)

    return guarded


def _print_version(value: bool) -> None:
    if value:
        from factlint import __version__

        typer.echo(f"factlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Extract numeric and dated claims from articles and flag contradictions between them.

    Settings come from [tool.factlint] in pyproject.toml or .factlint.toml, then FACTLINT_*
    environment variables, then the command line (see README.md, "Configuration").
    """


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
    html = "html"


def _codes(values: list[str] | None) -> str | None:
    """--select FL001 --select FL002,FL003 -> "FL001,FL002,FL003"; None when not given."""
    return ",".join(values) if values else None


@app.command()
@_exit_2_on_failure
def check(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt/.md, searched recursively).")],
    format: Annotated[Optional[CheckFormat], typer.Option("--format", help="table (terminal; the default), json (the contract in README.md), md, csv, sarif, github (workflow annotations), or html (a self-contained review page).", show_default=False)] = None,
    claims_dir: Annotated[Optional[Path], typer.Option("--claims-dir", help="Where per-document claims, verdicts.json and CONTRADICTIONS.md live  [default: claims]", show_default=False)] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes for parsing new or changed documents (0 = one per core)  [default: 1]", show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Report only these rules: codes or prefixes, repeated or comma-separated (FL001,FL00). Replaces the configured selection.", show_default=False)] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Leave out these rules: codes or prefixes, repeated or comma-separated.", show_default=False)] = None,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report to this file instead of standard output.", show_default=False)] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Read settings from this file (.factlint.toml or pyproject.toml) instead of looking for one.", show_default=False)] = None,
    ci: Annotated[bool, typer.Option("--ci", help="Write nothing; exit 1 if claims/ or CONTRADICTIONS.md are stale or any finding is unreviewed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or messages on standard error.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say on standard error which document is being parsed, where settings came from, and the traceback of any error caught.")] = False,
) -> None:
    """Check articles for contradictions between and within them.

    Exit status: 0 no unreviewed findings; 1 unreviewed findings (or, with --ci, stale claims);
    2 usage or input error, or any other failure: an article that cannot be read or parsed, a
    claims folder that cannot be written, an internal error (each is named on stderr and the rest
    is still checked; --verbose or FACTLINT_TRACEBACK=1 adds tracebacks).
    """
    from factlint.config import ConfigError, check_codes, load_config
    from factlint.models import InputError
    from factlint.nlp.model import ModelNotInstalled
    from factlint.report.csv_report import render_csv
    from factlint.report.github import render_github
    from factlint.report.html import render_html
    from factlint.report.json_report import render_json
    from factlint.report.markdown import render_markdown
    from factlint.report.sarif import render_sarif
    from factlint.review import load_verdicts, unreviewed
    from factlint.rules_doc import rule_codes
    from factlint.runner import CONTRADICTIONS_FILE, run_check, select_findings
    from factlint.store import write_atomic

    cli_settings = {
        "select": _codes(select),
        "ignore": _codes(ignore),
        "claims-dir": claims_dir,
        "jobs": jobs,
        "format": format.value if format is not None else None,
    }
    try:
        config = load_config(cli_settings, config_file=config_file)
        check_codes(config, rule_codes())
    except ConfigError as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    format = CheckFormat(config.format)
    claims_dir = config.claims_dir
    if verbose:
        err.print(f"factlint: settings from {config.source or 'defaults'}"
                  + (f", overridden by {', '.join(sorted(config.narrowed))} from the environment or command line" if config.narrowed else ""))

    def progress(message: str) -> None:
        # per-document parsing lines only on request: the progress bar shows how far parsing got
        if not quiet and (verbose or not message.startswith("parsing ")):
            err.print(f"factlint: {message}")

    try:
        from factlint.report.progress import parsing_progress

        mode = "off" if quiet else "bar" if err.is_terminal else "line"
        with parsing_progress(err, mode=mode) as advance:
            run = run_check(paths, claims_dir=claims_dir, jobs=config.jobs, write=not ci, progress=progress,
                            advance=advance, config=config)
    except ModelNotInstalled as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    except ValueError as exc:  # a malformed verdicts.json
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    result = select_findings(run.result, config)
    for note in run.notes:
        err.print(f"factlint: {note}")
    for error in result.errors:
        err.print(f"factlint: {error.path}: {error.reason}")

    verdicts = load_verdicts(claims_dir)
    contradictions = render_markdown(result, verdicts)
    contradictions_path = claims_dir / CONTRADICTIONS_FILE
    stale = list(run.stale)
    partial = bool(run.orphans)
    # a one-off --select/--ignore narrows this report, not the project's review table
    narrowed = bool({"select", "ignore", "severity"} & config.narrowed)
    if partial and not ci:
        err.print(f"factlint: {contradictions_path} left as it was: this check did not cover every stored article")
    elif narrowed and not ci and verbose:
        err.print(f"factlint: {contradictions_path} left as it was: rules were selected on the command line or in the environment")
    if ci and not narrowed:
        try:
            current = contradictions_path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != contradictions:
            stale.append(str(contradictions_path))
    elif not ci and result.documents and not partial and not narrowed:
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
        CheckFormat.html: lambda: render_html(result, run.texts, verdicts),
    }
    if format is CheckFormat.table:
        if result.documents:  # with nothing checked, "no contradictions" would mislead; stderr says why
            from factlint.report.findings_table import render_table

            if output_file is None:
                render_table(result, Console(highlight=False))
            else:
                import io

                buffer = io.StringIO()
                render_table(result, Console(file=buffer, highlight=False, color_system=None, width=160))
                _write_report(output_file, buffer.getvalue())
    elif output_file is not None:
        _write_report(output_file, renderers[format]())
    else:
        sys.stdout.write(renderers[format]())  # machine formats always parse, errors included

    open_findings = unreviewed(result.findings)
    if not partial:
        from factlint.review import stale_verdicts

        gone = stale_verdicts(verdicts, run.result.findings)
        if gone:
            err.print(f"factlint: {len(gone)} verdict(s) in {claims_dir}/verdicts.json name findings no longer reported: "
                      + ", ".join(gone))
    if not quiet:
        parsed = len(run.parsed)
        err.print(
            f"factlint: {_count(len(result.documents), 'document')} ({parsed} parsed, {len(result.documents) - parsed} "
            f"from {claims_dir}), {_count(len(result.claims), 'claim')}, {_count(len(result.findings), 'finding')}, "
            f"{len(open_findings)} unreviewed"
            + (f"; report written to {output_file}" if output_file is not None else "")
        )
    if ci and stale:
        err.print("factlint: stale, run `factlint check` and commit: " + ", ".join(stale))
    if result.errors or not result.documents:
        if not result.documents and not result.errors:
            err.print("factlint: no .txt or .md articles found in " + ", ".join(str(p) for p in paths))
        raise typer.Exit(2)
    if open_findings or (ci and stale):
        raise typer.Exit(1)


def _write_report(path: Path, text: str) -> None:
    from factlint.store import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        err.print(f"factlint: cannot write {path}: {exc}")
        raise typer.Exit(2)


@app.command()
@_exit_2_on_failure
def rule(
    code: Annotated[Optional[str], typer.Argument(help="The rule's code, e.g. FL001.", show_default=False)] = None,
    all_rules: Annotated[bool, typer.Option("--all", help="Every rule, in code order.")] = False,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Explain a rule: what it finds, why it matters, a failing and a passing example, the usual verdict."""
    import dataclasses
    import json

    from factlint.rules_doc import render_rule_text, rule_doc, rule_docs

    if format not in ("text", "json"):
        err.print(f"factlint: --format {format!r}: use text or json")
        raise typer.Exit(2)
    if all_rules == (code is not None):
        err.print("factlint rule: give one rule CODE or --all")
        raise typer.Exit(2)
    try:
        docs = rule_docs() if all_rules else [rule_doc(code)]
    except KeyError as exc:
        err.print(f"factlint: {exc.args[0]}")
        raise typer.Exit(2)
    if format == "json":
        sys.stdout.write(json.dumps([dataclasses.asdict(d) for d in docs], indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("\n".join(render_rule_text(d) for d in docs))


class VerdictStatus(str, Enum):
    new = "new"
    source_error = "source-error"
    false_alarm = "false-alarm"
    accepted = "accepted"


@app.command()
@_exit_2_on_failure
def review(
    finding_id: Annotated[Optional[str], typer.Argument(help="The finding's id, as shown in claims/CONTRADICTIONS.md.", show_default=False)] = None,
    status: Annotated[Optional[VerdictStatus], typer.Argument(help="source-error (the article is wrong), false-alarm (factlint is wrong), accepted (known, left as is), or new (forget the verdict).", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why; shown in CONTRADICTIONS.md.")] = None,
    claims_dir: Annotated[Optional[Path], typer.Option("--claims-dir", help="Folder holding verdicts.json  [default: the configured claims-dir, else claims]", show_default=False)] = None,
    serve: Annotated[bool, typer.Option("--serve", help="Open the review page: every finding in its paragraph, a verdict per click (on 127.0.0.1 only).")] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve (0 = any free port).")] = 0,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="With --serve, open the page in the default browser.")] = True,
) -> None:
    """Record a reviewer's verdict on a finding (kept in claims/verdicts.json), or review in the browser with --serve.

    The next `factlint check` shows the status in CONTRADICTIONS.md and no longer counts the
    finding as unreviewed.
    """
    from factlint.config import ConfigError, load_config

    try:
        config = load_config({"claims-dir": claims_dir})
    except ConfigError as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    claims_dir = config.claims_dir
    if serve:
        if finding_id is not None:
            err.print("factlint review: --serve takes no finding id or status")
            raise typer.Exit(2)
        _serve_review(claims_dir, port, open_browser, config)
        return
    if finding_id is None or status is None:
        err.print("factlint review: give a finding ID and a STATUS, or --serve")
        raise typer.Exit(2)
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


def _serve_review(claims_dir: Path, port: int, open_browser: bool, config) -> None:
    from factlint.review_server import ReviewServer

    try:
        server = ReviewServer(claims_dir, port=port, config=config)
    except OSError as exc:
        err.print(f"factlint: cannot listen on 127.0.0.1:{port}: {exc}")
        raise typer.Exit(2)
    err.print(f"factlint: review page at {server.url} (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        err.print("factlint: review page stopped")
    finally:
        server.server_close()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def main() -> None:  # pragma: no cover - console entry point
    app()
