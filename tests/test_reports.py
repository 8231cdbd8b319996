"""Report renderers, checked against the hand-written CheckResult in tests/fixtures/.

Expected values below come from reading the fixture: its three findings, in reading order (first
claim's document id, line, then finding id), are the scale slip in city-review (line 5), the date
conflict in harbour-daily (line 4) and the self-contradiction in transit-notes (line 2); the
self-contradiction is marked false-alarm, the other two are new.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from rich.console import Console

from factlint.models import CheckResult, Claim, DateRef, Finding, Quantity
from factlint.report.csv_report import render_csv
from factlint.report.evidence import format_number, location, quote, value_text
from factlint.report.findings_table import render_table
from factlint.report.github import escape_data, escape_property, render_github
from factlint.report.json_report import render_json
from factlint.report.markdown import render_markdown
from factlint.report.sarif import render_sarif

FIXTURES = Path(__file__).parent / "fixtures"

SCALE_SLIP = "5d1a8e30f6c4"
DATE_CONFLICT = "b7e2c41d9a05"
SELF_CONTRADICTION = "0c93fa6e1b28"
READING_ORDER = [SCALE_SLIP, DATE_CONFLICT, SELF_CONTRADICTION]


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return CheckResult.model_validate_json((FIXTURES / "check_result.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return json.loads((FIXTURES / "check_result_texts.json").read_text(encoding="utf-8"))


def with_findings(result: CheckResult, findings: list[Finding]) -> CheckResult:
    return result.model_copy(update={"findings": findings})


def replace_finding(result: CheckResult, finding_id: str, **changes) -> CheckResult:
    findings = [f.model_copy(update=changes) if f.id == finding_id else f for f in result.findings]
    return with_findings(result, findings)


def markdown_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| `")]


def split_cells(row: str) -> list[str]:
    """Split a Markdown table row on pipes that are not backslash-escaped."""
    cells, current, escaped = [], "", False
    for ch in row.strip()[1:-1]:
        if ch == "|" and not escaped:
            cells.append(current.strip())
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    cells.append(current.strip())
    return cells


# ---------------------------------------------------------------- JSON


def test_json_follows_the_contract(result):
    data = json.loads(render_json(result))
    assert set(data) == {"version", "documents", "claims", "clusters", "findings", "errors"}
    assert data["version"] == 1
    assert {"id", "path", "date", "sha256"} <= set(data["documents"][0])
    assert {"id", "doc", "start", "end", "line", "text", "sentence"} <= set(data["claims"][0])
    assert {"id", "claims"} <= set(data["clusters"][0])
    assert set(data["findings"][0]) == {"id", "rule", "kind", "severity", "message", "claims", "status", "sameness", "pairs"}
    assert [f["status"] for f in data["findings"]].count("false-alarm") == 1
    assert [{k: e[k] for k in ("path", "reason", "stage")} for e in data["errors"]] == [
        {"path": "seeds/empty.txt", "reason": "empty file", "stage": "read"}
    ]


def test_json_round_trips_to_the_same_result(result):
    assert CheckResult.model_validate_json(render_json(result)) == result


def test_json_is_byte_identical_sorted_indented_and_ends_with_newline(result):
    first, second = render_json(result), render_json(result)
    assert first == second
    assert first.endswith("}\n")
    assert first == json.dumps(json.loads(first), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert '\n  "claims": [' in first


def test_json_keeps_non_ascii_text(result):
    documents = [d.model_copy(update={"path": "seeds/café-report.txt"}) for d in result.documents]
    assert "seeds/café-report.txt" in render_json(result.model_copy(update={"documents": documents}))


# ---------------------------------------------------------------- Markdown


def test_markdown_has_one_row_per_finding_in_reading_order(result):
    rows = markdown_rows(render_markdown(result))
    assert [split_cells(row)[0].strip("`") for row in rows] == READING_ORDER


def test_markdown_order_does_not_depend_on_input_order(result):
    shuffled = list(result.findings)
    random.Random(7).shuffle(shuffled)
    reversed_ = list(reversed(result.findings))
    assert render_markdown(with_findings(result, shuffled)) == render_markdown(with_findings(result, reversed_))


def test_markdown_rows_show_rule_kind_status_locations_values(result):
    rows = {split_cells(row)[0].strip("`"): split_cells(row) for row in markdown_rows(render_markdown(result))}
    ident, rule, kind, status, first, second, values, message, note = rows[SCALE_SLIP]
    assert (rule, kind, status) == ("FL102", "scale-slip", "new")
    assert first.startswith("city-review:5 “The extension cost")
    assert second.startswith("harbour-daily:3 “The Northgate tram extension")
    assert values == "4.2 million USD vs 42 million USD"
    assert rows[SELF_CONTRADICTION][3] == "false-alarm"
    assert rows[DATE_CONFLICT][6] == "2021-06 vs 2020"


def test_markdown_escapes_pipes_so_each_row_keeps_its_columns(result):
    text = render_markdown(result)
    assert "capital \\| operating" in text
    header = next(line for line in text.splitlines() if line.startswith("| ID"))
    for row in markdown_rows(text):
        assert len(split_cells(row)) == len(split_cells(header)) == 9


def test_markdown_keeps_a_multi_line_message_on_its_row(result):
    changed = replace_finding(result, DATE_CONFLICT, message="first | part\nsecond part")
    rows = markdown_rows(render_markdown(changed))
    assert len(rows) == 3
    assert "first \\| part<br>second part" in rows[1]


def test_markdown_explains_how_to_review_and_has_no_timestamp(result):
    text = render_markdown(result)
    assert text.startswith("# Contradictions\n")
    assert "`factlint review ID... STATUS`" in text
    for status in ("source-error", "false-alarm", "accepted", "new"):
        assert f"`{status}`" in text
    assert render_markdown(result) == text


def test_markdown_shows_reviewer_notes_when_given(result):
    verdicts = {SELF_CONTRADICTION: {"status": "false-alarm", "note": "line 2 counts paying riders only"}}
    rows = {split_cells(r)[0].strip("`"): split_cells(r) for r in markdown_rows(render_markdown(result, verdicts))}
    assert rows[SELF_CONTRADICTION][8] == "line 2 counts paying riders only"
    assert rows[SCALE_SLIP][8] == ""


def test_markdown_without_findings_says_so(result):
    text = render_markdown(with_findings(result, []))
    assert "No contradictions found." in text
    assert markdown_rows(text) == []


# ---------------------------------------------------------------- CSV


def test_csv_parses_with_a_header_and_one_row_per_finding(result):
    rows = list(csv.DictReader(io.StringIO(render_csv(result))))
    assert [row["id"] for row in rows] == READING_ORDER
    first = rows[0]
    assert (first["rule"], first["kind"], first["severity"], first["status"]) == ("FL102", "scale-slip", "error", "new")
    assert first["message"].startswith("Cost is $4.2 million in city-review, a tenth")
    assert (first["claim1_doc"], first["claim1_line"], first["claim1_text"], first["claim1_value"]) == (
        "city-review", "5", "$4.2 million", "4.2 million USD")
    assert (first["claim2_doc"], first["claim2_line"], first["claim2_value"]) == ("harbour-daily", "3", "42 million USD")


def test_csv_leaves_second_claim_empty_for_a_one_claim_finding(result):
    changed = replace_finding(result, DATE_CONFLICT, claims=["harbour-daily:117"])
    row = next(r for r in csv.DictReader(io.StringIO(render_csv(changed))) if r["id"] == DATE_CONFLICT)
    assert row["claim1_value"] == "2021-06"
    assert row["claim2_doc"] == row["claim2_value"] == ""


# ---------------------------------------------------------------- SARIF


def test_sarif_has_one_open_result_per_new_finding_with_rule_location_fingerprint(result, texts):
    log = json.loads(render_sarif(result, texts))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "factlint"
    # the reviewed self-contradiction is there too, suppressed by its verdict
    (suppressed,) = [r for r in run["results"] if "suppressions" in r]
    assert suppressed["partialFingerprints"] == {"factlintFindingId/v1": SELF_CONTRADICTION}
    assert suppressed["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "false-alarm"}]
    results = [r for r in run["results"] if "suppressions" not in r]
    assert [r["partialFingerprints"] for r in results] == [
        {"factlintFindingId/v1": SCALE_SLIP}, {"factlintFindingId/v1": DATE_CONFLICT}]
    assert [r["ruleId"] for r in results] == ["FL102", "FL201"]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    assert [r["level"] for r in results] == ["error", "warning"]
    for r in results:
        assert r["message"]["text"]
        assert len(r["locations"]) == 1


def test_sarif_points_at_the_wrong_claim_with_its_column(result, texts):
    scale_slip = json.loads(render_sarif(result, texts))["runs"][0]["results"][0]
    location = scale_slip["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "seeds/city-review.md"
    # Line 5 reads "The extension cost $4.2 million ...": 19 characters before the claim.
    assert location["region"] == {"startLine": 5, "startColumn": 20, "endColumn": 32}
    related = scale_slip["relatedLocations"]
    assert len(related) == 1
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/harbour-daily.txt"
    # "The Northgate tram extension cost " is 34 characters.
    assert related[0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 35, "endColumn": 46}


def test_sarif_gives_only_the_line_without_the_text_or_when_the_text_disagrees(result, texts):
    region = json.loads(render_sarif(result))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5}
    edited = {**texts, "city-review": "A line added on top.\n" + texts["city-review"]}
    region = json.loads(render_sarif(result, edited))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5}


def test_sarif_column_does_not_count_a_byte_order_mark(result):
    text = "\ufeffRidership reached 900,000 passengers in 2023.\n"
    start = text.index("900,000")
    claim = next(c for c in result.claims if c.id == "transit-notes:108").model_copy(
        update={"start": start, "end": start + 18, "line": 1})
    claims = [claim if c.id == claim.id else c for c in result.claims]
    changed = replace_finding(result.model_copy(update={"claims": claims}), SELF_CONTRADICTION, status="new")
    log = json.loads(render_sarif(changed, {"transit-notes": text}))
    region = log["runs"][0]["results"][-1]["locations"][0]["physicalLocation"]["region"]
    # "Ridership reached " is 18 characters; the claim starts in column 19.
    assert region == {"startLine": 1, "startColumn": 19, "endColumn": 37}


def test_sarif_encodes_unusual_paths_as_uris(result):
    documents = [d.model_copy(update={"path": "seeds/new report #2.txt"}) if d.id == "city-review" else d
                 for d in result.documents]
    log = json.loads(render_sarif(result.model_copy(update={"documents": documents})))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "seeds/new%20report%20%232.txt"


def test_sarif_with_everything_reviewed_has_only_suppressed_results(result):
    reviewed = [f.model_copy(update={"status": "accepted"}) for f in result.findings]
    log = json.loads(render_sarif(with_findings(result, reviewed)))
    results = log["runs"][0]["results"]
    assert len(results) == 3 and all(r["suppressions"][0]["status"] == "accepted" for r in results)


def test_sarif_reports_unreadable_files_as_tool_notifications(result):
    (invocation,) = json.loads(render_sarif(result))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert "seeds/empty.txt" in notification["message"]["text"] and "empty file" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/empty.txt"


# ---------------------------------------------------------------- GitHub annotations


def finding_annotations(output: str) -> list[str]:
    return [line for line in output.splitlines() if "title=factlint%3A unreadable article" not in line]


def test_github_annotates_each_unreviewed_finding_at_its_first_claim(result, texts):
    lines = finding_annotations(render_github(result, texts))
    assert len(lines) == 2
    assert lines[0].startswith("::error file=seeds/city-review.md,line=5,col=20,title=FL102 scale-slip::Cost is $4.2")
    # a warning-severity finding is a ::warning, an error-severity one an ::error
    assert lines[1].startswith("::warning file=seeds/harbour-daily.txt,line=4,col=23,title=FL201 date-conflict::")
    assert SELF_CONTRADICTION not in render_github(result, texts)


def test_github_escapes_message_and_properties(result):
    changed = replace_finding(result, SCALE_SLIP, message="Cost differs, 100% sure\r\nsee: both", rule="FL,1:2")
    documents = [d.model_copy(update={"path": "seeds/a,b:c.txt"}) if d.id == "city-review" else d
                 for d in changed.documents]
    output = render_github(changed.model_copy(update={"documents": documents}))
    lines = finding_annotations(output)
    assert len(lines) == 2
    first = lines[0]
    assert first.startswith("::error file=seeds/a%2Cb%3Ac.txt,line=5,title=FL%2C1%3A2 scale-slip::")
    assert "::Cost differs, 100%25 sure%0D%0Asee: both%0A" in first


def test_github_escape_functions():
    assert escape_data("a%b\r\nc, d: e") == "a%25b%0D%0Ac, d: e"
    assert escape_property("a%b\r\nc, d: e") == "a%25b%0D%0Ac%2C d%3A e"


def test_github_without_unreviewed_findings_is_empty(result):
    assert render_github(with_findings(result, []).model_copy(update={"errors": []})) == ""


def test_github_annotates_an_unreadable_file(result):
    (line,) = [line for line in render_github(result).splitlines() if "unreadable" in line]
    assert line == "::error file=seeds/empty.txt,title=factlint%3A unreadable article::Not checked: empty file"


# ---------------------------------------------------------------- terminal table


def table_output(result: CheckResult) -> str:
    buffer = io.StringIO()
    render_table(result, Console(file=buffer, width=200, color_system=None))
    return buffer.getvalue()


def test_table_shows_each_finding_with_evidence_values_and_summary(result):
    output = table_output(result)
    for finding_id in READING_ORDER:
        assert finding_id in output
    assert "seeds/city-review.md:5" in output and "seeds/harbour-daily.txt:3" in output
    assert "4.2 million USD" in output and "false-alarm" in output
    assert "3 documents, 7 claims, 3 findings (2 unreviewed), 1 file not checked" in output


def test_table_prints_quotes_literally_even_with_brackets(result):
    claims = [c.model_copy(update={"sentence": "The extension cost $4.2 million [bold]per[/bold] the review."})
              if c.id == "city-review:56" else c for c in result.claims]
    output = table_output(result.model_copy(update={"claims": claims}))
    assert "[bold]per[/bold]" in output


def test_table_without_findings_says_no_contradictions(result):
    output = table_output(with_findings(result, []))
    assert "no contradictions found" in output
    assert "0 findings (0 unreviewed)" in output


# ---------------------------------------------------------------- evidence helpers


@pytest.mark.parametrize(("number", "expected"), [
    (6.4e9, "6.4 billion"),
    (146.87e9, "146.87 billion"),
    (1.5e12, "1.5 trillion"),
    (2_500_000, "2.5 million"),
    (38_000, "38,000"),
    (16.5, "16.5"),
    (200.0, "200"),
    (-3e6, "-3 million"),
    (999_999.5, "1,000,000"),
])
def test_format_number(number, expected):
    assert format_number(number) == expected


def quantity_claim(quantity: Quantity, period: DateRef | None = None) -> Claim:
    return Claim(id="d:0", doc="d", start=0, end=len(quantity.text), line=1, text=quantity.text,
                 sentence=quantity.text, kind="quantity", metric="m", quantity=quantity, period=period)


@pytest.mark.parametrize(("quantity", "expected"), [
    (Quantity(text="6.4 bcm", start=0, end=7, value=6.4e9, low=6.4e9, high=6.4e9, unit="cubic metre", dimension="volume"),
     "6.4 billion cubic metre"),
    (Quantity(text="over $200 billion", start=0, end=17, value=200e9, low=200e9, unit="dollar", dimension="currency",
              qualifier="over", currency="USD"), "over 200 billion USD"),
    (Quantity(text="16 to 17 tons", start=0, end=13, value=16.5, low=16, high=17, unit="ton", dimension="mass"),
     "16 to 17 ton"),
    (Quantity(text="about 40%", start=0, end=9, value=40, low=38, high=42, unit="percentage", dimension="percentage",
              qualifier="about"), "about 40%"),
    (Quantity(text="rose 3%", start=0, end=7, value=3, low=3, high=3, unit="percentage", dimension="percentage",
              change="up"), "up 3%"),
    (Quantity(text="12 warships", start=0, end=11, value=12, low=12, high=12, unit="warship", dimension="count"),
     "12 warship"),
])
def test_value_text_of_quantities(quantity, expected):
    assert value_text(quantity_claim(quantity)) == expected


def test_value_text_of_dates_and_periods():
    period = DateRef(text="in 2023", start=0, end=7, value="2023")
    claim = quantity_claim(Quantity(text="5 km", start=0, end=4, value=5000, low=5000, high=5000, unit="metre",
                                    dimension="length"), period=period)
    assert value_text(claim) == "5,000 metre (2023)"
    by_date = Claim(id="d:1", doc="d", start=0, end=7, line=1, text="by 2030", sentence="Done by 2030.", kind="event",
                    metric="complete", date=DateRef(text="by 2030", start=0, end=7, value="2030", kind="by"))
    assert value_text(by_date) == "by 2030"
    unresolved = by_date.model_copy(update={"date": DateRef(text="last  year", start=0, end=9, value=None, kind="relative")})
    assert value_text(unresolved) == "last year"


def test_location_uses_the_document_path(result):
    claim = next(c for c in result.claims if c.id == "city-review:148")
    assert location(claim, result.documents) == "seeds/city-review.md:6"
    assert location(claim, {d.id: d for d in result.documents}) == "seeds/city-review.md:6"
    assert location(claim, []) == "city-review:6"


def test_quote_cuts_a_long_sentence_around_the_claim():
    sentence = "Words before the figure. " * 20 + "It reached 7 million tons. " + "Words after the figure. " * 20
    start = sentence.index("7 million tons")
    claim = Claim(id="d:0", doc="d", start=start, end=start + 14, line=1, text="7 million tons",
                  sentence=sentence, kind="quantity", metric="m")
    text = quote(claim, width=80)
    assert "7 million tons" in text
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= 82
    assert quote(claim, width=10_000) == sentence.strip()
