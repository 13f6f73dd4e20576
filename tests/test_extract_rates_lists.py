"""Standard bulletin phrasing (issue 8): contribution rates, ordinal lists, livestock stocks and flows.

One row per phenomenon, negatives included; each row runs the whole extractor on a short bulletin.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.indicator import list_items

HEAD = "某某市2023年国民经济和社会发展统计公报\n"


def _facts(body: str) -> set[tuple]:
    return {(f.quote, f.measure, f.indicator, f.period) for f in extract_facts(HEAD + body, doc="t.txt", doc_id="t")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 贡献率: a part of the growth (the NBS term), a share though 增长 precedes it; the name keeps the rate
        ("全年第二产业对地区生产总值增长的贡献率为45.7%。",
         {("45.7%", "share", "第二产业对地区生产总值增长的贡献率", "2023")}),
        ("消费对经济增长的贡献率达到60.2%。", {("60.2%", "share", "消费对经济增长的贡献率", "2023")}),
        # negatives: growth itself, and a pull in percentage points, stay changes
        ("全年地区生产总值比上年增长5.2%。", {("5.2%", "change", "地区生产总值", "2023")}),
    ],
)
def test_contribution_rates_are_shares(body: str, expected: set[tuple]) -> None:
    def loose(facts: set[tuple]) -> set[tuple]:  # 的 before the rate may go: the names are the same quantity
        return {(q, m, name.replace("的贡献率", "贡献率"), p) for q, m, name, p in facts}

    assert loose(_facts(body)) == loose(expected)


@pytest.mark.parametrize(
    ("phrase", "items"),
    [
        ("第一、二、三产业增加值", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
        ("第二、三产业对增长的贡献率", ["第二产业对增长的贡献率", "第三产业对增长的贡献率"]),
        # negatives: items written in full, and items that are no ordinals
        ("第一产业、第二产业增加值", ["第一产业增加值", "第二产业增加值"]),
        ("城镇、农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ],
)
def test_ordinals_said_once_with_di(phrase: str, items: list[str]) -> None:
    assert list_items(phrase) == items


def test_an_ordinal_list_gives_each_industry_its_rate() -> None:
    got = _facts("第一、二、三产业对地区生产总值增长的贡献率分别为8.7%、45.7%和45.6%。")
    assert got == {
        ("8.7%", "share", "第一产业对地区生产总值增长的贡献率", "2023"),
        ("45.7%", "share", "第二产业对地区生产总值增长的贡献率", "2023"),
        ("45.6%", "share", "第三产业对地区生产总值增长的贡献率", "2023"),
    }


@pytest.mark.parametrize(
    ("body", "period"),
    [
        # 存栏: livestock on hand, a stock at the year's end; 出栏 (slaughtered) is the year's flow
        ("生猪存栏58.97万头,同比下降6.53%。", "2023-12-31"),
        ("生猪出栏94.28万头,同比增长2.1%。", "2023"),
    ],
)
def test_livestock_on_hand_is_a_stock(body: str, period: str) -> None:
    assert {p for *_, p in _facts(body)} == {period}


@pytest.mark.parametrize(
    ("body", "periods"),
    [
        # the change said right after a stock (,同比下降) is that stock's change, at its date
        ("年末生猪存栏58.97万头,同比下降6.53%。", {"58.97万头": "2023-12-31", "6.53%": "2023-12-31"}),
        ("生猪存栏58.97万头,同比下降6.53%。", {"58.97万头": "2023-12-31", "6.53%": "2023-12-31"}),
        # an accumulated flow (累计完成) in a year is the year's, its change too
        ("全市公共财政预算收入累计完成70.46亿元,比上年同期增长6.8%。", {"70.46亿元": "2023", "6.8%": "2023"}),
        # 已累计: counted since a start before the year, a stock to date
        ("平台已累计完成基金份额转让交易52单。", {"52单": "2023-12-31"}),
        # negatives: a flow and its change stay the year's; a change with its own subject is no stock's
        ("全年生猪出栏94.28万头,同比增长2.1%。", {"94.28万头": "2023", "2.1%": "2023"}),
        ("生猪存栏58.97万头,出栏量同比增长2.1%。", {"58.97万头": "2023-12-31", "2.1%": "2023"}),
    ],
)
def test_stock_and_accumulated_flow_periods(body: str, periods: dict[str, str]) -> None:
    got = {f.quote: f.period for f in extract_facts(HEAD + body, doc="t.txt", doc_id="t")}
    assert got == periods


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a source phrase (经初步预计, 初步核算) and the area may open the sentence before its period; the period and
        # the 预计 cover the ；-chain after it
        ("经初步预计,五莲县2012年全年实现生产总值163亿元,比上年增长13%;城镇居民人均可支配收入达到18817元,增长16.5%。",
         {("163亿元", "2012", "estimate"), ("13%", "2012", "estimate"), ("18817元", "2012", "estimate"),
          ("16.5%", "2012", "estimate")}),
        ("据初步统计,五莲县2012年全年地区生产总值163亿元;城镇居民人均可支配收入18817元。",
         {("163亿元", "2012", "actual"), ("18817元", "2012", "actual")}),
        # negative: without the source phrase the chain is actual
        ("五莲县2012年全年实现生产总值163亿元;城镇居民人均可支配收入达到18817元。",
         {("163亿元", "2012", "actual"), ("18817元", "2012", "actual")}),
    ],
)
def test_source_phrase_and_area_before_the_period_frame_the_chain(body: str, expected: set[tuple]) -> None:
    text = f"五莲县政府工作报告\n{body}"
    got = {(f.quote, f.period, f.status) for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert got == expected


@pytest.mark.parametrize(
    ("phrase", "items"),
    [
        # an earlier item that is a whole name keeps its head
        ("农民人均纯收入和城镇居民人均可支配收入", ["农民人均纯收入", "城镇居民人均可支配收入"]),
        ("地区生产总值、一般公共预算收入", ["地区生产总值", "一般公共预算收入"]),
        # negative: a short item takes the last one's head
        ("城镇和农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ],
)
def test_whole_names_in_a_list_keep_their_heads(phrase: str, items: list[str]) -> None:
    assert list_items(phrase) == items


@pytest.mark.parametrize(
    ("phrase", "items"),
    [
        # official names hold 和/与: the catalog says where a list splits and what head its items share
        ("教育、社会保障和就业、卫生健康支出", ["教育支出", "社会保障和就业支出", "卫生健康支出"]),
        ("教育、科学技术和文化旅游体育与传媒支出", ["教育支出", "科学技术支出", "文化旅游体育与传媒支出"]),
        ("高技术制造业、装备制造业和战略性新兴产业增加值",
         ["高技术制造业增加值", "装备制造业增加值", "战略性新兴产业增加值"]),
        ("家用电器和音像器材类、通讯器材类零售额", ["家用电器和音像器材类零售额", "通讯器材类零售额"]),
        # each item takes the shared head when the catalog knows the result (固定资产投资总额 is the official term)
        ("固定资产投资和社会消费品零售总额", ["固定资产投资总额", "社会消费品零售总额"]),
        # negatives: names the catalog does not know split as before; a head never starts inside brackets
        ("甲类、乙类项目数量", ["甲类项目数量", "乙类项目数量"]),
        ("可吸入颗粒物(PM10)、二氧化氮(NO2)浓度", ["可吸入颗粒物(PM10)", "二氧化氮(NO2)浓度"]),
    ],
)
def test_the_catalog_splits_lists_of_official_names(phrase: str, items: list[str]) -> None:
    assert list_items(phrase) == items


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # official branch names hold 、 (the NBS industry classification): one item, not a list
        ("分门类看,制造业增长9.8%,电力、热力、燃气及水生产和供应业增长3.4%。",
         {"9.8%": "制造业", "3.4%": "电力、热力、燃气及水生产和供应业"}),
        ("分行业看,计算机、通信和其他电子设备制造业增长16.9%。", {"16.9%": "计算机、通信和其他电子设备制造业"}),
        # negative: a 、-list of two subjects keeps the item next to the number
        ("企业、园区营业收入增长5%。", {"5%": "园区营业收入"}),
    ],
)
def test_official_names_with_dunhao_stay_whole(body: str, names: dict[str, str]) -> None:
    got = {f.quote: f.indicator for f in extract_facts(HEAD + body, doc="t.txt", doc_id="t")}
    assert got == names


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 占地区生产总值比重 after an industry's level: the share of that industry (占地 starts 占地面积 too)
        ("全年第一产业增加值138608万元，增长3.2%，占地区生产总值比重为19.7%。",
         {("138608万元", "level", "第一产业增加值", "2023"), ("3.2%", "change", "第一产业增加值", "2023"),
          ("19.7%", "share", "第一产业增加值", "2023")}),
        # negative: 占地面积 is an area, no share and no comparison
        ("全年新建厂房占地面积120亩。", {("120亩", "level", "新建厂房占地面积", "2023")}),
    ],
)
def test_a_share_of_the_regions_gdp_belongs_to_its_subject(body: str, expected: set[tuple]) -> None:
    assert _facts(body) == expected


@pytest.mark.parametrize(
    ("body", "codes"),
    [
        # 三次产业 before a 分别 list stands for the three industries, in order
        ("三次产业增加值占全市生产总值的比重分别为3.2%、41.1%和55.7%。",
         ["gdp.primary", "gdp.secondary", "gdp.tertiary"]),
        # a structure with a misprinted part stays three shares (the checks report its sum)
        ("全年三次产业结构为16.8∶31.3∶53.4。", ["gdp.primary", "gdp.secondary", "gdp.tertiary"]),
        # negatives: a scale and a two-part ratio far from 100 are no structure
        ("地图比例为1:500。", []),
    ],
)
def test_three_industries_said_at_once(body: str, codes: list[str]) -> None:
    facts = extract_facts(HEAD + body, doc="t.txt", doc_id="t")
    assert [f.indicator_code for f in facts if f.measure == "share"] == codes


@pytest.mark.parametrize(
    ("body", "quotes"),
    [
        # a numeral counting the items of the list right before it restates the list: no fact
        ("全年基本养老保险、失业保险、工伤保险三项社会保险基金总收入386.5亿元。", ["386.5亿元"]),
        ("全年完成交通、水利、能源三大类项目投资120亿元。", ["120亿元"]),
        # a numeral and classifier before a noun whose own amount the clause prints modify it
        ("年末三项社会保险基金累计结余2865.34亿元。", ["2865.34亿元"]),
        ("全年完成三项改革任务。", ["三项"]),
        # ... and a numeral announcing the items listed next counts the list
        ("城镇居民四项收入：人均工资性收入36412元。", ["36412元"]),
        ("按照收入的来源，可支配收入包含四项，分别为：工资性收入、经营净收入、财产净收入和转移净收入。", []),
        # a 和 inside an item's name (其他用品和服务) is no list separator
        ("消费支出分为食品烟酒、衣着、居住、其他用品和服务四大类。", []),
        # negatives: a count of another size, and a count of facilities, stay facts
        ("全年新建学校、医院三所。", ["三所"]),
        ("全年建成学校、医院两所。", ["两所"]),
    ],
)
def test_a_numeral_restating_a_list_is_no_count(body: str, quotes: list[str]) -> None:
    assert sorted(q for q, *_ in _facts(body)) == sorted(quotes)


def test_a_numeral_restating_a_list_starts_the_name() -> None:
    got = _facts("全年基本养老保险、失业保险、工伤保险三项社会保险基金总收入386.5亿元。")
    assert got == {("386.5亿元", "level", "三项社会保险基金总收入", "2023")}


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # a split of a set: the set is counted by its noun, each part by what it says of the set's members
        ("11个设区市中，有5个市高于全省平均水平，6个市低于全省平均水平。",
         {"11个": "设区市数量", "5个": "高于全省平均水平的设区市数量", "6个": "低于全省平均水平的设区市数量"}),
        ("620种产品中有326种产品产量同比增长。", {"620种": "产品数量", "326种": "产量同比增长的产品数量"}),
        # the set said with 有 and the subject between: the part repeats the set's noun
        ("20个县(市、区)一般公共预算支出增速有13个县(市、区)高于全市平均水平。",
         {"13个": "一般公共预算支出增速高于全市平均水平的县(市、区)数量"}),
        # negative: a 其中 part is no split
        ("全年新开工项目20个，其中产业项目12个。", {"20个": "新开工项目数量", "12个": "产业项目"}),
    ],
)
def test_the_counts_of_a_split_set(body: str, names: dict[str, str]) -> None:
    got = {q: name for q, _measure, name, _period in _facts(body)}
    assert {q: got.get(q) for q in names} == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # a ranking of areas by the sentence's growth: the figure is that quantity's, for the area named
        ("全市一般公共预算支出增长5.1%，增速最高的为甲县(同比增长22.9%)，增速最低的为乙县(同比增长0.8%)。",
         {"22.9%": "一般公共预算支出", "0.8%": "一般公共预算支出"}),
        # the quantity named only as the 增速 the set is split by
        ("20个县(市、区)一般公共预算支出增速有13个县(市、区)高于全市平均水平，增速最高为甲县(同比增长55.5%)。",
         {"55.5%": "一般公共预算支出"}),
    ],
)
def test_a_ranking_clause_is_of_the_sentences_quantity(body: str, names: dict[str, str]) -> None:
    got = {q: name for q, _measure, name, _period in _facts(body)}
    assert {q: got.get(q) for q in names} == names


def test_a_comparison_word_is_no_dimension_of_a_change() -> None:
    # 高 names a height in 长约29米、高约12米, but in 较全国（5.3%）高0.5个百分点 it compares
    body = "全年全县地区生产总值增长5.8%，增速较全国（5.3%）高0.5个百分点。"
    got = {q: name for q, _measure, name, _period in _facts(body)}
    assert got["0.5个百分点"] == "地区生产总值"
    assert {q: n for q, _m, n, _p in _facts("新建足球场长约29米、宽约24米。")}.get("24米") == "宽"


@pytest.mark.parametrize(
    ("body", "quote", "name"),
    [
        ("全年全县居民消费价格同比上涨0.6%，涨幅比上年扩大0.2个百分点。", "0.2个百分点", "居民消费价格"),
        ("全年全县规上工业增加值增长6%，增速较上年加快0.2个百分点。", "0.2个百分点", "规上工业增加值"),
    ],
)
def test_a_rate_compared_with_a_base_is_the_change_of_the_quantity_before(body: str, quote: str, name: str) -> None:
    assert {q: n for q, _m, n, _p in _facts(body)}[quote] == name


def test_one_figure_of_two_items_gets_the_code_of_neither() -> None:
    # 风电、太阳能发电量486.3亿千瓦时: wind and solar together, not the solar code
    body = "全年全县规模以上工业发电量1501.2亿千瓦时，其中风电、太阳能发电量486.3亿千瓦时。"
    got = {q: n for q, _m, n, _p in _facts(body)}
    assert got["486.3亿千瓦时"] == "风电、太阳能发电量"
