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


COLUMNS = ("line", "kind", "text", "value", "interval", "unit / id", "detail")


def mention_cells(rows: Iterable[dict]) -> list[tuple[str, ...]]:
    """One tuple of the table's columns per mention, in line order."""
    cells = []
    for row in rows:
        line = str(row["line"])
        for q in row["quantities"]:
            interval = f"[{_fmt_number(q['low']) or '-inf'}, {_fmt_number(q['high']) or '+inf'}]"
            detail = " ".join(str(q[k]) for k in ("dimension", "qualifier", "currency", "change") if q.get(k))
            cells.append((line, "quantity", q["text"], _fmt_number(q["value"]), interval, q["unit"], detail))
        for d in row["dates"]:
            detail = " ".join(str(d[k]) for k in ("kind", "granularity", "relative") if d.get(k))
            cells.append((line, "date", d["text"], str(d["value"]), f"{d['first']} .. {d['last']}", "", detail))
        for o in row["ordinals"]:
            cells.append((line, "ordinal", o["text"], str(o["value"]), "", o.get("head") or "", ""))
        for e in row["entities"]:
            cells.append((line, "entity", e["text"], "", "", e["id"], e["type"]))
    # control characters of the text (ESC sequences, bidi overrides) shown as visible escapes
    return [tuple(escape_controls(str(cell)) for cell in row) for row in cells]


def render_table(rows: Iterable[dict], console: Console) -> None:
    """A table when the terminal is wide enough for every word; otherwise one block per mention,
    so no word is ever broken across lines ("percen|tage")."""
    cells = mention_cells(rows)
    if not cells:
        console.print("no quantities, dates or entities found")
        return
    table = Table(show_lines=False, header_style="bold")
    longest_words = []
    for number, col in enumerate(COLUMNS):
        # a column never narrower than its longest word: rich then wraps between words only
        longest = max(len(word) for cell in [col, *(c[number] for c in cells)] for word in (cell.split() or [""]))
        longest_words.append(longest)
        table.add_column(col, min_width=longest, no_wrap=col in ("line", "kind"))
    for cell in cells:
        table.add_row(*(Text(c) for c in cell))  # Text, not markup: an article's "[...]" is text
    # each column also takes two spaces of padding and one border
    if sum(longest_words) + 3 * len(COLUMNS) + 1 <= console.width:
        console.print(table)
        return
    for line, kind, text, value, interval, unit, detail in cells:
        block = Text()
        block.append(f"{line} {kind} ", style="bold")
        block.append(f"“{text}”")
        extras = [f"= {value}" if value else "", interval, unit, detail]
        block.append("  " + "  ".join(x for x in extras if x))
        console.print(block)
