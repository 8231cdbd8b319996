"""Reading articles from disk.

The bytes are decoded strictly as UTF-8, with line endings read as ``Path.read_text`` reads them
(universal newlines: ``\\r\\n`` and ``\\r`` become ``\\n``). A leading byte-order mark is read as a
space: it is not part of the first sentence (nor of any finding's fingerprint), and offsets still
count it, so character offsets agree with ``Path.read_text`` and with any tool reading the file the
same way. Lines are the ``\\n``-separated lines of that text, nothing else (not U+2028, not form
feeds). The sha256 is of the raw bytes.

A ``.md`` article is read as Markdown (``factlint.corpus.markdown``): its front matter gives the
date and title, and markup is blanked out character for character, so offsets still point into the
file. A ``.txt`` article, or a Markdown one without a front-matter date, takes its date from its
first line when that line is a date.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from factlint.boundary import reading_error
from factlint.corpus.markdown import FrontMatterError, read_markdown
from factlint.corpus.scope import ARTICLE_SUFFIXES, ArticleFile, _reason, document_id, find_articles
from factlint.models import Document, InputError
from factlint.nlp.dates import parse_document_date

BYTE_ORDER_MARK = "\ufeff"
# ECMA-48 terminal escapes (colours, cursor moves, window titles) pasted from a terminal: not text
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
MARKDOWN_SUFFIXES = (".md",)


@dataclass(frozen=True)
class SourceText:
    document: Document
    text: str
    """The text claims are read from: offsets and lines index it (and, for Markdown, the file)."""


def find_article_files(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """The article files under ``paths`` (see ``factlint.corpus.scope``) and what could not be listed."""
    scope = find_articles(paths)
    return [f.path for f in scope.files], scope.errors


def decode_article(raw: bytes) -> str:
    """The article text, or ValueError saying why the bytes are not a readable article. Terminal
    escape sequences ("\\x1b[8m") are blanked to spaces, so "[8m" is never read as 8 metres."""
    if not raw.strip():
        raise ValueError("empty file")
    if b"\x00" in raw:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded") from None
    if text.startswith(BYTE_ORDER_MARK):
        text = " " + text[1:]
    if not text.strip():
        raise ValueError("empty file")
    text = _TERMINAL_ESCAPE.sub(lambda escape: " " * len(escape.group()), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_path(path: Path, base: Path | None) -> str:
    """The path relative to ``base`` when it lies below it, so that "seeds/a.txt" and
    "$PWD/seeds/a.txt" are the same document in the store and in reports."""
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _first_line_date(text: str):
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return parse_document_date(first_line) if first_line else None


def read_document(path: Path, base: Path | None = None, root: Path | None = None) -> SourceText:
    """One article; ``root`` is the folder its id is relative to (its own folder by default)."""
    raw = path.read_bytes()
    text = decode_article(raw)
    title = None
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        marked = raw.startswith(BYTE_ORDER_MARK.encode("utf-8"))
        markdown = read_markdown(text[1:] if marked else text)
        text, date, title = (" " if marked else "") + markdown.text, markdown.date, markdown.title
        if date is None:
            date = _first_line_date(text)
    else:
        first_line = text.split("\n", 1)[0].strip()
        date = parse_document_date(first_line) if first_line else None
    document = Document(
        id=document_id(path, root if root is not None else path.parent),
        path=display_path(path, base),
        sha256=hashlib.sha256(raw).hexdigest(),
        date=date.isoformat() if date else None,
        title=title,
    )
    return SourceText(document=document, text=text)


def read_corpus(
    paths: list[Path],
    *,
    base: Path | None = None,
    claims_dir: Path | None = None,
    exclude: list[str] | None = None,
    progress=None,
) -> tuple[list[SourceText], list[InputError]]:
    """Every readable article under ``paths``; unreadable ones come back as errors, never raise.
    Document paths are written relative to ``base`` (default: the working directory)."""
    base = Path.cwd() if base is None else base
    scope = find_articles(paths, claims_dir=claims_dir, exclude=exclude)
    if progress is not None:
        for skipped in scope.skipped:
            progress(f"{skipped}: not an article (a repository document), left out")
    errors = list(scope.errors)
    sources: list[SourceText] = []
    seen: dict[str, Path] = {}
    for file in scope.files:
        doc_id = file.id
        if doc_id in seen:
            errors.append(InputError(path=str(file.path), reason=f"duplicate document id {doc_id!r} (also {seen[doc_id]})"))
            continue
        try:
            sources.append(read_document(file.path, base, file.root))
        except (ValueError, FrontMatterError) as exc:
            errors.append(InputError(path=str(file.path), reason=str(exc), doc=doc_id))
            continue
        except OSError as exc:
            errors.append(InputError(path=str(file.path), reason=_reason(exc, file.path), doc=doc_id))
            continue
        except Exception as exc:  # the error boundary (factlint.boundary): this file, not the run
            errors.append(reading_error(str(file.path), exc, doc=doc_id))
            continue
        seen[doc_id] = file.path
    return sources, errors


__all__ = [
    "ARTICLE_SUFFIXES",
    "ArticleFile",
    "SourceText",
    "decode_article",
    "display_path",
    "find_article_files",
    "read_corpus",
    "read_document",
]
