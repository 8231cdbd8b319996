"""The verdict store: claims/verdicts.json and how verdicts set the status of findings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factlint.models import POINTER_MARK, CheckResult, Finding
from factlint.review import (
    apply_verdicts,
    load_verdicts,
    record_verdict,
    remove_verdicts,
    stale_verdicts,
    unreviewed,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def findings() -> list[Finding]:
    result = CheckResult.model_validate_json((FIXTURES / "check_result.json").read_text(encoding="utf-8"))
    return list(result.findings)


def test_nothing_recorded_loads_as_empty(tmp_path):
    assert load_verdicts(tmp_path) == {}
    assert load_verdicts(tmp_path / "missing-folder") == {}


def test_record_then_load_round_trips(tmp_path):
    record_verdict(tmp_path, "b2", "source-error", note="the second source dropped a zero")
    record_verdict(tmp_path, "a1", "false-alarm")
    assert load_verdicts(tmp_path) == {
        "a1": {"status": "false-alarm", "note": None},
        "b2": {"status": "source-error", "note": "the second source dropped a zero"},
    }


def test_file_is_sorted_indented_json_with_trailing_newline(tmp_path):
    record_verdict(tmp_path, "zz", "accepted", note="naïve wording, kept")
    record_verdict(tmp_path, "aa", "false-alarm")
    text = (tmp_path / "verdicts.json").read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text.index('"aa"') < text.index('"zz"')
    assert text.index('"note"') < text.index('"status"')
    assert "naïve" in text
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_recording_again_replaces_the_verdict(tmp_path):
    record_verdict(tmp_path, "a1", "false-alarm", note="first look")
    record_verdict(tmp_path, "a1", "source-error")
    assert load_verdicts(tmp_path) == {"a1": {"status": "source-error", "note": None}}


def test_recording_new_withdraws_the_verdict(tmp_path):
    record_verdict(tmp_path, "a1", "accepted")
    record_verdict(tmp_path, "b2", "accepted")
    record_verdict(tmp_path, "a1", "new")
    assert set(load_verdicts(tmp_path)) == {"b2"}


@pytest.mark.parametrize("status", ["wrong", "New", "false alarm", ""])
def test_invalid_status_raises_and_writes_nothing(tmp_path, status):
    with pytest.raises(ValueError):
        record_verdict(tmp_path, "a1", status)
    assert list(tmp_path.iterdir()) == []


def test_empty_finding_id_raises(tmp_path):
    with pytest.raises(ValueError):
        record_verdict(tmp_path, "  ", "accepted")


def test_writes_leave_no_temporary_files(tmp_path):
    for n in range(5):
        record_verdict(tmp_path, f"id{n}", "accepted")
    remove_verdicts(tmp_path, ["id0"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verdicts.json"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    record_verdict(tmp_path, "a1", "accepted")
    before = (tmp_path / "verdicts.json").read_bytes()

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        record_verdict(tmp_path, "b2", "false-alarm")
    assert (tmp_path / "verdicts.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verdicts.json"]


@pytest.mark.parametrize("content", [
    "not json",
    '["a1"]',
    '{"a1": "accepted"}',
    '{"a1": {"note": "no status"}}',
    '{"a1": {"status": "maybe"}}',
    '{"a1": {"status": "accepted", "note": 3}}',
])
def test_a_broken_file_is_reported(tmp_path, content):
    (tmp_path / "verdicts.json").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        load_verdicts(tmp_path)


def test_apply_verdicts_sets_statuses_and_resets_the_rest_to_new(findings):
    # The fixture's self-contradiction (0c93fa6e1b28) arrives as false-alarm; with no verdict on
    # it, applying verdicts makes it new again: the verdict store is the only source of status.
    verdicts = {"5d1a8e30f6c4": {"status": "source-error", "note": None}}
    applied = {f.id: f.status for f in apply_verdicts(findings, verdicts)}
    assert applied == {"5d1a8e30f6c4": "source-error", "b7e2c41d9a05": "new", "0c93fa6e1b28": "new"}
    assert [f.status for f in findings] == ["new", "false-alarm", "new"]


def test_apply_verdicts_keeps_everything_but_the_status(findings):
    verdicts = {f.id: {"status": "accepted", "note": None} for f in findings}
    for before, after in zip(findings, apply_verdicts(findings, verdicts)):
        assert after.model_dump(exclude={"status"}) == before.model_dump(exclude={"status"})
        assert after.status == "accepted"


def test_apply_verdicts_rejects_an_unknown_status(findings):
    with pytest.raises(ValueError):
        apply_verdicts(findings, {findings[0].id: {"status": "maybe"}})


def test_unreviewed_excludes_reviewed_findings(findings):
    verdicts = {"b7e2c41d9a05": {"status": "accepted", "note": None}, "0c93fa6e1b28": {"status": "false-alarm", "note": None}}
    assert [f.id for f in unreviewed(apply_verdicts(findings, verdicts))] == ["5d1a8e30f6c4"]
    assert unreviewed(apply_verdicts(findings, {})) == apply_verdicts(findings, {})


def test_stale_verdicts_are_ids_no_finding_has(findings, tmp_path):
    record_verdict(tmp_path, "5d1a8e30f6c4", "source-error")
    record_verdict(tmp_path, "ffff00000002", "accepted")
    record_verdict(tmp_path, "ffff00000001", "false-alarm")
    verdicts = load_verdicts(tmp_path)
    stale = stale_verdicts(verdicts, findings)
    assert stale == ["ffff00000001", "ffff00000002"]
    assert set(remove_verdicts(tmp_path, stale)) == {"5d1a8e30f6c4"}
    assert stale_verdicts(load_verdicts(tmp_path), findings) == []


# ---------------------------------------------------------------- damaged verdicts.json (issue 11)

from typer.testing import CliRunner  # noqa: E402

from factlint.cli import app  # noqa: E402

GOOD = '{\n  "FL001-aaaaaaaaaaaa": {\n    "note": null,\n    "status": "accepted"\n  }\n}\n'
DAMAGED = {
    "truncated": (GOOD[:40].encode(), ["truncated", ":3:"]),
    "merge-conflict": (
        b'{\n<<<<<<< HEAD\n  "FL001-aaaaaaaaaaaa": {"note": null, "status": "accepted"}\n=======\n'
        b'  "FL001-bbbbbbbbbbbb": {"note": null, "status": "false-alarm"}\n>>>>>>> other\n}\n',
        ["merge conflict", ":2:", "<<<<<<<"],
    ),
    "unknown-status": (GOOD.replace("accepted", "wontfix").encode(), ["unknown status", "'wontfix'", ":2:"]),
    "latin-1": ('{"FL001-aaaaaaaaaaaa": {"note": "caf\u00e9", "status": "accepted"}}\n'.encode("latin-1"),
                ["not UTF-8", "0xe9", ":1:"]),
    "duplicate": (b'{"FL001-a": {"status": "accepted"},\n "FL001-a": {"status": "false-alarm"}}\n', ["two verdicts"]),
    "empty-key": (b'{\n  "": {"note": null, "status": "accepted"}\n}\n', ["empty finding id", ":2:"]),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
@pytest.mark.parametrize("command", [["review", "FL001-aaaa", "accepted"], ["review", "--list"], ["check", "docs"]])
def test_a_damaged_verdicts_file_is_explained_and_left_untouched(tmp_path, monkeypatch, name, command):
    content, words = DAMAGED[name]
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "verdicts.json").write_bytes(content)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("The weather was mild.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*command, "--quiet"], catch_exceptions=False)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "claims/verdicts.json" in message
    for word in words:
        assert word in message, (word, message)
    assert "Traceback" not in result.stderr + result.stdout
    assert (claims / "verdicts.json").read_bytes() == content
    assert sorted(p.name for p in claims.iterdir()) == ["verdicts.json"]


def test_a_verdicts_folder_is_explained(tmp_path, monkeypatch):
    (tmp_path / "claims" / "verdicts.json").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["review", "FL001-a", "accepted"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "claims/verdicts.json" in result.stderr and "is a folder" in result.stderr


def _record_many(folder: str, worker: int, count: int) -> None:
    for n in range(count):
        record_verdict(folder, f"FL001-{worker:02d}{n:04d}", "accepted", note=f"worker {worker}")


def test_concurrent_writers_never_lose_an_update(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_record_many, args=(str(tmp_path), w, 25)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    assert len(load_verdicts(tmp_path)) == 100


# ---------------------------------------------------------------- finding identity


from factlint.checks.base import claim_key, claim_window, fingerprint, identities, make_finding  # noqa: E402
from factlint.report.evidence import finding_claims  # noqa: E402
from factlint.models import Claim  # noqa: E402
from factlint.review import gate_locations, resolve_ids, settle, UnknownFinding  # noqa: E402


def claim(doc: str, text: str, sentence: str, start: int = 0) -> Claim:
    return Claim(id=f"{doc}:{start}", doc=doc, start=start, end=start + len(text), line=1, text=text,
                 sentence=sentence, kind="event", metric="start-operation")


SENTENCE = "In a statement on Monday, the ministry said the bridge, which began operations in 2016, links both banks."


def test_the_window_is_the_span_with_three_words_each_side():
    c = claim("a", "2016", SENTENCE)
    assert claim_window(c) == "began operations in [2016], links both banks."
    edited = claim("a", "2016", SENTENCE.replace("on Monday", "on Tuesday").replace("both banks", "the banks"))
    assert claim_key(edited) != claim_key(c)  # "the banks" is inside the window
    far = claim("a", "2016", SENTENCE.replace("on Monday", "on Tuesday"), start=99)
    assert claim_key(far) == claim_key(c)  # outside the window, and the offset never counts
    assert claim_key(claim("b", "2016", SENTENCE)) != claim_key(c)  # the document does


def test_a_pair_is_one_identity_whichever_claim_is_taken_as_wrong():
    a, b = claim("a", "2016", SENTENCE), claim("b", "2018", "The bridge has been operating since 2018.")
    assert fingerprint("FL002", [a, b]) == fingerprint("FL002", [b, a])
    assert fingerprint("FL002", [a, b]) != fingerprint("FL001", [a, b])


def test_settle_splits_a_reviewed_finding_that_gained_a_disagreeing_claim():
    wrong = claim("w", "2018", "The bridge has been operating since 2018.")
    old = claim("a", "2016", SENTENCE)
    newcomer = claim("n", "2016", "The bridge opened in 2016.")
    before = make_finding("FL002", "date-conflict", [wrong, old], "m")
    verdicts = {before.id: {"status": "source-error", "note": "2016 is right"}}
    after = make_finding("FL002", "date-conflict", [wrong, newcomer, old], "m")
    assert after.pairs == identities("FL002", [wrong, newcomer, old])
    settled = settle([after], verdicts)
    assert [(f.id, f.status, f.claims) for f in settled] == [
        (after.pairs[0], "new", [wrong.id, newcomer.id]),
        (before.id, "source-error", [wrong.id, old.id]),
    ]
    claims = {c.id: c for c in (wrong, old, newcomer)}
    # the wrong claim is already reviewed: the new finding points at the newcomer
    assert gate_locations(settled, claims) == {after.pairs[0]: [newcomer.id]}


def test_claims_past_the_pairs_point_at_names_and_survive_a_split_but_are_no_evidence():
    wrong = claim("w", "$90 million", "A $90 million loan from Tavish Savings.")
    one, two = claim("a", "$90 million", "A $90 million loan from Corrimore Bank."), claim("b", "$90 million", "Corrimore lends $90 million.")

    def pointer(of: Claim, start: int) -> Claim:
        return of.model_copy(update={"id": f"{of.id}{POINTER_MARK}{start}", "start": start, "metric": "party-named"})

    names = [pointer(wrong, 25), pointer(one, 25), pointer(two, 0)]
    finding = make_finding("FL003", "entity-conflict", [wrong, one, two], "m")
    finding = finding.model_copy(update={"claims": [*finding.claims, *(n.id for n in names)]})
    verdicts = {finding.pairs[1]: {"status": "false-alarm", "note": None}}
    settled = settle([finding], verdicts)
    # each part keeps the names of its own claims, not those of the claims that went to the other
    assert [f.claims for f in settled] == [[wrong.id, one.id, names[0].id, names[1].id],
                                           [wrong.id, two.id, names[0].id, names[2].id]]
    claims = {c.id: c for c in (wrong, one, two, *names)}
    assert finding_claims(finding, claims) == [wrong, one, two]
    assert finding.stated() == [wrong.id, one.id, two.id]


def test_a_first_identity_ignores_the_evidence_and_all_takes_the_claims_together():
    a, b, c = claim("a", "x", "x y"), claim("b", "y", "x y"), claim("c", "z", "z")
    assert make_finding("FL007", "entity-conflict", [a, b], "m", identity="first").id == \
        make_finding("FL007", "entity-conflict", [a, c], "m", identity="first").id
    whole = make_finding("FL006", "arithmetic", [a, b, c], "m", identity="all")
    assert whole.pairs == [] and whole.id == fingerprint("FL006", [a, b, c])


def test_ids_resolve_by_unique_case_insensitive_prefix():
    findings = [make_finding("FL001", "value-conflict", [claim("a", t, t)], "m") for t in ("one", "two", "three")]
    ids = sorted(f.id for f in findings)
    (found,), _ = resolve_ids([ids[0].lower()], findings)
    assert found.id == ids[0]
    with pytest.raises(UnknownFinding, match="give more of it"):
        resolve_ids(["fl001-"], findings)
    with pytest.raises(UnknownFinding, match="no finding"):
        resolve_ids(["FL999"], findings)
    assert resolve_ids(["FL002-abc"], findings, {"FL002-abcdef012345": {}}, forgetting=True) == ([], ["FL002-abcdef012345"])
