"""Plain functions the ingest flow is made of, testable without Prefect.

The flow in `flows/ingest.py` only decides what runs where (batches, task
runner); everything that touches data is here or in the stage modules.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import polars as pl

from bulletins.model import FACT_FIELDS, Document, Fact
from bulletins.warehouse import FACT_SCHEMA

log = logging.getLogger(__name__)
T = TypeVar("T")



def batched(items: Sequence[T], size: int) -> list[list[T]]:
    """Split work into batches: Prefect tasks cost ~10-15 ms each, so a task takes many documents."""
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def facts_frame(rows: Iterable[Fact | dict[str, Any]]) -> pl.DataFrame:
    """Facts as a polars DataFrame in contract column order and dtypes."""
    dicts = [r.to_dict() if isinstance(r, Fact) else r for r in rows]
    return pl.DataFrame(dicts, schema=FACT_SCHEMA)


def first_line(text: str, limit: int = 120) -> str | None:
    """A fallback title: the first non-empty line (headlines come first in bulletins)."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:limit]
    return None


@dataclass
class ExtractionBatch:
    """What extracting one batch of documents produced."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # with title/pub_date filled, or quarantined


def extract_documents(documents: Sequence[Document]) -> ExtractionBatch:
    """Extract every ok document; a document the extractor fails on is quarantined with the reason.

    One bad document must not cost the batch, so the failure is recorded on the
    document (status, reason) and shows in the warehouse's `quarantine` view.
    """
    from bulletins.extract import extract_document

    out = ExtractionBatch()
    for doc in documents:
        if doc.ok:
            doc.title = doc.title or first_line(doc.text)
            try:
                facts, meta = extract_document(doc.text, doc=doc.doc, doc_id=doc.doc_id, meta=doc.doc_meta())
                doc.set_meta(meta)
            except Exception as exc:
                log.exception("extraction failed for %s", doc.source)
                doc.status, doc.reason = "quarantined", f"extraction failed: {type(exc).__name__}: {exc}"
            else:
                out.facts.extend(f.to_dict() for f in facts)
        out.documents.append(doc)
    return out


def snapshot_facts(current: pl.DataFrame, new: pl.DataFrame, replaced_doc_ids: set[str]) -> pl.DataFrame:
    """The facts the next snapshot will hold: current facts minus superseded versions, plus the new ones."""
    keep = current.filter(~pl.col("doc_id").is_in(sorted(replaced_doc_ids))) if replaced_doc_ids else current
    return pl.concat([keep.select(FACT_FIELDS).cast(FACT_SCHEMA), new.select(FACT_FIELDS).cast(FACT_SCHEMA)])

