"""`factlint review --serve`: the review page on 127.0.0.1, with buttons that record verdicts.

The server listens on the loopback address only and answers only requests that carry its random
token (in the URL it prints) and name it as the host, so neither another user's browser tab nor a
page elsewhere can read findings or record a verdict. A verdict goes through
:func:`factlint.review.record_verdict`, the function `factlint review ID STATUS` uses, so
``claims/verdicts.json`` is written atomically and byte for byte as the command writes it; the
review table ``CONTRADICTIONS.md`` is refreshed the same way too.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from factlint.config import Config
from factlint.models import CheckResult

HOST = "127.0.0.1"
MAX_BODY = 64 * 1024


def article_texts(result: CheckResult, base: Path | None = None) -> dict[str, str]:
    """Each document's text read again from its path, when its bytes are still the ones checked."""
    from factlint.corpus.reader import decode_article

    base = base or Path.cwd()
    texts = {}
    for document in result.documents:
        path = Path(document.path)
        path = path if path.is_absolute() else base / path
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(raw).hexdigest() == document.sha256:
            try:
                texts[document.id] = decode_article(raw)
            except ValueError:
                continue
    return texts


def record_review(claims_dir: Path, finding_id: str, status: str, note: str | None, config: Config | None = None) -> str:
    """Record a verdict as `factlint review` does; ValueError when the finding or status is unknown."""
    from factlint.report.markdown import render_markdown
    from factlint.review import load_verdicts, update_verdicts, validate_status, verdict_changes
    from factlint.runner import CONTRADICTIONS_FILE, check_stored
    from factlint.store import write_atomic

    validate_status(status)
    result = check_stored(claims_dir, config)
    chosen = [f for f in (result.findings if result is not None else []) if f.id == finding_id]
    if not chosen and status != "new":
        raise ValueError(f"no finding {finding_id!r} among the stored claims in {claims_dir}")
    # a verdict is kept per identity (each disagreeing pair), as `factlint review` keeps it
    claims = {c.id: c for c in result.claims} if result is not None else {}
    update_verdicts(claims_dir, verdict_changes(chosen, status, note, claims) if chosen else {finding_id: (status, note)})
    result = check_stored(claims_dir, config)
    if result is not None and (claims_dir / CONTRADICTIONS_FILE).exists():
        write_atomic(claims_dir / CONTRADICTIONS_FILE, render_markdown(result, load_verdicts(claims_dir)))
    return status


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, claims_dir: Path, *, port: int = 0, token: str | None = None, base: Path | None = None,
                 config: Config | None = None):
        self.claims_dir = Path(claims_dir)
        self.config = config or Config()
        """Its rule selection and severities apply to the page, as to `factlint check`."""
        self.token = token or secrets.token_urlsafe(24)
        self.base = base or Path.cwd()
        self.lock = threading.Lock()
        super().__init__((HOST, port), ReviewHandler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/?token={self.token}"

    def page(self) -> str:
        from factlint.report.html import render_html
        from factlint.review import load_verdicts
        from factlint.runner import check_stored, select_findings

        result = select_findings(check_stored(self.claims_dir, self.config) or CheckResult(), self.config)
        nonce = secrets.token_urlsafe(16)
        self.nonce = nonce
        return render_html(result, article_texts(result, self.base), load_verdicts(self.claims_dir), token=self.token, nonce=nonce)


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "factlint-review"

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows the URL only
        pass

    def _authorised(self) -> bool:
        query = parse_qs(urlsplit(self.path).query)
        token_ok = secrets.compare_digest((query.get("token") or [""])[0], self.server.token)
        host_ok = self.headers.get("Host", "") in (f"{HOST}:{self.server.server_address[1]}", f"localhost:{self.server.server_address[1]}")
        return token_ok and host_ok

    def _send(self, status: HTTPStatus, body: str, content_type: str, policy: str | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: HTTPStatus, payload: Mapping) -> None:
        self._send(status, json.dumps(payload), "application/json")

    def do_GET(self) -> None:
        if urlsplit(self.path).path != "/" or not self._authorised():
            self._send(HTTPStatus.FORBIDDEN, "forbidden: open the URL factlint printed, with its token\n", "text/plain; charset=utf-8")
            return
        with self.server.lock:
            page = self.server.page()
            nonce = self.server.nonce
        policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self' data:"
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", policy)

    def do_POST(self) -> None:
        if urlsplit(self.path).path != "/verdict" or not self._authorised():
            self._json(HTTPStatus.FORBIDDEN, {"error": "forbidden"})
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send JSON"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "empty or oversized request"})
            return
        try:
            request = json.loads(self.rfile.read(length))
            finding, status, note = request["finding"], request["status"], request.get("note")
            if not isinstance(finding, str) or not isinstance(status, str) or not (note is None or isinstance(note, str)):
                raise ValueError("finding and status must be text, note text or null")
            note = note.strip() or None if note is not None else None
            with self.server.lock:
                recorded = record_review(self.server.claims_dir, finding, status, note, self.server.config)
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {exc}"})
            return
        except ValueError as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        self._json(HTTPStatus.OK, {"finding": finding, "status": recorded, "note": note})


def serve_in_background(claims_dir: Path, *, port: int = 0, base: Path | None = None, config: Config | None = None) -> ReviewServer:
    """Start a review server on a thread (tests, embedding); stop it with ``server.shutdown()``."""
    server = ReviewServer(claims_dir, port=port, base=base, config=config)
    threading.Thread(target=server.serve_forever, name="factlint-review", daemon=True).start()
    return server
