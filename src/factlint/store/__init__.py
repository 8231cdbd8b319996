"""Store: claims/docs/<doc-id>.json, one per document, reused while the document, the extractor and the file's digest are unchanged."""

from factlint.store.claim_store import ClaimStore, StoredClaims, extractor_version, write_atomic

__all__ = ["ClaimStore", "StoredClaims", "extractor_version", "write_atomic"]
