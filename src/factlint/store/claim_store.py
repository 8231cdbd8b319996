"""The claims store.

Layout under the claims folder::

    claims/verdicts.json          the reviewers' record (not the store's)
    claims/CONTRADICTIONS.md      generated (not the store's)
    claims/docs/<doc-id>.json     one file per document; ids with "/" become sub-folders

Each document file holds the document's record, the extractor version, its claims and a
``digest``: the sha256 of the file's own bytes as the extractor wrote them (with the digest's
digits read as zeros). Files are written with sorted keys and no timestamps, so the same input always gives
the same bytes, and atomically (a temporary file in the same folder, then a rename).

A stored file is reused only when the document's sha256, the extractor version and the document
id all match and the digest agrees with the bytes. Anything else is a cache miss and the
document is parsed again: an edited article or a new extractor silently, an unreadable, foreign
or hand-edited file with a note naming it (``ClaimStore.notes``). Document files live in their
own sub-folder, so no article name can ever address ``verdicts.json`` or ``CONTRADICTIONS.md``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

import factlint
from factlint.json_text import dumps
from factlint.models import Claim, Document, InputError

STORE_FORMAT = 2
"""2: claims/docs/<id>.json with a content digest (1 was claims/<id>.json without one)."""

DOCS_FOLDER = "docs"
DIGEST_KEY = "digest"
DIGEST_PREFIX = "sha256:"

# The extractor is the code of these packages plus the trained model: a change to any of them
# changes what a document yields, so it changes the version and invalidates stored claims.
_EXTRACTOR_PARTS = ("nlp", "claims", "models.py", "cluster/stories.py")

# A temporary file older than this whose writer cannot be identified is left over from a run that
# was killed; a live write takes milliseconds.
STALE_TEMPORARY_AGE_S = 15 * 60

# errno values that concern the whole folder, not one file: after the first, writing stops.
_FOLDER_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}

# Characters that cannot or should not appear in a file name on some system, or that would make a
# name mean something else; each is written as %XX. "." is escaped only at the start of a part
# (no hidden files, no "." or ".." parts).
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f%\\<>:"|?*]')
_MAX_NAME_BYTES = 200  # file systems allow 255; room for ".json" and the temporary file's affixes


class StoreError(ValueError):
    """A document id the store cannot hold, or a claims folder it cannot use."""


@lru_cache(maxsize=1)
def extractor_version() -> str:
    root = Path(factlint.__file__).parent
    digest = hashlib.sha256(f"factlint {factlint.__version__} store {STORE_FORMAT}".encode())
    for part in _EXTRACTOR_PARTS:
        base = root / part
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for file in files:
            if file.is_file() and file.suffix in (".py", ".json", ".jsonl", ".yaml"):
                digest.update(file.relative_to(root).as_posix().encode())
                digest.update(file.read_bytes())
    try:
        from factlint.nlp.model import trained_pipeline_version

        digest.update(trained_pipeline_version().encode())
    except Exception:  # the model is reported missing where it is loaded, not here
        pass
    return f"{factlint.__version__}+{digest.hexdigest()[:16]}"


class StoredClaims(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    document: Document
    extractor: str
    claims: list[Claim]
    entity_counts: dict[str, int] = {}
    """How often the document mentions each entity id (countries, organisations, ...)."""
    topic: dict[str, float] = {}
    """The document's heaviest words and their weights (``factlint.cluster.stories.topic_of``):
    which other documents tell the same story."""


# ---------------------------------------------------------------- files


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new one, never a part.

    The temporary file's name carries the writer's pid, so that a later run can tell a file left
    by a killed run from one being written right now (:func:`remove_stale_temporaries`).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a committed file should be like any other
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _naming(exc, path) from exc
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """The error as raised by the system, naming the file being written rather than its temporary."""
    return OSError(exc.errno, exc.strerror or str(exc), str(path)) if exc.errno else exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_TEMPORARY = re.compile(r"\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[^.]+\.tmp")


def remove_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Delete the ``.<name>.<pid>.XXXX.tmp`` files under ``folder`` that a killed run left behind.

    A temporary file is stale when its writer (the pid in its name) is no longer running, or, when
    the writer cannot be told (no pid, another machine's pid reused here), when it is older than
    ``STALE_TEMPORARY_AGE_S``. Returns the files removed.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        candidates = sorted(folder.rglob(".*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        match = _TEMPORARY.fullmatch(path.name)
        if match is None:
            continue
        try:
            old = now - path.lstat().st_mtime > STALE_TEMPORARY_AGE_S
            writer_gone = match["pid"] is not None and not _is_running(int(match["pid"]))
            if path.is_file() and (old or writer_gone):
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process (or an absurd number): do not guess
    return True


# ---------------------------------------------------------------- content


# The digest is the sha256 of the file's own bytes with the digest's 64 hex digits as zeros: a
# file verifies only when it is byte for byte what the extractor wrote, and checking costs one hash,
# not a second serialisation. The digest is a top-level key, the only line with two spaces of
# indentation and that key (strings cannot hold a raw line break).
_DIGEST_LINE = re.compile(r'^  "digest": "sha256:([0-9a-f]{64})",?$', re.MULTILINE)
_ZEROS = "0" * 64
_DIGEST_START = '\n  "digest": "sha256:'


def _digest_line(text: str) -> re.Match | None:
    """``_DIGEST_LINE.search(text)``, found by looking only at the lines that start like it (a
    file's ~15 KB scanned by ``str.find`` rather than the pattern: 0.05 s on a store of 1,082)."""
    found = _DIGEST_LINE.match(text, 0)
    at = text.find(_DIGEST_START)
    while found is None and at >= 0:
        found = _DIGEST_LINE.match(text, at + 1)
        at = text.find(_DIGEST_START, at + 1)
    return found


def _file_digest(text_with_zeros: str) -> str:
    return hashlib.sha256(text_with_zeros.encode("utf-8")).hexdigest()


def dump_claims(stored: StoredClaims) -> str:
    payload = stored.model_dump(mode="json")
    payload[DIGEST_KEY] = DIGEST_PREFIX + _ZEROS
    text = dumps(payload) + "\n"  # json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True)
    line = _digest_line(text)
    return text[: line.start(1)] + _file_digest(text) + text[line.end(1) :]


def verify_digest(raw: str) -> None:
    """ValueError unless ``raw`` is byte for byte a file this store wrote (its digest matches)."""
    line = _digest_line(raw)
    if line is None:
        raise ValueError("no digest (written by an older factlint or by hand)")
    if _file_digest(raw[: line.start(1)] + _ZEROS + raw[line.end(1) :]) != line[1]:
        raise ValueError("it does not match its digest (edited by hand?)")


def parse_stored(raw: str) -> StoredClaims:
    """The record in a document file; ValueError saying why when it is not one this store wrote
    (not JSON, not a record, no digest, or bytes that do not match their digest)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not {"document", "extractor", "claims"} <= data.keys():
        raise ValueError("not a factlint claims file")
    verify_digest(raw)
    data.pop(DIGEST_KEY)
    try:
        return StoredClaims.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"not a factlint claims file ({exc.error_count()} invalid fields)") from None


def _name_part(part: str, *, folder: bool) -> str:
    encoded = _UNSAFE_IN_NAME.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode("utf-8")), part)
    if encoded.startswith("."):
        encoded = "%2E" + encoded[1:]
    if folder and encoded.endswith(".json"):  # a folder "x.json" must not be document "x"'s file
        encoded = encoded[: -len(".json")] + "%2Ejson"
    if len(encoded.encode("utf-8")) > _MAX_NAME_BYTES:
        short = encoded.encode("utf-8")[: _MAX_NAME_BYTES - 17].decode("utf-8", "ignore")
        encoded = f"{short}~{hashlib.sha256(part.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
    return encoded


@lru_cache(maxsize=1 << 16)  # asked for each document three times a run (load, orphans, save)
def document_file(doc_id: str) -> Path:
    """The path of a document's file relative to ``claims/docs``: "sub/index" -> sub/index.json.

    Raises StoreError for an id that could leave the folder or name nothing: empty, absolute,
    with an empty, "." or ".." part, or with a NUL.
    """
    if not doc_id or "\x00" in doc_id or doc_id.startswith("/"):
        raise StoreError(f"document id {doc_id!r} cannot be stored (empty, absolute or with a NUL)")
    parts = doc_id.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise StoreError(f"document id {doc_id!r} cannot be stored (an empty, '.' or '..' part)")
    names = [_name_part(part, folder=True) for part in parts[:-1]] + [_name_part(parts[-1], folder=False) + ".json"]
    return Path(*names)


# ---------------------------------------------------------------- the store


class ClaimStore:
    def __init__(self, directory: Path):
        self.directory = directory
        self.docs = directory / DOCS_FOLDER
        self.notes: list[str] = []
        """Stored files that could not be used and were parsed again, each with why (for stderr)."""
        self._raw: dict[str, str] = {}
        self._files: dict[Path, tuple[str, StoredClaims] | ValueError | None] = {}
        """Each document file read so far: (text, record), why it is unusable, or None (absent);
        a run that lists the whole store first (``load_all``) then reads no file twice."""
        self._verified: dict[str, StoredClaims] = {}
        """Records loaded from files whose digest matched: those files are what this run writes
        as long as the record is unchanged (so they need not be rendered again to be compared)."""
        self._rendered: dict[str, tuple[StoredClaims, str]] = {}

    def path_for(self, doc_id: str) -> Path:
        return self.docs / document_file(doc_id)

    def check_folder(self) -> None:
        """StoreError when the claims folder exists but is not a folder (nothing could be stored)."""
        for folder in (self.directory, self.docs):
            if os.path.lexists(folder) and not folder.is_dir():
                raise StoreError(f"{folder} is not a folder; the claims store needs it to be one")

    def _read(self, path: Path) -> str | None:
        """The file's text; None when there is none; ValueError saying why it cannot be read."""
        try:
            return path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
        except OSError as exc:
            raise ValueError(exc.strerror or str(exc)) from None

    def load(self, document: Document) -> StoredClaims | None:
        """The stored claims if they were extracted from these bytes by this extractor, else None.

        A file that exists but cannot be used adds a note to ``self.notes``.
        """
        try:
            path = self.path_for(document.id)
        except StoreError:
            return None  # reported when the claims are saved
        try:
            found = self._file(path)
            if found is None:
                return None
            raw, stored = found
            if stored.document.id != document.id:  # two ids one file (a case-insensitive file system)
                raise ValueError(f"it holds document {stored.document.id!r}")
        except ValueError as exc:
            self.notes.append(f"{path}: {exc}; parsing {document.path} again")
            return None
        if stored.document.sha256 != document.sha256 or stored.extractor != extractor_version():
            return None
        self._raw[document.id] = raw
        self._verified[document.id] = stored
        return stored

    def claim_texts(self, stored: StoredClaims) -> list[str] | None:
        """Each of the record's claims as its file holds it, when the record is a verified file's,
        unchanged (else None): ``json_text.dumps(claim.model_dump(mode="json"), 2)``, the text the
        JSON report writes for it (in both, a claim is an item of the top object's "claims" list)."""
        if not self._unchanged(stored):
            return None
        raw = self._raw.get(stored.document.id)
        if raw is None:
            return None
        if not stored.claims:
            return []
        opening, between, closing = '{\n  "claims": [\n    ', ",\n    ", "\n  ]"
        if not raw.startswith(opening + "{"):
            return None
        texts: list[str] = []
        at = len(opening)
        for index in range(len(stored.claims)):
            # the claim's closing brace is the first line indented as the claim itself (its
            # fields are indented further, and JSON strings hold no line break)
            end = raw.find("\n    }", at)
            if end < 0:
                return None
            end += len("\n    }")
            texts.append(raw[at:end])
            if not raw.startswith(between + "{" if index + 1 < len(stored.claims) else closing, end):
                return None
            at = end + len(between)
        return texts

    def render(self, stored: StoredClaims) -> str:
        # --ci's comparison and the save ask for the same record's bytes: rendered once (the entry
        # holds the record, so its identity is not reused while kept)
        kept = self._rendered.get(stored.document.id)
        if kept is None or kept[0] is not stored:
            kept = self._rendered[stored.document.id] = (stored, dump_claims(stored))
        return kept[1]

    def _unchanged(self, stored: StoredClaims) -> bool:
        """Whether ``stored`` is the record of a verified file, unchanged (the document record may
        be a copy with the same values: runs replace it with the one just read)."""
        loaded = self._verified.get(stored.document.id)
        return (
            loaded is not None
            and stored.claims is loaded.claims
            and stored.document == loaded.document
            and stored.extractor == loaded.extractor
            and stored.entity_counts == loaded.entity_counts
            and stored.topic == loaded.topic
        )

    def save(self, stored: StoredClaims) -> None:
        if self._unchanged(stored):
            return
        path = self.path_for(stored.document.id)
        content = self.render(stored)
        if self._raw.get(stored.document.id) == content:
            return
        try:
            if path.read_text(encoding="utf-8") == content:
                return
        except (OSError, UnicodeDecodeError):
            pass
        write_atomic(path, content)
        self._raw[stored.document.id] = content
        self._verified.pop(stored.document.id, None)
        self._files.pop(path, None)

    def save_all(self, records: Iterable[StoredClaims]) -> list[InputError]:
        """Save every record; a file that cannot be written is an error naming it. After a fault of
        the whole folder (read-only, full, not a folder) nothing more is tried: one error says so."""
        errors: list[InputError] = []
        for stored in records:
            try:
                path = self.path_for(stored.document.id)
                self.save(stored)
            except StoreError as exc:
                errors.append(InputError(path=stored.document.path, reason=str(exc), stage="store"))
            except OSError as exc:
                where = exc.filename or path
                if exc.errno in _FOLDER_ERRNOS:
                    errors.append(InputError(
                        path=str(self.directory), stage="store",
                        reason=f"cannot write {where}: {exc.strerror or exc}; claims were not saved, the next run parses again",
                    ))
                    break
                errors.append(InputError(path=str(path), stage="store", reason=f"cannot write: {exc.strerror or exc}"))
        return errors

    def _file(self, path: Path) -> tuple[str, StoredClaims] | None:
        """(text, record) of a document file, None when there is none; ValueError saying why it
        cannot be used. Each file is read once per store object."""
        if path not in self._files:
            try:
                raw = self._read(path)
                self._files[path] = None if raw is None else (raw, parse_stored(raw))
            except ValueError as exc:
                self._files[path] = exc
        found = self._files[path]
        if isinstance(found, ValueError):
            raise ValueError(str(found))
        return found

    def load_all(self) -> dict[str, StoredClaims]:
        """Every usable stored document, whatever extractor wrote it (for re-rendering reports).
        Unusable files are left out here; :meth:`load` names them when their article is checked."""
        out: dict[str, StoredClaims] = {}
        for path in self._document_files():
            try:
                found = self._file(path)
            except ValueError:
                continue
            if found is not None:
                out[found[1].document.id] = found[1]
        return out

    def _document_files(self) -> list[Path]:
        try:
            return sorted(p for p in self.docs.rglob("*.json") if not p.name.startswith("."))
        except OSError:
            return []

    def orphans(self, doc_ids: set[str]) -> list[Path]:
        """Stored claim files whose article is not among ``doc_ids`` (deleted or renamed)."""
        expected = set()
        for doc_id in doc_ids:
            try:
                expected.add(self.path_for(doc_id))
            except StoreError:
                continue
        return [p for p in self._document_files() if p not in expected]

    def legacy_files(self) -> list[Path]:
        """Files of the old flat layout (claims/<id>.json, store format 1): no longer read.

        Only files that look like a document record are listed, so a file of the user's own in the
        folder is never taken for one.
        """
        out = []
        try:
            candidates = sorted(self.directory.glob("*.json"))
        except OSError:
            return out
        for path in candidates:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            if isinstance(data, dict) and {"document", "extractor", "claims"} <= data.keys():
                out.append(path)
        return out

    def tidy(self) -> list[str]:
        """Remove what an older layout or a killed run left behind; one line per file removed."""
        done = [f"removed {path} (left by an interrupted run)" for path in remove_stale_temporaries(self.directory)]
        for path in self.legacy_files():
            try:
                path.unlink()
            except OSError:
                continue
            done.append(f"removed {path} (old store layout; claims now live in {self.docs})")
        return done

    def stale_files(self, records: Iterable[StoredClaims]) -> list[str]:
        """The files that differ from what this run would write (for --ci)."""
        out = []
        for stored in records:
            try:
                if not self.is_current(stored):
                    out.append(str(self.path_for(stored.document.id)))
            except StoreError:
                continue
        return out

    def is_current(self, stored: StoredClaims) -> bool:
        """Whether the stored file is byte-identical to what this run would write (for --ci)."""
        if self._unchanged(stored):
            return True
        raw = self._raw.get(stored.document.id)
        if raw is None:
            try:
                raw = self.path_for(stored.document.id).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError, StoreError):
                return False
        return raw == self.render(stored)
