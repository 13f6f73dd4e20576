"""share_levels on bulletin prose through the real extractor: a stated share agrees with the levels of
its part and its whole printed in the same document, and a rate the catalog defines as part / whole
(城镇化率, 城乡居民收入比, 恩格尔系数) agrees with its two levels.

A bulletin that prints a share and both levels states the same relation twice, so a misprinted part
shows; the negative rows are the readings the check must not make (a share of another region or of a
plan, a whole it cannot name, a share rounded to make a structure 100).
"""

from __future__ import annotations

import pytest

from bulletins.checks import run_checks
from bulletins.extract import extract_facts
from bulletins.ingest import facts_frame
from bulletins.model import CheckResult, Fact, sha256_hex

HEAD = "某某县2025年国民经济和社会发展统计公报\n日期:2026-03-21 来源:某某县统计局\n\n"

# body, then the (expected, stated) of the one share_levels failure, or None when it must hold;
# `checked` is how many shares the check must have read
CASES = {
    "a whole named after 占, holding": (
        "全年一般公共预算收入286.4亿元，其中税收收入212.7亿元，占一般公共预算收入的74.3%。", None, 1),
    "a whole named after 占, the part misprinted": (
        "全年一般公共预算收入286.4亿元，其中税收收入232.7亿元，占一般公共预算收入的74.3%。",
        (81.2509, 74.3), 1),
    "a bare 占比: the whole is the total of the 其中 list": (
        "一般公共预算支出38.51亿元，增长5.6%，其中民生支出33.27亿元，占比78.6%。", (86.393, 78.6), 1),
    "占比达到 is a bare 占比 too": (
        "全年一般公共预算支出39.30亿元，其中民生支出31.52亿元，占比达到80.2%。", None, 1),
    "a whole named with 总量, printed without it": (
        "年末全县技能人才总量达到68.5万人，其中高技能人才21.3万人，占技能人才总量的31.1%。", None, 1),
    "a whole in another unit (万元 of 亿元)": (
        "全年一般公共预算收入2.864亿元，其中税收收入21270万元，占一般公共预算收入的74.3%。", None, 1),
    "traditional characters": (
        "地方一般公共預算收入25.38億元，增長3.2%，其中稅收收入21.64億元，增長1.8%，稅收佔比77.4%。",
        (85.2640, 77.4), 1),
    # a structure's share adjusted by one unit of its last digit (37952/914326 = 4.15%) holds
    "a share one unit off its rounding": (
        "全年全县生产总值914326万元。其中，第一产业增加值37952万元，占生产总值的比重为4.1%。", None, 1),
    # the whole named by a synonym of the 其中 list's total (财政支出 for 一般公共预算支出) is that total
    "a whole named by a synonym of the list's total": (
        "一季度，全区一般公共预算支出5.93亿元，其中民生支出4.83亿元，占财政支出比重81.43%。", None, 1),
    "a synonym of the list's total, the part misprinted": (
        "一季度，全区一般公共预算支出5.93亿元，其中民生支出4.93亿元，占财政支出比重81.43%。",
        (83.1366, 81.43), 1),
    # what the check must not read
    "a whole with another head than the list's total": (
        "一季度，全区一般公共预算支出5.93亿元，其中民生支出4.83亿元，占财政总收入的比重为60.0%。", None, 0),
    "a share of a region is no share of a printed level": (
        "全年全县旅游收入30.0亿元，其中城关镇旅游收入12.0亿元，占全县的35.0%。", None, 0),
    "a share of a plan": (
        "全年一般公共预算收入286.4亿元，完成年度预算的103.2%。", None, 0),
    "a whole the document does not print": (
        "全年税收收入212.7亿元，占一般公共预算收入的60.0%。", None, 0),
    "a share without its part's level": (
        "全年一般公共预算收入286.4亿元，税收收入占一般公共预算收入的60.0%。", None, 0),
    # 城镇人口 of the registered population in another sentence is no part of the urbanization rate (the
    # one share read is 200 of the 户籍人口, named 总人口)
    "a rate whose part is another total's": (
        "年末全县户籍人口620万人，其中城镇人口200万人，占总人口的比重为32.3%。年末常住人口500万人，城镇化率60.0%。",
        None, 1),
    # rates the catalog defines as part / whole
    "城镇化率 from 城镇人口 and 常住人口, holding": (
        "年末全县常住人口38.62万人，其中城镇常住人口21.51万人，常住人口城镇化率为55.70%。", None, 1),
    "城镇化率 against a misprinted 城镇人口": (
        "年末全县常住人口38.62万人，其中城镇常住人口22.51万人，常住人口城镇化率为55.70%。",
        (58.2859, 55.70), 1),
    "城乡居民收入比 from the two incomes": (
        "全年城镇居民人均可支配收入42000元，农村居民人均可支配收入18000元，城乡居民收入比为2.43。",
        (2.33333, 2.43), 1),
    "恩格尔系数 from food and all consumption, holding": (
        "全年居民人均消费支出20000元，其中人均食品烟酒支出6000元，恩格尔系数为30.0%。", None, 1),
}


def _check(body: str) -> tuple[list[CheckResult], list[Fact]]:
    text = HEAD + body + "\n"
    facts = extract_facts(text, doc="gongbao.txt", doc_id=sha256_hex(text.encode()))
    return run_checks(facts_frame(facts), only=["share_levels"]), facts


@pytest.mark.parametrize(("body", "values", "checked"), CASES.values(), ids=CASES.keys())
def test_share_against_its_levels(body: str, values: tuple[float, float] | None, checked: int) -> None:
    results, facts = _check(body)
    failed = [r for r in results if not r.passed]
    (summary,) = [r for r in results if r.passed] or [None]
    read = len(failed) + (int(summary.message.split(" of ")[0]) if summary else 0)
    assert read == checked, [r.message for r in results]
    if values is None:
        assert not failed, [r.message for r in failed]
        return
    (r,) = failed
    assert (r.expected, r.actual) == pytest.approx(values, rel=1e-4)
    assert r.severity == "error" and r.docs == ["gongbao.txt"]
    by_id = {f.fact_id: f for f in facts}
    share, part, whole = (by_id[i] for i in r.fact_ids)
    assert share.value == pytest.approx(values[1])
    assert part.measure == whole.measure == "level" and part.fact_id != whole.fact_id


def test_a_share_that_agrees_is_recorded_as_a_pass() -> None:
    (r,) = _check(CASES["a whole named after 占, holding"][0])[0]
    assert r.passed and r.message == "1 of 1 stated shares agree with their part and whole"
