"""region_parts_sum through the real extractor: the figures of a city's counties, printed in its bulletin
(a 各县（市、区） table), add up to at most the city's own figure.

The divisions come from the gazetteer (each fact's region_code and its parent), so only the city's own
counties count; averages and rates never add up; less than the whole is no failure (市本级).
"""

from __future__ import annotations

import pytest

from bulletins.checks import run_checks
from bulletins.extract import extract_facts
from bulletins.ingest import facts_frame
from bulletins.model import sha256_hex

HEAD = "南充市2025年前三季度经济运行情况\n日期:2025-10-27 来源:南充市统计局\n\n"
TABLE = "附表　各县（市、区）主要经济指标\n地区\t地区生产总值（亿元）\t增速（%）\n"


def _failed(body: str) -> list:
    text = HEAD + body
    facts = extract_facts(text, doc="nanchong.txt", doc_id=sha256_hex(text.encode()))
    return [r for r in run_checks(facts_frame(facts), only=["region_parts_sum"]) if not r.passed]


@pytest.mark.parametrize(
    ("rows", "fails"),
    [
        ("顺庆区\t428.56\t5.2\n高坪区\t265.38\t6.2\n嘉陵区\t201.47\t6.5\n", False),  # three of nine, below
        ("顺庆区\t428.56\t5.2\n高坪区\t965.38\t6.2\n嘉陵区\t901.47\t6.5\n", True),  # more than the city
        # 涪城区 is Mianyang's: a district of another city is never one of Nanchong's
        ("顺庆区\t428.56\t5.2\n涪城区\t965.38\t6.2\n嘉陵区\t201.47\t6.5\n", False),
    ],
    ids=["a subset below the city", "counties above the city", "another city's district"],
)
def test_counties_against_their_city(rows: str, fails: bool) -> None:
    body = "前三季度，全市实现地区生产总值1186.42亿元，同比增长5.9%。\n" + TABLE + rows
    failed = _failed(body)
    assert len(failed) == fails, [r.message for r in failed]
    if fails:
        (r,) = failed
        assert r.severity == "warn" and r.region == "南充市"
        assert r.expected == pytest.approx(1186.42) and r.actual == pytest.approx(2295.41)


def test_averages_never_add_up() -> None:
    body = ("前三季度，全市居民人均可支配收入23000元。\n附表　各县（市、区）居民收入\n地区\t居民人均可支配收入（元）\n"
            "顺庆区\t28000\n高坪区\t25000\n")
    assert _failed(body) == []


def test_days_and_rates_never_add_up() -> None:
    body = ("全年全市空气质量优良天数330天。\n附表　各县（市、区）空气质量\n地区\t优良天数（天）\n"
            "顺庆区\t350\n高坪区\t345\n嘉陵区\t320\n")
    assert _failed(body) == []



@pytest.mark.parametrize(("changsha", "fails"), [("9.86", False), ("12.86", True)],
                         ids=["townships sum to the county", "a township misprinted above it"])
def test_townships_against_their_county(changsha: str, fails: bool) -> None:
    # towns are below the gazetteer: a county bulletin's 分乡镇 table reads them as the county's divisions
    text = ("融安县2025年国民经济和社会发展统计公报\n日期:2026-04-16 来源:融安县统计局\n\n"
            "附表　2025年融安县分乡镇常住人口\n\n 乡镇          常住人口（万人）\n 全  县             14.70\n"
            f" 长安镇              {changsha}\n 浮石镇              2.12\n 泗顶镇              1.64\n"
            " 雅瑶乡              1.08\n")
    facts = extract_facts(text, doc="rongan.txt", doc_id=sha256_hex(text.encode()))
    failed = [r for r in run_checks(facts_frame(facts), only=["region_parts_sum"]) if not r.passed]
    assert len(failed) == fails, [r.message for r in failed]
