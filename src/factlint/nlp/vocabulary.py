"""Every word and phrase in factlint's pattern files (units, number words, date words, ...).

The fuzz suite (tests/test_fuzz.py) and the parser fuzz benchmark (bench/robustness) build their
inputs from it, so hostile text is made of the words the readers react to.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml

PATTERNS = Path(__file__).parent / "patterns"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@lru_cache(maxsize=1)
def pattern_vocabulary() -> tuple[str, ...]:
    """The strings of every pattern file (keys and values), 1 to 40 characters, sorted."""
    words: set[str] = set()
    for path in sorted(PATTERNS.iterdir()):
        if path.suffix == ".yaml":
            words.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                words.update(_strings(json.loads(line)) if line.strip() else [])
        elif path.suffix == ".json":
            words.update(_strings(json.loads(path.read_text(encoding="utf-8"))))
    return tuple(sorted(w for w in words if 0 < len(w) <= 40))
