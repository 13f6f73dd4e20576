"""split_counts on bulletin prose through the real extractor: a count of a set split by a predicate
(11个设区市中，有5个市高于全省平均水平，6个市低于全省平均水平) has parts no larger than the set, and parts
naming complementary predicates (高于/低于, 增长/下降) that sum to it.

The negative rows are the readings the check must not make: parts that are not complements, a part of a
part (其中), a 其中 list (list_parts_sum reads those), counts that are no split.
"""

from __future__ import annotations

import pytest

from bulletins.checks import run_checks
from bulletins.extract import extract_facts
from bulletins.ingest import facts_frame
from bulletins.model import sha256_hex

HEAD = "某某市2026年1—9月经济运行情况\n日期:2026-10-21 来源:某某市统计局\n\n"

# body, then (expected, actual) of the one failure or None, and how many splits the check must read
CASES = {
    "two complements that cover the set": (
        "从全省看，11个设区市中，有5个市高于全省平均水平，6个市低于全省平均水平。", None, 1),
    "two complements, one misprinted": (
        "从全省看，11个设区市中，有5个市高于全省平均水平，7个市低于全省平均水平。", (11, 12), 1),
    "the set named without 中 (…增速有13个…)": (
        "分县区看，20个县(市、区)一般公共预算支出增速有13个县(市、区)高于全市平均水平，有7个县(市、区)低于全市平均水平。",
        None, 1),
    "增长 and 下降 in a count of branches": (
        "40个工业行业大类中，有24个行业增加值保持同比增长，16个行业下降。", None, 1),
    "增长 and 下降, misprinted": (
        "40个工业行业大类中，有24个行业增加值保持同比增长，17个行业下降。", (40, 41), 1),
    "a single part above its set": (
        "14个县（区）中，有15个实现正增长。", (14, 15), 1),
    # the share one part is of its set (增长面): the part said before its count, or after it
    "a growth coverage that agrees": (
        "全县46家规模以上工业企业中，实现增加值增长的企业31家，增长面为67.4%。", None, 1),
    "a growth coverage against a misprinted part": (
        "全县46家规模以上工业企业中，实现增加值增长的企业34家，增长面为67.4%。", (73.913, 67.4), 1),
    "a growth coverage after the part's predicate": (
        "全市154家规上工业企业中，有122家实现产值正增长，增长面达72.7%。", (79.2208, 72.7), 1),
    # what the check must not read as a failure
    "a single part within its set": ("14个县（区）中，有11个实现正增长。", None, 1),
    "complement words against different bases": (
        "全省11个设区市中，9个市增速高于全国平均水平，4个市增速低于全省平均水平。", None, 1),
    "two parts that are not complements": (
        "全县12个乡镇中，有8个乡镇通了高速公路，6个乡镇通了铁路。", None, 1),
    "a part of a part after 其中": (
        "11个设区市中，有9个市实现正增长，其中5个市增长10%以上。", None, 1),
    "a 其中 list is no split": ("全年新开工项目20个，其中产业项目12个，民生项目9个。", None, 0),
    "two counts that are no split": ("全年新建学校5个，新增学位3000个。", None, 0),
}


@pytest.mark.parametrize(("body", "values", "checked"), CASES.values(), ids=CASES.keys())
def test_split_counts(body: str, values: tuple[float, float] | None, checked: int) -> None:
    text = HEAD + body + "\n"
    facts = extract_facts(text, doc="yunxing.txt", doc_id=sha256_hex(text.encode()))
    results = run_checks(facts_frame(facts), only=["split_counts"])
    failed = [r for r in results if not r.passed]
    passed = [r for r in results if r.passed]
    read = len(failed) + (int(passed[0].message.split(" of ")[0]) if passed else 0)
    assert read == checked, [r.message for r in results]
    if values is None:
        assert not failed, [r.message for r in failed]
        return
    (r,) = failed
    assert (r.expected, r.actual) == pytest.approx(values)
    assert r.severity == "error" and r.docs == ["yunxing.txt"] and len(r.fact_ids) >= 2
