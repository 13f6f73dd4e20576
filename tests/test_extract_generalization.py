"""Rules that generalize beyond the tuned sets: city news with institution names, holiday stories,
year-and-plan headings, qualifiers of the verb. Sentences written for these tests (not seed or
held-out lines); each row is (text, [(quote, field, expected)]).
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.regions import document_regions

#: These tables were written for Beijing's bulletins: a text naming no area is Beijing's.
pytestmark = pytest.mark.usefixtures("beijing_home")

_REPORT = "政府工作报告\n——2031年1月9日在某某县人民代表大会上\n\n一、2030年和“十五五”时期工作回顾\n\n"

PHENOMENA = [
    # a heading naming a year and a plan: a fact takes the single year ...
    (_REPORT + "2030年,全县地区生产总值达到420亿元、增长5.9%。",
     [("420亿元", "period", "2030"), ("5.9%", "period", "2030")]),
    # ... unless its paragraph speaks of the plan's five years
    (_REPORT + "2030年,全县粮食产量30万吨。\n\n“十五五”时期极不平凡。五年来,全县财政收入年均增长6.2%。",
     [("30万吨", "period", "2030"), ("6.2%", "period", "2026..2030")]),
    # 由A提高到B over the plan: A at the year before its start, B at its last year
    (_REPORT + "五年来,全县森林覆盖率由36.5%提高到41.2%。",
     [("36.5%", "period", "2025"), ("41.2%", "period", "2030")]),
    # a ratio to an earlier plan: the ratio's own period is the current plan
    (_REPORT + "五年来,累计完成投资900亿元,是“十四五”时期的1.4倍。", [("1.4倍", "period", "2026..2030")]),
    # a holiday in the title frames the whole story in its month
    ("南昌晚报　2030年10月9日\n国庆假期南昌迎客忙\n\n本报讯（记者 李明）今年“国庆”假期,全市接待游客800万人次。\n\n"
     "滕王阁景区假期接待游客30万人次。\n\n全市酒店平均入住率为78.5%。",
     [("800万人次", "period", "2030-10"), ("78.5%", "period", "2030-10"), ("78.5%", "region", "南昌市")]),
    # in a holiday story a stock is at the day it is reported (昨日: the day before the paper), a plan
    # for later in the year is the year's
    ("南昌晚报　2030年10月9日\n国庆假期南昌迎客忙\n\n本报讯（记者 李明）记者昨日获悉,今年“国庆”假期,"
     "全市接待游客800万人次。\n\n全市充电桩已达1.2万个。下阶段,市文旅部门将推出50条精品线路。",
     [("1.2万个", "period", "2030-10-08"), ("50条", "period", "2030"), ("800万人次", "period", "2030-10")]),
    # a share of the total (占游客总数的) in a holiday story is no stock: the holiday's
    ("南昌晚报　2030年10月9日\n国庆假期南昌迎客忙\n\n本报讯（记者 李明）今年“国庆”假期,全市接待游客800万人次,"
     "其中过夜游客348万人次,占游客总数的43.5%。", [("43.5%", "period", "2030-10")]),
    # ... also when the holiday's days off run across two months (春节 2025: 1月28日—2月4日)
    ("南昌晚报　2025年2月5日\n春节假期南昌迎客忙\n\n本报讯（记者 李明）今年春节假期,全市接待游客800万人次。\n\n"
     "全市充电桩已达1.2万个。", [("800万人次", "period", "2025-01..2025-02"), ("1.2万个", "period", "2025-02-05")]),
    # a holiday story's survey asks the holiday's visitors; elsewhere a survey has no period of its own
    ("南昌晚报　2030年10月9日\n国庆假期南昌迎客忙\n\n本报讯（记者 李明）今年“国庆”假期,全市接待游客800万人次。"
     "\n\n抽样调查显示,受访游客人均花费约980元。",
     [("980元", "period", "2030-10")]),
    ("日期:2030-10-09\n受访游客人均花费约980元。", [("980元", "period", None)]),
    # a scenic area, a station or a metro line opening the subject: that one place's figure
    ("南昌晚报　2030年10月9日\n国庆假期南昌迎客忙\n\n本报讯（记者 李明）今年“国庆”假期,全市接待游客800万人次。\n\n"
     "滕王阁景区假期接待游客30万人次。假期南昌西站发送旅客50万人次,其中2号线日均客运量60万人次。",
     [("30万人次", "region", None), ("50万人次", "region", None), ("60万人次", "region", None),
      ("800万人次", "region", "南昌市")]),
    # all of the city's museums is the city's figure; a place word deep in a noun phrase is no place
    ("日期:2030-10-09\n全市博物馆接待观众20万人次。", [("20万人次", "region", "北京市")]),
    ("日期:2030-10-09\n上半年居民团体旅游和景区门票人均消费支出增长12.5%。", [("12.5%", "region", "北京市")]),
    # several places with 分别 each have their own figure
    ("日期:2030-10-09\n玉渊潭公园、北海景区分别接待游客10万人次和8万人次。", [("10万人次", "region", None)]),
    # 扣除价格因素/实际 qualify the verb: the change is of the indicator named before
    ("日期:2030-07-20\n上半年,全市居民人均消费支出21000元,名义增长6.1%,扣除价格因素实际增长4.3%。",
     [("4.3%", "indicator", "居民人均消费支出")]),
    ("日期:2030-07-20\n上半年全市地区生产总值按不变价格计算增长5.0%。", [("5.0%", "indicator", "地区生产总值")]),
    # 城乡 before 分别 splits into 城镇 and 农村; without 分别 it stays one name
    ("日期:2030-12-20\n五年来城乡居民人均可支配收入年均分别增长6.0%和7.5%。",
     [("6.0%", "indicator", "城镇居民人均可支配收入"), ("7.5%", "indicator", "农村居民人均可支配收入")]),
    ("日期:2030-12-20\n城乡居民基本医疗保险参保率达到97%。", [("97%", "indicator", "城乡居民基本医疗保险参保率")]),
    # a sentence citing one platform's or company's own data reports its figures; the statistics bureau's
    # data stay the area's
    ("日期:2030-10-09\n据某外卖平台统计,假期全市餐饮订单量同比增长18.5%。", [("18.5%", "region", None)]),
    ("日期:2030-10-09\n某出行平台数据显示,酒店预订量同比增长12%。", [("12%", "region", None)]),
    ("日期:2030-10-09\n据市统计局统计,全市餐饮收入同比增长6.5%。", [("6.5%", "region", "北京市")]),
    # an agency with a modal verb opening the name acts; it is not what is measured
    ("日期:2030-10-09\n下阶段,市文旅部门将推出80条精品线路。", [("80条", "indicator", "推出精品线路数量")]),
    ("日期:2030-10-09\n区商务局计划举办促消费活动30场。", [("30场", "indicator", "举办促消费活动场次")]),
    ("日期:2030-10-09\n全市政府投资项目完成投资120亿元。", [("120亿元", "indicator", "政府投资项目完成投资")]),
    # units of environment and population bulletins; 等效 opens a word, it ends no examples
    ("日期:2030-03-09\n2029年,城市区域声环境昼间等效声级平均值为52.8dB(A)。",
     [("52.8dB(A)", "unit", "dB(A)"), ("52.8dB(A)", "indicator", "城市区域声环境昼间等效声级平均值")]),
    ("日期:2030-03-09\n2029年,人口自然增长率为-1.11‰,比上年下降0.52个千分点。",
     [("0.52个千分点", "unit", "个千分点"), ("0.52个千分点", "value", -0.52)]),
    # 完成…任务N is what was done; the plan's own amount is the one a share of it follows
    ("日期:2030-03-09\n2029年,全年完成造林任务326.8万亩。", [("326.8万亩", "status", "actual")]),
    ("日期:2030-03-09\n2029年,全区一般公共预算收入完成调整预算84.58亿元的102.3%。",
     [("84.58亿元", "status", "target")]),
    # a final account's plan amount (为调整预算数X的Y%) is the subject's plan, not a quantity named 调整预算数
    ("日期:2030-08-26\n2029年,全市一般公共预算收入决算数812.46亿元,为调整预算数802.80亿元的101.2%。",
     [("802.80亿元", "indicator", "一般公共预算收入决算数"), ("802.80亿元", "status", "target"),
      ("101.2%", "indicator", "一般公共预算收入决算数")]),
    # an age band is part of the name (0—14岁人口), and 人口 counts people already (no 人数 after it)
    ("日期:2030-03-09\n2029年末,全市常住人口中,0—14岁人口为56.84万人;65岁及以上人口为72.68万人。",
     [("56.84万人", "indicator", "0—14岁人口"), ("72.68万人", "indicator", "65岁及以上人口"),
      ("56.84万人", "indicator_code", "pop.age_0_14")]),
    # the census wording of the urban population
    ("日期:2030-03-09\n2029年末,全市常住人口中,居住在城镇的人口为275.36万人。",
     [("275.36万人", "indicator_code", "pop.urban")]),
    # how much a price moved the index (影响CPI上涨约X个百分点) is that price's contribution
    ("日期:2030-12-09\n11月份,鲜菜价格上涨3.5%,影响CPI上涨约0.07个百分点。",
     [("0.07个百分点", "indicator", "鲜菜价格对居民消费价格的影响"), ("3.5%", "indicator", "鲜菜价格")]),
    # a statistic's own numbers stay in its name (日最大8小时, 第90百分位) and are no facts; 上升 ends no name
    ("日期:2030-03-09\n2029年,臭氧日最大8小时滑动平均值第90百分位数浓度为146微克/立方米,同比上升2.8%。",
     [("146微克/立方米", "indicator", "臭氧日最大8小时滑动平均值第90百分位数浓度"),
      ("2.8%", "indicator", "臭氧日最大8小时滑动平均值第90百分位数浓度")]),
    # a survey sample named after the number
    ("日期:2030-10-09\n市统计局对800名游客开展的抽样调查显示,游客满意度较高。", [("800名", "region", None)]),
]


DOC_REGIONS = [
    # the newspaper names its city; a province heading an institution's name does not count
    ("南昌晚报　2030年10月8日\n国庆假期南昌游客增多", "江西省博物馆接待观众5万人次,全市接待游客800万人次。",
     "南昌市"),
    ("", "湖南大学开学。全市新增就业2万人,湖南省博物馆接待观众3万人次。全市消费增长。", None),
    # a provincial newspaper names its province; a national paper names no place
    ("浙江日报　2030年5月2日\n全省假期消费旺盛", "全省接待游客3000万人次。", "浙江省"),
    ("人民日报　2030年5月2日\n假期消费旺盛", "全国国内出游3亿人次。", None),
    # an institution in the title does not name the area either; a statistics bureau does
    ("浙江省博物馆迎来客流高峰\n本报讯 全市博物馆接待观众3万人次",
     "西安市文旅局介绍,全市博物馆接待观众。西安市游客增多。", "西安市"),
    ("浙江省统计局\n2030年上半年浙江经济运行", "全省经济平稳。", "浙江省"),
    # the body counts a province only where it is not an institution's head
    ("", "广东省统计局数据显示,全省工业增长。广东省经济运行平稳。", "广东省"),
]


@pytest.mark.parametrize(("head", "body", "city"), DOC_REGIONS)
def test_document_region_ignores_institutions(head: str, body: str, city: str | None) -> None:
    got = document_regions(head, body)[0]
    if city is None:
        assert got not in ("湖南省", "人民市"), got  # 全市 never stands for a province; 人民日报 names no place
    else:
        assert got == city


@pytest.mark.parametrize(("text", "checks"), PHENOMENA)
def test_generalization_phenomena(text: str, checks: list[tuple[str, str, object]]) -> None:
    facts = {f.quote: f for f in extract_facts(text, doc="t.txt", doc_id="t")}
    for quote, field, expected in checks:
        assert quote in facts, (quote, sorted(facts))
        assert getattr(facts[quote], field) == expected, (quote, field, getattr(facts[quote], field))
