"""Tables as input: one row per table shape, each cell a fact with its span; prose is never a table.

The tables are written here (shapes seen in bulletins: tab-separated HTML/PDF renderings, runs of
spaces of PDF text, full-width spaces, pipes, one cell per line, 其中/# child rows, units in the head,
in a row label, in a 计量单位 column or in the cell, per-district tables). A fact is compared as
(quote, indicator, measure, value, unit, period, compare_to); `text[span]` must be the quote.
"""

from __future__ import annotations

import io

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.meta import DocMeta
from bulletins.extract.tables import find_tables, parse_cell, table_facts
from bulletins.model import Fact
from bulletins.sources.formats import decode_bytes

DATE = DocMeta.from_mapping({"date": "2024-07-20"}, source="given")


def _facts(text: str) -> list[Fact]:
    return extract_facts(text, doc="t.txt", doc_id="t", meta=DATE)


def _rows(facts: list[Fact]) -> set[tuple]:
    return {(f.quote, f.indicator, f.measure, f.value, f.unit, f.period, f.compare_to) for f in facts}


GDP_H1 = {
    ("5123.4", "地区生产总值", "level", 5123.4, "亿元", "2024-01..2024-06", None),
    ("5.6", "地区生产总值", "change", 5.6, "%", "2024-01..2024-06", "上年同期"),
    ("61.2", "第一产业增加值", "level", 61.2, "亿元", "2024-01..2024-06", None),
    ("2.1", "第一产业增加值", "change", 2.1, "%", "2024-01..2024-06", "上年同期"),
    ("1200.5", "第二产业增加值", "level", 1200.5, "亿元", "2024-01..2024-06", None),
    ("-4.8", "第二产业增加值", "change", -4.8, "%", "2024-01..2024-06", "上年同期"),
}
FARM_2023 = {
    ("91.2", "粮食播种面积", "level", 91.2, "万亩", "2023", None),
    ("1.3", "粮食播种面积", "change", 1.3, "%", "2023", "上年"),
    ("30.5", "粮食总产量", "level", 30.5, "万吨", "2023", None),
    ("-0.4", "粮食总产量", "change", -0.4, "%", "2023", "上年"),
}

CASES = [
    # tabs (HTML and PDF renderings); units in the head; 其中 child indented, its sibling aligned with it
    ("tabs, head units, 其中 child rows",
     "2024年上半年主要经济指标\n指标\t绝对值(亿元)\t比上年同期增长(%)\n地区生产总值\t5123.4\t5.6\n"
     "  其中:第一产业\t61.2\t2.1\n      第二产业\t1200.5\t-4.8\n", GDP_H1),
    # runs of spaces (PDF text); units in the row labels; the period in a column head
    ("runs of spaces, units in row labels",
     "表1  农业生产情况\n指标                  2023年      比上年增长%\n粮食播种面积(万亩)    91.2        1.3\n"
     "粮食总产量(万吨)      30.5        -0.4\n", FARM_2023),
    # full-width spaces between cells, the unit in a caption line
    ("full-width spaces, 单位 caption",
     "2023年农业生产情况\n单位:万亩、万吨\n指标\u3000\u3000绝对值\u3000\u3000比上年增长(%)\n"
     "粮食播种面积(万亩)\u3000\u300091.2\u3000\u30001.3\n粮食总产量(万吨)\u3000\u300030.5\u3000\u3000-0.4\n",
     FARM_2023),
    # pipes, a header cut by line breaks, a quantity noun per column pair (播种面积 | 增减 | 产量 | 增减)
    ("pipes, broken header, noun columns",
     "2023年,全县农业生产稳定。主要农作物如下表:\n作物 | 播种面积\n(亩) |\n同比增减(%) | 产量(吨) | 同比增减(%) |\n"
     "油菜 | 5200 | 1.5 | 8100 | -2.0 |\n其中:双低油菜 | 3100 | 4.0 | 5000 | 3.5 |\n",
     {("5200", "油菜播种面积", "level", 5200.0, "亩", "2023", None),
      ("1.5", "油菜播种面积", "change", 1.5, "%", "2023", "上年"),
      ("8100", "油菜产量", "level", 8100.0, "吨", "2023", None),
      ("-2.0", "油菜产量", "change", -2.0, "%", "2023", "上年"),
      ("3100", "双低油菜播种面积", "level", 3100.0, "亩", "2023", None),
      ("4.0", "双低油菜播种面积", "change", 4.0, "%", "2023", "上年"),
      ("5000", "双低油菜产量", "level", 5000.0, "吨", "2023", None),
      ("3.5", "双低油菜产量", "change", 3.5, "%", "2023", "上年")}),
    # pipes with a 计量单位 column: each row's unit
    ("pipes, unit column",
     "2023年畜牧业生产情况\n品 名 | 计量单位 | 数 量 | 同比增长(%) |\n出栏羊 | 万只 | 12.5 | 3.1 |\n"
     "禽蛋产量 | 吨 | 8800 | -1.2 |\n",
     {("12.5", "出栏羊", "level", 12.5, "万只", "2023", None),
      ("3.1", "出栏羊", "change", 3.1, "%", "2023", "上年"),
      ("8800", "禽蛋产量", "level", 8800.0, "吨", "2023", None),
      ("-1.2", "禽蛋产量", "change", -1.2, "%", "2023", "上年")}),
    # markdown pipes (trafilatura's rendering of an HTML table) with a head spanning two columns
    ("markdown pipes, spanning head",
     "全市经济运行平稳。\n| 指标 | 2023年 |  |\n|---|---|---|\n|  | 绝对值(亿元) | 比上年增长(%) |\n"
     "| 地区生产总值 | 1,234.5 | 5.2 |\n| 其中:第一产业 | 100.1 | -1.3 |\n",
     {("1,234.5", "地区生产总值", "level", 1234.5, "亿元", "2023", None),
      ("5.2", "地区生产总值", "change", 5.2, "%", "2023", "上年"),
      ("100.1", "第一产业增加值", "level", 100.1, "亿元", "2023", None),
      ("-1.3", "第一产业增加值", "change", -1.3, "%", "2023", "上年")}),
    # one cell per line: heads over several lines ((万吨) under 产量, 增长(%) under 比上年同期)
    ("one cell per line, heads over lines",
     "规模以上工业主要产品产量\n\n2024年1-9月\n\n产量\n\n(万吨)\n\n比上年同期\n\n增长(%)\n\n钢材\n\n120.5\n\n3.2\n\n"
     "其中:螺纹钢\n\n40.1\n\n-2.5\n\n水泥\n\n88.0\n\n1.1\n",
     {("120.5", "钢材产量", "level", 120.5, "万吨", "2024-01..2024-09", None),
      ("3.2", "钢材产量", "change", 3.2, "%", "2024-01..2024-09", "上年同期"),
      ("40.1", "螺纹钢产量", "level", 40.1, "万吨", "2024-01..2024-09", None),
      ("-2.5", "螺纹钢产量", "change", -2.5, "%", "2024-01..2024-09", "上年同期"),
      ("88.0", "水泥产量", "level", 88.0, "万吨", "2024-01..2024-09", None),
      ("1.1", "水泥产量", "change", 1.1, "%", "2024-01..2024-09", "上年同期")}),
    # one cell per line, a group row without numbers (按产业分) and # parts under GDP; units in cells
    ("one cell per line, group rows, # parts",
     "地区生产总值\n\n2024年上半年\n\n总量\n\n(亿元)\n\n比上年同期\n\n增长(%)\n\n地区生产总值\n\n900.5\n\n5.0\n\n"
     "  按产业分\n\n    第一产业\n\n10.2\n\n1.1\n\n"
     "  按行业分\n\n    # 工业\n\n300.4\n\n6.2\n\n      建筑业\n\n40.3\n\n-3.0\n",
     {("900.5", "地区生产总值", "level", 900.5, "亿元", "2024-01..2024-06", None),
      ("5.0", "地区生产总值", "change", 5.0, "%", "2024-01..2024-06", "上年同期"),
      ("10.2", "第一产业增加值", "level", 10.2, "亿元", "2024-01..2024-06", None),
      ("1.1", "第一产业增加值", "change", 1.1, "%", "2024-01..2024-06", "上年同期"),
      ("300.4", "工业增加值", "level", 300.4, "亿元", "2024-01..2024-06", None),
      ("6.2", "工业增加值", "change", 6.2, "%", "2024-01..2024-06", "上年同期"),
      ("40.3", "建筑业增加值", "level", 40.3, "亿元", "2024-01..2024-06", None),
      ("-3.0", "建筑业增加值", "change", -3.0, "%", "2024-01..2024-06", "上年同期")}),
    # one cell per line with the unit in every cell and a period as the level column's head
    ("one cell per line, units in cells",
     "主要产品产量\n\n2023年\n\n较上年增长(%)\n\n粮食总产量\n\n52000吨\n\n1.5\n\n其中:玉米\n\n30000吨\n\n-2.2\n\n"
     "          小麦\n\n12000吨\n\n4.0\n",
     {("52000吨", "粮食总产量", "level", 52000.0, "吨", "2023", None),
      ("1.5", "粮食总产量", "change", 1.5, "%", "2023", "上年"),
      ("30000吨", "玉米产量", "level", 30000.0, "吨", "2023", None),
      ("-2.2", "玉米产量", "change", -2.2, "%", "2023", "上年"),
      ("12000吨", "小麦产量", "level", 12000.0, "吨", "2023", None),
      ("4.0", "小麦产量", "change", 4.0, "%", "2023", "上年")}),
    # one cell per line with a unit column, a rate row whose level cell is an empty placeholder (—)
    ("one cell per line, a placeholder cell",
     "2026年上半年主要经济指标\n指标\n单位\n上半年\n同比增长（%）\n地区生产总值\n亿元\n815.36\n5.8\n"
     "规模以上工业增加值\n%\n—\n8.6\n社会消费品零售总额\n亿元\n286.54\n3.9\n",
     {("815.36", "地区生产总值", "level", 815.36, "亿元", "2026-01..2026-06", None),
      ("5.8", "地区生产总值", "change", 5.8, "%", "2026-01..2026-06", "上年同期"),
      ("8.6", "规模以上工业增加值", "change", 8.6, "%", "2026-01..2026-06", "上年同期"),
      ("286.54", "社会消费品零售总额", "level", 286.54, "亿元", "2026-01..2026-06", None),
      ("3.9", "社会消费品零售总额", "change", 3.9, "%", "2026-01..2026-06", "上年同期")}),
    # a page kept as raw HTML (a saved page in a .txt): each cell tag after the first of its row reads as a tab
    ("raw HTML cells in a text file",
     "<p>2024年上半年主要经济指标</p>\n<table><tbody>\n<tr><td>指标</td><td>单位</td><td>1—6月</td>"
     "<td>同比增长（%）</td></tr>\n<tr><td>地区生产总值</td><td>亿元</td><td>5123.4</td><td>5.6</td></tr>\n"
     "<tr>\n  <td>　#第一产业</td>\n  <td>亿元</td><td>61.2</td><td>2.1</td></tr>\n"
     "<tr><td>　#第二产业</td><td>亿元</td><td>1200.5</td><td>-4.8</td></tr>\n</tbody></table>\n", GDP_H1),
    # space-aligned product rows: a converted standard in the label (折65度) is no part of the name; 万千升
    ("product standard in a label, 万千升",
     "表1  2023年主要工业产品产量\n产品名称                单位        产量      比上年增长（%）\n"
     "原煤                    万吨       15862.3        6.8\n白酒（折 65 度）        万千升       28.6        -5.3\n"
     "磷矿石（折含 P2O5 30%）  万吨        1562.0        3.7\n",
     {("15862.3", "原煤产量", "level", 15862.3, "万吨", "2023", None),
      ("6.8", "原煤产量", "change", 6.8, "%", "2023", "上年"),
      ("28.6", "白酒产量", "level", 28.6, "万千升", "2023", None),
      ("-5.3", "白酒产量", "change", -5.3, "%", "2023", "上年"),
      ("1562.0", "磷矿石产量", "level", 1562.0, "万吨", "2023", None),
      ("3.7", "磷矿石产量", "change", 3.7, "%", "2023", "上年")}),
    # a unit column's cell is the row's unit even when the unit lexicon lacks it (亿粒), and the rows after it
    # stay in the table; a month column and a cumulative one keep their periods
    ("unit column with an unknown unit",
     "2023年11月主要指标\n指标          单位        11月        1—11月      累计增长(%)\n"
     "集成电路      亿粒        1.26        11.84       18.6\n啤酒          万千升      18.42       312.56      2.1\n",
     {("1.26", "集成电路", "level", 1.26, "亿粒", "2023-11", None),
      ("11.84", "集成电路", "level", 11.84, "亿粒", "2023-01..2023-11", None),
      ("18.6", "集成电路", "change", 18.6, "%", "2023-01..2023-11", "上年同期"),
      ("18.42", "啤酒", "level", 18.42, "万千升", "2023-11", None),
      ("312.56", "啤酒", "level", 312.56, "万千升", "2023-01..2023-11", None),
      ("2.1", "啤酒", "change", 2.1, "%", "2023-01..2023-11", "上年同期")}),
    # years as columns; an indented part that names no unit is in its whole's unit, a row naming its own keeps it
    ("years as columns, parts in the whole's unit",
     "主要年份国民经济主要指标\n指标\t2024年\t2025年\n地区生产总值（亿元）\t4873.52\t5128.46\n"
     "\u3000第一产业增加值\t446.72\t468.54\n人均地区生产总值（元）\t54000\t57000\n",
     {("4873.52", "地区生产总值", "level", 4873.52, "亿元", "2024", None),
      ("5128.46", "地区生产总值", "level", 5128.46, "亿元", "2025", None),
      ("446.72", "第一产业增加值", "level", 446.72, "亿元", "2024", None),
      ("468.54", "第一产业增加值", "level", 468.54, "亿元", "2025", None),
      ("54000", "人均地区生产总值", "level", 54000.0, "元", "2024", None),
      ("57000", "人均地区生产总值", "level", 57000.0, "元", "2025", None)}),
    # a price table's 涨跌幅 columns are changes; the cumulative one is over the months to date
    ("price changes by column",
     "2030年11月份居民消费价格分类别涨跌幅\n类别\t同比涨跌幅(%)\t1—11月累计涨跌幅(%)\n衣着\t1.2\t1.0\n",
     {("1.2", "衣着", "change", 1.2, "%", "2030-11", "上年同期"),
      ("1.0", "衣着", "change", 1.0, "%", "2030-01..2030-11", "上年同期")}),
    # a share column (占比)
    ("share column",
     "2023年三次产业构成\n产业\t增加值(亿元)\t占比(%)\n第一产业\t50.5\t5.1\n第三产业\t600.2\t60.3\n",
     {("50.5", "第一产业增加值", "level", 50.5, "亿元", "2023", None),
      ("5.1", "第一产业增加值", "share", 5.1, "%", "2023", None),
      ("600.2", "第三产业增加值", "level", 600.2, "亿元", "2023", None),
      ("60.3", "第三产业增加值", "share", 60.3, "%", "2023", None)}),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_table_cells_become_facts(name: str, text: str, expected: set[tuple]) -> None:
    read = table_facts(text, doc="t.txt", doc_id="t")
    assert read.facts, name
    facts = [f for f in _facts(text) if any(a <= f.span_start < b for a, b in read.blocks)]
    assert _rows(facts) == expected
    for f in facts:
        assert text[f.span_start:f.span_end] == f.quote
        assert f.quote[0].isdigit() or f.quote[0] == "-"


def test_per_district_table_takes_region_from_rows_and_indicator_from_head() -> None:
    text = ("2024年上半年各区地区生产总值\n地区\t地区生产总值(亿元)\t增速(%)\n东城区\t1500.2\t5.1\n"
            "西城区\t2600.8\t4.9\n朝阳区\t4100.3\t5.3\n")
    got = {(f.region, f.indicator, f.measure, f.value, f.unit, f.period) for f in _facts(text)}
    assert got == {
        ("东城区", "地区生产总值", "level", 1500.2, "亿元", "2024-01..2024-06"),
        ("东城区", "地区生产总值", "change", 5.1, "%", "2024-01..2024-06"),
        ("西城区", "地区生产总值", "level", 2600.8, "亿元", "2024-01..2024-06"),
        ("西城区", "地区生产总值", "change", 4.9, "%", "2024-01..2024-06"),
        ("朝阳区", "地区生产总值", "level", 4100.3, "亿元", "2024-01..2024-06"),
        ("朝阳区", "地区生产总值", "change", 5.3, "%", "2024-01..2024-06"),
    }


def test_prefectures_in_their_short_form_are_rows_of_a_region_table() -> None:
    # 海北州 is 海北藏族自治州; a short form two divisions share (朝阳) would name no row
    text = ("表1　2025年分市（州）地区生产总值\n市（州）　　地区生产总值（亿元）　　比上年增长（%）\n"
            "全　省　　4128.46　　5.2\n西宁市　　1862.47　　5.4\n海北州　　146.38　　4.8\n玉树州　　95.36　　4.5\n")
    got = {(f.quote, f.region) for f in _facts(text) if f.measure == "level"}
    assert got == {("1862.47", "西宁市"), ("146.38", "海北藏族自治州"), ("95.36", "玉树藏族自治州"),
                   ("4128.46", None)}


@pytest.mark.parametrize("sep", ["\t", "\n"], ids=["tabs", "one cell per line"])
def test_a_change_column_naming_its_own_quantity(sep: str) -> None:
    """规上工业增加值增速(%) after 地区生产总值(亿元) | 增速(%): the change of the quantity the head names;
    a bare 增速 is the change of the level column before it, even after such a column."""
    rows = [["地区", "地区生产总值(亿元)", "增速(%)", "规上工业增加值增速(%)", "比上年同期增长(%)"],
            ["东城区", "1500.2", "5.1", "6.8", "4.0"], ["西城区", "2600.8", "4.9", "-1.6", "3.2"]]
    text = "2024年上半年各区主要经济指标\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    got = {(f.region, f.indicator, f.measure, f.value) for f in _facts(text)}
    assert ("东城区", "地区生产总值", "change", 5.1) in got
    assert ("东城区", "规上工业增加值", "change", 6.8) in got
    assert ("西城区", "规上工业增加值", "change", -1.6) in got
    assert ("西城区", "地区生产总值", "change", 3.2) in got  # 比上年同期增长 names none: the level's change


def test_a_child_row_takes_the_catalog_name_of_the_part_it_names() -> None:
    """社会消费品零售总额 › 　城镇 / 　乡村: the components the catalog knows (城镇消费品零售额); a child the
    catalog does not place keeps its parent's noun (豆类 › 产量)."""
    text = ("2026年前三季度主要经济指标\n指标\t单位\t绝对值\t增长(%)\n社会消费品零售总额\t亿元\t28.64\t5.2\n"
            "　城镇\t亿元\t21.83\t5.0\n　乡村\t亿元\t6.81\t5.9\n粮食总产量\t万吨\t12.5\t1.0\n　豆类\t万吨\t1.2\t2.0\n")
    got = {(f.indicator, f.indicator_code, f.value) for f in _facts(text) if f.measure == "level"}
    assert ("城镇消费品零售额", "retail.urban", 21.83) in got
    assert ("乡村消费品零售额", "retail.rural", 6.81) in got
    assert ("豆类产量", "agri.grain.beans", 1.2) in got


@pytest.mark.parametrize("head", ["比上年增加", "增速位次", "比上年提高（百分点）"])
def test_a_change_head_without_a_known_quantity_names_none(head: str) -> None:
    text = f"2024年主要指标\n指标\t绝对值（亿元）\t{head}\n地区生产总值\t1500.2\t5.1\n一般公共预算收入\t98.4\t3.2\n"
    assert {f.indicator for f in _facts(text)} == {"地区生产总值", "一般公共预算收入"}


def test_per_district_table_named_by_title_only() -> None:
    text = "2023年各区常住人口(万人)\n地区\t年末\t比上年增长(%)\n东城区\t70.4\t-0.3\n西城区\t109.9\t0.5\n"
    got = {(f.region, f.indicator, f.measure, f.value, f.unit) for f in _facts(text)}
    assert ("东城区", "常住人口", "level", 70.4, "万人") in got
    assert ("西城区", "常住人口", "change", 0.5, "%") in got


def test_prose_line_of_a_table_gives_no_second_fact() -> None:
    text = "主要指标\n地区生产总值\t5123.4亿元\t5.6\n第一产业增加值\t61.2亿元\t2.1\n"
    facts = _facts(text)
    spans = [(f.span_start, f.measure) for f in facts]
    assert len(spans) == len(set(spans))
    assert {f.quote for f in facts} == {"5123.4亿元", "61.2亿元"}  # no head: the bare column says nothing


NEGATIVES = [
    ("prose with numbers", "全市地区生产总值5123.4亿元，比上年增长5.6%。其中，第一产业增加值61.2亿元，增长2.1%。\n"),
    ("navigation bar", "首页 | 政务公开 | 2024 | 互动交流 | 走进朝阳\n网站地图 | 联系我们 | 12345\n"),
    ("numbered list", "1. 新建学校12所；\n2. 新增床位300张；\n3. 改造老旧小区45个。\n"),
    ("lines of numbers with units in prose", "全年粮食总产量 31.57 万吨\n全年生猪出栏 94.28 万头\n"),
    ("contact lines", "邮编  100000\n电话  12345678\n"),
    ("dates and page numbers", "发布时间\n\n2024-01-05\n\n来源\n\n统计局\n\n- 3 -\n\n2023年\n\n2024年\n"),
    ("chart caption", "图1  2019-2023年地区生产总值及增速\n单位:亿元、%\n"),
]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n for n, _ in NEGATIVES])
def test_prose_and_lists_are_no_tables(name: str, text: str) -> None:
    assert table_facts(text, doc="t.txt", doc_id="t").facts == [], name


def test_prose_facts_stay_when_a_table_follows() -> None:
    text = ("2023年,全县粮食总产量31.57万吨,增长0.8%。主要作物如下表:\n作物 | 产量(吨) | 同比增减(%) |\n"
            "稻谷 | 267838 | 1.05 |\n薯类 | 16015 | 3.76 |\n")
    quotes = [f.quote for f in _facts(text)]
    assert "31.57万吨" in quotes and "0.8%" in quotes
    assert quotes.count("267838") == 1


@pytest.mark.parametrize(("cell", "value", "unit"), [
    ("19349.31", 19349.31, ""), ("-5.7", -5.7, ""), ("1,234.5", 1234.5, ""), ("162817吨", 162817.0, "吨"),
    ("4.5%", 4.5, "%"), ("−3.1", -3.1, ""), ("2023年", None, None), ("5G", None, None), ("—", None, None),
    ("2024-01-05", None, None), ("第1", None, None),
])
def test_parse_cell(cell: str, value: float | None, unit: str | None) -> None:
    got = parse_cell(cell)
    assert (got[:2] if got else (None, None)) == (value, unit)


def test_table_model_has_title_heads_rows_and_cell_spans() -> None:
    text = "2023年农业生产情况\n指标\t绝对值\t增长(%)\n粮食(万吨)\t30.5\t-0.4\n油料(万吨)\t2.1\t1.0\n"
    (table,) = find_tables(text)
    assert table.title == "2023年农业生产情况"
    assert table.heads == ["绝对值", "增长(%)"]
    assert [r.label for r in table.rows] == ["粮食(万吨)", "油料(万吨)"]
    cell = table.rows[0].cells[0]
    assert cell is not None and text[cell.start:cell.end] == "30.5"


# ---------------------------------------------------------------- the same table from three sources

TITLE = "2024年上半年主要经济指标"
HEAD = ["指标", "绝对值(亿元)", "比上年同期增长(%)"]
BODY = [["地区生产总值", "5123.4", "5.6"], ["其中:第一产业", "61.2", "2.1"], ["社会消费品零售总额", "2040.7", "-1.3"]]


def _txt() -> bytes:
    return ("\n".join([TITLE, "\t".join(HEAD), *("\t".join(r) for r in BODY)]) + "\n").encode("utf-8")


def _html() -> bytes:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in BODY)
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in HEAD) + "</tr>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title>"
            f"<meta name='ArticleTitle' content='{TITLE}'></head><body><div class='article'><h1>{TITLE}</h1>"
            f"<p>上半年，全市经济运行总体平稳，主要指标情况见下表。</p><table>{head}{rows}</table>"
            f"<p>注：地区生产总值按不变价格计算增长速度。</p></div></body></html>").encode()


def _pdf() -> bytes:
    """A PDF page with the title and a ruled table (reportlab, built-in CID font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 11)
    c.drawString(60, 800, TITLE)
    xs, top, h = [60, 220, 340, 500], 770, 22
    rows = [HEAD, *BODY]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            c.drawString(xs[j] + 4, top - (i + 1) * h + 7, cell)
    for i in range(len(rows) + 1):
        c.line(xs[0], top - i * h, xs[-1], top - i * h)
    for x in xs:
        c.line(x, top, x, top - len(rows) * h)
    c.drawString(60, top - len(rows) * h - 30, "注:地区生产总值按不变价格计算增长速度。")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(("name", "raw"), [("t.txt", _txt()), ("t.html", _html()), ("t.pdf", _pdf())])
def test_same_table_from_txt_html_pdf_gives_same_facts(name: str, raw: bytes) -> None:
    doc = decode_bytes(raw, name)
    assert doc.ok, doc.reason
    facts = [f for f in extract_facts(doc.text, doc=name, doc_id=doc.doc_id, meta=DATE)
             if f.indicator in ("地区生产总值", "第一产业增加值", "社会消费品零售总额")]
    assert {(f.indicator, f.measure, f.value, f.unit, f.period) for f in facts} == {
        ("地区生产总值", "level", 5123.4, "亿元", "2024-01..2024-06"),
        ("地区生产总值", "change", 5.6, "%", "2024-01..2024-06"),
        ("第一产业增加值", "level", 61.2, "亿元", "2024-01..2024-06"),
        ("第一产业增加值", "change", 2.1, "%", "2024-01..2024-06"),
        ("社会消费品零售总额", "level", 2040.7, "亿元", "2024-01..2024-06"),
        ("社会消费品零售总额", "change", -1.3, "%", "2024-01..2024-06"),
    }
    for f in facts:
        assert doc.text[f.span_start:f.span_end] == f.quote
        assert float(f.quote.replace(",", "")) == f.value


def test_html_table_with_spanning_heads_keeps_columns_aligned() -> None:
    page = ("<html><body><div class='article'><p>全年全市经济运行总体平稳，主要指标见下表，数据为初步核算数。</p>"
            "<table><tr><th rowspan='2'>指标</th><th colspan='2'>2023年</th></tr>"
            "<tr><th>绝对值(亿元)</th><th>比上年增长(%)</th></tr>"
            "<tr><td>地区生产总值</td><td>1,234.5</td><td>5.2</td></tr>"
            "<tr><td>其中:第三产业</td><td>900.1</td><td>-1.3</td></tr></table>"
            "<p>注：增长速度按不变价格计算。</p></div></body></html>").encode()
    doc = decode_bytes(page, "t.html")
    got = {(f.indicator, f.measure, f.value, f.unit, f.period) for f in extract_facts(doc.text, doc="t", doc_id="t")}
    assert got == {("地区生产总值", "level", 1234.5, "亿元", "2023"), ("地区生产总值", "change", 5.2, "%", "2023"),
                   ("第三产业增加值", "level", 900.1, "亿元", "2023"), ("第三产业增加值", "change", -1.3, "%", "2023")}


def test_layout_table_is_left_to_the_page_reader() -> None:
    body = "全市居民人均可支配收入41311元，同比增长5.0%。" * 4
    page = f"<html><body><table><tr><td>导航</td></tr><tr><td><p>{body}</p></td></tr></table></body></html>"
    doc = decode_bytes(page.encode(), "t.html")
    assert table_facts(doc.text, doc="t", doc_id="t").facts == []
    assert "41311元" in {f.quote for f in extract_facts(doc.text, doc="t", doc_id="t")}


RELATIVE = [
    # a monthly table: 本月 is the table's month, 累计 January to it, 上年同期累计 the same a year before
    ("monthly heads",
     "2024年6月规模以上工业主要指标\n指标\t本月(亿元)\t1-本月累计(亿元)\t上年同期累计(亿元)\t累计增长(%)\n"
     "营业收入\t800.3\t4500.6\t4200.0\t7.2\n工业增加值\t120.5\t700.2\t650.1\t7.7\n",
     {("800.3", "营业收入", "level", "2024-06"), ("4500.6", "营业收入", "level", "2024-01..2024-06"),
      ("4200.0", "营业收入", "level", "2023-01..2023-06"), ("7.2", "营业收入", "change", "2024-01..2024-06"),
      ("120.5", "工业增加值", "level", "2024-06"), ("700.2", "工业增加值", "level", "2024-01..2024-06"),
      ("650.1", "工业增加值", "level", "2023-01..2023-06"), ("7.7", "工业增加值", "change", "2024-01..2024-06")}),
    # a series: the rows are months, the title names the indicator the head abbreviates (指数)
    ("rows are periods",
     "2024年居民消费价格指数\n月份\t指数(上年同月=100)\t环比(%)\n1月\t100.2\t0.3\n2月\t100.9\t0.7\n",
     {("100.2", "居民消费价格指数", "level", "2024-01"), ("0.3", "居民消费价格指数", "change", "2024-01"),
      ("100.9", "居民消费价格指数", "level", "2024-02"), ("0.7", "居民消费价格指数", "change", "2024-02")}),
    # a child row that is only a month (#11月) is its parent's figure for that month, not a series row
    ("month child row, in the title's year",
     "2025年1—11月主要经济指标\n指标\t单位\t1—11月\t同比增长(%)\n社会消费品零售总额\t亿元\t1182.6\t5.4\n"
     "　#11月\t亿元\t118.3\t7.1\n",
     {("1182.6", "社会消费品零售总额", "level", "2025-01..2025-11"),
      ("5.4", "社会消费品零售总额", "change", "2025-01..2025-11"),
      ("118.3", "社会消费品零售总额", "level", "2025-11"), ("7.1", "社会消费品零售总额", "change", "2025-11")}),
    # PDF text with runs of spaces: an index row whose unit cell is its base (上年同期=100) keeps the table
    # whole, and a balance's cumulative cell is the stock at the month's end
    ("index base and balance rows",
     "2024年10月主要经济指标\n指标名称      单位          本月      1-本月     累计增长(%)\n"
     "社会消费品零售总额    亿元   178.46    1642.38    5.6\n"
     "居民消费价格指数    上年同期=100    100.3    100.2    —\n"
     "金融机构人民币各项存款余额    亿元    —    6286.54    8.6\n",
     {("178.46", "社会消费品零售总额", "level", "2024-10"),
      ("1642.38", "社会消费品零售总额", "level", "2024-01..2024-10"),
      ("5.6", "社会消费品零售总额", "change", "2024-01..2024-10"),
      ("100.3", "居民消费价格指数", "level", "2024-10"), ("100.2", "居民消费价格指数", "level", "2024-01..2024-10"),
      ("6286.54", "金融机构人民币各项存款余额", "level", "2024-10-31"),
      ("8.6", "金融机构人民币各项存款余额", "change", "2024-10-31")}),
    # a national release's table: each 同比增长 column is of the span before it, and section lines
    # (分三大门类, 主要产品产量) between the rows keep the table whole
    ("a growth column per span, section lines",
     "2025年11月份规模以上工业生产主要数据\n指标\t单位\t11月\t同比增长（%）\t1—11月\t同比增长（%）\n"
     "规模以上工业增加值\t%\t—\t4.8\t—\t5.9\n分三大门类\n　采矿业\t%\t—\t5.6\t—\t6.4\n主要产品产量\n"
     "　钢材\t万吨\t12062\t-4.8\t133586\t-1.2\n",
     {("4.8", "规模以上工业增加值", "change", "2025-11"), ("5.9", "规模以上工业增加值", "change", "2025-01..2025-11"),
      ("5.6", "采矿业", "change", "2025-11"), ("6.4", "采矿业", "change", "2025-01..2025-11"),
      # … and a section head naming a quantity (主要产品产量) names its rows' (钢材产量)
      ("12062", "钢材产量", "level", "2025-11"), ("-4.8", "钢材产量", "change", "2025-11"),
      ("133586", "钢材产量", "level", "2025-01..2025-11"), ("-1.2", "钢材产量", "change", "2025-01..2025-11")}),
    # a monthly table's heads name their months before 同比 / 环比 (9月同比 | 1—9月同比): those are the periods
    ("months before 同比",
     "2026年9月份居民消费价格主要数据\n类别\t9月同比(%)\t9月环比(%)\t1—9月同比(%)\n居民消费价格\t0.6\t0.3\t0.2\n"
     "食品烟酒\t1.0\t0.6\t-0.3\n",
     {("0.6", "居民消费价格", "change", "2026-09"), ("0.3", "居民消费价格", "change", "2026-09"),
      ("0.2", "居民消费价格", "change", "2026-01..2026-09"), ("1.0", "食品烟酒价格", "change", "2026-09"),
      ("0.6", "食品烟酒价格", "change", "2026-09"), ("-0.3", "食品烟酒价格", "change", "2026-01..2026-09")}),
    # a year table with a head that is no explicit period of its own: the title's year
    ("上年 column of an annual table",
     "2023年财政收支情况\n项目\t本年(亿元)\t上年(亿元)\n一般公共预算收入\t85.2\t80.1\n一般公共预算支出\t210.4\t199.9\n",
     {("85.2", "一般公共预算收入", "level", "2023"), ("80.1", "一般公共预算收入", "level", "2022"),
      ("210.4", "一般公共预算支出", "level", "2023"), ("199.9", "一般公共预算支出", "level", "2022")}),
]


@pytest.mark.parametrize(("name", "text", "expected"), RELATIVE, ids=[c[0] for c in RELATIVE])
def test_periods_of_relative_heads_and_period_rows(name: str, text: str, expected: set[tuple]) -> None:
    assert {(f.quote, f.indicator, f.measure, f.period) for f in _facts(text)} == expected


def test_monthly_change_against_last_month() -> None:
    text = "2024年居民消费价格指数\n月份\t指数(上年同月=100)\t环比(%)\n1月\t100.2\t0.3\n2月\t100.9\t0.7\n"
    assert {f.compare_to for f in _facts(text) if f.measure == "change"} == {"上月"}


@pytest.mark.parametrize(("title", "status"), [
    ("2026年前三季度主要经济指标", "actual"),  # 年前 opens a period here, not a deadline
    ("2026年前8个月主要经济指标", "actual"),
    ("2026年主要预期目标", "target"),
])
def test_status_of_a_table_from_its_title(title: str, status: str) -> None:
    text = f"{title}\n指标名称\t单位\t本期\t同比增长(%)\n地区生产总值\t亿元\t98.62\t5.6\n"
    assert {f.status for f in _facts(text)} == {status}


def test_a_budget_column_is_the_plan_and_its_completion_a_share() -> None:
    # 科目 | 预算数 | 执行数 | 完成预算% | 增长%: the budget's amounts are targets, 完成预算% a share of them
    text = ("2025年一般公共预算支出执行情况（单位：万元）\n科目            预算数      执行数   完成预算%     增长%\n"
            "教育支出        110500      108564        98.2       4.8\n"
            "卫生健康支出     74000       72776        98.3       5.1\n")
    got = {(f.quote, f.measure, f.status) for f in _facts(text)}
    assert got == {("110500", "level", "target"), ("108564", "level", "actual"), ("98.2", "share", "actual"),
                   ("4.8", "change", "actual"), ("74000", "level", "target"), ("72776", "level", "actual"),
                   ("98.3", "share", "actual"), ("5.1", "change", "actual")}


def test_a_sum_row_is_the_quantity_the_title_names() -> None:
    # 执行数 names no quantity; 合计 of 一般公共预算支出执行情况表 is 一般公共预算支出, and without a known
    # quantity in the title it stays 合计
    body = ("科目            预算数      执行数\n教育支出        110500      108564\n"
            "卫生健康支出     74000       72776\n合计            184500      181340\n")
    names = {f.quote: f.indicator for f in _facts("表1　宜都市2025年一般公共预算支出执行情况表\n" + body)}
    assert names["108564"] == "教育支出" and names["181340"] == names["184500"] == "一般公共预算支出"
    assert {f.quote: f.indicator for f in _facts("表1　某某县重点项目情况\n" + body)}["181340"] == "合计"


@pytest.mark.parametrize("title", ["主要经济指标(按2020年不变价格计算)", "2020年以来主要经济指标"])
def test_a_title_year_that_is_no_report_period_leaves_the_heads_alone(title: str) -> None:
    text = f"{title}\n指标\t单位\t1—11月\t同比增长(%)\n地区生产总值\t亿元\t1182.6\t5.4\n"
    assert {f.period for f in _facts(text) if f.measure == "level"} == {"2024-01..2024-11"}
    assert "2020" not in {f.period for f in _facts(text)}


def test_total_row_of_a_county_table_is_not_one_of_its_counties() -> None:
    text = ("2023年各县(市、区)地区生产总值\n县(市、区)\t地区生产总值(亿元)\t增速(%)\n宁远县\t261.6\t-0.5\n"
            "道县\t250.1\t4.2\n合计\t511.7\t1.8\n")
    by_value = {f.value: f for f in _facts(text)}
    assert (by_value[261.6].region, by_value[261.6].region_code) == ("宁远县", "431126")
    assert by_value[250.1].region == "道县"
    assert by_value[511.7].region is None  # the text does not say which area the counties make up


STOCKS_AND_PDF_TEXT = [
    # PDF text with single spaces between cells and a unit column (pdfplumber's text of an unruled table)
    ("single spaces, unit column",
     "表1 2023年主要指标\n指标名称 单位 绝对数 比上年增长(%)\n地区生产总值 亿元 1234.5 5.6\n常住人口 万人 95.1 -0.4\n",
     {("1234.5", "地区生产总值", "level", "亿元", "2023"), ("5.6", "地区生产总值", "change", "%", "2023"),
      ("95.1", "常住人口", "level", "万人", "2023"), ("-0.4", "常住人口", "change", "%", "2023")}),
    # a stock: 年末数 column, a 年末 row label, a change against 上年末 (all at the year's end)
    ("year-end stocks",
     "2023年人口情况\n指标\t年末数(万人)\t比上年末增减(万人)\n常住人口\t95.1\t-0.4\n年末户籍人口\t88.2\t0.1\n",
     {("95.1", "常住人口", "level", "万人", "2023-12-31"), ("-0.4", "常住人口", "change", "万人", "2023-12-31"),
      ("88.2", "户籍人口", "level", "万人", "2023-12-31"), ("0.1", "户籍人口", "change", "万人", "2023-12-31")}),
]


@pytest.mark.parametrize(("name", "text", "expected"), STOCKS_AND_PDF_TEXT, ids=[c[0] for c in STOCKS_AND_PDF_TEXT])
def test_pdf_text_rows_and_stocks(name: str, text: str, expected: set[tuple]) -> None:
    assert {(f.quote, f.indicator, f.measure, f.unit, f.period) for f in _facts(text)} == expected


def test_a_township_table_with_a_spaced_total_label_and_the_countys_own_level() -> None:
    # 全  县 is one label; towns (below the gazetteer) are the rows' regions; 县本级 is the county's own part
    text = ("附表　2025年融安县分乡镇常住人口及一般公共预算收入\n\n"
            " 乡镇          常住人口（万人）    一般公共预算收入（万元）\n"
            " 全  县             27.78                 58624\n 县本级               —                   36842\n"
            " 长安镇              9.86                  8652\n 浮石镇              2.12                  1864\n"
            " 雅瑶乡              1.38                   724\n")
    got = {f.quote: (f.indicator, f.region, f.unit) for f in _facts(text)}
    assert got["27.78"] == ("常住人口", "融安县", "万人")
    assert got["36842"] == ("县本级一般公共预算收入", "融安县", "万元")
    assert got["8652"] == ("一般公共预算收入", "长安镇", "万元")
    assert got["724"] == ("一般公共预算收入", "雅瑶乡", "万元")


def test_a_change_head_saying_its_change_word_ends_there() -> None:
    # 比年初增加（亿元） is a head of its own; the next line 同比增长（%） is the next column's
    text = ("附：2026年10月末某市金融机构存贷款主要指标\n指标\n余额（亿元）\n比年初增加（亿元）\n同比增长（%）\n"
            "本外币各项存款\n15286.42\n1024.36\n8.6\n人民币各项存款\n15108.75\n1012.48\n8.7\n")
    got = {f.quote: (f.measure, f.unit) for f in _facts(text)}
    assert got["1024.36"] == ("change", "亿元") and got["8.6"] == ("change", "%")


def test_a_price_tables_categories_are_the_price_indexs_not_the_spending_ones() -> None:
    # 食品烟酒 alone names a spending category; in a CPI table it is the CPI's (食品烟酒价格)
    text = ("2026年9月份居民消费价格主要数据\n类别\t9月同比(%)\n居民消费价格\t0.6\n一、食品烟酒\t1.0\n二、衣着\t1.4\n")
    got = {f.quote: (f.indicator, f.indicator_code) for f in _facts(text)}
    assert got["0.6"][1] == "cpi"
    assert got["1.0"] == ("食品烟酒价格", "cpi.food_tobacco") and got["1.4"][1] == "cpi.clothing"


def test_a_zones_row_in_a_table_of_areas_is_that_zone() -> None:
    """阿拉善高新技术产业开发区 among the 旗: a statistical area, with no code."""
    text = ("2025年各旗区地区生产总值\n地区\t地区生产总值（亿元）\n阿拉善左旗\t412.36\n阿拉善右旗\t86.42\n"
            "阿拉善高新技术产业开发区\t218.64\n")
    facts = {f.quote: (f.region, f.region_code) for f in table_facts(text, doc="t.txt", doc_id="t").facts}
    assert facts["412.36"] == ("阿拉善左旗", "152921")
    assert facts["218.64"] == ("阿拉善高新技术产业开发区", None)


AREA_COLUMNS = [
    # tabs; a 增长（%）row is the change of the row above; the 全市 column is the document's own area
    ("tabs", "永州市统计局\n表1　2025年1—9月各县区主要指标\n指标\t全市\t零陵区\t冷水滩区\t祁阳市\n"
             "地区生产总值（亿元）\t1786.52\t312.46\t386.18\t402.35\n增长（%）\t5.6\t5.2\t6.1\t5.8\n"
             "规上工业增加值增长（%）\t7.1\t6.4\t8.2\t7.5\n"),
    # runs of spaces (PDF text), the unit in a caption line
    ("runs of spaces", "永州市统计局\n表1  2025年1—9月各县区主要指标\n单位：亿元、%\n"
                       "指标                   全市       零陵区     冷水滩区     祁阳市\n"
                       "地区生产总值（亿元）     1786.52    312.46     386.18      402.35\n"
                       "增长（%）                5.6        5.2        6.1         5.8\n"
                       "规上工业增加值增长（%）  7.1        6.4        8.2         7.5\n"),
]


@pytest.mark.parametrize(("name", "text"), AREA_COLUMNS, ids=[c[0] for c in AREA_COLUMNS])
def test_a_table_whose_columns_are_areas(name: str, text: str) -> None:
    """The column head is the cell's area, the row label its quantity, unit and measure."""
    got = {f.quote: (f.region, f.region_code, f.indicator_code, f.measure, f.unit, f.period)
           for f in table_facts(text, doc="t.txt", doc_id="t", ctx=None).facts}
    span = "2025-01..2025-09"
    assert got["1786.52"] == (None, None, "gdp", "level", "亿元", span)  # no context: the total's area unknown
    assert got["312.46"] == ("零陵区", "431102", "gdp", "level", "亿元", span)
    assert got["6.1"] == ("冷水滩区", "431103", "gdp", "change", "%", span)
    assert got["7.5"] == ("祁阳市", "431181", "industry.va", "change", "%", span)
    assert len(got) == 12
    whole = {f.quote: f.region for f in _facts(text)}
    assert whole["1786.52"] == "永州市" and whole["402.35"] == "祁阳市"


def test_columns_of_periods_or_measures_are_no_area_columns() -> None:
    # 2024年 | 2025年 | 增长 are no areas; one area among measures does not make the columns areas
    text = ("表1　主要指标\n指标\t2024年\t2025年\t增长（%）\n地区生产总值（亿元）\t1702.3\t1786.5\t5.6\n"
            "表2　分区指标\n指标\t零陵区\t占全市比重（%）\t增长（%）\n地区生产总值（亿元）\t312.46\t17.5\t5.2\n")
    facts = table_facts(text, doc="t.txt", doc_id="t").facts
    assert {f.region for f in facts} == {None}
    assert {f.quote: f.period for f in facts}["1702.3"] == "2024"


def test_two_tables_with_the_same_header_row_are_both_read() -> None:
    """Every table of a release repeats its header row: the repeat is no duplicated paragraph."""
    head = "指标\t全市\t零陵区\t冷水滩区\n"
    text = ("表1　2025年1—9月地区生产总值\n" + head + "地区生产总值（亿元）\t1786.52\t312.46\t386.18\n\n"
            "表2　2025年1—9月财政收入\n" + head + "一般公共预算收入（亿元）\t98.64\t12.18\t15.36\n")
    got = {f.quote: (f.region, f.indicator_code) for f in table_facts(text, doc="t.txt", doc_id="t").facts}
    assert got["12.18"] == ("零陵区", "fiscal.revenue") and got["15.36"] == ("冷水滩区", "fiscal.revenue")


@pytest.mark.parametrize(("line", "is_row"), [
    ("指标\t全市\t零陵区\t冷水滩区", True),
    ("指标          全市      零陵区      冷水滩区", True),
    ("发布时间：2026-11-10　　来源：扬州市统计局　　【打印】", False),  # page metadata
    ("表1  2025年主要指标", False),  # a title with a run of spaces: two cells
    ("全市实现地区生产总值1786.52亿元，增长5.6%。", False),
])
def test_a_table_row_is_told_from_page_metadata_and_titles(line: str, is_row: bool) -> None:
    from bulletins.extract.normalize import table_row
    assert table_row(line) is is_row


def test_a_caption_naming_one_level_unit_and_percent() -> None:
    """单位：亿元、%: the levels are in 亿元, the growth rows in %; 单位：万亩、万吨 names no one unit."""
    text = ("2025年1—9月各县区主要指标\n单位：亿元、%\n指标\t全市\t零陵区\t冷水滩区\n"
            "社会消费品零售总额\t686.52\t112.46\t136.18\n社会消费品零售总额增速\t4.6\t4.2\t5.1\n")
    got = {f.quote: (f.unit, f.measure) for f in table_facts(text, doc="t.txt", doc_id="t").facts}
    assert got["112.46"] == ("亿元", "level") and got["5.1"] == ("%", "change")
    from bulletins.extract.tables import _caption_unit
    assert _caption_unit("万亩、万吨") is None and _caption_unit("万元") == "万元"


@pytest.mark.parametrize(("text", "quotes"), [
    ("1—10月，万年县规模以上工业增加值同比下降。", set()),  # 万年 is a county's name, no lost number
    ("六安市粮食产量12万吨，万州区增长5%。", {"12万吨", "5%"}),
    ("年末马存栏21.36万匹，骆驼存栏1.58万峰，牲畜存栏1120.52万头只。", {"21.36万匹", "1.58万峰", "1120.52万头只"}),
])


def test_numeral_place_names_and_livestock_units(text: str, quotes: set[str]) -> None:
    assert {f.quote for f in _facts(text)} == quotes


def test_a_list_of_multiplied_items_takes_the_unit_said_once_at_its_end() -> None:
    """分别为218.46万、186.32万和86.26万头只: every item is in 万头只; 分别为28、52微克/立方米 still works."""
    got = {f.quote: f.unit for f in _facts("甲旗、乙旗、丙旗年末牲畜存栏分别为218.46万、186.32万和86.26万头只。")}
    assert got == {"218.46万": "万头只", "186.32万": "万头只", "86.26万头只": "万头只"}
    text = "甲旗、乙旗年末牲畜存栏分别为218.46万、86.26万吨。PM10浓度分别为28、52微克/立方米。"
    got = {f.quote: f.unit for f in _facts(text)}
    assert got["218.46万"] == "万吨" and got["28"] == "微克/立方米"
