"""The contracts every stage shares: documents, facts, check results.

These are plain dataclasses so the domain code stays free of Prefect and of
DataFrame libraries; `schemas/` holds the pandera models that validate the same
fields once they are in a polars DataFrame.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bulletins.version import extractor_version

if TYPE_CHECKING:
    from bulletins.extract.meta import DocMeta

MEASURES = ("level", "change", "share", "ratio")
STATUSES = ("actual", "estimate", "target")
QUALIFIERS = ("exact", "approx", "min", "max")
SEVERITIES = ("error", "warn", "info")
DOC_STATUSES = ("ok", "quarantined")

#: Column order of the fact contract (README "Fact contract"; schemas.facts.FactSchema).
FACT_FIELDS = (
    "fact_id",
    "doc_id",
    "doc",
    "span_start",
    "span_end",
    "quote",
    "sentence",
    "indicator",
    "indicator_code",
    "region",
    "region_code",
    "period",
    "measure",
    "value",
    "unit",
    "value_base",
    "unit_base",
    "status",
    "qualifier",
    "compare_to",
    "extractor_version",
    "snapshot_id",
)


def failed_at_least(results: Iterable[CheckResult], min_severity: str) -> list[CheckResult]:
    """Failed results of `min_severity` or worse (error > warn > info).

    One rule for `--fail-on`, the notifier and the run summary, so they never disagree.
    """
    if min_severity not in SEVERITIES:
        raise ValueError(f"unknown severity {min_severity!r}; use one of {SEVERITIES}")
    worst = SEVERITIES[: SEVERITIES.index(min_severity) + 1]
    return [r for r in results if not r.passed and r.severity in worst]


def sha256_hex(data: bytes) -> str:
    """Content hash used as `doc_id`: the same bytes are the same document everywhere."""
    return hashlib.sha256(data).hexdigest()


def make_fact_id(doc_id: str, span_start: int, span_end: int, measure: str) -> str:
    """Deterministic fact id, so re-extracting a document yields the same ids."""
    key = f"{doc_id}:{span_start}:{span_end}:{measure}".encode()
    return hashlib.sha256(key).hexdigest()[:24]


@dataclass
class Fact:
    """One quantity fact (see ../shared/gold/SPEC.md); `value` is None for a blank in the source."""

    doc_id: str
    doc: str
    span_start: int
    span_end: int
    quote: str
    sentence: str
    indicator: str
    measure: str
    value: float | None
    unit: str
    indicator_code: str | None = None
    region: str | None = None
    region_code: str | None = None  # 6-digit administrative division code; None for 全国/全球/no region
    period: str | None = None
    value_base: float | None = None
    unit_base: str = ""
    status: str = "actual"
    qualifier: str = "exact"
    compare_to: str | None = None
    #: the extractor that made the fact (bulletins.version); the running one unless given
    extractor_version: str = field(default_factory=extractor_version)
    fact_id: str = ""
    snapshot_id: int | None = None

    def __post_init__(self) -> None:
        if not self.fact_id:
            self.fact_id = make_fact_id(self.doc_id, self.span_start, self.span_end, self.measure)

    def to_dict(self) -> dict[str, Any]:
        """The fact as a plain dict in contract column order."""
        d = asdict(self)
        return {k: d[k] for k in FACT_FIELDS}


@dataclass
class Document:
    """A bulletin as read from its source; `text` is the stored text every span points into.

    A document that could not be read has status "quarantined", a `reason`, and an
    empty `text`; its `doc_id` is the hash of its raw bytes, or of its source string
    when no bytes could be obtained.
    """

    doc_id: str
    doc: str  # file name, or the URL for web sources
    source: str  # full path or URL
    text: str = ""
    title: str | None = None
    pub_date: date | None = None  # the document's own date when its day is known (page metadata, text, user)
    published: str | None = None  # the same date as known, possibly partial: 2024-04-15, 2024-04 or 2024
    date_source: str | None = None  # where the date came from (bulletins.extract.meta.DATE_SOURCES)
    url: str | None = None  # the page's address, from the source or the user's metadata
    region: str | None = None  # the area the user says the document is about (sidecar, --region)
    format: str = "txt"  # txt | html | pdf
    encoding: str | None = None
    status: str = "ok"
    reason: str | None = None
    fetched_at: datetime | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. etag, last_modified, content_type

    def doc_meta(self) -> DocMeta:
        """What the source knows about the document, as the extractor takes it."""
        from bulletins.extract.meta import DocMeta, PubDate

        # a date the extractor found in the text is found again (the extractor may read it better now)
        pub = None if self.date_source == "text" else PubDate.parse(self.published or self.pub_date)
        return DocMeta(date=pub, date_source=(self.date_source or "given") if pub else None, title=self.title,
                       url=self.url, region=self.region)

    def set_meta(self, meta: DocMeta) -> None:
        """Record the metadata extraction settled on (a date found in the text fills an unknown one)."""
        self.title = meta.title or self.title
        self.published = meta.date.iso() if meta.date else None
        self.pub_date = meta.date.full if meta.date else None
        self.date_source = meta.date_source if meta.date else None
        self.url = meta.url or self.url
        self.region = meta.region or self.region

    @property
    def ok(self) -> bool:
        """Readable: only ok documents are extracted and have facts."""
        return self.status == "ok"


@dataclass
class CheckResult:
    """One evaluated consistency check on one subject (passed or failed)."""

    check: str
    severity: str  # error | warn | info
    passed: bool
    message: str
    indicator: str | None = None
    region: str | None = None
    period: str | None = None
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    tolerance: float | None = None
    fact_ids: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The result as a plain dict (warehouse rows, webhook payloads)."""
        return asdict(self)
