"""What sentence gating skips and what it changes, on a folder of articles.

    .venv/bin/python bench/speed/gating_diff.py [--limit N] CORPUS_DIR...

For every article: the share of words the trained pipeline skips, the model's output on the
sentences it parses (tag, dependency, head, lemma, entity, sentence start of every token of a kept
sentence), and the claims (and the entity counts the claim builder reads) extracted with and
without gating; prints the totals, the CPU time of each mode (in this process, same texts,
alternating) and every token and claim that differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", type=int, default=20, help="list at most this many differing claims")
    args = parser.parse_args(argv)

    from collections import Counter

    from factlint.claims import claims_of
    from factlint.corpus.reader import read_document
    from factlint.nlp import gating
    from factlint.nlp.pipeline import analyse_documents, get_pipeline

    paths = sorted(p for folder in args.corpus for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    paths = paths[: args.limit]
    sources = [read_document(p) for p in paths]
    nlp = get_pipeline()
    words = skipped = 0
    for source in sources:
        tokens = nlp.tokenizer(source.text)
        for piece in gating.plan_pieces(tokens, gated=True):
            n = sum(1 for t in tokens[piece.start : piece.end] if not (t.is_space or t.is_punct))
            words += n
            skipped += 0 if piece.parse else n
    print(f"{len(sources)} articles, {words:,} words; gating skips {skipped:,} ({100 * skipped / max(words, 1):.1f}%)")

    def run(mode: str):
        os.environ[gating.GATING_ENV] = mode
        started = time.process_time()
        items = [(s.text, dt.date.fromisoformat(s.document.date) if s.document.date else None) for s in sources]
        out, tokens = [], []
        for s, doc in zip(sources, analyse_documents(items)):
            out.append(claims_of(s.document, doc))
            tokens.append([(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc])
        return out, time.process_time() - started, tokens

    run("1")  # warm caches (lemmatizer tables, lexicons) before timing either mode
    (full, full_s, full_tokens), (gated, gated_s, gated_tokens) = run("0"), run("1")
    print(f"CPU s: without gating {full_s:.2f}, with gating {gated_s:.2f} ({gated_s / full_s:.3f}x)")
    fields = ("tag", "dep", "head", "lemma", "ent_iob", "ent_type", "sent_start")
    token_differ = Counter()
    kept_tokens = 0
    for source, a, b in zip(sources, full_tokens, gated_tokens):
        tokens = nlp.tokenizer(source.text)
        for piece in gating.plan_pieces(tokens, gated=True):
            if not piece.parse:
                continue
            for i in range(piece.start, piece.end):
                kept_tokens += 1
                for name, x, y in zip(fields, a[i][1:], b[i][1:]):
                    if x != y:
                        token_differ[name] += 1
                        if sum(token_differ.values()) <= args.show:
                            print(f"  {source.document.id} token {i} {a[i][0]!r}: {name} {x!r} without gating, {y!r} with")
    print(f"tokens of kept sentences: {kept_tokens:,}; differing: "
          + (", ".join(f"{k} {v}" for k, v in token_differ.items()) or "none"))
    differ = Counter()
    shown = 0
    for source, (claims_full, counts_full), (claims_gated, counts_gated) in zip(sources, full, gated):
        a = {c.id: c.model_dump_json() for c in claims_full}
        b = {c.id: c.model_dump_json() for c in claims_gated}
        differ["claims without gating"] += len(a)
        differ["claims with gating"] += len(b)
        differ["lost"] += len(a.keys() - b.keys())
        differ["new"] += len(b.keys() - a.keys())
        changed = [k for k in a.keys() & b.keys() if a[k] != b[k]]
        differ["changed"] += len(changed)
        differ["documents with other entity counts"] += counts_full != counts_gated
        for key in sorted((a.keys() ^ b.keys()) | set(changed)):
            if shown < args.show:
                shown += 1
                print(f"  {key}: {'lost' if key not in b else 'new' if key not in a else 'changed'}")
                if key in a and key in b:
                    import json

                    x, y = json.loads(a[key]), json.loads(b[key])
                    print("     ", {f: (x[f], y[f]) for f in x if x[f] != y[f]})
                else:
                    print("     ", (a.get(key) or b.get(key))[:300])
    print(", ".join(f"{k}: {v}" for k, v in differ.items()))


if __name__ == "__main__":
    sys.exit(main())
