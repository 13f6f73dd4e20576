"""The format layer: bytes in any of the supported encodings and formats -> the same stored bulletin."""

from __future__ import annotations

import codecs
import gzip
from datetime import date

import pytest
from bulletin_forms import SENTENCES, SIMPLIFIED, TITLE, TRADITIONAL, blank_pdf_bytes, five_forms, html_page, pdf_bytes

from bulletins.model import sha256_hex
from bulletins.sources import decode_bytes
from bulletins.sources.formats import decode_text, parse_date, sniff_format
from bulletins.sources.vocab import vocab

FORMS = five_forms()

# (case, raw bytes, expected codec name): one row per encoding phenomenon.
ENCODING_CASES = [
    ("utf-8", SIMPLIFIED.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
    ("gbk", SIMPLIFIED.encode("gbk"), "gb18030"),
    ("gb18030 beyond gbk", (SIMPLIFIED + "𠀀\n").encode("gb18030"), "gb18030"),
    ("big5 traditional", TRADITIONAL.encode("big5"), "big5"),
    ("big5 + HKSCS character", TRADITIONAL.encode("big5") + "㗎。\n".encode("big5hkscs"), "big5hkscs"),
    ("big5 + cp950 euro sign", TRADITIONAL.encode("big5") + "€。\n".encode("cp950"), "cp950"),
    ("utf-16 with BOM", SIMPLIFIED.encode("utf-16"), "utf-16-le"),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le without BOM", SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
]


@pytest.mark.parametrize(("case", "raw", "codec"), ENCODING_CASES, ids=[c[0] for c in ENCODING_CASES])
def test_text_encodings_are_detected_and_recorded(case: str, raw: bytes, codec: str) -> None:
    doc = decode_bytes(raw, "bulletin.txt")
    assert doc.ok, doc.reason
    assert doc.encoding == codec
    assert doc.format == "txt"
    assert doc.doc_id == sha256_hex(raw)
    assert doc.text.startswith(TRADITIONAL.splitlines()[0] if case.startswith("big5") else TITLE)
    assert "\ufeff" not in doc.text


def test_big5_keeps_traditional_characters_in_stored_text() -> None:
    doc = decode_bytes(TRADITIONAL.encode("big5"), "trad.txt")
    assert doc.text == TRADITIONAL
    assert "居民人均消費支出22861元" in doc.text  # 費, not 费: conversion is the extractor's business


def test_declared_charset_wins_and_gb2312_widens_to_gb18030() -> None:
    # 镕 is in GBK but not in GB2312: a page declaring gb2312 must still decode.
    text = "朱镕基视察。" + SIMPLIFIED
    page = html_page(text.splitlines(), charset="gb2312").encode("gbk")
    doc = decode_bytes(page, "page.html", "text/html")
    assert doc.ok and doc.encoding == "gb18030"
    assert "朱镕基视察" in doc.text


def test_utf8_page_mislabelled_gb2312_reads_as_utf8() -> None:
    page = html_page(charset="gb2312").encode("utf-8")
    doc = decode_bytes(page, "page.html", "text/html; charset=gb2312")
    assert doc.ok and doc.encoding == "utf-8"
    assert doc.title == TITLE


def test_html_main_text_title_and_date() -> None:
    name, raw, ctype, _ = FORMS["html"]
    doc = decode_bytes(raw, name, ctype)
    assert doc.ok and doc.format == "html"
    assert doc.title == TITLE
    assert doc.pub_date == date(2023, 7, 18)
    assert doc.text.splitlines() == [TITLE, *SENTENCES]  # one paragraph per line, boilerplate gone
    assert "京ICP备" not in doc.text and "首页" not in doc.text


def test_pdf_text_page_by_page() -> None:
    raw = pdf_bytes(pages=2)
    doc = decode_bytes(raw, "bulletin.pdf")
    assert doc.ok and doc.format == "pdf", doc.reason
    assert doc.text.splitlines() == [TITLE, *SENTENCES]
    starts = doc.meta["page_starts"]
    assert len(starts) == 2 and starts[0] == 0
    assert doc.text[starts[1] :].startswith(SENTENCES[3][:10])


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("junk.txt", bytes(range(256)) * 16, "undecodable"),
        ("nul.txt", b"abc\x00\x01\x02\x03def\x00\x00" * 50, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "no text"),
        ("scan.pdf", blank_pdf_bytes(), "no text layer"),
        ("broken.pdf", b"%PDF-1.4\nthis is not a pdf\n%%EOF", "unreadable PDF"),
        ("empty.html", b"<html><body><script>var x=1;</script></body></html>", "no text"),
        ("gzipped.txt", gzip.compress(SIMPLIFIED.encode() * 20), "undecodable"),
    ],
)
def test_unreadable_documents_are_quarantined_not_raised(name: str, raw: bytes, reason: str) -> None:
    doc = decode_bytes(raw, name)
    assert doc.status == "quarantined"
    assert reason in (doc.reason or "")
    assert doc.text == ""
    assert doc.doc_id == sha256_hex(raw)


def test_feed_bytes_are_not_a_bulletin() -> None:
    doc = decode_bytes(b"<rss version='2.0'><channel></channel></rss>", "http://x/f", "application/rss+xml")
    assert doc.status == "quarantined" and "feed:" in (doc.reason or "")


@pytest.mark.parametrize(
    ("raw", "name", "ctype", "fmt"),
    [
        (b"%PDF-1.7 ...", "http://x/download?id=1", "application/octet-stream", "pdf"),
        (b"<!DOCTYPE html><html>", "http://x/page", None, "html"),
        (b"plain", "http://x/a.htm", None, "html"),
        (b"plain", "notes.TXT", None, "txt"),
        (b"<html>", "a.txt", "text/plain; charset=gbk", "txt"),
        (b"x", "http://x/data", "application/atom+xml", "feed"),
    ],
)
def test_sniff_format(raw: bytes, name: str, ctype: str | None, fmt: str) -> None:
    assert sniff_format(raw, name, ctype) == fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-07-18 10:00", date(2023, 7, 18)), ("2023年7月18日", date(2023, 7, 18)),
     ("2023/13/40", None), ("yesterday", None), (None, None)],
)
def test_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_decode_text_prefers_bom_over_declared_charset() -> None:
    text, codec = decode_text(codecs.BOM_UTF8 + "统计".encode(), declared="gbk")
    assert (text, codec) == ("统计", "utf-8-sig")


def test_vocabulary_loads_every_entry() -> None:
    v = vocab()
    assert set(v.inbox_extensions.values()) == {"txt", "html", "pdf"}
    assert all(codecs.lookup(codec) for _, codec in v.boms)
    assert all(codecs.lookup(target) for target in v.encoding_supersets.values())
    assert all(codecs.lookup(c) for chain in v.encoding_fallbacks.values() for c in chain)
    assert set(v.content_types.values()) <= {"txt", "html", "pdf"}
    assert v.date_meta_names and v.title_meta_names and v.feed_url_suffixes and v.feed_content_types
