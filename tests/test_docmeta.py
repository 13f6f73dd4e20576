"""Document metadata from every source reaches the extractor, and the documents table says where the date came from.

Real files and a real HTTP server on 127.0.0.1. The bulletin used throughout names no year in
its body (`1—7月,全市…`), as many releases do: only its metadata can date it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bulletin_forms import html_page
from httpserver import LocalHTTPServer

from bulletins.extract import extract_document
from bulletins.extract.meta import DocMeta, PubDate
from bulletins.settings import Settings
from bulletins.sources import discover, load_batch

SETTINGS = Settings(http_timeout=5.0, http_retries=1)
UNDATED = "1—7月,全市规模以上工业增加值同比增长5.2%。\n"
LAST_MODIFIED = "Tue, 18 Jul 2023 01:20:00 GMT"  # the test server's default header


def _periods(text: str, meta: DocMeta | None = None) -> tuple[set[str | None], DocMeta]:
    facts, found = extract_document(text, doc="t.txt", doc_id="t", meta=meta)
    return {f.period for f in facts}, found


# --- the extractor: which date wins ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "meta", "period", "date_source"),
    [
        # no date anywhere: a month span whose year cannot be known stays null
        (UNDATED, None, None, None),
        (UNDATED, DocMeta(date=PubDate(2024, 8, 16), date_source="given"), "2024-01..2024-07", "given"),
        (UNDATED, DocMeta(date=PubDate(2024), date_source="sidecar"), "2024-01..2024-07", "sidecar"),
        (UNDATED, DocMeta(date=PubDate(2023, 7, 18), date_source="http"), "2023-01..2023-07", "http"),
        # a date the text prints beats the server's Last-Modified (a page touched later) ...
        ("某某日报 2024年8月16日\n" + UNDATED, DocMeta(date=PubDate(2025, 1, 3), date_source="http"),
         "2024-01..2024-07", "text"),
        # ... but not a date the user or the page gave
        ("某某日报 2024年8月16日\n" + UNDATED, DocMeta(date=PubDate(2023, 8, 1), date_source="html"),
         "2023-01..2023-07", "html"),
        # a news dateline with its clock time dates the document
        ("某某新闻客户端 2023-10-20 15:46\n" + UNDATED, None, "2023-01..2023-07", "text"),
        ("发布时间:2022-08-10 09:30    来源:某县统计局\n" + UNDATED, None, "2022-01..2022-07", "text"),
        # a bare date and time (a reposting site's page header) does not
        ("栏目导航 2021-10-07 18:04 1\n" + UNDATED, None, None, None),
    ],
    ids=["none", "given", "partial-sidecar", "http-only", "text-beats-http", "html-beats-text", "dateline-clock",
         "labelled", "bare-timestamp"],
)
def test_which_date_dates_the_periods(text: str, meta: DocMeta | None, period: str | None,
                                      date_source: str | None) -> None:
    periods, found = _periods(text, meta)
    assert periods == {period}
    assert found.date_source == date_source


# --- the sources: each fills Document.published / date_source ----------------------------------------------------

@pytest.fixture
def server() -> LocalHTTPServer:
    with LocalHTTPServer() as srv:
        yield srv


def _load(server_or_dir: list[str], state: Path) -> list:
    return load_batch(discover(server_or_dir, state, SETTINGS), state, SETTINGS)


def test_http_page_feed_item_and_last_modified(server: LocalHTTPServer, tmp_path: Path) -> None:
    page = server.add("/a.html", html_page(pub_date="2024-03-02 10:00").encode(), "text/html; charset=utf-8")
    plain = server.add("/b.txt", UNDATED.encode(), "text/plain; charset=utf-8")
    bare = server.add("/c.txt", UNDATED.encode() + b" ", "text/plain; charset=utf-8", last_modified=None)
    in_feed = server.add("/d.txt", UNDATED.encode() + b"  ", "text/plain; charset=utf-8")
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>x</link>'
            '<description>d</description><item><title>某县1—7月工业</title><link>/d.txt</link>'
            '<pubDate>Fri, 16 Aug 2024 02:00:00 GMT</pubDate></item></channel></rss>').encode()
    server.add("/rss.xml", feed, "application/rss+xml")
    docs = {d.source: d for d in _load([page, plain, bare, server.url("/rss.xml")], tmp_path / "s")}
    assert all(d.ok for d in docs.values()), [d.reason for d in docs.values()]
    got = {src: (d.published, d.date_source, d.url) for src, d in docs.items()}
    assert got[page][:2] == ("2024-03-02", "html")  # the page's meta tag beats Last-Modified
    assert got[plain] == ("2023-07-18", "http", plain)
    assert got[bare] == (None, None, bare)
    assert got[in_feed][:2] == ("2024-08-16", "feed") and docs[in_feed].title == "某县1—7月工业"
    # the date reaches the extractor through doc_meta()
    facts, _ = extract_document(docs[in_feed].text, doc="d", doc_id="d", meta=docs[in_feed].doc_meta())
    assert {f.period for f in facts} == {"2024-01..2024-07"}


@pytest.mark.parametrize(
    ("sidecar", "content", "published", "region"),
    [
        ("r.meta.json", json.dumps({"date": "2024-08-16", "title": "某县1—7月经济运行", "region": "某县"}),
         "2024-08-16", "某县"),
        ("r.txt.meta.json", json.dumps({"date": "2024-08"}), "2024-08", None),
        ("r.meta.yaml", "date: 2024\nurl: https://example.gov.cn/r.html\n", "2024", None),
        ("r.meta.yml", "date: '2023-05-04'\n", "2023-05-04", None),
    ],
    ids=["json", "json-full-name", "yaml-partial", "yml-quoted"],
)
def test_inbox_sidecar(tmp_path: Path, sidecar: str, content: str, published: str, region: str | None) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "r.txt").write_text(UNDATED, encoding="utf-8")
    (inbox / sidecar).write_text(content, encoding="utf-8")
    (docs,) = [_load([str(inbox)], tmp_path / "s")]
    assert len(docs) == 1  # the sidecar is not itself a document
    doc = docs[0]
    assert (doc.published, doc.date_source, doc.region) == (published, "sidecar", region)
    facts, _ = extract_document(doc.text, doc=doc.doc, doc_id=doc.doc_id, meta=doc.doc_meta())
    assert {f.period for f in facts} == {f"{published[:4]}-01..{published[:4]}-07"}


def test_sidecar_beats_the_pages_own_date(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(html_page(pub_date="2024-03-02 10:00"), encoding="utf-8")
    (tmp_path / "p.meta.json").write_text('{"date": "2023-12-30"}', encoding="utf-8")
    (doc,) = _load([str(tmp_path / "p.html")], tmp_path / "s")
    assert (doc.published, doc.date_source) == ("2023-12-30", "sidecar")


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"r.meta.json": "{not json"}, "unreadable"),
        ({"r.meta.json": '{"day": "2024-01-01"}'}, "unknown metadata field(s): day"),
        ({"r.meta.yaml": "date: 2024-13-01\n"}, "not a date"),
        ({"r.meta.yaml": "- a list\n"}, "not a mapping"),
        ({"r.meta.json": "{}", "r.meta.yaml": "date: 2024\n"}, "two metadata files"),
    ],
    ids=["bad-json", "unknown-key", "bad-date", "not-mapping", "two-sidecars"],
)
def test_bad_sidecar_quarantines_that_file_only(tmp_path: Path, files: dict[str, str], reason: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "r.txt").write_text(UNDATED, encoding="utf-8")
    (inbox / "s.txt").write_text(UNDATED + "全市。\n", encoding="utf-8")
    for name, content in files.items():
        (inbox / name).write_text(content, encoding="utf-8")
    docs = {d.doc: d for d in _load([str(inbox)], tmp_path / "s")}
    assert docs["s.txt"].ok
    assert docs["r.txt"].status == "quarantined" and reason in docs["r.txt"].reason
    assert docs["r.txt"].doc_id != docs["s.txt"].doc_id


# --- the CLI ---------------------------------------------------------------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bulletins.cli", "extract", "--format", "jsonl", *args],
                          capture_output=True, text=True)


def test_cli_date_title_and_sidecar_change_periods(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(UNDATED, encoding="utf-8")
    periods = lambda out: {json.loads(x)["period"] for x in out.splitlines()}  # noqa: E731
    assert periods(_cli(str(path)).stdout) == {None}
    assert periods(_cli("--date", "2024-08-16", str(path)).stdout) == {"2024-01..2024-07"}
    (tmp_path / "r.meta.json").write_text('{"date": "2022"}', encoding="utf-8")
    assert periods(_cli(str(path)).stdout) == {"2022-01..2022-07"}
    assert periods(_cli("--date", "2024", str(path)).stdout) == {"2024-01..2024-07"}  # the command line wins
    bad = _cli("--date", "2024-13", str(path))
    assert bad.returncode != 0 and "not a date" in bad.stderr
