"""Discover sources (folders, files, URLs, feeds) and load them into `Document`s.

`discover` lists what may be new; `load_batch` reads or fetches it and decodes it.
Neither writes the inbox or HTTP state of documents: each document carries its pending
update and the flow calls `commit_state` after the warehouse commit. Only a feed's
own listing is cached at discovery (with its items, so a 304 still lists them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bulletins.model import Document, sha256_hex
from bulletins.settings import Settings, get_settings
from bulletins.sources.docmeta import SidecarError, feed_meta, fill, http_meta, prefer, user_meta
from bulletins.sources.feeds import FeedError, feed_items
from bulletins.sources.fetch import Fetcher, FetchResult, fetch_once
from bulletins.sources.formats import decode_bytes, quarantined
from bulletins.sources.state import StateUpdate, read_state, write_state
from bulletins.sources.vocab import vocab

FEED_PREFIX = "feed:"
KINDS = ("file", "url", "feed-item")


@dataclass(frozen=True)
class SourceRef:
    """One thing to read: a file, a URL, or the link of a feed item.

    `error` is set when discovery already failed (an unreachable feed): loading turns
    the ref into a quarantined document instead of raising.
    """

    kind: str  # file | url | feed-item
    location: str  # resolved path or absolute URL
    name: str  # Document.doc: the file name, or the URL
    feed: str | None = None  # the feed a feed-item came from
    title: str | None = None  # the feed item's title, used when the page has none
    published: str | None = None  # the feed item's date (ISO), used when the page has none
    error: str | None = None


def is_url(spec: str) -> bool:
    """Whether a source spec is fetched over HTTP (a URL or a feed:URL) rather than read from disk."""
    return spec.startswith(("http://", "https://", FEED_PREFIX))


def is_feed_url(url: str) -> bool:
    """A feed is a `feed:`-prefixed URL, or one whose path ends like a feed (.rss, .xml, /feed …)."""
    if url.startswith(FEED_PREFIX):
        return True
    path = urlsplit(url).path.lower().rstrip("/") or "/"
    return path.endswith(vocab().feed_url_suffixes)


def _inbox_files(root: Path) -> list[Path]:
    """Bulletin files under a folder, recursively, hidden files and folders skipped, sorted."""
    exts = vocab().inbox_extensions
    out = []
    for p in root.rglob("*"):
        rel = p.relative_to(root).parts
        if p.is_file() and p.suffix.lower() in exts and not any(part.startswith(".") for part in rel):
            out.append(p)
    return sorted(out)


def _unchanged(path: Path, inbox: dict[str, dict]) -> bool:
    """Same size and mtime as recorded: not even read (the recorded sha256 stands for it)."""
    entry = inbox.get(str(path))
    if not entry:
        return False
    st = path.stat()
    return entry.get("size") == st.st_size and entry.get("mtime_ns") == st.st_mtime_ns


def _discover_feed(url: str, state_dir: Path, settings: Settings, fetcher: Fetcher) -> list[SourceRef]:
    cache = read_state(state_dir, "http")
    entry = cache.get(url)
    result = fetcher(url, entry, settings)
    if result.status == "not_modified" and entry is not None:
        items = [(it["link"], it.get("title"), it.get("published")) for it in entry.get("items", [])]
    elif result.status == "ok" and result.raw is not None:
        try:
            parsed = feed_items(result.raw, result.final_url or url)
        except FeedError as exc:
            return [SourceRef("feed-item", url, url, feed=url, error=f"feed {url}: {exc}")]
        items = [(it.link, it.title, it.published) for it in parsed]
        cache[url] = {"etag": result.etag, "last_modified": result.last_modified, "fetched_at": _now().isoformat(),
                      "items": [{"link": it.link, "title": it.title, "published": it.published} for it in parsed]}
        write_state(state_dir, "http", cache)
    else:
        return [SourceRef("feed-item", url, url, feed=url, error=f"feed {url}: {result.reason or result.status}")]
    return [SourceRef("feed-item", link, link, feed=url, title=title, published=published)
            for link, title, published in items]


def discover(
    specs: list[str],
    state_dir: Path,
    settings: Settings | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> list[SourceRef]:
    """Expand source specs into refs to load, skipping inbox files unchanged since the last commit.

    A spec is a folder (its *.txt, *.html, *.htm, *.pdf files, recursively), a file,
    an http(s) URL, or a feed: `feed:URL`, or a URL whose path ends in .rss/.atom/.xml,
    /rss, /feed or /atom. Feeds are fetched here to list their items. A missing path
    is a configuration error and raises FileNotFoundError.
    """
    settings = settings or get_settings()
    fetcher = fetcher or fetch_once
    state_dir = Path(state_dir)
    inbox = read_state(state_dir, "inbox")
    refs: list[SourceRef] = []
    seen: set[tuple[str, str]] = set()

    def add(ref: SourceRef) -> None:
        if (ref.kind, ref.location) not in seen:
            seen.add((ref.kind, ref.location))
            refs.append(ref)

    for spec in specs:
        if is_url(spec):
            if is_feed_url(spec):
                url = spec.removeprefix(FEED_PREFIX)
                for ref in _discover_feed(url, state_dir, settings, fetcher):
                    add(ref)
            else:
                add(SourceRef("url", spec, spec))
            continue
        path = Path(spec).expanduser().resolve()
        if path.is_dir():
            files = _inbox_files(path)
        elif path.is_file():
            files = [path]
        else:
            raise FileNotFoundError(f"source not found: {spec} (expected a folder, a file or an http(s) URL)")
        for f in files:
            if not _unchanged(f, inbox):
                add(SourceRef("file", str(f), f.name))
    return refs


def _now() -> datetime:
    return datetime.now(UTC)


def _load_file(ref: SourceRef, settings: Settings) -> Document:
    path = Path(ref.location)
    try:
        st = path.stat()
        if st.st_size > settings.http_max_bytes:
            return quarantined(ref.name, ref.location,
                               f"too large: {st.st_size} bytes > limit {settings.http_max_bytes}")
        raw = path.read_bytes()
    except OSError as exc:
        return quarantined(ref.name, ref.location, f"unreadable file: {exc.strerror or exc}")
    try:
        given = user_meta(path)
    except SidecarError as exc:  # its own id, so the file is read again once the sidecar is fixed
        return quarantined(ref.name, ref.location, str(exc), raw + str(exc).encode("utf-8"), fetched_at=_now())
    doc = decode_bytes(raw, ref.name, source=ref.location)
    doc.fetched_at = _now()
    if doc.ok:
        prefer(doc, given)
    entry = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256_hex(raw)}
    doc.meta["state"] = StateUpdate("inbox", ref.location, entry).to_meta()
    return doc


def _load_url(ref: SourceRef, result: FetchResult) -> Document | None:
    if result.status == "not_modified":
        return None
    if result.status != "ok" or result.raw is None:
        return quarantined(ref.name, ref.location, result.reason or f"fetch {result.status}",
                           fetched_at=_now(), meta={"http_status": result.http_status})
    doc = decode_bytes(result.raw, ref.name, result.content_type, source=ref.location)
    doc.fetched_at = _now()
    fill(doc, feed_meta(ref.title, ref.published).merged(http_meta(result.last_modified, ref.location)))
    doc.meta.update({"http_status": result.http_status, "etag": result.etag, "last_modified": result.last_modified})
    if ref.feed:
        doc.meta["feed"] = ref.feed
    if result.final_url and result.final_url != ref.location:
        doc.meta["final_url"] = result.final_url
    entry = {"etag": result.etag, "last_modified": result.last_modified, "sha256": doc.doc_id,
             "fetched_at": doc.fetched_at.isoformat()}
    doc.meta["state"] = StateUpdate("http", ref.location, entry).to_meta()
    return doc


def load_batch(
    refs: list[SourceRef],
    state_dir: Path,
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
) -> list[Document]:
    """Read or fetch and decode a batch of refs; one bad source never fails the batch.

    URLs not modified since the last commit (HTTP 304) yield no document. A URL that
    cannot be fetched, and any unreadable content, yields a quarantined document.
    `fetcher` is how the Prefect task adds retries; the default tries once.
    """
    fetcher = fetcher or fetch_once
    cache = read_state(Path(state_dir), "http") if any(r.kind != "file" for r in refs) else {}
    docs: list[Document] = []
    for ref in refs:
        if ref.kind not in KINDS:
            raise ValueError(f"unknown source kind {ref.kind!r} for {ref.location}")
        if ref.error:
            docs.append(quarantined(ref.name, ref.location, ref.error, fetched_at=_now()))
        elif ref.kind == "file":
            docs.append(_load_file(ref, settings))
        else:
            doc = _load_url(ref, fetcher(ref.location, cache.get(ref.location), settings))
            if doc is not None:
                docs.append(doc)
    return docs

