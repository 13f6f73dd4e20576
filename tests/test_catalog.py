"""The indicator catalog: every entry loads, every alias resolves to its own entry and to no other, and
a fact's code follows its name and the group it is listed in (so codes are right, not only present).

Sentences are written for these tests; one row per phenomenon, negatives included.
"""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date

import pytest

from bulletins.checks.config import build_catalog
from bulletins.extract import extract_facts
from bulletins.extract.catalog import (
    build_index,
    catalog_index,
    continues_list,
    indicator_code,
    list_context,
    load_catalog_data,
    normalize_name,
)

DATA = load_catalog_data()


def test_catalog_is_large_and_every_part_names_its_source() -> None:
    assert len(DATA["indicators"]) >= 400
    assert DATA["sources"] and all(len(src) > 40 for src in DATA["sources"].values()), DATA["sources"]
    prefixes = Counter(code.split(".")[0] for code in DATA["indicators"])
    for domain in ("gdp", "agri", "industry", "product", "invest", "retail", "trade", "cpi", "ppi", "income_pc",
                   "consumption_pc", "pop", "emp", "fiscal", "finance", "env", "energy"):
        assert prefixes[domain] >= 1, domain


@pytest.mark.parametrize("code", sorted(DATA["indicators"]))
def test_every_alias_resolves_to_its_entry(code: str) -> None:
    entry = DATA["indicators"][code]
    for alias in [entry["name"], *(entry.get("aliases") or [])]:
        assert indicator_code(alias) == code, (alias, indicator_code(alias))


def test_no_alias_is_ambiguous_and_a_clash_fails_loudly() -> None:
    keys: dict[str, str] = {}
    for code, entry in DATA["indicators"].items():
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            assert keys.setdefault(normalize_name(alias), code) == code, (alias, keys[normalize_name(alias)], code)
    clash = copy.deepcopy(DATA)
    clash["indicators"]["fiscal.exp.education"]["aliases"] = ["人均衣着支出"]
    with pytest.raises(ValueError, match="人均衣着支出"):
        build_index(clash)


def test_groups_and_triples_refer_to_known_codes() -> None:
    cat = build_catalog(DATA)  # raises on an unknown code
    kinds = Counter(g.kind for g in cat.groups)
    for kind in ("consumption_by_population", "income_sources", "industries", "fiscal_expenditure", "revenue"):
        assert kinds[kind] >= 1, kind
    totals = {g.total for g in cat.groups}
    assert {"consumption_pc", "consumption_pc.urban", "consumption_pc.rural", "income_pc.urban",
            "income_pc.rural", "fiscal.expenditure", "fiscal.revenue", "gdp"} <= totals
    urban = next(g for g in cat.groups if g.total == "consumption_pc.urban")
    assert len(urban.slots) == 8 and ("consumption_pc.urban.household", "consumption_pc.urban.household_pre2013") \
        in urban.slots
    fiscal = next(g for g in cat.groups if g.total == "fiscal.expenditure" and len(g.slots) > 2)
    assert not fiscal.complete and len(fiscal.slots) >= 20
    # 民生支出: places count different classes in it, so the catalog gives it no group
    assert "fiscal.expenditure.livelihood" not in totals and cat.parent["fiscal.expenditure.livelihood"] == \
        "fiscal.expenditure"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # household: populations get their own codes; pre-2013 names stay apart
        ("城镇居民人均衣着支出", "consumption_pc.urban.clothing"),
        ("农村常住居民人均食品烟酒支出", "consumption_pc.rural.food"),
        ("全体居民人均衣着支出", "consumption_pc.clothing"),
        ("人均衣着支出", "consumption_pc.clothing"),  # no population said: all residents
        ("农民人均可支配收入", "income_pc.rural"),
        ("城镇居民人均财产性收入", "income_pc.urban.property"),
        ("城镇居民收入", "income_pc.urban"),
        ("收入", None),  # never a bare 收入
        ("城镇居民人均家庭设备用品及服务支出", "consumption_pc.urban.household_pre2013"),
        ("人均杂项商品和服务支出", "consumption_pc.other_pre2013"),
        ("农民人均纯收入", "income_pc.rural_net_pre2013"),  # not the same concept as 可支配收入
        # fiscal: the classification's old names of one class
        ("医疗卫生与计划生育支出", "fiscal.exp.health"),
        ("医疗卫生支出", "fiscal.exp.health"),
        ("文化体育与传媒支出", "fiscal.exp.culture"),
        ("城乡社区事务支出", "fiscal.exp.urban_rural_community"),
        ("农林水事务支出", "fiscal.exp.agriculture"),
        ("公共财政预算支出", "fiscal.expenditure"),
        ("一般预算支出", "fiscal.expenditure"),
        ("教育支出类科目", "fiscal.exp.education"),
        ("地方财政收入", None),  # names different aggregates in different places
        ("财政支出", None),
        # writers' variants and page noise
        ("一般公共预(yù)算收入", "fiscal.revenue"),
        ("常住人口城镇zhèn化率", "pop.urbanization"),
        ("第三产业实现增加值", "gdp.tertiary"),
        ("税收收入累计", "fiscal.revenue.tax"),
        ("城镇人口人数", "pop.urban"),
        ("公共财政预算支出增速", "fiscal.expenditure"),
        ("细颗粒物（PM2.5）年均浓度", "env.pm25"),
        ("固定资产投资(不含农户)", "invest.fai"),
        ("全社会固定资产投资", "invest.fai_society"),  # another aggregate
        # a share of a part in its total is coded as the part; in an unrelated total it is not
        ("第一产业增加值占地区生产总值比重", "gdp.primary"),
        ("民生支出占一般公共预算支出的比重", "fiscal.expenditure.livelihood"),
        ("第一产业增加值占第二产业增加值比重", None),
        # scopes are part of the name
        ("规模以上工业增加值", "industry.va"),
        ("工业增加值", "gdp.industry"),
        ("限额以上单位通讯器材类零售额", "retail.cat.telecom"),
        # a year's flow has a code of its own, never the stock's
        ("新建5G基站数量", "telecom.5g_stations_new"),
        ("5G基站数量", "telecom.5g_stations"),
        ("老旧小区改造新开工数量", "housing.old_communities_started"),
        ("改造老旧小区数量", "housing.old_communities_renovated"),
        ("新增跨国公司地区总部数量", "market.regional_hq_new"),
        # negatives
        ("老楼加装电梯开工数量", None),
        ("", None),
    ],
)
def test_indicator_code_by_name(name: str, code: str | None) -> None:
    assert indicator_code(name) == code


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        ("人均衣着支出", "consumption_pc.urban", "consumption_pc.urban.clothing"),
        ("衣着支出", "consumption_pc.rural", "consumption_pc.rural.clothing"),
        ("衣着", "consumption_pc.rural", "consumption_pc.rural.clothing"),  # a bare part: total's head noun
        ("工资性收入", "income_pc.urban", "income_pc.urban.wage"),
        ("人均消费支出", "income_pc.rural", "consumption_pc.rural"),  # the list's population
        ("居民人均衣着支出", "consumption_pc.urban", "consumption_pc.clothing"),  # the name says all residents
        ("采矿业", "industry.va", "industry.va.mining"),
        ("农业", "agri.output", "agri.output.farming"),
        ("教育", "consumption_pc.urban", None),  # 教育支出 is no consumption category
        ("采矿业", None, None),
        ("教育支出", "fiscal.expenditure", "fiscal.exp.education"),
        # a part name (`part_names`) means its entry only listed under its parent
        ("在职职工", "social.basic_pension_insured", "social.basic_pension_insured.workers"),
        ("离退休人员人数", "social.basic_pension_insured", "social.basic_pension_insured.retirees"),
        ("在职职工", None, None),
        ("在职职工", "social.medical_insured", None),
    ],
)
def test_indicator_code_in_group_context(name: str, context: str | None, code: str | None) -> None:
    assert indicator_code(name, context) == code


def test_list_context_follows_the_last_total_or_the_total_of_the_last_part() -> None:
    assert list_context(["consumption_pc.urban"]) == "consumption_pc.urban"
    assert list_context(["consumption_pc.urban", "consumption_pc.urban.food"]) == "consumption_pc.urban"
    assert list_context([None, "gdp.tertiary"]) == "gdp.tertiary"  # 第三产业 is itself a total
    assert list_context(["emp.survey_unemployment_rate"], "gdp") == "gdp"  # no total: the carried one
    assert list_context([], None) is None
    assert continues_list("其中,食品烟酒支出8000元", chained=False)
    assert continues_list("分经济类型看,股份制企业增长5%", chained=False)
    assert continues_list("衣着支出2000元", chained=True)
    assert not continues_list("全年城镇新增就业2万人", chained=False)


def _codes(text: str) -> list[tuple[str, str | None]]:
    facts = extract_facts(text, doc="t.txt", doc_id="0" * 64, doc_date=date(2024, 1, 20))
    return [(f.quote, f.indicator_code) for f in facts if f.measure == "level"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a population's categories printed under its total get that population's codes
        ("2023年，城镇居民人均消费支出32000元，其中，人均食品烟酒支出9000元，人均衣着支出2100元。",
         [("32000元", "consumption_pc.urban"), ("9000元", "consumption_pc.urban.food"),
          ("2100元", "consumption_pc.urban.clothing")]),
        ("2023年，农村居民人均可支配收入21000元。其中，工资性收入9800元，经营净收入6100元。",
         [("21000元", "income_pc.rural"), ("9800元", "income_pc.rural.wage"),
          ("6100元", "income_pc.rural.business")]),
        # a new sentence that does not go on with the list: all residents, as its names say
        ("2023年，农村居民人均可支配收入21000元。全年全体居民人均工资性收入28000元。",
         [("21000元", "income_pc.rural"), ("28000元", "income_pc.wage")]),
        ("2023年，一般公共预算支出300亿元，其中教育支出60亿元，卫生健康支出25亿元。",
         [("300亿元", "fiscal.expenditure"), ("60亿元", "fiscal.exp.education"),
          ("25亿元", "fiscal.exp.health")]),
    ],
)
def test_extracted_facts_get_the_code_of_their_group(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _codes(text) == expected


def test_index_is_built_once() -> None:
    assert catalog_index() is catalog_index()
