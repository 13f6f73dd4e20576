"""The checks on facts located in the seed bulletins (spans from the real texts).

Must show: seed 000's consumption group passes; seed 004's blanks are warn alerts with
their sentences; seed 004's 技术合同成交额 statements of different period or status are
not a conflict.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from bulletins.checks import run_checks
from bulletins.model import FACT_FIELDS, Fact, sha256_hex
from schemas.facts import validate_facts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
S000, S004 = "000_453bd0097b4f3257.txt", "004_272af4a6a23bb567.txt"
H1 = "2023-01..2023-06"
A, E = "actual", "exact"

# doc, anchor, quote, indicator, measure, value, unit, period, status, qualifier, compare_to
ROWS = [
    (S000, "全市居民人均消费支出22861元", "22861元", "居民人均消费支出", "level", 22861, "元", H1, A, E, None),
    (S000, "22861元，同比增长8.7%", "8.7%", "居民人均消费支出", "change", 8.7, "%", H1, "actual", "exact", "上年同期"),
    (S000, "城镇居民人均消费支出24391元", "24391元", "城镇居民人均消费支出", "level", 24391, "元", H1, "actual",
     "exact", None),
    (S000, "农村居民人均消费支出13014元", "13014元", "农村居民人均消费支出", "level", 13014, "元", H1, "actual",
     "exact", None),
    (S000, "人均食品烟酒支出5129元", "5129元", "居民人均食品烟酒支出", "level", 5129, "元", H1, A, E, None),
    (S000, "人均衣着支出991元", "991元", "居民人均衣着支出", "level", 991, "元", H1, A, E, None),
    (S000, "人均居住支出8893元", "8893元", "居民人均居住支出", "level", 8893, "元", H1, A, E, None),
    (S000, "人均生活用品及服务支出1101元", "1101元", "居民人均生活用品及服务支出", "level", 1101, "元", H1, "actual",
     "exact", None),
    (S000, "人均交通通信支出2227元", "2227元", "居民人均交通通信支出", "level", 2227, "元", H1, A, E, None),
    (S000, "人均教育文化娱乐支出1658元", "1658元", "居民人均教育文化娱乐支出", "level", 1658, "元", H1, "actual",
     "exact", None),
    (S000, "人均医疗保健支出2255元", "2255元", "居民人均医疗保健支出", "level", 2255, "元", H1, A, E, None),
    (S000, "人均其他用品及服务支出607元", "607元", "居民人均其他用品及服务支出", "level", 607, "元", H1, "actual",
     "exact", None),
    (S000, "消费倾向是55.3%", "55.3%", "居民消费倾向", "level", 55.3, "%", H1, A, E, None),
    (S000, "高于上年同期1.9个百分点", "1.9个百分点", "居民消费倾向", "change", 1.9, "个百分点", H1, "actual", "exact",
     "上年同期"),
    (S004, "全年技术合同成交额预计实现3550亿元", "3550亿元", "技术合同成交额", "level", 3550, "亿元", "2023",
     "estimate", "exact", None),
    (S004, "3550亿元,增长5%", "5%", "技术合同成交额", "change", 5, "%", "2023", "estimate", "exact", "上年"),
    (S004, "截至目前完成2975亿元", "2975亿元", "技术合同成交额", "level", 2975, "亿元", None, A, E, None),
    (S004, "2975亿元、增长,", "增长", "技术合同成交额", "change", None, "%", None, "actual", "exact", "上年同期"),
    (S004, "增长,全年预计5%左右", "5%", "技术合同成交额", "change", 5, "%", "2023", "estimate", "approx", "上年"),
    (S004, "技术合同成交额增长3%", "3%", "技术合同成交额", "change", 3, "%", "2024", "target", "exact", "上年"),
    (S004, "区级一般公共预算收入完成亿元", "亿元", "区级一般公共预算收入", "level", None, "亿元", "2023", "actual",
     "exact", None),
    (S004, "收入完成亿元,同比增长;", "同比增长", "区级一般公共预算收入", "change", None, "%", "2023", "actual", "exact",
     "上年同期"),
    (S004, "全年城镇登记失业率为;", "城镇登记失业率为", "城镇登记失业率", "level", None, "%", "2023", "actual", "exact",
     None),
]
MULT = {"亿元": 1e8}


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span: from the previous to the next 。；; or line break."""
    stops = "。；;\n"
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    right = min((i for i in (text.find(c, end) for c in stops) if i >= 0), default=len(text))
    return text[left:right].strip()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {name: (SEEDS / name).read_text(encoding="utf-8") for name in (S000, S004)}


@pytest.fixture(scope="module")
def seed_facts(texts: dict[str, str]) -> tuple[pl.DataFrame, dict[str, str]]:
    rows, by_id = [], {}
    for doc, anchor, quote, indicator, measure, value, unit, period, status, qualifier, cmp in ROWS:
        text = texts[doc]
        assert text.count(anchor) == 1, anchor
        start = text.index(anchor) + anchor.index(quote)
        doc_id = sha256_hex((SEEDS / doc).read_bytes())
        by_id[doc_id] = text
        mult = MULT.get(unit, 1.0)
        rows.append(Fact(
            doc_id=doc_id, doc=doc, span_start=start, span_end=start + len(quote), quote=quote,
            sentence=_sentence(text, start, start + len(quote)), indicator=indicator, measure=measure,
            value=value, unit=unit, region="海淀区" if doc == S004 else "北京市", period=period,
            value_base=None if value is None else value * mult, unit_base="元" if unit.endswith("元") else unit,
            status=status, qualifier=qualifier, compare_to=cmp,
        ).to_dict())
    df = pl.DataFrame(rows, schema_overrides={"value": pl.Float64, "value_base": pl.Float64,
                                              "snapshot_id": pl.Int64, "indicator_code": pl.Utf8,
                                              "period": pl.Utf8, "compare_to": pl.Utf8}).select(FACT_FIELDS)
    return df, by_id


def test_seed_facts_meet_the_contract(seed_facts: tuple[pl.DataFrame, dict[str, str]]) -> None:
    df, texts = seed_facts
    good, rejected = validate_facts(df, texts)
    assert rejected == [] and good.height == df.height


def test_seed_000_consumption_group_passes(seed_facts: tuple[pl.DataFrame, dict[str, str]]) -> None:
    results = run_checks(seed_facts[0])
    (group,) = [r for r in results if r.check == "components_sum"]
    assert group.passed and group.indicator == "居民人均消费支出" and group.period == H1
    assert group.expected == 22861 and group.actual == 22861 and len(group.fact_ids) == 9
    (between,) = [r for r in results if r.check == "urban_rural_between"]
    assert between.passed


def test_seed_004_blanks_are_warnings_with_their_sentences(
    seed_facts: tuple[pl.DataFrame, dict[str, str]],
) -> None:
    blanks = [r for r in run_checks(seed_facts[0]) if r.check == "blank_value" and not r.passed]
    assert len(blanks) == 4 and {r.severity for r in blanks} == {"warn"}
    unemployment = next(r for r in blanks if r.indicator == "城镇登记失业率")
    assert unemployment.sentences == ["全年城镇登记失业率为"]
    assert "全年城镇登记失业率为" in unemployment.message and S004 in unemployment.message


def test_seed_004_other_period_or_status_is_no_conflict(
    seed_facts: tuple[pl.DataFrame, dict[str, str]],
) -> None:
    failed = [r for r in run_checks(seed_facts[0]) if not r.passed]
    assert {r.check for r in failed} == {"blank_value"}, [r.message for r in failed]


def test_sentences_are_taken_from_the_text(texts: dict[str, str]) -> None:
    text = texts[S000]
    start = text.index("人均衣着支出991元")
    assert re.fullmatch(r"人均衣着支出991元，同比增长6\.4%", _sentence(text, start, start + 5))


#: The shared gold sits beside the repository (`../shared`), as for `make score`; absent in a bare clone.
GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "seeds.jsonl"


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold/seeds.jsonl is not beside the repository")
def test_on_all_gold_facts_only_the_blanks_fail(texts: dict[str, str]) -> None:
    """The hand-labelled facts of all five seeds are consistent: the only failures are their blanks."""
    import json

    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        text = (SEEDS / g["doc"]).read_text(encoding="utf-8")
        start = text.index(g["anchor"]) + g["anchor"].index(g["quote"])
        rows.append(Fact(
            doc_id=sha256_hex(g["doc"].encode()), doc=g["doc"], span_start=start, span_end=start + len(g["quote"]),
            quote=g["quote"], sentence=g["anchor"], indicator=g["indicator"], measure=g["measure"],
            value=g["value"], unit=g["unit"], region=g["region"], period=g["period"], value_base=g["value"],
            unit_base=g["unit"], status=g["status"], qualifier=g["qualifier"], compare_to=g["compare_to"],
        ).to_dict())
    df = pl.DataFrame(rows, schema_overrides={"value": pl.Float64, "value_base": pl.Float64,
                                              "snapshot_id": pl.Int64, "indicator_code": pl.Utf8,
                                              "region": pl.Utf8, "period": pl.Utf8, "compare_to": pl.Utf8})
    results = run_checks(df.select(FACT_FIELDS))
    failed = [r for r in results if not r.passed]
    blanks = sum(1 for line in GOLD.read_text(encoding="utf-8").splitlines() if json.loads(line)["missing"])
    assert {r.check for r in failed} == {"blank_value"} and len(failed) == blanks
    assert any(r.check == "components_sum" and r.passed for r in results)
