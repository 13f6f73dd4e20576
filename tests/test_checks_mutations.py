"""Mutation tests of the sum checks on real-shaped bulletins, through the real extractor.

One small bulletin per kind of catalog group, written as bulletins write (其中 lists, 从收入来源看,
growth rates between the levels). As written, each raises no sum failure and every group is seen
(a passed components_sum, or for a classification printed in part a components_incomplete info).
Changing any ONE member's printed number raises exactly one alert: a components_sum failure that
names the group's total, gives the stated total and the sum of the printed members, and carries
the facts (ids, spans into the mutated text) and their sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bulletins.checks import run_checks
from bulletins.checks.config import Group, default_catalog
from bulletins.extract import extract_facts
from bulletins.ingest import facts_frame
from bulletins.model import CheckResult, Fact, sha256_hex

HEAD = "北京市{title}\n日期:{date} 来源:北京市统计局\n\n"
URBAN_CONSUMPTION = ["food", "clothing", "housing", "household", "transport", "education", "health", "other"]


@dataclass(frozen=True)
class Doc:
    text: str
    groups: dict[str, list[str]]  # total code -> the member codes printed for it (all, or a subset)


def _doc(title: str, date: str, body: str) -> str:
    return HEAD.format(title=title, date=date) + body + "\n"


DOCS = {
    "consumption_by_population": Doc(
        _doc("2023年上半年居民收支情况", "2023-07-20",
             "上半年，全市居民人均消费支出22861元，同比增长8.7%。按常住地分，城镇居民人均消费支出24391元，"
             "同比增长10.9%。其中，人均食品烟酒支出5400元，人均衣着支出1100元，人均居住支出9300元，"
             "人均生活用品及服务支出1200元，人均交通通信支出2400元，人均教育文化娱乐支出1800元，"
             "人均医疗保健支出2500元，人均其他用品及服务支出691元。农村居民人均消费支出13014元，同比增长8.2%。"
             "分类别看，食品烟酒3900元，衣着600元，居住3400元，生活用品及服务700元，交通通信1900元，"
             "教育文化娱乐900元，医疗保健1300元，其他用品及服务314元。"),
        {"consumption_pc.urban": [f"consumption_pc.urban.{c}" for c in URBAN_CONSUMPTION],
         "consumption_pc.rural": [f"consumption_pc.rural.{c}" for c in URBAN_CONSUMPTION]},
    ),
    "income_sources": Doc(
        _doc("2023年居民收入情况", "2024-01-19",
             "2023年，全市居民人均可支配收入81752元，比上年增长5.6%。从收入来源看，人均工资性收入50133元，"
             "增长6.0%；人均经营净收入1045元，增长4.2%；人均财产净收入13041元，增长2.5%；人均转移净收入"
             "17533元，增长6.8%。城镇居民人均可支配收入89737元，农村居民人均可支配收入37404元。"),
        {"income_pc": ["income_pc.wage", "income_pc.business", "income_pc.property", "income_pc.transfer"]},
    ),
    "industries": Doc(
        _doc("2023年国民经济和社会发展统计公报", "2024-03-21",
             "初步核算，全年实现地区生产总值43760.7亿元，按不变价格计算，比上年增长5.2%。其中，第一产业增加值"
             "105.5亿元，下降4.6%；第二产业增加值6525.6亿元，增长0.4%；第三产业增加值37129.6亿元，增长6.1%。"),
        {"gdp": ["gdp.primary", "gdp.secondary", "gdp.tertiary"]},
    ),
    "fiscal_expenditure": Doc(
        _doc("2023年财政预算执行情况", "2024-01-25",
             "2023年，全市一般公共预算支出8182.1亿元，增长6.8%。其中，一般公共服务支出400.2亿元，教育支出"
             "1241.7亿元，科学技术支出487.1亿元，社会保障和就业支出1200.9亿元，卫生健康支出655.4亿元，"
             "城乡社区支出1100.3亿元，住房保障支出300.8亿元。"),
        {"fiscal.expenditure": ["fiscal.exp.general_public_services", "fiscal.exp.education", "fiscal.exp.science",
                                "fiscal.exp.social_security", "fiscal.exp.health",
                                "fiscal.exp.urban_rural_community", "fiscal.exp.housing"]},
    ),
    # a budget report's balance: the budget's own revenue plus the other sources is 收入总计, its spending plus
    # the other uses 支出总计 (the sources printed are a subset of the ones a report may print)
    "budget_balance": Doc(
        _doc("2025年预算执行情况和2026年预算草案的报告", "2026-01-07",
             "2025年，全市一般公共预算收入86.52亿元，增长4.6%。一般公共预算收入加上级补助收入28.64亿元、债务转贷收入"
             "15.2亿元、上年结转3.18亿元、调入资金6.5亿元，收入总计140.04亿元。全市一般公共预算支出112.38亿元，"
             "增长3.2%。加上解上级支出5.12亿元、债务还本支出12.6亿元、安排预算稳定调节基金4.8亿元、结转下年支出"
             "5.14亿元，支出总计140.04亿元，收支平衡。"),
        {"fiscal.revenue.all_sources": ["fiscal.revenue", "fiscal.revenue.transfers_received",
                                        "fiscal.revenue.debt_onlent", "fiscal.revenue.carried_over",
                                        "fiscal.revenue.funds_in"],
         "fiscal.expenditure.all_uses": ["fiscal.expenditure", "fiscal.expenditure.remitted_up",
                                         "fiscal.expenditure.debt_repayment", "fiscal.expenditure.stabilization_added",
                                         "fiscal.expenditure.carried_forward"]},
    ),
    # a human resources and social security bulletin: insured persons at the year's end, the three funds
    "social_insurance": Doc(
        _doc("2025年人力资源和社会保障事业发展统计公报", "2026-05-20",
             "年末全市参加基本养老保险人数为312.58万人，比上年末增加4.26万人。其中，参加城镇职工基本养老保险人数"
             "198.36万人；参加城乡居民基本养老保险人数114.22万人。全年基本养老保险、失业保险、工伤保险三项社会保险基金"
             "总收入386.5亿元，比上年增长5.2%。三项基金收入中，基本养老保险基金收入352.6亿元，失业保险基金收入18.4亿元，"
             "工伤保险基金收入15.5亿元。"),
        {"social.pension_insured": ["social.basic_pension_insured", "social.resident_pension_insured"],
         "social.funds.revenue": ["social.pension_fund.revenue", "social.unemployment_fund.revenue",
                                  "social.injury_fund.revenue"]},
    ),
    "meat_by_kind": Doc(
        _doc("2025年前三季度经济运行情况", "2025-10-22",
             "前三季度，全市猪牛羊禽肉产量198.6万吨，同比增长2.1%。分品种看，猪肉产量118.4万吨，增长1.5%；"
             "牛肉产量32.8万吨，增长4.2%；羊肉产量6.5万吨，下降1.2%；禽肉产量40.9万吨，增长3.0%。"),
        {"agri.meat": ["agri.pork", "agri.beef", "agri.mutton", "agri.poultry_meat"]},
    ),
    "tourism": Doc(
        _doc("2026年春节假期旅游市场情况", "2026-02-24",
             "春节假期，全市共接待游客1086.52万人次，同比增长12.6%。其中，过夜游客612.38万人次，增长10.4%；"
             "一日游游客474.14万人次，增长15.3%。"),
        {"tourism.visitors": ["tourism.overnight_visitors", "tourism.day_visitors"]},
    ),
    "electricity_sources": Doc(
        _doc("2025年11月份能源生产情况", "2025-12-15",
             "11月份，规上工业发电量7268亿千瓦时，同比增长3.2%。其中，规上工业火电4826亿千瓦时，增长0.6%；"
             "规上工业水电842亿千瓦时，增长4.8%；规上工业核电408亿千瓦时，增长6.2%；规上工业风电786亿千瓦时，"
             "增长8.6%；规上工业太阳能发电406亿千瓦时，增长22.4%。"),
        {"product.electricity": ["product.electricity.thermal", "product.electricity.hydro",
                                 "product.electricity.nuclear", "product.electricity.wind",
                                 "product.electricity.solar"]},
    ),
    "medical_insurance": Doc(
        _doc("2025年医疗保障事业发展统计快报", "2026-02-26",
             "截至2025年底，全市基本医疗保险参保人数289.46万人。其中，参加职工基本医疗保险人数78.62万人，"
             "参加城乡居民基本医疗保险人数210.84万人。"),
        {"health.insured": ["health.insured.employees", "health.insured.residents"]},
    ),
    "grain_by_crop": Doc(
        _doc("2025年国民经济和社会发展统计公报", "2026-04-16",
             "全年粮食播种面积18.46万亩，比上年增加0.32万亩。其中，稻谷播种面积12.36万亩，小麦播种面积0.26万亩，"
             "玉米播种面积4.12万亩，大豆播种面积0.72万亩。"),
        {"agri.grain.area": ["agri.rice_area", "agri.wheat_area", "agri.corn_area", "agri.soybean_area"]},
    ),
    "debt": Doc(
        _doc("2025年预算执行情况", "2026-01-08",
             "截至2025年底，全市政府债务余额86.45亿元，其中一般债务32.18亿元、专项债务54.27亿元。"),
        {"fiscal.debt.balance": ["fiscal.debt.balance.general", "fiscal.debt.balance.special"]},
    ),
    "electricity_use": Doc(
        _doc("2026年1—10月全市能源生产和消费情况", "2026-11-20",
             "1—10月，全社会用电量257.62亿千瓦时，同比增长5.8%。分产业看，第一产业用电量2.14亿千瓦时，第二产业用电量"
             "190.36亿千瓦时，第三产业用电量38.72亿千瓦时，城乡居民生活用电量26.40亿千瓦时。"),
        {"energy.electricity_use": ["energy.electricity_use.primary", "energy.electricity_use.secondary",
                                    "energy.electricity_use.tertiary", "energy.residential_electricity_use"]},
    ),
    "population_by_age": Doc(
        _doc("2025年人口变动情况抽样调查主要数据公报", "2026-03-20",
             "2025年末，全市常住人口386.52万人。全市常住人口中，0—14岁人口为56.84万人；15—59岁人口为233.26万人；"
             "60岁及以上人口为96.42万人，其中65岁及以上人口为72.68万人。"),
        {"pop.resident": ["pop.age_0_14", "pop.age_15_59", "pop.age_60_plus"]},
    ),
    "taxes": Doc(
        _doc("2026年1—10月财政收支情况", "2026-11-16",
             "1—10月，全市税收收入528.64亿元，增长3.2%。其中，增值税232.86亿元，企业所得税86.45亿元，"
             "个人所得税32.18亿元，城市维护建设税30.62亿元，房产税28.74亿元，城镇土地使用税12.35亿元，"
             "土地增值税46.28亿元，契税28.96亿元，印花税14.82亿元，耕地占用税2.16亿元，车船税7.42亿元，"
             "资源税1.85亿元，环境保护税1.22亿元，其他税收收入2.73亿元。"),
        {"fiscal.revenue.tax": ["fiscal.tax.vat", "fiscal.tax.corporate_income", "fiscal.tax.personal_income",
                                "fiscal.tax.urban_maintenance", "fiscal.tax.property", "fiscal.tax.urban_land_use",
                                "fiscal.tax.land_appreciation", "fiscal.tax.deed", "fiscal.tax.stamp",
                                "fiscal.tax.farmland_occupation", "fiscal.tax.vehicle_vessel", "fiscal.tax.resource",
                                "fiscal.tax.environmental", "fiscal.tax.other"]},
    ),
    "revenue": Doc(
        _doc("2023年财政收入情况", "2024-01-25",
             "2023年，全市一般公共预算收入6181.1亿元，增长8.2%。其中，税收收入5297.3亿元，增长9.1%；"
             "非税收入883.8亿元，增长3.0%。"),
        {"fiscal.revenue": ["fiscal.revenue.tax", "fiscal.revenue.nontax"]},
    ),
    # 科技经费投入统计公报: R&D经费 by activity type (the three make the whole)
    "rd_by_activity": Doc(
        _doc("2025年科技经费投入统计公报", "2026-09-28",
             "2025年，全市共投入研究与试验发展（R&D）经费386.52亿元，比上年增长8.6%。分活动类型看，基础研究经费"
             "28.46亿元，应用研究经费42.18亿元，试验发展经费315.88亿元。"),
        {"sci.rd_expenditure": ["sci.rd.basic", "sci.rd.applied", "sci.rd.experimental"]},
    ),
    # 交通运输 统计公报: 营业性客运量 by mode (a city with an airport prints all four)
    "transport_by_mode": Doc(
        _doc("2025年交通运输行业发展统计公报", "2026-04-08",
             "全年完成营业性客运量8642.6万人，比上年增长5.8%。其中，公路客运量2186.4万人，铁路客运量5862.3万人，"
             "水路客运量12.6万人，民航客运量581.3万人。"),
        {"transport.passengers": ["transport.passengers.road", "transport.passengers.rail",
                                  "transport.passengers.water", "transport.passengers.air"]},
    ),
    # 卫生健康事业发展统计公报: 医疗卫生机构 by type, 其他机构 not printed
    "health_institutions": Doc(
        _doc("2025年卫生健康事业发展统计公报", "2026-06-18",
             "年末全市共有医疗卫生机构3310个，比上年末增加46个。其中，医院126个，基层医疗卫生机构3082个，"
             "专业公共卫生机构86个。"),
        {"health.institutions": ["health.institutions.hospitals", "health.institutions.primary",
                                 "health.institutions.public_health"]},
    ),
    # a customs release: trade by mode, 其他贸易方式 not printed
    "trade_by_mode": Doc(
        _doc("2026年1—10月全市外贸进出口情况", "2026-11-18",
             "1—10月，全市货物贸易进出口1306.54亿元，同比增长12.8%。按贸易方式看，以一般贸易方式进出口782.46亿元，"
             "以加工贸易方式进出口318.65亿元，以保税物流方式进出口185.43亿元。"),
        {"trade.total": ["trade.general", "trade.processing", "trade.bonded_logistics"]},
    ),
}

_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def _extract(text: str) -> list[Fact]:
    return extract_facts(text, doc="bulletin.txt", doc_id=sha256_hex(text.encode()))


def _levels(facts: list[Fact]) -> dict[str, Fact]:
    """The one exact level fact of each code (a code printed twice would make the test ambiguous)."""
    out: dict[str, Fact] = {}
    for f in facts:
        if f.measure == "level" and f.indicator_code:
            assert f.indicator_code not in out, f"{f.indicator_code} printed twice"
            out[f.indicator_code] = f
    return out


def _group(total: str, members: list[str]) -> Group:
    """The catalog group of `total` these members belong to (a total may head two groups)."""
    (group,) = [g for g in default_catalog().groups
                if g.total == total and not set(members) - {c for slot in g.slots for c in slot}]
    return group


def _mutations() -> list[tuple[str, str, str, str]]:
    """(kind, total, member, how): every printed member up and down; for a group printed in part
    only up past the total, since a member printed too small leaves a subset below its total."""
    out = []
    for kind, doc in DOCS.items():
        for total, members in doc.groups.items():
            partial = len(members) < len(_group(total, members).slots)
            for member in members:
                out += [(kind, total, member, how) for how in (["past_total"] if partial else ["up", "down"])]
    return out


MUTATIONS = _mutations()


def _alerts(results: list[CheckResult]) -> list[CheckResult]:
    return [r for r in results if not r.passed]


def _mutate(text: str, fact: Fact, delta: float) -> tuple[str, str]:
    """The text with one printed number changed by `delta` (same decimals), and the new quote."""
    m = _NUMBER.match(fact.quote)
    assert m is not None, fact.quote
    decimals = len(m.group(1) or "")
    new = f"{float(m.group(0)) + delta:.{decimals}f}"
    quote = new + fact.quote[m.end():]
    assert text[fact.span_start:fact.span_end] == fact.quote
    return text[:fact.span_start] + quote + text[fact.span_end:], quote


@pytest.mark.parametrize("kind", sorted(DOCS))
def test_document_as_written_extracts_every_member_and_raises_no_sum_failure(kind: str) -> None:
    doc = DOCS[kind]
    facts = _extract(doc.text)
    levels = _levels(facts)
    results = run_checks(facts_frame(facts))
    assert [(r.check, r.message) for r in results if not r.passed and r.severity != "info"] == []
    for total, members in doc.groups.items():
        missing = [c for c in [total, *members] if c not in levels]
        assert missing == [], f"{kind}: the extractor gave no fact with codes {missing}"
        group = _group(total, members)
        assert group.kind == kind
        name = default_catalog().name(total)
        mine = [r for r in results if r.indicator == name and r.check.startswith("components_")]
        printed_all = len(members) == len(group.slots)
        whole = levels[total].value == pytest.approx(sum(levels[c].value for c in members))  # type: ignore[misc]
        if printed_all or (whole and group.absent_is_nil):  # a balance printed whole: the others are nil
            assert [(r.check, r.passed) for r in mine] == [("components_sum", True)]
        else:  # a classification printed in part: reported as incomplete, naming what is missing
            assert not group.complete
            (r,) = mine
            assert (r.check, r.severity, r.passed) == ("components_incomplete", "info", False)
            not_printed = r.message.split("not printed: ")[1]
            assert all(default_catalog().name(m) not in not_printed.split("、") for m in members)
            assert default_catalog().name(group.slots[-1][0]) in not_printed
            assert r.actual is not None and r.expected is not None and r.actual < r.expected


@pytest.mark.parametrize(("kind", "total", "member", "how"), MUTATIONS,
                         ids=[f"{m}-{how}" for _k, _t, m, how in MUTATIONS])
def test_one_changed_member_raises_exactly_one_sum_failure(kind: str, total: str, member: str, how: str) -> None:
    doc = DOCS[kind]
    members = doc.groups[total]
    levels = _levels(_extract(doc.text))
    member_fact, total_fact = levels[member], levels[total]
    printed_sum = sum(levels[m].value for m in members)  # type: ignore[misc]
    step = 10.0 if "." in member_fact.quote else 100.0  # far beyond the rounding of the printed numbers
    delta = {"up": step, "down": -step, "past_total": round(total_fact.value - printed_sum + step, 1)}[how]  # type: ignore[operator]
    text, quote = _mutate(doc.text, member_fact, delta)
    facts = _extract(text)
    alerts = _alerts(run_checks(facts_frame(facts)))
    assert [r.check for r in alerts] == ["components_sum"], [r.message for r in alerts]
    (r,) = alerts
    assert r.severity == "error"
    assert r.indicator == default_catalog().name(total)
    assert r.expected == total_fact.value
    assert r.actual == pytest.approx(printed_sum + delta)
    assert r.difference == pytest.approx(printed_sum + delta - total_fact.value)  # type: ignore[operator]
    mutated = _levels(facts)
    wanted = [mutated[c] for c in [total, *members]]
    assert sorted(r.fact_ids) == sorted(f.fact_id for f in wanted)
    assert set(r.sentences) == {f.sentence for f in wanted}
    assert all(text[f.span_start:f.span_end] == f.quote for f in wanted)
    assert mutated[member].quote == quote
    if how == "past_total":
        # the message names the group's members that were not printed, in the catalog's order
        first_missing = next(slot[0] for slot in _group(total, members).slots  # (an alternative fills its slot)
                             if not any(c in members for c in slot))
        assert "more than the stated total" in r.message
        assert f"not printed: {default_catalog().name(first_missing)}" in r.message


BELOW = [(k, t, m) for k, t, m, how in MUTATIONS if how == "past_total"]


@pytest.mark.parametrize(("kind", "total", "member"), BELOW, ids=[m for _k, _t, m in BELOW])
def test_a_subset_changed_but_still_below_its_total_stays_info(kind: str, total: str, member: str) -> None:
    """The limit of a classification printed in part: a member printed too small cannot be told."""
    doc = DOCS[kind]
    text, _quote = _mutate(doc.text, _levels(_extract(doc.text))[member], -50.0)
    alerts = _alerts(run_checks(facts_frame(_extract(text))))
    assert [(r.check, r.severity) for r in alerts] == [("components_incomplete", "info")]


# Writers' variants of the members' names (catalog aliases): each list still extracts into its group.
VARIANTS = {
    "类支出 (urban)": ("城镇居民人均消费支出24391元。其中，食品烟酒类支出5400元，衣着类支出1100元，居住类支出9300元，"
                     "生活用品及服务类支出1200元，交通通信类支出2400元，教育文化娱乐类支出1800元，医疗保健类支出2500元，"
                     "其他用品及服务类支出691元。", "consumption_pc.urban"),
    "人均…消费支出 (rural)": ("农村居民人均消费支出13014元。其中，人均食品烟酒消费支出3900元，人均衣着消费支出600元，"
                         "人均居住消费支出3400元，人均生活用品及服务消费支出700元，人均交通通信消费支出1900元，"
                         "人均教育文化娱乐消费支出900元，人均医疗保健消费支出1300元，人均其他用品及服务消费支出314元。",
                         "consumption_pc.rural"),
    "…性净收入 (rural)": ("农村居民人均可支配收入37404元。从收入来源看，工资性收入20000元，经营性净收入5000元，"
                      "财产性净收入1404元，转移性净收入11000元。", "income_pc.rural"),
    "实现增加值": ("全年实现地区生产总值43760.7亿元。第一产业实现增加值105.5亿元，第二产业实现增加值6525.6亿元，"
              "第三产业实现增加值37129.6亿元。", "gdp"),
    "税收, 非税": ("全年一般公共预算收入6181.1亿元，其中税收5297.3亿元、非税收入883.8亿元。", "fiscal.revenue"),
}


@pytest.mark.parametrize(("body", "total"), VARIANTS.values(), ids=VARIANTS.keys())
def test_writers_variants_of_member_names_extract_into_the_group(body: str, total: str) -> None:
    text = _doc("2023年统计公报", "2024-03-21", "2023年，全市" + body)
    results = run_checks(facts_frame(_extract(text)))
    sums = [r for r in results if r.check.startswith("components_") and r.indicator == default_catalog().name(total)]
    assert [(r.check, r.passed) for r in sums] == [("components_sum", True)], [r.message for r in sums]
    assert [r.message for r in results if not r.passed] == []


# Shares of a whole whose 100 is never printed (三次产业结构, 占地区生产总值比重, 贡献率), as PDF text and
# pages print them. As written, shares_sum passes; a member raised by a tenth makes the parts exceed 100.
SHARE_DOCS = {
    "ratio structure": "全年三次产业结构为15.3∶31.3∶53.4。",
    "structure as a change": "三次产业结构由上年的14.9:33.2:51.9调整为15.3:31.3:53.4。",
    "分别 after 三次产业": "三次产业增加值占全市生产总值的比重分别为3.2%、41.1%和55.7%。",
    "each industry's clause (占地区…)": (
        "其中，第一产业增加值138608万元，增长3.2%，占地区生产总值比重为19.7%；第二产业增加值203760万元，"
        "下降7.2%，占地区生产总值比重为29.0%；第三产业增加值360554万元，增长5.6%，占地区生产总值比重为51.3%。"),
    "PDF lines (占地区 cut)": (
        "其中，第一产业增加值 138608\n万元，增长 3.2%，占地区生产总值比重为 19.7%；第二产业\n"
        "增加值 203760 万元，下降 7.2%，占地区生\n产总值比重为 29.0%；第三产业增加值 360554 万元，"
        "增长 5.6%，占地区生产总值比重\n为 51.3%。"),
    "contribution rates": "第一、二、三产业对地区生产总值增长的贡献率分别为8.7%、45.7%和45.6%。",
}
INDUSTRIES = ("primary", "secondary", "tertiary")


def _shares(facts: list[Fact]) -> list[Fact]:
    """The last printed share of each industry (a structure as a change prints the base year's first)."""
    out = {f.indicator_code: f for f in facts if f.measure == "share" and f.indicator_code
           and f.indicator_code.split(".")[1] in INDUSTRIES}
    return [out[c] for c in sorted(out)]


def _share_text(body: str) -> str:
    return _doc("2023年国民经济和社会发展统计公报", "2024-03-21", "2023年，全市" + body)


@pytest.mark.parametrize("kind", sorted(SHARE_DOCS))
def test_share_groups_as_written_are_read_and_hold(kind: str) -> None:
    facts = _extract(_share_text(SHARE_DOCS[kind]))
    shares = _shares(facts)
    assert len(shares) == 3, [(f.quote, f.indicator, f.indicator_code) for f in facts]
    results = run_checks(facts_frame(facts))
    mine = [r for r in results if r.check == "shares_sum" and set(f.fact_id for f in shares) <= set(r.fact_ids)]
    assert [r.passed for r in mine] == [True]
    assert [r.message for r in results if not r.passed and r.severity != "info"] == []


SHARE_MUTATIONS = [(k, i) for k in sorted(SHARE_DOCS) for i in range(3)]


@pytest.mark.parametrize(("kind", "index"), SHARE_MUTATIONS, ids=[f"{k}-{INDUSTRIES[i]}" for k, i in SHARE_MUTATIONS])
def test_a_raised_share_makes_its_group_exceed_100(kind: str, index: int) -> None:
    text = _share_text(SHARE_DOCS[kind])
    member = _shares(_extract(text))[index]
    step = round(member.value / 10 + 0.2, 1)  # type: ignore[operator]  # a tenth, beyond the rounding
    mutated, quote = _mutate(text, member, step)
    facts = _extract(mutated)
    raised = [f for f in _shares(facts) if f.quote == quote]
    assert len(raised) == 1, [(f.quote, f.indicator) for f in facts]
    alerts = _alerts(run_checks(facts_frame(facts)))
    assert [r.check for r in alerts if r.severity != "info"] == ["shares_sum"], [r.message for r in alerts]
    (r,) = [r for r in alerts if r.check == "shares_sum"]
    assert raised[0].fact_id in r.fact_ids
    assert r.actual == pytest.approx(100 + step, abs=0.25)
    assert "more than 100%" in r.message


# A release that prints its figures in the text and again in its 附表: a member changed in either printing
# is a failure, though the other printing still agrees with the total.
TWICE = _doc("2026年1—10月主要经济指标", "2026-11-20",
             "1—10月，全市进出口总额1286.5亿元，同比增长8.6%。其中，出口812.3亿元，增长11.2%；进口474.2亿元，增长4.4%。\n"
             "附表\n指标\t单位\t1—10月\t同比增长（%）\n进出口总额\t亿元\t1286.5\t8.6\n  #出口\t亿元\t812.3\t11.2\n"
             "   进口\t亿元\t474.2\t4.4\n")


@pytest.mark.parametrize("which", [0, 1])
def test_a_member_changed_in_one_of_two_printings_fails_its_group(which: int) -> None:
    facts = _extract(TWICE)
    assert [r.message for r in run_checks(facts_frame(facts)) if not r.passed and r.severity != "info"] == []
    exports = sorted((f for f in facts if f.indicator_code == "trade.exports" and f.measure == "level"),
                     key=lambda f: f.span_start)
    assert len(exports) == 2
    text, _quote = _mutate(TWICE, exports[which], 40.0)
    alerts = [r for r in _alerts(run_checks(facts_frame(_extract(text)))) if r.severity != "info"]
    assert [r.check for r in alerts] == ["components_sum"], [r.message for r in alerts]
    assert alerts[0].actual == pytest.approx(1286.5 + 40.0)
