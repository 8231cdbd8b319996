"""Text from articles and file names made safe to show to a person.

An article or a file name may hold terminal control sequences (ESC [2J clears the screen, ESC [8m
hides text), bidirectional overrides that display text in another order than it is stored, or
lone surrogates that no terminal can encode. Every human-facing output (terminal, Markdown,
GitHub annotations) passes such text through :func:`escape_controls`, which writes each of those
characters as a visible escape (``\\x1b``, ``\\u202e``) and leaves everything else as it is.
Machine formats (JSON, SARIF, CSV) keep the text exactly as read.
"""

from __future__ import annotations

import re

from rich.console import Console

# C0 controls except tab and line feed, DEL, C1 controls, the bidirectional embedding, override and
# isolate controls, and surrogates (never valid on their own in text that is shown).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with control characters written as visible escapes; tab and line feed kept."""
    return _CONTROLS.sub(_escape, text)


class SafeConsole(Console):
    """A rich Console whose ``print`` escapes control characters in the plain strings it is given
    (messages that name files or quote articles)."""

    def print(self, *objects, **kwargs) -> None:  # noqa: A003 - rich's name
        super().print(*(escape_controls(o) if isinstance(o, str) else o for o in objects), **kwargs)
