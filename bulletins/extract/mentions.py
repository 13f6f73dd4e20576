"""The find stage: numbers (and blanks) of one sentence with unit, measure, sign, qualifier.

Patterns are composed from named parts whose words live in the lexicons
(`units`, `verbs`, `qualifiers`, `nonfacts`); nothing here knows a seed sentence.
A mention's decision uses only its clause: the text since the previous mention
or the previous comma. Numbers inside names (5G, 14号线, 十四五) are masked first.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from functools import cache

from bulletins.extract.lexicon import load_lexicon
from bulletins.extract.numbers import (
    ARABIC,
    parse_arabic,
    parse_chinese,
    parse_chinese_decimal,
    parse_fraction,
    parse_tenths,
)
from bulletins.extract.types import Mention, Sentence
from bulletins.extract.units import alternation, multiplier_pattern, name_after, unit_pattern, unit_table

_CLAUSE_BREAK = re.compile(r"[,;:。!?()“”\"]")
_SHARE_TAIL = re.compile(r"的")
_PAREN = re.compile(r"\([^()]*\)")
_BARE_END = re.compile(r"(?:以上|以下|左右|余|多)?(?:[,;:。!?)、和\s.]|$)")


@dataclass(frozen=True)
class _Lex:
    number: re.Pattern[str]
    masks: tuple[re.Pattern[str], ...]
    keyword: re.Pattern[str]
    up: frozenset[str]
    down: frozenset[str]
    compare_up: frozenset[str]
    compare_down: frozenset[str]
    share: frozenset[str]
    not_share: re.Pattern[str]
    change_subjects: frozenset[str]
    named_rates: frozenset[str]
    share_rates: frozenset[str]
    narrowing: re.Pattern[str]
    to_level: re.Pattern[str]
    compare_words: dict[str, str]
    compare_marker: re.Pattern[str]
    ratio_lead: re.Pattern[str]
    ratio_base_suffix: re.Pattern[str]
    ratio_base_keep: tuple[str, ...]
    ratio_fraction_lead: re.Pattern[str]
    compare_amount_down: frozenset[str]
    compare_amount: re.Pattern[str]
    q_before: re.Pattern[str]
    q_before_kind: dict[str, str]
    q_after: re.Pattern[str]
    q_after_kind: dict[str, str]
    status_before: re.Pattern[str]
    status_kind: dict[str, str]
    links: re.Pattern[str]
    list_sep: re.Pattern[str]
    blank_unit: re.Pattern[str]
    blank_count: re.Pattern[str]
    blank_change: re.Pattern[str]
    blank_rate: re.Pattern[str]
    blank_hold: re.Pattern[str]
    blank_share: re.Pattern[str]
    blank_ratio: re.Pattern[str]
    blank_list: re.Pattern[str]
    blank_not_before: re.Pattern[str]
    relative_units: frozenset[str]
    base_value_before: re.Pattern[str]
    base_value_after: re.Pattern[str]
    compare_down_words: frozenset[str]
    improve: frozenset[str]
    lower_is_better: re.Pattern[str]
    within_units: frozenset[str]
    bound_across: re.Pattern[str]
    bound_kind: dict[str, str]
    blank_not_after: re.Pattern[str]
    blank_threshold: re.Pattern[str]
    false_compound: re.Pattern[str]
    bare_after: re.Pattern[str]
    prefix_words: re.Pattern[str]
    category_after: re.Pattern[str]
    bare_multipliers: frozenset[str]
    no_cn_units: frozenset[str]
    end_required: frozenset[str]
    bare_change: re.Pattern[str]
    criterion_left: re.Pattern[str]
    criterion_right: re.Pattern[str]
    criterion_group: re.Pattern[str]
    structure: re.Pattern[str]
    structure_next: re.Pattern[str]
    share_lead: re.Pattern[str]
    share_lead_kind: dict[str, str]
    structure_slack: dict[str, float]
    apposition_units: frozenset[str]


def _kinds(groups: dict[str, list[str]]) -> dict[str, str]:
    return {str(w): kind for kind, words in groups.items() for w in words}


@cache
def _change_verb_end() -> re.Pattern[str]:
    """A change verb right before a number (增长一倍: a change, not an article)."""
    lex = _lex()
    return re.compile(rf"(?:{'|'.join(map(re.escape, lex.up | lex.down))})了?$")


@cache
def _lex() -> _Lex:
    """Compile every pattern once from the lexicons."""
    verbs = load_lexicon("verbs")
    quals = load_lexicon("qualifiers")
    nonfacts = load_lexicon("nonfacts")
    units_lex = load_lexicon("units")
    unit = unit_pattern()
    mult = multiplier_pattern()
    cn = "零〇一二三四五六七八九十百千两"
    number = re.compile(
        rf"(?P<pct_cn>百分之(?P<pct_int>[零〇一二三四五六七八九十百两]+)(?:点(?P<pct_dec>[零〇一二三四五六七八九]+))?)"
        rf"|(?P<frac_cn>(?P<den_cn>[一二三四五六七八九十百千]+)分之(?P<num_cn>[一二三四五六七八九十]+))"
        rf"|(?P<frac>(?P<num_a>\d+)/(?P<den_a>\d+))(?![\d/])"
        rf"|(?P<tenth>(?P<tenth_n>[1-9]|[一二三四五六七八九两])成)(?![立为功本果交效绩员都熟型长就])"
        rf"|(?P<half>过半|一半|半数)"
        rf"|(?:(?P<sign>[+-])?(?P<arabic>{ARABIC})|(?P<cn>[{cn}]+))"
        rf"(?P<inner>余|多)?(?:[ \t](?=(?:{mult}|{unit})))?(?P<mult>{mult})?(?P<inner2>余|多)?(?P<unit>{unit})?"
    )
    masks = [re.compile(p) for p in nonfacts["name_patterns"]]
    masks.append(re.compile(alternation([str(w) for w in nonfacts["name_words"]])))
    masks.append(_numeral_place_names())
    up, down = frozenset(verbs["up"]), frozenset(verbs["down"])
    improve = frozenset(verbs["improve"])
    cup, cdown = frozenset(verbs["compare_up"]), frozenset(verbs["compare_down"])
    share = frozenset(verbs["share"])
    change_subjects = frozenset(verbs["change_subjects"])
    named_rates = frozenset(verbs["named_rates"])  # 自然增长率: a level whose name holds 增长率
    share_rates = frozenset(verbs["share_rates"])  # 贡献率: a share whose name holds 增长
    keyword = re.compile(alternation(up | down | improve | cup | cdown | share | change_subjects | named_rates
                                     | share_rates))
    blank_units = [w for w, u in unit_table().items() if u.blank and not u.count]
    count_units = [w for w, u in unit_table().items() if u.blank and u.count]
    not_after = re.escape(nonfacts["blank_not_after_chars"])
    unit_ends = re.escape("".join(sorted({w[-1] for w in unit_table()})))
    q_before_kind = _kinds(quals["before"])
    q_after_kind = _kinds(quals["after"])
    status_kind = _kinds(quals["status_before"])
    seps = alternation([str(s) for s in verbs["list_separators"]])
    rate_nouns = alternation(verbs["rate_nouns"])
    level_links = alternation(verbs["level_links"])
    # 比 compares, 比重 / 比例 is a noun (0—14岁人口的比重下降0.46个百分点)
    marker = rf"(?:{alternation(verbs['compare_markers'])})(?!{alternation(verbs['compare_marker_not_before'])})"
    return _Lex(
        number=number,
        masks=tuple(masks),
        keyword=keyword,
        up=up,
        down=down,
        compare_up=cup,
        compare_down=cdown,
        share=share,
        not_share=re.compile(alternation(verbs["not_share"])),
        change_subjects=change_subjects,
        named_rates=named_rates,
        share_rates=share_rates,
        narrowing=re.compile(rf"(?:{alternation(verbs['narrowing_subjects'])})"),
        to_level=re.compile(rf"(?:{alternation(verbs['to_level'])})"),
        compare_words={str(k): str(v) for k, v in verbs["compare_words"].items()},
        compare_marker=re.compile(
            rf"(?:{marker}(?P<base>[^,;、]{{1,20}}?)(?:同期)?"
            rf"|(?:{alternation(verbs['compare_open'])})(?P<base2>[^,;、]{{1,30}}?)"
            rf"(?:{alternation(verbs['compare_close'])}),?)"
            rf"(?:{alternation(up | down)})"
        ),
        ratio_lead=re.compile(rf"^.*?(?:{alternation(verbs['ratio'])})"),
        ratio_base_suffix=re.compile(rf"(?:{alternation(verbs['ratio_base_suffixes'])})$"),
        ratio_base_keep=tuple(str(w) for w in verbs["ratio_base_keep"]),
        compare_amount_down=frozenset(k for k, v in verbs["compare_amount_verbs"].items() if v == "down"),
        ratio_fraction_lead=re.compile(alternation(verbs["ratio_fraction_leads"])),
        compare_amount=re.compile(
            rf"{marker}(?P<base>[^,;、\d]{{1,12}}?)"
            rf"(?P<verb>{alternation(list(verbs['compare_amount_verbs']))})$"
        ),
        q_before=re.compile(rf"(?:{alternation(list(q_before_kind))})$"),
        q_before_kind=q_before_kind,
        q_after=re.compile(rf"(?:{alternation(list(q_after_kind))})"),
        q_after_kind=q_after_kind,
        status_before=re.compile(rf"(?:{alternation(list(status_kind))})$"),
        status_kind=status_kind,
        links=re.compile(rf"(?:(?:{alternation(verbs['links'])}|{alternation(list(q_before_kind))}))+$"),
        list_sep=re.compile(rf"^\s*(?:{seps})\s*$"),
        blank_unit=re.compile(
            rf"(?<![{not_after}])(?P<unit>(?:{alternation(units_lex['blank_multipliers'])})(?:{unit})"
            rf"|{alternation(blank_units)})(?![{not_after}])(?!\s*[-\d])"
        ),
        blank_count=re.compile(
            rf"(?:{alternation(verbs['blank_count_leads'])})(?P<unit>{alternation(count_units)})"
            rf"(?=以上|以下|以内|左右|[,;。、).]|$)"
        ),
        blank_change=re.compile(
            rf"(?<=[{unit_ends}][、,])(?:同比)?(?:{alternation(verbs['blank_change'])})(?=[,;。、).]|$)"
        ),
        blank_rate=re.compile(
            rf"(?:{rate_nouns})(?:分别)?(?P<link>{level_links})(?=[,;。、).]|$)"
        ),
        blank_hold=re.compile(rf"(?:{alternation(verbs['hold'])})(?P<q>以内|以下|以上|左右)"),
        blank_share=re.compile(
            rf"占(?P<base>{alternation(verbs['share_bases'])})?(?:的)?(?:比重|比例)?(?=[,;。)、.]|$)"
        ),
        blank_ratio=re.compile(r"(?:是|为|相当于)(?P<base>[^\d,;。、]{1,10}?)的?(?P<unit>倍)(?=[,;。、).]|$)"),
        blank_list=re.compile(
            r"分别(?:为|是|达到|占)(?P<base>[^\d,;。、]{1,10}?)的(?P<seps>[、和及与]+)(?=[,;。.]|$)"
        ),
        blank_not_before=re.compile(rf"(?:{alternation(nonfacts['blank_not_before'])})"),
        relative_units=frozenset(verbs["relative_units"]),
        base_value_before=re.compile(
            rf"(?:{alternation(verbs['base_value_markers'])})(?P<base>[^,，;；。:：\d()（）]{{1,10}}?)(?P<open>[(（])?$"
        ),
        base_value_after=re.compile(rf"(?:{alternation(verbs['base_value_after'])})"),
        compare_down_words=frozenset(verbs["compare_down"]),
        improve=improve,
        lower_is_better=re.compile(alternation(verbs["lower_is_better"])),
        within_units=frozenset(quals["within_units"]),
        bound_across=re.compile(
            rf"(?P<bound>{alternation(list(_kinds(quals['bound_across_verb'])))})"
            rf"(?:{alternation(quals['bound_verbs'])})$"
        ),
        bound_kind=_kinds(quals["bound_across_verb"]),
        blank_not_after=re.compile(rf"(?:{alternation(nonfacts['blank_not_after'])})\s*$"),
        blank_threshold=re.compile(rf"(?:{alternation(nonfacts['blank_threshold_before'])})$"),
        false_compound=re.compile(alternation(quals["false_compounds"])),
        bare_after=re.compile(rf"(?:{alternation(verbs['bare_after'])})$"),
        prefix_words=re.compile(rf"(?:{alternation(nonfacts['prefix_words'])})$"),
        category_after=re.compile(rf"(?:{alternation(nonfacts['category_after'])})(?!的)[\u4e00-\u9fff]"),
        bare_multipliers=frozenset(units_lex["bare_multipliers"]),
        no_cn_units=frozenset(units_lex["no_chinese_numeral"]),
        end_required=frozenset(units_lex["end_required"]),
        criterion_left=re.compile(
            rf"(?:{alternation(nonfacts['criterion_nouns'])})(?:{alternation(nonfacts['criterion_bounds'])})$"
        ),
        criterion_right=re.compile(r"(?:以上|以下|及以上|及以下)?的"),
        criterion_group=re.compile(nonfacts["criterion_group"]),
        bare_change=re.compile(
            rf"{marker}[^,;。\d]{{1,10}}?(?:{alternation(up | down)})$"
        ),
        structure=re.compile(
            rf"(?:{alternation(verbs['structure_nouns'])})(?:{alternation(verbs['structure_links'])})\s*"
            rf"(?P<parts>(?:{ARABIC})(?:\s*[:∶]\s*(?:{ARABIC}))+)(?![\d:∶])"
        ),
        structure_next=re.compile(
            rf"\s*(?:{alternation(verbs['structure_next'])})\s*"
            rf"(?P<parts>(?:{ARABIC})(?:\s*[:∶]\s*(?:{ARABIC}))+)(?![\d:∶])"
        ),
        share_lead=re.compile(rf"(?:{alternation(list(_kinds(quals['share_lead'])))})占(?!地|用|道|据|领|有)"),
        share_lead_kind={f"{w}占": k for w, k in _kinds(quals["share_lead"]).items()},
        structure_slack=verbs["structure_sum_slack"],
        apposition_units=frozenset(nonfacts["apposition_units"]),
    )


def time_bases() -> frozenset[str]:
    """The bases the fixed comparison words name (上年同期, 上年, 上年末, 上期…): time, never a place."""
    return frozenset(_lex().compare_words.values())


def _numeral_place_names() -> re.Pattern[str]:
    """万年县, 千阳县, 三亚市, 六安市: divisions whose full name holds a numeral or a unit are names, not
    numbers (nor lost ones: ，万年县… is no blank 万年)."""
    from bulletins.extract.gazetteer import gazetteer

    marks = set("零〇一二三四五六七八九十百千万亿两") | {w[0] for w in unit_table()}
    names = [n for n in gazetteer().full if len(n) >= 3 and any(ch in marks for ch in n)]
    return re.compile(alternation(names))


def _masked(text: str, lex: _Lex) -> bytearray:
    """1 for every character inside a name or label (5G, 14号线, 4·18, 十四五)."""
    mask = bytearray(len(text))
    for pat in lex.masks:
        for m in pat.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


_MASK_CACHE = threading.local()  # per thread: (text, mask) of the document being read


def _document_mask(text: str, lex: _Lex) -> bytearray:
    """The name mask of the whole text, computed once per document (sentences of one text share it)."""
    entry = getattr(_MASK_CACHE, "entry", None)
    if entry is not None and entry[0] is text:
        return entry[1]
    mask = _masked(text, lex)
    _MASK_CACHE.entry = (text, mask)
    return mask


def _clause_left(s: str, pos: int, floor: int) -> str:
    """Text of the clause before local position `pos`, not before `floor`.

    A closed aside (常住人口城镇化率) is part of its clause: its brackets and commas break nothing.
    """
    start = floor
    asides = [(m.start(), m.end()) for m in _PAREN.finditer(s, floor, pos)] if "(" in s else []
    for m in _CLAUSE_BREAK.finditer(s, floor, pos):
        if any(a <= m.start() < b for a, b in asides):
            continue
        start = m.end()
    return s[start:pos]


def find_mentions(text: str, sentence: Sentence) -> list[Mention]:
    """Numbers and blanks of one sentence, in order, with offsets into `text` (the normalized text)."""
    lex = _lex()
    s = text[sentence.start : sentence.end]
    base = sentence.start
    mask = _document_mask(text, lex)[sentence.start : sentence.end]
    raw: list[Mention] = []
    for m in lex.number.finditer(s):
        mention = _number_mention(s, m, mask, lex)
        if mention is not None:
            raw.append(mention)
    structures = _structure(s, raw, lex)
    levels = [y.start for y in raw + structures if y.notes.get("kind") == "bare"]
    # 收入比为1.85,比上年缩小0.03: a unitless change only after a bare level (an index, a ratio)
    raw = [x for x in raw if x.notes.get("kind") != "bare_change" or any(p < x.start for p in levels)]
    raw = _ranges(s, raw)
    raw = _list_units(s, raw)
    _decide(s, raw, lex)
    _base_values(s, raw, lex)
    raw += structures
    raw.sort(key=lambda x: x.start)
    blanks = _blanks(s, mask, lex)
    taken = [(x.start, x.end) for x in raw]
    for b in blanks:
        if not any(b.start < e and st < b.end for st, e in taken):
            raw.append(b)
            taken.append((b.start, b.end))
    raw.sort(key=lambda x: (x.start, x.end))
    for x, y in itertools.pairwise(raw):
        # 合格率分别达到、99%以上: a lost list item shares the bound said once after the list
        if x.value is None and x.qualifier == "exact" and lex.list_sep.match(s[x.end : y.start]) and y.unit == x.unit:
            x.qualifier = y.qualifier
    for x in raw:
        x.start += base
        x.end += base
        if x.predicate_start is not None:
            x.predicate_start += base
    return raw


_NAME_QUOTE_MAX = 20  # a quoted name is short and has no clause punctuation; a quote of speech is not


def _quoted_name(s: str, start: int, end: int) -> bool:
    """A number inside a short “quoted name” with more of the name after it (“15分钟社区生活圈”, not “增长5%”)."""
    if not _in_quotes(s, start):
        return False
    open_at = s.rfind("“", 0, start)
    close_at = s.find("”", end)
    if close_at < 0 or close_at - open_at > _NAME_QUOTE_MAX:
        return False
    inner = s[open_at + 1 : close_at]
    if _CLAUSE_BREAK.search(inner):
        return False
    rest = re.sub(r"^(?:左右|以上|以下|以内|上下|多|余)", "", s[end:close_at])  # “增长5%左右” is speech
    return bool(re.search(r"[\u4e00-\u9fff]{2}", rest))


def _in_quotes(s: str, pos: int) -> bool:
    """Inside a “quoted” slogan or name (时间过半、任务过半 / 一件事)."""
    return s.count("“", 0, pos) > s.count("”", 0, pos)


def _number_mention(s: str, m: re.Match[str], mask: bytearray, lex: _Lex) -> Mention | None:
    """A Mention for one number match, or None when it is no quantity (date, name, bare number)."""
    start, end = m.start(), m.end()
    if any(mask[start:end]):
        return None
    range_dash = m.group("sign") == "-" and start > 0 and s[start - 1].isdigit()
    if range_dash:
        start += 1  # 5-6%: after a digit the dash joins a range, it is no minus sign
    prev = s[start - 1] if start else ""
    nxt = s[end] if end < len(s) else ""
    unit_word = m.group("unit") or ""
    mult = m.group("mult") or ""
    unit = mult + unit_word
    if prev and (prev.isascii() and (prev.isalnum() or prev in "._/")) and not range_dash:
        return None
    ascii_tail = not unit or (unit[-1].isascii() and unit[-1].isalpha())
    if nxt and ascii_tail and nxt.isascii() and (nxt.isalnum() or nxt in "_/") and not m.group("frac"):
        return None
    before = s[max(0, start - 4) : start]
    if lex.prefix_words.search(before):
        return None
    relative = bool(m.group("frac_cn") or m.group("frac") or m.group("tenth")) or m.group("unit") in ("%", "‰")
    if lex.category_after.match(s, end) and not relative:
        return None  # 1000万元以下小微企业 is a size class; 三分之一以上企业 / 60%以上企业 is a share of firms
    if _quoted_name(s, start, end):
        return None  # “15分钟社区生活圈”: a number inside a quoted name
    if lex.criterion_left.search(s[max(0, start - 8) : start]):
        clause = _clause_left(s, start, 0)
        if lex.criterion_left.search(clause) and (
            lex.criterion_right.match(s, end) or lex.criterion_group.search(clause)
        ):
            return None  # 增速超过10%的企业 / 有三分之一的产业链增速超过10%: a threshold that defines a group
    kind = "number"
    if m.group("pct_cn"):
        try:
            value = parse_chinese_decimal(m.group("pct_int"), m.group("pct_dec"))
        except ValueError:
            return None
        return Mention(start, end, value, "%", notes={"kind": "number", "signed": False})  # 百分之六点二 → 6.2%
    if m.group("frac_cn"):
        try:
            value = parse_fraction(m.group("num_cn"), m.group("den_cn"))
        except ValueError:
            return None  # 十十分之一: no numeral
        return Mention(start, end, value, "%", measure="share", notes={"kind": "fraction"})
    if m.group("frac"):
        den = int(m.group("den_a"))
        if den == 0 or den > 100 or int(m.group("num_a")) >= den:
            return None
        value = parse_fraction(m.group("num_a"), m.group("den_a"))
        return Mention(start, end, value, "%", measure="share", notes={"kind": "fraction"})
    if m.group("tenth"):
        return Mention(start, end, parse_tenths(m.group("tenth_n")), "%", measure="share", notes={"kind": "tenth"})
    if m.group("half"):
        if _in_quotes(s, start):
            return None
        q = "min" if m.group("half").startswith("过") else "exact"
        return Mention(start, end, 50.0, "%", measure="share", qualifier=q, notes={"kind": "half"})
    qualifier = "approx" if (m.group("inner") or m.group("inner2")) else "exact"
    if mult and not unit_word and (mult not in lex.bare_multipliers or not _BARE_END.match(s, end)):
        return None  # 1.1万, is a count; 10亿参数 / 110千伏 carry a word that is no unit of ours
    if m.group("arabic"):
        if not unit:
            left16 = _PAREN.sub("", s[max(0, start - 16) : start]).rstrip()
            if lex.bare_after.search(left16):
                kind = "bare"
            elif lex.bare_change.search(_clause_left(s, start, 0)) and _BARE_END.match(s, end):
                kind = "bare_change"  # 收入比为1.85,比上年缩小0.03: kept only after a bare level (find_mentions)
            else:
                return None  # a bare number is a date part, a code or a list number
        value = parse_arabic(m.group("arabic"))
        if m.group("sign") == "-" and not range_dash:
            value = -value
        if unit_word == "年" and not mult and (value >= 100 or value != int(value)):
            return None
    else:
        core = m.group("cn")
        if not unit_word or unit_word in lex.no_cn_units:
            return None
        # 突破千亿元, 超百万人: a round mark after a bound word is a quantity
        mark = core in ("十", "百", "千") and bool(mult) and bool(lex.q_before.search(s[max(0, start - 4) : start]))
        mark = mark and not re.match(r"[\u4e00-\u9fff]", nxt)  # 超千万元项目: a size class
        if not unit_table()[unit_word].count and len(core) < 2 and not mark and not mult:
            return None  # 三元桥, 五米: a lone numeral before a measure word is a name
        bound = not mult and bool(lex.q_before.search(s[max(0, start - 4) : start]))  # 逾百家, 近千家
        if core in ("十", "百", "千") and qualifier != "approx" and not mark and not bound:
            return None  # 百家, 千方: a bare 百/千 is a word, not a count
        if re.search(r"[一二三四五六七八九两][一二三四五六七八九两]", core) or core in ("零", "〇"):
            return None  # 三四轮: a vague range or a word, not a numeral
        if prev in "第之初周每" or nxt == "“" or _in_quotes(s, start):
            return None
        try:
            value = parse_chinese(core)
        except ValueError:
            return None
        before_num = s[max(0, start - 6) : start]
        change_before = bool(_change_verb_end().search(before_num))
        if unit_word == "倍" and change_before:
            pass  # 增长一倍: a change of one time, not an article
        elif value == 1 and not (lex.q_before.search(before_num) or lex.bound_across.search(before_num)):
            return None  # 一批, 一轮, 一个: an article, not a count
        if unit_word in lex.apposition_units and (_restates_list(s, start, value) or _modifies_measured(s, end)
                                                  or _announces_list(s, start, end)):
            return None  # 基本养老保险、失业保险、工伤保险三项社会保险基金: the three just named
    if unit_word in lex.end_required and not _BARE_END.match(s, end):
        return None
    if unit_word and unit_word in name_after():
        tail = s[end : end + 6]
        if any(tail.startswith(w) for w in name_after()[unit_word]):
            return None
    signed = bool(m.group("arabic") and m.group("sign")) and not range_dash
    notes: dict[str, object] = {"kind": kind, "signed": signed}
    return Mention(start, end, value, unit, qualifier=qualifier, notes=notes)


def _modifies_measured(s: str, end: int) -> bool:
    """三项社会保险基金累计结余2865.34亿元: a numeral and its classifier right before a noun whose own amount
    the clause prints modify that noun; they count nothing of their own."""
    clause = re.split(r"[,，;；。:：]", s[end:], maxsplit=1)[0]
    return bool(re.match(r"[\u4e00-\u9fff]{2,}", clause)) and bool(re.search(r"\d", clause))


def _announces_list(s: str, start: int, end: int) -> bool:
    """城镇居民四项收入：人均工资性收入… / 可支配收入包含四项，分别为…: a numeral and its classifier that
    announce the items listed next count the list, not the world: before a noun and a colon (四项收入：), or
    after a verb of composition (包含四项，分别为). 新增项目三项：剪纸、… stays a count."""
    if re.match(r"[\u4e00-\u9fff]{1,8}?[:：]", s[end:]):
        return True
    return bool(re.match(r"[,，]?(?:分别为|分别是)", s[end:])) and bool(re.search(r"(?:包含|包括|分为|含)$", s[:start]))


def _restates_list(s: str, start: int, value: float) -> bool:
    """A numeral right after a 、-list that counts its items (A、B、C三项): an apposition, no quantity."""
    clause = re.split(r"[,，;；。:：]", s[:start])[-1]
    for sep in (r"、|和|及", "、"):  # 其他用品和服务八大类: a 和 inside an item's name
        items = [x for x in re.split(sep, clause) if x]
        if len(items) >= 2 and len(items) == value and all(re.fullmatch(r"[\u4e00-\u9fff]{2,}", x) for x in items):
            return True
    return False


_LIST_ITEM = re.compile(rf"(?P<n>{ARABIC})(?P<mult>万|亿)?")  # 69 | 218.46万: an item of a 分别 list
_ITEM = rf"(?:{ARABIC})(?:万|亿)?"
_LIST = re.compile(rf"分别[^,;。\d]{{0,4}}?(?P<items>{_ITEM}(?:、{_ITEM})*)(?:、|和)$")


def _list_units(s: str, mentions: list[Mention]) -> list[Mention]:
    """分别为69、32.3微克/立方米: bare numbers of a 分别-list take the unit of the list's last number."""
    by_start = {x.start: x for x in mentions}
    out = list(mentions)
    for mt in mentions:
        if mt.notes.get("kind") != "number" or not mt.unit:
            continue
        m = _LIST.search(s, max(0, mt.start - 80), mt.start)
        if m is None:
            continue
        pos = m.start("items")
        for item in _LIST_ITEM.finditer(m.group("items")):
            a = pos + item.start()
            said = by_start.get(a)
            if item.group("mult"):  # 分别为218.46万、…和86.26万头只: the multiplier said, the unit once at the end
                if said is not None and said.unit == item.group("mult") and mt.unit.startswith(said.unit):
                    said.unit = mt.unit
                continue
            out.append(Mention(a, pos + item.end("n"), parse_arabic(item.group("n")), mt.unit,
                               notes={"kind": "list_item"}))
    out.sort(key=lambda x: x.start)
    return out


_RANGE_SEP = re.compile(r"\s*(?:到|至|-|—|~|～)\s*")


def _ranges(s: str, mentions: list[Mention]) -> list[Mention]:
    """4到6个月 / 5%-6%: the low end becomes a min fact, the high end a max fact, in the high end's unit."""
    rng = re.compile(r"(?<![\d.])(?P<n>" + ARABIC + r")\s*(?:到|至|-|—|~|～)\s*$")
    by_end = {m.end: m for m in mentions}
    for mt in mentions:
        prev = by_end.get(mt.start)
        if prev is not None and mt.notes.get("signed") and s[mt.start] == "-" and prev.unit == mt.unit:
            mt.start += 1  # 5%-6%: the dash is a range mark, not a minus sign
            mt.value = abs(mt.value) if mt.value is not None else None
            mt.notes["signed"] = False
    for mt in list(mentions):
        if mt.notes.get("kind") != "number" or not mt.unit:
            continue
        m = rng.search(s, max(0, mt.start - 30), mt.start)
        low: Mention | None = None
        if m is not None and m.end() == mt.start and m.end("n") not in by_end:
            low = Mention(m.start("n"), m.end("n"), parse_arabic(m.group("n")), mt.unit, notes={"kind": "range_low"})
            mentions.append(low)
        else:
            for end, cand in by_end.items():
                sep = _RANGE_SEP.fullmatch(s, end, mt.start) if end < mt.start else None
                if sep and cand.unit == mt.unit and cand.notes.get("kind") == "number":
                    low = cand
                    low.notes["kind"] = "range_low"
                    break
        if low is not None:
            low.qualifier, mt.qualifier = "min", "max"
            mt.notes["kind"] = "range_high"
            mt.notes["range_low"] = low
    mentions.sort(key=lambda x: x.start)
    return mentions


def _decide(s: str, mentions: list[Mention], lex: _Lex) -> None:
    """Measure, sign, compare_to, qualifier, status hint and list membership from the left clause."""
    prev_end = 0
    group = 0
    head: Mention | None = None
    for mt in mentions:
        between = s[prev_end : mt.start]
        in_list = head is not None and prev_end > 0 and bool(lex.list_sep.match(between))
        if mt.notes.get("kind") == "range_high":
            low = mt.notes.pop("range_low")
            if isinstance(low, Mention):
                mt.measure, mt.compare_to, mt.predicate_start = low.measure, low.compare_to, low.predicate_start
                mt.status_hint = low.status_hint
                if low.measure == "change" and mt.value is not None and low.value is not None:
                    mt.value = abs(mt.value) * (-1 if low.value < 0 else 1)
                prev_end = _after_end(s, mt, lex)
                continue
        left = _clause_left(s, mt.start, prev_end if prev_end else 0)
        full_left = _clause_left(s, mt.start, 0)
        _qualify(s, mt, left, lex)
        if in_list and head is not None:
            if head.list_group is None:
                group += 1
                head.list_group, head.list_index = group, 0
            members = sum(1 for x in mentions if x.list_group == head.list_group)
            mt.list_group, mt.list_index = head.list_group, members
            numeric = ("number", "list_item")
            same_kind = mt.unit == head.unit or (
                head.measure == "change" and mt.unit in lex.relative_units and head.unit in lex.relative_units
            )  # 分别增长近1倍和35.6%: every item of a change list is a change
            if mt.notes.get("kind") in numeric and head.notes.get("kind") in numeric and same_kind:
                mt.measure, mt.compare_to = head.measure, head.compare_to
                if head.measure == "change" and head.value is not None and mt.value is not None:
                    sign = -1 if head.notes.get("sign", 1) == -1 else 1
                    mt.value = sign * mt.value if mt.notes.get("signed") else sign * abs(mt.value)  # 和-2.1%
                    mt.notes["sign"] = sign
            mt.predicate_start = head.predicate_start
            if head.status_hint and not mt.status_hint:
                mt.status_hint = head.status_hint
        else:
            _measure(s, mt, left, full_left, prev_end, lex)
            head = mt
        prev_end = _after_end(s, mt, lex)


def _after_end(s: str, mt: Mention, lex: _Lex) -> int:
    """End of a mention including a trailing qualifier (左右, 以上)."""
    m = lex.q_after.match(s, mt.end)
    return m.end() if m else mt.end


def _qualify(s: str, mt: Mention, left: str, lex: _Lex) -> None:
    """Qualifier and status hint from the words glued before and after the number."""
    m = lex.q_after.match(s, mt.end)
    if m and mt.qualifier == "exact":
        word = m.group()
        if not (word in ("多", "余") and mt.notes.get("kind") != "number"):
            mt.qualifier = lex.q_after_kind[word]
            if word == "内" and mt.unit not in lex.within_units:
                mt.qualifier = "exact"
    stripped = re.sub(r"(?:分别|均|都|各)$", "", left.rstrip())
    qb = lex.q_before.search(stripped)
    window = (max(0, qb.start() - 2), min(len(stripped), qb.end() + 1)) if qb else (0, 0)
    if qb and any(
        fc.start() < qb.end() and qb.start() < fc.end() for fc in lex.false_compound.finditer(stripped, *window)
    ):
        qb = None  # 签约120家: the 约 belongs to 签约 (签约约30个 still has its own 约)
    lead = lex.share_lead.search(stripped)
    if qb and mt.qualifier == "exact":
        mt.qualifier = lex.q_before_kind[qb.group()]
    elif lead and mt.qualifier == "exact" and (mt.unit == "%" or mt.measure == "share"):
        mt.qualifier = lex.share_lead_kind[lead.group()]  # 约占全市的三分之一: the 约 governs the share
    elif mt.qualifier == "exact" and (bound := lex.bound_across.search(stripped)):
        mt.qualifier = lex.bound_kind[bound.group("bound")]
    core = stripped[: qb.start()] if qb else stripped
    st = lex.status_before.search(core.rstrip("为达到在"))
    if st:
        mt.status_hint = lex.status_kind[st.group()]
    lk = lex.links.search(left)
    lk_start = lk.start() if lk else len(left)
    if lk:
        for fc in lex.false_compound.finditer(left, max(0, lk_start - 3), min(len(left), lk_start + 3)):
            if fc.start() < lk_start < fc.end():
                lk_start = fc.end()  # 签约11个: the 约 of 签约 is no qualifier, the predicate starts after it
    mt.predicate_start = mt.start - (len(left) - lk_start)


def _measure(s: str, mt: Mention, left: str, full_left: str, floor: int, lex: _Lex) -> None:
    """Level, change (signed), share or ratio from the nearest predicate keyword of the clause.

    `floor` is the end of the previous mention: a comparison base (与2019年相比,下降…) may sit
    in an earlier clause, but never before the previous number.
    """
    window = s[max(floor, mt.start - 50) : mt.start]
    if mt.value is None:
        return
    kind = mt.notes.get("kind")
    stripped = re.sub(r"(?:分别|均|都|各)$", "", left.rstrip())
    qb = lex.q_before.search(stripped) or lex.bound_across.search(stripped)
    kws = [
        k
        for k in lex.keyword.finditer(left)
        if not (qb and k.end() > qb.start()) and not (k.group() == "占" and lex.not_share.match(left, k.start()))
    ]  # the 占 of 占地面积 is part of a noun, not the share verb
    kw = kws[-1] if kws else None
    word = kw.group() if kw else ""
    after_kw = left[kw.end() :] if kw else left
    clause_start = mt.start - len(left)
    keep_start = mt.predicate_start
    if kw is not None and mt.predicate_start is not None and word not in lex.named_rates | lex.share_rates:
        mt.predicate_start = min(mt.predicate_start, clause_start + kw.start())
    if word in lex.share_rates and mt.unit == "%":
        mt.measure = "share"
        return
    compare = _compare_word(full_left, lex)
    # 同比 said once for the sentence holds for every later rate in it (…,同比增长5%,其中…增长6%)
    sentence_compare = compare or _compare_word(s[: mt.start], lex)
    if mt.unit == "倍":
        if word in lex.up and not lex.to_level.match(after_kw):
            mt.measure, mt.compare_to = "change", compare or _compare_base(left, lex)
        else:
            mt.measure = "ratio"
            mt.compare_to = _ratio_base(left, lex)
            lead = lex.ratio_lead.match(left.strip())
            if lead is not None:
                mt.predicate_start = clause_start + (len(left) - len(left.lstrip())) + lead.end() - 1
                lead_word = re.search(r"(?:相当于|是|为|达到|达)$", lead.group())
                if lead_word is not None:
                    mt.predicate_start = clause_start + (len(left) - len(left.lstrip())) + lead_word.start()
        return
    if kind in ("fraction", "tenth", "half"):
        mt.measure = "share"
        leads = list(lex.ratio_fraction_lead.finditer(left))
        if leads and left.rstrip().endswith("的"):  # 相当于上年全年的九成, 恢复至2019年同期的八成
            base = left[leads[-1].end() :].rstrip()[:-1].strip()
            mt.measure, mt.compare_to = "ratio", base or None
            return
        after_core = after_kw.strip()
        if qb and after_core.endswith(qb.group()):
            after_core = after_core[: -len(qb.group())]  # 增长近两成: the qualifier sits between verb and number
        after_core = after_core.removesuffix("了")  # 提高了三成
        if (word in lex.up or word in lex.down) and not after_core:
            sign = -1 if word in lex.down else 1
            mt.measure, mt.value = "change", sign * abs(mt.value)
            mt.compare_to = compare or _compare_base(window, lex)
        return
    if word in lex.improve:
        word = "下降" if lex.lower_is_better.search(s[: mt.start]) else "增长"
    if word in lex.up or word in lex.down:
        if lex.to_level.match(after_kw.strip()):
            before_kw = left[: kw.start()] if kw else ""
            share_noun = any(w in before_kw for w in lex.share if w != "占")
            mt.measure = "share" if share_noun and mt.unit == "%" else "level"  # 占比提升至45.6%
            return
        base_word = compare or _compare_base(window, lex)
        after_level = floor > 0 and s[:floor].endswith(mt.unit) and bare_change(s[floor : mt.start])
        if mt.unit not in lex.relative_units and base_word is None and not after_level:
            mt.predicate_start = keep_start  # the verb's object is the indicator: 新增【儿科病床】2000张
            return  # 新增就业9.8万人, 提升60个乡村: an amount, not a change against a base
        # (but 浓度为38微克/立方米,下降8微克/立方米: the verb alone right after a level in the same unit is its change)
        sign = -1 if word in lex.down else 1
        if sign == -1 and lex.narrowing.search(left[: kw.start()] if kw else ""):
            sign = 1
        mt.measure = "change"
        mt.value = mt.value * sign if mt.notes.get("signed") else sign * abs(mt.value)
        mt.notes["sign"] = sign
        mt.compare_to = base_word or sentence_compare
        return
    amount = lex.compare_amount.search(left.rstrip())
    if amount is not None and kw is not None and kw.end() > amount.start():
        amount = None  # the keyword is the predicate (增长…比上年多): not a base-and-amount
    if amount is not None:  # 比上年同期多2000家, 增速比全省高1.1个百分点: a base and 多/少/高/低, a change
        mt.predicate_start = clause_start + amount.start()  # the name ends before the base (增速 names none)
        sign = -1 if amount.group("verb") in lex.compare_amount_down else 1
        mt.measure = "change"
        mt.value = sign * abs(mt.value)
        mt.notes["sign"] = sign
        mt.compare_to = compare or amount.group("base").strip()
        return
    if word in lex.compare_up or word in lex.compare_down:
        base = after_kw.strip()
        if base and not re.search(r"\d", base):  # 增速超过15%的企业有42家: a criterion, no base
            sign = -1 if word in lex.compare_down else 1
            mt.measure = "change"
            mt.value = sign * abs(mt.value)
            mt.notes["sign"] = sign
            mt.compare_to = _base_name(base.rstrip("的"), lex)  # 高于全国水平 → 全国
        return
    other_verb = word == "占" and kw is not None and lex.not_share.search(left[kw.start() : kw.end() + 1])
    if word in lex.share and mt.unit == "%" and not other_verb:
        mt.measure = "share"
        return
    if word in lex.change_subjects and mt.unit in lex.relative_units:  # 增速…的企业有35家 is a count
        mt.measure = "change"
        mt.compare_to = sentence_compare
        return
    after = lex.q_after.match(s, mt.end)
    tail = s[after.end() if after else mt.end :][:1]
    bounded_noun = after is not None and after.group() in ("以上", "以下") and re.match(r"[\u4e00-\u9fff]", tail)
    if mt.unit == "%" and (left.rstrip().endswith("的") or _SHARE_TAIL.match(tail) or bounded_noun):
        mt.measure = "share"  # 完成计划的38%, 70%以上的服务, 60%以上企业: a part of a whole


_CAPTION = re.compile(r"单位\s*[:：]?\s*$")


def _base_values(s: str, mentions: list[Mention], lex: _Lex) -> None:
    """The value of a comparison base, printed inside the comparison (高于全国水平(4.6%)0.6个百分点,
    比上半年3.1%的增速加快2.1个百分点), is the base's own figure, not the subject's: it is marked with its
    base (`notes["base"]`: 全国水平, 上半年) so the interpret stage gives it the base's region or period,
    and the difference after it is compared with that base."""
    for i, m in enumerate(mentions):
        if m.value is None or m.unit != "%":
            continue
        before = lex.base_value_before.search(s, 0, m.start)
        if before is None:
            continue
        after = s[m.end:]
        paren = before.group("open") is not None and after[:1] in ")）"
        possessive = before.group("open") is None and lex.base_value_after.match(after) is not None
        if not (paren or possessive):
            continue
        base = before.group("base").strip()
        m.notes["base"] = base
        m.predicate_start = before.start()
        earlier = [x for x in mentions[:i] if x.value is not None]
        rate = possessive or (earlier and earlier[-1].measure == "change" and earlier[-1].unit == "%")
        m.measure, m.compare_to = ("change", None) if rate else ("level", None)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.unit in lex.relative_units and not re.search(r"[,，;；。]", s[m.end:nxt.start]):
            if nxt.measure != "change" and nxt.value is not None:  # 高于全国水平(4.6%)0.6个百分点
                down = s[before.start():before.start() + 2] in lex.compare_down_words
                nxt.value = -abs(nxt.value) if down else abs(nxt.value)
            nxt.measure, nxt.compare_to = "change", _base_name(base, lex)
            nxt.predicate_start = before.start()  # its name is the subject's, said before the base


def _base_name(base: str, lex: _Lex) -> str:
    """全国水平 → 全国 (a base as the gold writes it); 全省平均水平 stays."""
    for keep in lex.ratio_base_keep:
        if base.endswith(keep):
            return base
    return lex.ratio_base_suffix.sub("", base) or base


def _compare_word(text: str, lex: _Lex) -> str | None:
    """The comparison a fixed word in `text` names (同比 → 上年同期, 比上年 → 上年), the last one said."""
    best: tuple[int, int, str] | None = None
    for word, target in lex.compare_words.items():
        pos = text.rfind(word)
        if pos >= 0 and (best is None or (pos + len(word), len(word)) > best[:2]):
            best = (pos + len(word), len(word), target)
    return best[2] if best else None


@cache
def _comparison_words() -> re.Pattern[str]:
    """The fixed comparison words (同比, 比上年末 …), longest first."""
    return re.compile(alternation(_lex().compare_words))


def bare_change(gap: str) -> bool:
    """,同比下降 / ,比上年末增长: a change said right after a level with nothing of its own but the
    comparison and the verb, so it is the change of that level (and shares its date)."""
    lex = _lex()
    rest = _comparison_words().sub("", re.sub(r"[,，\s]", "", gap))
    rest = lex.compare_marker.sub("", rest)
    return _change_verb_end().sub("", rest) == ""


def _compare_base(left: str, lex: _Lex) -> str | None:
    """比一季度增加 / 较2019年下降 → 一季度 / 2019年."""
    found = list(lex.compare_marker.finditer(left))
    if not found:
        return None
    base = re.sub(r"(?:分别|均|都|各|也)+$", "", (found[-1].group("base") or found[-1].group("base2")).strip())
    return base.rsplit("的", 1)[-1] or None


def _ratio_base(left: str, lex: _Lex) -> str | None:
    """是全市的2.8倍 → 全市; 、全国的3.1倍 → 全国; 为全市水平的3倍 → 全市."""
    t = left.strip().lstrip("、,和及与")
    m = lex.ratio_lead.match(t)
    if m:
        t = t[m.end() :]
    t = t.rstrip()
    if t.endswith("的"):
        t = t[:-1]
    if not t.endswith(lex.ratio_base_keep):
        t = lex.ratio_base_suffix.sub("", t).strip()  # 全市水平 → 全市, but 全市平均水平 is what it says
    return t or None


def _blanks(s: str, mask: bytearray, lex: _Lex) -> list[Mention]:
    """Facts whose number the source lost: 完成亿元 / 同比增长; / 占全市。 / 控制在以内 / 年度目标的、,"""
    out: list[Mention] = []
    for m in lex.blank_unit.finditer(s):
        if any(mask[m.start() : m.end()]) or lex.blank_not_before.match(s, m.end()):
            continue
        if lex.category_after.match(s, m.end()):
            continue  # 亿元以上规模企业: a size class, not a lost number
        if lex.blank_not_after.search(s, max(0, m.start() - 4), m.start()):
            continue  # (亿元) / 单位:万元: a table header, not a lost number
        threshold = lex.blank_threshold.search(s, max(0, m.start() - 2), m.start())
        if threshold and re.match(r"[\u4e00-\u9fff]", s[m.end() :]):
            continue  # 超亿元企业: a size class
        out.append(_blank(s, m.start("unit"), m.end("unit"), m.group("unit"), "level", lex))
    for m in lex.blank_count.finditer(s):
        if lex.blank_not_before.match(s, m.end()):
            continue
        out.append(_blank(s, m.start("unit"), m.end("unit"), m.group("unit"), "level", lex))
    for m in lex.blank_change.finditer(s):
        b = Mention(m.start(), m.end(), None, "%", measure="change", notes={"kind": "blank"})
        b.compare_to = "上年同期"
        b.predicate_start = m.start()
        out.append(b)
    for m in lex.blank_rate.finditer(s):
        b = Mention(m.start("link") - 1, m.end("link"), None, "%", notes={"kind": "blank"})
        b.predicate_start = m.start("link")
        out.append(b)
    for m in lex.blank_hold.finditer(s):
        b = Mention(m.start(), m.end(), None, "%", notes={"kind": "blank"})
        b.qualifier = lex.q_after_kind.get(m.group("q"), "exact")
        b.predicate_start = m.start()
        out.append(b)
    for m in lex.blank_share.finditer(s):
        if lex.not_share.match(s, m.start()):
            continue
        b = Mention(m.start(), m.end(), None, "%", measure="share", notes={"kind": "blank"})
        b.predicate_start = m.start()
        out.append(b)
    for m in lex.blank_ratio.finditer(s):
        b = Mention(m.start("unit"), m.end("unit"), None, "倍", measure="ratio", notes={"kind": "blank"})
        b.compare_to = m.group("base").strip() or None
        b.predicate_start = m.start()
        out.append(b)
    for m in _BLANK_RATE_UNIT.finditer(s):
        if any(mask[m.start() : m.end()]):
            continue
        out.append(_blank_rate(s, m, lex))
    for m in lex.blank_list.finditer(s):
        base_txt = m.group("base")
        spans = [(m.start("base"), m.end("base") + 1)]
        spans += [(m.start("seps") + i, m.start("seps") + i + 1) for i in range(len(m.group("seps")))]
        for i, (a, b_) in enumerate(spans):
            b = Mention(a, b_, None, "%", measure="ratio", notes={"kind": "blank"})
            b.compare_to = base_txt
            b.list_group, b.list_index = -(m.start() + 1), i
            b.predicate_start = m.start()
            out.append(b)
    out.sort(key=lambda x: x.start)
    # 单位:% / 增长(%) / 单位：万元: the caption of a chart or a column head, whatever matcher found it
    return [b for b in out if not _CAPTION.search(s, max(0, b.start - 4), b.start)
            and not (b.start > 0 and s[b.start - 1] in "(（" and s[b.start:b.end] == b.unit
                     and s[b.end:b.end + 1] in ")）﹚")]


_BLANK_RATE_UNIT = re.compile(
    r"(?<![\d.零〇一二三四五六七八九十百千两之])(?P<unit>%|‰|个百分点)(?=以上|以下|以内|左右|[,;。、).]|$)"
)


def _blank_rate(s: str, m: re.Match[str], lex: _Lex) -> Mention:
    """增长%, / 占年度计划的%: a rate whose digits were lost, its measure from the clause's verb."""
    b = Mention(m.start("unit"), m.end("unit"), None, m.group("unit"), notes={"kind": "blank"})
    left = _clause_left(s, b.start, 0)
    _qualify(s, b, left, lex)
    kws = [k for k in lex.keyword.finditer(left) if not (k.group() == "占" and lex.not_share.match(left, k.start()))]
    word = kws[-1].group() if kws else ""
    after = left[kws[-1].end() :].strip() if kws else left
    if (word in lex.up or word in lex.down) and not lex.to_level.match(after):
        b.measure = "change"
        b.compare_to = _compare_word(s[: b.start], lex)
    elif word in lex.compare_up or word in lex.compare_down:
        b.measure, b.compare_to = "change", after.rstrip("的") or None
    elif word in lex.share or left.rstrip().endswith("的"):
        b.measure = "share"
    elif word in lex.change_subjects:
        b.measure = "change"
    return b


def _blank(s: str, start: int, end: int, unit: str, measure: str, lex: _Lex) -> Mention:
    b = Mention(start, end, None, unit, measure=measure, notes={"kind": "blank"})
    left = _clause_left(s, start, 0)
    _qualify(s, b, left, lex)
    return b


def _structure(s: str, mentions: list[Mention], lex: _Lex) -> list[Mention]:
    """三次产业结构为2.7∶28.9∶68.4: one share (in %) per part of a structure whose parts add up to 100."""
    out: list[Mention] = []
    taken = [(x.start, x.end) for x in mentions]
    # every structure has a ratio sign between its parts: a sentence without one is not scanned
    found = list(lex.structure.finditer(s)) if ":" in s or "∶" in s else []
    for m in list(found):
        nxt = lex.structure_next.match(s, m.end())
        if nxt:
            found.append(nxt)  # 由上年的A调整为B: B is a structure of the same parts
    for m in found:
        pos = m.start("parts")
        parts = [parse_arabic(x) for x in re.findall(ARABIC, m.group("parts"))]
        if len(parts) == 2 and parts[1] == 1 and parts[0] > 1:
            a = pos + re.match(ARABIC, m.group("parts")).end()  # type: ignore[union-attr]
            if not any(pos < e and st < a for st, e in taken):  # 城乡收入比为2.68:1 → the ratio 2.68
                mt = Mention(pos, a, parts[0], "", notes={"kind": "bare"})
                mt.predicate_start = m.start()
                out.append(mt)
            continue
        if abs(sum(parts) - 100) > lex.structure_slack["two" if len(parts) == 2 else "more"]:
            continue  # parts of a whole add up to 100; 1:500 is a scale, 104.5:100 a ratio
        group = -(10_000 + m.start())
        for i, part in enumerate(re.finditer(ARABIC, m.group("parts"))):
            a, b = pos + part.start(), pos + part.end()
            if any(a < e and st < b for st, e in taken):
                continue
            notes: dict = {"kind": "structure"}
            link = s[m.start():pos]
            if link.rstrip().endswith("的") and m.re is lex.structure:  # 由上年的A调整为B: A is the base year's
                notes["base_period"] = re.sub(r"^.*?[由从]|的\s*$", "", link)
            mt = Mention(a, b, parse_arabic(part.group()), "%", measure="share", notes=notes)
            mt.list_group, mt.list_index, mt.predicate_start = group, i, m.start()
            out.append(mt)
    return out
