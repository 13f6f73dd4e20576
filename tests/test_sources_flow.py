"""Must show (issue 5): a second scheduled run over unchanged sources downloads nothing and adds no facts.

The real ingest flow, twice, over an inbox folder and an RSS feed served by a real
HTTP server on 127.0.0.1 (an HTML page, a PDF, a GBK and a Big5 text), into one
temporary warehouse.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bulletin_forms import five_forms
from httpserver import LocalHTTPServer

pytestmark = pytest.mark.flow
FORMS = five_forms()


def _rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>公报{i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>统计</title>{items}</channel></rss>'.encode()


def _facts(warehouse: Path) -> int:
    from bulletins.warehouse import Warehouse

    with Warehouse.open_readonly(warehouse) as wh:
        return wh.query("select count(*) from facts")[1][0][0]


@pytest.fixture(scope="module")
def two_scheduled_runs(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict:
    from flows.ingest import ingest_bulletins

    base = tmp_path_factory.mktemp("sources-flow")
    inbox = base / "inbox"
    inbox.mkdir()
    shutil.copy(next(seeds_dir.glob("000_*.txt")), inbox)
    warehouse = base / "warehouse"
    with LocalHTTPServer() as srv:
        links = [srv.add("/a.html", FORMS["html"][1], "text/html"),
                 srv.add("/b.pdf", FORMS["pdf"][1], "application/pdf"),
                 srv.add("/c.txt", FORMS["gbk"][1], "text/plain"),
                 srv.add("/d.txt", FORMS["big5"][1], "text/plain")]
        feed = srv.add("/rss.xml", _rss(links), "application/rss+xml")
        sources = [str(inbox), feed]
        first = ingest_bulletins(sources=sources, warehouse=str(warehouse))
        facts_1 = _facts(warehouse)
        mark = len(srv.log)
        second = ingest_bulletins(sources=sources, warehouse=str(warehouse))
        facts_2 = _facts(warehouse)
        second_requests = srv.log[mark:]
    return {"first": first, "second": second, "facts": (facts_1, facts_2), "requests": second_requests}


def test_first_run_reads_inbox_and_feed(two_scheduled_runs: dict) -> None:
    first = two_scheduled_runs["first"]
    assert first["documents_seen"] == 5
    assert first["new_documents"] == 5 and first["quarantined"] == 0
    assert first["new_facts"] > 0 and two_scheduled_runs["facts"][0] == first["new_facts"]


def test_second_run_downloads_nothing_and_adds_no_facts(two_scheduled_runs: dict) -> None:
    second = two_scheduled_runs["second"]
    assert second["documents_seen"] == 0  # inbox unchanged (not read), every URL answered 304
    assert second["new_documents"] == 0 and second["new_facts"] == 0
    facts_1, facts_2 = two_scheduled_runs["facts"]
    assert facts_2 == facts_1
    requests = two_scheduled_runs["requests"]
    assert len(requests) == 5  # the feed and its four items, each asked once
    assert all(r.status == 304 and r.headers.get("if-none-match") for r in requests)


def test_failed_commit_leaves_source_state_untouched(tmp_path: Path, seeds_dir: Path) -> None:
    """Another writer holds the warehouse past the lock timeout: the run fails and the next one re-reads."""
    import fcntl

    from bulletins.warehouse import LOCK_FILE, Warehouse, WarehouseBusyError
    from flows.ingest import ingest_bulletins

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(next(seeds_dir.glob("000_*.txt")), inbox)
    warehouse = tmp_path / "warehouse"
    Warehouse(warehouse).close()
    with open(warehouse / LOCK_FILE, "a+") as other_writer:
        fcntl.flock(other_writer.fileno(), fcntl.LOCK_EX)
        with pytest.raises(WarehouseBusyError, match="another writer holds"):
            ingest_bulletins(sources=[str(inbox)], warehouse=str(warehouse))
        fcntl.flock(other_writer.fileno(), fcntl.LOCK_UN)
    assert not (warehouse / "state" / "inbox.json").exists()
    assert _facts(warehouse) == 0
    summary = ingest_bulletins(sources=[str(inbox)], warehouse=str(warehouse))
    assert summary["documents_seen"] == 1 and summary["new_documents"] == 1 and summary["new_facts"] > 0
    assert (warehouse / "state" / "inbox.json").exists()
