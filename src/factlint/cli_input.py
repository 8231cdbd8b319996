"""Text given on the command line or on standard input, made valid before anything reads it.

Python hands over argv bytes that are not UTF-8 as lone surrogates (the ``surrogateescape``
error handler), and a strict standard input raises on them; neither may reach the tokenizer or
be printed. Invalid bytes become U+FFFD REPLACEMENT CHARACTER and every other character is kept.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

_SURROGATE = re.compile("[\ud800-\udfff]")


def mask_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD: same length, so offsets still hold
    (for text handed over in-process, where no byte stands behind a surrogate)."""
    return _SURROGATE.sub("\ufffd", text)


def replace_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced: escaped bytes decoded where they form UTF-8 (a
    character split by the terminal), U+FFFD for the rest."""
    if _SURROGATE.search(text) is None:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that stand for no byte ("\ud800" typed as an escape)
        return mask_surrogates(text)


def read_text_input(stream: TextIO | None = None) -> str:
    """All of standard input as text; bytes that are not UTF-8 become U+FFFD, never an error."""
    stream = sys.stdin if stream is None else stream
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read().decode("utf-8", "replace")
    return replace_surrogates(stream.read())


def input_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``check`` numbers them: separated by ``\n`` only (U+2028, form feeds
    and other separators ``str.splitlines`` would break at stay inside their line), without a
    leading byte order mark, the ``\r`` of a CRLF line ending, or an empty line after the last
    newline."""
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
