"""How many generated inputs make factlint's parser raise: the crash count of issue 11.

    .venv/bin/python bench/robustness/fuzz_parser.py [--inputs N] [--seed S] [--max-tokens T] [--json OUT]

Generates N inputs (default 100,000) from a seeded random source, each a short "line" made of the
vocabulary factlint reads itself (every word and phrase of its pattern files: units, number
words, date words...), numbers in many spellings, punctuation, line and paragraph separators,
control characters, random Unicode and, for a share of the inputs, lone surrogates (which
``factlint parse`` receives for undecodable argv bytes). Each input goes through what ``factlint
parse`` and ``factlint check`` do with a line: the CLI's input hygiene (``replace_surrogates``),
the full pipeline (``analyse_many``: tokenizer, en_core_web_sm, factlint's mention components),
``mentions_of`` and the claims builder (``build_claims``). A crash is any exception from those
steps; crashes are grouped by exception type and the innermost factlint function, with the first
input of each group, so that each can become a golden case.

Batches go through ``nlp.pipe``; a batch that raises is run again one input at a time, so each
crash is counted once and for the input that caused it. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path


from factlint.nlp.vocabulary import pattern_vocabulary
import factlint
from factlint.cli_input import replace_surrogates
from factlint.claims.builder import build_claims
from factlint.models import Document
from factlint.nlp.pipeline import analyse, analyse_many, get_pipeline, mentions_of

PACKAGE = Path(factlint.__file__).resolve().parent
BATCH = 256




PUNCTUATION = list(" \n\t.,;:!?()[]{}\"'’“”-–—/\\%$€£¥+*=<>&#@^~|") + ["...", "\r\n", "\u2028", "\u2029", "\ufeff", "\x1b[2J", "\x00"]
FUNCTION_WORDS = "the a of to in from by and or between about over under up down per each than as at on since".split()


def number(rng: random.Random) -> str:
    kind = rng.randrange(8)
    n = rng.choice([0, 1, 2, 7, 12, 19, 99, 100, 1000, 2019, 10**6]) if kind == 0 else rng.randrange(10 ** rng.randrange(1, 14))
    if kind == 1:
        return f"{n:,}"
    if kind == 2:
        return f"{n / 10 ** rng.randrange(1, 4):.{rng.randrange(0, 4)}f}"
    if kind == 3:
        return rng.choice("$€£¥") + str(n) + rng.choice(["", "bn", "m", "k", " billion", " million", "trn"])
    if kind == 4:
        return f"{rng.randrange(1800, 2100)}{rng.choice(['', 's', '-' + str(rng.randrange(1, 13)).zfill(2), '/' + str(rng.randrange(0, 100)).zfill(2)])}"
    if kind == 5:
        return f"{n}{rng.choice(['%', 'th', 'st', 'nd', 'rd', 'x', '-fold', 'km', 'bcm'])}"
    if kind == 6:
        return rng.choice(["1e9", "NaN", "inf", "-0", "0.000", "١٢٣", "½", "²", "IV", "1,2,3", "1.2.3", "12:30"])
    return str(n)


def random_unicode(rng: random.Random, surrogates: bool) -> str:
    out = []
    for _ in range(rng.randrange(1, 5)):
        if surrogates and rng.random() < 0.3:
            out.append(chr(rng.randrange(0xD800, 0xE000)))
        else:
            code = rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0x3000), rng.randrange(0, 0x110000)])
            out.append(chr(code) if not 0xD800 <= code < 0xE000 else "\ufffd")
    return "".join(out)


def generate(rng: random.Random, vocab: list[str], max_tokens: int) -> str:
    surrogates = rng.random() < 0.05
    tokens = []
    for _ in range(rng.randrange(0, max_tokens + 1)):
        roll = rng.random()
        if roll < 0.35:
            tokens.append(rng.choice(vocab))
        elif roll < 0.6:
            tokens.append(number(rng))
        elif roll < 0.75:
            tokens.append(rng.choice(FUNCTION_WORDS))
        elif roll < 0.88:
            tokens.append(rng.choice(PUNCTUATION))
        elif roll < 0.95:
            word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(1, 9)))
            tokens.append(word.capitalize() + rng.choice(["", "'s", "’s", "-based", "s"]))
        else:
            tokens.append(random_unicode(rng, surrogates))
    return rng.choice([" ", " ", "", "  "]).join(tokens)


def crash_site(exc: BaseException) -> str:
    site = "outside factlint"
    for frame, line in traceback.walk_tb(exc.__traceback__):
        try:
            relative = Path(frame.f_code.co_filename).resolve().relative_to(PACKAGE)
        except ValueError:
            continue
        site = f"{relative.as_posix()}:{frame.f_code.co_name}"
    return site


def process(doc, text: str) -> None:
    mentions_of(doc)
    build_claims(Document(id="fuzz", path="fuzz.txt", sha256="0" * 64), doc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--max-tokens", type=int, default=30)
    parser.add_argument("--json", type=Path, help="also write the summary as JSON here")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    vocab = list(pattern_vocabulary())
    t0 = time.perf_counter()
    get_pipeline()
    load_s = time.perf_counter() - t0
    crashes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    chars = 0
    t0 = time.perf_counter()

    def record(text: str, exc: BaseException) -> None:
        key = f"{type(exc).__name__} at {crash_site(exc)}"
        crashes[key] += 1
        examples.setdefault(key, text)

    done = 0
    while done < args.inputs:
        batch = [replace_surrogates(generate(rng, vocab, args.max_tokens)) for _ in range(min(BATCH, args.inputs - done))]
        chars += sum(map(len, batch))
        try:
            for doc, text in zip(analyse_many(batch, batch_size=64), batch):
                process(doc, text)
        except Exception:  # find the input(s) that raised, one at a time
            for text in batch:
                try:
                    process(analyse(text), text)
                except Exception as exc:
                    record(text, exc)
        done += len(batch)
        if done % (BATCH * 40) == 0:
            print(f"{done} inputs, {sum(crashes.values())} crashes, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    wall = time.perf_counter() - t0
    summary = {
        "inputs": args.inputs,
        "seed": args.seed,
        "max_tokens": args.max_tokens,
        "characters": chars,
        "crashes": sum(crashes.values()),
        "crash_kinds": [{"kind": k, "count": n, "first_input": examples[k]} for k, n in crashes.most_common()],
        "model_load_s": round(load_s, 1),
        "wall_s": round(wall, 1),
        "inputs_per_s": round(args.inputs / wall),
        "machine": f"{platform.machine()}, {platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} cores",
    }
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
