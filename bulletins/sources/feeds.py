"""RSS/Atom feeds: the links of their items, each fetched later like any URL."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None = None
    published: str | None = None  # ISO date from the feed, a fallback for the page's own date


class FeedError(ValueError):
    """The bytes are not a feed with items."""


def feed_items(raw: bytes, base_url: str) -> list[FeedItem]:
    """Items of an RSS or Atom feed, links made absolute against the feed's URL, in feed order."""
    parsed = feedparser.parse(raw, response_headers={"content-location": base_url})
    if not parsed.entries and parsed.get("bozo"):
        raise FeedError(f"not a feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS/Atom feed (no version, no items)")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(base_url, link)
        if link in seen:
            continue
        seen.add(link)
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(link, entry.get("title"), time.strftime("%Y-%m-%d", when) if when else None))
    return items
