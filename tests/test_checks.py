"""Consistency checks on crafted facts: each bad case fires exactly one check with the right
expected and actual values; the clean bulletin fires none (and every check records passes)."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

import polars as pl
import pytest

from bulletins.checks import CHECKS, run_checks
from bulletins.model import FACT_FIELDS, Fact

_span = itertools.count(0, 20)
MULTIPLIERS = {"亿元": (1e8, "元"), "万元": (1e4, "元"), "万人": (1e4, "人")}
H1, H1_LAST = "2023-01..2023-06", "2022-01..2022-06"


def num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(v)


def fact(indicator: str, value: float | None, unit: str = "元", *, measure: str = "level",
         region: str | None = "北京市", period: str | None = H1, status: str = "actual",
         qualifier: str = "exact", compare_to: str | None = None, doc: str = "a.txt",
         code: str | None = None, quote: str | None = None) -> dict:
    """A fact row as the extractor would emit it (spans are unique, texts are not checked here)."""
    quote = quote or (unit if value is None else f"{num(value)}{unit}")
    mult, base_unit = MULTIPLIERS.get(unit, (1.0, unit))
    start = next(_span)
    return Fact(
        doc_id=hashlib.sha256(doc.encode()).hexdigest(), doc=doc, span_start=start,
        span_end=start + len(quote), quote=quote, sentence=f"{indicator}……{quote}。", indicator=indicator,
        indicator_code=code, measure=measure, value=value, unit=unit, region=region, period=period,
        value_base=None if value is None else value * mult, unit_base=base_unit, status=status,
        qualifier=qualifier, compare_to=compare_to,
    ).to_dict()


def frame(rows: list[dict]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=dict.fromkeys(FACT_FIELDS, pl.Utf8))
    return pl.DataFrame(rows, schema_overrides={
        "value": pl.Float64, "value_base": pl.Float64, "snapshot_id": pl.Int64, "indicator_code": pl.Utf8,
        "region": pl.Utf8, "period": pl.Utf8, "compare_to": pl.Utf8,
    }).select(FACT_FIELDS)


CONSUMPTION = [("居民人均食品烟酒支出", 5129), ("人均衣着支出", 991), ("人均居住支出", 8893),
               ("人均生活用品及服务支出", 1101), ("人均交通通信支出", 2227), ("人均教育文化娱乐支出", 1658),
               ("人均医疗保健支出", 2255), ("人均其他用品及服务支出", 607)]


def consumption(total: float = 22861, **kw: object) -> list[dict]:
    """Seed 000's eight categories (5129+991+…+607 = 22861) and their total."""
    return [fact("居民人均消费支出", total, **kw)] + [fact(n, v, **kw) for n, v in CONSUMPTION]  # type: ignore[arg-type]


def tech(value: float, unit: str = "亿元", **kw: object) -> dict:
    kw.setdefault("period", "2023")
    return fact("技术合同成交额", value, unit, **kw)  # type: ignore[arg-type]


@dataclass
class Case:
    check: str
    rows: list[dict]
    expected: float | None
    actual: float | None


BAD = {
    "sum of 8 categories ≠ total": Case("components_sum", consumption(22900), 22900, 22861),
    "income sources ≠ total": Case("components_sum", [
        fact("居民人均可支配收入", 40000), fact("工资性收入", 25000), fact("经营净收入", 500),
        fact("财产净收入", 6000), fact("转移净收入", 8000)], 40000, 39500),
    "GDP industries ≠ total (亿元)": Case("components_sum", [
        fact("地区生产总值", 20000.0, "亿元", period="2023"), fact("第一产业增加值", 50.5, "亿元", period="2023"),
        fact("第二产业增加值", 3000.2, "亿元", period="2023"),
        fact("第三产业增加值", 16000.1, "亿元", period="2023")], 20000, 19050.8),
    "total above urban": Case("urban_rural_between", [
        fact("居民人均消费支出", 25000), fact("城镇居民人均消费支出", 24391),
        fact("农村居民人均消费支出", 13014)], 24391, 25000),
    "share above 100": Case("share_range", [
        fact("出口额", 120.0, "%", measure="share", compare_to="全市")], 100, 120),
    "industry shares over 100": Case("shares_sum", [
        fact("第一产业增加值", 10.0, "%", measure="share", period="2023"),
        fact("第二产业增加值", 40.0, "%", measure="share", period="2023"),
        fact("第三产业增加值", 60.0, "%", measure="share", period="2023")], 100, 110),
    "stated growth vs levels across documents": Case("growth_vs_levels", [
        fact("居民人均在外饮食支出", 1100), fact("居民人均在外饮食支出", 8.0, "%", measure="change",
                                             compare_to="上年同期"),
        fact("居民人均在外饮食支出", 1000, period=H1_LAST, doc="b.txt")], 10, 8),
    "个百分点 vs two rates": Case("points_vs_rates", [
        fact("居民消费倾向", 55.3, "%"), fact("居民消费倾向", 53.4, "%", period=H1_LAST, doc="b.txt"),
        fact("居民消费倾向", 2.5, "个百分点", measure="change", compare_to="上年同期")], 1.9, 2.5),
    "个百分点 vs two growth rates": Case("points_vs_rates", [
        fact("地区生产总值", 5.5, "%", measure="change", compare_to="上年同期"),
        fact("地区生产总值", 4.9, "%", measure="change", period="2023-01..2023-03", compare_to="上年同期",
             doc="b.txt"),
        fact("地区生产总值", 1.2, "个百分点", measure="change", compare_to="一季度")], 0.6, 1.2),
    "倍 vs two levels": Case("ratio_vs_levels", [
        fact("人均公园绿地面积", 45.78, "平方米", region="延庆区", period="2022"),
        fact("人均公园绿地面积", 16.35, "平方米", period="2022"),
        fact("人均公园绿地面积", 3.5, "倍", measure="ratio", region="延庆区", period="2022",
             compare_to="全市")], 2.8, 3.5),
    "blank in the source": Case("blank_value", [fact("区级一般公共预算收入", None, "亿元", period="2023")],
                                None, None),
    "two documents disagree": Case("source_conflict", [tech(3938.2), tech(3900, doc="b.txt")], 3938.2, 3900),
    "estimate revised by actual": Case("revision", [
        tech(3550, status="estimate"), tech(3600, doc="b.txt")], 3550, 3600),
    "1-9月 below 1-6月": Case("cumulative_monotonic", [
        fact("居民人均消费支出", 22861), fact("居民人均消费支出", 20000, period="2023-01..2023-09", doc="b.txt")],
        22861, 20000),
    "% change below -100": Case("plausible_pct_change", [
        fact("出口额", -120.0, "%", measure="change", compare_to="上年同期")], -100, -120),
    "per-capita 元 above 1e6": Case("plausible_per_capita", [fact("人均公园门票支出", 2_000_000)], 1e6, 2e6),
    "negative count": Case("plausible_count", [fact("新建基站数量", -5, "个", period="2023")], 0, -5),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_each_check_fires_once_with_expected_and_actual(case: Case) -> None:
    failed = [r for r in run_checks(frame(case.rows)) if not r.passed]
    assert [r.check for r in failed] == [case.check], [r.message for r in failed]
    r = failed[0]
    assert r.expected == pytest.approx(case.expected) if case.expected is not None else r.expected is None
    assert r.actual == pytest.approx(case.actual) if case.actual is not None else r.actual is None
    if r.expected is not None:
        assert r.difference == pytest.approx(r.actual - r.expected)
    assert r.fact_ids and r.docs and r.sentences
    assert set(r.fact_ids) <= {row["fact_id"] for row in case.rows}


def listed(sentence: str, *items: tuple[str, float, str], period: str = "2023") -> list[dict]:
    """Facts of one sentence, in order, as the extractor stores them (same sentence, rising spans)."""
    return [{**fact(name, value, unit, period=period), "sentence": sentence} for name, value, unit in items]


TOURISM = "全年旅游总收入6000亿元，其中，国内旅游收入5800亿元，占旅游总收入的96.7%。"
SPLIT = "11个设区市中，有5个市高于全省平均水平，6个市低于全省平均水平。"


def clean_bulletin() -> list[dict]:
    """Every kind of statement the checks look at, all consistent (two documents)."""
    return [
        *consumption(),
        fact("城镇居民人均消费支出", 24391), fact("农村居民人均消费支出", 13014),
        fact("居民人均消费支出", 34000, period="2023-01..2023-09", doc="b.txt"),
        fact("地区生产总值", 20000.0, "亿元", period="2023"), fact("第一产业增加值", 50.5, "亿元", period="2023"),
        fact("第二产业增加值", 3000.0, "亿元", period="2023"), fact("第三产业增加值", 16949.5, "亿元", period="2023"),
        fact("第一产业增加值", 0.3, "%", measure="share", period="2023"),
        fact("第二产业增加值", 15.0, "%", measure="share", period="2023"),
        fact("第三产业增加值", 84.7, "%", measure="share", period="2023"),
        fact("居民人均在外饮食支出", 1100), fact("居民人均在外饮食支出", 10.0, "%", measure="change",
                                             compare_to="上年同期"),
        fact("居民人均在外饮食支出", 1000, period=H1_LAST, doc="b.txt"),
        fact("居民消费倾向", 55.3, "%"), fact("居民消费倾向", 53.4, "%", period=H1_LAST, doc="b.txt"),
        fact("居民消费倾向", 1.9, "个百分点", measure="change", compare_to="上年同期"),
        fact("地区生产总值", 5.5, "%", measure="change", compare_to="上年同期"),
        fact("地区生产总值", 4.9, "%", measure="change", period="2023-01..2023-03", compare_to="上年同期"),
        fact("地区生产总值", 0.6, "个百分点", measure="change", compare_to="一季度"),
        fact("人均公园绿地面积", 45.78, "平方米", region="延庆区", period="2022"),
        fact("人均公园绿地面积", 16.35, "平方米", period="2022"),
        fact("人均公园绿地面积", 2.8, "倍", measure="ratio", region="延庆区", period="2022", compare_to="全市"),
        tech(3938.2), tech(3938, doc="b.txt"), tech(3550, status="estimate", period=None),
        fact("技术合同成交额", 3550, "亿元", period="2024", status="estimate", doc="c.txt"),
        fact("技术合同成交额", 3550, "亿元", period="2024", doc="d.txt"),
        fact("出口额", 40.0, "%", measure="share", compare_to="全市"),
        fact("出口额", -20.0, "%", measure="change", compare_to="上年同期"),
        fact("新建基站数量", 5000, "个", period="2023"),
        *listed(TOURISM, ("旅游总收入", 6000, "亿元"), ("国内旅游收入", 5800, "亿元")),
        {**fact("国内旅游收入", 96.7, "%", measure="share", period="2023"), "sentence": TOURISM},
        *listed(SPLIT, ("设区市数量", 11, "个"), ("高于全省平均水平的设区市数量", 5, "个"),
                ("低于全省平均水平的设区市数量", 6, "个")),
        # the districts of Beijing printed beside the city, below it
        *({**fact("常住人口", value, "万人", region=name, period="2023-12-31"), "region_code": code}
          for name, code, value in (("北京市", "110000", 2185.8), ("东城区", "110101", 70.4),
                                    ("西城区", "110102", 109.9))),
        # shares of a plan (完成预算的84.2%) are no shares of one whole: they never add up to 100
        *({**fact(name, pct, "%", measure="share", period="2023"), "sentence": f"{name}完成预算的{pct}%。"}
          for name, pct in (("教育支出", 84.2), ("社会保障和就业支出", 86.7))),
    ]


@pytest.mark.parametrize(("sentence", "fires"), [
    ("全年城镇新增就业2.4万人,完成年度目标任务的117.2%。", False),  # a plan may be exceeded
    ("一般公共预算收入完成调整预算的117.2%。", False),
    ("一般公共预算收入为年初预算的117.2%。", False),
    ("一般公共预算收入完成86.52亿元,为年初预算84.58亿元的117.2%。", False),
    ("全年城镇新增就业2.4万人,占全市的117.2%。", True),  # a part of a whole may not
    ("完成年度目标任务的90%,比重为117.2%。", True),
    ("教育支出580.6万元,占支出总预算117.2%。", True),  # 占 a budget: a part of the whole budget, no plan
    ("税收收入完成75亿元,占年度预算的117.2%。", False),  # 占 a plan's amount: still a share of a plan
])
def test_a_share_of_a_plan_may_exceed_100(sentence: str, fires: bool) -> None:
    row = fact("城镇新增就业", 117.2, "%", measure="share", period="2023")
    row["sentence"] = sentence
    failed = [r.check for r in run_checks(frame([row]), only=["share_range"]) if not r.passed]
    assert failed == (["share_range"] if fires else [])


def test_clean_bulletin_fires_nothing_and_records_passes() -> None:
    results = run_checks(frame(clean_bulletin()))
    failed = [r.message for r in results if not r.passed]
    assert failed == []
    passed = {r.check for r in results}
    assert passed >= set(CHECKS) | {"revision"}
    sums = [r for r in results if r.check == "components_sum"]
    assert {r.indicator for r in sums} == {"居民人均消费支出", "地区生产总值"}


def test_consumption_group_tolerance_comes_from_printed_precision() -> None:
    (r,) = [r for r in run_checks(frame(consumption(22865))) if r.check == "components_sum"]
    assert r.passed and r.tolerance == pytest.approx(4.5)  # 8 × 0.5 + 0.5 for the total
    (r,) = [r for r in run_checks(frame(consumption(22866))) if r.check == "components_sum"]
    assert not r.passed and r.difference == pytest.approx(-5)


def test_pre2013_household_category_is_an_alternative() -> None:
    rows = [r for r in consumption() if r["indicator"] != "人均生活用品及服务支出"]
    rows.append(fact("家庭设备用品及服务支出", 1101))
    (r,) = [r for r in run_checks(frame(rows)) if r.check == "components_sum"]
    assert r.passed and len(r.fact_ids) == 9


def test_match_by_code_when_the_name_is_unknown() -> None:
    rows = consumption(22900)
    for row, code in zip(rows, ["consumption_pc", "consumption_pc.food"], strict=False):
        row["indicator"], row["indicator_code"] = f"某种写法{code}", code
    (r,) = [r for r in run_checks(frame(rows)) if r.check == "components_sum"]
    assert not r.passed and r.expected == 22900


def exp(name: str, value: float, quote: str | None = None) -> dict:
    """A fiscal fact of 2023 in 亿元 (one decimal, as budgets print them)."""
    return fact(name, value, "亿元", period="2023", quote=quote or f"{value:.1f}亿元")


def income(total: float, **sources: float) -> list[dict]:
    names = {"wage": "工资性收入", "business": "经营净收入", "property": "财产净收入", "transfer": "转移净收入"}
    return [fact("居民人均可支配收入", total)] + [fact(names[k], v) for k, v in sources.items()]


BUDGET_MISSING = "一般公共服务支出、外交支出、国防支出、公共安全支出、科学技术支出、"  # 教育 is printed

# rows, the components_* results (check, severity, passed), what the message names as not printed
PARTIAL = {
    "7 of 8 categories below the total: incomplete, info": (
        consumption(22861)[:-1], [("components_incomplete", "info", False)], "居民人均其他用品及服务支出"),
    "7 of 8 categories above the total: a failure": (
        consumption(20000)[:-1], [("components_sum", "error", False)], "居民人均其他用品及服务支出"),
    "income sources above the total, a missing one may be negative: info": (
        income(40000, wage=35000, property=8000), [("components_incomplete", "info", False)],
        "居民人均经营净收入、居民人均转移净收入"),
    "income sources above the total, the missing one cannot be negative: a failure": (
        income(40000, wage=35000, business=500, transfer=8000), [("components_sum", "error", False)],
        "居民人均财产净收入"),
    "budget classes below the total (complete: false): info": (
        [exp("一般公共预算支出", 1000.0), exp("教育支出", 300.2), exp("社会保障和就业支出", 200.1)],
        [("components_incomplete", "info", False)], BUDGET_MISSING),
    "budget classes above the total (complete: false): a failure": (
        [exp("一般公共预算支出", 400.0), exp("教育支出", 300.2), exp("社会保障和就业支出", 200.1)],
        [("components_sum", "error", False)], BUDGET_MISSING),
    "budget classes above the total within rounding: info": (
        [exp("一般公共预算支出", 500.0), exp("教育支出", 300.2), exp("社会保障和就业支出", 199.9)],
        [("components_incomplete", "info", False)], BUDGET_MISSING),
    "a total without its components: nothing": ([exp("一般公共预算支出", 500.0)], [], None),
    "components without their total: nothing": (consumption()[1:], [], None),
    "all 8 categories: the full sum, passed": (consumption(), [("components_sum", "error", True)], None),
}


@pytest.mark.parametrize(("rows", "wanted", "absent"), PARTIAL.values(), ids=PARTIAL.keys())
def test_a_group_printed_in_part(rows: list[dict], wanted: list[tuple], absent: str | None) -> None:
    results = [r for r in run_checks(frame(rows)) if r.check.startswith("components_")]
    assert [(r.check, r.severity, r.passed) for r in results] == wanted, [r.message for r in results]
    for r in results:
        assert r.fact_ids and r.sentences and r.expected is not None and r.actual is not None
        if absent is not None:  # all the missing ones, in catalog order (a prefix for the 26 budget classes)
            assert r.message.split("not printed: ")[1].startswith(absent)


def gdp(total: str, *parts: str) -> list[dict]:
    """地区生产总值 and its three industries in 亿元, as printed (the quote sets the precision)."""
    names = ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
    return [fact(n, float(q), "亿元", period="2023", quote=f"{q}亿元")
            for n, q in zip(["地区生产总值", *names], [total, *parts], strict=True)]


# printed numbers, the tolerance they give, whether the sum passes
PRECISION = {
    "one decimal everywhere: 4 × 0.05": (gdp("20000.0", "50.5", "3000.2", "16949.6"), 0.2, False),
    "whole total, one-decimal parts: 0.5 + 3 × 0.05": (gdp("20000", "50.5", "3000.2", "16949.6"), 0.65, True),
    "whole numbers everywhere: 4 × 0.5": (gdp("20000", "51", "3000", "16950"), 2.0, True),
    "whole numbers, 3 off": (gdp("20004", "51", "3000", "16950"), 2.0, False),
    "two decimals: 4 × 0.005": (gdp("20000.30", "50.50", "3000.20", "16949.61"), 0.02, True),
}


@pytest.mark.parametrize(("rows", "tolerance", "passed"), PRECISION.values(), ids=PRECISION.keys())
def test_sum_tolerance_follows_printed_precision(rows: list[dict], tolerance: float, passed: bool) -> None:
    (r,) = [r for r in run_checks(frame(rows)) if r.check == "components_sum"]
    assert r.tolerance == pytest.approx(tolerance) and r.passed is passed, r.message


def test_group_is_completed_across_documents_when_no_document_has_all() -> None:
    rows = consumption(22900)
    for row in rows[5:]:
        row["doc"] = "b.txt"
    failed = [r for r in run_checks(frame(rows)) if not r.passed]
    assert [r.check for r in failed] == ["components_sum"] and failed[0].docs == ["a.txt", "b.txt"]


@pytest.mark.parametrize("other", [
    tech(2975, period=None),  # seed 004: 2975亿元 "so far", period unknown
    tech(2975, period="2023-01..2023-11"),  # another period
    tech(2975, status="target"),  # another status
    tech(29.75, measure="share", unit="%"),  # another measure
    tech(12.5, measure="share", unit="%", compare_to="全国", doc="b.txt"),  # a share of another whole
    tech(2975, doc="a.txt"),  # the same document: a name reused, not two sources disagreeing
    tech(2975, qualifier="approx", doc="b.txt"),  # approximate statements are not compared
], ids=["no-period", "other-period", "other-status", "other-measure", "other-whole", "same-doc", "approx"])
def test_no_conflict_unless_two_documents_state_the_same_thing(other: dict) -> None:
    rows = [tech(3550, status="estimate", doc="c.txt"), tech(3550, doc="a.txt"),
            tech(40, measure="share", unit="%", compare_to="全市", doc="a.txt"), other]
    assert [r.message for r in run_checks(frame(rows)) if not r.passed and r.severity == "error"] == []


def test_conflict_names_both_sources() -> None:
    (r,) = [r for r in run_checks(frame([tech(3938.2), tech(3900, doc="b.txt")])) if not r.passed]
    assert r.severity == "error" and r.docs == ["a.txt", "b.txt"]
    assert "a.txt" in r.message and "b.txt" in r.message


def test_revision_is_info_and_confirmation_passes() -> None:
    results = run_checks(frame([tech(3550, status="estimate"), tech(3600, doc="b.txt")]))
    (rev,) = [r for r in results if r.check == "revision"]
    assert rev.severity == "info" and not rev.passed and "revised to" in rev.message
    results = run_checks(frame([tech(3550, status="estimate"), tech(3550, doc="b.txt")]))
    (rev,) = [r for r in results if r.check == "revision"]
    assert rev.passed


def test_blank_names_indicator_and_sentence() -> None:
    row = fact("城镇登记失业率", None, "%", period="2023")
    (r,) = [r for r in run_checks(frame([row])) if not r.passed]
    assert r.severity == "warn" and r.indicator == "城镇登记失业率"
    assert r.sentences == [row["sentence"]] and row["sentence"] in r.message


def test_real_growth_is_not_recomputed_from_levels() -> None:
    rows = [fact("地区生产总值", 11000.0, "亿元", period="2023"),
            fact("地区生产总值", 10000.0, "亿元", period="2022", doc="b.txt"),
            fact("地区生产总值", 5.2, "%", measure="change", period="2023", compare_to="上年")]
    assert [r for r in run_checks(frame(rows)) if r.check == "growth_vs_levels"] == []
    income = [fact("居民人均可支配收入", 1100), fact("居民人均可支配收入", 1000, period=H1_LAST, doc="b.txt"),
              {**fact("居民人均可支配收入", 4.3, "%", measure="change", compare_to="上年同期"),
               "sentence": "居民人均可支配收入1100元，扣除价格因素实际增长4.3%。"}]
    assert [r for r in run_checks(frame(income)) if r.check == "growth_vs_levels"] == []


def test_run_checks_rejects_unknown_names_and_runs_a_subset() -> None:
    with pytest.raises(ValueError, match="unknown checks"):
        run_checks(frame(consumption()), only=["no_such_check"])
    results = run_checks(frame(consumption(22900)), only=["components_sum"])
    assert {r.check for r in results} == {"components_sum"}


def test_empty_and_partial_frames() -> None:
    assert run_checks(frame([])) == []
    assert run_checks(pl.DataFrame()) == []
    partial = frame(consumption(22900)).drop("indicator_code", "compare_to", "snapshot_id")
    assert [r.check for r in run_checks(partial) if not r.passed] == ["components_sum"]


def test_catalog_argument_declares_a_group_with_its_own_tolerance() -> None:
    catalog = {
        "indicators": {"t": {"name": "总量"}, "t.a": {"name": "甲"}, "t.b": {"name": "乙"}},
        "groups": [{"total": "t", "components": ["t.a", "t.b"], "tolerance_per_component": 2}],
    }
    rows = [fact("总量", 100, "吨"), fact("甲", 60, "吨"), fact("乙", 36, "吨")]
    (r,) = [r for r in run_checks(frame(rows), catalog) if r.check == "components_sum"]
    assert r.passed and r.tolerance == pytest.approx(4.5)  # 2 × 2 + 0.5 for the total
    rows[2] = fact("乙", 35, "吨")
    (r,) = [r for r in run_checks(frame(rows), catalog) if r.check == "components_sum"]
    assert not r.passed and r.expected == 100 and r.actual == 95


def test_two_documents_with_one_file_name_are_still_two_documents() -> None:
    """inbox/2023/report.txt and inbox/2024/report.txt share `doc` but are different documents (doc_id)."""
    rows = [fact("地区生产总值", 4000, "亿元", doc="report.txt"), fact("地区生产总值", 4100, "亿元", doc="report.txt")]
    rows[1]["doc_id"] = hashlib.sha256(b"another folder's report.txt").hexdigest()
    failed = [r for r in run_checks(frame(rows), only=["source_conflict"]) if not r.passed]
    assert [r.check for r in failed] == ["source_conflict"]
    assert sorted([failed[0].expected, failed[0].actual]) == [4000, 4100]
    assert sorted(failed[0].fact_ids) == sorted([rows[0]["fact_id"], rows[1]["fact_id"]])


def test_a_total_printed_twice_gives_one_alert_naming_both_printings() -> None:
    # the prose and the table both print 发电量 7268; the five sources are printed once, one misprinted
    kw = {"period": "2025-11", "doc": "nbs.txt"}
    prose, table = fact("发电量", 7268, "亿千瓦时", **kw), fact("发电量", 7268, "亿千瓦时", **kw)
    sources = [fact(name, v, "亿千瓦时", **kw) for name, v in (
        ("火电发电量", 4826), ("水电发电量", 842), ("核电发电量", 408), ("风电发电量", 786), ("太阳能发电量", 500))]
    failed = [r for r in run_checks(frame([prose, *sources, table])) if r.check == "components_sum" and not r.passed]
    (r,) = failed
    assert r.expected == 7268 and r.actual == 7362
    assert {prose["fact_id"], table["fact_id"]} <= set(r.fact_ids)
