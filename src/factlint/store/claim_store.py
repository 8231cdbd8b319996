"""The claims store.

``claims/<doc-id>.json`` holds a document's record, the extractor version and its claims, with
sorted keys and no timestamps so that the same input always gives the same bytes. A stored file is
reused when the document's sha256 and the extractor version both match; otherwise the document is
parsed again. Files are written atomically (temporary file in the same folder, then rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

import factlint
from factlint.models import Claim, Document

STORE_FORMAT = 1

# The extractor is the code of these packages plus the trained model: a change to any of them
# changes what a document yields, so it changes the version and invalidates stored claims.
_EXTRACTOR_PARTS = ("nlp", "claims", "models.py")


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


def write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a committed file should be like any other
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def dump_claims(stored: StoredClaims) -> str:
    return json.dumps(stored.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class ClaimStore:
    def __init__(self, directory: Path):
        self.directory = directory

    def path_for(self, doc_id: str) -> Path:
        return self.directory / f"{doc_id}.json"

    def load(self, document: Document) -> StoredClaims | None:
        """The stored claims if they were extracted from these bytes by this extractor, else None."""
        path = self.path_for(document.id)
        try:
            stored = StoredClaims.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, ValidationError):
            return None
        if stored.document.sha256 != document.sha256 or stored.extractor != extractor_version():
            return None
        return stored

    def render(self, stored: StoredClaims) -> str:
        return dump_claims(stored)

    def save(self, stored: StoredClaims) -> None:
        path = self.path_for(stored.document.id)
        content = self.render(stored)
        try:
            if path.read_text(encoding="utf-8") == content:
                return
        except OSError:
            pass
        write_atomic(path, content)

    def load_all(self) -> dict[str, StoredClaims]:
        """Every readable stored document, whatever extractor wrote it (for re-rendering reports)."""
        out: dict[str, StoredClaims] = {}
        if not self.directory.is_dir():
            return out
        for path in sorted(self.directory.glob("*.json")):
            try:
                stored = StoredClaims.model_validate_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, ValidationError):
                continue
            out[stored.document.id] = stored
        return out

    def orphans(self, doc_ids: set[str]) -> list[Path]:
        """Stored claim files whose article is not among ``doc_ids`` (deleted or renamed)."""
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.glob("*.json") if p.stem not in doc_ids and p.name != "verdicts.json")

    def is_current(self, stored: StoredClaims) -> bool:
        """Whether the stored file is byte-identical to what this run would write (for --ci)."""
        try:
            return self.path_for(stored.document.id).read_text(encoding="utf-8") == self.render(stored)
        except OSError:
            return False
