"""list_parts_sum on bulletin prose through the real extractor: a total and the parts listed after 其中
(in its sentence, or in a sentence opening with 其中 right after it) may not add up to more than it.

The stored facts keep no link from a part to the total of its list, so the check reads the list
from the sentences; the negative rows are the readings it must not make.
"""

from __future__ import annotations

import pytest

from bulletins.checks import run_checks
from bulletins.extract import extract_facts
from bulletins.ingest import facts_frame
from bulletins.model import CheckResult, Fact, sha256_hex

HEAD = "北京市2023年国民经济和社会发展统计公报\n日期:2024-03-21 来源:北京市统计局\n\n"

# body, the failed checks (any severity), and for a list_parts_sum failure its (expected, actual)
CASES = {
    "其中 in the total's sentence, parts above it": (
        "全年旅游总收入6000.0亿元，其中，国内旅游收入5800.0亿元，入境旅游收入300.0亿元。",
        ["list_parts_sum"], (6000.0, 6100.0)),
    "a sentence opening with 其中 after the total": (
        "全年全市新设经营主体20.5万户。其中，新设企业8.2万户，新设个体工商户13.1万户。",
        ["list_parts_sum"], (20.5, 21.3)),
    "parts in 万元 under a total in 亿元": (
        "全年技术合同成交额1.5亿元，其中，技术开发合同成交额8000万元，技术服务合同成交额9000万元。",
        ["list_parts_sum"], (1.5, 1.7)),
    "one part above the total": (
        "全年旅游总收入6000.0亿元，其中，国内旅游收入6100.0亿元。", ["list_parts_sum"], (6000.0, 6100.0)),
    # parts in another unit than the last level before the list are of the last level in their unit
    "parts of the level in their own unit": (
        "全年发放创业担保贷款1.36亿元，扶持创业486户，带动就业1520人。其中，个人创业担保贷款0.98亿元、421户，"
        "小微企业创业担保贷款0.38亿元、74户。", ["list_parts_sum"], (486.0, 495.0)),
    # ... but only within the list's own clause: after the ； the sentence goes on with statements of its own
    "statements after the ； are no parts of an earlier level": (
        "实施重点项目156个，完成投资286.4亿元，其中亿元以上项目98个；新开工项目62个、建成投产项目45个。", [], None),
    # 肉类总产量 counts every meat: the four main kinds under it need not add up to it, only stay below
    "the four meats under 肉类总产量": (
        "全年肉类总产量6.82万吨，增长1.2%，其中猪肉产量4.86万吨，牛肉产量0.62万吨，羊肉产量0.23万吨，禽肉产量0.48万吨。",
        [], None),
    # several totals before 其中: a part named as one of the earlier ones is that one's, not the last's
    "parts of an earlier total of the sentence": (
        "年末全县共有各级各类学校186所，在校学生48216人，专任教师3286人。其中，普通高中3所，在校学生5842人；"
        "初中14所，在校学生11286人。", [], None),
    # a debt balance's parts, then the limit the level above approved: the limit is no third part
    "the debt limit after the balance's parts": (
        "截至2025年底，全县政府债务余额86.45亿元，其中一般债务32.18亿元、专项债务54.27亿元，"
        "控制在省核定的债务限额92.60亿元（一般债务限额34.50亿元、专项债务限额58.10亿元）以内。", [], None),
    # facilities have no region of their own: they are parts of the area's total
    "facilities listed under the area's total": (
        "假期全市民航机场旅客吞吐量286.3万人次，同比增长8.9%，其中首都国际机场148.6万人次，大兴国际机场156.2万人次。",
        ["list_parts_sum"], (286.3, 304.8)),
    # the stored sentence is normalized, the quotes are raw: traditional characters and a broken line
    "parts in traditional characters": (
        "全年旅遊總收入6000.0億元，其中，國內旅遊收入5800.0億元，入境旅遊收入300.0億元。",
        ["list_parts_sum"], (6000.0, 6100.0)),
    "a part broken over two lines": (
        "全年旅游总收入6000.0亿元，其中，国内旅游收入5800.0\n亿元，入境旅游收入300.0亿元。",
        ["list_parts_sum"], (6000.0, 6100.0)),
    # a coded statement after the ； that the catalog puts outside the total ends the list
    "a sibling total after the ；": (
        "全年一般公共预算收入48.62亿元，其中税收收入30.51亿元；一般公共预算支出245.91亿元。",
        ["components_incomplete"], None),
    "parts below the total": (
        "全年旅游总收入6000.0亿元，其中，国内旅游收入5700.0亿元，入境旅游收入300.0亿元。", [], None),
    "parts above the total within rounding": (
        "全年全市新设经营主体20万户。其中，新设企业8.2万户，新设个体工商户12.2万户。", [], None),
    "a nested 其中 lists the parts of the part before it": (
        "全年社会消费品零售总额5000亿元，其中，限额以上单位消费品零售额3000亿元，其中，网上零售额2500亿元。",
        [], None),
    # a second 其中 list is of the last level before it, not of the first list's total
    "two 其中 lists in a row": (
        "全年一般公共预算收入100亿元。其中，税收收入80亿元，一般公共预算支出300亿元。其中，教育支出60亿元，"
        "社会保障和就业支出50亿元，卫生健康支出40亿元。", ["components_incomplete", "components_incomplete"], None),
    "a trade surplus is no part of the trade": (
        "全年货物进出口总值37.31万亿元，其中，出口21.34万亿元，进口15.97万亿元，贸易顺差5.37万亿元。", [], None),
    "averages never add up": ("全市职工平均工资12000元，其中，国有单位平均工资15000元。", [], None),
    "a part below another part in the catalog is not counted twice": (
        "全年一般公共预算收入6000.0亿元，其中，税收收入5000.0亿元，增值税2000.0亿元。",
        ["components_incomplete", "components_incomplete"], None),
    "a catalog group is components_sum's, not reported twice": (
        "全年一般公共预算收入6000.0亿元，其中，税收收入5300.0亿元，非税收入800.0亿元。",
        ["components_sum"], None),
    "分别 without 其中 is no part list": (
        "全年地区生产总值4000亿元，固定资产投资和社会消费品零售总额分别为2000亿元和2500亿元。", [], None),
    # a 其中 list runs on across ；(one part per clause of the chain), up to the full stop
    "a list run on across ；": (
        "年末全市公共图书馆藏书312.58万册。其中，纸质图书218.20万册，增长1.2%；"
        "电子图书114.22万册，比上年末减少0.65万册。", ["list_parts_sum"], (312.58, 332.42)),
    "a list run on across ；, holding": (
        "年末全市公共图书馆藏书312.58万册。其中，纸质图书198.36万册，增长1.2%；"
        "电子图书114.22万册，比上年末减少0.65万册。", [], None),
    # a parenthesis after a part breaks that part down: its numbers are no parts of the list
    "a part's own breakdown in parentheses": (
        "年末全市参加基本养老保险人数为312.58万人。其中，参加城镇职工基本养老保险人数198.36万人（在职职工142.18万人，"
        "离退休人员56.18万人）；参加城乡居民基本养老保险人数114.22万人。", [], None),
    # 民生支出 has no catalog group: a list printed under it is read as the document lists it ...
    "classes listed under 民生支出": (
        "2023年11月，全市民生支出累计完成131385万元，占一般公共预算支出63%。其中：教育支出39104万元；"
        "社会保障和就业支出52366万元；卫生健康支出12988万元；农林水支出32480万元。",
        ["list_parts_sum"], (131385.0, 136938.0)),
    # ... and the classes of the whole budget printed beside it say nothing about it (places count different sets)
    "the budget's classes beside a smaller 民生支出": (
        "全年一般公共预算支出468.92亿元。分科目看：教育支出98.72亿元；科学技术支出9.68亿元；社会保障和就业支出"
        "72.58亿元；卫生健康支出45.36亿元；城乡社区支出52.47亿元；交通运输支出16.83亿元；住房保障支出14.62亿元。"
        "全市民生支出250.00亿元，占一般公共预算支出的53.3%。", ["components_incomplete"], None),
    # a member of the total's own classification after the total's aside is its sibling, no part of it
    "a sibling after the total's aside": (
        "年末全市参加基本医疗保险人数362.48万人。其中，参加职工基本医疗保险人数82.64万人（其中在职职工60.12万人、"
        "退休人员22.52万人），参加城乡居民基本医疗保险人数279.84万人。", [], None),
    # a 其中 list whose first part the catalog puts under an earlier level of the sentence before is that level's
    "a list of the level its first part is under": (
        "全社会用电量257.62亿千瓦时。分产业看，第一产业用电量2.14亿千瓦时，第二产业用电量190.36亿千瓦时，"
        "第三产业用电量38.72亿千瓦时，城乡居民生活用电量26.40亿千瓦时。其中，工业用电量195.52亿千瓦时。",
        ["list_parts_sum"], (190.36, 195.52)),
    # after the list's ；, a clause opening with its own verb is a statement of its own
    "a statement of its own after the list": (
        "2026年上半年，自治区转贷我市新增政府债券24.60亿元，其中一般债券3.80亿元、专项债券20.80亿元；"
        "发行再融资债券8.52亿元。", [], None),
    "parts of another period are not the total's": (
        "全年全市新设经营主体20.5万户。其中，上年新设企业18.2万户，上年新设个体工商户13.1万户。", [], None),
    # 医院中，…: a clause naming an earlier level opens a list of that level, not of the last one
    "a list opened by the name of an earlier level": (
        "年末全市共有医疗卫生机构500个，其中医院60个，卫生院40个。医院中，公立医院20个，民营医院50个。",
        ["components_incomplete", "list_parts_sum"], (60.0, 70.0)),  # (医院 is 1 of the 4 catalog types: info)
    # …（其中执业医师…）: a 其中 inside an aside lists the aside's parts and ends with it
    "a 其中 inside an aside ends with the aside": (
        "年末全市卫生技术人员3.0万人（其中执业医师1.2万人），注册护士1.4万人，药师0.3万人。", [], None),
    # 市本级…收入…；市本级…支出…: after the ； a statement named like the total is its own, no part
    "a parallel statement after the ； is no part": (
        "全年市本级一般公共预算收入50.0亿元，其中税收收入40.0亿元；市本级一般公共预算支出80.0亿元。", [], None),
    # ... while a part named as the total with a word left out is a part all the same
    "parts named as the total with a word left out": (
        "1—10月，全市跨境电商进出口2.16亿元，同比增长11.3%。其中，出口1.72亿元，增长13.6%；进口0.54亿元，增长4.8%。",
        ["list_parts_sum"], (2.16, 2.26)),
    # 头(只): head of cattle and sheep counted together are one family of units
    "livestock counted in 头 and 只 under 头(只)": (
        "年末牲畜存栏120万头(只)，其中牛存栏50万头，羊存栏80万只。", ["list_parts_sum"], (120.0, 130.0)),
}


def _check(body: str) -> tuple[list[CheckResult], list[Fact]]:
    text = HEAD + body + "\n"
    facts = extract_facts(text, doc="gongbao.txt", doc_id=sha256_hex(text.encode()))
    return run_checks(facts_frame(facts)), facts


@pytest.mark.parametrize(("body", "failed", "values"), CASES.values(), ids=CASES.keys())
def test_part_list_against_its_total(body: str, failed: list[str], values: tuple[float, float] | None) -> None:
    results, facts = _check(body)
    assert [r.check for r in results if not r.passed] == failed, [r.message for r in results if not r.passed]
    if values is not None:
        (r,) = [r for r in results if r.check == "list_parts_sum" and not r.passed]
        assert (r.expected, r.actual) == pytest.approx(values)
        assert r.severity == "error" and len(r.fact_ids) >= 2 and r.sentences and r.docs == ["gongbao.txt"]
        by_id = {f.fact_id: f for f in facts}
        assert r.sentences == list(dict.fromkeys(by_id[i].sentence for i in r.fact_ids))
    else:
        assert not [r for r in results if r.check == "list_parts_sum" and not r.passed]


def test_a_list_that_adds_up_is_recorded_as_a_pass() -> None:
    (r,) = [r for r in _check(CASES["parts below the total"][0])[0] if r.check == "list_parts_sum"]
    assert r.passed and r.message == "1 of 1 part lists sum to at most their total"


# a department budget: 收支总预算 split twice, by source and by use; the second list shares the total
BUDGET = ("某某区教育委员会2023年部门预算\n\n2023年财政拨款收支总预算705.75万元。收入包括：一般公共预算拨款"
          "703.44万元、上年结转结余2.31万元；支出包括：教育支出{education}万元、社会保障和就业支出125.14万元。\n")


@pytest.mark.parametrize(("education", "fails"), [("580.61", False), ("600.61", True)])
def test_budget_sources_and_uses_share_their_total(education: str, fails: bool) -> None:
    text = BUDGET.format(education=education)
    facts = extract_facts(text, doc="budget.txt", doc_id=sha256_hex(text.encode()))
    failed = [r for r in run_checks(facts_frame(facts), only=["list_parts_sum"]) if not r.passed]
    assert len(failed) == fails, [r.message for r in failed]
    if fails:
        assert failed[0].expected == pytest.approx(705.75) and failed[0].actual == pytest.approx(725.75)
        assert "教育支出" in failed[0].message and "上年结转结余" not in failed[0].message

