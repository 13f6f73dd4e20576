"""The webhook notifier against a real HTTP server on 127.0.0.1, and its failure modes."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bulletins.model import CheckResult
from bulletins.notify import SLACK_MAX_ITEMS, notify


class Receiver(ThreadingHTTPServer):
    """Keeps every JSON body POSTed to it; answers with `status`."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[tuple[str, str, dict]] = []
        self.status = 200

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, self.headers["Content-Type"], json.loads(body)))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


RESULTS = [
    CheckResult("components_sum", "error", False, "8 components sum to 22861, stated total 22900",
                indicator="居民人均消费支出", region="北京市", period="2023-01..2023-06", expected=22900.0,
                actual=22861.0, difference=-39.0, tolerance=4.5, fact_ids=["f1", "f2"], docs=["000.txt"],
                sentences=["全市居民人均消费支出22900元"]),
    CheckResult("blank_value", "warn", False, "blank in source: 城镇登记失业率", indicator="城镇登记失业率",
                docs=["004.txt"], sentences=["全年城镇登记失业率为"]),
    CheckResult("revision", "info", False, "estimate 3550 revised to 3600"),
    CheckResult("components_sum", "error", True, "passes are never sent"),
]


def test_generic_webhook_receives_the_failures(receiver: Receiver) -> None:
    run_info = {"run_id": 7, "snapshot_id": 3, "warehouse": Path("wh"), "at": datetime(2026, 1, 2, 3, 4)}
    ok = notify(RESULTS, receiver.url, run_info=run_info)
    assert ok is True
    ((path, ctype, body),) = receiver.received
    assert path == "/hook" and ctype == "application/json"
    assert body["run"] == {"run_id": 7, "snapshot_id": 3, "warehouse": "wh", "at": "2026-01-02 03:04:00"}
    assert body["counts"] == {"error": 1}
    (failure,) = body["failures"]
    assert failure["check"] == "components_sum" and failure["expected"] == 22900 and failure["actual"] == 22861
    assert failure["docs"] == ["000.txt"] and failure["fact_ids"] == ["f1", "f2"]


def test_min_severity_warn_adds_warnings(receiver: Receiver) -> None:
    assert notify(RESULTS, receiver.url, min_severity="warn")
    body = receiver.received[0][2]
    assert [f["check"] for f in body["failures"]] == ["components_sum", "blank_value"]


def test_slack_payload(receiver: Receiver) -> None:
    many = [RESULTS[0]] * (SLACK_MAX_ITEMS + 5)
    assert notify(many, receiver.url, fmt="slack", run_info={"run_id": 7})
    body = receiver.received[0][2]
    assert body["text"].startswith(f"bulletin-indicators: {SLACK_MAX_ITEMS + 5} failed checks (")
    assert "run_id 7" in body["text"]
    sections = [b for b in body["blocks"] if b["type"] == "section"]
    assert len(sections) == SLACK_MAX_ITEMS + 1  # header + listed failures
    assert "`components_sum`" in sections[1]["text"]["text"] and "000.txt" in sections[1]["text"]["text"]
    assert body["blocks"][-1]["elements"][0]["text"] == "… and 5 more"


def test_nothing_to_send_posts_nothing(receiver: Receiver) -> None:
    assert notify([RESULTS[3], RESULTS[2]], receiver.url) is True
    assert receiver.received == []


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_closed_port_returns_false_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/hook"
    with caplog.at_level(logging.WARNING, logger="bulletins.notify"):
        assert notify(RESULTS, url, timeout=2.0) is False
    assert any("could not deliver 1 failed checks" in r.getMessage() and url in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("url", ["not a url", "ftp://127.0.0.1/hook", "http://[::1", f"http://{'a' * 64}.example/hook"])
def test_malformed_url_returns_false_and_logs(url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="bulletins.notify"):
        assert notify(RESULTS, url, timeout=1.0) is False
    assert "could not deliver" in caplog.text


def test_server_error_returns_false_and_logs(receiver: Receiver, caplog: pytest.LogCaptureFixture) -> None:
    receiver.status = 500
    with caplog.at_level(logging.WARNING, logger="bulletins.notify"):
        assert notify(RESULTS, receiver.url) is False
    assert len(receiver.received) == 1 and "500" in caplog.text


def test_bad_arguments_are_errors_not_silent() -> None:
    with pytest.raises(ValueError, match="format"):
        notify(RESULTS, "http://127.0.0.1:9/", fmt="teams")
    with pytest.raises(ValueError, match="severity"):
        notify(RESULTS, "http://127.0.0.1:9/", min_severity="fatal")


@pytest.mark.flow
def test_ingestion_notifies_and_survives_a_failing_webhook(
    receiver: Receiver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the real flow: a webhook answering 500 costs nothing; one answering 200 gets the error."""
    from test_cli_ingest import BAD_SUM

    from bulletins.warehouse import Warehouse
    from flows.ingest import ingest_bulletins

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad_sum.txt").write_text(BAD_SUM, encoding="utf-8")
    monkeypatch.setenv("BULLETINS_NOTIFY_URL", receiver.url)
    receiver.status = 500
    first = ingest_bulletins(sources=[str(inbox)], warehouse=str(tmp_path / "wh"))
    assert first["new_documents"] == 1 and first["checks_failed"]["error"] >= 1
    with Warehouse.open_readonly(tmp_path / "wh") as wh:
        assert wh.runs().height == 1  # committed although the notifier failed
    receiver.status = 200
    ingest_bulletins(sources=[str(inbox)], warehouse=str(tmp_path / "wh"))
    assert len(receiver.received) == 2  # one failed delivery, one delivered
    payload = receiver.received[1][2]
    assert [f["check"] for f in payload["failures"]] == ["components_sum"]
    assert payload["failures"][0]["actual"] == 22861 and payload["failures"][0]["expected"] == 20000
    monkeypatch.setenv("BULLETINS_NOTIFY_URL", f"http://{'a' * 64}.example/hook")  # IDNA rejects the host
    third = ingest_bulletins(sources=[str(inbox)], warehouse=str(tmp_path / "wh"))
    assert third["run_id"] == 3
