"""The DuckLake warehouse on real files in tmp_path: snapshots, versions, views, atomicity, locking."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from bulletins.model import FACT_FIELDS, CheckResult, Document, Fact, sha256_hex
from bulletins.warehouse import (
    LOCK_FILE,
    VIEWS,
    CommitResult,
    RunRecord,
    Warehouse,
    WarehouseBusyError,
    WarehouseError,
    view_names,
)

GDP_TEXT = "2023年全市地区生产总值为1000亿元，比上年增长5.2%。常住人口为200万人。"


def make_doc(text: str, name: str = "a.txt", pub: date | None = date(2024, 1, 20), **kw: object) -> Document:
    kw.setdefault("source", f"/bulletins/{name}")
    return Document(doc_id=sha256_hex(text.encode()), doc=name, text=text, pub_date=pub, **kw)  # type: ignore[arg-type]


def make_fact(doc: Document, quote: str, indicator: str, value: float | None, measure: str = "level",
              unit: str = "亿元", region: str | None = "北京市", period: str | None = "2023") -> Fact:
    start = doc.text.index(quote)
    return Fact(doc_id=doc.doc_id, doc=doc.doc, span_start=start, span_end=start + len(quote), quote=quote,
                sentence=doc.text, indicator=indicator, measure=measure, value=value, unit=unit,
                region=region, period=period)


def frame(*facts: Fact) -> pl.DataFrame:
    if not facts:
        return pl.DataFrame(schema=list(FACT_FIELDS))
    return pl.DataFrame([f.to_dict() for f in facts], schema_overrides={"snapshot_id": pl.Int64})


def gdp_doc(
    value: str = "1000", name: str = "a.txt", pub: date | None = date(2024, 1, 20)
) -> tuple[Document, list[Fact]]:
    doc = make_doc(GDP_TEXT.replace("1000", value), name=name, pub=pub)
    facts = [
        make_fact(doc, f"{value}亿元", "地区生产总值", float(value)),
        make_fact(doc, "5.2%", "地区生产总值", 5.2, measure="change", unit="%"),
        make_fact(doc, "200万人", "常住人口", 200.0, unit="万人"),
    ]
    return doc, facts


def run(run_id: int | None = None, **kw: object) -> RunRecord:
    return RunRecord(run_id=run_id, started_at=datetime.now(UTC), sources=["seeds"], **kw)  # type: ignore[arg-type]


def check(name: str, passed: bool, severity: str = "error", **kw: object) -> CheckResult:
    return CheckResult(check=name, severity=severity, passed=passed, message=f"{name} {'ok' if passed else 'failed'}",
                       **kw)  # type: ignore[arg-type]


def count(wh: Warehouse, sql: str, snapshot: int | None = None) -> int:
    return wh.query(f"SELECT count(*) FROM ({sql})", snapshot=snapshot)[1][0][0]


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    return Warehouse(tmp_path / "wh")


def test_create_makes_tables_and_views_once(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh")
    assert (tmp_path / "wh" / "catalog.ducklake").is_file()
    assert (tmp_path / "wh" / "data").is_dir()
    _, rows = wh.query("SELECT table_name FROM duckdb_tables() WHERE database_name = 'lake'")
    assert {r[0] for r in rows} == {"documents", "facts", "check_results", "runs", "fact_changes"}
    _, rows = wh.query("SELECT view_name FROM duckdb_views() WHERE database_name = 'lake'")
    assert {r[0] for r in rows} == set(view_names()) == {*VIEWS, "indicator_catalog", "series"}
    snapshots = wh.snapshots().height
    Warehouse(tmp_path / "wh")  # reopening must not rewrite the schema
    assert wh.snapshots().height == snapshots
    cols, _ = wh.query("SELECT * FROM facts")
    assert tuple(cols) == FACT_FIELDS


def test_two_runs_two_snapshots_and_time_travel(wh: Warehouse) -> None:
    before = wh.snapshots().height
    a, a_facts = gdp_doc(name="a.txt")
    b, b_facts = gdp_doc("900", name="b.txt")
    first = wh.commit_run(run(), [a], frame(*a_facts), [check("sum", True)])
    second = wh.commit_run(run(), [b], frame(*b_facts), [check("sum", False)])
    assert isinstance(first, CommitResult)
    assert (first.run_id, second.run_id) == (1, 2)
    assert second.snapshot_id == first.snapshot_id + 1
    assert wh.snapshots().height == before + 2
    assert wh.current_snapshot() == second.snapshot_id
    assert count(wh, "FROM facts") == 6
    assert count(wh, "FROM facts", snapshot=first.snapshot_id) == 3
    assert count(wh, "FROM documents", snapshot=first.snapshot_id) == 1
    assert count(wh, "FROM runs", snapshot=first.snapshot_id) == 1
    # facts and documents carry the snapshot that added them
    _, rows = wh.query("SELECT DISTINCT snapshot_id FROM facts WHERE doc_id = ?".replace("?", f"'{b.doc_id}'"))
    assert rows == [(second.snapshot_id,)]
    docs = wh.documents()
    assert dict(zip(docs["doc"], docs["first_snapshot_id"], strict=True)) == {
        "a.txt": first.snapshot_id, "b.txt": second.snapshot_id}
    assert "text" not in docs.columns
    runs = wh.runs()
    assert runs["snapshot_id"].to_list() == [first.snapshot_id, second.snapshot_id]
    assert runs["status"].to_list() == ["ok", "error"]
    assert wh.snapshots().filter(pl.col("snapshot_id") == second.snapshot_id)["commit_message"].item() == "run 2"


def test_recommit_same_documents_adds_nothing_but_a_run(wh: Warehouse) -> None:
    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    snaps = wh.snapshots().height
    again = wh.commit_run(run(documents_seen=1), [doc], frame(*facts), [check("sum", True)])
    assert (again.new_documents, again.new_facts, again.skipped_documents) == (0, 0, 1)
    assert wh.snapshots().height == snaps + 1
    assert count(wh, "FROM facts") == 3
    assert count(wh, "FROM documents") == 1
    runs = wh.runs()
    assert runs.height == 2
    assert runs.row(1, named=True)["new_documents"] == 0
    assert runs.row(1, named=True)["checks_passed"] == 1
    assert wh.known_doc_ids() == {doc.doc_id}


def test_run_without_documents_commits_one_snapshot(wh: Warehouse) -> None:
    snaps = wh.snapshots().height
    result = wh.commit_run(run(), [], frame(), [check("freshness", False, severity="warn")])
    assert wh.snapshots().height == snaps + 1
    assert result.new_documents == 0
    assert wh.runs()["status"].to_list() == ["warn"]
    assert wh.check_results()["check"].to_list() == ["freshness"]


def test_changed_document_is_a_new_version(wh: Warehouse) -> None:
    old, old_facts = gdp_doc("1000", pub=date(2024, 1, 20))
    wh.commit_run(run(), [old], frame(*old_facts), [])
    new, new_facts = gdp_doc("1010", pub=date(2024, 1, 20))
    assert new.source == old.source and new.doc_id != old.doc_id
    result = wh.commit_run(run(), [new], frame(*new_facts), [])
    assert (result.new_documents, result.changed_documents, result.new_facts) == (1, 1, 3)
    _, rows = wh.query(f"SELECT version, supersedes FROM documents WHERE doc_id = '{new.doc_id}'")
    assert rows == [(2, old.doc_id)]
    assert wh.latest_versions() == {old.source: new.doc_id}
    assert count(wh, "FROM facts") == 6  # history stays
    current = wh.current_facts()
    assert tuple(current.columns) == FACT_FIELDS
    assert set(current["doc_id"]) == {new.doc_id}
    _, rows = wh.query(
        "SELECT value, doc_id, quote FROM indicators WHERE indicator = '地区生产总值' AND measure = 'level'"
    )
    assert rows == [(1010.0, new.doc_id, "1010亿元")]


def test_indicators_latest_by_pub_date_and_null_safe(wh: Warehouse) -> None:
    older = make_doc("全国粮食产量6.9亿吨。", name="old.txt", pub=date(2023, 1, 1))
    newer = make_doc("全国粮食产量7.0亿吨。", name="new.txt", pub=date(2024, 1, 1))
    # the newer bulletin is committed first: "latest" follows pub_date, not commit order
    wh.commit_run(run(), [newer], frame(make_fact(newer, "7.0亿吨", "粮食产量", 7.0, unit="亿吨",
                                                   region=None, period=None)), [])
    wh.commit_run(run(), [older], frame(make_fact(older, "6.9亿吨", "粮食产量", 6.9, unit="亿吨",
                                                   region=None, period=None)), [])
    _, rows = wh.query("SELECT value, doc, region, period, n_facts FROM indicators WHERE indicator = '粮食产量'")
    assert rows == [(7.0, "new.txt", None, None, 2)]
    cols, rows = wh.query("SELECT * FROM indicators")
    for needed in ("value", "unit", "value_base", "unit_base", "qualifier", "compare_to", "quote", "sentence",
                   "doc", "doc_id", "span_start", "span_end", "fact_id", "snapshot_id"):
        assert needed in cols


def test_indicators_keep_a_rate_and_a_point_difference_apart(wh: Warehouse) -> None:
    """增长7.5% and 高于城镇2.7个百分点 are two quantities, not two mentions of one: neither hides the other."""
    doc = make_doc("农村居民人均可支配收入增长7.5%，增速高于城镇居民2.7个百分点。")
    rate = make_fact(doc, "7.5%", "农村居民人均可支配收入", 7.5, measure="change", unit="%")
    points = make_fact(doc, "2.7个百分点", "农村居民人均可支配收入", 2.7, measure="change", unit="个百分点")
    rate.unit_base, rate.compare_to = "%", "上年同期"
    points.unit_base, points.compare_to = "个百分点", "城镇居民"
    wh.commit_run(run(), [doc], frame(rate, points), [])
    _, rows = wh.query("SELECT value, unit, n_facts FROM indicators ORDER BY value")
    assert rows == [(2.7, "个百分点", 1), (7.5, "%", 1)]


def test_quarantined_documents_are_stored_once_and_shown(wh: Warehouse) -> None:
    good, facts = gdp_doc()
    wh.commit_run(run(), [good], frame(*facts), [])
    broken = Document(doc_id=sha256_hex(b"\xff\xfe garbage"), doc=good.doc, source=good.source,
                      status="quarantined", reason="undecodable bytes")
    other = Document(doc_id=sha256_hex(b"http://x/y.pdf"), doc="y.pdf", source="http://x/y.pdf",
                     status="quarantined", reason="HTTP 404", format="pdf")
    first = wh.commit_run(run(), [broken, other], frame(), [])
    assert (first.new_documents, first.quarantined, first.changed_documents) == (2, 2, 1)
    again = wh.commit_run(run(), [broken, other], frame(), [])
    assert (again.new_documents, again.skipped_documents) == (0, 2)
    _, rows = wh.query("SELECT doc, reason, version, resolved FROM quarantine ORDER BY doc")
    assert rows == [("a.txt", "undecodable bytes", 2, False), ("y.pdf", "HTTP 404", 1, False)]
    # a quarantined re-read does not hide the facts of the last good version
    assert set(wh.current_facts()["doc_id"]) == {good.doc_id}
    fixed, fixed_facts = gdp_doc("1020")
    wh.commit_run(run(), [fixed], frame(*fixed_facts), [])
    _, rows = wh.query("SELECT doc, resolved FROM quarantine ORDER BY doc")
    assert rows == [("a.txt", True), ("y.pdf", False)]
    assert set(wh.current_facts()["doc_id"]) == {fixed.doc_id}


def test_alerts_show_failed_checks_of_latest_run_only(wh: Warehouse) -> None:
    wh.commit_run(run(), [], frame(), [check("old-failure", False)])
    wh.commit_run(run(), [], frame(), [
        check("sum", False, indicator="GDP", region=None, period="2023", expected=10.0, actual=9.0,
              difference=-1.0, fact_ids=["f1", "f2"], docs=["a.txt"], sentences=["..."]),
        check("share", False, severity="warn"),
        check("range", True),
    ])
    _, rows = wh.query('SELECT "check", severity, subject, expected, actual, difference, fact_ids FROM alerts')
    assert rows == [
        ("sum", "error", "GDP / 2023", 10.0, 9.0, -1.0, ["f1", "f2"]),
        ("share", "warn", None, None, None, None, []),
    ]
    assert {"message", "docs", "sentences", "run_id"} <= set(wh.query("SELECT * FROM alerts")[0])


def test_check_results_filters(wh: Warehouse) -> None:
    first = wh.commit_run(run(), [], frame(), [check("a", False, "info"), check("b", False, "warn"),
                                                 check("c", False, "error"), check("d", True, "error")])
    wh.commit_run(run(), [], frame(), [check("e", True)])
    assert wh.check_results().height == 0  # latest run passed everything
    assert wh.check_results(failed_only=False)["check"].to_list() == ["e"]
    assert wh.check_results(run_id=first.run_id)["check"].to_list() == ["c", "b", "a"]
    assert wh.check_results(run_id=first.run_id, severity="warn")["check"].to_list() == ["c", "b"]
    assert wh.check_results(run_id=first.run_id, severity="error", failed_only=False)["check"].to_list() == ["c", "d"]
    with pytest.raises(ValueError, match="severity"):
        wh.check_results(severity="fatal")


def test_failure_mid_commit_leaves_previous_snapshot(tmp_path: Path) -> None:
    class Failing(Warehouse):
        def _before_commit(self, con: duckdb.DuckDBPyConnection) -> None:
            raise RuntimeError("disk full (simulated)")

    wh = Warehouse(tmp_path / "wh")
    doc, facts = gdp_doc()
    good = wh.commit_run(run(), [doc], frame(*facts), [check("sum", True)])
    new, new_facts = gdp_doc("1010")
    with pytest.raises(RuntimeError, match="disk full"):
        Failing(tmp_path / "wh").commit_run(run(), [new], frame(*new_facts), [check("sum", False)])
    assert wh.current_snapshot() == good.snapshot_id
    assert (count(wh, "FROM facts"), count(wh, "FROM documents"), count(wh, "FROM runs")) == (3, 1, 1)
    assert count(wh, "FROM check_results") == 1
    # a real database error half-way (a fact that cannot be cast) rolls back the documents already inserted
    bad = frame(*new_facts).with_columns(pl.lit("not-a-number").alias("span_start"))
    with pytest.raises(duckdb.ConversionException):
        wh.commit_run(run(), [new], bad, [])
    assert wh.current_snapshot() == good.snapshot_id
    assert count(wh, "FROM documents") == 1
    # and the warehouse still takes the next run
    after = wh.commit_run(run(), [new], frame(*new_facts), [])
    assert after.snapshot_id == good.snapshot_id + 1
    assert after.run_id == 2


KILLER = """
import os, signal, sys
from datetime import datetime, UTC
import polars as pl
from bulletins.model import Document, sha256_hex
from bulletins.warehouse import RunRecord, Warehouse

class Dying(Warehouse):
    def _before_commit(self, con):
        sys.stdout.write("dying\\n"); sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

docs = [Document(doc_id=sha256_hex(f"doc {i}".encode()), doc=f"{i}.txt", source=f"/x/{i}.txt", text=f"doc {i}")
        for i in range(50)]
Dying(sys.argv[1]).commit_run(RunRecord(None, datetime.now(UTC), ["x"]), docs, pl.DataFrame(), [])
"""


def test_killed_writer_leaves_previous_snapshot(tmp_path: Path) -> None:
    root = tmp_path / "wh"
    wh = Warehouse(root)
    doc, facts = gdp_doc()
    good = wh.commit_run(run(), [doc], frame(*facts), [])
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLER), str(root)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == -9, proc.stderr
    assert "dying" in proc.stdout
    wh = Warehouse(root)
    assert wh.current_snapshot() == good.snapshot_id
    assert (count(wh, "FROM documents"), count(wh, "FROM facts"), count(wh, "FROM runs")) == (1, 3, 1)
    # the next writer works, and the dead writer's Parquet files are cleaned up
    nxt = wh.commit_run(run(), [], frame(), [])
    assert nxt.snapshot_id == good.snapshot_id + 1
    on_disk = {p.name for p in (root / "data").rglob("*.parquet")}
    _, rows = wh.query("SELECT path FROM __ducklake_metadata_lake.ducklake_data_file")
    assert on_disk == {Path(r[0]).name for r in rows}


def test_facts_must_belong_to_documents(wh: Warehouse) -> None:
    doc, facts = gdp_doc()
    _, stray_facts = gdp_doc("1", name="stray.txt")
    snaps = wh.snapshots().height
    with pytest.raises(ValueError, match="neither stored nor in this run"):
        wh.commit_run(run(), [doc], frame(*facts, *stray_facts), [])
    with pytest.raises(ValueError, match="contract columns"):
        wh.commit_run(run(), [doc], frame(*facts).drop("quote"), [])
    assert wh.snapshots().height == snaps
    # facts of an already stored document are skipped, not an error
    wh.commit_run(run(), [doc], frame(*facts), [])
    again = wh.commit_run(run(), [], frame(*facts), [])
    assert again.new_facts == 0


def test_query_is_read_only(wh: Warehouse) -> None:
    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    with pytest.raises(WarehouseError, match="read-only"):
        wh.query("DELETE FROM facts")
    with pytest.raises(WarehouseError, match="read-only"):
        wh.query("CREATE TABLE lake.junk (a INT)")
    assert count(wh, "FROM facts") == 3
    ro = Warehouse.open_readonly(wh.root)
    with pytest.raises(WarehouseError, match="read-only"):
        ro.commit_run(run(), [], frame(), [])
    with pytest.raises(WarehouseError, match="no warehouse"):
        Warehouse.open_readonly(wh.root / "missing")


@pytest.mark.parametrize(
    "sql",
    [
        "USE memory; DETACH lake; ATTACH 'ducklake:{catalog}' AS w (DATA_PATH '{data}'); DELETE FROM w.facts",
        "COPY (SELECT * FROM facts) TO '{root}/leak.csv'",
        "ATTACH '{root}/other.duckdb' AS other; CREATE TABLE other.t AS SELECT 1",
        "SELECT 1; DELETE FROM facts",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO '{root}/leak.csv'",
    ],
)
def test_query_cannot_write_by_any_statement(wh: Warehouse, sql: str) -> None:
    """Not only the lake's own tables: no statement of a read-only query may write anything."""
    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    snaps = wh.snapshots().height
    with pytest.raises(WarehouseError, match="read-only"):
        wh.query(sql.format(catalog=wh.catalog, data=wh.data_path, root=wh.root))
    assert count(wh, "FROM facts") == 3
    assert wh.snapshots().height == snaps
    assert not (wh.root / "leak.csv").exists() and not (wh.root / "other.duckdb").exists()


def test_query_allows_every_kind_of_read(wh: Warehouse) -> None:
    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    assert wh.query("WITH x AS (SELECT * FROM facts) SELECT count(*) FROM x")[1] == [(3,)]
    assert wh.query("FROM facts SELECT count(*)")[1] == [(3,)]
    assert wh.query("DESCRIBE facts")[1]
    assert wh.query("SHOW TABLES")[1]
    assert wh.query("SELECT count(*) FROM ducklake_snapshots('lake')")[1][0][0] >= 2


def test_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh", lock_timeout=0.2)
    with open(tmp_path / "wh" / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # another writer
        with pytest.raises(WarehouseBusyError, match="another writer"):
            wh.commit_run(run(), [], frame(), [])
        assert count(wh, "FROM runs") == 0  # readers are not blocked by the writer lock
    assert wh.commit_run(run(), [], frame(), []).run_id == 1


def test_explicit_run_id_and_duplicates(wh: Warehouse) -> None:
    assert wh.commit_run(run(run_id=7, flow_run_id="abc"), [], frame(), []).run_id == 7
    assert wh.commit_run(run(), [], frame(), []).run_id == 8
    with pytest.raises(ValueError, match="already stored"):
        wh.commit_run(run(run_id=7), [], frame(), [])
    assert wh.runs()["flow_run_id"].to_list() == ["abc", None]


def test_connect_snippet_opens_the_lake_in_plain_duckdb(wh: Warehouse, tmp_path: Path) -> None:
    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    snippet = wh.connect_snippet()
    assert "READ_ONLY" in snippet and snippet.rstrip().endswith("USE lake;")
    con = duckdb.connect()
    con.execute(snippet)
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == 3
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM facts")
    con.close()


def test_warehouse_moved_to_another_directory_still_reads(wh: Warehouse, tmp_path: Path) -> None:
    import shutil

    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    moved = tmp_path / "moved"
    shutil.copytree(wh.root, moved)
    shutil.rmtree(wh.root)
    copy = Warehouse(moved)
    assert copy.current_facts().height == 3
    assert copy.commit_run(run(), [], frame(), []).run_id == 2


READER = """
import sys
import duckdb
con = duckdb.connect()
con.execute(sys.argv[1])
print(con.execute("SELECT count(*) FROM runs").fetchone()[0], flush=True)
sys.stdin.readline()  # hold the catalog open until the test says so
"""


def test_writer_waits_for_a_reader_in_another_process(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh", busy_timeout=0.5)
    wh.commit_run(run(), [], frame(), [])
    reader = subprocess.Popen([sys.executable, "-c", READER, wh.connect_snippet()], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "1"
        with pytest.raises(WarehouseBusyError, match="stayed locked"):
            wh.commit_run(run(), [], frame(), [])
        assert count(wh, "FROM runs") == 1  # many readers at once are fine
    finally:
        assert reader.stdin is not None
        reader.stdin.write("\n")
        reader.stdin.close()
        reader.wait(timeout=60)
    assert wh.commit_run(run(), [], frame(), []).run_id == 2


def test_older_warehouse_gains_new_columns_and_views(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh")
    doc, facts = gdp_doc()
    wh.commit_run(run(), [doc], frame(*facts), [])
    con = duckdb.connect()
    con.execute(wh.connect_snippet().replace("READ_ONLY, ", ""))
    con.execute("ALTER TABLE documents DROP COLUMN n_chars")  # as if written by an older version
    con.execute("DROP VIEW alerts")
    con.close()
    snaps = wh.snapshots().height
    wh = Warehouse(tmp_path / "wh")
    assert wh.snapshots().height == snaps + 1
    _, rows = wh.query("SELECT doc, n_chars FROM documents")
    assert rows == [("a.txt", None)]
    assert count(wh, "FROM alerts") == 0


def test_revert_to_an_older_version_makes_it_current_again(wh: Warehouse) -> None:
    """A → B → A: the old bytes come back as a new version pointing at the same text (not skipped as known)."""
    a, a_facts = gdp_doc("1000")
    b, b_facts = gdp_doc("1010")
    wh.commit_run(run(), [a], frame(*a_facts), [])
    wh.commit_run(run(), [b], frame(*b_facts), [])
    back = wh.commit_run(run(), [a], frame(*a_facts), [])
    assert (back.new_documents, back.changed_documents, back.skipped_documents) == (1, 1, 0)
    _, versions = wh.query("SELECT version, doc_id, supersedes FROM documents ORDER BY version")
    assert versions == [(1, a.doc_id, None), (2, b.doc_id, a.doc_id), (3, a.doc_id, b.doc_id)]
    _, values = wh.query("SELECT value FROM current_facts WHERE measure = 'level' AND unit = '亿元'")
    assert values == [(1000.0,)]
    assert count(wh, "FROM current_facts") == 3  # A's facts replaced by their new extraction, not doubled
    assert count(wh, "FROM facts") == 6
    # the same bytes once more: now A is the latest version, so it is known and skipped
    again = wh.commit_run(run(), [a], frame(*a_facts), [])
    assert (again.new_documents, again.skipped_documents) == (0, 1)
    # identical bytes under another source stay one document
    other = Document(doc_id=a.doc_id, doc="copy.txt", source="/elsewhere/copy.txt", text=a.text)
    assert wh.commit_run(run(), [other], frame(), []).skipped_documents == 1
