"""What is known about a document besides its text: publication date (possibly partial), title, URL, region.

Every source hands the extractor one `DocMeta`: the web format layer fills it from HTML meta
tags, feeds from item dates, HTTP from `Last-Modified`, the inbox from a sidecar file, the
CLI from `--date/--title/--region`. `date_source` says where the date came from, so the
`documents` table can tell a given date from one the extractor found in the text.

A date may be partial (`2024`, `2024-04`): a repost that only says which year it was
published still fixes 今年 and 上半年, while a day it does not give is never invented.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

#: Where a document's date came from, most trusted first: a user's word, the page or feed, the
#: HTTP server, the text itself (a dateline in the head, a signature at the end).
DATE_SOURCES = ("given", "sidecar", "html", "feed", "http", "text")
#: Sources whose date a date printed in the text overrides (a server's Last-Modified is when the
#: page was last touched, not when the bulletin was published).
WEAK_DATE_SOURCES = ("http",)
_PARTIAL = re.compile(r"^\s*((?:19|20)\d{2})(?:[-/.年]\s*(\d{1,2})(?:[-/.月]\s*(\d{1,2})日?)?月?)?年?\s*$")


@dataclass(frozen=True)
class PubDate:
    """A publication date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None:
            date(self.year, self.month or 0, self.day)  # raises ValueError for an impossible day
        elif self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")

    @classmethod
    def parse(cls, value: object) -> PubDate | None:
        """`2024-08-16`, `2024-08`, `2024`, `2024年8月16日`, a date or datetime; None for None or ''.

        Raises ValueError for text that is no date, so a typo in `--date` or a sidecar is reported.
        """
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        m = _PARTIAL.match(str(value))
        if not m:
            raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
        y, mo, d = m.groups()
        try:
            return cls(int(y), int(mo) if mo else None, int(d) if d else None)
        except ValueError as exc:
            raise ValueError(f"not a date: {value!r} ({exc})") from exc

    @property
    def full(self) -> date | None:
        """The calendar date when the day is known."""
        return date(self.year, self.month, self.day) if self.month and self.day else None

    def iso(self) -> str:
        """`2024-08-16`, `2024-08` or `2024`."""
        parts = [f"{self.year:04d}"] + [f"{x:02d}" for x in (self.month, self.day) if x is not None]
        return "-".join(parts)


@dataclass(frozen=True)
class DocMeta:
    """Metadata of one document; every field may be unknown."""

    date: PubDate | None = None
    date_source: str | None = None
    title: str | None = None
    url: str | None = None
    region: str | None = None

    def __post_init__(self) -> None:
        if self.date_source is not None and self.date_source not in DATE_SOURCES:
            raise ValueError(f"unknown date source {self.date_source!r}; use one of {DATE_SOURCES}")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str) -> DocMeta:
        """From a sidecar or manifest row (`date`, `title`, `url`, `region`); unknown keys are an error."""
        unknown = set(data) - {"date", "title", "url", "region"}
        if unknown:
            raise ValueError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
        pub = PubDate.parse(data.get("date"))
        return cls(
            date=pub,
            date_source=source if pub else None,
            title=(data.get("title") or None),
            url=(data.get("url") or None),
            region=(data.get("region") or None),
        )

    def merged(self, other: DocMeta) -> DocMeta:
        """This metadata with the gaps filled from `other` (self wins field by field)."""
        if self.date is None and other.date is not None:
            out = replace(self, date=other.date, date_source=other.date_source)
        else:
            out = self
        return replace(out, title=out.title or other.title, url=out.url or other.url,
                       region=out.region or other.region)
