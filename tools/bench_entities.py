"""Cost of the entity extractor next to the trained pipeline, per 1,000 words.

    .venv/bin/python tools/bench_entities.py FILE...

Runs the trained spaCy components on each file, then ``extract_entities`` on the parsed Docs, and
prints the best of three runs of each. The one-off lookup tables (country forms, vocabulary) are
timed separately: they are built once per process.
"""

from __future__ import annotations

import sys
import time

from factlint.nlp.countries import country_lexicon
from factlint.nlp.entities import entity_vocabulary, extract_entities
from factlint.nlp.pipeline import get_pipeline


def main(paths: list[str]) -> None:
    texts = [open(path, encoding="utf-8").read() for path in paths]
    words = sum(len(text.split()) for text in texts)
    nlp = get_pipeline()
    started = time.perf_counter()
    country_lexicon()
    entity_vocabulary()
    tables = time.perf_counter() - started
    trained = [name for name in nlp.pipe_names if not name.startswith("factlint")]
    best_model = best_entities = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with nlp.select_pipes(enable=trained):
            docs = [nlp(text) for text in texts]
        best_model = min(best_model, time.perf_counter() - started)
        started = time.perf_counter()
        for doc in docs:
            extract_entities(doc)
        best_entities = min(best_entities, time.perf_counter() - started)
    per_k = 1000 / words
    print(f"{len(texts)} files, {words} words; lookup tables built once in {tables * 1000:.0f} ms")
    print(f"trained pipeline:  {best_model * per_k * 1000:7.1f} ms per 1,000 words")
    print(
        f"extract_entities:  {best_entities * per_k * 1000:7.1f} ms per 1,000 words "
        f"({best_entities / best_model:.1%} of the trained pipeline)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
