"""The stable JSON text factlint writes (reports, stored claims), faster than the standard
library's ``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)`` and byte-identical
to it.

With ``indent`` the standard library gives up its C encoder for a chain of pure-Python generators
that yield every token through each level of nesting (a warm check of a thousand articles spent
~0.5 s there). This is the same text built by one recursive function appending to a list, with the
C-accelerated string escaper the standard library uses and each key's text made once. Values of
the plain JSON types (``str``, ``int``, ``float``, ``bool``, ``None``, ``list``, ``tuple``,
``dict`` with string keys) are written here; anything else (a subclass, a number or boolean as a
key, a type ``json.dumps`` would hand to ``default``) makes the whole value go to ``json.dumps``
itself, so the text never differs, only the speed.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper (ensure_ascii=False) when it is built

_INFINITY = float("inf")
_INDENT = "  "


class _NotPlain(Exception):
    """A value this writer leaves to ``json.dumps``."""


class Written(str):
    """A value's text as :func:`dumps` wrote it at the level it is put at, put in as it is (a part
    rendered ahead, see ``report.json_report.render_ahead``)."""


def dumps(value: object, level: int = 0) -> str:
    """``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)``, the same text; with
    ``level``, as it is written at that depth of nesting (its inner lines indented further)."""
    out: list[str] = []
    try:
        _Writer(out).write(value, "\n" + _INDENT * level)
    except (_NotPlain, RecursionError, TypeError):  # TypeError: keys that do not sort
        if _holds_written(value):
            raise TypeError("a Written part inside a value json.dumps must write") from None
        text = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)
        return text.replace("\n", "\n" + _INDENT * level) if level else text
    return "".join(out)


def _holds_written(value: object) -> bool:
    if type(value) is Written:
        return True
    if isinstance(value, dict):
        return any(_holds_written(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_written(v) for v in value)
    return False


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_SCALARS = {
    Written: str.__str__,
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
"""How each plain scalar type is written, as ``json.encoder`` writes it (exact types only)."""


class _Writer:
    def __init__(self, out: list[str]):
        self.out = out
        self.keys: dict[str, str] = {}
        """Each key's text with its separator: ``"key": ``."""
        self.levels: dict[str, tuple[str, str]] = {}
        """A level's line break -> (the next level's line break, the separator before its items)."""

    def write(self, value: object, newline: str) -> None:
        """Append ``value``'s text; ``newline`` is the line break and indentation of its own level."""
        kind = type(value)
        scalar = _SCALARS.get(kind)
        if scalar is not None:
            self.out.append(scalar(value))
            return
        if kind is not dict and kind is not list and kind is not tuple:
            raise _NotPlain
        if not value:
            self.out.append("{}" if kind is dict else "[]")
            return
        level = self.levels.get(newline)
        if level is None:
            inner = newline + _INDENT
            level = self.levels[newline] = (inner, "," + inner)
        inner, separator = level
        out, keys = self.out, self.keys
        if kind is dict:
            opening = "{" + inner
            for key in sorted(value):
                if type(key) is not str:
                    raise _NotPlain  # json.dumps turns numbers and booleans into keys its own way
                key_text = keys.get(key)
                if key_text is None:
                    key_text = keys[key] = encode_basestring(key) + ": "
                item = value[key]
                scalar = _SCALARS.get(type(item))
                if scalar is not None:
                    out.append(opening + key_text + scalar(item))
                else:
                    out.append(opening + key_text)
                    self.write(item, inner)
                opening = separator
            out.append(newline + "}")
            return
        opening = "[" + inner
        for item in value:
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                out.append(opening + scalar(item))
            else:
                out.append(opening)
                self.write(item, inner)
            opening = separator
        out.append(newline + "]")
