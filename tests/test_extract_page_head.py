"""The head of a web page (issue 8): chrome above the title must not end the head scan or become the title.

Scraped pages open with breadcrumbs, a mobile-site link, an SEO line of another site's keywords, a photo
credit or a metadata line (时间: … 来源: …); news stories open with a bracketed or dated credit of the medium
(【某某网讯】, 某某网5月9日讯). The title and issuing body below them say what the document is about.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.context import _head_text, _title_line
from bulletins.extract.normalize import normalize

CHROME = [
    # (line, dropped?)
    ("首页/ 政务公开/ 法定主动公开内容/ 统计信息/ 统计公报/ 正文", True),
    ("首页 > 统计信息 > 统计公报", True),
    ("您当前的位置: 首页 > 统计信息>省局信息", True),
    ("当前位置：首页 > 数据发布", True),
    ("• WAP手机版", True),
    ("美国三级日本三级久久99_又黄又粗又爽免费观看_亚洲AV无码一区二区三区国产_91精品国产网站", True),
    ("大会现场 张宝杉 摄", True),
    ("(记者 李明 摄)", True),
    # negatives: body lines that mention the same words
    ("首页访问量达到12万次,比上年增长5%。", False),
    ("全年摄制电影10部。", False),
    ("全年地区生产总值1234亿元,比上年增长5.2%。", False),
]


@pytest.mark.parametrize(("line", "dropped"), CHROME)
def test_page_chrome_lines_are_dropped(line: str, dropped: bool) -> None:
    got = normalize(f"{line}\n全年地区生产总值100亿元。").text.split("\n")[0].strip()
    assert (got == "") is dropped, got


TITLES = [
    # a metadata tail on the title's line is cut; a line of metadata alone is never the title
    ("2022年上半年上海市生产总值 2022-07-19 来源:市统计局\n上海市生产总值", "2022年上半年上海市生产总值"),
    ("统计公报\n平陆县2023年国民经济和社会发展统计公报\n时间:2024-04-28   作者:中国县域   来源:平陆县政府网   阅读:69",
     "平陆县2023年国民经济和社会发展统计公报"),
    ("通辽市统计局\n(2018年4月16日)", "通辽市统计局"),
    # negative: a plain title stays as it is
    ("某某县2023年国民经济和社会发展统计公报\n某某县统计局", "某某县2023年国民经济和社会发展统计公报"),
]


@pytest.mark.parametrize(("head", "title"), TITLES)
def test_title_line_is_no_metadata(head: str, title: str) -> None:
    assert _title_line(head) == title


BODY = "\n全年全县地区生产总值123.4亿元,比上年增长5.1%。\n"


@pytest.mark.parametrize(
    "chrome",
    [
        "",
        "首页/ 政务公开/ 统计信息/ 统计公报/ 正文\n",
        "• WAP手机版\n统计公报\n",
        "热门关键词一_热门关键词二_热门关键词三_热门关键词四_某某网站\n",
    ],
)
def test_chrome_above_the_title_keeps_the_titles_area_and_year(chrome: str) -> None:
    text = f"{chrome}平陆县2023年国民经济和社会发展统计公报\n时间:2024-04-28 来源:平陆县政府网{BODY}"
    facts = extract_facts(text, doc="t.txt", doc_id="t")
    got = {(f.quote, f.region, f.region_code, f.period) for f in facts}
    assert got == {("123.4亿元", "平陆县", "140829", "2023"), ("5.1%", "平陆县", "140829", "2023")}


@pytest.mark.parametrize(
    ("lead", "region"),
    [
        ("【香港商报网讯】2月19日,绵阳市涪城区第六届人民代表大会第四次会议开幕。", "涪城区"),
        ("闽南网5月9日讯(通讯员 张三)今年以来,龙文区坚持财力向民生倾斜。", "龙文区"),
        # negative: a story whose lead names no area keeps none from the medium's name
        ("【香港商报网讯】2月19日,一场会议开幕。", None),
    ],
)
def test_a_news_credit_names_the_medium_not_the_area(lead: str, region: str | None) -> None:
    text = f"{lead}\n报告说,区属地区生产总值达到379.95亿元、增长9.3%。"
    facts = extract_facts(text, doc="t.txt", doc_id="t")
    assert {f.region for f in facts} == {region}
    norm = normalize(text).text
    assert "香港" not in _head_text(norm, None).replace("香港商报", "")


DATELINES = [
    # a dateline and a release phrase open the lead: the period named after the release frames what follows
    ("10月20日,市统计局发布数据显示,1—9月,全市规模以上工业增加值同比增长5.1%。社会消费品零售总额1234亿元,增长6%。",
     {"5.1%": "2023-01..2023-09", "1234亿元": "2023-01..2023-09", "6%": "2023-01..2023-09"}),
    ("10月20日,市统计局发布前三季度经济数据。全市地区生产总值1234亿元,同比增长5.2%。",
     {"1234亿元": "2023-01..2023-09", "5.2%": "2023-01..2023-09"}),
    ("记者10月20日从市统计局获悉,前三季度,全市地区生产总值1234亿元,同比增长5.2%。",
     {"1234亿元": "2023-01..2023-09", "5.2%": "2023-01..2023-09"}),
    # negative: a day with an event and no release is that day
    ("10月20日,全市举行项目集中开工仪式,共开工项目35个。", {"35个": "2023-10-20"}),
]


@pytest.mark.parametrize(("text", "periods"), DATELINES)
def test_a_dateline_is_the_release_day_not_the_period(text: str, periods: dict[str, str]) -> None:
    from bulletins.extract.meta import DocMeta, PubDate

    facts = extract_facts(text, doc="t.txt", doc_id="t", meta=DocMeta(date=PubDate.parse("2023-10-21")))
    assert {f.quote: f.period for f in facts} == periods
    # without a date the year cannot be known: null, never a guess
    assert {f.period for f in extract_facts(text, doc="t.txt", doc_id="t")} == {None}


@pytest.mark.parametrize(
    ("lead", "region"),
    [
        # a rank among a class of areas in the lead (保持全国城市前列) says nothing of the paper's area
        ("本报讯　记者获悉,1—11月,全市汽车产量186.42万辆,汽车产销继续保持全国城市前列。", "柳州市"),
        ("本报讯　1—11月,全市汽车产量186.42万辆,居全省城市第一。", "柳州市"),
        # the informant of the lead (记者从市港航事务中心获悉) is no subject: the figures are the area's
        ("本报讯　记者昨日从市港航事务中心获悉,1—11月,全市港口完成货物吞吐量186.42万辆。", "柳州市"),
        # the national bureau's survey office of one city is no national source
        ("本报讯　记者从国家统计局柳州调查队获悉,1—11月,全市汽车产量186.42万辆。", "柳州市"),
        # negative: a lead about the country is the country's
        ("本报讯　1—11月,全国汽车产量2860万辆。", "全国"),
    ],
)
def test_a_rank_in_the_lead_keeps_the_papers_area(lead: str, region: str) -> None:
    text = f"柳州日报\n2026年12月5日　星期六\n\n今年汽车产销两旺\n\n{lead}"
    facts = extract_facts(text, doc="t.txt", doc_id="t")
    assert {f.region for f in facts if f.unit == "万辆"} == {region}


def test_a_key_figures_card_names_each_figure_and_its_change() -> None:
    """主要指标速览: `label：value` lines, each change on a line of its own after its figure."""
    text = ("2026年1—10月主要经济指标\n发布时间：2026-11-19\n\n主要指标速览\n规模以上工业总产值：6182.35亿元\n"
            "同比增长：5.6%\n进出口总额：9586420万美元\n同比下降：3.5%\n")
    got = {(f.quote, f.indicator, f.measure, f.value) for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert got == {("6182.35亿元", "规模以上工业总产值", "level", 6182.35),
                   ("5.6%", "规模以上工业总产值", "change", 5.6),
                   ("9586420万美元", "进出口总额", "level", 9586420.0), ("3.5%", "进出口总额", "change", -3.5)}


@pytest.mark.parametrize(
    ("issuer", "region", "code"),
    [
        # a development zone that is no division issues its own figures: the zone, with no code
        ("苏州工业园区管理委员会", "苏州工业园区", None),
        ("某某高新区管委会", "某某高新区", None),
        # negative: a zone that is a division is the gazetteer's
        ("上海市浦东新区人民政府", "浦东新区", "310115"),
    ],
)
def test_an_issuing_zone_is_the_documents_area(issuer: str, region: str, code: str | None) -> None:
    text = f"{issuer}\n2026年1—10月主要经济指标\n\n1—10月，全区规模以上工业总产值6182.35亿元。"
    facts = extract_facts(text, doc="t.txt", doc_id="t")
    assert {(f.region, f.region_code) for f in facts} == {(region, code)}
