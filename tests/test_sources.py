"""Sources against real files and a real HTTP server on 127.0.0.1: inbox, URLs, feeds, 304s, limits."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from bulletin_forms import SIMPLIFIED, TITLE, TRADITIONAL, five_forms, html_page, pdf_bytes
from httpserver import LocalHTTPServer

from bulletins.model import sha256_hex
from bulletins.settings import Settings
from bulletins.sources import SourceRef, commit_state, discover, is_feed_url, load_batch, read_state

FORMS = five_forms()
SETTINGS = Settings(http_timeout=5.0, http_retries=1)


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>Tue, 18 Jul 2023 02:00:00 GMT</pubDate></item>"
        for title, link in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>北京统计</title>'
            f"<link>http://127.0.0.1/</link><description>最新发布</description>{entries}</channel></rss>").encode()


@pytest.fixture
def server() -> LocalHTTPServer:
    with LocalHTTPServer() as srv:
        yield srv


@pytest.fixture
def bureau(server: LocalHTTPServer) -> LocalHTTPServer:
    """A statistics bureau site: an HTML page, a PDF, a GBK and a Big5 text, and an RSS feed of them."""
    server.add("/zxfb/202307/t20230718.html", FORMS["html"][1], "text/html")
    server.add("/attach/bulletin.pdf", FORMS["pdf"][1], "application/pdf")
    server.add("/data/bulletin-gbk.txt", FORMS["gbk"][1], "text/plain")
    server.add("/data/bulletin-big5.txt", FORMS["big5"][1], "text/plain")
    items = [("居民收支（网页）", "/zxfb/202307/t20230718.html"), ("居民收支（PDF）", "attach/bulletin.pdf"),
             ("居民收支（GBK）", server.url("/data/bulletin-gbk.txt")),
             ("居民收支（BIG5）", server.url("/data/bulletin-big5.txt"))]
    server.add("/rss.xml", rss(items), "application/rss+xml; charset=utf-8")
    return server


def test_feed_items_fetched_decoded_then_304_second_time(bureau: LocalHTTPServer, tmp_path: Path) -> None:
    state = tmp_path / "state"
    refs = discover([bureau.url("/rss.xml")], state, SETTINGS)
    assert [r.kind for r in refs] == ["feed-item"] * 4
    assert refs[1].location == bureau.url("/attach/bulletin.pdf")  # relative link resolved against the feed

    docs = load_batch(refs, state, SETTINGS)
    by_fmt = {(d.format, d.encoding): d for d in docs}
    assert all(d.ok for d in docs), [d.reason for d in docs]
    assert set(by_fmt) == {("html", "utf-8"), ("pdf", None), ("txt", "gb18030"), ("txt", "big5")}
    html = by_fmt[("html", "utf-8")]
    assert html.doc == html.source == bureau.url("/zxfb/202307/t20230718.html")
    assert html.title == TITLE and str(html.pub_date) == "2023-07-18"
    assert by_fmt[("txt", "big5")].text == TRADITIONAL
    assert by_fmt[("txt", "gb18030")].text == SIMPLIFIED
    assert "22861元" in by_fmt[("pdf", None)].text
    assert by_fmt[("pdf", None)].title == "居民收支（PDF）"  # no title in the PDF: the feed item's
    assert all(d.doc_id == sha256_hex(FORMS[k][1]) for k, d in
               zip(["html", "pdf", "gbk", "big5"], docs, strict=True))
    assert commit_state(state, docs) == 4

    # The second scheduled run: the feed and every item answer 304, no document results.
    before = len(bureau.log)
    again = load_batch(discover([bureau.url("/rss.xml")], state, SETTINGS), state, SETTINGS)
    assert again == []
    second = bureau.log[before:]
    assert len(second) == 5
    assert all(r.status == 304 for r in second)
    assert all(r.headers.get("if-none-match") for r in second)
    assert all(r.headers.get("if-modified-since") for r in second)


def test_state_is_committed_only_by_commit_state(bureau: LocalHTTPServer, tmp_path: Path) -> None:
    """A run that fails before its warehouse commit leaves no HTTP state: the next run downloads again."""
    state = tmp_path / "state"
    url = bureau.url("/data/bulletin-gbk.txt")
    first = load_batch(discover([url], state, SETTINGS), state, SETTINGS)
    assert len(first) == 1 and not (state / "http_cache.json").exists()
    second = load_batch(discover([url], state, SETTINGS), state, SETTINGS)  # no commit in between
    assert [d.doc_id for d in second] == [first[0].doc_id]
    assert [r.status for r in bureau.requests("/data/bulletin-gbk.txt")] == [200, 200]
    commit_state(state, second)
    assert read_state(state, "http")[url]["etag"] == bureau.routes["/data/bulletin-gbk.txt"].etag_value
    assert load_batch(discover([url], state, SETTINGS), state, SETTINGS) == []
    assert bureau.requests("/data/bulletin-gbk.txt")[-1].status == 304


def test_last_modified_without_etag(server: LocalHTTPServer, tmp_path: Path) -> None:
    url = server.add("/page.html", html_page().encode(), "text/html; charset=utf-8", etag=False)
    docs = load_batch(discover([url], tmp_path, SETTINGS), tmp_path, SETTINGS)
    commit_state(tmp_path, docs)
    assert load_batch(discover([url], tmp_path, SETTINGS), tmp_path, SETTINGS) == []
    last = server.requests("/page.html")[-1]
    assert last.status == 304 and "if-none-match" not in last.headers
    assert last.headers["if-modified-since"] == server.routes["/page.html"].last_modified


@pytest.mark.parametrize("content_length", [True, False], ids=["declared", "streamed"])
def test_size_limit_quarantines(server: LocalHTTPServer, tmp_path: Path, content_length: bool) -> None:
    big = ("统计" * 200_000).encode()  # 1.2 MB
    url = server.add("/big.txt", big, content_length=content_length)
    settings = Settings(http_max_bytes=100_000, http_timeout=5.0)
    [doc] = load_batch([SourceRef("url", url, url)], tmp_path, settings)
    assert doc.status == "quarantined" and doc.text == ""
    assert "too large" in doc.reason
    assert ("Content-Length" in doc.reason) is content_length
    assert doc.doc_id == sha256_hex(url.encode())
    assert "state" not in doc.meta  # nothing recorded: it is tried again next run


def test_http_errors_and_dead_hosts_are_quarantined(server: LocalHTTPServer, tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/gone.html"
    refs = [SourceRef("url", server.url("/missing.html"), server.url("/missing.html")),
            SourceRef("url", dead, dead)]
    refs += discover([f"feed:http://127.0.0.1:{dead.split(':')[2].split('/')[0]}/news"], tmp_path, SETTINGS)
    docs = load_batch(refs, tmp_path, SETTINGS)
    assert [d.status for d in docs] == ["quarantined"] * 3
    assert "HTTP 404" in docs[0].reason
    assert "ConnectError" in docs[1].reason
    assert docs[2].reason.startswith("feed http://127.0.0.1:")
    assert docs[1].doc_id == sha256_hex(dead.encode())


def test_url_with_a_host_idna_rejects_is_quarantined_not_raised(server: LocalHTTPServer, tmp_path: Path) -> None:
    """A feed link with a 64-character host label must not cost the batch (nor retries: it cannot pass)."""
    from bulletins.sources import fetch

    bad = f"http://{'a' * 64}.example/bulletin.html"
    good = server.add("/ok.txt", "全市地区生产总值1000亿元。".encode(), "text/plain")
    docs = load_batch([SourceRef("url", bad, bad), SourceRef("url", good, good)], tmp_path, SETTINGS)
    assert [d.status for d in docs] == ["quarantined", "ok"]
    assert "invalid URL" in docs[0].reason
    assert fetch(bad, None, SETTINGS).status == "failed"  # a result, not a TransientFetchError to retry


def test_atom_feed_and_feed_304_reuses_cached_links(server: LocalHTTPServer, tmp_path: Path) -> None:
    server.add("/a.txt", "第一份公报。居民人均消费支出22861元。".encode())
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<id>urn:x</id><updated>2023-07-18T02:00:00Z</updated><entry><title>公报</title><id>urn:a</id>'
        '<link href="/a.txt"/><updated>2023-07-18T02:00:00Z</updated></entry></feed>'
    ).encode()
    feed = server.add("/news", atom, "application/atom+xml")
    refs = discover([f"feed:{feed}"], tmp_path, SETTINGS)
    assert [(r.kind, r.location, r.published) for r in refs] == [("feed-item", server.url("/a.txt"), "2023-07-18")]
    [doc] = load_batch(refs, tmp_path, SETTINGS)  # not committed: the item must come back after a feed 304
    assert str(doc.pub_date) == "2023-07-18" and doc.meta["feed"] == feed
    again = discover([f"feed:{feed}"], tmp_path, SETTINGS)
    assert server.requests("/news")[-1].status == 304
    assert [(r.location, r.title, r.published) for r in again] == [(server.url("/a.txt"), "公报", "2023-07-18")]


def test_feed_recognition() -> None:
    assert is_feed_url("feed:http://x/news")
    assert is_feed_url("https://tjj.beijing.gov.cn/rss.xml")
    assert is_feed_url("https://example.org/feed/")
    assert not is_feed_url("https://tjj.beijing.gov.cn/zxfb/t20230718.html")


def test_inbox_reads_only_new_or_changed_files(tmp_path: Path) -> None:
    inbox, state = tmp_path / "inbox", tmp_path / "state"
    (inbox / "2023" / "07").mkdir(parents=True)
    (inbox / ".tmp").mkdir()
    (inbox / "a.txt").write_bytes(FORMS["gbk"][1])
    (inbox / "2023" / "07" / "b.HTML").write_bytes(FORMS["html"][1])
    (inbox / "2023" / "c.pdf").write_bytes(pdf_bytes())
    (inbox / "notes.csv").write_text("x,y\n")
    (inbox / ".tmp" / "partial.txt").write_text("half")
    (inbox / ".~lock.a.txt").write_text("lock")

    refs = discover([str(inbox)], state)
    assert sorted(r.name for r in refs) == ["a.txt", "b.HTML", "c.pdf"]
    docs = load_batch(refs, state, SETTINGS)
    assert all(d.ok for d in docs) and {d.format for d in docs} == {"txt", "html", "pdf"}
    a = next(d for d in docs if d.doc == "a.txt")
    assert a.source == str((inbox / "a.txt").resolve())
    commit_state(state, docs)
    recorded = json.loads((state / "inbox.json").read_text())["entries"]
    assert recorded[a.source]["sha256"] == a.doc_id

    assert discover([str(inbox)], state) == []  # unchanged: not listed, so not read

    (inbox / "a.txt").write_bytes(FORMS["gbk"][1] + "补充说明。\n".encode("gbk"))
    new = inbox / "2023" / "d.txt"
    new.write_bytes(FORMS["utf8"][1])
    changed = discover([str(inbox)], state)
    assert sorted(r.name for r in changed) == ["a.txt", "d.txt"]

    b = inbox / "2023" / "07" / "b.HTML"  # touched, same bytes: read again, same document id
    os.utime(b, ns=(b.stat().st_atime_ns, b.stat().st_mtime_ns + 10**9))
    [ref] = [r for r in discover([str(b)], state)]
    [doc] = load_batch([ref], state, SETTINGS)
    assert doc.doc_id == next(d.doc_id for d in docs if d.doc == "b.HTML")


def test_inbox_file_too_large_or_vanished(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"x" * 2000)
    gone = SourceRef("file", str(tmp_path / "gone.txt"), "gone.txt")
    docs = load_batch([SourceRef("file", str(f), f.name), gone], tmp_path, Settings(http_max_bytes=1000))
    assert [d.status for d in docs] == ["quarantined", "quarantined"]
    assert "too large" in docs[0].reason and "unreadable file" in docs[1].reason


def test_configuration_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="source not found: nowhere"):
        discover(["nowhere"], tmp_path)
    (tmp_path / "inbox.json").write_text("{not json")
    with pytest.raises(ValueError, match="corrupt source state file"):
        discover([str(tmp_path)], tmp_path)
