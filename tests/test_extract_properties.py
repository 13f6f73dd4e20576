"""Property tests: for any text the extractor never raises and every span points into the stored text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletins.extract import extract_facts
from bulletins.extract.lexicon import load_lexicon
from bulletins.extract.normalize import normalize

# Bulletin-like alphabet: digits (half and full width), numerals, units, verbs, punctuation, odd spaces.
PIECES = [
    "0",
    "1",
    "2",
    "5",
    "9",
    ".",
    ",",
    "%",
    "２",
    "８",
    "％",
    "，",
    "。",
    "；",
    "、",
    "\n",
    "\n\n",
    " ",
    "\u00a0",
    "\u200b",
    "\u3000",
    "一",
    "两",
    "三",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "余",
    "多",
    "约",
    "超过",
    "以上",
    "左右",
    "元",
    "亿元",
    "万人次",
    "个百分点",
    "倍",
    "平方米",
    "公顷",
    "个",
    "家",
    "同比增长",
    "下降",
    "比上年",
    "占全市",
    "占比",
    "分别",
    "为",
    "达到",
    "是全市的",
    "控制在",
    "以内",
    "分之",
    "成",
    "过半",
    "年",
    "月",
    "日",
    "第",
    "号线",
    "G",
    "PM",
    "·",
    "+",
    "（上接第1版）",
    "區",
    "增長",
    "“",
    "”",
    "(",
    ")",
    "-",
    "—",
    "到",
    "新增",
    "预计",
    "全区",
    "城",
    "区公园绿地",
    "/",
    # round 2: structures, metadata lines, notes, quoted names, web punctuation, thresholds
    "∶",
    ":",
    "结构为",
    "日期:",
    "附注",
    "注:",
    "统计范围为",
    "“15分钟生活圈”",
    "假期",
    "天",
    "增速超过",
    "的",
    "有三分之一的",
    "其中,",
    "环比",
    "比上年末",
    "缩小",
    "约占",
    "提升至",
    "盏",
    "吉瓦",
    "从",
    "看",
    ";",
    "百分之",
    "点",
    # round 3: noisy text (pinyin glosses, doubled marks, spaced words, markup, regional words)
    "國(guó)",
    "內(nèi)",
    "（zhèn）",
    "(GDP)",
    "(de)",
    ",,",
    "，，",
    "、、",
    ",;",
    "地 区 生 产",
    "&nbsp;",
    "&amp;",
    "<br>",
    "<p>",
    "</p>",
    "[图片]",
    "点击查看大图",
    "图1 ",
    "收藏",
    "軟體",
    "記憶體",
    "經濟發展質量穩",
]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extractor_never_raises_and_spans_are_exact(text: str) -> None:
    facts = extract_facts(text, doc="p.txt", doc_id="p")
    for f in facts:
        assert 0 <= f.span_start < f.span_end <= len(text)
        assert text[f.span_start : f.span_end] == f.quote
        assert f.measure in ("level", "change", "share", "ratio")
        assert f.qualifier in ("exact", "approx", "min", "max")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_is_safe(text: str) -> None:
    facts = extract_facts(text, doc="u.txt", doc_id="u")
    for f in facts:
        assert text[f.span_start : f.span_end] == f.quote


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_normalize_map_is_monotonic_and_complete(text: str) -> None:
    norm = normalize(text)
    assert len(norm.to_orig) == len(norm.text) + 1
    assert norm.to_orig[-1] == len(text)
    assert all(a < b for a, b in zip(norm.to_orig, norm.to_orig[1:], strict=False))


NOISY_PIECES = [p for p in PIECES if not p.isdigit()] + ["3", "萬", "億元", "增長", "(guó)", "記憶體"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NOISY_PIECES), max_size=80).map("".join))
def test_noisy_text_map_is_exact_for_every_kept_character(text: str) -> None:
    """Every kept character comes from its own stored position (same character, or its repaired form)."""
    norm = normalize(text)
    assert len(norm.to_orig) == len(norm.text) + 1 and norm.to_orig[-1] == len(text)
    assert all(a < b for a, b in zip(norm.to_orig, norm.to_orig[1:], strict=False))
    rewritten = set("".join(load_lexicon("normalize")["regional_phrases"].values()))
    for ch, i in zip(norm.text, norm.to_orig, strict=False):
        src = text[i]
        assert ch in (src, normalize(src).text) or (src, ch) == ("&", " ") or ch in rewritten, (ch, src)
