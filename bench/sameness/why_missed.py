"""Why a planted finding was missed: the claims under its evidence quotes and what the sameness
layer says of each pair (the veto, whether the values agree, the score and the cut).

    .venv/bin/python bench/sameness/why_missed.py CORPUS_DIR GOLD_ID [GOLD_ID ...]

CORPUS_DIR holds docs/ and gold.json (the format of ../shared/eval/dev/README.md). The corpus is
checked into a scratch claims folder (``factlint check --claims-dir``) and read back from it. Only
for tuned corpora: reading an untouched corpus's misses makes it tuned.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from factlint.cluster.graph import _comparable_intervals, _Scored, name_aliases, values_agree
from factlint.cluster.compare import event_objects_match, happens_once
from factlint.cluster.sameness import WordWeights, fitted_model, veto
from factlint.store.claim_store import ClaimStore


def _claims_under(claims, doc: str, text: str, quote: str):
    start = text.find(quote)
    end = start + len(quote)
    return [c for c in claims if c.doc == doc and c.start < end and start < c.end]


def _show(claim) -> str:
    value = claim.quantity.text if claim.quantity is not None else (claim.date.text if claim.date else "")
    frame = claim.frame
    return (f"{claim.id} {claim.kind} metric={claim.metric} value={value!r} period="
            f"{claim.period.value if claim.period else None} measure={list(frame.measure) if frame else None} "
            f"places={list(frame.places) if frame else None} owners={list(frame.owners) if frame else None} "
            f"entities={[(e.id, e.role) for e in claim.entities]} modality={claim.modality} modifiers={claim.modifiers}")


def main(argv: list[str]) -> int:
    corpus = Path(argv[0])
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        factlint = Path(sys.executable).parent / "factlint"
        subprocess.run([str(factlint), "check", str(corpus / "docs"), "--claims-dir", scratch, "-q",
                        "--format", "json"], stdout=subprocess.DEVNULL, check=False)
        stored = ClaimStore(Path(scratch)).load_all()
    claims = [c for record in stored.values() for c in record.claims]
    ids = {e.id for c in claims for e in c.entities} | {c.subject for c in claims if c.subject}
    alias = name_aliases(ids)
    model = fitted_model()
    words = WordWeights(claims, {d: r.entity_counts for d, r in stored.items()},
                        {d: r.topic for d, r in stored.items() if r.topic}, model.story_threshold,
                        model.contradiction_threshold)
    intervals = _comparable_intervals(claims, None)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (corpus / "docs").glob("*.txt")}
    for gid in argv[1:]:
        finding = next(f for f in gold["findings"] if f["id"] == gid)
        print(f"== {gid} ({finding['kind']}): {finding['explanation']}")
        sides = []
        for evidence in finding["evidence"]:
            under = _claims_under(claims, evidence["doc"], texts[evidence["doc"]], evidence["quote"])
            print(f"  quote {evidence['doc']}: {evidence['quote']!r}")
            for c in under:
                print(f"    {_show(c)}")
            if not under:
                print("    (no claim)")
            sides.append(under)
        for a in sides[0]:
            for other in sides[1:]:
                for b in other:
                    x, y = (a, b) if a.id < b.id else (b, a)
                    reason = veto(x, y, alias, words)
                    agreeing = values_agree(x, y, intervals)
                    line = f"  pair {x.id} / {y.id}: veto={reason} agreeing={agreeing}"
                    if x.kind == "event":
                        line += f" one_event={happens_once(x, y)} objects_match={event_objects_match(x, y)}"
                    if agreeing is not None:
                        scored = _Scored(x, y, words, alias, model, agreeing, None)
                        line += f" score={scored.score:.3f} same={scored.same}"
                    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
