"""What a warm `factlint check` spends its time on, with a store of N documents.

    .venv/bin/python bench/robustness/warm_store.py [--docs N] [--jobs J] CORPUS_DIR

Builds, in a temporary folder, N copies of the articles in CORPUS_DIR (round-robin, each with a
unique closing line so that its sha256 is its own) and a claims store for them without running the
model: each copy gets the claims of its original, checked once, under its own id (the closing line
adds nothing, so the claims are what parsing the copy would give, apart from the extractor's
cost). Then times, in-process, each phase of a warm check that parses nothing: reading the corpus,
loading and verifying the store (read, JSON, digest, validation), clustering and checks, and the
JSON and Markdown reports; and, as a subprocess, the whole `factlint check --format json` with its
start-up. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factlint.corpus import read_corpus
from factlint.report.json_report import render_json
from factlint.report.markdown import render_markdown
from factlint.runner import check_claims, run_check
from factlint.store import ClaimStore, StoredClaims
from factlint.store.claim_store import dump_claims

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def marker(n: int) -> str:
    word = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        word = LETTERS[r] + word
    return f"\nCopy reference {word}.\n"


def build(corpus: Path, root: Path, docs: int, jobs: int) -> None:
    originals = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    seed_claims = root / "seed-claims"
    run_check([corpus], claims_dir=seed_claims, jobs=jobs)
    store = ClaimStore(seed_claims)
    stored = {s.document.id: s for s in store.load_all().values()}
    out = ClaimStore(root / "claims")
    (root / "docs").mkdir()
    for n in range(docs):
        original = originals[n % len(originals)]
        name = f"{n:05d}_{original.stem}"
        raw = original.read_bytes() + marker(n).encode()
        (root / "docs" / f"{name}{original.suffix}").write_bytes(raw)
        base = stored[original.stem]
        claims = json.loads(json.dumps([c.model_dump(mode="json") for c in base.claims]).replace(f'"{original.stem}', f'"{name}'))
        document = base.document.model_copy(update={"id": name, "path": f"docs/{name}{original.suffix}", "sha256": hashlib.sha256(raw).hexdigest()})
        record = StoredClaims.model_validate({"document": document.model_dump(), "extractor": base.extractor, "claims": claims, "entity_counts": base.entity_counts})
        path = out.path_for(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_claims(record), encoding="utf-8")


def timed(label: str, results: dict, fn):
    t0 = time.perf_counter()
    value = fn()
    results[label] = round(time.perf_counter() - t0, 3)
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=1082)
    parser.add_argument("--jobs", type=int, default=2, help="processes for checking CORPUS_DIR once (default 2)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="factlint-warm-"))
    cwd = os.getcwd()
    try:
        t0 = time.perf_counter()
        build(args.corpus.resolve(), root, args.docs, args.jobs)
        print(f"store of {args.docs} documents built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        os.chdir(root)
        phases: dict[str, float] = {}
        sources, _ = timed("read corpus", phases, lambda: read_corpus([Path("docs")]))
        store = ClaimStore(Path("claims"))
        loaded = timed("load + verify store", phases, lambda: {s.document.id: store.load(s.document) for s in sources})
        missing = [doc_id for doc_id, value in loaded.items() if value is None]
        assert not missing, f"{len(missing)} documents were not reused, e.g. {missing[:3]} {store.notes[:3]}"
        result = timed("cluster + checks", phases, lambda: check_claims(loaded, Path("claims")))
        timed("json report", phases, lambda: render_json(result))
        timed("markdown report", phases, lambda: render_markdown(result))
        timed("is_current (all files)", phases, lambda: store.stale_files(loaded[k] for k in sorted(loaded)))
        command = [sys.executable, "-m", "factlint", "check", "docs", "--format", "json", "--quiet"]
        subprocess.run(command, capture_output=True)  # warm the page cache
        t0 = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        phases["whole `factlint check` (subprocess)"] = round(time.perf_counter() - t0, 3)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import factlint.cli, factlint.runner"], check=True)
        phases["start-up: import factlint.cli + runner (subprocess)"] = round(time.perf_counter() - t0, 3)
        report = json.loads(done.stdout)
        print(json.dumps({
            "documents": len(report["documents"]), "claims": len(report["claims"]), "findings": len(report["findings"]),
            "store_bytes": sum(p.stat().st_size for p in Path("claims/docs").rglob("*.json")),
            "seconds": phases,
        }, indent=2))
    finally:
        os.chdir(cwd)
        if args.keep:
            print(root, file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
