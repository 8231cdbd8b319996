"""Which documents tell one story.

A document's topic is its words weighted by how much rarer each is than the commonest English word
(wordfreq's Zipf frequencies: "cholera" and "Lusaka" weigh much, "killed" and "said" little, "the"
nothing), times a damped count of the word in the document. Two documents' similarity is the cosine
of their topics. In a news feed, two stories about different attacks share "killed", "people" and
"police" but not the names and rare words of either: their similarity is far below that of any two
articles on one story. ``bench/sameness/fit.py`` sets the threshold: the lowest similarity of two
documents of one tuned corpus (each corpus is one story). Below it, no claim of one document is
taken as the same fact as a claim of the other.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from functools import lru_cache

TOPIC_WORDS = 100
"""Words kept per document (the heaviest): a stored topic stays small for any article length."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _commonest_zipf() -> float:
    import wordfreq

    return wordfreq.zipf_frequency(wordfreq.top_n_list("en", 1)[0], "en")


@lru_cache(maxsize=200_000)
def informativeness(word: str) -> float:
    """log10 of how many times rarer ``word`` is than the commonest English word (0 for that word)."""
    import wordfreq

    return max(0.0, _commonest_zipf() - wordfreq.zipf_frequency(word, "en"))


def topic_of(text: str) -> dict[str, float]:
    """The document's heaviest words and their weights, normalised over all its words."""
    counts = Counter(word.lower() for word in _WORD.findall(text))
    weights = {w: (1.0 + math.log(n)) * informativeness(w) for w, n in counts.items()}
    norm = math.sqrt(sum(x * x for x in weights.values()))
    if norm == 0:
        return {}
    heaviest = sorted(((w, x) for w, x in weights.items() if x > 0), key=lambda item: (-item[1], item[0]))[:TOPIC_WORDS]
    return {w: round(x / norm, 4) for w, x in heaviest}


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two topics (their kept words), in [0, 1]."""
    if len(a) > len(b):
        a, b = b, a
    # the products of the shared words only, in ``a``'s order: the same float as summing a product
    # for every word of ``a`` (the others add 0.0), at a set intersection's cost per pair
    words_a, position = _indexed(a)
    shared = sorted(words_a & _indexed(b)[0], key=position.__getitem__)
    return float(sum(map(operator.mul, map(a.__getitem__, shared), map(b.__getitem__, shared))))


_INDEXED: dict[int, tuple[dict[str, float], frozenset[str], dict[str, int]]] = {}
INDEXED_KEPT = 4096
"""Topics indexed at most (then the table starts again): a long-lived process (the review server)
must not keep every check's topics alive."""


def _indexed(topic: dict[str, float]) -> tuple[frozenset[str], dict[str, int]]:
    """A topic's words as a set and each word's position (once per topic: a corpus compares each
    document with hundreds). Keyed by the dict's identity; the entry holds the dict, so the
    identity cannot be reused while it is kept. Topics are never changed once made."""
    entry = _INDEXED.get(id(topic))
    if entry is None or entry[0] is not topic:
        if len(_INDEXED) >= INDEXED_KEPT:
            _INDEXED.clear()
        entry = _INDEXED[id(topic)] = (topic, frozenset(topic), {w: i for i, w in enumerate(topic)})
    return entry[1], entry[2]
