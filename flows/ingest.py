"""The ingest flow: sources in, one validated and checked snapshot out.

It reads like the story of the data: discover sources, load and decode them in
batches, keep only documents the warehouse has not seen, extract facts,
validate them against the contract, check consistency over what the snapshot
will hold, commit one snapshot, then report (artifact, notifier).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, unmapped
from prefect.runtime import flow_run

from bulletins import ingest
from bulletins.ingest import batched, facts_frame
from bulletins.model import failed_at_least
from bulletins.settings import Settings, get_settings
from tasks.ingest import (
    commit_snapshot,
    extract_batch,
    known_documents,
    notify,
    publish_changes,
    publish_report,
    run_checks,
    stale_documents,
    validate_facts,
)
from tasks.sources import discover_sources, load_documents


class ChecksFailed(RuntimeError):
    """Raised after the commit when a check at or above `fail_on` failed, so the run is marked Failed."""

    def __init__(self, message: str, summary: dict[str, Any]) -> None:
        super().__init__(message)
        self.summary = summary


def make_task_runner(settings: Settings) -> Any:
    """Threads on one machine; Dask (prefect-dask) to scale out, on a LocalCluster or an existing scheduler."""
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.max_workers, "threads_per_worker": 1})
    if settings.runner != "thread":
        raise ValueError(f"unknown runner {settings.runner!r}: expected 'thread' or 'dask'")
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=settings.max_workers)


@flow(name="ingest-bulletins", task_runner=make_task_runner(get_settings()))
def ingest_bulletins(
    sources: list[str] | None = None, warehouse: str | None = None, fail_on: str | None = None,
    reprocess: bool = False,
) -> dict[str, Any]:
    """Ingest bulletins from folders, files, URLs and feeds into the warehouse as one snapshot.

    With `reprocess`, the same snapshot also re-extracts the stored documents whose facts
    another extractor version produced (after an upgrade), with a diff in `fact_changes`.
    """
    from bulletins.reprocess import diff_documents, failure_check
    from bulletins.sources import commit_state
    from bulletins.version import extractor_version
    from bulletins.warehouse import RunRecord

    logger = get_run_logger()
    settings = get_settings(warehouse=warehouse, fail_on=fail_on)
    specs = list(sources or settings.sources)
    root = Path(settings.warehouse).resolve()
    state_dir = root / "state"
    started = datetime.now(UTC)

    refs = discover_sources(specs, state_dir, settings)
    loaded = load_documents.map(batched(refs, settings.batch_size), unmapped(state_dir), unmapped(settings))
    documents = [doc for batch in loaded.result() for doc in batch]

    held, current_version, current = known_documents(root)
    fresh = []
    for doc in documents:
        if not held.is_known(doc):  # new bytes, or a revert to an older version of its source (A → B → A)
            held.doc_ids.add(doc.doc_id)
            held.latest[doc.source] = doc.doc_id
            fresh.append(doc)
    version = extractor_version()
    stale = []
    if reprocess:  # stored documents of another extractor, unless this run brings a new version of their source
        renewed = {d.source for d in fresh if d.ok}
        stale = [d for d in stale_documents(root, version) if d.source not in renewed]
    extracted = extract_batch.map(batched([d for d in fresh if d.ok] + stale, settings.batch_size)).result()
    stale_ids = {d.doc_id for d in stale}
    batch_docs = [d for b in extracted for d in b.documents]
    out_docs = [d for d in fresh if not d.ok] + [d for d in batch_docs if d.doc_id not in stale_ids]
    redone = [d for d in batch_docs if d.doc_id in stale_ids]
    facts = facts_frame(f for b in extracted for f in b.facts)

    texts = {d.doc_id: d.text for d in out_docs + redone if d.ok}
    valid, rejected = validate_facts(facts, texts)
    # the current facts a new ok version of their source, or a re-extraction, takes out of current_facts
    replaced = {current_version[d.source] for d in out_docs if d.ok and d.source in current_version}
    replaced |= {d.doc_id for d in redone if d.ok}
    results = rejected + run_checks(ingest.snapshot_facts(current, valid, replaced))
    results += [failure_check(d) for d in redone if not d.ok]
    changes = diff_documents(redone, current.filter(pl.col("doc_id").is_in(sorted(stale_ids))),
                             valid.filter(pl.col("doc_id").is_in(sorted(stale_ids))), version) if redone else []

    run = RunRecord(
        run_id=None, started_at=started, sources=specs, flow_run_id=flow_run.get_id(),
        documents_seen=len(documents), extractor_version=version,
    )
    commit = commit_snapshot(root, run, out_docs, valid, results, redone, changes)
    commit_state(state_dir, documents)

    failures = failed_at_least(results, "info")
    summary: dict[str, Any] = {
        "run_id": commit.run_id,
        "snapshot_id": commit.snapshot_id,
        "warehouse": str(root),
        "documents_seen": len(documents),
        "new_documents": commit.new_documents,
        "changed_documents": commit.changed_documents,
        "quarantined": commit.quarantined,
        "new_facts": commit.new_facts,
        "rejected_facts": len(rejected),
        "extractor_version": version,
        "reprocessed_documents": commit.reprocessed_documents,
        "reprocess_failed": sum(not d.ok for d in redone),
        "facts_added": sum(c["change"] == "added" for c in changes),
        "facts_removed": sum(c["change"] == "removed" for c in changes),
        "facts_changed": sum(c["change"] == "changed" for c in changes),
        "checks_passed": sum(r.passed for r in results),
        "checks_failed": {s: sum(r.severity == s for r in failures) for s in ("error", "warn", "info")},
    }
    logger.info("run %s committed snapshot %s: %s", commit.run_id, commit.snapshot_id, summary)
    # The snapshot is committed: reporting may fail, the run may not (return_state keeps a task's error).
    reports = [publish_changes(redone, changes, summary, return_state=True)] if redone else []
    for state in (
        *reports,
        publish_report(results, summary, return_state=True),
        notify(results, settings.notify_url, settings.notify_format, settings.notify_min_severity, summary,
               return_state=True),
    ):
        if not state.is_completed():
            logger.warning("after the commit, %s: %s", state.name, state.message)
    blocking = failed_at_least(results, settings.fail_on) if settings.fail_on else []
    if blocking:
        raise ChecksFailed(
            f"{len(blocking)} checks at severity >= {settings.fail_on} failed "
            f"(run {commit.run_id}; see `bulletins checks --run {commit.run_id}`)",
            summary,
        )
    return summary
