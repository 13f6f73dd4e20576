"""`bulletins series` and the `series` view: one indicator across documents and periods, with provenance.

The warehouse is filled once, as a user fills it (`bulletins ingest`, serverless Prefect), from
the project's seeds plus two small bulletins written here that state the same facts of 天津市,
some alike and some not. Every expected value below was read in the seed text at its span.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pytest
from cli_runner import run_cli

from bulletins.checks.base import make_context, prepare
from bulletins.checks.sources import fact_key, fact_key_sql
from bulletins.cli import main
from bulletins.model import FACT_FIELDS
from bulletins.warehouse import FACT_TYPES, Warehouse, derived_views_version

pytestmark = pytest.mark.flow

ROOT = Path(__file__).resolve().parent.parent

# Two sources on 天津市 2023. GDP: the levels agree within rounding (1.67万亿元 may be 16650–16750亿元),
# the growth rates do not; revenue levels disagree; the population is the same in both.
STATS_BUREAU = (
    "天津市2023年国民经济和社会发展统计公报\n日期:2024-03-20 来源:天津市统计局\n"
    "2023年全市地区生产总值为16737.3亿元，比上年增长4.3%。年末全市常住人口为1364万人。"
    "全年一般公共预算收入2027.3亿元，增长4.1%。\n"
)
NEWSPAPER = (
    "天津市2023年经济运行情况\n日期:2024-01-25 来源:天津日报\n"
    "2023年全市地区生产总值1.67万亿元，比上年增长4.5%。年末全市常住人口为1364万人。全年一般公共预算收入2000亿元。\n"
)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ and the two 天津 bulletins ingested in one run into a fresh warehouse."""
    base = tmp_path_factory.mktemp("series")
    inbox = base / "inbox"
    inbox.mkdir()
    (inbox / "tj_stats.txt").write_text(STATS_BUREAU, encoding="utf-8")
    (inbox / "tj_daily.txt").write_text(NEWSPAPER, encoding="utf-8")
    proc = _cli("ingest", str(ROOT / "seeds"), str(inbox), "--warehouse", str(base / "wh"), cwd=base)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "7 seen, 7 new" in proc.stdout
    return base / "wh"


@cache
def _series_cached(wh: str, args: tuple[str, ...], process: bool = False) -> tuple[int, str, str]:
    """`bulletins series ARGS`: its exit status, stdout and stderr; in this process (the same `main` the
    console script calls, ~1 s faster a call) unless `process`."""
    if process:
        proc = _cli("series", *args, "--warehouse", wh, cwd=Path(wh).parent)
        return proc.returncode, proc.stdout, proc.stderr
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["series", *args, "--warehouse", wh])
    return status, out.getvalue(), err.getvalue()


def series(lake: Path, *args: str, fmt: str = "jsonl") -> list[dict[str, Any]]:
    """The rows `bulletins series ARGS --format jsonl` prints (exit status 0 asserted)."""
    status, out, err = _series_cached(str(lake), (*args, "--format", fmt))
    assert status == 0, err
    return [json.loads(line) for line in out.splitlines()]


@cache
def _texts(lake: str) -> dict[str, str]:
    with Warehouse(lake, read_only=True) as wh:
        return {r[0]: r[1] for r in wh.query("select doc_id, text from documents")[1]}


# One row per series the seeds state, read at the quoted span of the seed file:
# code, region, period, measure, status, comparison, value, unit, doc, quote, a piece of the sentence.
SEED_SERIES = [
    ("gdp", "北京市", "2023-01..2023-06", "change", "actual", "同比", 5.5, "%", "001_9c699a98f853825b.txt",
     "5.5%", "上半年地区生产总值增长5.5%"),
    ("gdp", "海淀区", "2024", "change", "target", "同比", 6.0, "%", "004_272af4a6a23bb567.txt",
     "6%", "地区生产总值增速安排6%左右"),
    ("income_pc", "北京市", "2023-01..2023-06", "change", "actual", "同比", 5.0, "%", "001_9c699a98f853825b.txt",
     "5%", "全市居民人均可支配收入增长5%"),
    ("fiscal.revenue", "北京市", "2023-01..2023-06", "change", "actual", "同比", 12.9, "%",
     "001_9c699a98f853825b.txt", "12.9%", "一般公共预算收入增长12.9%"),
    ("fiscal.revenue", "海淀区", "2024", "change", "target", "同比", 5.0, "%", "004_272af4a6a23bb567.txt",
     "5%", "区级一般公共预算收入增长5%"),
    ("consumption_pc", "北京市", "2023-01..2023-06", "level", "actual", None, 22861.0, "元",
     "000_453bd0097b4f3257.txt", "22861元", "上半年全市居民人均消费支出22861元"),
    ("sci.tech_contracts", "北京市", "2023-01..2023-06", "level", "actual", None, 3938.2, "亿元",
     "001_9c699a98f853825b.txt", "3938.2亿元", "上半年全市技术合同成交额达到3938.2亿元"),
    ("invest.fai", "北京市", "2023-01..2023-06", "level", "actual", None, 4353.8, "亿元",
     "001_9c699a98f853825b.txt", "4353.8亿元", "固定资产投资完成4353.8亿元"),
    ("env.good_air_days", "通州区", "2023", "level", "actual", None, 267.0, "天", "003_804798e22cc3fc5f.txt",
     "267天", "通州区优良天数达267天"),
    ("cpi", "北京市", "2023-01..2023-06", "change", "actual", "同比", 0.7, "%", "001_9c699a98f853825b.txt",
     "0.7%", "居民消费价格上涨0.7%"),
]


@pytest.mark.parametrize(("code", "region", "period", "measure", "status", "comparison", "value", "unit", "doc",
                          "quote", "said"), SEED_SERIES, ids=[f"{r[0]}-{r[1]}-{r[3]}" for r in SEED_SERIES])
def test_seed_series_with_provenance(lake: Path, code: str, region: str, period: str, measure: str, status: str,
                                     comparison: str | None, value: float, unit: str, doc: str, quote: str,
                                     said: str) -> None:
    rows = series(lake, code)
    assert rows and {r["indicator_code"] for r in rows} == {code}
    keys = [(r["region"], r["period"], r["measure"], r["status"], r["comparison"], r["unit_base"]) for r in rows]
    assert len(keys) == len(set(keys)), "one row per fact key"
    hits = [r for r in rows if (r["region"], r["period"], r["measure"], r["status"], r["comparison"])
            == (region, period, measure, status, comparison)]
    assert len(hits) == 1, rows
    row = hits[0]
    assert (row["value"], row["unit"], row["doc"], row["quote"]) == (value, unit, doc, quote)
    assert said in row["sentence"]
    assert row["name"] and row["region_code"] and row["title"]
    assert row["n_sources"] == 1 and row["conflict"] is False and row["n_values"] == 1
    assert row["distinct_values"] == [{"value": value, "unit": unit, "docs": [doc]}]
    # the span points into the stored text of that document, and the seed file says the same there
    stored = _texts(str(lake))[row["doc_id"]]
    assert stored[row["span_start"]:row["span_end"]] == quote
    assert f"{value:g}" in quote.replace(",", "")
    seed = (ROOT / "seeds" / doc).read_text(encoding="utf-8")
    assert seed[row["span_start"]:row["span_end"]] == quote


@pytest.mark.parametrize(("code", "region", "period", "measure", "n_facts"), [
    ("env.good_air_days", "通州区", "2023", "level", 2),  # stated twice in one document: one source
    ("consumption_pc", "北京市", "2023-01..2023-06", "change", 2),  # the headline and the body
    ("gdp", "北京市", "2023-01..2023-06", "change", 1),
])
def test_mentions_of_one_document_are_one_source(lake: Path, code: str, region: str, period: str, measure: str,
                                                 n_facts: int) -> None:
    rows = [r for r in series(lake, code, "--region", region, "--measure", measure)
            if r["period"] == period and r["comparison"] in (None, "同比")]
    assert len(rows) == 1
    assert rows[0]["n_facts"] == n_facts and rows[0]["n_sources"] == 1


@pytest.mark.parametrize(("name", "code"), [
    ("GDP", "gdp"),
    ("国内生产总值", "gdp"),
    ("地区生产总值", "gdp"),
    ("人均可支配收入", "income_pc"),
    ("居民人均可支配收入", "income_pc"),
    ("公共财政预算收入", "fiscal.revenue"),
    ("技术交易额", "sci.tech_contracts"),
    ("居民消费价格指数", "cpi"),
])
def test_a_name_or_alias_gives_the_code_series(lake: Path, name: str, code: str) -> None:
    assert series(lake, name) == series(lake, code) != []


@pytest.mark.parametrize(("code", "region", "regions"), [
    ("gdp", "海淀区", {"海淀区"}),
    ("gdp", "海淀", {"海淀区"}),  # the start of a name
    ("gdp", "110108", {"海淀区"}),  # a region code
    ("gdp", "北京市", {"北京市"}),
    ("gdp", "天津市", {"天津市"}),
    ("fiscal.revenue", "海淀区", {"海淀区"}),
    ("gdp", "上海市", set()),  # no such facts: an empty series, not an error
])
def test_region_filters(lake: Path, code: str, region: str, regions: set[str]) -> None:
    rows = series(lake, code, "--region", region)
    assert {r["region"] for r in rows} == regions
    everything = series(lake, code)
    assert rows == [r for r in everything if r["region"] in regions]


@pytest.mark.parametrize(("code", "measure"), [("consumption_pc", "level"), ("gdp", "change"), ("gdp", "share")])
def test_measure_filters(lake: Path, code: str, measure: str) -> None:
    rows = series(lake, code, "--measure", measure)
    assert rows == [r for r in series(lake, code) if r["measure"] == measure]


# The 天津 facts of the two bulletins: what each series must say about its sources.
CONFLICTS = [
    # code, period, measure, distinct values (value, unit, docs) latest first, conflict, latest doc
    ("gdp", "2023", "change", [(4.3, "%", ["tj_stats.txt"]), (4.5, "%", ["tj_daily.txt"])], True, "tj_stats.txt"),
    ("fiscal.revenue", "2023", "level", [(2027.3, "亿元", ["tj_stats.txt"]), (2000.0, "亿元", ["tj_daily.txt"])],
     True, "tj_stats.txt"),
    # printed differently, equal within rounding (1.67万亿元 = 16650–16750亿元): two values, no conflict
    ("gdp", "2023", "level", [(16737.3, "亿元", ["tj_stats.txt"]), (1.67, "万亿元", ["tj_daily.txt"])], False,
     "tj_stats.txt"),
    ("pop.resident", "2023-12-31", "level", [(1364.0, "万人", ["tj_daily.txt", "tj_stats.txt"])], False,
     "tj_stats.txt"),
    ("fiscal.revenue", "2023", "change", [(4.1, "%", ["tj_stats.txt"])], False, "tj_stats.txt"),  # one source
]


@pytest.mark.parametrize(("code", "period", "measure", "values", "conflict", "latest"), CONFLICTS,
                         ids=[f"{c[0]}-{c[2]}" for c in CONFLICTS])
def test_sources_that_disagree_are_a_conflict(lake: Path, code: str, period: str, measure: str,
                                              values: list[tuple[float, str, list[str]]], conflict: bool,
                                              latest: str) -> None:
    rows = [r for r in series(lake, code, "--region", "天津市", "--measure", measure) if r["period"] == period]
    assert len(rows) == 1, rows
    row = rows[0]
    stated = [(v["value"], v["unit"], v["docs"]) for v in row["distinct_values"]]
    assert stated == values
    assert row["conflict"] is conflict and row["n_values"] == len(values)
    assert row["n_sources"] == len({d for v in values for d in v[2]})
    # latest = the most recently published document (统计局 2024-03-20 after 天津日报 2024-01-25)
    assert row["doc"] == latest and (row["value"], row["unit"]) == values[0][:2]
    assert str(row["pub_date"]) == "2024-03-20"
    if conflict:  # the verdict is the source_conflict check's: its message names both documents
        assert "tj_stats.txt" in row["conflict_message"] and "tj_daily.txt" in row["conflict_message"]
    else:
        assert row["conflict_message"] is None


def test_the_view_and_the_check_agree_on_conflicts(lake: Path) -> None:
    """Every failed source_conflict of the latest run is one conflicting series row, and vice versa."""
    with Warehouse(lake, read_only=True) as wh:
        failed = wh.query("select count(*) from alerts where \"check\" = 'source_conflict'")[1][0][0]
        conflicts = wh.query("select indicator_code, region, period, measure from series where conflict")[1]
    assert failed == len(conflicts) >= 2
    assert {("gdp", "天津市", "2023", "change"), ("fiscal.revenue", "天津市", "2023", "level")} <= set(conflicts)


def test_table_output_shows_both_conflicting_values(lake: Path) -> None:
    status, out, _ = _series_cached(str(lake), ("GDP", "--region", "天津市", "--measure", "change"), process=True)
    assert status == 0
    header, _, row, *rest = out.splitlines()
    assert header.split(" | ")[0].strip() == "indicator_code" and "conflict" in header
    assert "True" in row and "4.3% (tj_stats.txt); 4.5% (tj_daily.txt)" in row
    assert rest == ["(1 row)"]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_machine_formats_carry_every_column(lake: Path, fmt: str) -> None:
    status, out, err = _series_cached(str(lake), ("gdp", "--format", fmt))
    assert status == 0, err
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert json.loads(rows[0]["distinct_values"])[0]["docs"]
    elif fmt == "json":
        rows = json.loads(out)
    else:
        rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(series(lake, "gdp"))
    assert {"indicator_code", "name", "value", "unit", "doc", "doc_id", "title", "url", "span_start", "span_end",
            "quote", "sentence", "n_sources", "distinct_values", "conflict"} <= set(rows[0])


@pytest.mark.parametrize(("name", "message"), [
    ("生产总直", "地区生产总值 (gdp)"),  # a typo: the close match is offered
    ("公共预算", "一般公共预算收入 (fiscal.revenue)"),  # part of names
    ("gdpp", "(gdp)"),  # a code with a typo
    ("zzzq", "indicator_catalog"),  # nothing close: how to list the catalog
])
def test_an_unknown_name_exits_2_with_close_matches(lake: Path, name: str, message: str) -> None:
    status, out, err = _series_cached(str(lake), (name,), process=True)
    assert status == 2 and out == ""
    assert err.startswith(f"bulletins series: no catalog indicator is named {name!r}") and message in err
    assert "Traceback" not in err


def test_series_without_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    proc = _cli("series", "gdp", "--warehouse", "nowhere", cwd=tmp_path)
    assert proc.returncode != 0 and "no warehouse at nowhere" in proc.stderr


def test_a_warehouse_older_than_the_view_says_how_to_add_it(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh")
    con = duckdb.connect()
    con.execute(wh.connect_snippet().replace("READ_ONLY, ", ""))
    con.execute("DROP VIEW series")  # as written before the view existed
    con.close()
    proc = _cli("series", "gdp", "--warehouse", "wh", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no `series` view" in proc.stderr and "bulletins reprocess" in proc.stderr
    Warehouse(tmp_path / "wh")  # any writer (reprocess, ingest) adds it back
    assert _cli("series", "gdp", "--warehouse", "wh", cwd=tmp_path).returncode == 0


def test_readme_series_queries_work(lake: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```sql title=series\n(.*?)```", readme, flags=re.S)
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) >= 2
    with Warehouse(lake, read_only=True) as wh:
        for statement in statements:
            _columns, rows = wh.query(statement)
            assert rows, f"README query returns nothing: {statement}"


def test_indicator_catalog_lists_every_code(lake: Path) -> None:
    from bulletins.checks.config import default_catalog

    with Warehouse(lake, read_only=True) as wh:
        rows = wh.query("select code, name, aliases, catalog_version from indicator_catalog")[1]
    assert {r[0]: r[1] for r in rows} == default_catalog().names
    assert {r[3] for r in rows} == {derived_views_version()}
    assert next(r[2] for r in rows if r[0] == "gdp")[:1] == ["GDP"]


def test_stale_derived_views_are_rebuilt_once(tmp_path: Path) -> None:
    """A lake whose indicator_catalog came from another catalog gets both derived views again, in one snapshot."""
    from bulletins.checks.config import default_catalog

    wh = Warehouse(tmp_path / "wh")
    con = duckdb.connect()
    con.execute(wh.connect_snippet().replace("READ_ONLY, ", ""))
    con.execute("CREATE OR REPLACE VIEW indicator_catalog AS SELECT 'x' AS code, 'old' AS catalog_version")
    con.execute("DROP VIEW series")
    con.close()
    before = wh.snapshots().height
    Warehouse(tmp_path / "wh")
    Warehouse(tmp_path / "wh")
    assert wh.snapshots().height == before + 1
    versions = wh.query("select catalog_version, count(*) from indicator_catalog group by all")[1]
    assert versions == [(derived_views_version(), len(default_catalog().names))]
    assert wh.query("select count(*) from series")[1] == [(0,)]


# The key in SQL must be the key in Python: (comparison, unit family, status) of rows the check sees.
KEY_CASES = [
    # measure, compare_to, value, unit, value_base, unit_base, status
    ("level", None, 1000.0, "亿元", 1e11, "元", "actual"),
    ("level", "上年", 1000.0, "亿元", 1e11, "元", "actual"),  # a level has no comparison
    ("change", "上年同期", 5.2, "%", 5.2, "%", "actual"),
    ("change", "去年", 5.2, "%", 5.2, "%", "target"),
    ("change", " 同比 ", 5.2, "%", 5.2, "%", "actual"),
    ("change", "一季度", 2.4, "个百分点", 2.4, "个百分点", "actual"),
    ("change", "全国", 2.4, "个百分点", None, None, "actual"),  # no base value: the unit as written
    ("change", None, 5.0, "%", 5.0, "", "estimate"),  # an empty base unit falls back to the unit
    ("ratio", "全市", 2.8, "倍", 2.8, "倍", "actual"),
    ("share", None, 66.67, "%", 66.67, "%", "actual"),
    ("level", None, 12.0, "", 12.0, None, "actual"),  # a bare count
]


@pytest.mark.parametrize(("measure", "compare_to", "value", "unit", "value_base", "unit_base", "status"), KEY_CASES)
def test_fact_key_sql_is_the_checks_key(measure: str, compare_to: str | None, value: float, unit: str,
                                        value_base: float | None, unit_base: str | None, status: str) -> None:
    import polars as pl

    fact = {c: None for c in FACT_FIELDS} | {
        "fact_id": "f", "doc_id": "d", "doc": "a.txt", "quote": f"{value}{unit}", "sentence": "", "indicator": "x",
        "indicator_code": "gdp", "region": "北京市", "period": "2023", "measure": measure, "value": value,
        "unit": unit, "value_base": value_base, "unit_base": unit_base, "status": status, "qualifier": "exact",
        "compare_to": compare_to,
    }
    ctx = make_context()
    frame = pl.DataFrame([fact], schema={c: pl.Float64 if FACT_TYPES[c] == "DOUBLE" else
                                         pl.Int64 if FACT_TYPES[c] in ("INTEGER", "BIGINT") else pl.String
                                         for c in FACT_FIELDS})
    expected = fact_key(prepare(frame, ctx).rows[0], ctx)
    con = duckdb.connect()
    con.register("facts", frame.to_arrow())
    key = fact_key_sql(ctx.settings)
    got = con.execute(f"SELECT {', '.join(key.values())} FROM facts").fetchone()
    assert got == expected
