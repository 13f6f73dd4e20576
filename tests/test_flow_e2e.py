"""End to end: the ingest flow over the seeds into a temporary warehouse, run twice.

Runs the real flow (serverless Prefect), real DuckLake files, and the real CLI
for queries, and asserts specific facts with their provenance.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

pytestmark = pytest.mark.flow

CONSUMPTION = "居民人均消费支出"


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict:
    """Ingest the seeds twice into one warehouse; keep both summaries and the snapshot counts."""
    from bulletins.warehouse import Warehouse
    from flows.ingest import ingest_bulletins

    base = tmp_path_factory.mktemp("e2e")
    seeds = base / "seeds"
    shutil.copytree(seeds_dir, seeds)
    wh_dir = base / "warehouse"
    first = ingest_bulletins(sources=[str(seeds)], warehouse=str(wh_dir))
    with Warehouse(wh_dir, read_only=True) as wh:
        snaps_1 = wh.snapshots().height
        facts_1 = wh.query("select count(*) from facts")[1][0][0]
    second = ingest_bulletins(sources=[str(seeds)], warehouse=str(wh_dir))
    with Warehouse(wh_dir, read_only=True) as wh:
        snaps_2 = wh.snapshots().height
        facts_2 = wh.query("select count(*) from facts")[1][0][0]
    return {"dir": wh_dir, "seeds": seeds, "first": first, "second": second,
            "snaps": (snaps_1, snaps_2), "facts": (facts_1, facts_2)}


def _query(wh_dir: Path, sql: str) -> tuple[list[str], list[tuple]]:
    from bulletins.warehouse import Warehouse

    with Warehouse(wh_dir, read_only=True) as wh:
        return wh.query(sql)


def test_first_run_ingests_all_seeds(two_runs: dict) -> None:
    first = two_runs["first"]
    assert first["new_documents"] == 5
    assert first["quarantined"] == 0
    assert first["new_facts"] > 500  # the seed gold has 715 facts
    assert two_runs["facts"][0] == first["new_facts"]


def test_consumption_fact_with_provenance(two_runs: dict) -> None:
    _cols, rows = _query(
        two_runs["dir"],
        "select i.value, i.unit, i.quote, i.sentence, i.doc, i.span_start, i.span_end, d.text, i.region, i.period "
        f"from indicators i join documents d using (doc_id) where i.indicator = '{CONSUMPTION}' "
        "and i.measure = 'level' and i.value = 22861",
    )
    assert rows, "22861 元 of 居民人均消费支出 not in the indicators view"
    value, unit, quote, sentence, doc, start, end, text, region, period = rows[0]
    assert (value, unit, quote) == (22861.0, "元", "22861元")
    assert doc == "000_453bd0097b4f3257.txt"
    assert text[start:end] == quote
    assert "22861" in sentence and "人均消费支出" in sentence
    assert region == "北京市"
    assert period == "2023-01..2023-06"


def test_change_fact_signed_and_compared(two_runs: dict) -> None:
    _, rows = _query(
        two_runs["dir"],
        f"select value, unit, compare_to from facts where indicator = '{CONSUMPTION}' and measure = 'change' "
        "and doc = '000_453bd0097b4f3257.txt'",
    )
    assert (8.7, "%", "上年同期") in rows


def test_second_run_adds_nothing_and_one_snapshot(two_runs: dict) -> None:
    second = two_runs["second"]
    assert second["new_documents"] == 0
    assert second["new_facts"] == 0
    facts_1, facts_2 = two_runs["facts"]
    assert facts_1 == facts_2
    snaps_1, snaps_2 = two_runs["snaps"]
    assert snaps_2 == snaps_1 + 1  # every run commits exactly one snapshot
    _, runs = _query(two_runs["dir"], "select run_id, new_documents, new_facts, snapshot_id from runs order by run_id")
    assert len(runs) == 2
    assert runs[1][1:3] == (0, 0)
    assert runs[1][3] > runs[0][3]


def test_time_travel_to_first_snapshot(two_runs: dict) -> None:
    from bulletins.warehouse import Warehouse

    _, runs = _query(two_runs["dir"], "select snapshot_id from runs order by run_id")
    with Warehouse(two_runs["dir"], read_only=True) as wh:
        _, rows = wh.query("select count(*) from runs", snapshot=runs[0][0])
    assert rows[0][0] == 1


def test_consumption_check_passes(two_runs: dict) -> None:
    from bulletins.warehouse import Warehouse

    with Warehouse(two_runs["dir"], read_only=True) as wh:
        results = wh.check_results(failed_only=False)
    rows = [r for r in results.to_dicts() if r["indicator"] == CONSUMPTION and "sum" in r["check"]]
    assert rows, "no component-sum check on 居民人均消费支出"
    assert all(r["passed"] for r in rows)
    assert any(r["expected"] == 22861 and r["actual"] == 22861 for r in rows)


def test_cli_query_prints_fact_and_sentence(two_runs: dict) -> None:
    sql = f"select value, quote, sentence from indicators where indicator like '%{CONSUMPTION}%' and value = 22861"
    out = subprocess.run(
        [sys.executable, "-m", "bulletins.cli", "query", sql, "--warehouse", str(two_runs["dir"]),
         "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and rows[0]["value"] == 22861 and rows[0]["quote"] == "22861元"
    assert "22861" in rows[0]["sentence"]


def test_cli_query_is_read_only(two_runs: dict) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bulletins.cli", "query", "delete from facts", "--warehouse", str(two_runs["dir"])],
        capture_output=True, text=True,
    )
    assert proc.returncode != 0
    assert _query(two_runs["dir"], "select count(*) from facts")[1][0][0] == two_runs["facts"][1]


def test_changed_document_is_new_version(two_runs: dict, tmp_path: Path) -> None:
    from flows.ingest import ingest_bulletins

    wh_dir = tmp_path / "wh"  # a copy of the warehouse, so the other tests' warehouse stays as it was
    shutil.copytree(two_runs["dir"], wh_dir)
    target = two_runs["seeds"] / "000_453bd0097b4f3257.txt"  # same source path: a new version of it
    original = target.read_bytes()
    try:
        target.write_bytes(original.decode("utf-8").replace("22861元", "22862元").encode("utf-8"))
        summary = ingest_bulletins(sources=[str(two_runs["seeds"])], warehouse=str(wh_dir))
    finally:
        target.write_bytes(original)
    assert summary["changed_documents"] == 1
    assert summary["new_documents"] == 1
    _, rows = _query(wh_dir, f"select value from indicators where indicator = '{CONSUMPTION}' and measure = 'level' "
                             "and period = '2023-01..2023-06' and region = '北京市'")
    assert (22862.0,) in rows and (22861.0,) not in rows
    _, versions = _query(wh_dir, "select version, supersedes is not null from documents "
                                 "where doc = '000_453bd0097b4f3257.txt' order by version")
    assert versions == [(1, False), (2, True)]


def test_run_publishes_prefect_artifacts(two_runs: dict) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        summaries = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["bulletins-run-summary"]))
        )
        tables = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["bulletins-check-failures"]))
        )
    assert len(summaries) >= 2  # one per run, versioned under one key
    assert any("blank_value" in str(a.data) for a in summaries)
    assert tables and any("blank_value" in str(a.data) for a in tables)


def _readme_block(lang: str) -> list[str]:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", readme, flags=re.S)


def test_readme_example_queries_work(two_runs: dict) -> None:
    (block,) = _readme_block("sql")
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) >= 5
    for statement in statements:
        comment = " ".join(line for line in statement.splitlines() if line.startswith("--"))
        _cols, rows = _query(two_runs["dir"], statement)
        assert rows, f"README query returns nothing: {statement}"
        if "eight consumption categories" in comment:
            assert len(rows) == 8, rows


def test_readme_python_snippet_opens_the_warehouse(two_runs: dict) -> None:
    (snippet,) = _readme_block("python")
    proc = subprocess.run([sys.executable, "-c", snippet], cwd=two_runs["dir"].parent, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "22861" in proc.stdout or "indicator" in proc.stdout
    assert "snapshot_id" in proc.stdout


def _result_keys(rows: list[dict]) -> list[tuple]:
    return sorted((r["check"], r["passed"], r["indicator"] or "", r["region"] or "", r["period"] or "",
                   str(r["actual"])) for r in rows)


def test_checks_describe_the_snapshot_after_a_quarantined_version(tmp_path: Path, seeds_dir: Path) -> None:
    """v1 ok, v2 unreadable, v3 ok: run 3's checks must see v3's facts only, as current_facts does."""
    from bulletins.checks import run_checks
    from bulletins.warehouse import Warehouse
    from flows.ingest import ingest_bulletins

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = inbox / "000.txt"
    original = (seeds_dir / "000_453bd0097b4f3257.txt").read_text(encoding="utf-8")
    versions = [original.encode(), bytes(range(256)) * 12, original.replace("991元", "1000元").encode()]
    for raw in versions:
        target.write_bytes(raw)
        summary = ingest_bulletins(sources=[str(inbox)], warehouse=str(tmp_path / "wh"))
    assert summary["changed_documents"] == 1 and summary["new_documents"] == 1
    with Warehouse(tmp_path / "wh", read_only=True) as wh:
        stored = wh.check_results(failed_only=False).filter(~pl.col("check").str.starts_with("contract:"))
        recomputed = run_checks(wh.current_facts())
    assert _result_keys(stored.to_dicts()) == _result_keys([r.to_dict() for r in recomputed])


def test_documents_carry_the_date_found_in_their_text(two_runs: dict) -> None:
    _, rows = _query(two_runs["dir"], "select doc, cast(pub_date as varchar) from documents where pub_date is not null")
    dates = dict(rows)
    assert dates.get("001_9c699a98f853825b.txt") == "2023-10-16"  # 日期:2023-10-16
    assert dates.get("004_272af4a6a23bb567.txt") == "2024-01-16"  # not the scraper's 2024-10-07 18:04
