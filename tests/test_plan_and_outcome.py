"""A dated plan and its outcome (FL002's trap "forecast-vs-actual"): on one date they are one fact,
on two dates a plan that slipped, never a contradiction."""

from __future__ import annotations

from factlint.api import check

PLAN = "April 20, 2027\nOrsk footbridge work\n\nThe new Orsk footbridge is expected to open on {date}, officials said.\n"
OUTCOME = "May 10, 2027\nOrsk footbridge opens\n\nThe new Orsk footbridge opened on 9 May, officials said.\n"


def _check(tmp_path, planned: str):
    (tmp_path / "plan.txt").write_text(PLAN.format(date=planned), encoding="utf-8")
    (tmp_path / "outcome.txt").write_text(OUTCOME, encoding="utf-8")
    return check(tmp_path)


def test_a_plan_kept_is_clustered_with_its_outcome(tmp_path):
    result = _check(tmp_path, "9 May")
    events = {c.id for c in result.claims if c.kind == "event"}
    assert len(events) == 2
    assert any(events <= set(cluster.claims) for cluster in result.clusters)
    assert result.findings == []


def test_a_plan_that_slipped_is_no_date_conflict(tmp_path):
    result = _check(tmp_path, "3 May")
    assert {c.modality for c in result.claims if c.kind == "event"} == {"forecast", "actual"}
    assert result.findings == []
