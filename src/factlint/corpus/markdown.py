"""Markdown articles: front matter read with PyYAML, the text with a real Markdown parser.

The article's text is the file's text with everything that is not prose replaced by spaces, one
space per character, line breaks kept: emphasis markers, heading and list markers, link
destinations and titles, autolinks, images, HTML, code blocks, table pipes and the front matter.
The text therefore has the same length and lines as the file, so every offset and line number
points into the original file, and no markup can become a claim. An entity (``&amp;``) is read as
the character it stands for, at the position of its ``&``.

The parser is markdown-it-py (CommonMark, plus tables and strikethrough). It gives each block's
source lines but no positions inside a line, so the prose of each inline run is aligned with its
source line: the characters of the parsed text are found in order, skipping markup, and link
destinations are skipped by CommonMark's own grammar.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*?\n)??)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CLOSING_QUOTE = {'"': '"', "'": "'", "(": ")"}


class FrontMatterError(ValueError):
    """The front matter cannot be read (not YAML, not a mapping, or a date that is not a date)."""


@dataclass(frozen=True)
class MarkdownText:
    text: str
    """The prose, with markup replaced by spaces: same length and line breaks as the file."""
    date: dt.date | None = None
    title: str | None = None
    has_front_matter: bool = False


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def blank(text: str) -> str:
    """Every character but line breaks as a space."""
    return re.sub(r"[^\n]", " ", text)


def read_markdown(source: str) -> MarkdownText:
    """The prose of a Markdown article and what its front matter says (``date``, ``title``)."""
    date = title = None
    body = source
    front = _FRONT_MATTER.match(source)
    if front:
        data = _front_matter_data(front.group("body") or "")
        date = _front_matter_date(data.get("date"))
        title = data.get("title")
        title = str(title).strip() if title is not None else None
        body = blank(front.group(0)) + source[front.end():]
    return MarkdownText(text=prose(body), date=date, title=title or None, has_front_matter=bool(front))


def _front_matter_data(body: str) -> dict:
    try:
        data = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a YAML mapping (key: value lines)")
    return data


def _front_matter_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    from factlint.nlp.dates import parse_document_date

    parsed = parse_document_date(text)
    if parsed is None:
        raise FrontMatterError(f"front matter date {text!r} is not a date (use YYYY-MM-DD)")
    return parsed


def prose(source: str) -> str:
    """``source`` with every character that is not prose replaced by a space (line breaks kept)."""
    out = [ch if ch == "\n" else " " for ch in source]
    lines = source.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    searched_to: dict[int, int] = {}
    for token in _parser().parse(source):
        if token.type != "inline" or token.map is None:
            continue
        offsets = _content_offsets(token.content, token.map[0], lines, line_starts, searched_to, out, source)
        for index, char in _kept(token):
            offset = offsets[index] if index < len(offsets) else None
            if offset is not None:
                out[offset] = char
    return "".join(out)


def _content_offsets(content, first_line, lines, line_starts, searched_to, out, source) -> list[int | None]:
    """The file offset of each character of an inline token's content (None for its line breaks).

    Each content line is found in its source line (block markers and indentation come before it).
    A line that cannot be found is kept as written, markup and all, rather than lost.
    """
    offsets: list[int | None] = []
    for number, content_line in enumerate(content.split("\n")):
        if number:
            offsets.append(None)
        line_index = first_line + number
        if line_index >= len(lines):
            offsets.extend([None] * len(content_line))
            continue
        start = searched_to.get(line_index, 0)
        at = lines[line_index].find(content_line, start) if content_line else start
        if at < 0:
            base = line_starts[line_index]
            for i, ch in enumerate(lines[line_index]):
                out[base + i] = ch
            offsets.extend([None] * len(content_line))
            continue
        searched_to[line_index] = at + len(content_line)
        base = line_starts[line_index] + at
        offsets.extend(range(base, base + len(content_line)))
    return offsets


def _kept(token) -> list[tuple[int, str]]:
    """(index into ``token.content``, character) of the prose of an inline token."""
    content: str = token.content
    kept: list[tuple[int, str]] = []
    cursor = 0
    skipping = 0  # inside an autolink or image: its children are not prose

    def advance_to(marker: str) -> None:
        nonlocal cursor
        at = content.find(marker, cursor)
        if at >= 0 and not any(ch.isalnum() for ch in content[cursor:at]):
            cursor = at + len(marker)

    def keep_text(text: str) -> None:
        nonlocal cursor
        for char in text:
            while cursor < len(content):
                here = content[cursor]
                if here == "&" and char != "&":
                    entity = _ENTITY.match(content, cursor)
                    if entity and html.unescape(entity.group(0)).startswith(char):
                        kept.append((cursor, char))
                        cursor = entity.end()
                        break
                if here == char:
                    kept.append((cursor, char))
                    cursor += 1
                    break
                if here.isalnum():  # not markup: the parsed text was normalised here; resynchronise
                    at = content.find(char, cursor)
                    if at >= 0:
                        kept.append((at, char))
                        cursor = at + 1
                    break
                cursor += 1  # markup, an escape's backslash, hard-break spaces
            else:
                return

    for child in token.children or []:
        kind = child.type
        if skipping:
            if kind == "link_close":
                skipping -= 1
            continue
        if kind == "text":
            keep_text(child.content)
        elif kind in ("softbreak", "hardbreak"):
            at = content.find("\n", cursor)
            if at >= 0:
                cursor = at + 1
        elif kind == "code_inline":
            at = content.find(child.markup, cursor)
            if at >= 0:
                cursor = at + len(child.markup)
                end = content.find(child.markup, cursor)
                end = len(content) if end < 0 else end
                kept.extend((i, content[i]) for i in range(cursor, end) if content[i] != "\n")
                cursor = end + len(child.markup)
        elif kind == "link_open" and child.markup == "autolink":
            at = content.find("<", cursor)
            end = content.find(">", at + 1) if at >= 0 else -1
            if end >= 0:
                cursor = end + 1
            skipping = 1
        elif kind == "link_open":
            advance_to("[")
        elif kind == "link_close":
            at = content.find("]", cursor)
            if at >= 0:
                cursor = _skip_destination(content, at + 1)
        elif kind == "image":
            at = content.find("![", cursor)
            if at >= 0:
                end = _matching_bracket(content, at + 1)
                cursor = _skip_destination(content, end + 1) if end >= 0 else at + 2
        elif kind == "html_inline":
            at = content.find(child.content, cursor)
            if at >= 0:
                cursor = at + len(child.content)
        elif child.markup:  # em, strong, s: their markers
            advance_to(child.markup)
    return kept


def _matching_bracket(text: str, at: int) -> int:
    """The index of the ``]`` closing the ``[`` at ``at`` (nesting and escapes respected), or -1."""
    depth = 0
    i = at
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _skip_destination(text: str, at: int) -> int:
    """Past a link's ``(destination "title")`` or ``[label]`` starting at ``at``, if there is one."""
    if at < len(text) and text[at] == "[":
        end = _matching_bracket(text, at)
        return end + 1 if end >= 0 else at
    if at >= len(text) or text[at] != "(":
        return at
    i = at + 1
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and text[i] == "<":
        end = text.find(">", i)
        i = end + 1 if end >= 0 else i
    else:
        depth = 0
        while i < len(text) and not text[i].isspace():
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and text[i] in _CLOSING_QUOTE:
        closing = _CLOSING_QUOTE[text[i]]
        i += 1
        while i < len(text) and text[i] != closing:
            i += 2 if text[i] == "\\" else 1
        i += 1
        while i < len(text) and text[i].isspace():
            i += 1
    if i < len(text) and text[i] == ")":
        i += 1
    return min(i, len(text))
