"""Document metadata from outside the text: the inbox sidecar, feed items, HTTP headers.

Each source turns what it knows into a `DocMeta` and the document keeps the most trusted
date (`DocMeta.merged`: the first one wins field by field). A user's sidecar beats the page's
own meta tags; a feed item's date and the server's `Last-Modified` only fill gaps, and the
extractor lets a date printed in the text beat `Last-Modified`.
"""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime
from pathlib import Path

import yaml

from bulletins.extract.meta import DocMeta, PubDate
from bulletins.model import Document
from bulletins.sources.vocab import vocab


class SidecarError(ValueError):
    """A sidecar that cannot be read or says something that is not metadata."""


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of a document file (`report.meta.json` or `report.txt.meta.json`), if there is one.

    Two sidecars for one file are an error: which one the user meant cannot be told.
    """
    found = [c for suffix in vocab().sidecar_suffixes
             for c in (path.with_name(path.stem + suffix), path.with_name(path.name + suffix)) if c.is_file()]
    if len(found) > 1:
        raise SidecarError(f"two metadata files for {path.name}: {', '.join(p.name for p in found)}")
    return found[0] if found else None


def read_sidecar(path: Path) -> DocMeta:
    """Parse one sidecar (JSON or YAML mapping of date, title, url, region)."""
    try:
        raw = path.read_text(encoding="utf-8")
        # YAML read as plain strings: `date: 2024-08-16` stays the text the user wrote (no implicit timestamp)
        data = json.loads(raw) if path.suffix == ".json" else yaml.load(raw, Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise SidecarError(f"metadata file {path.name} unreadable: {exc}") from exc
    if data is None:
        return DocMeta()
    if not isinstance(data, dict):
        raise SidecarError(f"metadata file {path.name} is not a mapping of date/title/url/region")
    try:
        return DocMeta.from_mapping({k: (None if v is None else str(v)) for k, v in data.items()}, source="sidecar")
    except ValueError as exc:
        raise SidecarError(f"metadata file {path.name}: {exc}") from exc


def user_meta(path: Path) -> DocMeta | None:
    """The sidecar metadata of a file, None without a sidecar; raises SidecarError for a bad one."""
    side = sidecar_path(path)
    return read_sidecar(side) if side else None


def http_meta(last_modified: str | None, url: str | None) -> DocMeta:
    """What an HTTP response says: its URL, and `Last-Modified` as a weak date."""
    when = None
    if last_modified:
        try:
            when = PubDate.parse(parsedate_to_datetime(last_modified))
        except (TypeError, ValueError):  # a malformed header is no date, not a failure
            when = None
    return DocMeta(date=when, date_source="http" if when else None, url=url)


def feed_meta(title: str | None, published: str | None) -> DocMeta:
    """A feed item's title and date (it fills what the page itself does not say)."""
    try:
        when = PubDate.parse(published)
    except ValueError:
        when = None
    return DocMeta(date=when, date_source="feed" if when else None, title=title)


def prefer(doc: Document, meta: DocMeta | None) -> None:
    """Let `meta` (a more trusted source: the user's) win over what the document already knows."""
    if meta is not None:
        doc.set_meta(meta.merged(doc.doc_meta()))


def fill(doc: Document, meta: DocMeta) -> None:
    """Let `meta` (a less trusted source: feed, HTTP) fill only what the document does not know."""
    doc.set_meta(doc.doc_meta().merged(meta))
