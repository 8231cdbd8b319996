"""Rendering `factlint parse` output: JSON lines (the contract) or a readable table."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factlint.models import Mentions
from factlint.report.evidence import format_number
from factlint.report.safe_text import escape_controls

def mention_row(line_no: int, text: str, mentions: Mentions) -> dict:
    return {
        "line": line_no,
        "text": text,
        "quantities": [q.model_dump() for q in mentions.quantities],
        "dates": [d.model_dump() for d in mentions.dates],
        "entities": [e.model_dump() for e in mentions.entities],
        "ordinals": [o.model_dump() for o in mentions.ordinals],
    }


def to_jsonl(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=False)


def _fmt_number(x: float | None) -> str:
    return "" if x is None else format_number(x)


def render_table(rows: Iterable[dict], console: Console) -> None:
    table = Table(show_lines=False, header_style="bold")
    for col in ("line", "kind", "text", "value", "interval", "unit / id", "detail"):
        table.add_column(col, overflow="fold", no_wrap=col in ("line", "kind"))
    empty = True

    def add_row(*cells: str) -> None:
        # Text, not markup: an article's "[...]" is text; control characters shown as escapes
        table.add_row(*(Text(escape_controls(cell)) for cell in cells))

    for row in rows:
        for q in row["quantities"]:
            empty = False
            interval = f"[{_fmt_number(q['low']) or '-inf'}, {_fmt_number(q['high']) or '+inf'}]"
            detail = " ".join(str(q[k]) for k in ("dimension", "qualifier", "currency", "change") if q.get(k))
            add_row(str(row["line"]), "quantity", q["text"], _fmt_number(q["value"]), interval, q["unit"], detail)
        for d in row["dates"]:
            empty = False
            detail = " ".join(str(d[k]) for k in ("kind", "granularity", "relative") if d.get(k))
            add_row(str(row["line"]), "date", d["text"], str(d["value"]), f"{d['first']} .. {d['last']}", "", detail)
        for o in row["ordinals"]:
            empty = False
            add_row(str(row["line"]), "ordinal", o["text"], str(o["value"]), "", str(o.get("head") or ""), "")
        for e in row["entities"]:
            empty = False
            add_row(str(row["line"]), "entity", e["text"], "", "", e["id"], e["type"])
    if empty:
        console.print("no quantities, dates or entities found")
    else:
        console.print(table)
