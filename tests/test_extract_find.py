"""Find stage, table-driven: one row per phenomenon, written for these tests (not seed lines).

Each row is a text and the exact facts the find stage must give: quote (the span in the
stored text), value, unit, measure, qualifier. Negative rows expect no fact at all.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.mentions import find_mentions
from bulletins.extract.normalize import normalize
from bulletins.extract.numbers import parse_chinese, parse_fraction, parse_number
from bulletins.extract.sentences import split_sentences
from bulletins.extract.units import split_unit, to_base

# (text, [(quote, value, unit, measure, qualifier), ...])
CASES: list[tuple[str, list[tuple[str, float | None, str, str, str]]]] = [
    # plain numbers, separators, decimals, signs
    ("全区蔬菜产量达到1,234.5吨。", [("1,234.5吨", 1234.5, "吨", "level", "exact")]),
    ("某县居民人均支出15306元。", [("15306元", 15306, "元", "level", "exact")]),
    ("工业品出厂价格指数为-1.5%。", [("-1.5%", -1.5, "%", "level", "exact")]),
    # multipliers glued to units
    ("全年接待游客356.2万人次。", [("356.2万人次", 356.2, "万人次", "level", "exact")]),
    ("实际利用外资12.3亿美元。", [("12.3亿美元", 12.3, "亿美元", "level", "exact")]),
    ("新建住宅面积85万平方米。", [("85万平方米", 85, "万平方米", "level", "exact")]),
    ("金融业资产规模达2.1万亿元。", [("2.1万亿元", 2.1, "万亿元", "level", "exact")]),
    ("新增市场主体超过3.2万。", [("3.2万", 3.2, "万", "level", "min")]),
    # a space between number and unit (PDF text)
    (
        "全年地区生产总值 43760.7 亿元,比上年增长 5.2 %。",
        [("43760.7 亿元", 43760.7, "亿元", "level", "exact"), ("5.2 %", 5.2, "%", "change", "exact")],
    ),
    # Chinese numerals and mixed forms
    ("引进企业两千余家。", [("两千余家", 2000, "家", "level", "approx")]),
    ("举办讲座千余场。", [("千余场", 1000, "场", "level", "approx")]),
    ("改造公园三处。", [("三处", 3, "处", "level", "exact")]),
    ("建成绿道1.2万余米。", [("1.2万余米", 1.2, "万米", "level", "approx")]),
    ("培训教师300余万人次。", [("300余万人次", 300, "万人次", "level", "approx")]),
    ("辖区内有80多家医院。", [("80多家", 80, "家", "level", "approx")]),
    # fractions, tenths, halves
    ("研发人员占职工总数的四分之一。", [("四分之一", 25, "%", "share", "exact")]),
    ("出口额占全省的三分之二。", [("三分之二", 66.67, "%", "share", "exact")]),
    ("民营企业占比超六成。", [("六成", 60, "%", "share", "min")]),
    ("约7成企业开展了数字化改造。", [("7成", 70, "%", "share", "approx")]),
    ("服务业占全国比重超过2/5。", [("2/5", 40, "%", "share", "min")]),
    ("工程进度过半。", [("过半", 50, "%", "share", "min")]),
    ("新能源车占全省的一半以上。", [("一半", 50, "%", "share", "min")]),
    # change with sign and comparison
    ("全县生产总值同比增长6.1%。", [("6.1%", 6.1, "%", "change", "exact")]),
    ("能耗比上年下降3.2%。", [("3.2%", -3.2, "%", "change", "exact")]),
    ("降幅收窄2.5个百分点。", [("2.5个百分点", 2.5, "个百分点", "change", "exact")]),
    ("降幅比1-5月收窄0.8个百分点。", [("0.8个百分点", 0.8, "个百分点", "change", "exact")]),
    ("增速回落1.2个百分点。", [("1.2个百分点", -1.2, "个百分点", "change", "exact")]),
    ("增速比上半年减缓0.2个百分点。", [("0.2个百分点", -0.2, "个百分点", "change", "exact")]),
    # 增长面 / 亏损面: the share of the units (行业大类, 企业) that grew or lost, not a growth
    ("全省29个工业行业大类中有22个增长，增长面为75.9%。", [("29个", 29, "个", "level", "exact"),
                                                 ("22个", 22, "个", "level", "exact"),
                                                 ("75.9%", 75.9, "%", "share", "exact")]),
    ("规上工业企业亏损面为15.2%。", [("15.2%", 15.2, "%", "share", "exact")]),
    # a hotel's average room rate; an urban/rural income ratio said with 之比
    ("平均房价486元/间夜。", [("486元/间夜", 486, "元/间夜", "level", "exact")]),
    ("城乡居民人均可支配收入之比为1.98。", [("1.98", 1.98, "", "level", "exact")]),
    ("城镇居民收入增速低于全省0.8个百分点。", [("0.8个百分点", -0.8, "个百分点", "change", "exact")]),
    ("消费增速快于二季度1.1个百分点。", [("1.1个百分点", 1.1, "个百分点", "change", "exact")]),
    ("与气象条件相似的2019年相比,下降6微克/立方米。", [("6微克/立方米", -6, "微克/立方米", "change", "exact")]),
    ("与居民收入增长100元。", [("100元", 100, "元", "level", "exact")]),
    ("细颗粒物浓度较2015年下降12微克/立方米。", [("12微克/立方米", -12, "微克/立方米", "change", "exact")]),
    ("出口额同比增长2.3倍。", [("2.3倍", 2.3, "倍", "change", "exact")]),
    ("人均绿地面积是全省的1.6倍。", [("1.6倍", 1.6, "倍", "ratio", "exact")]),
    ("营业收入达到上年的两倍。", [("两倍", 2, "倍", "ratio", "exact")]),
    ("研发投入相当于全国平均水平的2.3倍。", [("2.3倍", 2.3, "倍", "ratio", "exact")]),
    ("服务床位达张,", [("张", None, "张", "level", "exact")]),
    ("平均通勤时间缩短至35分钟左右。", [("35分钟", 35, "分钟", "level", "approx")]),
    # an amount added is a level, not a change against a base
    ("全年新增就业岗位5.6万个。", [("5.6万个", 5.6, "万个", "level", "exact")]),
    ("新增停车位1200个。", [("1200个", 1200, "个", "level", "exact")]),
    # shares
    ("高新技术企业营收占全市45%。", [("45%", 45, "%", "share", "exact")]),
    ("绿色建筑占比达到70%。", [("70%", 70, "%", "share", "exact")]),
    ("完成年度计划的62.5%。", [("62.5%", 62.5, "%", "share", "exact")]),
    ("适龄儿童100%入园。", [("100%", 100, "%", "level", "exact")]),
    ("实现全区70%以上的事项掌上办。", [("70%", 70, "%", "share", "min")]),
    ("城镇调查失业率为4.4%。", [("4.4%", 4.4, "%", "level", "exact")]),
    # lists
    (
        "三类投资分别增长12.1%、8.4%和3.3%。",
        [
            ("12.1%", 12.1, "%", "change", "exact"),
            ("8.4%", 8.4, "%", "change", "exact"),
            ("3.3%", 3.3, "%", "change", "exact"),
        ],
    ),
    (
        "两项收入分别下降2%、5%。",
        [("2%", -2, "%", "change", "exact"), ("5%", -5, "%", "change", "exact")],
    ),
    (
        "棚户区改造新开工420套、竣工180套。",
        [("420套", 420, "套", "level", "exact"), ("180套", 180, "套", "level", "exact")],
    ),
    (
        "二氧化氮和二氧化硫浓度分别为28、4微克/立方米。",
        [("28", 28, "微克/立方米", "level", "exact"), ("4微克/立方米", 4, "微克/立方米", "level", "exact")],
    ),
    # ranges
    (
        "审批时间压缩3到5个工作日。",
        [("3", 3, "个工作日", "level", "min"), ("5个工作日", 5, "个工作日", "level", "max")],
    ),
    ("力争3到5年内建成。", [("3", 3, "年", "level", "min"), ("5年", 5, "年", "level", "max")]),
    ("营业收入同比增长一成。", [("一成", 10, "%", "change", "exact")]),
    ("建成10至15个特色小镇。", [("10", 10, "个", "level", "min"), ("15个", 15, "个", "level", "max")]),
    ("预计全年增长5%-6%。", [("5%", 5, "%", "change", "min"), ("6%", 6, "%", "change", "max")]),
    ("利润同比下降3%至5%。", [("3%", -3, "%", "change", "min"), ("5%", -5, "%", "change", "max")]),
    ("工业品价格同比增长-0.5%。", [("-0.5%", -0.5, "%", "change", "exact")]),
    ("价格指数为−1.2%。", [("−1.2%", -1.2, "%", "level", "exact")]),
    ("户籍居民平均期望寿命82.5岁。", [("82.5岁", 82.5, "岁", "level", "exact")]),
    ("全年接报火灾3456起。", [("3456起", 3456, "起", "level", "exact")]),
    ("最高奖励五十万元。", [("五十万元", 50, "万元", "level", "exact")]),
    ("事故率控制在千分之三以内。", [("千分之三", 0.3, "%", "share", "max")]),
    ("城乡居民收入比为2.42。", [("2.42", 2.42, "", "level", "exact")]),
    ("居民消费价格指数(CPI)为100.3。", [("100.3", 100.3, "", "level", "exact")]),
    ("粮食产量比上年减产4.7%。", [("4.7%", -4.7, "%", "change", "exact")]),
    ("降尘量同比改善12.5%。", [("12.5%", -12.5, "%", "change", "exact")]),
    ("营商环境满意度同比改善3%。", [("3%", 3, "%", "change", "exact")]),
    ("居民消费价格上涨0.4%1。", [("0.4%", 0.4, "%", "change", "exact")]),
    # qualifiers
    ("项目总投资约12亿元。", [("12亿元", 12, "亿元", "level", "approx")]),
    ("接待观众近5000人次。", [("5000人次", 5000, "人次", "level", "approx")]),
    ("覆盖居民超过8万户。", [("8万户", 8, "万户", "level", "min")]),
    ("林木覆盖率保持在60%以上。", [("60%", 60, "%", "level", "min")]),
    ("失业率控制在4.5%以内。", [("4.5%", 4.5, "%", "level", "max")]),
    ("办结时限不超过15天。", [("15天", 15, "天", "level", "max")]),
    ("项目在90天内开工。", [("90天", 90, "天", "level", "max")]),
    ("已签约企业120家。", [("120家", 120, "家", "level", "exact")]),
    ("每个社区至少配备一名调解员。", [("一名", 1, "名", "level", "min")]),
    ("不少于建设3个示范点。", [("3个", 3, "个", "level", "min")]),
    ("引进5家内资企业。", [("5家", 5, "家", "level", "exact")]),
    # blanks: the source lost the number
    (
        "全县税收收入完成亿元,同比增长;",
        [("亿元", None, "亿元", "level", "exact"), ("同比增长", None, "%", "change", "exact")],
    ),
    (
        "高技术产业增加值亿元,占全省。",
        [("亿元", None, "亿元", "level", "exact"), ("占全省", None, "%", "share", "exact")],
    ),
    ("登记失业率控制在以内。", [("控制在以内", None, "%", "level", "max")]),
    ("新建公园绿地公顷,", [("公顷", None, "公顷", "level", "exact")]),
    ("空气优良天数比例为,", [("例为", None, "%", "level", "exact")]),
    # blanks before half-width punctuation used as Chinese punctuation (web text)
    ("全县登记失业率为.", [("率为", None, "%", "level", "exact")]),
    (
        "全县零售额亿元,同比增长.",
        [("亿元", None, "亿元", "level", "exact"), ("同比增长", None, "%", "change", "exact")],
    ),
    ("其中线上销售占.", [("占", None, "%", "share", "exact")]),
    ("全年帮扶残疾人就业人,", [("人", None, "人", "level", "exact")]),
    # a rate whose digits were lost keeps its unit; its measure comes from the verb
    (
        "全县营业收入同比增长%,占全市的%。",
        [("%", None, "%", "change", "exact"), ("%", None, "%", "share", "exact")],
    ),
    ("全县登记失业率为%以内。", [("%", None, "%", "level", "max")]),
    (
        "水质、空气达标率分别达到、98%以上。",
        [("别达到", None, "%", "level", "min"), ("98%", 98, "%", "level", "min")],
    ),
    ("增速高于全省个百分点。", [("个百分点", None, "个百分点", "change", "exact")]),
    ("全年安置退役军人,服务老年人。", []),
    # a structure of shares: one share per part when the parts add up to 100
    (
        "全县三次产业结构为8.1:40.6:51.3。",
        [
            ("8.1", 8.1, "%", "share", "exact"),
            ("40.6", 40.6, "%", "share", "exact"),
            ("51.3", 51.3, "%", "share", "exact"),
        ],
    ),
    ("男女比例为51.2∶48.8。", [("51.2", 51.2, "%", "share", "exact"), ("48.8", 48.8, "%", "share", "exact")]),
    ("地图比例为1:2000。", []),
    (
        "产业结构调整为6.5:35.2:58.3。",
        [
            ("6.5", 6.5, "%", "share", "exact"),
            ("35.2", 35.2, "%", "share", "exact"),
            ("58.3", 58.3, "%", "share", "exact"),
        ],
    ),
    # a named rate holding 增长率 is a level; a signed list item keeps its own sign
    ("人口自然增长率为-0.85‰。", [("-0.85‰", -0.85, "‰", "level", "exact")]),
    ("人口增长率为1.2%。", [("1.2%", 1.2, "%", "change", "exact")]),
    (
        "三个行业分别增长4.5%和-1.2%。",
        [("4.5%", 4.5, "%", "change", "exact"), ("-1.2%", -1.2, "%", "change", "exact")],
    ),
    # a blank unit after a threshold word names a size class (超亿元企业)
    ("产值超亿元企业45家。", [("45家", 45, "家", "level", "exact")]),
    # a relative number before 以上 + noun is a share of the group, an absolute one a size class
    ("三分之一以上农户参加了合作社。", [("三分之一", 33.33, "%", "share", "min")]),
    ("六成以上企业实现盈利。", [("六成", 60, "%", "share", "min")]),
    ("80%以上村庄通了公交。", [("80%", 80, "%", "share", "min")]),
    ("500万元以下小微企业免征增值税。", []),
    ("全年粮食产量达到52亿斤。", [("52亿斤", 52, "亿斤", "level", "exact")]),
    # a qualifier between a change verb and N成 keeps it a change; 两成 is a tenth
    ("出口额增长近两成。", [("两成", 20, "%", "change", "approx")]),
    # 恢复至…的N成 is a ratio to the base
    ("客流恢复到2019年的九成。", [("九成", 90, "%", "ratio", "exact")]),
    # 多/少 right after a comparison base is a change
    ("新登记企业比上年多320家。", [("320家", 320, "家", "change", "exact")]),
    ("事故起数较上年少12起。", [("12起", -12, "起", "change", "exact")]),
    ("全县有320多家企业。", [("320多家", 320, "家", "level", "approx")]),
    # a round mark after a bound word is a quantity; before a noun it is a size class
    ("全年销售额首次突破百亿元。", [("百亿元", 100, "亿元", "level", "min")]),
    ("新签约超百亿元项目3个。", [("3个", 3, "个", "level", "exact")]),
    # a dash after a digit is a range mark: two facts, not a negative number
    ("目标增速为4-5%。", [("4", 4, "%", "change", "min"), ("5%", 5, "%", "change", "max")]),
    ("每村配备2-3名网格员。", [("2", 2, "名", "level", "min"), ("3名", 3, "名", "level", "max")]),
    ("最低气温-3℃。", [("-3℃", -3, "℃", "level", "exact")]),
    # a Chinese numeral with a multiplier counts with any unit
    ("人均存款三万余元。", [("三万余元", 3, "万元", "level", "approx")]),
    # a bare 百/千 after a bound word is a round count
    ("吸引逾百家企业入驻。", [("百家", 100, "家", "level", "min")]),
    ("百家争鸣。", []),
    # 一倍 after a change verb is a change, not an article; 了 between verb and number
    ("出口额增长一倍。", [("一倍", 1, "倍", "change", "exact")]),
    ("利润提高了三成。", [("三成", 30, "%", "change", "exact")]),
    # 高/低 right after a comparison base is a change
    ("增速比全省高1.3个百分点。", [("1.3个百分点", 1.3, "个百分点", "change", "exact")]),
    # X:1 after a ratio noun is the ratio's level; its unitless change follows
    (
        "城乡收入之比为2.3:1,比上年缩小0.05。",
        [("2.3", 2.3, "", "level", "exact"), ("0.05", -0.05, "", "change", "exact")],
    ),
    ("性别比为104.5:100。", []),
    ("十十分之一。", []),
    ("％十十一％", []),  # a malformed numeral (cn2an raises KeyError on it): no fact, no crash
    # percentages written in Chinese numerals
    ("服务业增加值增长百分之七点五。", [("百分之七点五", 7.5, "%", "change", "exact")]),
    ("民营经济占比达到百分之六十。", [("百分之六十", 60, "%", "share", "exact")]),
    ("基金总规模超过亿元,", [("亿元", None, "亿元", "level", "min")]),
    # a unitless change of a bare level (an index, a ratio)
    (
        "城乡收入比为2.05,比上年缩小0.04。",
        [("2.05", 2.05, "", "level", "exact"), ("0.04", -0.04, "", "change", "exact")],
    ),
    ("比上年增加5。", []),
    # every item of a change list is a change, whatever the first item's unit
    (
        "两类产品产量分别增长1.5倍和42.3%。",
        [("1.5倍", 1.5, "倍", "change", "exact"), ("42.3%", 42.3, "%", "change", "exact")],
    ),
    # a share noun with a verb reaching a level is still a share; a plain level stays a level
    ("新能源车销量占比提升至38.2%。", [("38.2%", 38.2, "%", "share", "exact")]),
    ("服务业比重降至55.1%。", [("55.1%", 55.1, "%", "share", "exact")]),
    ("城镇化率提高到66.2%。", [("66.2%", 66.2, "%", "level", "exact")]),
    # a closed aside does not cut the clause: the share verb before it still governs the number
    ("乡村人口占总人口的比重(乡村人口比例)为33.1%。", [("33.1%", 33.1, "%", "share", "exact")]),
    # a qualifier before 占 governs the share later in the clause
    ("县域消费约占全市的四分之一。", [("四分之一", 25, "%", "share", "approx")]),
    ("服务业约占全县经济总量的55%。", [("55%", 55, "%", "share", "approx")]),
    # 相当于…的N成 is a ratio to the base
    (
        "上半年完成投资45亿元,相当于上年全年的六成。",
        [("45亿元", 45, "亿元", "level", "exact"), ("六成", 60, "%", "ratio", "exact")],
    ),
    # a comparison against a group that is no region or time (快于规上工业)
    (
        "装备制造业增长9.1%,快于规上工业1.7个百分点。",
        [("9.1%", 9.1, "%", "change", "exact"), ("1.7个百分点", 1.7, "个百分点", "change", "exact")],
    ),
    ("建设工业4.0示范工厂。", []),
    # a number inside a short quoted name is part of the name; inside quoted speech it is a fact
    ("建成8个“10分钟健身圈”示范点。", [("8个", 8, "个", "level", "exact")]),
    ("“今年新签约项目超过20个。”", [("20个", 20, "个", "level", "min")]),
    ("他表示全年“增长6%左右”。", [("6%", 6, "%", "change", "approx")]),
    # thresholds that define a group are criteria, not facts
    ("利润增速超过15%的企业有42家。", [("42家", 42, "家", "level", "exact")]),
    ("全县8个乡镇中,有四分之一的乡镇财政收入增速超过20%。", [("8个", 8, "个", "level", "exact"),
                                                             ("四分之一", 25, "%", "share", "exact")]),
    ("工业增加值增速超过6%。", [("6%", 6, "%", "change", "min")]),
    # calendar lengths of holidays, notes blocks and definitions are no facts
    ("春节假期8天,全县接待游客12万人次。", [("12万人次", 12, "万人次", "level", "exact")]),
    ("注:\n1.规模以上服务业统计范围为年营业收入1000万元及以上的法人单位.\n\n全年增长4%。",
     [("4%", 4, "%", "change", "exact")]),
    ("全年限上企业统计范围为年零售额500万元以上的企业。", []),
    # a note line does not swallow the paragraphs after it
    ("注:本表数据为初步数。\n二、农业\n全年粮食产量增长3%。", [("3%", 3, "%", "change", "exact")]),
    ("注重质量,全年增长4%。", [("4%", 4, "%", "change", "exact")]),
    # framing labels and programme labels are no counts
    ("从三大需求看,消费增长6%。", [("6%", 6, "%", "change", "exact")]),
    ("落实15条先行先试政策。", []),
    ("覆盖三个层级的服务网络。", []),
    ("新建道路15条。", [("15条", 15, "条", "level", "exact")]),
    # units of things, energy, mass and freight
    ("新装路灯860盏。", [("860盏", 860, "盏", "level", "exact")]),
    ("植树2.4万棵。", [("2.4万棵", 2.4, "万棵", "level", "exact")]),
    ("吞吐量320万标箱。", [("320万标箱", 320, "万标箱", "level", "exact")]),
    ("光伏装机1.5吉瓦。", [("1.5吉瓦", 1.5, "吉瓦", "level", "exact")]),
    ("人均消费蔬菜96kg。", [("96kg", 96, "kg", "level", "exact")]),
    ("五棵松体育馆开放。", []),
    # numbers after a full-width or traditional form
    ("全年糧食產量２２８６１噸。", [("２２８６１噸", 22861, "吨", "level", "exact")]),
    # negatives: not quantities
    ("2023年6月19日召开会议。", []),
    ("建成5G基站。", []),
    ("地铁14号线开通。", []),
    ("30万吨级航道改扩建工程推进。", []),
    ("臭氧日最大8小时滑动平均值第90百分位数浓度下降。", []),
    # ... but a tonnage that is no class is a quantity
    ("货物吞吐量30万吨。", [("30万吨", 30, "万吨", "level", "exact")]),
    # new units: 套（间）, 亿块, 户次, 航次, dB(A), 个千分点
    ("筹集保障性租赁住房8650套（间）。", [("8650套（间）", 8650, "套(间)", "level", "exact")]),
    ("集成电路产量11.84亿块。", [("11.84亿块", 11.84, "亿块", "level", "exact")]),
    ("检查用人单位1286户次。", [("1286户次", 1286, "户次", "level", "exact")]),
    ("发送游船1862航次。", [("1862航次", 1862, "航次", "level", "exact")]),
    ("昼间等效声级平均值为52.8dB(A)。", [("52.8dB(A)", 52.8, "dB(A)", "level", "exact")]),
    ("PM2.5浓度下降。", []),
    ("纪念4·18火灾。", []),
    ("实施6+4一体化方案。", []),
    ("构建1+N政策体系。", []),
    ("开展3个100工程。", []),
    ("落实十四五规划。", []),
    ("参加Sibos2024年会。", []),
    ("推进0411街区更新。", []),
    ("迈向互联网3.0时代。", []),
    ("连续五年位居全省第一。", []),
    ("实施三年行动计划。", []),
    ("推出一批重点项目。", []),
    ("(一)稳增长", []),
    ("专栏3 重点工程", []),
    ("全力建设“四个中心”。", []),
    ("支持1000万元以下小微企业。", []),
    ("经济稳定增长,结构持续优化。", []),
    ("落实中关村24条政策。", []),
    ("试运行两个月以来成效明显。", []),
    ("发布10亿参数大模型。", []),
    ("消除劣五类水体。", []),
    ("支持3岁以下婴幼儿照护。", []),
    ("途经三元桥。", []),
    ("提供7×24小时服务。", []),
    ("绘制1:500地形图。", []),
    ("双11期间热销。", []),
    ("地区生产总值 亿元 43760.7", []),
    ("表1 主要指标(单位:万元)", []),
    ("培育税收亿元楼宇。", []),
    ("服务亿元以上规模企业。", []),
    ("建设110千伏变电站。", []),
    ("举办2—3岁托班。", []),
]


def _mentions(text: str) -> list[tuple[str, float | None, str, str, str]]:
    norm = normalize(text)
    out = []
    for sentence in split_sentences(norm.text):
        for m in find_mentions(norm.text, sentence):
            start, end = norm.orig_span(m.start, m.end)
            out.append((text[start:end], m.value, m.unit, m.measure, m.qualifier))
    return out


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_find_phenomena(text: str, expected: list[tuple[str, float | None, str, str, str]]) -> None:
    got = _mentions(text)
    assert [(q, u, me, ql) for q, _, u, me, ql in got] == [(q, u, me, ql) for q, _, u, me, ql in expected]
    for (_, gv, *_), (_, ev, *_) in zip(got, expected, strict=True):
        assert (gv is None and ev is None) or gv == pytest.approx(ev)


@pytest.mark.parametrize(("text", "expected"), [c for c in CASES if c[1]], ids=[c[0][:16] for c in CASES if c[1]])
def test_spans_point_into_stored_text(text: str, expected: list[tuple[str, float | None, str, str, str]]) -> None:
    facts = extract_facts(text, doc="t.txt", doc_id="t")
    for f in facts:
        assert text[f.span_start : f.span_end] == f.quote
    assert [f.quote for f in facts] == [e[0] for e in expected]


def _gap(text: str, expected: tuple[str, float | None, str, str, str], reason: str) -> object:
    return pytest.param(text, expected, marks=pytest.mark.xfail(reason=reason, strict=True), id=text[:12])


XFAIL_CASES = [
    _gap("入住率超80%。", ("80%", 80, "%", "share", "min"), "occupancy as a share needs the indicator's meaning"),
    _gap("发放三期消费券。", ("三期", 3, "期", "level", "exact"), "期 after a Chinese numeral is usually a phase name"),
    _gap("全年预计5%左右。", ("5%", 5, "%", "change", "approx"), "growth named in an earlier clause only"),
]


@pytest.mark.parametrize(("text", "expected"), XFAIL_CASES)
def test_known_gaps(text: str, expected: tuple[str, float | None, str, str, str]) -> None:
    assert _mentions(text) == [expected]


def test_list_mentions_share_a_group_and_index() -> None:
    text = "三项指标分别增长5%、6%和7%。"
    norm = normalize(text)
    ms = find_mentions(norm.text, split_sentences(norm.text)[0])
    assert [m.list_index for m in ms] == [0, 1, 2]
    assert len({m.list_group for m in ms}) == 1 and ms[0].list_group is not None


def test_compare_to_from_markers() -> None:
    cases = {
        "产值同比增长5%。": "上年同期",
        "产值比上年增长5%。": "上年",
        "增速高于全国1.2个百分点。": "全国",
        "浓度较2019年下降8微克/立方米。": "2019年",
        "面积是全国的2倍。": "全国",
        "水平为全市水平的3倍。": "全市",
        "浓度与2019年相比,下降8微克/立方米。": "2019年",
        "浓度较2019年分别下降11.5%。": "2019年",
        "金融业比一季度增加0.4个百分点,信息业增长14.1%。": "一季度",
    }
    for text, want in cases.items():
        norm = normalize(text)
        ms = find_mentions(norm.text, split_sentences(norm.text)[0])
        assert [m.compare_to for m in ms][:1] == [want], text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("就业人数比上年末增加2.1万人。", ["上年末"]),
        ("贷款余额较年初增加300亿元。", ["年初"]),
        ("人均收入为全省平均水平的1.4倍。", ["全省平均水平"]),
        ("全年商品房价格比上年下降1.2%,二手房价格下降2.3%。", ["上年", "上年"]),
    ],
)
def test_compare_to_as_written(text: str, want: list[str]) -> None:
    norm = normalize(text)
    ms = find_mentions(norm.text, split_sentences(norm.text)[0])
    assert [m.compare_to for m in ms if m.measure in ("change", "ratio")] == want


@pytest.mark.parametrize(
    ("text", "date", "want"),
    [
        # a 其中 list takes the base its head sentence states
        ("全年工业品价格比上年上涨1.1%。其中,钢材价格下降3.2%,水泥价格上涨0.6%。", None, ["上年", "上年", "上年"]),
        # 环比 is named by the grain of the period: a month → 上月
        ("2022年8月份,全县商品零售额环比增长0.8%。", "2022-09-14", ["上月"]),
        # … a quarter → the quarter before, by name
        ("2022年三季度,全县商品零售额环比增长0.8%。", "2022-10-20", ["二季度"]),
        # without a stated base a sentence after 其中 keeps the default
        ("全年工业品价格上涨1.1%。其中,钢材价格下降3.2%。", None, [None, None]),
    ],
)
def test_compare_to_across_sentences_and_grain(text: str, date: str | None, want: list[str | None]) -> None:
    from datetime import date as _date

    facts = extract_facts(text, doc="t", doc_id="t", doc_date=_date.fromisoformat(date) if date else None)
    assert [f.compare_to for f in facts if f.measure == "change"] == want


def test_predicate_start_skips_words_that_contain_a_verb() -> None:
    cases = [("新建场馆占地面积2.3万平方米。", "2.3万"), ("已签约45个项目。", "45个"), ("签约约45个项目。", "约45个")]
    for text, pred in cases:
        norm = normalize(text)
        (m,) = find_mentions(norm.text, split_sentences(norm.text)[0])
        assert norm.text[m.predicate_start :].startswith(pred), text


def test_status_hint_and_predicate_start() -> None:
    text = "全年投资预计超1200亿元。"
    norm = normalize(text)
    (m,) = find_mentions(norm.text, split_sentences(norm.text)[0])
    assert m.status_hint == "estimate"
    assert m.qualifier == "min"
    assert norm.text[m.predicate_start : m.start] == "超"


def test_normalize_keeps_offsets_and_repairs_text() -> None:
    text = (
        "公园绿地覆盖率达到了百分之九十以上，全区人均公园绿地面积为十二平方米，"
        "城\n\n区公园绿地５００米服务半径\u200b覆盖率９５％。"
    )
    norm = normalize(text)
    assert "城区公园绿地500米服务半径覆盖率95%" in norm.text
    assert len(norm.to_orig) == len(norm.text) + 1
    assert all(a < b for a, b in zip(norm.to_orig, norm.to_orig[1:], strict=False))
    assert "\u200b" not in norm.text and "\n" not in norm.text
    i = norm.text.index("95%")
    s, e = norm.orig_span(i, i + 3)
    assert text[s:e] == "９５％"


def test_letter_spaced_lines_are_closed_up_with_exact_spans() -> None:
    text = "全 县 粮 食 产 量 2 8 . 6 万 吨 , 增 长 2 . 3 % 。\nMade in China 2024"
    norm = normalize(text)
    assert norm.text.startswith("全县粮食产量28.6万吨,增长2.3%。")
    assert "Made in China 2024" in norm.text  # a line of words keeps its spaces
    facts = extract_facts(text, doc="t", doc_id="t")
    assert [(f.quote, f.value, f.unit, f.measure) for f in facts] == [
        ("2 8 . 6 万 吨", 28.6, "万吨", "level"),
        ("2 . 3 %", 2.3, "%", "change"),
    ]


def test_normalize_drops_page_furniture_duplicates_and_boilerplate() -> None:
    para = "全市地区生产总值达到一万亿元以上并保持稳定增长态势。"
    text = f"当前位置:首页 > 新闻\n{para}\n（上接第1版）全年新增就业12万人。\n{para}\n"
    norm = normalize(text)
    assert "首页" not in norm.text
    assert "上接" not in norm.text
    assert norm.text.count(para) == 1
    assert "全年新增就业12万人" in norm.text


def test_normalize_traditional_to_simplified_one_for_one() -> None:
    text = "全區居民人均可支配收入增長5.5%。"
    norm = normalize(text)
    assert norm.text == "全区居民人均可支配收入增长5.5%。"
    assert norm.to_orig[:-1] == list(range(len(text)))


def test_sentences_split_at_end_marks_and_lines() -> None:
    text = "第一句。第二句;第三句!\n第四句"
    assert [s.text for s in split_sentences(text)] == ["第一句。", "第二句;", "第三句!", "第四句"]
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 0, 1]


@pytest.mark.parametrize(
    ("core", "value"),
    [("两千", 2000), ("千", 1000), ("十五", 15), ("一百二十", 120), ("22,861", 22861), ("3.5", 3.5), ("-4", -4)],
)
def test_parse_number(core: str, value: float) -> None:
    assert parse_number(core) == value


def test_parse_chinese_decimal() -> None:
    from bulletins.extract.numbers import parse_chinese_decimal

    assert parse_chinese_decimal("六", "二") == pytest.approx(6.2)
    assert parse_chinese_decimal("十二", "零五") == pytest.approx(12.05)
    assert parse_chinese_decimal("三十") == 30.0
    with pytest.raises(ValueError):
        parse_chinese_decimal("六", "十")


def test_parse_fraction_and_errors() -> None:
    assert parse_fraction("一", "三") == 33.33
    assert parse_fraction("1", "5") == 20.0
    with pytest.raises(ValueError, match="zero denominator"):
        parse_fraction("1", "0")
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        parse_chinese("万物")


@pytest.mark.parametrize(
    ("value", "unit", "base"),
    [
        (1.2, "万户", (12000.0, "户")),
        (7.7, "亿元", (7.7e8, "元")),
        (2.1, "万亿元", (2.1e12, "元")),
        (3, "公顷", (30000.0, "平方米")),
        (1.1, "万", (11000.0, "")),
        (5, "个百分点", (5.0, "个百分点")),
        (None, "亿元", (None, "元")),
        (4, "头牛", (4.0, "头牛")),
    ],
)
def test_to_base(value: float | None, unit: str, base: tuple[float | None, str]) -> None:
    got = to_base(value, unit)
    assert got[1] == base[1]
    assert (got[0] is None and base[0] is None) or got[0] == pytest.approx(base[0])


def test_split_unit_unknown_passes_through() -> None:
    assert split_unit("万平方米") == (10000.0, "平方米")
    assert split_unit("头牛") == (1.0, "头牛")


@pytest.mark.parametrize(
    ("text", "joined", "apart"),
    [
        # a body line cut mid-word is joined, even across a blank line
        (
            "经过多年持续建设,全区生态环境明显改善,人均公园绿地面积16平方米,城\n\n区公园绿地服务半径覆盖率达到95%。",
            "城区公园绿地",
            None,
        ),
        # a number cut from its unit is joined whatever the line length
        ("产量22\n861吨", "22861吨", None),
        ("面积15\n万平方米", "15万平方米", None),
        # a short line ending in a clause comma goes on (PDF text of a narrow column); a ratio cut is one ratio
        ("年末存款余额412.6亿元，\n比上年末增长6.8%。", "亿元,比上年末", None),
        ("三次产业结构为17.9\n∶31.9∶50.2。", "17.9∶31.9", None),
        ("上半年全县实现地区生产总值86\n.42亿元。", "86.42亿元", None),  # a number cut at its decimal point
        ("主要税种中，增值税236.\n48亿元，增长4.6%。", "236.48亿元", None),  # ... or right after it
        ("比上年下降2.\n8%。", "2.8%", None),
        # a key-figures card: a change on its own line goes on its figure's line
        ("规模以上工业总产值：6182.35亿元\n同比增长：5.6%", "亿元同比增长5.6%", None),
        # negative: a sentence's full stop ends it (2023年.) and a list item stays apart
        ("全年新增企业200家。\n1.新建项目35个。", None, "家。\n1."),
        # a list of titles of many lengths is no hard-wrapped text
        ("全县召开经济运行分析会，部署下半年工作\n签约项目上半年全县外贸进出口稳中有升\n市领导调研重点项目建设，强调抓进度\n"
         "全市第二季度安全生产工作会议召开\n我县举办招商引资推介会，签约12个项目\n文旅融合发展论坛在我县举行，共谋发展\n"
         "县委理论学习中心组举行集体学习\n全县防汛工作会议召开，部署汛期工作\n新能源产业园二期开工，总投资5亿元\n"
         "我县获评省级文明城市，群众满意度提升", None, "部署下半年工作\n签约"),
        # text hard-wrapped at 18 characters: a full line is cut by the wrap, a short one ends its paragraph
        ("全年全省地区生产总值2358亿元，比上\n年增长5.1%。第一产业增加值比重为\n13.5%，第二产业增加值比重为34.8\n%，"
         "第三产业增加值比重为51\n.7%。全年人均地区生产总值增长5.3\n%，居民收入稳步增长，消费持续恢\n复，"
         "就业形势保持总体稳定，物价\n水平温和上涨，城乡融合发展加快\n，民生保障有力有效。\n二、农业\n粮食产量\n"
         "增长1.6%，蔬菜产量增长5.6%，\n茶叶产量增长4.9%，水果产量增\n长3.2%。",
         "产量增长3.2%", "农业\n粮食"),
        ("一、农业\n全县粮食产量增长3%。", None, "农业\n全县"),
        # headings, indented paragraphs and datelines stay on their own line
        ("(一)深入实施创新驱动战略,国际科技创新中心核心区建设全面推进\n聚力打造原始创新策源高地。", None, "推进\n聚力"),
        # ... but an item line stating a quantity is body text cut by the page width (PDF text)
        ("(二)社会保障和就业支出类科目 557,718.56 元,占支\n出总预算 7.9%,同比增加 385,314.72 元。",
         "占支出总预算", None),
        ("(一)2023年工作回顾,全年经济运行总体平稳\n聚力打造原始创新策源高地。", None, "平稳\n聚力"),
        ("全市经济运行总体平稳向好,主要指标好于预期并持续改善\n  全年新增就业12万人。", None, "改善\n"),
        ("打造消费IP 扩大消费券补贴范围 推动商文旅体融合发展\n本报讯 (记者 王某) 今年", None, "发展\n本报讯"),
        # a metadata or dateline ending in a date is complete: the next line's year is a new number
        ("发布日期:2022-03-05\n\n2021年全县粮食产量增长3%。", None, "05\n\n2021"),
        ("某县统计局 2022年3月5日\n2021年全县粮食产量增长3%。", None, "日\n2021"),
        # a labelled body line is no metadata line; a body line ending in a year-month is cut mid-date
        (
            "二、工业:全县规模以上工业增加值增长5%,每万人发明专利拥有量达到12\n4.5件,居全省前列。",
            "达到124.5件",
            None,
        ),
        ("全县经济运行总体平稳,主要指标持续向好,存款余额截至2023年12\n月底达到500亿元。", "2023年12月底", None),
        # a name cut from its number is joined, a heading before a dated paragraph is not
        ("全年全县农村居民人均可支配收入\n\n21805元,增长7.5%。", "收入21805元", None),
        ("二、农业\n2021年全县粮食产量增长3%。", None, "农业\n2021年"),
        ("工业和建筑业\n2021年全县工业增长3%。", None, "建筑业\n2021年"),
        # two numbers across a blank line are never glued into one
        ("全县全年实现了较快增长,规模以上工业企业数量达到45\n\n12家企业新投产。", None, "45\n\n12"),
        # a decimal number at a line start is no list marker `1.`: the cut sentence is joined
        (
            "全县农产品网络销售持续较快增长,带动农民增收效果明显,其中生鲜类销售额\n302.7万元,增长8%。",
            "销售额302.7万元",
            None,
        ),
        # lines already joined count together as one body line
        ("全县全年实现社会消费品零售额88.2亿元,同比增长4.1%.其中,餐饮收入\n9.3亿元,增长2%;汽车类零售额下降\n"
         "6.4%.", "下降6.4%", None),
        # a real list marker still starts a new item
        ("全县全年实现社会消费品零售额88.2亿元,同比增长4.1%,餐饮收入\n2.餐饮业增长较快。", None, "\n2.餐饮"),
    ],
)
def test_normalize_line_joins(text: str, joined: str | None, apart: str | None) -> None:
    norm = normalize(text)
    if joined is not None:
        assert joined in norm.text
    if apart is not None:
        assert apart in norm.text


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # a half-width stop after a Chinese character or % ends a sentence (web text)
        ("产量增长4%.全县新建学校3所.", ["产量增长4%.", "全县新建学校3所."]),
        ("粮食增产.农民增收.", ["粮食增产.", "农民增收."]),
        # a decimal point and a code keep their sentence
        ("PM2.5浓度下降1.5%.", ["PM2.5浓度下降1.5%."]),
    ],
)
def test_half_width_stop_ends_a_sentence(text: str, pieces: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == pieces


def test_compare_base_never_reaches_past_the_previous_number() -> None:
    text = "金融业比一季度增加0.4个百分点,信息业增长14.1%。"
    norm = normalize(text)
    ms = find_mentions(norm.text, split_sentences(norm.text)[0])
    assert [m.compare_to for m in ms] == ["一季度", None]


@pytest.mark.parametrize(
    ("measure", "period", "want"),
    [
        ("change", "2023-01..2023-06", "上年同期"),
        ("change", "2023", "上年"),
        ("change", None, None),
        ("level", "2023", None),
    ],
)
def test_default_compare_follows_the_period(measure: str, period: str | None, want: str | None) -> None:
    from bulletins.extract.pipeline import _default_compare

    assert _default_compare(measure, period) == want


@pytest.mark.parametrize(("text", "quote", "unit"), [
    # livestock counted by head and by animal; the unit is given as printed, full-width or not
    ("年末牲畜存栏668.2万头（只），增长2%。", "668.2万头（只）", "万头（只）"),
    ("牲畜出栏798.6万头(只)。", "798.6万头(只)", "万头(只)"),
    ("生猪存栏12万头。", "12万头", "万头"),
    # yields per area, trains run
    ("棉花平均单产179.8公斤/亩。", "179.8公斤/亩", "公斤/亩"),
    ("中欧班列开行1,260列。", "1,260列", "列"),
])
def test_unit_as_written(text: str, quote: str, unit: str) -> None:
    from bulletins.extract import extract_facts

    (f,) = [f for f in extract_facts(text, doc="t.txt", doc_id="t") if f.measure == "level"]
    assert (f.quote, f.unit) == (quote, unit)
