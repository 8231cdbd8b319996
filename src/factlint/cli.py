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

from factlint.collector import no_collection_at_exit, paused_while
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
    from factlint.cli_input import input_lines, read_text_input, replace_surrogates
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

    lines = input_lines(source)
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
@paused_while
def check(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt/.md; folders are walked honouring .gitignore and [tool.factlint] exclude).")],
    format: Annotated[Optional[CheckFormat], typer.Option("--format", help="table (terminal; the default), json (the contract in README.md), md, csv, sarif, github (workflow annotations), or html (a self-contained review page).", show_default=False)] = None,
    claims_dir: Annotated[Optional[Path], typer.Option("--claims-dir", help="Where per-document claims, verdicts.json and CONTRADICTIONS.md live  [default: claims]", show_default=False)] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes for parsing new or changed documents (0 = one per core)  [default: 1]", show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Report only these rules: codes or prefixes, repeated or comma-separated (FL001,FL00). Replaces the configured selection.", show_default=False)] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Leave out these rules: codes or prefixes, repeated or comma-separated.", show_default=False)] = None,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report to this file instead of standard output.", show_default=False)] = None,
    config_file: Annotated[Optional[Path], typer.Option("--config", help="Read settings from this file (.factlint.toml or pyproject.toml) instead of looking for one.", show_default=False)] = None,
    ci: Annotated[bool, typer.Option("--ci", help="The gate: write nothing; extract what the claims store lacks; exit 1 only on unreviewed findings.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or messages on standard error.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say on standard error which document is being parsed, where settings came from, and the traceback of any error caught.")] = False,
) -> None:
    """Check articles for contradictions between and within them.

    Exit status: 0 no unreviewed findings; 1 unreviewed findings and nothing else; 2 usage or
    input error, or any other failure: an article that cannot be read or parsed, an unreadable
    verdicts.json, a claims folder that cannot be written, an internal error (each is named on
    stderr and the rest is still checked; --verbose or FACTLINT_TRACEBACK=1 adds tracebacks).
    With --ci a stale or missing claims store is only a cache miss, reported as a note.
    """
    from factlint.config import ConfigError, check_codes, load_config
    from factlint.models import InputError
    from factlint.nlp.model import ModelNotInstalled
    from factlint.report.csv_report import render_csv
    from factlint.report.github import render_github
    from factlint.report.html import render_html
    from factlint.report.json_report import known_text, render_ahead, render_json
    from factlint.report.markdown import render_markdown
    from factlint.report.sarif import render_sarif
    from factlint.review import VerdictsError, load_verdicts, note_of, stale_verdicts, unreviewed
    from factlint.rules_doc import rule_codes
    from factlint.runner import CONTRADICTIONS_FILE, run_check, select_findings
    from factlint.store import write_atomic

    no_collection_at_exit()
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
        verdicts = load_verdicts(claims_dir)  # first: a damaged file stops the check before it writes
        from factlint.report.progress import parsing_progress

        mode = "off" if quiet else "bar" if err.is_terminal else "line"
        with parsing_progress(err, mode=mode) as advance:
            run = run_check(paths, claims_dir=claims_dir, jobs=config.jobs, write=not ci, progress=progress,
                            advance=advance, config=config,
                            meanwhile=render_ahead if format is CheckFormat.json else None,
                            claim_text=known_text if format is CheckFormat.json else None)
    except ModelNotInstalled as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    except VerdictsError as exc:
        err.print(f"factlint: cannot read the verdicts: {exc}")
        raise typer.Exit(2)
    result = select_findings(run.result, config)
    for note in run.notes:
        err.print(f"factlint: {note}")
    for error in result.errors:
        err.print(f"factlint: {error.path}: {error.reason}")

    contradictions = render_markdown(result, verdicts)
    contradictions_path = claims_dir / CONTRADICTIONS_FILE
    partial = bool(run.orphans)
    # a one-off --select/--ignore narrows this report, not the project's review table
    narrowed = bool({"select", "ignore", "severity"} & config.narrowed)
    if partial and not ci:
        err.print(f"factlint: {contradictions_path} left as it was: this check did not cover every stored article")
    elif narrowed and not ci and verbose:
        err.print(f"factlint: {contradictions_path} left as it was: rules were selected on the command line or in the environment")
    notes: list[str] = []
    if ci and run.stale:
        notes.append(
            f"{_count(len(run.stale), 'claims file')} missing or out of date, so extracted for this check "
            "(a cache miss; `factlint check` and committing claims/ makes CI faster): " + ", ".join(run.stale)
        )
    if ci and not narrowed and not partial:
        try:
            current = contradictions_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != contradictions:
            notes.append(f"{contradictions_path} is out of date; `factlint check` regenerates it")
    elif not ci and result.documents and not partial and not narrowed:
        try:
            write_atomic(contradictions_path, contradictions)
        except OSError as exc:  # the report still goes out; the exit code says something failed
            result = result.model_copy(update={"errors": [*result.errors, InputError(
                path=str(contradictions_path), stage="store", reason=f"cannot write: {exc.strerror or exc}")]})
            err.print(f"factlint: {contradictions_path}: cannot write: {exc.strerror or exc}")
    _write_job_summary(contradictions)

    locations = run.locations()

    renderers = {
        CheckFormat.json: lambda: render_json(result),
        CheckFormat.md: lambda: contradictions,
        CheckFormat.csv: lambda: render_csv(result),
        CheckFormat.sarif: lambda: render_sarif(result, run.texts, locations, {f.id: note_of(f, verdicts) for f in result.findings}),
        CheckFormat.github: lambda: render_github(result, run.texts, locations),
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
    if not partial and not result.errors:
        gone = stale_verdicts(verdicts, run.result.findings, {c.id: c for c in result.claims})
        if gone:
            err.print(f"factlint: {len(gone)} verdict(s) in {claims_dir}/verdicts.json name findings no longer reported "
                      "(`factlint review --stale` lists them, `--prune` removes them): " + ", ".join(gone))
    if not quiet:
        from factlint.report.evidence import extracted_claim_count

        parsed = len(run.parsed)
        err.print(
            f"factlint: {_count(len(result.documents), 'document')} ({parsed} parsed, {len(result.documents) - parsed} "
            f"from {claims_dir}), {_count(extracted_claim_count(result), 'claim')}, {_count(len(result.findings), 'finding')}, "
            f"{len(open_findings)} unreviewed"
            + (f"; report written to {output_file}" if output_file is not None else "")
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


STATUS_WORDS = tuple(status.value for status in VerdictStatus)


@app.command()
@_exit_2_on_failure
def review(
    args: Annotated[Optional[list[str]], typer.Argument(metavar="[ID]... STATUS", help="Finding ids (whole, or any unique prefix, in any case) then the verdict: source-error (the article is wrong), false-alarm (factlint is wrong), accepted (known, left as is), or new (forget the verdict).", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why; shown in CONTRADICTIONS.md.")] = None,
    all_new: Annotated[Optional[VerdictStatus], typer.Option("--all-new", metavar="STATUS", help="Give STATUS to every finding nobody has reviewed yet.")] = None,
    list_findings: Annotated[bool, typer.Option("--list", help="Print the current findings with their status.")] = False,
    status: Annotated[Optional[VerdictStatus], typer.Option("--status", help="With --list: only findings with this status.")] = None,
    stale: Annotated[bool, typer.Option("--stale", help="List verdicts whose finding no longer exists.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove the verdicts --stale lists (on purpose only: they are kept otherwise).")] = False,
    claims_dir: Annotated[Optional[Path], typer.Option("--claims-dir", help="Folder holding verdicts.json  [default: the configured claims-dir, else claims]", show_default=False)] = None,
    corpus: Annotated[Optional[list[Path]], typer.Option("--corpus", help="The articles to check (repeatable); default: the folders the stored claims came from.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages on standard error.")] = False,
    serve: Annotated[bool, typer.Option("--serve", help="Open the review page: every finding in its paragraph, a verdict per click (on 127.0.0.1 only).")] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve (0 = any free port).")] = 0,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="With --serve, open the page in the default browser.")] = True,
) -> None:
    """Record reviewers' verdicts on findings (kept in claims/verdicts.json), list them, or review
    in the browser with --serve.

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
        resolve_ids,
        stale_verdicts,
        update_verdicts,
        verdict_changes,
    )
    from factlint.config import ConfigError, load_config
    from factlint.runner import CONTRADICTIONS_FILE, run_check, select_findings, stored_corpus
    from factlint.store import write_atomic

    try:
        config = load_config({"claims-dir": claims_dir})
    except ConfigError as exc:
        err.print(f"factlint: {exc}")
        raise typer.Exit(2)
    claims_dir = config.claims_dir
    tokens = list(args or [])
    if serve:
        if tokens or list_findings or stale or prune or all_new is not None:
            _usage("--serve takes no finding id, status or other mode")
        _serve_review(claims_dir, port, open_browser, config)
        return
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
        run = run_check(paths, claims_dir=claims_dir, write=True, progress=progress, config=config)
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
            table = render_markdown(select_findings(run.with_verdicts(new_verdicts), config), new_verdicts)
            write_atomic(claims_dir / CONTRADICTIONS_FILE, table)

    try:
        update_verdicts(claims_dir, changes, then=rewrite_table)
    except VerdictsError as exc:
        err.print(f"factlint: cannot read the verdicts (nothing was changed): {exc}")
        raise typer.Exit(2)
    except OSError as exc:
        err.print(f"factlint: cannot write {exc.filename or claims_dir}: {exc.strerror or exc}")
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
