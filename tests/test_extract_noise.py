"""Noisy text (issue 8): each phenomenon is repaired in the one normalize step, with exact offsets.

One table per phenomenon, negatives included; then the same facts from a noisy and a clean
version of a short bulletin, with spans that point into the noisy stored text.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts
from bulletins.extract.normalize import normalize


def _check_map(text: str) -> str:
    norm = normalize(text)
    assert len(norm.to_orig) == len(norm.text) + 1 and norm.to_orig[-1] == len(text)
    assert all(a < b for a, b in zip(norm.to_orig, norm.to_orig[1:], strict=False))
    return norm.text


GLOSSES = [
    # tone marks, one gloss per character (pages that print the reading after each character)
    ("國(guó)內(nèi)生產總值增長5%。", "国内生产总值增长5%。"),
    ("全區(qū)規模以上工業", "全区规模以上工业"),
    # full-width parentheses, tone digits, a two-syllable gloss
    ("城鎮（zhèn）居民", "城镇居民"),
    ("经济(jing1)发展(fa1 zhan3)", "经济发展"),
    # negatives: abbreviations, units, notes in parentheses stay
    ("地区生产总值(GDP)增长5%", "地区生产总值(GDP)增长5%"),
    ("细颗粒物(PM2.5)浓度", "细颗粒物(PM2.5)浓度"),
    ("规模以上(含)企业", "规模以上(含)企业"),
    ("总量(亿元)", "总量(亿元)"),
    ("产量(kg)", "产量(kg)"),
    ("指数(cpi)上涨", "指数(cpi)上涨"),
    # a toneless syllable alone stays ((ha) could be a unit); after toned glosses it goes too
    ("面积(ha)", "面积(ha)"),
    ("我(wǒ)們(men)的(de)國(guó)家", "我们的国家"),
    # a gloss after a Latin word or a number is no gloss
    ("GDP(guó)", "GDP(guó)"),
    ("2023(nián)", "2023(nián)"),
]


@pytest.mark.parametrize(("text", "want"), GLOSSES, ids=[c[0][:10] for c in GLOSSES])
def test_pinyin_glosses_are_dropped(text: str, want: str) -> None:
    assert _check_map(text) == want


PUNCT = [
    ("收入60亿元,,同比下降1.1%。", "收入60亿元,同比下降1.1%。"),
    ("收入60亿元，，同比增长", "收入60亿元,同比增长"),  # full-width doubles
    ("同比增长4.2%,。", "同比增长4.2%。"),  # the sentence end wins
    ("同比下降5.7%,;地方收入", "同比下降5.7%;地方收入"),
    ("全年完成。。", "全年完成。"),
    ("农业、、工业", "农业、工业"),
    # negatives: a list mark beside another mark separates blanks; single marks stay
    ("分别为年度目标的、,向", "分别为年度目标的、,向"),
    ("增长5%,下降3%;持平。", "增长5%,下降3%;持平。"),
    ("“十四五”时期,全市", "“十四五”时期,全市"),
]


@pytest.mark.parametrize(("text", "want"), PUNCT, ids=[c[0][:10] for c in PUNCT])
def test_doubled_punctuation_is_collapsed(text: str, want: str) -> None:
    assert _check_map(text) == want


SPACES = [
    ("全市地 区 生 产 总 值增长5%", "全市地区生产总值增长5%"),
    ("全 市 经 济", "全市经济"),
    # a PDF's space between a date's digits and its word
    ("2023 年财政拨款收支总预算", "2023年财政拨款收支总预算"),
    ("1—6 月,全县", "1—6月,全县"),
    # negatives: words set apart in a table row, three spaced characters, Latin words
    ("城镇 农村 合计", "城镇 农村 合计"),
    ("一 二 三", "一 二 三"),
    ("Made in China", "Made in China"),
    ("地区生产总值 亿元 43760.7", "地区生产总值 亿元 43760.7"),
    ("增长 5.6% 年末", "增长 5.6% 年末"),
]


@pytest.mark.parametrize(("text", "want"), SPACES, ids=[c[0][:10] for c in SPACES])
def test_spaces_inside_spaced_out_words_are_deleted(text: str, want: str) -> None:
    assert _check_map(text) == want


MARKUP = [
    ("全市&nbsp;地区生产总值", "全市 地区生产总值"),
    ("交通&amp;通信", "交通&通信"),
    ("增长5%&#8203;。", "增长5%。"),
    ("第一句。<br>第二句。<br/>", "第一句。第二句。"),
    ('<p class="x">全年增长5%。</p>', "全年增长5%。"),
    ("<image>![收藏](https://x.cn/a/2023/1.png)</image>\n全年增长5%。", "\n全年增长5%。"),
    ("详见https://tjj.example.cn/2024/01/20/a.html。", "详见。"),
    ("[图片]全年增长5%。点击查看大图", "全年增长5%。"),
    ("图1 2019-2023年地区生产总值及增长速度\n全年增长5%。", "\n全年增长5%。"),
    ("图表2:规模以上工业增加值增速\n全年增长5%。", "\n全年增长5%。"),
    ("收藏 取消收藏\n字号:大 中 小\n【打印】全年增长5%。", "\n\n全年增长5%。"),
    ("记者 李某\n阅读 1.8万　　分享到:微信\n全年增长5%。", "记者 李某\n\n全年增长5%。"),  # an app's page counter
    ("阅读量:3862\n全年增长5%。", "\n全年增长5%。"),
    # TeX subscripts of converted PDFs and markdown keep their text
    ("细颗粒物(PM_{2.5})浓度为38微克/立方米", "细颗粒物(PM2.5)浓度为38微克/立方米"),
    ("二氧化碳(CO_{2})排放", "二氧化碳(CO2)排放"),
    # markdown emphasis of a page copied from WeChat or markdown
    ("地区生产总值**4128.65亿元**,同比增长**5.6%**。", "地区生产总值4128.65亿元,同比增长5.6%。"),
    # negatives: comparisons and words that only look like markup or captions stay
    ("增速<5%的企业", "增速<5%的企业"),
    ("图书馆藏书120万册。", "图书馆藏书120万册。"),
    ("图们市地区生产总值增长5%。", "图们市地区生产总值增长5%。"),
    ("如图1所示,全年增长5%。", "如图1所示,全年增长5%。"),
    ("收藏品市场成交额12亿元。", "收藏品市场成交额12亿元。"),
    ("阅读推广活动120场。", "阅读推广活动120场。"),
    ("R&D经费投入强度", "R&D经费投入强度"),
    ("集合{1,2}与变量_x", "集合{1,2}与变量_x"),
]


@pytest.mark.parametrize(("text", "want"), MARKUP, ids=[c[0][:10] for c in MARKUP])
def test_markup_captions_and_buttons_are_skipped(text: str, want: str) -> None:
    assert _check_map(text) == want


TRAD = "全市經濟運行總體平穩,發展質量穩步提升。"  # enough traditional characters to call the document traditional

REGIONAL = [
    (TRAD + "軟體和資訊服務業營業收入增長12%。", "软件和信息服务业营业收入增长12%。"),
    (TRAD + "記憶體晶片出口增長20%。", "内存芯片出口增长20%。"),
    (TRAD + "計程車客運量下降3.5%。", "出租车客运量下降3.5%。"),
    (TRAD + "新增就業崗位1.2萬個。", "新增就业岗位1.2万个。"),  # tw2sp's 新增→添加 is left out
    # a simplified document keeps its own words
    ("医学资讯内容增长5%。", "医学资讯内容增长5%。"),
]


@pytest.mark.parametrize(("text", "want"), REGIONAL, ids=[c[0][-12:] for c in REGIONAL])
def test_regional_vocabulary_in_traditional_documents(text: str, want: str) -> None:
    assert _check_map(text).removeprefix("全市经济运行总体平稳,发展质量稳步提升。") == want


def test_a_shortened_phrase_keeps_exact_spans() -> None:
    text = TRAD + "記憶體產量3萬片。"
    norm = normalize(text)
    i = norm.text.index("内存")
    s, e = norm.orig_span(i, i + 2)
    assert text[s:e] == "記憶體"
    j = norm.text.index("3万片")
    s, e = norm.orig_span(j, j + 3)
    assert text[s:e] == "3萬片"


CLEAN = (
    "2023年,全市地区生产总值5000亿元,比上年增长5.2%。"
    "规模以上工业增加值增长4.1%;社会消费品零售总额1200亿元,增长6.3%。"
    "城镇居民人均可支配收入52000元,增长5.0%。"
)

NOISY = {
    "pinyin": (
        "2023年,全(quán)市(shì)地(dì)區(qū)生(shēng)產(chǎn)總(zǒng)值5000億元,比上年增長5.2%。"
        "規(guī)模以上工業(yè)增加值增長4.1%;社會消費品零售總額1200億元,增長6.3%。"
        "城(chéng)鎮(zhèn)居民人均可支配收入52000元,增長5.0%。"
    ),
    "punctuation": (
        "2023年,,全市地区生产总值5000亿元,,比上年增长5.2%,。"
        "规模以上工业增加值增长4.1%,;社会消费品零售总额1200亿元,,增长6.3%。。"
        "城镇居民人均可支配收入52000元,,增长5.0%,。"
    ),
    "spaced": (
        "2023年,全 市 地 区 生 产 总 值5000亿元,比上年增长5.2%。"
        "规 模 以 上 工 业 增 加 值增长4.1%;社会消费品零售总额1200亿元,增长6.3%。"
        "城 镇 居 民 人 均 可 支 配 收 入52000元,增长5.0%。"
    ),
    "markup": (
        "<p>2023年,全市地区生产总值5000亿元,比上年增长5.2%。</p>"
        "<p>规模以上工业增加值增长4.1%;社会消费品零售总额1200亿元,增长6.3%。</p>"
        "<image>![图片](https://img.example.cn/2023/01/20/1.png)</image>"
        "城镇居民人均可支配收入52000元,增长5.0%。&nbsp;点击查看大图"
    ),
    "fullwidth": (
        "２０２３年，全市地区生产总值５０００亿元，比上年增长５．２％。"
        "规模以上工业增加值增长４．１％；社会消费品零售总额１２００亿元，增长６．３％。"
        "城镇居民人均可支配收入５２０００元，增长５．０％。"
    ),
}


def _key(facts: list) -> list[tuple]:
    return [(f.value, f.unit, f.measure, f.indicator, f.period) for f in facts]


@pytest.mark.parametrize("kind", sorted(NOISY))
def test_noisy_text_gives_the_clean_facts_with_spans_into_the_noisy_text(kind: str) -> None:
    clean = extract_facts(CLEAN, doc="c.txt", doc_id="c")
    text = NOISY[kind]
    noisy = extract_facts(text, doc="n.txt", doc_id="n")
    assert len(clean) == 7
    assert _key(noisy) == _key(clean)
    for f, c in zip(noisy, clean, strict=True):
        assert text[f.span_start : f.span_end] == f.quote
        assert normalize(f.quote).text == c.quote
