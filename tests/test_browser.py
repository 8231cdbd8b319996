"""The review page in a real headless Chromium (Debian's chromium + chromium-driver, via selenium).

`factlint review --serve`'s server runs on a thread over a small corpus; the browser records a
verdict by clicking, and claims/verdicts.json must then be byte for byte what `factlint review`
writes. An article containing ``<script>`` (and an ``onerror`` image) must run nothing, on the
served page and on the static ``--format html`` file. Screenshots go to the test's tmp dir.

Without a browser installed the test is skipped, except in CI (``CI=true``), where .ci/run installs
one and a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factlint.cli import app
from factlint.review_server import serve_in_background

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
CHROMEDRIVER = shutil.which("chromedriver")
# the flags this machine's Chromium needs (no sandbox as root, no network beyond loopback)
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1600",
)

INJECTED = '<script>window.factlintInjected = "script ran"; document.title = "pwned";</script>'
ARTICLES = {
    "harbour-news.txt": "2024-02-01\n\nIn 2023 the tunnel carried 4.9 million passengers.\n",
    "city-paper.txt": (
        "2024-02-03\n\n"
        f"The tunnel carried 6.4m passengers in 2023. {INJECTED}\n"
        '<img src="x" onerror="window.factlintInjected = \'onerror ran\'"> Ticket sales rose.\n'
    ),
}


def require_browser():
    try:
        import selenium  # noqa: F401
    except ImportError:
        selenium = None
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER), ("selenium", selenium)) if not found]
    if missing:
        reason = f"no browser for the review-page test: {', '.join(missing)} not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " — CI must have one (.ci/run installs it)")
        pytest.skip(reason)


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "docs", "-q", "--claims-dir", "claims"], catch_exceptions=False)
    assert result.exit_code == 1, result.output  # one unreviewed finding
    return tmp_path


@pytest.fixture()
def browser(tmp_path):
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def finding_id(project: Path) -> str:
    result = CliRunner().invoke(app, ["check", "docs", "-q", "--format", "json"], catch_exceptions=False)
    (finding,) = json.loads(result.stdout)["findings"]
    return finding["id"]


def test_served_page_records_a_verdict_by_click_and_runs_no_article_script(project, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    fid = finding_id(project)
    # what `factlint review` writes, from a copy of the same claims folder
    shutil.copytree(project / "claims", project / "claims-by-cli")
    note = "the second paper rounded <up> & wrong"
    by_cli = CliRunner().invoke(app, ["review", fid, "source-error", "--note", note, "--claims-dir", "claims-by-cli"])
    assert by_cli.exit_code == 0, by_cli.output

    server = serve_in_background(project / "claims", base=project)
    try:
        browser.get(server.url)
        assert browser.title == "factlint review"
        article = browser.find_element(By.ID, f"finding-{fid}")
        assert "docs/city-paper.txt:3" in article.text and "docs/harbour-news.txt:3" in article.text
        assert "6.4 million passenger (2023)" in article.text and "4.9 million passenger (2023)" in article.text
        marks = [m.text for m in article.find_elements(By.TAG_NAME, "mark")]
        assert sorted(marks) == ["4.9 million passengers", "6.4m passengers"]
        # the article's markup is shown as text, and none of it ran
        assert INJECTED in browser.find_element(By.TAG_NAME, "body").text
        assert '<img src="x" onerror=' in article.text
        assert browser.execute_script("return typeof window.factlintInjected") == "undefined"
        assert browser.find_elements(By.CSS_SELECTOR, "main img, main script") == []
        assert browser.find_element(By.ID, f"status-{fid}").text == "new"

        article.find_element(By.NAME, "note").send_keys(note)
        article.find_element(By.CSS_SELECTOR, 'button[data-status="source-error"]').click()
        WebDriverWait(browser, 30).until(
            expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, f"#finding-{fid} .saved"), "saved as source-error")
        )
        assert browser.find_element(By.ID, f"status-{fid}").text == "source-error"
        browser.save_screenshot(str(tmp_path / "review-page.png"))

        verdicts = project / "claims" / "verdicts.json"
        assert json.loads(verdicts.read_text(encoding="utf-8")) == {fid: {"note": note, "status": "source-error"}}
        assert verdicts.read_bytes() == (project / "claims-by-cli" / "verdicts.json").read_bytes()
        assert (project / "claims" / "CONTRADICTIONS.md").read_bytes() == (project / "claims-by-cli" / "CONTRADICTIONS.md").read_bytes()

        # reloaded, the page lists the finding under its new status
        browser.get(server.url)
        section = browser.find_element(By.ID, "status-source-error")
        assert section.find_element(By.ID, f"finding-{fid}")
        assert browser.execute_script("return typeof window.factlintInjected") == "undefined"
    finally:
        server.shutdown()
        server.server_close()
    assert (tmp_path / "review-page.png").stat().st_size > 10_000


def test_static_html_report_runs_no_script_and_has_no_buttons(project, browser, tmp_path):
    from selenium.webdriver.common.by import By

    result = CliRunner().invoke(app, ["check", "docs", "-q", "--format", "html", "-o", "review.html"], catch_exceptions=False)
    assert result.exit_code == 1
    page = project / "review.html"
    browser.get(page.as_uri())
    assert browser.title == "factlint review"
    assert INJECTED in browser.find_element(By.TAG_NAME, "body").text
    assert browser.execute_script("return typeof window.factlintInjected") == "undefined"
    assert browser.find_elements(By.TAG_NAME, "button") == []
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.finding")) == 1
    browser.save_screenshot(str(tmp_path / "static-page.png"))


# ---------------------------------------------------------------- the server without a browser


def _request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def test_server_listens_on_loopback_and_wants_its_token(project):
    server = serve_in_background(project / "claims", base=project)
    try:
        host, port = server.server_address
        assert host == "127.0.0.1"
        base = f"http://127.0.0.1:{port}/"
        assert _request(base)[0] == 403
        assert _request(base + "?token=wrong")[0] == 403
        status, headers, body = _request(server.url)
        assert status == 200
        assert "script-src 'nonce-" in headers["Content-Security-Policy"]
        assert "&lt;script&gt;window.factlintInjected" in body and INJECTED not in body
        fid = finding_id(project)
        post = server.url.replace("/?", "/verdict?")
        payload = json.dumps({"finding": fid, "status": "false-alarm", "note": None}).encode()
        assert _request(base + "verdict?token=wrong", data=payload, headers={"Content-Type": "application/json"})[0] == 403
        # a page elsewhere that learnt the token still cannot post: the Host must be the loopback one
        assert _request(post, data=payload, headers={"Content-Type": "application/json", "Host": "evil.example"})[0] == 403
        assert _request(post, data=b'{"finding": "FL001-000000000000", "status": "accepted"}', headers={"Content-Type": "application/json"})[0] == 400
        assert _request(post, data=b'{"finding": "x", "status": "maybe"}', headers={"Content-Type": "application/json"})[0] == 400
        status, _, body = _request(post, data=payload, headers={"Content-Type": "application/json"})
        assert status == 200 and json.loads(body)["status"] == "false-alarm"
        assert json.loads((project / "claims" / "verdicts.json").read_text())[fid] == {"note": None, "status": "false-alarm"}
    finally:
        server.shutdown()
        server.server_close()


def test_review_serve_and_id_are_exclusive(project):
    assert CliRunner().invoke(app, ["review", "--serve", "FL001-000000000000"]).exit_code == 2
    assert CliRunner().invoke(app, ["review"]).exit_code == 2


# ---------------------------------------------------------------- the page's HTML


FIXTURES = Path(__file__).parent / "fixtures"


def fixture_result():
    from factlint.models import CheckResult

    result = CheckResult.model_validate_json((FIXTURES / "check_result.json").read_text(encoding="utf-8"))
    texts = json.loads((FIXTURES / "check_result_texts.json").read_text(encoding="utf-8"))
    return result, texts


def test_static_page_is_self_contained_and_groups_by_status_and_rule():
    from factlint.report.evidence import location
    from factlint.report.html import render_html

    result, texts = fixture_result()
    page = render_html(result, texts, {})
    assert "<script" not in page and "script-src 'none'" in page
    assert "<button" not in page and 'src="http' not in page and "<link" not in page
    claims = {c.id: c for c in result.claims}
    for finding in result.findings:
        assert f'id="finding-{finding.id}"' in page
        for claim_id in finding.claims:
            claim = claims[claim_id]
            assert location(claim, result.documents) in page
    for status in ("new", "source-error", "false-alarm", "accepted"):
        assert f'id="status-{status}"' in page
    assert page.index('id="status-new"') < page.index('id="status-accepted"')
    # the claim is marked inside its paragraph, not just its sentence
    assert "<mark>$4.2 million</mark>" in page


def test_timeline_and_explanations_render_whatever_the_records_carry():
    from types import SimpleNamespace

    from factlint.report.html import _extra, timeline_html

    result, _ = fixture_result()
    claims = {c.id: c for c in result.claims}
    documents = {d.id: d for d in result.documents}
    ids = list(claims)[:2]
    cluster = SimpleNamespace(metric="toll <dead>", claims=ids, timeline=[ids[0], {"claim": ids[1], "as_of": "2024-03-05"}, {"note": "<i>x</i>"}])
    html_text = timeline_html(cluster, claims, documents)
    assert "Timeline of toll &lt;dead&gt;" in html_text
    assert "2024-03-02" in html_text and "2024-03-05" in html_text and "&lt;i&gt;x&lt;/i&gt;" in html_text
    assert timeline_html(SimpleNamespace(metric="m", claims=ids), claims, documents) == ""

    class WithEvidence:
        def model_dump(self):
            return {"evidence": {"metric": 0.9}, "sameness": None}

    assert _extra(WithEvidence(), ("evidence", "sameness")) == {"evidence": {"metric": 0.9}}


def test_static_page_escapes_article_markup(project):
    result = CliRunner().invoke(app, ["check", "docs", "-q", "--format", "html"], catch_exceptions=False)
    page = result.stdout
    assert "&lt;script&gt;window.factlintInjected" in page
    assert "<script" not in page and "<img" not in page


def test_page_shows_the_clusterings_account_frames_and_timeline_points():
    from factlint.models import Cluster, Frame, TimelinePoint
    from factlint.report.html import render_html

    result, texts = fixture_result()
    first = result.findings[0]
    claims = [c.model_copy(update={"frame": Frame(measure=["cost"], as_of="2024-03-02", running=True)}) if c.id in first.claims else c
              for c in result.claims]
    finding = first.model_copy(update={"sameness": ["same measure: cost", "same subject <tram>"]})
    cluster = Cluster(id="c1", claims=first.claims[:2], metric="cost", key="k",
                      timeline=[TimelinePoint(claim=first.claims[0], as_of="2024-03-02", value="$42 million")])
    result = result.model_copy(update={"claims": claims, "findings": [finding, *result.findings[1:]], "clusters": [cluster]})
    page = render_html(result, texts)
    assert '<details class="why" open>' in page
    assert "<li>same measure: cost</li>" in page and "same subject &lt;tram&gt;" in page
    assert "<th>as of</th>" in page and "<td>2024-03-02</td>" in page and "<td>yes</td>" in page
    assert "Timeline of cost" in page and "(“$42 million”)" in page
