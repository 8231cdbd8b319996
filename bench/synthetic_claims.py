"""Clustering plus checks on synthetic claims: time and peak memory at 10^4, 10^5 and 10^6 claims.

    .venv/bin/python bench/synthetic_claims.py                       # 10^4, 10^5, 10^6
    .venv/bin/python bench/synthetic_claims.py --sizes 10000 100000 --timeout 600
    .venv/bin/python bench/synthetic_claims.py --one 10000           # one size, in this process

Each size runs in its own process (so its peak RSS is its own; a size that exceeds ``--timeout`` is
killed and reported as such). The process generates the claims, then times only
``claims_to_findings``: ``factlint.cluster.build_graph`` + ``graph.clusters()`` +
``factlint.checks.run_checks``, i.e. everything `factlint check` does between the stored claims and
the findings. If the clustering or checks API changes, that function is the one place to adapt.

The claims (seeded, deterministic) imitate a corpus of ``--claims-per-doc`` claims per article:

- *facts*, each reported by 1 to 6 articles (a claim per article): a measure (a made-up word, so
  that no two facts share a metric by accident), maybe a named subject, one or two countries, a
  unit from a fixed list, a year, a modality;
- a fact reported by several articles is *consistent* (the same figure, written with the same
  rounding) or, with probability ``--contradictory``, *contradictory*: one article's figure is off
  by 30-200 % or by a factor of 1,000 (a scale slip);
- every article also mentions its countries outside its claims (the entity counts the extractor
  stores).

Besides time and memory it prints how many of the planted contradictory facts got a finding
(``found``) and how many findings touch only consistent facts (``false``): a sanity check that the
claims are realistic enough for the checks to work on, not an accuracy figure.

The records are built from plain dicts filtered by the models' current fields, so the generator keeps
working when ``Claim`` (or ``Quantity``, ``DateRef``, ``ClaimEntity``) gains optional fields.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

UNITS = [  # (unit, dimension, currency, typical magnitude)
    ("dollar", "currency", "USD", 1e9),
    ("euro", "currency", "EUR", 1e8),
    ("tonne", "mass", None, 1e6),
    ("percentage", "percentage", None, 10.0),
    ("cubic metre", "volume", None, 1e9),
    ("kilometre", "length", None, 500.0),
    ("megawatt", "power", None, 800.0),
    ("barrel per day", "volume/time", None, 1e5),
]
COUNT_NOUNS = ["worker", "vessel", "passenger", "school", "patient", "household", "station", "aircraft"]
SYLLABLES = "ba be bi bo bu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo lu ma me mi mo na ne ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi vo za zo".split()


def _word(rng: random.Random, syllables: int = 4) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def _record(model, data: dict):
    """``model`` built from ``data`` restricted to the fields the model has today (no validation:
    the nested records are already built). Records of one model share one set of the fields they
    were given (pydantic keeps one per record: ~1 KB, a third of a claim's memory at 10^6 claims)."""
    fields = model.model_fields
    given = {k: v for k, v in data.items() if k in fields}
    key = (model, frozenset(given))
    shared = _FIELDS_SET.get(key)
    if shared is None:
        shared = _FIELDS_SET[key] = set(given)
    return model.model_construct(_fields_set=shared, **given)


_FIELDS_SET: dict = {}


def _written(value: float, magnitude: float) -> tuple[str, float]:
    """How an article writes ``value`` ("4.2 billion", "37.5"), and the value it then states."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if magnitude >= scale:
            shown = round(value / scale, 1)
            return f"{shown:g} {word}", shown * scale
    shown = round(value, 1)
    return f"{shown:,g}", shown


def generate(n: int, *, seed: int = 0, claims_per_doc: int = 10, contradictory: float = 0.2):
    """(claims, entity counts per document, ids of the facts planted as contradictory, fact of each claim)."""
    from factlint.models import Claim, ClaimEntity, DateRef, Quantity

    rng = random.Random(seed)
    countries = sorted({"".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) for _ in range(400)})
    documents = max(1, n // claims_per_doc)
    doc_ids = [f"synthetic-{i:07d}" for i in range(documents)]
    next_offset = [200] * documents  # each article's claims are in text order
    doc_countries: dict[str, dict[str, int]] = {d: {} for d in doc_ids}
    claims = []
    planted: set[int] = set()
    fact_of: dict[str, int] = {}
    fact = 0
    while len(claims) < n:
        size = min(n - len(claims), rng.choice([1, 1, 2, 2, 3, 4, 6]))
        unit, dimension, currency, magnitude = rng.choice(UNITS + [(None, "count", None, 1e4)] * 2)
        if unit is None:
            unit = rng.choice(COUNT_NOUNS)
        metric = _word(rng)
        subject = _word(rng, 3) + "-" + _word(rng, 2) if rng.random() < 0.5 else None
        parties = rng.sample(countries, rng.choice([1, 1, 2]))
        year = rng.randint(1990, 2030)
        modality = rng.choice(["actual"] * 6 + ["forecast", "plan", "estimate"])
        value = magnitude * rng.uniform(0.5, 9.5)
        odd = size >= 2 and rng.random() < contradictory
        if odd:
            planted.add(fact)
        for member, doc_index in enumerate(rng.sample(range(documents), size)):
            doc = doc_ids[doc_index]
            stated = value
            if odd and member == size - 1:
                stated = value * (1000 if rng.random() < 0.3 else rng.choice([1.3, 1.6, 2.0, 3.0]))
            text, stated = _written(stated, magnitude)
            text = f"{text} {unit}s" if dimension == "count" else f"{text} {unit}"
            start = next_offset[doc_index]
            next_offset[doc_index] += 180
            period_start = start + len(text) + 4
            quantity = _record(Quantity, dict(
                text=text, start=start, end=start + len(text), value=stated, low=stated, high=stated,
                unit=unit, dimension=dimension, currency=currency,
            ))
            period = _record(DateRef, dict(
                text=str(year), start=period_start, end=period_start + 4, value=str(year), kind="point",
                granularity="year", first=f"{year}-01-01", last=f"{year}-12-31",
            ))
            entities = [_record(ClaimEntity, dict(id=c, text=c, type="country", role="party", implied=False)) for c in parties]
            for c in parties:
                doc_countries[doc][c] = doc_countries[doc].get(c, 0) + 2
            sentence = f"The {metric} of {subject or 'it'} was {text} in {year} ({doc}, claim at {start})."
            claim = _record(Claim, dict(
                id=f"{doc}:{start}", doc=doc, start=start, end=start + len(text), line=start // 180 + 1,
                text=text, sentence=sentence, kind="quantity", metric=metric, entities=entities,
                subject=subject, quantity=quantity, date=None, period=period, modality=modality,
                modifiers=[f"head:{metric}"], items=None,
            ))
            claims.append(claim)
            fact_of[claim.id] = fact
        fact += 1
    claims.sort(key=lambda c: (c.doc, c.start))
    return claims, doc_countries, planted, fact_of


def claims_to_findings(claims, entity_counts):
    """Everything between stored claims and findings (adapt here if the API changes)."""
    from factlint.checks import run_checks
    from factlint.cluster import build_graph

    graph = build_graph(claims, entity_counts)
    clusters = graph.clusters()
    return clusters, run_checks(graph)


def run_one(n: int, seed: int, claims_per_doc: int, contradictory: float, generate_only: bool = False) -> dict:
    started = time.perf_counter()
    claims, counts, planted, fact_of = generate(n, seed=seed, claims_per_doc=claims_per_doc, contradictory=contradictory)
    generated = time.perf_counter()
    if generate_only:
        return {"claims": len(claims), "documents": len(counts), "generate_s": round(generated - started, 2),
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    cpu = time.process_time()
    clusters, findings = claims_to_findings(claims, counts)
    done = time.perf_counter()
    found = {fact_of[c] for f in findings for c in f.claims if c in fact_of and fact_of[c] in planted}
    false = sum(1 for f in findings if not any(fact_of.get(c) in planted for c in f.claims))
    return {
        "claims": len(claims),
        "documents": len(counts),
        "generate_s": round(generated - started, 2),
        "cluster_check_s": round(done - generated, 2),
        "cluster_check_cpu_s": round(time.process_time() - cpu, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "clusters": len(clusters),
        "findings": len(findings),
        "planted": len(planted),
        "found": len(found),
        "false": false,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, default=None, help="run one size in this process, print JSON")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per size before it is killed (default 900)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--claims-per-doc", type=int, default=10)
    parser.add_argument("--generate-only", action="store_true",
                        help="with --one: only build the claims (the memory the input alone takes)")
    parser.add_argument("--contradictory", type=float, default=0.2, help="share of multi-article facts planted as contradictory")
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.seed, args.claims_per_doc, args.contradictory, args.generate_only)))
        return

    import platform

    print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} usable cores, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.2f}")
    header = ["claims", "documents", "generate s", "cluster+checks s", "CPU s", "peak RSS MiB", "clusters", "findings", "found/planted", "false"]
    print("  ".join(header))
    previous = None
    for n in args.sizes:
        command = [sys.executable, str(Path(__file__).resolve()), "--one", str(n), "--seed", str(args.seed),
                   "--claims-per-doc", str(args.claims_per_doc), "--contradictory", str(args.contradictory)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            out, _ = process.communicate(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            print(f"{n:>7,}  did not finish in {args.timeout:.0f} s (killed)")
            previous = None
            continue
        if process.returncode != 0:
            print(f"{n:>7,}  failed with exit code {process.returncode} after {time.perf_counter() - started:.0f} s")
            previous = None
            continue
        r = json.loads(out)
        growth = ""
        if previous:
            growth = f"  x{r['cluster_check_s'] / max(previous['cluster_check_s'], 1e-9):.1f} time for x{r['claims'] / previous['claims']:.0f} claims"
        print(f"{r['claims']:>7,}  {r['documents']:>9,}  {r['generate_s']:>10.1f}  {r['cluster_check_s']:>16.1f}  {r['cluster_check_cpu_s']:>5.1f}"
              f"  {r['peak_rss_mib']:>12,}  {r['clusters']:>8,}  {r['findings']:>8,}  {r['found']:>6,}/{r['planted']:<6,}  {r['false']:>5,}{growth}")
        previous = r


if __name__ == "__main__":
    main()
