"""The Prefect tasks: URL fetches retried by Prefect, a URL failing after its retries quarantined."""

from __future__ import annotations

from pathlib import Path

import pytest
from bulletin_forms import five_forms
from httpserver import LocalHTTPServer
from prefect import flow

from bulletins.settings import Settings
from tasks.sources import backoff, discover_sources, load_documents

pytestmark = pytest.mark.flow
FORMS = five_forms()


@flow(name="test-load-sources")
def load_flow(specs: list[str], state_dir: Path, settings: Settings) -> list:
    refs = discover_sources(specs, state_dir, settings, retry_delays=(0.1,))
    return load_documents(refs, state_dir, settings, retry_delays=(0.1,))


def test_retries_then_quarantine(tmp_path: Path) -> None:
    with LocalHTTPServer() as srv:
        flaky = srv.add("/flaky.html", FORMS["html"][1], "text/html", fail_first=2)
        down = srv.add("/down.html", FORMS["html"][1], "text/html", fail_first=10**6)
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        (inbox / "a.txt").write_bytes(FORMS["big5"][1])
        docs = load_flow([flaky, down, str(inbox)], tmp_path / "state", Settings(http_retries=2, http_timeout=5))
        statuses = {d.doc: d.status for d in docs}
        assert statuses == {flaky: "ok", down: "quarantined", "a.txt": "ok"}
        assert [r.status for r in srv.requests("/flaky.html")] == [503, 503, 200]
        assert [r.status for r in srv.requests("/down.html")] == [503, 503, 503]
        reason = next(d.reason for d in docs if d.doc == down)
        assert "failed after 2 retries" in reason and "HTTP 503" in reason


def test_backoff_grows_and_repeats_its_last_delay() -> None:
    assert backoff(0) == []
    assert backoff(3) == [2.0, 10.0, 30.0]
    assert backoff(5, (1, 4)) == [1.0, 4.0, 4.0, 4.0, 4.0]
