"""Check a held-out corpus against the gold-file rules of /work/shared/eval/dev/README.md.

Every quote must occur exactly once in its document and be 3 to 12 words long; the documents
listed in gold.json must be exactly the files in docs/. Prints word counts and first lines too.

    python bench/corpora/check_quotes.py bench/corpora/<name>
"""
import json
import os
import sys


def main(root: str) -> int:
    gold = json.load(open(os.path.join(root, "gold.json"), encoding="utf-8"))
    docs_dir = os.path.join(root, "docs")
    docs = {
        os.path.splitext(name)[0]: open(os.path.join(docs_dir, name), encoding="utf-8").read()
        for name in os.listdir(docs_dir)
    }
    if set(docs) != set(gold["documents"]):
        print("documents differ:", sorted(set(docs) ^ set(gold["documents"])))
        return 1
    for doc_id, text in sorted(docs.items()):
        first_line = text.split("\n", 1)[0]
        print(f"{doc_id}: {len(text.split())} words, first line={first_line!r}, "
              f"gold date={gold['documents'][doc_id]['date']}")
    bad = 0
    for section in ("findings", "traps", "clusters"):
        for item in gold[section]:
            for quote_ref in item.get("evidence") or item.get("members"):
                quote = quote_ref["quote"]
                count = docs[quote_ref["doc"]].count(quote)
                words = len(quote.split())
                if count != 1 or not 3 <= words <= 12:
                    bad += 1
                    print("BAD", section, item["id"], quote_ref["doc"], repr(quote),
                          "occurrences", count, "words", words)
    print("findings", len(gold["findings"]), "traps", len(gold["traps"]),
          "clusters", len(gold["clusters"]))
    print("finding kinds", sorted({f["kind"] for f in gold["findings"]}))
    print("trap kinds", sorted({t["kind"] for t in gold["traps"]}))
    print("bad quotes", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
