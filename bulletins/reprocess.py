"""Re-extraction after an upgrade: stored texts extracted again by the running extractor, with a diff.

A document is stored once per content hash and was extracted by the extractor of its
day (`extractor_version`: package version + hash of the lexicons, catalog and extractor
code). When the extractor changes, `reprocess` extracts the stored text of every current
document whose facts came from another version, validates the new facts against the
contract, runs the consistency checks over what the snapshot will hold, and commits it
all as one snapshot: the old facts leave `current_facts` and `indicators` (time travel
still reaches them) and `fact_changes` records, per document, the facts added, removed
and changed. Nothing is committed when every document is current.

Plain functions, no Prefect: `bulletins reprocess` runs them directly (fast when there is
nothing to do), the ingest flow runs the same steps as tasks (`ingest --reprocess`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from bulletins.model import CheckResult, Document
from bulletins.warehouse import DIFF_FIELDS, CommitResult, RunRecord, Warehouse

#: The check result of a stored text the running extractor fails on (its old facts stay current).
FAILED_CHECK = "reextraction_failed"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["span_start"] < b["span_end"] and b["span_start"] < a["span_end"]


def match_facts(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> list[tuple[dict | None, dict | None]]:
    """Pair the old and new facts of one document by a stable key: span and measure.

    First the same span and measure (the same `fact_id`), then the same start and measure
    (a unit read further: `5万` → `5万亩`), then overlapping spans with the same measure.
    Unpaired old facts are removed, unpaired new ones added.
    """
    pairs: list[tuple[dict | None, dict | None]] = []
    left, right = list(old), list(new)
    keys = (
        lambda f: (f["span_start"], f["span_end"], f["measure"]),
        lambda f: (f["span_start"], f["measure"]),
    )
    for key in keys:
        by_key: dict[Any, list[dict]] = {}
        for f in right:
            by_key.setdefault(key(f), []).append(f)
        rest = []
        for f in left:
            candidates = by_key.get(key(f))
            if candidates:
                pairs.append((f, candidates.pop(0)))
            else:
                rest.append(f)
        taken = {id(n) for _, n in pairs}
        left, right = rest, [f for f in right if id(f) not in taken]
    rest = []
    for f in left:
        partner = next((n for n in right if n["measure"] == f["measure"] and _overlap(f, n)), None)
        if partner is None:
            rest.append(f)
        else:
            right.remove(partner)
            pairs.append((f, partner))
    pairs += [(f, None) for f in rest] + [(None, n) for n in right]
    return pairs


def diff_facts(doc: Document, old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """`fact_changes` rows for one document: added, removed and changed facts (unchanged ones give none)."""
    rows = []
    for before, after in match_facts(old, new):
        fields = [] if before is None or after is None else [
            name for name in DIFF_FIELDS if not _same(before.get(name), after.get(name))]
        if before is not None and after is not None and not fields and (
                before["span_start"], before["span_end"]) == (after["span_start"], after["span_end"]):
            continue
        if before is not None and after is not None and not fields:
            fields = ["span"]
        base = after if after is not None else before
        assert base is not None
        row: dict[str, Any] = {
            "doc_id": doc.doc_id,
            "doc": doc.doc,
            "change": "added" if before is None else "removed" if after is None else "changed",
            "fact_id": base["fact_id"],
            "old_fact_id": before["fact_id"] if before is not None else None,
            "span_start": base["span_start"],
            "span_end": base["span_end"],
            "measure": base["measure"],
            "fields": fields,
            "sentence": base["sentence"],
            "old_extractor_version": before.get("extractor_version") if before is not None else None,
            "new_extractor_version": after.get("extractor_version") if after is not None else None,
            "message": None,
        }
        for name in DIFF_FIELDS:
            row[f"old_{name}"] = before.get(name) if before is not None else None
            row[f"new_{name}"] = after.get(name) if after is not None else None
        rows.append(row)
    return sorted(rows, key=lambda r: (r["span_start"], r["change"]))


def failure_row(doc: Document, old_version: str | None, new_version: str) -> dict[str, Any]:
    """The `fact_changes` row of a document the extractor failed on: its facts stay as they were."""
    return {"doc_id": doc.doc_id, "doc": doc.doc, "change": "failed", "fields": [], "message": doc.reason,
            "old_extractor_version": old_version, "new_extractor_version": new_version}


def failure_check(doc: Document) -> CheckResult:
    """An error result for the run (it shows in `alerts`), naming the document and the reason."""
    return CheckResult(check=FAILED_CHECK, severity="error", passed=False,
                       message=f"{doc.doc}: {doc.reason}; its facts of the previous extractor stay current",
                       docs=[doc.doc])


@dataclass
class Reextraction:
    """What re-extracting stored documents produced, before anything is committed."""

    documents: list[Document]  # the re-extracted documents; status "quarantined" = the extractor failed
    facts: pl.DataFrame  # the valid new facts (contract rejects excluded)
    rejected: list[CheckResult]  # contract failures
    checks: list[CheckResult]  # consistency checks over the snapshot, failures of the extractor included
    changes: list[dict[str, Any]]  # fact_changes rows

    @property
    def failed(self) -> list[Document]:
        return [d for d in self.documents if not d.ok]


def diff_documents(
    documents: Sequence[Document], old_facts: pl.DataFrame, new_facts: pl.DataFrame, version: str
) -> list[dict[str, Any]]:
    """fact_changes rows of every re-extracted document (old = its stored facts, new = the valid new ones)."""
    old_by_doc: dict[str, list[dict]] = {}
    for row in old_facts.to_dicts():
        old_by_doc.setdefault(row["doc_id"], []).append(row)
    new_by_doc: dict[str, list[dict]] = {}
    for row in new_facts.to_dicts():
        new_by_doc.setdefault(row["doc_id"], []).append(row)
    changes = []
    for doc in documents:
        old = old_by_doc.get(doc.doc_id, [])
        if doc.ok:
            changes += diff_facts(doc, old, new_by_doc.get(doc.doc_id, []))
        else:
            old_version = next((r["extractor_version"] for r in old), None)
            changes.append(failure_row(doc, old_version, version))
    return changes


def reextract(documents: Sequence[Document], current: pl.DataFrame, version: str) -> Reextraction:
    """Extract, validate and check stored documents again, as an ingestion would; computes the diff."""
    from bulletins.checks import run_checks
    from bulletins.ingest import extract_documents, facts_frame, snapshot_facts
    from schemas.facts import validate_facts

    batch = extract_documents(list(documents))
    facts = facts_frame(batch.facts)
    texts = {d.doc_id: d.text for d in batch.documents if d.ok}
    valid, rejected = validate_facts(facts, texts)
    redone = {d.doc_id for d in batch.documents if d.ok}
    checks = rejected + run_checks(snapshot_facts(current, valid, redone))
    failed = [d for d in batch.documents if not d.ok]
    checks += [failure_check(d) for d in failed]
    old = current.filter(pl.col("doc_id").is_in(sorted({d.doc_id for d in batch.documents})))
    return Reextraction(documents=batch.documents, facts=valid, rejected=rejected, checks=checks,
                        changes=diff_documents(batch.documents, old, valid, version))


@dataclass
class ReprocessResult:
    """What `reprocess` did (or, on a dry run, would do)."""

    warehouse: Path
    extractor_version: str
    stale: list[Document] = field(default_factory=list)
    reextraction: Reextraction | None = None
    commit: CommitResult | None = None
    dry_run: bool = False
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """Counts for the CLI, the flow's return value and the Prefect artifact."""
        changes = self.reextraction.changes if self.reextraction else []
        counts = {c: sum(r["change"] == c for r in changes) for c in ("added", "removed", "changed", "failed")}
        return {
            "warehouse": str(self.warehouse),
            "extractor_version": self.extractor_version,
            "stale_documents": len(self.stale),
            "reprocessed_documents": len(self.stale) - counts["failed"],
            "failed_documents": counts["failed"],
            "facts_added": counts["added"],
            "facts_removed": counts["removed"],
            "facts_changed": counts["changed"],
            "rejected_facts": len(self.reextraction.rejected) if self.reextraction else 0,
            "run_id": self.commit.run_id if self.commit else None,
            "snapshot_id": self.commit.snapshot_id if self.commit else None,
            "dry_run": self.dry_run,
        }


def reprocess(
    warehouse: Path | str, select: Sequence[str] = (), dry_run: bool = False, flow_run_id: str | None = None
) -> ReprocessResult:
    """Re-extract the current documents of another extractor version and commit them as one snapshot.

    Returns without committing (and without reading any text) when every selected
    document is current; a dry run computes the diff and commits nothing.
    """
    from bulletins.version import extractor_version

    started = datetime.now(UTC)
    version = extractor_version()
    root = Path(warehouse).expanduser().resolve()
    wh = Warehouse.open_readonly(root) if dry_run else Warehouse(root)
    result = ReprocessResult(warehouse=root, extractor_version=version, dry_run=dry_run)
    result.stale = wh.stale_documents(version, select)
    if not result.stale:
        return _timed(result, started)
    result.reextraction = reextract(result.stale, wh.current_facts(), version)
    if not dry_run:
        run = RunRecord(run_id=None, started_at=started, sources=[], flow_run_id=flow_run_id,
                        documents_seen=len(result.stale), kind="reprocess", extractor_version=version)
        rx = result.reextraction
        result.commit = wh.commit_run(run, [], rx.facts, rx.checks, reextracted=rx.documents, changes=rx.changes)
    return _timed(result, started)


def _timed(result: ReprocessResult, started: datetime) -> ReprocessResult:
    result.seconds = (datetime.now(UTC) - started).total_seconds()
    return result


# --- printing ------------------------------------------------------------------------------------

_SIGN = {"added": "+", "removed": "-", "changed": "~", "failed": "!"}


def _fmt(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def change_line(row: dict[str, Any]) -> str:
    """One diff row, readable: sign, quote, span, measure, then what changed (or the new/old fact)."""
    if row["change"] == "failed":
        return f"  ! extractor failed: {row['message']} (its facts stay as they were)"
    side = "old" if row["change"] == "removed" else "new"
    head = f"  {_SIGN[row['change']]} {row[f'{side}_quote']} [{row['span_start']}:{row['span_end']}] {row['measure']}"
    if row["change"] == "changed":
        parts = [f"{name}: {_fmt(row.get(f'old_{name}'))} → {_fmt(row.get(f'new_{name}'))}"
                 for name in row["fields"] if name != "span"]
        return head + "  " + ("; ".join(parts) or "span moved")
    fact = " ".join(_fmt(row[f"{side}_{name}"]) for name in ("indicator", "region", "period", "value", "unit",
                                                                "status"))
    return f"{head}  {fact}"


def format_changes(documents: Iterable[Document], changes: Sequence[dict[str, Any]],
                   unchanged: dict[str, int] | None = None) -> str:
    """The diff per document, as `bulletins reprocess` prints it."""
    by_doc: dict[str, list[dict]] = {}
    for row in changes:
        by_doc.setdefault(row["doc_id"], []).append(row)
    lines = []
    for doc in documents:
        rows = by_doc.get(doc.doc_id, [])
        counts = {c: sum(r["change"] == c for r in rows) for c in ("added", "removed", "changed")}
        tail = f", {unchanged[doc.doc_id]} unchanged" if unchanged and doc.doc_id in unchanged else ""
        state = "FAILED" if not doc.ok else (
            f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed{tail}")
        lines.append(f"{doc.doc}  ({doc.doc_id[:12]}): {state}")
        lines += [change_line(r) for r in rows]
    return "\n".join(lines) + ("\n" if lines else "")


def unchanged_counts(rx: Reextraction) -> dict[str, int]:
    """New facts per document that the diff does not mention (same fact, same fields)."""
    touched: dict[str, int] = {}
    for row in rx.changes:
        if row["change"] in ("added", "changed"):
            touched[row["doc_id"]] = touched.get(row["doc_id"], 0) + 1
    totals = rx.facts.group_by("doc_id").len().to_dicts() if rx.facts.height else []
    return {r["doc_id"]: r["len"] - touched.get(r["doc_id"], 0) for r in totals}


#: Diff rows listed in the markdown artifact and the table artifact; `fact_changes` has them all.
ARTIFACT_MAX_LINES = 200
ARTIFACT_MAX_ROWS = 1000


def changes_markdown(documents: Sequence[Document], changes: Sequence[dict[str, Any]],
                     run_info: dict[str, Any]) -> str:
    """The re-extraction diff for a Prefect markdown artifact."""
    counts = {c: sum(r["change"] == c for r in changes) for c in ("added", "removed", "changed", "failed")}
    head = [
        f"# Re-extraction: run {run_info.get('run_id')}, snapshot {run_info.get('snapshot_id')}",
        "",
        f"{len(documents)} documents re-extracted by `{run_info.get('extractor_version')}`: "
        f"{counts['added']} facts added, {counts['removed']} removed, {counts['changed']} changed, "
        f"{counts['failed']} documents failed.",
        "",
        f"All rows: `bulletins query \"select * from fact_changes where run_id = {run_info.get('run_id')}\"`",
        "",
        "```",
    ]
    body = format_changes(documents, changes).splitlines()
    if len(body) > ARTIFACT_MAX_LINES:
        body = [*body[:ARTIFACT_MAX_LINES], f"… {len(body) - ARTIFACT_MAX_LINES} more lines in fact_changes"]
    return "\n".join(head + body + ["```", ""])


def changes_table(changes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows for a Prefect table artifact: document, change, fact and the fields that changed."""
    rows = []
    for r in list(changes)[:ARTIFACT_MAX_ROWS]:
        side = "old" if r["change"] == "removed" else "new"
        rows.append({
            "doc": r["doc"], "change": r["change"], "quote": r.get(f"{side}_quote"), "span_start": r.get("span_start"),
            "measure": r.get("measure"), "fields": ", ".join(r.get("fields") or []),
            "old_value": r.get("old_value"), "new_value": r.get("new_value"),
            "old_indicator": r.get("old_indicator"), "new_indicator": r.get("new_indicator"),
            "message": r.get("message"),
        })
    return rows
