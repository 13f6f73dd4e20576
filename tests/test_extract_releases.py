"""Monthly and fiscal releases (issue 8): the phenomena the third blind set showed, each as general bulletin
practice, one row per case with negatives. Dated like a release (the year from the publication date)."""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.meta import DocMeta, PubDate

DATE = DocMeta(date=PubDate.parse("2025-09-22"), date_source="given")


def _periods(text: str) -> dict[str, str | None]:
    return {f.quote: f.period for f in extract_facts(text, doc="t.txt", doc_id="t", meta=DATE)}


def test_a_table_rows_own_period_beats_the_tables() -> None:
    # 附表 of a 1—8月 release: a row whose figures lag (1—7月) or are a stock at a date (8月末) says so
    text = ("1—8月全市经济运行情况\n附表: 1—8月主要经济指标\n指标\t单位\t绝对值\t比上年同期增长(%)\n"
            "规模以上工业增加值\t亿元\t1200.5\t9.2\n规模以上服务业营业收入(1—7月)\t亿元\t812.4\t8.7\n"
            "金融机构本外币存款余额(8月末)\t亿元\t8625.7\t9.3\n")
    assert _periods(text) == {
        "1200.5": "2025-01..2025-08", "9.2": "2025-01..2025-08",
        "812.4": "2025-01..2025-07", "8.7": "2025-01..2025-07",
        "8625.7": "2025-08-31", "9.3": "2025-08-31",
    }


@pytest.mark.parametrize(
    ("body", "periods"),
    [
        # in a 1—8月 report a sentence on 8月份 alone is an aside; the breakdown after it is the report's period
        ("1—8月,全市规模以上工业增加值同比增长9.2%。8月份,规模以上工业增加值同比增长10.1%。"
         "分经济类型看,国有控股企业增加值增长6.5%。",
         {"9.2%": "2025-01..2025-08", "10.1%": "2025-08", "6.5%": "2025-01..2025-08"}),
        # negative: the month repeated in the breakdown is the month
        ("1—8月,全市规模以上工业增加值同比增长9.2%。分经济类型看,8月份,国有控股企业增加值增长6.5%。",
         {"9.2%": "2025-01..2025-08", "6.5%": "2025-08"}),
    ],
)
def test_a_month_aside_in_a_cumulative_report(body: str, periods: dict[str, str]) -> None:
    assert _periods(f"1—8月全市经济运行情况\n{body}") == periods


@pytest.mark.parametrize(
    ("body", "periods"),
    [
        # fiscal flows said with 截至 or 累计 in a 1—10月 frame are January to October, not a stock at its end
        ("截至10月末,中央财政下达我省直达资金1326.4亿元,已形成支出1105.2亿元。",
         {"1326.4亿元": "2025-01..2025-10", "1105.2亿元": "2025-01..2025-10"}),
        ("1—10月,全省累计发行地方政府债券2415.8亿元,其中新增债券1536.2亿元。",
         {"2415.8亿元": "2025-01..2025-10", "1536.2亿元": "2025-01..2025-10"}),
        # negative: a balance is a stock at the date
        ("截至10月末,全省政府债务余额15000.5亿元。", {"15000.5亿元": "2025-10-31"}),
    ],
)
def test_fiscal_flows_to_date(body: str, periods: dict[str, str]) -> None:
    assert _periods(f"2025年1—10月全省财政预算执行情况\n{body}") == periods


@pytest.mark.parametrize(
    ("body", "regions"),
    [
        # a parenthesis open at the number states its own subject: 全省 is the city's province
        ("前三季度,全市地区生产总值4318.62亿元,同比增长6.1%,比全国高0.9个百分点(全省增长5.6%,全国增长5.2%)。",
         {"4318.62亿元": "漳州市", "6.1%": "漳州市", "0.9个百分点": "漳州市", "5.6%": "福建省", "5.2%": "全国"}),
        # negative: a closed parenthesis inside a list leaves the subject alone
        ("前三季度,全市完成六郎庄公园(一期)、一亩园等5处绿化工程。", {"5处": "漳州市"}),
    ],
)
def test_a_parenthesis_states_its_own_region(body: str, regions: dict[str, str]) -> None:
    facts = extract_facts(f"漳州市2025年前三季度经济运行情况\n{body}", doc="t.txt", doc_id="t")
    assert {f.quote: f.region for f in facts} == regions


@pytest.mark.parametrize(
    ("section", "status"),
    [
        # 争取 in a review is funds secured; in a plan it is a goal
        ("一、2024年工作回顾", "actual"),
        ("二、2025年工作安排", "target"),
    ],
)
def test_zhengqu_follows_its_section(section: str, status: str) -> None:
    text = f"某某县政府工作报告\n{section}\n争取中央预算内投资和地方政府专项债券资金12.3亿元,比上年增加2.1亿元。"
    assert {f.status for f in extract_facts(text, doc="t.txt", doc_id="t")} == {status}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("过去五年", "2017..2021"), ("五年来", "2017..2021"), ("近三年", "2019..2021"), ("两年平均", "2020..2021"),
        # negatives: a plan's name, a span inside the year
        ("五年规划", None), ("三年行动计划", None),
    ],
)
def test_the_last_n_years(text: str, value: str | None) -> None:
    from bulletins.extract.periods import find_periods

    assert next((p.value for p in find_periods(text, 2021) if p.kind == "years"), None) == value


def test_recent_years_in_a_review_and_under_a_plan_heading() -> None:
    meta = DocMeta(date=PubDate.parse("2022-01-10"), date_source="given")
    text = ("某某州政府工作报告\n一、过去五年和2021年工作回顾\n五年来,全州地区生产总值年均增长4.3%。\n"
            "全州地区生产总值完成801.3亿元,增长6.8%,两年平均增长4.1%。\n")
    got = {f.quote: f.period for f in extract_facts(text, doc="t.txt", doc_id="t", meta=meta)}
    assert got == {"4.3%": "2017..2021", "801.3亿元": "2021", "6.8%": "2021", "4.1%": "2020..2021"}
    # under a heading naming a plan, 五年来 is the plan's years
    plan = "某某县政府工作报告\n一、2025年和“十四五”时期工作回顾\n五年来,全县地区生产总值年均增长6.8%。\n"
    meta = DocMeta(date=PubDate.parse("2026-01-08"), date_source="given")
    assert {f.period for f in extract_facts(plan, doc="t.txt", doc_id="t", meta=meta)} == {"2021..2025"}


PAGE = (
    "南宁日报　10月16日　星期四\n\n青秀区前三季度经济运行稳中向好\n\n"
    "本报讯（记者 甲）10月15日，记者从青秀区统计局获悉，前三季度，青秀区地区生产总值完成1286.5亿元，同比增长5.8%。\n"
    "全区社会消费品零售总额542.8亿元。\n\n"
    "良庆区24个重大项目集中开工\n\n"
    "本报讯（记者 乙）10月14日上午，良庆区第四季度重大项目集中开工活动举行。此次集中开工项目共24个，总投资186.3亿元。\n"
    "1—9月，全区固定资产投资同比增长7.5%。\n"
)


def test_each_story_of_a_page_has_its_own_head_and_area() -> None:
    meta = DocMeta(date=PubDate.parse("2025-10-16"), date_source="given")
    got = {f.quote: (f.region, f.period) for f in extract_facts(PAGE, doc="t.txt", doc_id="t", meta=meta)}
    assert got == {
        "1286.5亿元": ("青秀区", "2025-01..2025-09"), "5.8%": ("青秀区", "2025-01..2025-09"),
        "542.8亿元": ("青秀区", "2025-01..2025-09"),
        # the second story: its title names no period, its lead's day is the event's; its 全区 is 良庆区
        "24个": ("良庆区", "2025-10-14"), "186.3亿元": ("良庆区", "2025-10-14"),
        "7.5%": ("良庆区", "2025-01..2025-09"),
    }


PDF_TABLE = (
    "宜良县2024年国民经济和社会发展统计公报\n全年粮食总产量12.45万吨，增长1.8%。\n"
    "表1  2024年主要农产品产量及其增长速度\n产品名称\n单位\n产量\n- 1 -\n宜良县2024年国民经济和社会发展统计公报\n"
    "比上年增长（%）\n粮食\n万吨\n12.45\n1.8\n鲜切花\n亿枝\n18.6\n12.4\n烤烟\n万担\n14.2\n0.7\n三、工业\n"
)


def test_a_pdf_table_with_a_unit_cell_per_line_across_a_page_break() -> None:
    meta = DocMeta(date=PubDate.parse("2025-04-08"), date_source="given")
    facts = [f for f in extract_facts(PDF_TABLE, doc="t.txt", doc_id="t", meta=meta) if f.sentence.startswith("表1")
             or "产品名称" in f.sentence or f.span_start > PDF_TABLE.index("表1")]
    got = {(PDF_TABLE[f.span_start:f.span_end], f.indicator, f.measure, f.unit, f.period) for f in facts}
    assert got == {
        ("12.45", "粮食产量", "level", "万吨", "2024"), ("1.8", "粮食产量", "change", "%", "2024"),
        ("18.6", "鲜切花产量", "level", "亿枝", "2024"), ("12.4", "鲜切花产量", "change", "%", "2024"),
        ("14.2", "烤烟产量", "level", "万担", "2024"), ("0.7", "烤烟产量", "change", "%", "2024"),
    }


@pytest.mark.parametrize(
    ("line", "dropped"),
    [("- 1 -", True), ("— 12 —", True), ("第3页 共12页", True), ("第3页", True),
     # negatives: a number range, a heading
     ("1-3", False), ("第三章 农业", False)],
)
def test_page_numbers_are_dropped(line: str, dropped: bool) -> None:
    from bulletins.extract.normalize import normalize

    assert (normalize(f"{line}\n正文。").text.split("\n")[0].strip() == "") is dropped


# a budget report flattened from a PDF at 27 characters a line: the page break falls inside a word (农⏎— 1 —⏎
# running header⏎林水支出), and an aside closes a line right before its item's number
BUDGET_PDF = (
    "关于某某县2025年预算执行情况\n和2026年预算草案的报告\n\n"
    "　　全县一般公共预算支出完成63.07亿元，比上年增长3.8%\n"
    "，按类级科目分：城乡社区支出6.12亿元，住房保障支出1.52亿元，农\n\n"
    "                        — 1 —\n\n某某县2025年预算执行情况和2026年预算草案的报告\n\n"
    "林水支出9.87亿元，交通运输支出2.74亿元，其他支出（含灾害防\n治及应急管理、债务付息等）\n1.97亿元，各科目增减情况详见表1。\n"
)


def test_a_page_break_inside_a_word_and_an_aside_before_a_number() -> None:
    got = {f.quote: f.indicator for f in extract_facts(BUDGET_PDF, doc="t.txt", doc_id="t")}
    assert got["9.87亿元"] == "农林水支出"
    assert got["1.97亿元"] == "其他支出"
    # negative: a header line after a page number that is no part of the title stays
    text = "一、工业\n全县规上工业增加值增长5.1%。\n— 2 —\n二、投资情况说明\n全县固定资产投资增长4.2%。\n"
    from bulletins.extract.normalize import normalize

    assert "二、投资情况说明" in normalize(text).text


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        # a national body's release speaking of 我国 is about the country
        ("海关总署：前10个月我国货物贸易进出口同比增长3.6%\n据海关统计，今年前10个月，我国货物贸易进出口总值37.31万亿元。",
         {"3.6%": "全国", "37.31万亿元": "全国"}),
        # negative: a national body named in a city's text leaves the city its own
        ("杭州市2025年前三季度经济运行情况\n前三季度，全市地区生产总值1234亿元。据商务部数据，全国增长5%。",
         {"1234亿元": "杭州市", "5%": "全国"}),
    ],
)
def test_a_national_release(text: str, regions: dict[str, str]) -> None:
    assert {f.quote: f.region for f in extract_facts(text, doc="t.txt", doc_id="t", meta=DATE)} == regions


def test_the_list_after_a_month_aside_is_that_month() -> None:
    text = ("2025年1—10月全国进出口情况\n今年前10个月，我国货物贸易进出口总值37.31万亿元。"
            "10月份，我国货物贸易进出口3.76万亿元。其中，出口2.18万亿元。按美元计价，进出口5.21万亿美元。")
    got = {f.quote: f.period for f in extract_facts(text, doc="t.txt", doc_id="t", meta=DATE)}
    assert got == {"37.31万亿元": "2025-01..2025-10", "3.76万亿元": "2025-10", "2.18万亿元": "2025-10",
                   "5.21万亿美元": "2025-01..2025-10"}


@pytest.mark.parametrize(("heading", "status"),
                         [("三、2026年重点工作", "target"), ("一、2025年重点工作完成情况", "actual")])
def test_a_key_tasks_section_is_a_plan(heading: str, status: str) -> None:
    text = f"某某市政府工作报告\n{heading}\n举办各类促消费活动200场以上。"
    assert {f.status for f in extract_facts(text, doc="t.txt", doc_id="t")} == {status}


@pytest.mark.parametrize(
    ("heading", "status"),
    [("二、2026年预算草案", "target"), ("二、2026年预算安排", "target"), ("一、2025年预算执行情况", "actual")],
)
def test_a_budget_report_drafts_next_year_in_its_own_section(heading: str, status: str) -> None:
    text = (f"关于某某区2025年预算执行情况和2026年预算草案的报告\n{heading}\n"
            "全区一般公共预算收入90.85亿元，比上年增长5%。")
    assert {f.status for f in extract_facts(text, doc="t.txt", doc_id="t")} == {status}


@pytest.mark.parametrize(
    ("body", "statuses"),
    [
        # a plan's own amount beside the actual: the plan is a target, the actual and its share are not
        ("2025年，全区一般公共预算收入完成86.52亿元，为年初预算84.58亿元的102.3%。",
         {"86.52亿元": ("一般公共预算收入", "actual"), "84.58亿元": ("一般公共预算收入", "target"),
          "102.3%": ("一般公共预算收入", "actual")}),
        ("2025年，全区一般公共预算支出112.38亿元，完成调整预算的96.8%。",
         {"112.38亿元": ("一般公共预算支出", "actual"), "96.8%": ("一般公共预算支出", "actual")}),
        # a change said with its years (由…增加到2025年的…) is what happened, not a goal year
        ("五年来，全县地区生产总值由2020年的218.6亿元增加到2025年的312.4亿元。",
         {"218.6亿元": ("地区生产总值", "actual"), "312.4亿元": ("地区生产总值", "actual")}),
        # negative: a goal year is a target
        ("到2030年，全县地区生产总值达到500亿元。", {"500亿元": ("地区生产总值", "target")}),
    ],
)
def test_plans_beside_actuals(body: str, statuses: dict[str, tuple[str, str]]) -> None:
    facts = extract_facts("某某县经济运行情况\n" + body, doc="t.txt", doc_id="t")
    got = {f.quote: (f.indicator, f.status) for f in facts}
    assert got == statuses


@pytest.mark.parametrize("lead", ["", "一、工业生产平稳增长。", "(一)工业生产平稳增长。"])
def test_a_run_in_heading_ends_at_its_full_stop(lead: str) -> None:
    """A paragraph opening with its own heading (一、…。1—10月,…) keeps the month aside an aside."""
    text = (f"2026年1—10月某某市经济运行简况\n\n{lead}1—10月，全市规模以上工业增加值同比增长7.6%。"
            "10月当月，规模以上工业增加值同比增长6.9%。分行业看，汽车制造业增加值增长12.8%。\n")
    got = {f.quote: f.period for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert got == {"7.6%": "2026-01..2026-10", "6.9%": "2026-10", "12.8%": "2026-01..2026-10"}


@pytest.mark.parametrize("heading", ["一、2025年和“十四五”时期工作回顾", "一、“十四五”时期和2025年工作回顾"])
def test_a_five_year_review_paragraph(heading: str) -> None:
    """Under a heading naming a plan and a year (either order), a paragraph opened by 五年来 counts the plan's
    years; a level said at a year (由2020年的…到2025年的…) is that year's, average growth is the span's, and a
    rate reached (城镇化率) is a state where the span ends."""
    text = (f"某某县政府工作报告\n{heading}\n"
            "　　五年来，全县地区生产总值由2020年的218.6亿元增加到2025年的312.4亿元，年均增长6.8%；一般公共预算收入"
            "由14.2亿元增加到19.86亿元。五年累计完成固定资产投资1086.5亿元；累计实施重点项目386个，新增规模以上工业"
            "企业97家。常住人口城镇化率达到68.5%，比2020年提高6.2个百分点。\n"
            "　　2025年，全县地区生产总值增长6.5%。\n")
    meta = DocMeta(date=PubDate.parse("2026-01-09"), date_source="given")
    got = {f.quote: f.period for f in extract_facts(text, doc="t.txt", doc_id="t", meta=meta)}
    assert got == {"218.6亿元": "2020", "312.4亿元": "2025", "6.8%": "2021..2025", "14.2亿元": "2020",
                   "19.86亿元": "2025", "1086.5亿元": "2021..2025", "386个": "2021..2025", "97家": "2021..2025",
                   "68.5%": "2025", "6.2个百分点": "2025", "6.5%": "2025"}


def test_a_provincial_paper_names_no_area_of_its_first_story() -> None:
    # 四川日报 on the masthead dates the page and names the paper; the story's lead names its city
    page = ("四川日报\n2026年11月13日　星期五　第02版\n\n德阳：前10月规上工业增加值增长8.6%\n\n"
            "本报讯（记者 甲）11月12日，记者从德阳市统计局获悉，1—10月，全市规模以上工业增加值同比增长8.6%。\n"
            "投资方面，1—10月，全市固定资产投资同比增长6.4%。\n")
    meta = DocMeta(date=PubDate.parse("2026-11-13"), date_source="given")
    got = {(f.quote, f.region) for f in extract_facts(page, doc="t.txt", doc_id="t", meta=meta)}
    assert got == {("8.6%", "德阳市"), ("6.4%", "德阳市")}


def test_a_budget_balance_wrapped_inside_a_word() -> None:
    # 加上… names the sources the balance adds; a continuation line without a comma still joins the next
    text = ("　　按照现行财政体制，全县一般公共预算收入12.46亿元，\n"
            "加上上级补助收入46.82亿元、债务转贷收入8.36亿元、上\n"
            "年结转2.14亿元、调入资金3.08亿元，收入总计72.86亿元。\n")
    got = {f.quote: (f.indicator, f.indicator_code) for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert got["46.82亿元"] == ("上级补助收入", "fiscal.revenue.transfers_received")
    assert got["2.14亿元"] == ("上年结转", "fiscal.revenue.carried_over")


def test_a_medical_insurance_bulletins_funds_are_the_areas() -> None:
    # 职工医保基金累计结存 is the city's fund, not one named fund with no region
    text = ("大同市2025年医疗保障事业发展统计快报\n"
            "年末全市职工医保基金累计结存86.74亿元，其中统筹基金累计结存52.16亿元。\n")
    got = {f.quote: f.region for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert got == {"86.74亿元": "大同市", "52.16亿元": "大同市"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 分市州看 after the speaker's name opens the split; the next sentence's areas (also in the short form
        # that keeps their level: 甘南州) take the quantity it is of
        ("2026年前三季度甘肃经济运行新闻发布会\n"
         "省统计局新闻发言人 王立新：分市州看，14个市州地区生产总值全部实现正增长。兰州市增长5.8%，临夏州增长5.9%，"
         "甘南州增长4.6%。",
         {"5.8%": ("地区生产总值", "兰州市"), "5.9%": ("地区生产总值", "临夏回族自治州"),
          "4.6%": ("地区生产总值", "甘南藏族自治州")}),
        # the i-th number of a 分别 list is the i-th area before it, and the ranked quantity is its name;
        # a temple's visitors are the site's own figure
        ("2026年“五一”假期全区旅游市场情况\n分地市看，接待游客居前三位的是拉萨市、林芝市、日喀则市，"
         "分别为68.42万人次、42.36万人次、28.64万人次。其中，大昭寺接待游客5.18万人次。",
         {"68.42万人次": ("接待游客人次", "拉萨市"), "42.36万人次": ("接待游客人次", "林芝市"),
          "28.64万人次": ("接待游客人次", "日喀则市"), "5.18万人次": ("大昭寺接待游客人次", None)}),
        # a second 分别 list of the sentence that names no items (同比分别增长) goes with the first list's areas
        ("2026年五一假期，伊宁市、霍尔果斯市分别接待游客68.42万人次、32.16万人次，同比分别增长10.6%、18.2%。",
         {"10.6%": ("接待游客", "伊宁市"), "18.2%": ("接待游客", "霍尔果斯市")}),
        # a scenic area's figures go on after its first clause: no area, and no area's code
        ("2026年春节假期，全市接待游客1286.42万人次。假期，漓江景区共发送游船1862航次，接待游客28.64万人次。",
         {"1862航次": ("漓江景区共发送游船", None), "28.64万人次": ("接待游客", None)}),
        # a wholesale market is one facility too
        ("2026年上半年，全市辣椒种植面积108.6万亩。虾子辣椒批发市场交易量32.6万吨。",
         {"32.6万吨": ("虾子辣椒批发市场交易量", None)}),
        # ... but a district whose name holds such a word (海港区) is an area
        ("秦皇岛市清明假期旅游\n2026年清明假期，海港区、北戴河区分别接待游客52.36万人次、38.62万人次。",
         {"52.36万人次": ("接待游客", "海港区"), "38.62万人次": ("接待游客", "北戴河区")}),
        # a port area or a terminal is one facility: its figures have no area
        ("2026年1—10月，全市港口完成货物吞吐量25486.3万吨。宝满港区集装箱码头完成集装箱吞吐量142.36万标箱。",
         {"25486.3万吨": ("港口完成货物吞吐量", None), "142.36万标箱": ("宝满港区集装箱码头完成集装箱吞吐量", None)}),
        # a township a clause opens with, in a district's or county's text, is the figure's area (no code);
        # a word that only ends like one (特色小镇) is none
        ("济南市历城区2025年国民经济和社会发展统计公报\n2025年，王舍人街道规模以上工业企业达到68家。"
         "全区新建高标准农田5.2万亩，其中佛耳湖镇2.6万亩。特色小镇建设投资12亿元。",
         {"68家": ("规模以上工业企业数量", "王舍人街道"), "2.6万亩": ("新建高标准农田面积", "佛耳湖镇"),
          "12亿元": ("特色小镇建设投资", "历城区")}),
        # areas listed as the bases of a 分别 list are no figures' areas
        ("2025年，成都市GDP增速比四川省、全国分别高1.2个百分点和1.5个百分点。",
         {"1.2个百分点": ("GDP", "成都市"), "1.5个百分点": ("GDP", "成都市")}),
        # a short form keeping its level word inside a longer word (县域) is no area
        ("2025年，河南县域地区生产总值增长5.1%。", {"5.1%": ("河南县域地区生产总值", None)}),
        # a count announcing its items right before the colon stays a count
        ("2025年，全县新增国家级非物质文化遗产代表性项目三项：剪纸、皮影和社火。",
         {"三项": ("新增国家级非物质文化遗产代表性项目数量", None)}),
        # the year of a batch leaves no 年 in the name
        ("2025年，全市获得2025年第一批新增专项债券额度12亿元。", {"12亿元": ("获得第一批新增专项债券额度", None)}),
    ],
)
def test_names_and_areas_of_release_sentences(body: str, expected: dict[str, tuple[str, str | None]]) -> None:
    got = {f.quote: (f.indicator, f.region) for f in extract_facts(body + "\n", doc="t.txt", doc_id="t")}
    assert {q: got.get(q) for q in expected} == expected


def test_a_facilitys_figure_carries_no_areas_code() -> None:
    """漓江景区…，接待游客28.64万人次 is the scenic area's, not the city's 接待游客人次 (tourism.visitors)."""
    text = ("桂林市春节假期旅游\n2026年春节假期，全市接待游客1286.42万人次。"
            "假期，漓江景区共发送游船1862航次，接待游客28.64万人次。\n")
    got = {f.quote: (f.region, f.indicator_code) for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert got["1286.42万人次"] == ("桂林市", "tourism.visitors")
    assert got["28.64万人次"] == (None, None)
