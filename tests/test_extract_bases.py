"""Comparison bases, method phrases and captions: words around a number that are not its subject.

One row per phenomenon, negatives included; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts

FIELDS = ("indicator", "measure", "value", "compare_to", "region", "period")


def _facts(text: str) -> dict[str, dict]:
    return {f.quote: {k: getattr(f, k) for k in FIELDS} for f in extract_facts(text, doc="t.txt", doc_id="t")}


PENSION = "2023年,全县参加城镇职工基本养老保险人数198.36万人(在职职工142.18万人,离退休人员56.18万人)。"

CASES = [
    # how a figure is computed is no part of its name
    ("method-between-name-and-change", "2023年,全县地区生产总值按不变价格计算,比上年增长5.2%。",
     "5.2%", {"indicator": "地区生产总值", "measure": "change"}),
    ("method-two-year-average", "2023年,全县地区生产总值两年平均增长5.2%。", "5.2%", {"indicator": "地区生产总值"}),
    ("method-before-name", "2023年,按常住人口计算,全县人均地区生产总值39102元。", "39102元",
     {"indicator": "人均地区生产总值"}),
    # a figure converted at an exchange rate is the figure before it; the rate's year is no period
    ("method-exchange-rate-year", "2023年,全县人均地区生产总值38214元,按2019年平均汇率计算为5686美元。", "5686美元",
     {"indicator": "人均地区生产总值", "period": "2023"}),
    ("method-exchange-rate", "2023年,全县人均地区生产总值38214元,按年平均汇率折算为5791美元。", "5791美元",
     {"indicator": "人均地区生产总值", "period": "2023"}),
    ("method-price-factors", "2023年,全县居民人均可支配收入扣除价格因素实际增长5.2%。", "5.2%",
     {"indicator": "居民人均可支配收入"}),
    # a base and 高/低 after a rate word: the change is the subject's, against that base
    ("base-amount-after-rate-word", "2023年,全县固定资产投资比上年增长5.2%,增速比全省高1.1个百分点。",
     "1.1个百分点", {"indicator": "固定资产投资", "measure": "change", "compare_to": "全省", "value": 1.1}),
    ("base-amount-count", "2023年,全县新增企业比上年多200家。", "200家",
     {"indicator": "新增企业", "measure": "change", "compare_to": "上年"}),
    # the base's own figure, printed inside the comparison, is the base's
    ("base-value-in-parentheses", "2023年,全县地区生产总值增长5.2%,高于全国水平(4.6%)0.6个百分点。",
     "4.6%", {"indicator": "地区生产总值", "measure": "change", "region": "全国"}),
    ("difference-after-base-value", "2023年,全县地区生产总值增长5.2%,高于全国水平(4.6%)0.6个百分点。",
     "0.6个百分点", {"measure": "change", "compare_to": "全国", "value": 0.6}),
    ("difference-below-base-value", "2023年,全县城镇调查失业率4.5%,低于全国(5.1%)0.6个百分点。",
     "0.6个百分点", {"measure": "change", "compare_to": "全国", "value": -0.6}),
    ("base-value-before-的增速", "2023年,全县地区生产总值增长5.2%,比上半年3.1%的增速加快2.1个百分点。",
     "3.1%", {"measure": "change", "period": "2023-01..2023-06"}),
    ("difference-after-的增速", "2023年,全县地区生产总值增长5.2%,比上半年3.1%的增速加快2.1个百分点。",
     "2.1个百分点", {"measure": "change", "compare_to": "上半年", "period": "2023"}),
    # a change verb alone right after a level in the same unit: that level's change, no base written
    ("bare-verb-after-level", "2023年,全县细颗粒物平均浓度为38微克/立方米,下降8微克/立方米。", "8微克/立方米",
     {"indicator": "细颗粒物平均浓度", "measure": "change", "value": -8.0}),
    ("bare-verb-after-level-yuan", "2023年,全县住户存款余额500亿元,增加46亿元。", "46亿元",
     {"indicator": "住户存款余额", "measure": "change", "value": 46.0}),
    # negatives: another unit after the verb, and 新增 (a flow of its own) stay levels
    ("verb-another-unit", "2023年,全县存款余额500亿元,增加就业岗位800个。", "800个", {"measure": "level"}),
    ("xinzeng-after-level", "2023年,全县企业总数1.2万家,新增企业800家。", "800家", {"measure": "level"}),
    # a parenthesis right after a count breaks it down: the count keeps its own name; 在职 is a noun, not 在
    ("breakdown-after-count", PENSION, "198.36万人", {"indicator": "参加城镇职工基本养老保险人数"}),
    ("zai-compound", "2023年,全市在职职工平均工资12000元。", "12000元", {"indicator": "在职职工平均工资"}),
    # ... and under the scheme's insured, 在职职工 is the scheme's workers (a catalog part name)
    ("pension-part", PENSION, "142.18万人", {"indicator": "城镇职工基本养老保险参保职工人数"}),
    # negatives: a parenthetical that is the subject's own figure, a criterion
    ("own-change-in-parentheses", "2023年,全县完成投资50亿元(比上年增长8%)。", "8%",
     {"indicator": "投资", "measure": "change", "compare_to": "上年", "region": None}),
    ("criterion-not-base", "2023年,全县地区生产总值增长5.2%,高于全国水平0.6个百分点。", "0.6个百分点",
     {"measure": "change", "compare_to": "全国"}),
]


@pytest.mark.parametrize(("text", "quote", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bases_and_methods(text: str, quote: str, expected: dict) -> None:
    got = _facts(text).get(quote)
    assert got is not None, f"{quote} not found"
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "blanks"),
    [
        ("图1 2019-2023年地区生产总值及增速\n单位:%\n2023年,全县地区生产总值增长5.2%。\n", 0),  # chart caption
        ("指标\n比上年增长(%)\n地区生产总值\n5.2\n", 0),  # a column head's unit
        ("2023年,全县一般公共预算收入完成亿元,同比增长8%。\n", 1),  # a lost number stays a blank
        ("2023年,全县批发零售业(占)收入大幅下降。\n", 1),  # a lost share in parentheses too
    ],
    ids=["chart-caption", "column-head", "lost-number", "lost-share-in-parentheses"],
)
def test_captions_are_not_blanks(text: str, blanks: int) -> None:
    facts = extract_facts(text, doc="t.txt", doc_id="t")
    assert sum(f.value is None for f in facts) == blanks
