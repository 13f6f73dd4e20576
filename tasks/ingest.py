"""Tasks of the ingest flow after the documents are loaded: extract, validate, check, commit, report.

Each takes a batch (never one fact or one sentence: a task costs ~10-15 ms) and
only calls plain functions; no DuckDB connection crosses a task boundary, so
the same tasks run on threads or on Dask workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from bulletins import ingest
from bulletins.model import CheckResult, Document

if TYPE_CHECKING:  # the warehouse (duckdb) is imported only by the tasks that use it
    from bulletins.warehouse import CommitResult, Holdings, RunRecord


@task(name="extract-batch")
def extract_batch(documents: list[Document]) -> ingest.ExtractionBatch:
    """Extract the facts of a batch of documents (quarantining any the extractor fails on)."""
    return ingest.extract_documents(documents)


@task(name="validate-facts")
def validate_facts(facts: pl.DataFrame, texts: dict[str, str]) -> tuple[pl.DataFrame, list[CheckResult]]:
    """Enforce the fact contract row by row; rejected rows come back as error check results."""
    from schemas.facts import validate_facts as validate

    return validate(facts, texts)


@task(name="run-checks")
def run_checks(facts: pl.DataFrame) -> list[CheckResult]:
    """Consistency checks over the facts the snapshot will hold."""
    from bulletins.checks import run_checks as checks

    return checks(facts)


@task(name="known-documents")
def known_documents(warehouse: Path) -> tuple[Holdings, dict[str, str], pl.DataFrame]:
    """What the warehouse already holds: its documents, the current (latest ok) version per source, current facts."""
    from bulletins.warehouse import Warehouse

    with Warehouse(warehouse) as wh:
        return wh.holdings(), wh.latest_versions(ok_only=True), wh.current_facts()


@task(name="stale-documents")
def stale_documents(warehouse: Path, version: str) -> list[Document]:
    """Current documents whose facts another extractor version produced (with their stored text)."""
    from bulletins.warehouse import Warehouse

    with Warehouse(warehouse) as wh:
        return wh.stale_documents(version)


@task(name="commit-snapshot")
def commit_snapshot(
    warehouse: Path, run: RunRecord, documents: list[Document], facts: pl.DataFrame, checks: list[CheckResult],
    reextracted: list[Document] | None = None, changes: list[dict[str, Any]] | None = None,
) -> CommitResult:
    """Write documents, facts (re-extracted ones too), check results, fact changes and the run as one snapshot."""
    from bulletins.warehouse import Warehouse

    with Warehouse(warehouse) as wh:
        return wh.commit_run(run, documents, facts, checks, reextracted=reextracted or (), changes=changes or ())


@task(name="publish-changes")
def publish_changes(documents: list[Document], changes: list[dict[str, Any]], run_info: dict[str, Any]) -> None:
    """The re-extraction diff as Prefect artifacts: a markdown summary per document and a table of the rows."""
    from bulletins.reprocess import changes_markdown, changes_table

    create_markdown_artifact(
        key="bulletins-reprocess-diff", markdown=changes_markdown(documents, changes, run_info),
        description="bulletin-indicators: facts added, removed and changed by re-extraction",
    )
    rows = changes_table(changes)
    if rows:
        create_table_artifact(key="bulletins-fact-changes", table=rows,
                              description="fact_changes rows of this run (first 1000)")


@task(name="publish-report")
def publish_report(results: list[CheckResult], run_info: dict[str, Any]) -> None:
    """Markdown summary and a table of failed checks as Prefect artifacts (keyed, so they version)."""
    from bulletins.report import markdown_report, table_rows

    create_markdown_artifact(
        key="bulletins-run-summary", markdown=markdown_report(results, run_info),
        description="bulletin-indicators: ingestion run summary and data-quality results",
    )
    rows = table_rows([r for r in results if not r.passed])
    if rows:
        create_table_artifact(
            key="bulletins-check-failures", table=rows, description="failed data-quality checks of this run"
        )


@task(name="notify")
def notify(results: list[CheckResult], url: str | None, fmt: str, min_severity: str,
           run_info: dict[str, Any]) -> bool:
    """Post failed checks to the configured webhook; a failing notifier never fails the run."""
    if not url:
        return False
    from bulletins.notify import notify as post

    delivered = post(results, url, fmt=fmt, min_severity=min_severity, run_info=run_info)
    if not delivered:
        get_run_logger().warning("notifier could not deliver to %s", url)
    return delivered
