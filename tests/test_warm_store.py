"""What makes a warm check fast changes nothing it reports: the clustering cache
(``factlint.cluster.derived``) and the store's digest lookup."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from factlint.cluster import build_graph
from factlint.cluster.derived import CACHE_FILE, DerivedCache, cache_file
from factlint.cluster.sameness import fitted_model
from factlint.runner import check_stored
from factlint.store import ClaimStore
from factlint.store.claim_store import _DIGEST_LINE, _digest_line

ROOT = Path(__file__).resolve().parents[1]
FACTLINT = [sys.executable, "-m", "factlint"]

lines = st.sampled_from(['  "digest": "sha256:' + "a" * 64 + '",', '  "digest": "sha256:' + "b" * 64 + '"',
                         '  "digest": "sha256:' + "c" * 63 + '",', '   "digest": "sha256:' + "d" * 64 + '",',
                         '{', '  "claims": [],', '}', '', ' "digest"'])


@given(st.lists(lines, max_size=8), st.booleans())
def test_the_digest_line_is_the_one_the_pattern_finds(parts, trailing):
    text = "\n".join(parts) + ("\n" if trailing else "")
    expected, found = _DIGEST_LINE.search(text), _digest_line(text)
    assert (found.span(), found[1]) == (expected.span(), expected[1]) if expected else found is None


def _graph_parts(graph):
    return graph.relations, graph.sameness, graph.clusters()


def _seed_claims():
    stored = ClaimStore(ROOT / "claims").load_all()
    claims = [c for doc in sorted(stored) for c in stored[doc].claims]
    counts = {doc: stored[doc].entity_counts for doc in stored}
    topics = {doc: stored[doc].topic for doc in stored if stored[doc].topic}
    keys = {doc: stored[doc].document.sha256[:16] for doc in stored}
    return claims, counts, topics, keys


def test_the_graph_is_the_same_from_an_empty_a_filled_and_a_damaged_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    claims, counts, topics, keys = _seed_claims()
    model = fitted_model()
    plain = _graph_parts(build_graph(claims, counts, model, topics=topics))
    for _ in range(2):  # the first run fills the cache, the second reads it
        cache = DerivedCache.load(tmp_path / "claims", model, keys)
        assert _graph_parts(build_graph(claims, counts, model, topics=topics, cache=cache)) == plain
        cache.save()
    path = cache_file(tmp_path / "claims")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["related"] and data["intervals"]
    # another version's answers are not used, and a damaged file is no cache at all
    for text in (json.dumps({**data, "version": "another"}), "{not json", json.dumps({"version": data["version"], "related": [1]})):
        path.write_text(text, encoding="utf-8")
        cache = DerivedCache.load(tmp_path / "claims", model, keys)
        assert _graph_parts(build_graph(claims, counts, model, topics=topics, cache=cache)) == plain


def test_a_story_answer_is_used_only_for_the_pair_asked_in_the_same_order(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    cache = DerivedCache.load(tmp_path / "claims", fitted_model(), {"a": "1" * 16, "b": "2" * 16})
    cache.remember_related("a", "b", False)
    cache.save()
    again = DerivedCache.load(tmp_path / "claims", fitted_model(), {"a": "1" * 16, "b": "2" * 16})
    assert again.related("a", "b") is False
    assert again.related("b", "a") is None


def test_check_keeps_its_cache_outside_the_claims_folder_and_ci_writes_none(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        (corpus / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    env = {"FACTLINT_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}
    check = [*FACTLINT, "check", str(corpus), "--format", "json", "-q", "--claims-dir", str(tmp_path / "claims")]
    ci = subprocess.run([*check, "--ci"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ci.returncode in (0, 1), ci.stderr
    assert not list(cache_dir.rglob(CACHE_FILE))
    outputs = []
    for _ in range(2):
        run = subprocess.run(check, capture_output=True, text=True, env=env, cwd=tmp_path)
        assert run.returncode in (0, 1), run.stderr
        outputs.append(run.stdout)
    assert len(list(cache_dir.rglob(CACHE_FILE))) == 1
    assert not [p for p in (tmp_path / "claims").rglob("*") if "cache" in p.name.lower()]
    off = subprocess.run(check, capture_output=True, text=True, env={**env, "FACTLINT_CACHE_DIR": "off"}, cwd=tmp_path)
    assert outputs[0] == outputs[1] == off.stdout == ci.stdout
    assert check_stored(tmp_path / "claims") is not None


def test_a_new_document_meets_the_remembered_pairs_of_the_others(tmp_path, monkeypatch):
    """The warm run with one new article: the other documents' pairs come from the cache, the new
    one's are worked out, and the graph is the one worked out from nothing (and so without one)."""
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    claims, counts, topics, keys = _seed_claims()
    model = fitted_model()
    docs = sorted(counts)
    for left_out in (docs[0], docs[-1]):
        fewer = [c for c in claims if c.doc != left_out]
        cache = DerivedCache.load(tmp_path / "claims", model, {d: k for d, k in keys.items() if d != left_out})
        build_graph(fewer, {d: n for d, n in counts.items() if d != left_out}, model,
                    topics={d: t for d, t in topics.items() if d != left_out}, cache=cache)
        cache.save()
        cache = DerivedCache.load(tmp_path / "claims", model, keys)
        assert cache.holds_pairs()
        assert _graph_parts(build_graph(claims, counts, model, topics=topics, cache=cache)) == \
            _graph_parts(build_graph(claims, counts, model, topics=topics))
        cache.save()
    data = json.loads(cache_file(tmp_path / "claims").read_text(encoding="utf-8"))
    entries = [e for row in data["pairs"]["docs"].values() for pairs in row.values() for e in pairs.values()]
    assert 0 in entries and any(type(e) is list and len(e) == 4 for e in entries)


def test_pairs_remembered_under_another_acronym_table_are_not_used(tmp_path, monkeypatch):
    import factlint.cluster.graph as graph_module

    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    claims, counts, topics, keys = _seed_claims()
    model = fitted_model()
    plain = _graph_parts(build_graph(claims, counts, model, topics=topics))
    cache = DerivedCache.load(tmp_path / "claims", model, keys)
    build_graph(claims, counts, model, topics=topics, cache=cache)
    cache.save()
    path = cache_file(tmp_path / "claims")
    data = json.loads(path.read_text(encoding="utf-8"))
    # every remembered pair made unrelated: used, they would empty the graph
    for row in data["pairs"]["docs"].values():
        for pairs in row.values():
            for name in pairs:
                pairs[name] = 0
    path.write_text(json.dumps(data), encoding="utf-8")
    cache = DerivedCache.load(tmp_path / "claims", model, keys)
    assert not _graph_parts(build_graph(claims, counts, model, topics=topics, cache=cache))[0]
    monkeypatch.setattr(graph_module, "_pair_context", lambda alias: "another acronym table")
    cache = DerivedCache.load(tmp_path / "claims", model, keys)
    assert _graph_parts(build_graph(claims, counts, model, topics=topics, cache=cache)) == plain
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["pairs"]["context"] == "another acronym table"


def test_features_are_the_pair_features_and_the_corpus_features_in_the_fitted_order():
    from factlint.cluster.graph import acronym_aliases
    from factlint.cluster.sameness import CORPUS_FEATURES, FEATURES, WordWeights, features, pair_features

    claims, counts, topics, _ = _seed_claims()
    words = WordWeights(claims, counts, topics)
    alias = acronym_aliases({e.id for c in claims for e in c.entities})
    figures = [c for c in claims if c.kind == "quantity"]
    for a, b in zip(figures, figures[1:]):
        own = pair_features(a, b, alias)
        assert set(own) == set(FEATURES) - set(CORPUS_FEATURES)
        assert list(features(a, b, words, alias)) == list(FEATURES)
        assert features(a, b, words, alias, own) == features(a, b, words, alias)


def test_a_verified_file_holds_each_claim_as_the_json_report_writes_it(tmp_path):
    import shutil

    from factlint.json_text import dumps
    from factlint.report.json_report import CLAIM_LEVEL

    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    store = ClaimStore(tmp_path / "claims")
    records = [store.load(record.document) for record in store.load_all().values()]
    assert records and all(r is not None for r in records)
    for record in records:
        texts = store.claim_texts(record)
        assert texts == [dumps(c.model_dump(mode="json"), CLAIM_LEVEL) for c in record.claims]
    changed = records[0].model_copy(update={"claims": records[0].claims[1:]})
    assert store.claim_texts(changed) is None


def test_the_stored_fingerprints_answer_as_the_whole_set():
    from factlint.checks.base import claim_key
    from factlint.runner import _ClaimKeys

    claims = _seed_claims()[0]
    everything = {claim_key(c) for c in claims}
    keys = _ClaimKeys(claims)
    assert all(key in keys for key in everything)
    assert not any(key + "x" in keys or "x" + key in keys for key in everything)
    assert set(keys) == everything and len(keys) == len(everything) and 3 not in keys
