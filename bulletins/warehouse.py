"""The indicator warehouse: a DuckLake (DuckDB catalog file + Parquet data files) with snapshots.

This module is the only writer of the warehouse (STYLE.md item 8): it owns the tables
(`documents`, `facts`, `check_results`, `runs`), the views (`current_facts`, `indicators`,
`alerts`, `quarantine`, `series`, `indicator_catalog`) and every snapshot.

Guarantees, and how they are kept:

* **One run, one snapshot.** `Warehouse.commit_run` writes the run's documents, facts,
  check results and its `runs` row inside one `BEGIN … COMMIT`; DuckLake turns one
  committed transaction into exactly one snapshot. A run that adds no documents still
  commits one snapshot holding just its `runs` row and its check results, so every run
  leaves a trace and `alerts` always describes the latest run.
* **All or nothing.** Parquet files are written during the transaction but only become
  part of the lake when the catalog commit succeeds (the catalog is a DuckDB file with a
  write-ahead log). An exception, or a killed process, before `COMMIT` leaves the last
  good snapshot untouched; the orphaned Parquet files are deleted by the next writer.
* **Idempotent by content.** A document whose `doc_id` (sha256 of its raw bytes) is
  already stored is skipped together with its facts. A known `source` arriving with a
  new `doc_id` is stored as a new version (`version` = previous + 1, `supersedes` = the
  previous doc_id); older versions and their facts stay for history but leave
  `current_facts` and `indicators`. Quarantined documents are versions too (so the user
  sees them in `quarantine`), but they never hide the facts of the latest *ok* version.
* **One writer, many readers.** Commits hold an exclusive file lock (`.writer.lock`);
  a second writer waits up to `lock_timeout` seconds, then gets `WarehouseBusyError`.
  A DuckDB catalog file can be open read-write by one process or read-only by many, so
  this class never keeps it open: every call attaches, works and detaches, and retries
  for up to `busy_timeout` seconds while another process holds the file.

Views (created in the lake, so any DuckDB client sees them):

* `current_facts` — the facts of the latest *ok* version of each source, plus
  source, pub_date, doc_version;
* `indicators` — per (indicator, region, period, measure, status) and unit family
  (`unit_base`: a change in % and one in 个百分点 are two quantities, 亿元 and 万元 one),
  NULLs grouped together, the latest non-blank value (newest pub_date, then newest snapshot, then
  first mention) with its provenance, and `n_facts` = how many current facts share
  the key (more than one means several bulletins or mentions reported it);
* `alerts` — the failed checks of the latest run (by snapshot), most severe first;
* `quarantine` — quarantined documents with their reason; `resolved` is true once a
  later ok version of the same source is stored;
* `series` — per coded fact key of the `source_conflict` check (code, region, period, measure,
  status, comparison base, unit family) the latest value (as `indicators` orders it) with its
  provenance, the number of sources, the distinct values stated and the check's `conflict` verdict;
* `indicator_catalog` — the catalog's codes, names and aliases (both built from data files, see
  `derived_views`).

`Warehouse.connect_snippet()` gives the exact SQL to open the warehouse read-only from
the plain `duckdb` CLI (same DuckDB version, 1.5.5) or Python API
(`duckdb.connect().execute(snippet)`); readers of other DuckDB versions cannot load
the extension file.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import polars as pl

from bulletins.model import DOC_STATUSES, FACT_FIELDS, SEVERITIES, CheckResult, Document
from bulletins.version import extractor_version

CATALOG_FILE = "catalog.ducklake"
DATA_DIR = "data"
LOCK_FILE = ".writer.lock"
LAKE = "lake"  # the name the lake is attached under, in our connections and in the README snippet

# --- table layouts -------------------------------------------------------------------------------

FACT_TYPES: dict[str, str] = {
    "fact_id": "VARCHAR",
    "doc_id": "VARCHAR",
    "doc": "VARCHAR",
    "span_start": "INTEGER",
    "span_end": "INTEGER",
    "quote": "VARCHAR",
    "sentence": "VARCHAR",
    "indicator": "VARCHAR",
    "indicator_code": "VARCHAR",
    "region": "VARCHAR",
    "region_code": "VARCHAR",
    "period": "VARCHAR",
    "measure": "VARCHAR",
    "value": "DOUBLE",
    "unit": "VARCHAR",
    "value_base": "DOUBLE",
    "unit_base": "VARCHAR",
    "status": "VARCHAR",
    "qualifier": "VARCHAR",
    "compare_to": "VARCHAR",
    "extractor_version": "VARCHAR",
    "snapshot_id": "BIGINT",
}
if tuple(FACT_TYPES) != FACT_FIELDS:  # the facts table is the fact contract, column for column
    raise ImportError("bulletins.warehouse.FACT_TYPES must list bulletins.model.FACT_FIELDS in order")

DOCUMENT_TYPES: dict[str, str] = {
    "doc_id": "VARCHAR",
    "doc": "VARCHAR",
    "source": "VARCHAR",
    "title": "VARCHAR",
    "pub_date": "DATE",
    "published": "VARCHAR",  # the date as known: 2024-04-15, 2024-04 or 2024
    "date_source": "VARCHAR",  # given | sidecar | html | feed | http | text
    "url": "VARCHAR",
    "region": "VARCHAR",  # the area the user's metadata names, if any
    "text": "VARCHAR",
    "format": "VARCHAR",
    "encoding": "VARCHAR",
    "status": "VARCHAR",
    "reason": "VARCHAR",
    "version": "INTEGER",
    "supersedes": "VARCHAR",
    "first_snapshot_id": "BIGINT",
    "run_id": "BIGINT",
    "n_chars": "INTEGER",
    "fetched_at": "TIMESTAMPTZ",
    "ingested_at": "TIMESTAMPTZ",
    "meta": "VARCHAR",  # JSON text (etag, last_modified, content_type, …)
    "extractor_version": "VARCHAR",  # the extractor last run on the text (its facts', unless that run failed)
}

_CHECK_FIELD_TYPES = {
    "str": "VARCHAR",
    "str | None": "VARCHAR",
    "bool": "BOOLEAN",
    "float | None": "DOUBLE",
    "list[str]": "VARCHAR[]",
}
CHECK_TYPES: dict[str, str] = {
    "run_id": "BIGINT",
    "snapshot_id": "BIGINT",
    **{f.name: _CHECK_FIELD_TYPES[str(f.type)] for f in fields(CheckResult)},
}

RUN_TYPES: dict[str, str] = {
    "run_id": "BIGINT",
    "started_at": "TIMESTAMPTZ",
    "finished_at": "TIMESTAMPTZ",
    "snapshot_id": "BIGINT",
    "sources": "VARCHAR[]",
    "documents_seen": "INTEGER",
    "new_documents": "INTEGER",
    "changed_documents": "INTEGER",
    "quarantined": "INTEGER",
    "skipped_documents": "INTEGER",
    "new_facts": "INTEGER",
    "checks_passed": "INTEGER",
    "checks_failed": "INTEGER",
    "flow_run_id": "VARCHAR",
    "status": "VARCHAR",
    "kind": "VARCHAR",  # ingest | reprocess
    "extractor_version": "VARCHAR",
    "reprocessed_documents": "INTEGER",
}

#: What a re-extraction changed, one row per fact added, removed or changed (or per document that failed).
#: Old and new facts are matched by document, span and measure (bulletins.reprocess.diff_facts).
DIFF_FIELDS = ("quote", "value", "unit", "indicator", "indicator_code", "region", "region_code", "period",
               "status", "qualifier", "compare_to")
FACT_CHANGE_TYPES: dict[str, str] = {
    "run_id": "BIGINT",
    "snapshot_id": "BIGINT",
    "doc_id": "VARCHAR",
    "doc": "VARCHAR",
    "change": "VARCHAR",  # added | removed | changed | failed
    "fact_id": "VARCHAR",  # the new fact's id (the old one's for removed)
    "old_fact_id": "VARCHAR",
    "span_start": "INTEGER",
    "span_end": "INTEGER",
    "measure": "VARCHAR",
    "fields": "VARCHAR[]",  # the DIFF_FIELDS that differ (changed rows)
    **{f"{side}_{name}": FACT_TYPES[name] for name in DIFF_FIELDS for side in ("old", "new")},
    "sentence": "VARCHAR",
    "old_extractor_version": "VARCHAR",
    "new_extractor_version": "VARCHAR",
    "message": "VARCHAR",  # failed: why the extractor failed on the stored text
}
CHANGES = ("added", "removed", "changed", "failed")

TABLES: dict[str, dict[str, str]] = {
    "documents": DOCUMENT_TYPES,
    "facts": FACT_TYPES,
    "check_results": CHECK_TYPES,
    "runs": RUN_TYPES,
    "fact_changes": FACT_CHANGE_TYPES,
}

# --- views ---------------------------------------------------------------------------------------
# Window PARTITION BY groups NULLs together, which is the NULL-safe grouping we want for
# region/period. "Latest" = newest document pub_date, then newest snapshot, then first mention.

_FACT_COLS = ", ".join(f"f.{c}" for c in FACT_FIELDS)
_SEVERITY_RANK = "CASE severity WHEN 'error' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END"

VIEWS: dict[str, str] = {
    "current_facts": f"""
SELECT {_FACT_COLS}, d.source, d.pub_date, d.version AS doc_version, d.title, d.url, d.published
FROM facts AS f
JOIN (
    SELECT doc_id, source, pub_date, version, title, url, published FROM documents WHERE status = 'ok'
    QUALIFY row_number() OVER (PARTITION BY source ORDER BY version DESC) = 1
) AS d ON f.doc_id = d.doc_id""",
    "indicators": """
SELECT indicator, indicator_code, region, period, measure, status,
       value, unit, value_base, unit_base, qualifier, compare_to,
       quote, sentence, doc, doc_id, span_start, span_end, fact_id, snapshot_id,
       source, pub_date,
       count(*) OVER (PARTITION BY indicator, region, period, measure, status, unit_base) AS n_facts
FROM current_facts
WHERE value IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY indicator, region, period, measure, status, unit_base
    ORDER BY pub_date DESC NULLS LAST, snapshot_id DESC, span_start, fact_id) = 1""",
    "alerts": f"""
SELECT c.run_id, c.snapshot_id, c.severity, c."check",
       nullif(concat_ws(' / ', c.indicator, c.region, c.period), '') AS subject,
       c.message, c.indicator, c.region, c.period,
       c.expected, c.actual, c.difference, c.tolerance, c.fact_ids, c.docs, c.sentences
FROM check_results AS c
WHERE NOT c.passed
  AND c.run_id = (SELECT run_id FROM runs ORDER BY snapshot_id DESC LIMIT 1)
ORDER BY {_SEVERITY_RANK}, c."check", subject""",
    "quarantine": """
SELECT q.doc_id, q.doc, q.source, q.reason, q.format, q.encoding, q.version,
       q.first_snapshot_id, q.run_id, q.fetched_at, q.ingested_at,
       EXISTS (SELECT 1 FROM documents AS o
               WHERE o.source = q.source AND o.status = 'ok' AND o.version > q.version) AS resolved
FROM documents AS q
WHERE q.status = 'quarantined'""",
}


# Views built from data files: `indicator_catalog` lists the catalog's codes and names, and
# `series` groups facts by the key the `source_conflict` check compares (its SQL form comes from
# bulletins.checks.sources.fact_key_sql, with checks.yaml's year-ago words). Building them loads
# the catalog (~0.7 s), so a lake is only rebuilt when `derived_views_version()` — a hash of
# those inputs — is not the one stored in `indicator_catalog`.

#: The latest fact per series: the row ranked first (the same order as `indicators`).
_SERIES_LATEST = ("indicator", "region_code", "value", "unit", "value_base", "qualifier", "compare_to", "quote",
                  "sentence", "doc", "doc_id", "title", "url", "published", "pub_date", "source", "span_start",
                  "span_end", "fact_id", "snapshot_id")
_SERIES_SQL = """
WITH conflicts AS (
    SELECT unnest(fact_ids) AS fact_id, message FROM check_results
    WHERE "check" = 'source_conflict' AND NOT passed
      AND run_id = (SELECT run_id FROM runs ORDER BY snapshot_id DESC LIMIT 1)
), keyed AS (
    SELECT {key_exprs}, * EXCLUDE ({replaced})
    FROM current_facts
    WHERE indicator_code IS NOT NULL AND value IS NOT NULL
), ranked AS (
    SELECT k.*, c.message AS conflict_message,
           row_number() OVER (PARTITION BY {keys}
               ORDER BY pub_date DESC NULLS LAST, snapshot_id DESC, span_start, fact_id) AS rank
    FROM keyed AS k LEFT JOIN conflicts AS c USING (fact_id)
), stated AS (
    SELECT {keys}, value, unit, min(rank) AS first_rank,
           arg_min(struct_pack({latest}), rank) AS latest,
           list_sort(list_distinct(list(doc))) AS docs, list_distinct(list(doc_id)) AS doc_ids,
           count(*) AS n_facts, max(conflict_message) AS conflict_message
    FROM ranked GROUP BY {keys}, value, unit
), grouped AS (
    SELECT {keys}, arg_min(latest, first_rank) AS latest,
           list(struct_pack(value := value, unit := unit, docs := docs) ORDER BY first_rank) AS distinct_values,
           len(list_distinct(flatten(list(doc_ids)))) AS n_sources, sum(n_facts)::BIGINT AS n_facts,
           max(conflict_message) AS conflict_message
    FROM stated GROUP BY {keys}
)
SELECT g.indicator_code, cat.name, g.region, latest.region_code, g.period, g.measure, g.status, g.comparison,
       latest.value, latest.unit, latest.value_base, g.unit_base, latest.qualifier, latest.compare_to,
       latest.indicator, latest.doc, latest.doc_id, latest.title, latest.url, latest.published, latest.pub_date,
       latest.source, latest.span_start, latest.span_end, latest.quote, latest.sentence, latest.fact_id,
       latest.snapshot_id, g.n_sources, g.n_facts, len(g.distinct_values) AS n_values, g.distinct_values,
       g.conflict_message IS NOT NULL AS conflict, g.conflict_message
FROM grouped AS g LEFT JOIN indicator_catalog AS cat ON cat.code = g.indicator_code
ORDER BY g.indicator_code, g.region, g.period, g.measure, g.status, g.comparison, g.unit_base"""

#: What the derived views are built from, relative to the package (hashed by derived_views_version).
_DERIVED_INPUTS = ("data/catalog.yaml", "data/catalog/*.yaml", "data/checks.yaml", "checks/sources.py", "warehouse.py")
DERIVED_VIEWS = ("indicator_catalog", "series")


@cache
def derived_views_version() -> str:
    """A hash of the catalog files, checks.yaml, the key's code and this module: reads files, loads nothing."""
    import hashlib

    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted({p for pattern in _DERIVED_INPUTS for p in package.glob(pattern)}):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def _sql_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(_sql_str(i) for i in items) + "]::VARCHAR[]"


@cache
def derived_views() -> dict[str, str]:
    """The SQL of `indicator_catalog` and `series`, from the packaged catalog and checks.yaml."""
    from bulletins.checks.config import load_catalog_data
    from bulletins.checks.sources import fact_key_sql

    entries = load_catalog_data()["indicators"]
    def literal(value: Any) -> str:
        return _sql_str(str(value)) if value else "NULL"

    rows = ",\n    ".join(
        f"({_sql_str(code)}, {_sql_str(e.get('name') or code)}, {_sql_list([str(a) for a in e.get('aliases') or []])}, "
        f"{literal(e.get('parent'))}, {literal(e.get('unit'))})"
        for code, e in sorted(entries.items())
    )
    catalog = (f"SELECT code, name, aliases, parent, unit, {_sql_str(derived_views_version())} AS catalog_version\n"
               f"FROM (VALUES\n    {rows}) AS t(code, name, aliases, parent, unit)")
    key = fact_key_sql()
    series = _SERIES_SQL.format(
        key_exprs=", ".join(f"{expr} AS {name}" for name, expr in key.items()),
        replaced=", ".join(n for n in key if n in FACT_TYPES),
        keys=", ".join(key),
        latest=", ".join(f"{c} := {c}" for c in _SERIES_LATEST),
    )
    return {"indicator_catalog": catalog, "series": series}


def view_names() -> tuple[str, ...]:
    """Every view this module keeps in the lake."""
    return (*VIEWS, *DERIVED_VIEWS)


class WarehouseError(RuntimeError):
    """The warehouse cannot do what was asked (missing, inconsistent, read-only …)."""


class WarehouseBusyError(WarehouseError):
    """Another process holds the writer lock or keeps the catalog file locked."""


@dataclass
class RunRecord:
    """What the flow knows about a run before committing it.

    `status` None means: derived from the checks ("error"/"warn" when a check of that
    severity failed, else "ok"); a flow may pass e.g. "blocked" instead.
    """

    run_id: int | None
    started_at: datetime
    sources: list[str] = field(default_factory=list)
    flow_run_id: str | None = None
    documents_seen: int = 0
    status: str | None = None
    finished_at: datetime | None = None
    kind: str = "ingest"  # or "reprocess": a run that only re-extracted stored documents
    extractor_version: str = field(default_factory=extractor_version)


@dataclass
class CommitResult:
    """What one commit stored.

    new_documents: documents stored by this snapshot (any status, new versions included);
    changed_documents: those of them that are a new version of an already stored source;
    quarantined: those of them with status "quarantined";
    skipped_documents: documents not stored because their doc_id was already known
    (or repeated within the batch); new_facts: facts stored (re-extracted ones included);
    reprocessed_documents: stored documents whose facts were replaced by a re-extraction;
    fact_changes: rows written to `fact_changes`.
    """

    run_id: int
    snapshot_id: int
    new_documents: int
    changed_documents: int
    quarantined: int
    new_facts: int
    skipped_documents: int
    reprocessed_documents: int = 0
    fact_changes: int = 0


@dataclass
class Holdings:
    """What the warehouse holds, as ingestion needs it to decide which documents to store."""

    doc_ids: set[str]  # every stored doc_id, ok and quarantined
    latest: dict[str, str]  # source -> doc_id of its latest version, whatever its status
    history: set[tuple[str, str]]  # (source, doc_id) of every stored version

    def is_revert(self, doc: Document) -> bool:
        """An older version of its source arriving again (A → B → A): stored anew, so A is current again."""
        latest = self.latest.get(doc.source)
        return latest is not None and latest != doc.doc_id and (doc.source, doc.doc_id) in self.history

    def is_known(self, doc: Document) -> bool:
        """Already held as it is: skipped with its facts (identical bytes are the same document)."""
        return doc.doc_id in self.doc_ids and not self.is_revert(doc)


def _holdings(con: duckdb.DuckDBPyConnection) -> Holdings:
    rows = con.execute("SELECT source, doc_id, version FROM documents ORDER BY source, version").fetchall()
    return Holdings(doc_ids={r[1] for r in rows}, latest={r[0]: r[1] for r in rows},
                    history={(r[0], r[1]) for r in rows})


def extension_path() -> Path:
    """The DuckLake extension file shipped in the `duckdb_extension_ducklake` wheel (INSTALL needs network)."""
    import duckdb_extension_ducklake

    base = Path(duckdb_extension_ducklake.__file__).parent
    found = sorted(base.rglob("*.duckdb_extension"))
    if not found:
        raise WarehouseError(f"no ducklake .duckdb_extension file inside {base}; reinstall duckdb-extension-ducklake")
    return found[0]


def _sql_str(value: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


_PROCESS_LOCKS: dict[str, threading.RLock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


def _process_lock(root: Path) -> threading.RLock:
    """One lock per warehouse per process: DuckDB refuses to attach one file twice in a process."""
    with _PROCESS_LOCKS_GUARD:
        return _PROCESS_LOCKS.setdefault(str(root), threading.RLock())


_INSTANCES: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}


def _new_instance() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    try:
        con.execute(f"LOAD {_sql_str(extension_path())}")
    except duckdb.Error:
        con.close()
        raise
    return con


def _is_lock_conflict(err: duckdb.Error) -> bool:
    return "Could not set lock" in str(err) or "Conflicting lock" in str(err)


class Warehouse:
    """The DuckLake warehouse under `root` (catalog `root/catalog.ducklake`, Parquet under `root/data`)."""

    def __init__(
        self,
        root: Path | str,
        *,
        read_only: bool = False,
        lock_timeout: float = 10.0,
        busy_timeout: float = 30.0,
    ) -> None:
        self.root = Path(root).expanduser().resolve()
        self.catalog = self.root / CATALOG_FILE
        self.data_path = self.root / DATA_DIR
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.busy_timeout = busy_timeout
        self._lock = _process_lock(self.root)
        self._closed = False
        if read_only:
            if not self.catalog.exists():
                raise WarehouseError(f"no warehouse at {self.root} (missing {CATALOG_FILE}); run an ingestion first")
        else:
            self.data_path.mkdir(parents=True, exist_ok=True)
            self._ensure_schema()

    @classmethod
    def open_readonly(cls, root: Path | str, *, busy_timeout: float = 30.0) -> Warehouse:
        """A warehouse handle that never writes (for `bulletins query`, reports, notebooks)."""
        return cls(root, read_only=True, busy_timeout=busy_timeout)

    # --- context manager ----------------------------------------------------------------------

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Nothing stays open between calls; this only marks the handle unusable."""
        self._closed = True

    # --- connections --------------------------------------------------------------------------

    def _attach_sql(self, read_only: bool, snapshot: int | None = None) -> str:
        opts = [f"OVERRIDE_DATA_PATH TRUE, DATA_PATH {_sql_str(self.data_path)}"]
        if read_only:
            opts.insert(0, "READ_ONLY")
        else:
            opts.append("DATA_INLINING_ROW_LIMIT 0")  # rows always land in Parquet, never in the catalog
        if snapshot is not None:
            opts.append(f"SNAPSHOT_VERSION {int(snapshot)}")
        return f"ATTACH {_sql_str('ducklake:' + str(self.catalog))} AS {LAKE} ({', '.join(opts)})"

    @contextmanager
    def _connect(
        self, read_only: bool = True, snapshot: int | None = None, fresh: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """The lake attached (and USEd) in an in-memory DuckDB, detached again afterwards.

        Loading the extension costs ~150 ms, so each process keeps one DuckDB instance per
        warehouse with the extension loaded and only attaches/detaches the catalog per call;
        `fresh=True` (user SQL) gets a throwaway instance instead. Attaching is retried while
        another process holds the catalog file.
        """
        if self._closed:
            raise WarehouseError("warehouse handle is closed")
        if not read_only and self.read_only:
            raise WarehouseError(f"warehouse {self.root} was opened read-only")
        if read_only and not self.catalog.exists():
            raise WarehouseError(f"no warehouse at {self.root} (missing {CATALOG_FILE})")
        with self._lock:
            con = _new_instance() if fresh else self._instance()
            deadline = time.monotonic() + self.busy_timeout
            delay = 0.05
            while True:
                try:
                    con.execute(self._attach_sql(read_only, snapshot))
                    break
                except duckdb.Error as err:
                    if not _is_lock_conflict(err):
                        self._discard(con, fresh)
                        raise
                    if time.monotonic() >= deadline:
                        self._discard(con, fresh)
                        raise WarehouseBusyError(
                            f"catalog {self.catalog} stayed locked by another process for "
                            f"{self.busy_timeout:.0f}s: {err}"
                        ) from err
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
            try:
                con.execute(f"USE {LAKE}")
                yield con
            finally:
                if fresh:
                    con.close()
                else:
                    try:
                        con.execute("USE memory")
                        con.execute(f"DETACH {LAKE}")
                    except duckdb.Error:
                        self._discard(con, fresh)  # closing releases the catalog file for sure

    def _instance(self) -> duckdb.DuckDBPyConnection:
        """This process's DuckDB instance for this warehouse (called under the process lock)."""
        key = str(self.root)
        cached = _INSTANCES.get(key)
        if cached is not None and cached[0] == os.getpid():  # never reuse an instance across fork()
            return cached[1]
        con = _new_instance()
        _INSTANCES[key] = (os.getpid(), con)
        return con

    def _discard(self, con: duckdb.DuckDBPyConnection, fresh: bool) -> None:
        if not fresh:
            _INSTANCES.pop(str(self.root), None)
        con.close()

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the exclusive writer lock (file lock on `root/.writer.lock`)."""
        if self.read_only:
            raise WarehouseError(f"warehouse {self.root} was opened read-only")
        with self._lock:
            lock_path = self.root / LOCK_FILE
            with open(lock_path, "a+") as fh:
                deadline = time.monotonic() + self.lock_timeout
                while True:
                    try:
                        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            fh.seek(0)
                            holder = fh.read().strip() or "unknown"
                            raise WarehouseBusyError(
                                f"another writer holds {lock_path} ({holder}); waited {self.lock_timeout:.0f}s. "
                                "Only one ingestion may commit to a warehouse at a time."
                            ) from None
                        time.sleep(0.1)
                try:
                    fh.seek(0)
                    fh.truncate()
                    fh.write(f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}")
                    fh.flush()
                    yield
                finally:
                    fh.seek(0)
                    fh.truncate()
                    fh.flush()
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # --- schema -------------------------------------------------------------------------------

    def _schema_changes(self, con: duckdb.DuckDBPyConnection) -> list[str]:
        """DDL that brings the lake to this module's layout: new tables, added columns, changed views."""
        columns: dict[str, set[str]] = {}
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = ? "
            "AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = ?)",
            [LAKE, LAKE],
        ).fetchall():
            columns.setdefault(table, set()).add(column)
        views = dict(
            con.execute("SELECT view_name, sql FROM duckdb_views() WHERE database_name = ?", [LAKE]).fetchall()
        )
        ddl = []
        for name, types in TABLES.items():
            if name not in columns:
                ddl.append(_table_ddl(name))
                continue
            # Older warehouses gain new columns (NULL in old rows); columns are never dropped or retyped.
            missing = [(c, t) for c, t in types.items() if c not in columns[name]]
            ddl += [f"ALTER TABLE {name} ADD COLUMN {_ident(c)} {t}" for c, t in missing]
        expected = _normalized_views()
        ddl += [_view_ddl(v, VIEWS[v], replace=True) for v in VIEWS if views.get(v) != expected[v]]
        stored = views.get("indicator_catalog") or ""
        if _sql_str(derived_views_version()) not in stored or any(v not in views for v in DERIVED_VIEWS):
            ddl += [_view_ddl(v, body, replace=True) for v, body in derived_views().items()]
        return ddl

    def _ensure_schema(self) -> None:
        """Create missing tables and columns and (re)create changed views, all in one snapshot."""
        if self.catalog.exists():
            with self._connect(read_only=True) as con:
                if not self._schema_changes(con):
                    return
        with self.writer_lock(), self._connect(read_only=False) as con:
            ddl = self._schema_changes(con)
            if not ddl:
                return
            con.execute("BEGIN")
            for statement in ddl:
                con.execute(statement)
            con.execute(
                f"CALL {LAKE}.set_commit_message('bulletins', 'schema', extra_info => ?)",
                [json.dumps({"ddl": [d.split(" AS ")[0] for d in ddl]}, ensure_ascii=False)],
            )
            con.execute("COMMIT")

    # --- reading ------------------------------------------------------------------------------

    def known_doc_ids(self) -> set[str]:
        """Every stored doc_id, ok and quarantined: the ingestion skips these."""
        with self._connect() as con:
            return {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}

    def latest_versions(self, ok_only: bool = False) -> dict[str, str]:
        """source -> doc_id of its latest stored version (whatever its status, or the latest ok one).

        `ok_only=True` names the versions whose facts `current_facts` holds: a quarantined
        later version hides nothing, so it is not what a new ok version replaces.
        """
        where = "WHERE status = 'ok' " if ok_only else ""
        with self._connect() as con:
            rows = con.execute(
                f"SELECT source, doc_id FROM documents {where}"
                "QUALIFY row_number() OVER (PARTITION BY source ORDER BY version DESC) = 1"
            ).fetchall()
        return dict(rows)

    def holdings(self) -> Holdings:
        """Stored doc_ids, the latest version of each source and every (source, doc_id) pair."""
        with self._connect() as con:
            return _holdings(con)

    def stale_documents(self, version: str, select: Sequence[str] = ()) -> list[Document]:
        """Current documents (latest ok version of their source) not yet extracted by `version`.

        A document's extractor is the one recorded on it; for documents stored before that was
        recorded, the one on its facts (none, or any other version: stale). `select` keeps only
        documents whose doc_id starts with, or whose name or source equals, one of its items.
        One query, and no text is read when nothing is stale.
        """
        with self._connect() as con:
            has_column = con.execute(
                "SELECT count(*) FROM duckdb_columns() WHERE database_name = ? AND table_name = 'documents' "
                "AND column_name = 'extractor_version'", [LAKE]).fetchone()[0]
            recorded = "d.extractor_version" if has_column else "NULL"
            where = [f"""CASE WHEN {recorded} IS NOT NULL THEN {recorded} <> $version
                ELSE NOT EXISTS (SELECT 1 FROM facts f WHERE f.doc_id = d.doc_id)
                  OR EXISTS (SELECT 1 FROM facts f WHERE f.doc_id = d.doc_id
                             AND f.extractor_version IS DISTINCT FROM $version) END"""]
            params: dict[str, Any] = {"version": version}
            if select:
                where.append("(list_contains($select, d.doc) OR list_contains($select, d.source) "
                             "OR len(list_filter($select, s -> starts_with(d.doc_id, s))) > 0)")
                params["select"] = list(select)
            current = ("SELECT * FROM documents WHERE status = 'ok' "
                       "QUALIFY row_number() OVER (PARTITION BY source ORDER BY version DESC) = 1")
            ids = con.execute(f"SELECT d.doc_id FROM ({current}) AS d WHERE {' AND '.join(where)}",
                              params).fetchall()
            if not ids:
                return []
            cols = [c for c in DOCUMENT_TYPES if c in {f.name for f in fields(Document)}]
            rows = con.execute(
                f"SELECT {', '.join(_ident(c) for c in cols)} FROM ({current}) "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY source", [[r[0] for r in ids]]).fetchall()
        docs = []
        for row in rows:
            values = dict(zip(cols, row, strict=True))
            values["meta"] = json.loads(values["meta"]) if values.get("meta") else {}
            docs.append(Document(**values))
        return docs

    def fact_changes(self, run_id: int | None = None) -> pl.DataFrame:
        """The fact_changes rows of one run (None: the latest run that has any)."""
        where = "run_id = ?" if run_id is not None else "run_id = (SELECT max(run_id) FROM fact_changes)"
        with self._connect() as con:
            return con.execute(f"SELECT * FROM fact_changes WHERE {where} ORDER BY doc, span_start, change",
                               [run_id] if run_id is not None else []).pl()

    def current_facts(self) -> pl.DataFrame:
        """Facts of the latest ok version of each source, in the FACT_FIELDS columns."""
        cols = ", ".join(f'"{c}"' for c in FACT_FIELDS)
        with self._connect() as con:
            return con.execute(f"SELECT {cols} FROM current_facts ORDER BY doc_id, span_start, fact_id").pl()

    def documents(self, include_text: bool = False) -> pl.DataFrame:
        """The documents table (without `text` unless asked), oldest first."""
        cols = ", ".join(f'"{c}"' for c in DOCUMENT_TYPES if include_text or c != "text")
        with self._connect() as con:
            return con.execute(f"SELECT {cols} FROM documents ORDER BY first_snapshot_id, doc").pl()

    def snapshots(self) -> pl.DataFrame:
        """All DuckLake snapshots: snapshot_id, snapshot_time, changes, author, commit_message, …"""
        with self._connect() as con:
            return con.execute(f"SELECT * FROM ducklake_snapshots('{LAKE}') ORDER BY snapshot_id").pl()

    def current_snapshot(self) -> int:
        """The id of the newest committed snapshot."""
        with self._connect() as con:
            return _current_snapshot(con)

    def runs(self) -> pl.DataFrame:
        """The runs table, oldest first."""
        with self._connect() as con:
            return con.execute("SELECT * FROM runs ORDER BY snapshot_id").pl()

    def check_results(
        self, run_id: int | None = None, severity: str | None = None, failed_only: bool = True
    ) -> pl.DataFrame:
        """Check results of one run (None = the latest), at or above `severity`, failed only by default."""
        where, params = [], []
        if run_id is None:
            where.append("run_id = (SELECT run_id FROM runs ORDER BY snapshot_id DESC LIMIT 1)")
        else:
            where.append("run_id = ?")
            params.append(run_id)
        if severity is not None:
            if severity not in SEVERITIES:
                raise ValueError(f"severity must be one of {SEVERITIES}, got {severity!r}")
            where.append("severity IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(SEVERITIES[: SEVERITIES.index(severity) + 1]))
        if failed_only:
            where.append("NOT passed")
        sql = f"SELECT * FROM check_results WHERE {' AND '.join(where)} ORDER BY {_SEVERITY_RANK}, \"check\""
        with self._connect() as con:
            return con.execute(sql, params).pl()

    def series(self, code: str, region: str | None = None, measure: str | None = None
               ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The `series` rows of one catalog code, oldest period first; `region` matches a region name,
        its prefix (海淀 → 海淀区) or a 6-digit region code."""
        where, params = ["indicator_code = ?"], [code]
        if region:
            where.append("(region = ? OR region_code = ? OR starts_with(region, ?))")
            params += [region, region, region]
        if measure:
            where.append("measure = ?")
            params.append(measure)
        sql = (f"SELECT * FROM series WHERE {' AND '.join(where)} "
               "ORDER BY region NULLS FIRST, period NULLS FIRST, measure, status, comparison NULLS FIRST, unit_base")
        with self._connect(read_only=True) as con:
            if not con.execute("SELECT count(*) FROM duckdb_views() WHERE database_name = ? AND view_name = 'series'",
                               [LAKE]).fetchone()[0]:
                raise WarehouseError(f"warehouse {self.root} has no `series` view yet (it predates it): "
                                     "`bulletins reprocess` or the next `bulletins ingest` adds it")
            cur = con.execute(sql, params)
            return [d[0] for d in cur.description], cur.fetchall()

    def query(self, sql: str, snapshot: int | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run SELECT statements against a read-only attach; `snapshot` time-travels the whole lake.

        The read-only attach alone does not make user SQL harmless: `DETACH lake; ATTACH
        'ducklake:…'` re-opens the catalog read-write, and COPY, ATTACH or EXPLAIN ANALYZE
        write files. So every statement must be a SELECT (WITH, FROM-first, DESCRIBE, SHOW,
        SUMMARIZE and PRAGMA queries parse as SELECT too) before any of them runs.
        """
        with self._connect(read_only=True, snapshot=snapshot, fresh=True) as con:
            refused = [s.type.name for s in con.extract_statements(sql) if s.type != duckdb.StatementType.SELECT]
            if refused:
                raise WarehouseError(
                    f"queries are read-only: only SELECT statements are allowed, not {', '.join(refused)}"
                )
            cur = con.execute(sql)
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()

    def connect_snippet(self) -> str:
        """The SQL a user types in the `duckdb` CLI (or passes to `con.execute`) to open the warehouse read-only."""
        return (
            f"LOAD {_sql_str(extension_path())};\n"
            f"{self._attach_sql(read_only=True)};\n"
            f"USE {LAKE};\n"
        )

    # --- writing ------------------------------------------------------------------------------

    def _before_commit(self, con: duckdb.DuckDBPyConnection) -> None:
        """Called inside the run transaction right before COMMIT; tests override it to fail or die there."""

    def commit_run(
        self,
        run: RunRecord,
        documents: list[Document],
        facts: pl.DataFrame,
        checks: list[CheckResult],
        reextracted: Sequence[Document] = (),
        changes: Sequence[dict[str, Any]] = (),
    ) -> CommitResult:
        """Store one run as exactly one snapshot; skips already-known doc_ids and their facts.

        `reextracted` are stored documents extracted again (`bulletins reprocess`): for an ok
        one, `facts` holds its new facts, which replace its stored ones (these stay reachable
        by time travel) and its metadata (title, dates) is updated; one the extractor failed
        on (status "quarantined") keeps its facts and is only marked as tried by this
        extractor. `changes` are the `fact_changes` rows of the re-extraction.
        """
        missing = [c for c in FACT_FIELDS if c not in facts.columns]
        if missing and facts.height == 0:  # "no facts" may come as a bare pl.DataFrame()
            facts = _frame([], FACT_TYPES)
        elif missing:
            raise ValueError(f"facts lack contract columns {missing}")
        for doc in documents:
            if doc.status not in DOC_STATUSES:
                raise ValueError(f"document {doc.doc}: status {doc.status!r} not in {DOC_STATUSES}")
        for check in checks:
            if check.severity not in SEVERITIES:
                raise ValueError(f"check {check.check}: severity {check.severity!r} not in {SEVERITIES}")
        for change in changes:
            if change.get("change") not in CHANGES:
                raise ValueError(f"fact change {change.get('change')!r} not in {CHANGES}")

        with self.writer_lock(), self._connect(read_only=False) as con:
            # Files left by a writer that died mid-commit are not in any snapshot; we hold the lock.
            con.execute(f"CALL ducklake_delete_orphaned_files('{LAKE}', cleanup_all => true)")
            con.execute("BEGIN")
            try:
                snapshot_id = _current_snapshot(con) + 1  # single writer: our COMMIT makes the next one
                run_id = self._next_run_id(con, run.run_id)
                doc_rows, counts = self._new_documents(con, documents, run_id, snapshot_id, run.extractor_version)
                redone = [d for d in reextracted if d.ok]
                new_facts, replaced = self._select_facts(con, facts, doc_rows, {d.doc_id for d in redone})
                finished_at = run.finished_at or datetime.now(UTC)
                failed = [c for c in checks if not c.passed]
                status = run.status or next(
                    (s for s in ("error", "warn") if any(c.severity == s for c in failed)), "ok"
                )

                self._update_documents(con, reextracted, run.extractor_version)
                if replaced:  # the facts a re-extraction replaces leave the head (time travel keeps them)
                    con.execute("DELETE FROM facts WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(replaced)])
                self._insert(con, "documents", _frame(doc_rows, DOCUMENT_TYPES))
                self._insert(con, "facts", new_facts, constants={"snapshot_id": snapshot_id})
                check_rows = [{"run_id": run_id, "snapshot_id": snapshot_id, **c.to_dict()} for c in checks]
                self._insert(con, "check_results", _frame(check_rows, CHECK_TYPES))
                self._insert(con, "fact_changes", _frame(list(changes), FACT_CHANGE_TYPES),
                             constants={"run_id": run_id, "snapshot_id": snapshot_id})
                run_row = {
                    "run_id": run_id,
                    "started_at": run.started_at,
                    "finished_at": finished_at,
                    "snapshot_id": snapshot_id,
                    "sources": list(run.sources),
                    "documents_seen": max(run.documents_seen, len(documents)),
                    "new_documents": counts["new"],
                    "changed_documents": counts["changed"],
                    "quarantined": counts["quarantined"],
                    "skipped_documents": counts["skipped"],
                    "new_facts": new_facts.height,
                    "checks_passed": len(checks) - len(failed),
                    "checks_failed": len(failed),
                    "flow_run_id": run.flow_run_id,
                    "status": status,
                    "kind": run.kind,
                    "extractor_version": run.extractor_version,
                    "reprocessed_documents": len(redone),
                }
                self._insert(con, "runs", _frame([run_row], RUN_TYPES))
                summary = {k: v for k, v in run_row.items()
                           if isinstance(v, int) or k in ("status", "flow_run_id", "kind", "extractor_version")}
                con.execute(
                    f"CALL {LAKE}.set_commit_message('bulletins', ?, extra_info => ?)",
                    [f"{'reprocess' if run.kind == 'reprocess' else 'run'} {run_id}", json.dumps(summary)],
                )
                self._before_commit(con)
                con.execute("COMMIT")
            except BaseException:
                with suppress(duckdb.Error):  # the original error is what matters; closing also aborts
                    con.execute("ROLLBACK")
                raise
            committed = _current_snapshot(con)
        if committed != snapshot_id:
            raise WarehouseError(
                f"run {run_id} committed as snapshot {committed}, expected {snapshot_id}: "
                "something wrote to the warehouse without the writer lock"
            )
        return CommitResult(
            run_id=run_id,
            snapshot_id=snapshot_id,
            new_documents=counts["new"],
            changed_documents=counts["changed"],
            quarantined=counts["quarantined"],
            new_facts=new_facts.height,
            skipped_documents=counts["skipped"],
            reprocessed_documents=len(redone),
            fact_changes=len(changes),
        )

    @staticmethod
    def _update_documents(con: duckdb.DuckDBPyConnection, reextracted: Sequence[Document], version: str) -> None:
        """Record a re-extraction on the stored rows of its text: which extractor tried, the metadata it found."""
        stored = {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE status = 'ok'").fetchall()}
        for doc in reextracted:
            if doc.doc_id not in stored:
                raise ValueError(f"re-extracted document {doc.doc} ({doc.doc_id[:12]}) is not stored as ok")
            if doc.ok:
                con.execute(
                    "UPDATE documents SET extractor_version = ?, title = ?, pub_date = ?, published = ?, "
                    "date_source = ? WHERE doc_id = ? AND status = 'ok'",
                    [version, doc.title, doc.pub_date, doc.published, doc.date_source, doc.doc_id],
                )
            else:  # the extractor failed on it: the stored facts stay, this version is not tried again
                con.execute("UPDATE documents SET extractor_version = ? WHERE doc_id = ? AND status = 'ok'",
                            [version, doc.doc_id])

    @staticmethod
    def _next_run_id(con: duckdb.DuckDBPyConnection, wanted: int | None) -> int:
        if wanted is None:
            return int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0])
        if con.execute("SELECT count(*) FROM runs WHERE run_id = ?", [wanted]).fetchone()[0]:
            raise ValueError(f"run_id {wanted} is already stored")
        return wanted

    @staticmethod
    def _new_documents(
        con: duckdb.DuckDBPyConnection, documents: list[Document], run_id: int, snapshot_id: int, extractor: str
    ) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """Rows for the documents to store, with their versions; counts of new/changed/quarantined/skipped.

        A known doc_id is skipped, unless it is a revert: an older version of its source
        arriving again while another version is the latest (A → B → A) is stored as a new
        version of that source, pointing at the same text, so it becomes current again.
        """
        held = _holdings(con)
        known = set(held.doc_ids)
        latest = {
            source: (doc_id, version)
            for source, doc_id, version in con.execute(
                "SELECT source, doc_id, version FROM documents "
                "QUALIFY row_number() OVER (PARTITION BY source ORDER BY version DESC) = 1"
            ).fetchall()
        }
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        counts = {"new": 0, "changed": 0, "quarantined": 0, "skipped": 0}
        for doc in documents:
            if doc.doc_id in known and not held.is_revert(doc):
                counts["skipped"] += 1
                continue
            known.add(doc.doc_id)
            previous = latest.get(doc.source)
            held.latest[doc.source] = doc.doc_id
            version = previous[1] + 1 if previous else 1
            latest[doc.source] = (doc.doc_id, version)
            counts["new"] += 1
            counts["changed"] += previous is not None
            counts["quarantined"] += doc.status == "quarantined"
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "doc": doc.doc,
                    "source": doc.source,
                    "title": doc.title,
                    "pub_date": doc.pub_date,
                    "published": doc.published,
                    "date_source": doc.date_source,
                    "url": doc.url,
                    "region": doc.region,
                    "text": doc.text,
                    "format": doc.format,
                    "encoding": doc.encoding,
                    "status": doc.status,
                    "reason": doc.reason,
                    "version": version,
                    "supersedes": previous[0] if previous else None,
                    "first_snapshot_id": snapshot_id,
                    "run_id": run_id,
                    "n_chars": len(doc.text),
                    "fetched_at": doc.fetched_at,
                    "ingested_at": now,
                    "meta": json.dumps(doc.meta, ensure_ascii=False, default=str, sort_keys=True),
                    "extractor_version": extractor if doc.ok else None,
                }
            )
        return rows, counts

    @staticmethod
    def _select_facts(
        con: duckdb.DuckDBPyConnection, facts: pl.DataFrame, doc_rows: list[dict[str, Any]], redone: set[str]
    ) -> tuple[pl.DataFrame, set[str]]:
        """The facts to insert (of newly stored ok documents and of re-extracted ones), and the doc_ids
        whose stored facts they replace (re-extracted documents, reverted versions); facts of other
        known documents are dropped."""
        facts = facts.select(FACT_FIELDS)
        stored_ok = {r["doc_id"] for r in doc_rows if r["status"] == "ok"}
        with_facts = {r[0] for r in con.execute("SELECT DISTINCT doc_id FROM facts").fetchall()}
        replaced = (stored_ok | redone) & with_facts
        if facts.height == 0:
            return facts, replaced
        stored_quarantined = {r["doc_id"] for r in doc_rows if r["status"] != "ok"}
        known = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
        doc_ids = facts.get_column("doc_id").cast(pl.String)
        bad = set(doc_ids.filter(doc_ids.is_in(list(stored_quarantined))).to_list())
        if bad:
            raise ValueError(f"facts given for quarantined documents {sorted(bad)[:3]}")
        orphans = set(doc_ids.filter(~doc_ids.is_in(list(stored_ok | known))).to_list())
        if orphans:
            raise ValueError(f"facts point to documents that are neither stored nor in this run: {sorted(orphans)[:3]}")
        keep = facts.filter(doc_ids.is_in(list(stored_ok | redone)))
        dup = keep.get_column("fact_id").is_duplicated()
        if dup.any():
            dups = keep.filter(dup).get_column("fact_id").unique().to_list()
            raise ValueError(f"duplicate fact_id in facts: {sorted(dups)[:3]}")
        return keep, replaced

    @staticmethod
    def _insert(
        con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, constants: dict[str, Any] | None = None
    ) -> None:
        """INSERT a polars frame into a lake table, casting every column to the table's type."""
        if frame.height == 0:
            return
        constants = constants or {}
        types = TABLES[table]
        select = ", ".join(
            f"CAST({'?' if c in constants else '_in.' + _ident(c)} AS {t}) AS {_ident(c)}" for c, t in types.items()
        )
        con.register("_in", frame.to_arrow())
        try:
            params = [constants[c] for c in types if c in constants]
            con.execute(f"INSERT INTO {table} SELECT {select} FROM _in", params)
        finally:
            con.unregister("_in")


def _table_ddl(name: str) -> str:
    return f"CREATE TABLE {name} ({', '.join(f'{_ident(c)} {t}' for c, t in TABLES[name].items())})"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _view_ddl(name: str, body: str, replace: bool = False) -> str:
    return f"CREATE {'OR REPLACE ' if replace else ''}VIEW {name} AS {body.strip()};"


@cache
def _normalized_views() -> dict[str, str]:
    """Our view SQL as DuckDB stores it (it re-renders SQL), so a changed definition is noticed and replaced."""
    con = duckdb.connect()
    try:
        for name in TABLES:
            con.execute(_table_ddl(name))
        for name, body in VIEWS.items():
            con.execute(_view_ddl(name, body))
        return dict(con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall())
    finally:
        con.close()


def _current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute(f"SELECT id FROM {LAKE}.current_snapshot()").fetchone()[0])


_POLARS_TYPES: dict[str, pl.DataType] = {
    "VARCHAR": pl.String(),
    "INTEGER": pl.Int64(),
    "BIGINT": pl.Int64(),
    "DOUBLE": pl.Float64(),
    "BOOLEAN": pl.Boolean(),
    "DATE": pl.Date(),
    "TIMESTAMPTZ": pl.Datetime("us", "UTC"),
    "VARCHAR[]": pl.List(pl.String()),
}


def polars_schema(types: dict[str, str]) -> dict[str, pl.DataType]:
    """The polars dtypes of a table's SQL column types: one declaration serves both sides."""
    return {c: _POLARS_TYPES[t] for c, t in types.items()}


#: The fact contract's polars dtypes, derived from the facts table (empty and all-NULL columns keep a type).
FACT_SCHEMA: dict[str, pl.DataType] = polars_schema(FACT_TYPES)


def _frame(rows: list[dict[str, Any]], types: dict[str, str]) -> pl.DataFrame:
    """Rows as a polars frame with the table's column types (so empty and all-NULL columns still type)."""
    schema = polars_schema(types)
    data = {c: [_aware(r.get(c)) for r in rows] for c in types}
    return pl.DataFrame(data, schema=schema)


def _aware(value: Any) -> Any:
    """Naive datetimes are local time; store them as UTC instants."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.astimezone(UTC)
    return value
