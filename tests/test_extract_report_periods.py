"""Periods that come from how bulletins are laid out, not from the number's own clause.

One row per phenomenon, negatives included; the texts are written for these tests.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_document
from bulletins.extract.meta import DocMeta, PubDate


def _facts(text: str, date: str | None = None) -> dict[str, tuple[str | None, str]]:
    meta = DocMeta(date=PubDate.parse(date), date_source="given") if date else None
    facts, _ = extract_document(text, doc="t.txt", doc_id="t", meta=meta)
    return {f.quote: (f.period, f.status) for f in facts}


def _periods(text: str, date: str | None = None) -> dict[str, str | None]:
    return {q: p for q, (p, _) in _facts(text, date).items()}


_WORK_REPORT = ("2026年某某市政府工作报告\n\n——2026年1月15日在某某市第五届人民代表大会第六次会议上\n\n"
                "一、过去五年工作回顾\n　　五年来,全市地区生产总值由2020年的681.3亿元增加到1186.42亿元,"
                "年均增长7.6%。\n\n"
                "二、2026年工作安排\n　　全市地区生产总值增长6%左右。\n")

CASES = [
    # A work report titled with the year it is delivered in reviews the five years before it; its plans
    # are that year's
    ("work-report-review", _WORK_REPORT, "2026-01-20", {"7.6%": "2021..2025", "1186.42亿元": "2025", "6%": "2026"}),
    # ... a page of the same report dated late in the year is no spring session: no shift
    ("work-report-late-date", _WORK_REPORT, "2026-09-20", {"6%": "2026"}),
    # An annual report without its title opens its body with its year: that year frames every section.
    ("opening-year",
     "某县统计局\n2022年,全县上下稳中求进,经济持续恢复。\n一、农业\n全县完成农林牧渔业总产值50.6亿元,同比增长3.1%。\n",
     None, {"50.6亿元": "2022", "3.1%": "2022"}),
    # ... only the first body sentence, and only an explicit year at its start
    ("opening-not-first",
     "全县经济持续恢复。\n2022年,全县完成农林牧渔业总产值50.6亿元。\n二、工业\n工业增加值增长4.2%。\n",
     None, {"50.6亿元": "2022", "4.2%": None}),
    ("opening-relative", "今年以来,全县经济持续恢复。\n一、农业\n全县农林牧渔业总产值增长3.1%。\n", None,
     {"3.1%": None}),
    # A year-end frame carried into a new paragraph dates its stocks, not the flows there.
    ("year-end-new-paragraph",
     "2022年某县统计公报\n年末全县常住人口30.5万人。\n初步核算,全县地区生产总值120.4亿元,比上年增长5.2%。\n",
     None, {"30.5万人": "2022-12-31", "120.4亿元": "2022", "5.2%": "2022"}),
    ("year-end-same-paragraph",
     "2022年某县统计公报\n年末全县常住人口30.5万人,比上年末增加0.2万人。其中,城镇人口18.1万人。\n",
     None, {"30.5万人": "2022-12-31", "0.2万人": "2022-12-31", "18.1万人": "2022-12-31"}),
    # 由上年的X调整为Y: 上年 is the base of the change, not its period.
    ("base-opener",
     "2022年,全县三次产业结构由上年的10.2:40.1:49.7调整为9.6:41.0:49.4,第一产业比重下降0.6个百分点。\n",
     None, {"0.6个百分点": "2022"}),
    # The head of a ；-chain names the period of every clause of its list.
    ("chain-head",
     "某县政府工作报告\n县长表示,明年经济社会发展的主要预期目标是:地区生产总值增长6%；固定资产投资增长5%；城镇新增就业1.2万人。\n",
     "2024-12-20", {"6%": "2025", "5%": "2025", "1.2万人": "2025"}),
    ("chain-head-no-date",
     "今年主要预期目标是:地区生产总值增长6%；固定资产投资增长5%。\n", None, {"6%": None, "5%": None}),
    # A flow accumulated in a month's frame runs from January; a counted stock stays at the month's end.
    ("cumulative-month", "2024年11月,全县民生支出累计完成13.2亿元。\n", None, {"13.2亿元": "2024-01..2024-11"}),
    ("month-no-cumulative", "2024年11月,全县完成固定资产投资5.3亿元。\n", None, {"5.3亿元": "2024-11"}),
    ("cumulative-month-list",
     "2024年11月,全县民生支出累计完成13.2亿元,占一般公共预算支出63%。其中:教育支出2.9亿元；卫生健康支出1.3亿元。\n",
     None, {"63%": "2024-01..2024-11", "2.9亿元": "2024-01..2024-11", "1.3亿元": "2024-01..2024-11"}),
    ("month-list-no-cumulative", "2024年11月,全县完成投资5.3亿元。其中:工业投资2.1亿元。\n", None,
     {"2.1亿元": "2024-11"}),
    ("stock-at-month-end", "截至2024年11月底,全县累计建成5G基站320个。\n", None, {"320个": "2024-11-30"}),
    # 截至X月底 before a flow (实现…进出口总额) is January to that month, for the flow's growth, for the flows
    # of the sentences it frames, but not for a stock among them
    ("until-flow-and-its-growth",
     "截至2026年10月底,全县实现外贸进出口总额18.64亿元,同比增长21.3%。其中,出口16.28亿元,增长23.6%。"
     "全县金融机构存款余额286.4亿元。\n", None,
     {"18.64亿元": "2026-01..2026-10", "21.3%": "2026-01..2026-10", "16.28亿元": "2026-01..2026-10",
      "23.6%": "2026-01..2026-10", "286.4亿元": "2026-10-31"}),
    ("until-stock-and-its-growth", "截至2026年10月末,全县金融机构存款余额286.4亿元,同比增长8.1%。\n", None,
     {"286.4亿元": "2026-10-31", "8.1%": "2026-10-31"}),
    # 三季度末 is the quarter's last day, a stock's date
    ("quarter-end", "2026年三季度末,全市城乡低保标准提高至每人每月1265元。\n", None, {"1265元": "2026-09-30"}),
    # ... carried into the next paragraph of a 前三季度 release it dates only stocks: a flow there is 1—9月
    ("quarter-end-new-paragraph",
     "2026年前三季度全市居民收支情况\n三季度末,全市城乡低保标准提高至每人每月1265元。\n"
     "城镇居民人均工资性收入36412元,增长5.2%。\n", None,
     {"1265元": "2026-09-30", "36412元": "2026-01..2026-09", "5.2%": "2026-01..2026-09"}),
    # a year naming a batch of bonds (2023年第一批) is no period: the quarter said before it is
    ("year-of-a-batch", "今年一季度,该区2023年第一批新增专项债券资金支出2.76亿元。\n", "2023-05-09",
     {"2.76亿元": "2023-01..2023-03"}),
    # a cause said before the figure (受今年…的影响) dates the cause, not the figure
    ("period-inside-a-cause",
     "2020年1—4月,全市一般公共预算支出120.06亿元。受今年新增一般债券发行较上年后移的影响,城乡社区支出13.88亿元。\n",
     None, {"13.88亿元": "2020-01..2020-04"}),
    # a year-end frame's sentence going on with 全年 frames the next sentences with the year
    ("year-end-then-the-year",
     "2025年某县统计公报\n年末全县规模以上工业企业42家，全年规模以上工业增加值比上年增长7.2%。"
     "分门类看，制造业增加值增长8.1%。\n", None,
     {"42家": "2025-12-31", "7.2%": "2025", "8.1%": "2025"}),
    # firms with trade on record (有进出口实绩的企业) are counted over the period, not at its end
    ("firms-with-trade-in-the-period",
     "2026年1—10月,全市货物贸易进出口总额7086.42亿元。全市有进出口实绩的企业达2.86万家,比上年同期增加3216家。\n",
     None, {"2.86万家": "2026-01..2026-10", "3216家": "2026-01..2026-10"}),
    # ... but a month-end frame keeps dating the stocks after it, whatever flow its sentence goes on with
    ("month-end-frame-keeps-its-stocks",
     "截至2025年9月末，全市金融机构本外币存款余额5000亿元，1—9月新增贷款200亿元。住户存款3000亿元。\n", None,
     {"5000亿元": "2025-09-30", "200亿元": "2025-01..2025-09", "3000亿元": "2025-09-30"}),
    # corner brackets are quotation marks: 「五一」假期 is the holiday
    ("holiday-in-corner-brackets", "2026年「五一」假期，全区共接待游客186.42万人次。\n", None,
     {"186.42万人次": "2026-05"}),
    # 前10月 in a headline is 前10个月
    ("first-n-months", "2026年前10月全县外贸进出口增长21.3%\n", None, {"21.3%": "2026-01..2026-10"}),
]


@pytest.mark.parametrize(("text", "date", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_report_periods(text: str, date: str | None, expected: dict[str, str | None]) -> None:
    got = _periods(text, date)
    assert {q: got.get(q, "missing") for q in expected} == expected


DATE_CASES = [
    # a WeChat article's byline (原创　<author>　<account>　date time) dates the article
    ("wechat-byline", "前三季度经济运行稳中向好\n原创　某区统计局　某区统计　2026-10-28 18:30　广东\n\n"
     "前三季度，全区地区生产总值增长3%。\n", "2026-01..2026-09"),
    # a date on a line of its own after the body started: the signature of a cover notice
    ("signature-line", "关于印发某县工作计划的通知\n各乡镇:\n现将计划印发给你们。\n某县人民政府办公室\n2024年1月16日\n"
     "1—9月,全县工业增加值增长3%。\n", "2024-01..2024-09"),
    # a date inside a related-links line after the body is not the document's
    ("related-link", "1—9月,全县工业增加值增长3%。\n相关阅读 某县举办招商推介会2025-05-15\n", None),
]


@pytest.mark.parametrize(("text", "period"), [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_document_date_from_the_head(text: str, period: str | None) -> None:
    assert _periods(text)["3%"] == period


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("2018年上半年,全市医疗卫生与计划生育支出41.6亿元,同比增长19.2%。\n", "actual"),  # a budget class's name
        ("2018年,全市计划单列市政策落实。全市计划新建学校3所。\n", "target"),  # 计划 as a plan still counts
        ("某校2023年部门预算公开说明\n一、收支预算\n2023年收入预算706万元。\n", "target"),  # a budget document
        ("2023年一季度全国一般公共预算收支情况\n一季度,全国一般公共预算收入6万亿元。\n", "actual"),
    ],
    ids=["name-with-plan-word", "plan-word", "budget-document", "budget-execution"],
)
def test_plan_word_inside_a_name(text: str, status: str) -> None:
    assert {s for _, s in _facts(text).values()} == {status}


@pytest.mark.parametrize(
    ("date", "status"),
    [
        # a section named by the year a work report is heard in is that year's plan
        ("2026-01-20", "target"),
        # negative: a report dated late in the year is no spring session's plan
        ("2026-09-20", "actual"),
    ],
)
def test_a_work_reports_own_year_section_is_its_plan(date: str, status: str) -> None:
    text = ("2026年某某市政府工作报告\n\n——2026年1月15日在某某市第五届人民代表大会第六次会议上\n\n"
            "一、2025年和“十四五”工作回顾\n　　过去五年,全市累计新增城镇就业30.5万人。\n\n"
            "三、2026年民生实事项目\n　　新建口袋公园30个。\n")
    facts = _facts(text, date)
    assert facts["30个"][1] == status
    assert facts["30.5万人"] == ("2021..2025", "actual")
