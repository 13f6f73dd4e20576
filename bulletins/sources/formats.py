"""The format layer: raw bytes of a bulletin -> a `Document` with its stored text.

Pure and side-effect free, so the flow, `bulletins extract` and the tests share it.
The stored text is final here: every fact span later points into it. Traditional
characters are kept as written; the extractor converts them for matching only.
Nothing here raises for a bad document: it comes back quarantined with a reason.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from datetime import date
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import lxml.html
import pdfplumber
import trafilatura
from charset_normalizer import from_bytes
from lxml.etree import ParserError, XMLSyntaxError
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from bulletins.model import Document, sha256_hex
from bulletins.sources.vocab import vocab

#: A decoded text with more than this share of control characters is binary junk.
MAX_CONTROL_SHARE = 0.02
_ALLOWED_CONTROLS = frozenset("\n\t\f")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


class Unreadable(ValueError):
    """A document that cannot be turned into text; the message is the quarantine reason."""


def quarantined(doc: str, source: str, reason: str, raw: bytes | None = None, **fields: object) -> Document:
    """A quarantined document: empty text, a reason, and the id of its bytes (or of its source)."""
    doc_id = sha256_hex(raw if raw is not None else source.encode("utf-8"))
    return Document(doc_id=doc_id, doc=doc, source=source, text="", status="quarantined", reason=reason,
                    **fields)  # type: ignore[arg-type]


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset), both lower-case or None."""
    if not content_type:
        return None, None
    msg = Message()
    msg["content-type"] = content_type
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), (str(charset).lower() if isinstance(charset, str) else None)


def sniff_format(raw: bytes, name: str, content_type: str | None = None) -> str:
    """txt | html | pdf | feed, from magic bytes first, then the media type, the name, the content."""
    if raw.lstrip()[:5] == b"%PDF-":
        return "pdf"
    mtype, _ = media_type(content_type)
    v = vocab()
    if mtype in v.content_types:
        return v.content_types[mtype]
    if mtype in v.feed_content_types:
        return "feed"
    suffix = PurePosixPath(urlsplit(name).path if "://" in name else name).suffix.lower()
    if suffix in v.inbox_extensions:
        return v.inbox_extensions[suffix]
    return "html" if _HTML_SNIFF.search(raw[:2048]) else "txt"


def _codec(name: str) -> str:
    """Canonical codec name, widened to its superset (GBK/GB2312 -> GB18030)."""
    canonical = codecs.lookup(name).name
    widened = vocab().encoding_supersets.get(canonical.replace("-", "_"), vocab().encoding_supersets.get(canonical))
    return codecs.lookup(widened).name if widened else canonical


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict_widening(raw: bytes, codec: str) -> tuple[str | None, str]:
    """Strict decode with `codec`, then with its fallbacks (Big5 -> cp950 -> HKSCS); the codec that worked."""
    for candidate in (codec, *vocab().encoding_fallbacks.get(codec, ())):
        text = _strict(raw, candidate)
        if text is not None:
            return text, codecs.lookup(candidate).name
    return None, codec


def decode_text(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    Order: a byte-order mark; strict UTF-8 (text that is not UTF-8 almost never
    passes it, while GB18030 accepts nearly any bytes, so a page mislabelled gb2312
    after a CMS move still reads right); the declared charset (HTTP header or HTML
    meta); then charset-normalizer's best guess. Raises `Unreadable` when nothing
    decodes cleanly or the result looks like binary junk.
    """
    text: str | None = None
    used = ""
    for bom, codec in vocab().boms:
        if raw.startswith(bom):
            text, used = _strict(raw, codec), codecs.lookup(codec).name
            if text is not None and text.startswith("\ufeff"):
                text = text[1:]
            break
    if text is None and b"\x00" not in raw:  # NULs are valid UTF-8 but mean UTF-16/32 or binary
        text, used = _strict(raw, "utf-8"), "utf-8"
    if text is None and declared:
        try:
            used = _codec(declared)
        except LookupError:
            used = ""
        text, used = _strict_widening(raw, used) if used else (None, "")
    if text is None:
        best = from_bytes(raw).best()
        if best is None:
            raise Unreadable("undecodable bytes: no text encoding fits (binary file?)")
        text, used = _strict_widening(raw, _codec(best.encoding))
        if text is None:
            raise Unreadable(f"decoding as {used} (detected) failed")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
                   and ch != "\r")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise Unreadable(f"binary content: {controls} control characters in {len(text)} decoded as {used}")
    return text.replace("\r\n", "\n").replace("\r", "\n"), used


def parse_date(value: str | None) -> date | None:
    """First Y-M-D date in a string such as '2023-07-18 10:00' or '2023年7月18日'; None if invalid."""
    if not value:
        return None
    m = _DATE.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta name|property|itemprop=… content=…> as a lower-cased name -> first content map."""
    out: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        content = (meta.get("content") or "").strip()
        if key and content:
            out.setdefault(key.strip().lower(), content)
    return out


def _declared_html_charset(raw: bytes, header_charset: str | None) -> str | None:
    if header_charset:
        return header_charset
    m = _META_CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii").lower() if m else None


#: A table cell longer than this is page layout (an article in a cell), not data.
MAX_TABLE_CELL = 60


def _fill_spanned(row: list[str], spanned: dict[int, int]) -> None:
    """Empty cells for the columns a rowspan cell of an earlier row still covers."""
    while len(row) in spanned:
        col = len(row)
        row.append("")
        spanned[col] -= 1
        if not spanned[col]:
            del spanned[col]


def _table_rows(table: lxml.html.HtmlElement) -> list[list[str]]:
    """The cells of a `<table>` row by row; a spanning cell is followed by empty cells so columns align."""
    rows: list[list[str]] = []
    spanned: dict[int, int] = {}  # column → rows below still covered by a rowspan cell above
    for tr in table.iter("tr"):
        row: list[str] = []
        for cell in (c for c in tr if c.tag in ("td", "th")):
            _fill_spanned(row, spanned)
            colspan, rowspan = (int(v) if str(v).isdigit() else 1
                                for v in (cell.get("colspan", "1"), cell.get("rowspan", "1")))
            if rowspan > 1:
                spanned[len(row)] = rowspan - 1
            row.append(re.sub(r"\s+", " ", cell.text_content() or "").strip())
            row.extend([""] * (max(colspan, 1) - 1))
        _fill_spanned(row, spanned)
        if any(row):
            rows.append(row)
    return rows


def _render_tables(tree: lxml.html.HtmlElement) -> int:
    """Replace every data `<table>` by one paragraph per row, `| cell | cell |`; how many were replaced.

    trafilatura renders tables inconsistently (pipes, or one cell per line); this gives the table
    reader one shape (a head over two columns is written once, then an empty cell). Layout tables
    (holding tables, or long cells such as a whole article) stay as they are.
    """
    count = 0
    for table in list(tree.iter("table")):
        if table.find(".//table") is not None:
            continue
        rows = _table_rows(table)
        if len(rows) < 2 or any(len(c) > MAX_TABLE_CELL for r in rows for c in r):
            continue
        div = lxml.html.Element("div")
        for row in rows:
            p = lxml.html.Element("p")
            p.text = "| " + " | ".join(row) + " |"  # closed at both ends: an empty first or last cell stays
            div.append(p)
        div.tail = table.tail
        table.getparent().replace(table, div)
        count += 1
    return count


def html_to_text(html: str) -> tuple[str, str | None, date | None]:
    """Main text (one paragraph per line), title and publication date of an HTML page.

    The title and date come from meta tags first (gov.cn pages carry ArticleTitle and
    PubDate), then trafilatura's metadata. The title is kept as the first line of the
    text, since bulletins state their period there ("2023年上半年…").
    """
    html = _XML_DECL.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, XMLSyntaxError) as exc:
        raise Unreadable(f"unparseable HTML: {exc}") from exc
    metas = _meta_values(tree)
    v = vocab()
    if _render_tables(tree):
        html = lxml.html.tostring(tree, encoding="unicode")
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (extracted.text or "") if extracted is not None else ""
    if not body.strip():
        body = trafilatura.html2txt(html) or ""
    title = next((metas[n] for n in v.title_meta_names if metas.get(n)), None)
    if not title and extracted is not None and extracted.title:
        title = extracted.title
    if not title:
        title = (tree.findtext(".//title") or "").strip() or None
    pub_date = next((d for n in v.date_meta_names if (d := parse_date(metas.get(n)))), None)
    if pub_date is None and extracted is not None:
        pub_date = parse_date(extracted.date)
    lines = [ln.strip() for ln in body.splitlines()]
    text = "\n".join(ln for ln in lines if ln)
    if title and text and not text.startswith(title):
        text = f"{title}\n{text}"
    return text, title, pub_date


def _cell_text(cell: str | None) -> str:
    """A table cell on one line: a cell wrapped over lines is one cell (CJK needs no space to join)."""
    return re.sub(r"\s*\n\s*", "", cell or "").strip()


def _page_text(page: pdfplumber.page.Page) -> str:
    """A page's text with its ruled tables (pdfplumber's table finder) as rows of tab-separated cells.

    The text around the tables is read band by band (above, between, below them) without the
    characters inside a table, so every table row is one line the table reader can split.
    """
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return page.extract_text() or ""
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside)
    parts: list[str] = []
    top = page.bbox[1]
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            parts.append(rest.crop((page.bbox[0], top, page.bbox[2], t_top)).extract_text() or "")
        parts.append("\n".join("\t".join(_cell_text(c) for c in row) for row in table.extract()))
        top = max(top, t_bottom)
    if top < page.bbox[3]:
        parts.append(rest.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])).extract_text() or "")
    return "\n".join(p.strip("\n") for p in parts if p.strip())


def pdf_to_text(raw: bytes) -> tuple[str, list[int]]:
    """Text of a PDF page by page (pages joined by a newline) and each page's start offset; ruled
    tables come out one row per line, cells tab-separated."""
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            pages = [_page_text(page).strip() for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, PSException) as exc:
        raise Unreadable(f"unreadable PDF: {exc}") from exc
    if not any(pages):
        raise Unreadable("PDF has no text layer (scanned image?); OCR is not supported")
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 1
    return "\n".join(pages), starts


def decode_bytes(raw: bytes, name: str, content_type: str | None = None, *, source: str | None = None) -> Document:
    """Turn the raw bytes of one bulletin into a `Document`; never raises for bad content.

    `name` is the document's name (`Document.doc`: a file name or a URL) and also
    hints at the format; `content_type` is the HTTP header when there is one.
    `doc_id` is always the sha256 of `raw`.
    """
    source = source or name
    fmt = sniff_format(raw, name, content_type)
    if not raw:
        return quarantined(name, source, "empty file", raw, format=fmt if fmt != "feed" else "txt")
    if fmt == "feed":
        return quarantined(name, source, f"is an RSS/Atom feed ({content_type}); pass it as feed:{source}", raw)
    _, header_charset = media_type(content_type)
    title: str | None = None
    pub_date: date | None = None
    meta: dict[str, object] = {}
    encoding: str | None = None
    try:
        if fmt == "pdf":
            text, meta["page_starts"] = pdf_to_text(raw)
        elif fmt == "html":
            html, encoding = decode_text(raw, _declared_html_charset(raw, header_charset))
            text, title, pub_date = html_to_text(html)
        else:
            text, encoding = decode_text(raw, header_charset)
    except Unreadable as exc:
        return quarantined(name, source, str(exc), raw, format=fmt, encoding=encoding)
    if content_type:
        meta["content_type"] = content_type
    if not text.strip():
        return quarantined(name, source, f"no text in {fmt} document", raw, format=fmt, encoding=encoding)
    return Document(doc_id=sha256_hex(raw), doc=name, source=source, text=text, title=title, pub_date=pub_date,
                    published=pub_date.isoformat() if pub_date else None, date_source="html" if pub_date else None,
                    format=fmt, encoding=encoding, meta=meta)
