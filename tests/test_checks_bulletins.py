"""Crafted bulletins through the real extractor and the checks: each check fires exactly once, clean text none.

Complements the DataFrame-level check tests: here the facts come from text, so
the extractor's indicator codes, regions and periods must line up for a check
to see the numbers as one subject.
"""

from __future__ import annotations

import pytest

from bulletins.checks import run_checks
from bulletins.extract import extract_facts
from bulletins.ingest import facts_frame
from bulletins.model import CheckResult, sha256_hex

HEAD = "北京市{title}\n日期:{date} 来源:北京市统计局\n\n"


def _doc(title: str, date: str, body: str) -> str:
    return HEAD.format(title=title, date=date) + body + "\n"


CLEAN = _doc(
    "2023年上半年居民收支情况", "2023-07-20",
    "上半年，全市居民人均可支配收入41000元，同比增长5.1%。城镇居民人均可支配收入45000元，农村居民人均可支配收入"
    "20000元。全市居民人均消费支出22861元。其中，人均食品烟酒支出5129元，人均衣着支出991元，人均居住支出8893元，"
    "人均生活用品及服务支出1101元，人均交通通信支出2227元，人均教育文化娱乐支出1658元，人均医疗保健支出2255元，"
    "人均其他用品及服务支出607元。",
)

CASES = {
    "components_sum": (
        [_doc("2023年上半年居民消费情况", "2023-07-20",
              "上半年，全市居民人均消费支出20000元。其中，人均食品烟酒支出5129元，人均衣着支出991元，人均居住支出8893元，"
              "人均生活用品及服务支出1101元，人均交通通信支出2227元，人均教育文化娱乐支出1658元，人均医疗保健支出2255元，"
              "人均其他用品及服务支出607元。")],
        20000.0, 22861.0,  # expected: the stated total; actual: the sum of the components
    ),
    "urban_rural_between": (
        [_doc("2023年上半年居民收入情况", "2023-07-20",
              "上半年，全市居民人均可支配收入50000元。城镇居民人均可支配收入45000元，农村居民人均可支配收入20000元。")],
        45000.0, 50000.0,
    ),
    "source_conflict": (
        [_doc("2023年上半年经济运行情况", "2023-07-18", "上半年，全市居民人均可支配收入41000元。"),
         _doc("统计局发布上半年数据", "2023-07-25", "上半年，全市居民人均可支配收入42000元。")],
        41000.0, 42000.0,
    ),
    "cumulative_monotonic": (
        [_doc("2023年前三季度消费情况", "2023-10-20",
              "1-6月，全市社会消费品零售总额7000亿元。1-9月，全市社会消费品零售总额6000亿元。")],
        7000.0, 6000.0,
    ),
    "share_range": (
        [_doc("2023年产业情况", "2024-01-20", "2023年，全市数字经济增加值占地区生产总值的比重为120%。")],
        100.0, 120.0,
    ),
    "blank_value": (
        [_doc("2023年财政情况", "2024-01-20", "2023年，全市一般公共预算收入完成亿元。")],
        None, None,
    ),
    "growth_vs_levels": (
        [_doc("2022年上半年居民收支情况", "2022-07-20", "上半年，全市居民人均消费支出21000元。"),
         _doc("2023年上半年居民收支情况", "2023-07-20", "上半年，全市居民人均消费支出22861元，同比增长20.0%。")],
        pytest.approx(100 * (22861 / 21000 - 1), abs=0.01), 20.0,
    ),
}


def _check(*texts: str) -> list[CheckResult]:
    facts = []
    for i, text in enumerate(texts):
        facts += extract_facts(text, doc=f"doc{i}.txt", doc_id=sha256_hex(text.encode()))
    return run_checks(facts_frame(facts))


def test_clean_bulletin_fires_nothing() -> None:
    results = _check(CLEAN)
    assert [r for r in results if not r.passed] == []
    passed = {r.check for r in results if r.passed}
    assert {"components_sum", "urban_rural_between"} <= passed


@pytest.mark.parametrize("check", sorted(CASES))
def test_check_fires_exactly_once(check: str) -> None:
    texts, expected, actual = CASES[check]
    failures = [r for r in _check(*texts) if not r.passed]
    assert [r.check for r in failures] == [check], [r.message for r in failures]
    (result,) = failures
    assert result.expected == expected
    assert result.actual == actual
    assert result.fact_ids and result.sentences
