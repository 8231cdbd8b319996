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
)
err = Console(stderr=True, highlight=False)


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
    format: Annotated[ParseFormat, typer.Option("--format", help="table: readable; jsonl: one JSON object per input line (the contract in DESIGN.md).")] = ParseFormat.table,
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


def main() -> None:  # pragma: no cover - console entry point
    app()
