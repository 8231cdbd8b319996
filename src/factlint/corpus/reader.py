"""Reading articles from disk.

Text is decoded as UTF-8 with universal newlines, exactly as ``Path.read_text`` does, so that
character offsets agree with any other tool reading the same file; the sha256 is of the raw bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from factlint.boundary import reading_error
from factlint.models import Document, InputError
from factlint.nlp.dates import parse_document_date

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class SourceText:
    document: Document
    text: str


def find_article_files(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Expand directories (recursively, .txt/.md) and keep files as given; sorted, de-duplicated."""
    found: dict[str, Path] = {}
    errors: list[InputError] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES and not child.name.startswith("."):
                    found.setdefault(str(child.resolve()), child)
        elif path.is_file():
            found.setdefault(str(path.resolve()), path)
        else:
            errors.append(InputError(path=str(path), reason="no such file or directory"))
    return sorted(found.values(), key=lambda p: (p.stem, str(p))), errors


def decode_article(raw: bytes) -> str:
    """The article text, or ValueError saying why the bytes are not a readable article."""
    if not raw.strip():
        raise ValueError("empty file")
    if b"\x00" in raw:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded") from None
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


def read_document(path: Path, base: Path | None = None) -> SourceText:
    raw = path.read_bytes()
    text = decode_article(raw)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    date = parse_document_date(first_line) if first_line else None
    document = Document(
        id=path.stem,
        path=display_path(path, base),
        sha256=hashlib.sha256(raw).hexdigest(),
        date=date.isoformat() if date else None,
    )
    return SourceText(document=document, text=text)


def read_corpus(paths: list[Path], *, base: Path | None = None) -> tuple[list[SourceText], list[InputError]]:
    """Every readable article under ``paths``; unreadable ones come back as errors, never raise.
    Document paths are written relative to ``base`` (default: the working directory)."""
    base = Path.cwd() if base is None else base
    files, errors = find_article_files(paths)
    sources: list[SourceText] = []
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen:
            errors.append(InputError(path=str(path), reason=f"duplicate document id {path.stem!r} (also {seen[path.stem]})"))
            continue
        try:
            sources.append(read_document(path, base))
        except ValueError as exc:
            errors.append(InputError(path=str(path), reason=str(exc)))
            continue
        except OSError as exc:
            errors.append(InputError(path=str(path), reason=exc.strerror or str(exc)))
            continue
        except Exception as exc:  # the error boundary (factlint.boundary): this file, not the run
            errors.append(reading_error(str(path), exc))
            continue
        seen[path.stem] = path
    return sources, errors
