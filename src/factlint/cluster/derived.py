"""What clustering works out from each stored document and pair of documents, kept between runs.

Two things a warm check would otherwise recompute for every claim and pair of documents, each a pure
function of what it is computed from, so a remembered answer is the answer:

- whether two documents may tell one story (``WordWeights.related``: the similarity of their stored
  topics against the fitted story threshold, or their entities), for each ordered pair of documents
  it was asked about: the similarity is a float sum in the first document's word order, so an answer
  is used only for the pair asked in the same order;
- each figure's value interval (``compare.value_interval``, plain and with ``allow_plain``), the
  part of clustering that needs pint;
- for each candidate pair of claims, what its vetoes and values settle (``graph.build_graph``: left
  out, or the veto's reason and whether the values agree) and its features but the corpus-wide ones
  (``sameness.pair_features``). These depend on the corpus through the acronym table and on the
  WordNet files too, so they are kept under a context naming both (``use_pairs``): with another
  context (a new article that adds an acronym's long name) none is used. A new article's pairs are
  worked out; the unchanged documents' pairs are read.

Documents are named by their content (``Document.sha256``), so an entry holds for the same text
whatever its path. Everything is remembered under a version: the source of ``factlint.cluster``, its
weights file, the extractor version (which names the code that made the claims, topics and entity
counts) and the sameness model in use; another version starts empty. Only what is asked about in a
run is kept when it is saved, so the file follows the corpus and never grows without bound.
The file is a cache, not a record, so it is kept out of the claims folder (which is committed and
whose layout is the store's): in ``$FACTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/factlint``, else
``~/.cache/factlint``, one folder per claims folder. ``FACTLINT_CACHE_DIR=off`` turns it off. Nothing
is lost when it is deleted, and a damaged or foreign one is ignored.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path

from factlint.cluster.compare import Interval
from factlint.models import Claim

FILE_FORMAT = 2
CACHE_FILE = "clustering.json"
CACHE_ENV = "FACTLINT_CACHE_DIR"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# factlint's cache (see factlint/cluster/derived.py); it may be deleted at any time\n")
"""The Cache Directory Tagging Specification's tag: backup tools leave the folder out."""


def cache_root() -> Path | None:
    """The folder of factlint's caches, or None when turned off or when there is no home to hold it."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no", "false") else Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "factlint"
    try:
        return Path.home() / ".cache" / "factlint"
    except RuntimeError:  # no home directory
        return None


def cache_file(claims_dir: Path) -> Path | None:
    """Where the cache of one claims folder lives (named by the folder's absolute path)."""
    root = cache_root()
    if root is None:
        return None
    try:
        where = str(claims_dir.resolve())
    except (OSError, RuntimeError):
        return None
    name = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return root / name / CACHE_FILE

def cache_version(model: object) -> str:
    """What the remembered answers depend on besides the documents themselves."""
    from factlint.store import extractor_version

    digest = hashlib.sha256(f"{FILE_FORMAT} {extractor_version()} {model!r}".encode())
    root = Path(__file__).parent
    for file in sorted(root.iterdir()):
        if file.suffix in (".py", ".json") and file.is_file():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


def _interval_out(interval: Interval | None) -> list | None:
    if interval is None:
        return None
    return [interval.low, interval.high, interval.key, interval.point]


_NUMBER_TYPES = (int, float, type(None))


def _interval_in(data: list | None) -> Interval | None:
    if data is None:
        return None
    low, high, key, point = data
    if type(low) not in _NUMBER_TYPES or type(high) not in _NUMBER_TYPES or type(point) not in _NUMBER_TYPES or type(key) is not str:
        raise ValueError("not an interval")
    return Interval(low, high, key, point)


class DerivedCache:
    """The remembered answers of one run, read from and written to the claims folder's cache file
    (``path``; None: nothing is read or written)."""

    def __init__(self, path: Path | None, version: str, document_keys: dict[str, str]):
        self.path = path
        self.version = version
        self.document_keys = document_keys
        """Document id -> the key of its content (the start of its sha256: 64 bits)."""
        self._related: dict[str, dict[str, bool]] = {}
        self._intervals: dict[str, dict[str, list]] = {}
        self._asked_related: dict[str, dict[str, bool]] = {}
        self._asked_intervals: dict[str, dict[str, list]] = {}
        self._pairs: dict[str, dict[str, dict[str, object]]] = {}
        self._pair_context = ""
        self._asked_pairs: dict[str, dict[str, dict[str, object]]] = {}
        self._doc_tags: dict[str, str | None] = {}
        self.changed = False

    @classmethod
    def load(cls, claims_dir: Path, model: object, document_keys: dict[str, str]) -> DerivedCache:
        cache = cls(cache_file(claims_dir), cache_version(model), document_keys)
        if cache.path is None:
            return cache
        try:
            data = json.loads(cache.path.read_text(encoding="utf-8"))
            if data.get("version") == cache.version:
                related, intervals = data["related"], data["intervals"]
                if isinstance(related, dict) and isinstance(intervals, dict):
                    cache._related, cache._intervals = related, intervals
                pairs = data.get("pairs")
                if isinstance(pairs, dict) and type(pairs.get("context")) is str and isinstance(pairs.get("docs"), dict):
                    cache._pair_context, cache._pairs = pairs["context"], pairs["docs"]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no cache, or not one this version can use: everything is computed
        return cache

    # -------------------------------------------------------- documents that may tell one story

    def _keys(self, doc_a: str, doc_b: str) -> tuple[str, str] | None:
        key_a, key_b = self.document_keys.get(doc_a), self.document_keys.get(doc_b)
        return None if key_a is None or key_b is None else (key_a, key_b)

    def related(self, doc_a: str, doc_b: str) -> bool | None:
        """The remembered answer for this ordered pair, or None."""
        key_a, key_b = self.document_keys.get(doc_a), self.document_keys.get(doc_b)
        if key_a is None or key_b is None:
            return None
        row = self._related.get(key_a)
        found = row.get(key_b) if type(row) is dict else None
        if type(found) is bool:
            asked = self._asked_related.get(key_a)
            if asked is None:
                asked = self._asked_related[key_a] = {}
            asked[key_b] = found
            return found
        return None

    def remember_related(self, doc_a: str, doc_b: str, answer: bool) -> None:
        keys = self._keys(doc_a, doc_b)
        if keys is not None:
            self._asked_related.setdefault(keys[0], {})[keys[1]] = answer
            self.changed = True

    # -------------------------------------------------------- value intervals

    def intervals(self, claim: Claim) -> tuple[Interval | None, Interval | None] | None:
        """(value_interval(claim), value_interval(claim, allow_plain=True)) as remembered; None when
        nothing is remembered for the claim."""
        doc_key = self.document_keys.get(claim.doc)
        if doc_key is None:
            return None
        name = _claim_name(claim)
        row = self._intervals.get(doc_key)
        found = row.get(name) if type(row) is dict else None
        if type(found) is not list or len(found) != 2:
            return None
        try:
            plain, fitted = (_interval_in(x) for x in found)
        except (ValueError, TypeError):
            return None
        self._asked_intervals.setdefault(doc_key, {})[name] = found
        return plain, fitted

    def remember_intervals(self, claim: Claim, plain: Interval | None, fitted: Interval | None) -> None:
        doc_key = self.document_keys.get(claim.doc)
        if doc_key is None:
            return
        for value in (plain, fitted):
            if isinstance(value, Interval) and not all(v is None or math.isfinite(v) or math.isinf(v) for v in
                                                         (value.low, value.high, value.point)):
                return  # a NaN bound is not written (JSON would keep it, but equality would not hold)
        self._asked_intervals.setdefault(doc_key, {})[_claim_name(claim)] = [_interval_out(plain), _interval_out(fitted)]
        self.changed = True

    # -------------------------------------------------------- pairs of claims

    def use_pairs(self, context: str) -> None:
        """Pair entries hold under ``context`` (see the module's docstring): remembered ones made under
        another are dropped."""
        if context != self._pair_context:
            self._pairs, self._pair_context = {}, context
            self._asked_pairs = {}

    def holds_pairs(self) -> bool:
        """Whether pairs are remembered (under some context)."""
        return bool(self._pairs)

    def _doc_tag(self, doc: str) -> str | None:
        """The document's content key and id: two copies of one text are two documents."""
        tag = self._doc_tags.get(doc, "")
        if tag == "":
            key = self.document_keys.get(doc)
            tag = self._doc_tags[doc] = None if key is None else f"{key}|{doc}"
        return tag

    def pair(self, a: Claim, b: Claim) -> object | None:
        """The entry remembered for the ordered pair (a JSON value ``remember_pair`` was given), or None."""
        tag_a, tag_b = self._doc_tag(a.doc), self._doc_tag(b.doc)
        if tag_a is None or tag_b is None:
            return None
        row = self._pairs.get(tag_a)
        row = row.get(tag_b) if type(row) is dict else None
        if type(row) is not dict:
            return None
        name = f"{_claim_name(a)} {_claim_name(b)}"
        found = row.get(name)
        if found is not None:
            self._asked_pairs.setdefault(tag_a, {}).setdefault(tag_b, {})[name] = found
        return found

    def remember_pair(self, a: Claim, b: Claim, entry: object) -> None:
        tag_a, tag_b = self._doc_tag(a.doc), self._doc_tag(b.doc)
        if tag_a is not None and tag_b is not None:
            self._asked_pairs.setdefault(tag_a, {}).setdefault(tag_b, {})[f"{_claim_name(a)} {_claim_name(b)}"] = entry
            self.changed = True

    # -------------------------------------------------------- the file

    def save(self) -> None:
        """Write what this run asked about, when anything new was worked out (never an error: the
        cache only saves time)."""
        if self.path is None or not self.changed:
            return
        from factlint.store import write_atomic

        payload = {"version": self.version, "related": self._asked_related, "intervals": self._asked_intervals,
                   "pairs": {"context": self._pair_context, "docs": self._asked_pairs}}
        try:
            tag = self.path.parent.parent / "CACHEDIR.TAG"
            if not tag.exists():
                write_atomic(tag, CACHEDIR_TAG)
            write_atomic(self.path, json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
        except OSError:
            pass
        self.changed = False


def _claim_name(claim: Claim) -> str:
    """The claim's id without its document's (the same text gives the same claims under any id)."""
    prefix = claim.doc + ":"
    return claim.id[len(prefix):] if claim.id.startswith(prefix) else "=" + claim.id
