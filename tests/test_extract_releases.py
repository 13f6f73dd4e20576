"""Monthly and fiscal releases (issue 8): the phenomena the third blind set showed, each as general bulletin
practice, one row per case with negatives. Dated like a release (the year from the publication date)."""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.meta import DocMeta, PubDate

DATE = DocMeta(date=PubDate.parse("2025-09-22"), date_source="given")


def _periods(text: str) -> dict[str, str | None]:
    return {f.quote: f.period for f in extract_facts(text, doc="t.txt", doc_id="t", meta=DATE)}


def test_a_table_rows_own_period_beats_the_tables() -> None:
    # 附表 of a 1—8月 release: a row whose figures lag (1—7月) or are a stock at a date (8月末) says so
    text = ("1—8月全市经济运行情况\n附表: 1—8月主要经济指标\n指标\t单位\t绝对值\t比上年同期增长(%)\n"
            "规模以上工业增加值\t亿元\t1200.5\t9.2\n规模以上服务业营业收入(1—7月)\t亿元\t812.4\t8.7\n"
            "金融机构本外币存款余额(8月末)\t亿元\t8625.7\t9.3\n")
    assert _periods(text) == {
        "1200.5": "2025-01..2025-08", "9.2": "2025-01..2025-08",
        "812.4": "2025-01..2025-07", "8.7": "2025-01..2025-07",
        "8625.7": "2025-08-31", "9.3": "2025-08-31",
    }


@pytest.mark.parametrize(
    ("body", "periods"),
    [
        # in a 1—8月 report a sentence on 8月份 alone is an aside; the breakdown after it is the report's period
        ("1—8月,全市规模以上工业增加值同比增长9.2%。8月份,规模以上工业增加值同比增长10.1%。"
         "分经济类型看,国有控股企业增加值增长6.5%。",
         {"9.2%": "2025-01..2025-08", "10.1%": "2025-08", "6.5%": "2025-01..2025-08"}),
        # negative: the month repeated in the breakdown is the month
        ("1—8月,全市规模以上工业增加值同比增长9.2%。分经济类型看,8月份,国有控股企业增加值增长6.5%。",
         {"9.2%": "2025-01..2025-08", "6.5%": "2025-08"}),
    ],
)
def test_a_month_aside_in_a_cumulative_report(body: str, periods: dict[str, str]) -> None:
    assert _periods(f"1—8月全市经济运行情况\n{body}") == periods


@pytest.mark.parametrize(
    ("body", "periods"),
    [
        # fiscal flows said with 截至 or 累计 in a 1—10月 frame are January to October, not a stock at its end
        ("截至10月末,中央财政下达我省直达资金1326.4亿元,已形成支出1105.2亿元。",
         {"1326.4亿元": "2025-01..2025-10", "1105.2亿元": "2025-01..2025-10"}),
        ("1—10月,全省累计发行地方政府债券2415.8亿元,其中新增债券1536.2亿元。",
         {"2415.8亿元": "2025-01..2025-10", "1536.2亿元": "2025-01..2025-10"}),
        # negative: a balance is a stock at the date
        ("截至10月末,全省政府债务余额15000.5亿元。", {"15000.5亿元": "2025-10-31"}),
    ],
)
def test_fiscal_flows_to_date(body: str, periods: dict[str, str]) -> None:
    assert _periods(f"2025年1—10月全省财政预算执行情况\n{body}") == periods


@pytest.mark.parametrize(
    ("body", "regions"),
    [
        # a parenthesis open at the number states its own subject: 全省 is the city's province
        ("前三季度,全市地区生产总值4318.62亿元,同比增长6.1%,比全国高0.9个百分点(全省增长5.6%,全国增长5.2%)。",
         {"4318.62亿元": "漳州市", "6.1%": "漳州市", "0.9个百分点": "漳州市", "5.6%": "福建省", "5.2%": "全国"}),
        # negative: a closed parenthesis inside a list leaves the subject alone
        ("前三季度,全市完成六郎庄公园(一期)、一亩园等5处绿化工程。", {"5处": "漳州市"}),
    ],
)
def test_a_parenthesis_states_its_own_region(body: str, regions: dict[str, str]) -> None:
    facts = extract_facts(f"漳州市2025年前三季度经济运行情况\n{body}", doc="t.txt", doc_id="t")
    assert {f.quote: f.region for f in facts} == regions


@pytest.mark.parametrize(
    ("section", "status"),
    [
        # 争取 in a review is funds secured; in a plan it is a goal
        ("一、2024年工作回顾", "actual"),
        ("二、2025年工作安排", "target"),
    ],
)
def test_zhengqu_follows_its_section(section: str, status: str) -> None:
    text = f"某某县政府工作报告\n{section}\n争取中央预算内投资和地方政府专项债券资金12.3亿元,比上年增加2.1亿元。"
    assert {f.status for f in extract_facts(text, doc="t.txt", doc_id="t")} == {status}
