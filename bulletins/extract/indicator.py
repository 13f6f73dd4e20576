"""Indicator name of a mention: the measured noun phrase, short, without region, period or change words.

The phrase is the clause text between the last clause break and the number's predicate
(居民人均消费支出22861元 → 居民人均消费支出). When the counted noun follows the number
(新建49个一刻钟便民生活圈) the indicator is verb + noun + 数量. Trim words live in
`data/lexicon/indicator.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bulletins.extract.catalog import indicator_code
from bulletins.extract.lexicon import load_lexicon
from bulletins.extract.numbers import parse_chinese
from bulletins.extract.periods import find_periods
from bulletins.extract.regions import area_cached, find_regions, opens_with_entity

_CLAUSE_BREAK = re.compile(r"[,，;；:：。！？!?\n]")
# (不含农户), (次): a qualifier of the name, dropped; (PM2.5), (NO2) name the thing and stay
_ASIDE = re.compile(r"[(（][\u4e00-\u9fff、]{1,12}[)）]")
_LIST_SPLIT = re.compile(r"[、/]|(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])")
# not PM2.5, 5G, 14号线, 500强, an age band (0—14岁人口), nor a statistic's own number (日最大8小时, 第90百分位)
_NUMBERISH = re.compile(r"(?<![A-Za-z\d.第])[\d.]+[%％]?"
                        r"(?![A-Za-z\d.号线期届批强岁]|[—–\-~～至到]\d+岁|小时滑动|百分位)")
_MAX_OBJECT = 12
_JOINERS = ("和", "及", "与")
_JOINED_MAX = 10
_MODIFIERS = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6}的")
_AFTER_QUALIFIER = re.compile(r"以上|左右|以内|以下|上下|余|多")
_OBJECT_LEAD = re.compile(r"的?(?:[一二三四五六七八九十两]大)?已?")
_INNER_NUMBER = re.compile(r"[\u4e00-\u9fff](?=\d)")  # 道路及55条…: the next count starts
_EDGE_PUNCT = " \t\n,，、;；:：。“”\"'()（）-—–~#"
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")


@dataclass(frozen=True)
class _Lex:
    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    count_units: frozenset[str]
    count_suffix: str
    object_stop: re.Pattern[str]
    unit_suffix: dict[str, str]
    verb_only_max: int
    example_markers: tuple[str, ...]
    keep_endings: tuple[str, ...]
    action_verbs: re.Pattern[str]
    suffix_by_unit: dict[str, str]
    stop_compounds: tuple[str, ...]
    measured_endings: tuple[str, ...]
    method: re.Pattern[str]


@cache
def _lex() -> _Lex:
    lex = load_lexicon("indicator")
    by_len = lambda ws: tuple(sorted(set(ws), key=len, reverse=True))  # noqa: E731
    stops = "|".join(re.escape(w) for w in by_len(lex["object_stops"]))
    return _Lex(
        by_len(lex["leading"]),
        by_len(lex["trailing"]),
        frozenset(lex["count_units"]),
        lex["count_suffix"],
        re.compile(rf"{stops}|[^\u4e00-\u9fffA-Za-z0-9“”\"《》()（）·]"),
        dict(lex["unit_suffix"]),
        int(lex["verb_only_max"]),
        tuple(lex["example_markers"]),
        tuple(lex["keep_endings"]),
        re.compile("(?:" + "|".join(re.escape(w) for w in by_len(lex["action_verbs"])) + ")"),
        dict(lex["count_suffix_by_unit"]),
        tuple(lex["stop_compounds"]),
        tuple(lex["measured_endings"]),
        re.compile(rf"(?:{'|'.join([*lex['method_patterns'], *map(re.escape, by_len(lex['method_phrases']))])})[,，]?"),
    )


def method_spans(text: str) -> list[tuple[int, int]]:
    """Where the text says how a figure is computed at a year's rate (按2019年平均汇率计算): that year is no period."""
    return [(m.start(), m.end()) for m in _method_years().finditer(text)]


@cache
def _method_years() -> re.Pattern[str]:
    """The method phrases with a year of their own (两年平均 does name the span: it is not here)."""
    return re.compile("|".join(load_lexicon("indicator")["method_patterns"]))


def _strip_context_words(phrase: str) -> str:
    """Drop period words anywhere and region words that open the phrase (上半年全市居民 → 居民); a region
    word inside a name stays (在蓉世界500强企业, 北京市美丽休闲乡村)."""
    cuts = [(p.start, p.end) for p in find_periods(phrase, 2000)]
    for r in find_regions(phrase):
        if not opens_with_entity(phrase[r.end:]):  # 天津港, 成都双流国际机场: the region names the facility
            cuts.append((r.start, r.end))
    if not cuts:
        return phrase
    cuts.sort()
    out, pos = [], 0
    periods = {(p.start, p.end) for p in find_periods(phrase, 2000)}
    for s, e in cuts:
        if s < pos:
            pos = max(pos, e)
            continue
        gap = phrase[pos:s]
        if (s, e) not in periods and not _only_lead_words(gap):
            continue  # a region word after the name has started: part of the name
        out.append(gap)
        pos = e
    out.append(phrase[pos:])
    return "".join(out)


def _only_lead_words(text: str) -> bool:
    """Nothing but punctuation and leading function words (其中, 全年, 同时)."""
    lead, _ = _edge_res()
    text = text.strip(_EDGE_PUNCT)
    while text:
        m = lead.match(text)
        if not m:
            return False
        text = text[m.end():].strip(_EDGE_PUNCT)
    return True


@cache
def _edge_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = _lex()
    compounds = load_lexicon("indicator")["leading_compounds"]

    def word(w: str) -> str:  # 在 leads (在全市…), 在职职工 is a noun
        tails = [re.escape(c[len(w):]) for c in compounds if c.startswith(w) and c != w]
        return re.escape(w) + (f"(?!{'|'.join(tails)})" if tails else "")

    lead = re.compile("|".join(map(word, lex.leading)))  # longest first: the longest wins
    trail = re.compile("(?:" + "|".join(re.escape(w) for w in lex.trailing) + ")$")
    return lead, trail


@area_cached
def trim(phrase: str) -> str:
    """Trim leading/trailing function words, predicates and comparison words, then region/period words."""
    lex = _lex()
    lead, trail = _edge_res()
    phrase = _NUMBERISH.sub("", _strip_context_words(_ASIDE.sub("", phrase))).strip(_EDGE_PUNCT)
    phrase = _agency_re().sub("", phrase, count=1)
    phrase = _plus_re().sub("", phrase, count=1)
    changed = True
    while changed and phrase:
        changed = False
        m = lead.match(phrase)
        if m and len(phrase) > m.end():
            phrase, changed = phrase[m.end():], True
        if phrase.endswith(lex.keep_endings):
            continue
        m = trail.search(phrase)
        if m:
            phrase, changed = phrase[: m.start()], True
    return _balance(phrase.strip(_EDGE_PUNCT))


@cache
def _plus_re() -> re.Pattern[str]:
    """一般公共预算收入加|上级补助收入: the sum said so far, then 加 and the item added."""
    lex = load_lexicon("indicator")
    after = "|".join(map(re.escape, lex["plus_after"]))
    items = "|".join(map(re.escape, lex["plus_items"]))
    return re.compile(rf"^(?:[\u4e00-\u9fff]*?(?:{after})加(?=[\u4e00-\u9fff]{{3}})|加(?={items}))")


def after_restated_list(clause: str) -> str:
    """基本养老保险、失业保险、工伤保险三项社会保险基金总收入 → 三项社会保险基金总收入: the numeral that
    restates the list before it starts the name (the list is what it counts)."""
    units = "|".join(sorted(map(re.escape, load_lexicon("nonfacts")["apposition_units"]), key=len, reverse=True))
    for m in re.finditer(rf"(?<=[\u4e00-\u9fff])([一二两三四五六七八九十])(?:{units})(?=[\u4e00-\u9fff]{{2}})", clause):
        items = [x for x in re.split(r"、|和|及", re.split(r"[,，;；:：]", clause[:m.start()])[-1]) if x]
        if len(items) >= 2 and len(items) == parse_chinese(m.group(1)):
            return clause[m.start():]
    return clause


def balance_total(name: str, said: str) -> str:
    """收入 said as 收入总计140.04亿元 → 收入总计: the balance's total, not the budget's own revenue."""
    lex = load_lexicon("indicator")
    if name in lex["balance_totals"]:
        for link in lex["balance_links"]:
            if said.rstrip().endswith(name + link):
                return name + link
    return name


@cache
def _agency_re() -> re.Pattern[str]:
    lex = load_lexicon("indicator")
    ends = "|".join(map(re.escape, lex.get("agency_endings", [])))
    modals = "|".join(map(re.escape, lex.get("agency_modals", [])))
    if not ends or not modals:
        return re.compile(r"(?!)")
    return re.compile(rf"^[\u4e00-\u9fff]{{1,8}}?(?:{ends})(?:{modals})(?=[\u4e00-\u9fff]{{2}})")


def _balance(name: str) -> str:
    """Drop a quote or bracket whose partner is outside the name (疏整促”专项行动 → 疏整促专项行动)."""
    for a, b in (("“", "”"), ("(", ")"), ("（", "）"), ("《", "》")):
        if name.count(a) != name.count(b):
            name = name.replace(a, "").replace(b, "")
    return name


@cache
def _scope_aside() -> re.Pattern[str]:
    """A parenthesis right before the number saying what the item includes (含…, 包括…): no part of its name."""
    words = "|".join(map(re.escape, load_lexicon("indicator")["scope_aside_openers"]))
    return re.compile(rf"[(（](?:{words})[^()（）]*[)）]\s*$")


def clause_before(text: str, start: int, stop: int) -> str:
    """Text from the last clause break in text[start:stop] to stop (a word cut by a qualifier the find
    stage took, 签|约11个, is made whole). How a figure is computed (按可比价格计算, 扣除价格因素, 两年平均)
    is no part of the name and no clause of its own."""
    if stop < len(text) and text[stop] == "约" and text[max(start, stop - 1):stop + 1] in _lex().keep_endings:
        stop += 1
    seg = _lex().method.sub("", text[start:stop])  # 地区生产总值按不变价格计算,比上年增长: the name stays
    seg = _scope_aside().sub("", seg)  # 其他支出(含灾害防治及应急管理、债务付息等)1.97亿元: what the item holds
    parts = _CLAUSE_BREAK.split(seg)
    if len(parts) >= 2 and not parts[-1].strip() and _LABEL_LINE.search(seg):
        return parts[-2].strip()  # 规模以上工业总产值：6182.35亿元 on a line of its own: the label names it
    return parts[-1] if parts else ""


#: A line that is a label and a colon right before its number (主要指标速览 cards, 规模以上工业总产值：).
_LABEL_LINE = re.compile(r"(?:^|\n)[ \t\u3000]*[\u4e00-\u9fff（）()]{2,20}[:：][ \t]*$")


def counted_object(text: str, end: int, limit: int) -> str:
    """The noun right after a count (49个|一刻钟便民生活圈), up to a stop word or a break; a qualifier
    right after the number (20个以上“一件事”…) is skipped."""
    q = _AFTER_QUALIFIER.match(text, end, limit)
    if q:
        end = q.end()
    if text.startswith(("(", "（"), end):
        return ""  # 198.36万人(在职职工142.18万人,…): an aside that breaks down the count, no object of it
    lead = _OBJECT_LEAD.match(text, end, limit)
    if lead:
        end = lead.end()  # 10万余亩的四大生态景观走廊: skip 的 and 四大
    mods = _MODIFIERS.match(text, end, limit)
    if mods:
        end = mods.end()  # 50余场内容丰富、形式多样的生态环保实践活动: skip the modifiers before 的
    stop = limit
    stops = []  # the first two stop words that are no part of a compound (only they are looked at)
    for m in _lex().object_stop.finditer(text, end, limit):
        near = text[max(end, m.start() - 1):m.end() + 1]
        if not any(c in near and c.find(m.group()) >= 0 for c in _lex().stop_compounds):
            stops.append(m)
            if len(stops) == 2:
                break
    if stops:
        stop = stops[0].start()
        second = text[stops[0].end():stops[1].start()] if len(stops) > 1 else ""
        if len(stops) > 1 and stops[0].group() in _JOINERS and not _CJK.match(stops[1].group()) \
                and len(second) >= 2 and not re.search(r"\d", second) and stops[1].start() - end <= _JOINED_MAX:
            stop = stops[1].start()  # 千余场展览展示和文艺演出。: both nouns, up to the clause's end
    obj = text[end:stop]
    if obj.endswith(("中", "里")) and len(obj) > 2 and stop < len(text) and not _CJK.match(text[stop]):
        obj = obj[:-1]  # 31项指标中,: a locative (among them), not part of the noun
    # a number inside “3个100” is part of the name
    inner = next((x for x in _INNER_NUMBER.finditer(obj)
                  if obj.count("“", 0, x.start()) <= obj.count("”", 0, x.start())), None)
    obj = _balance(obj[: inner.start() + 1 if inner else len(obj)][:_MAX_OBJECT].strip(_EDGE_PUNCT))
    return obj if len(obj) >= 2 else ""


def unit_suffix(unit: str) -> str | None:
    """长度/面积 for a length or area unit (万余亩 too), None otherwise."""
    return _lex().unit_suffix.get(unit) or _lex().unit_suffix.get(unit.replace("余", "").replace("多", ""))


def with_suffix(name: str, suffix: str) -> str:
    """Append 长度/面积/数量 unless the name already says what it measures."""
    return name if name.endswith(_lex().measured_endings) else name + suffix


def drop_examples(phrase: str) -> str:
    """崇文门、苹果园等 → '': examples before 等 are not part of the indicator."""
    for w in _lex().example_markers:
        i = phrase.rfind(w)
        while i >= 0 and any(c.startswith(w) and phrase.startswith(c, i) for c in _lex().stop_compounds):
            i = phrase.rfind(w, 0, i)  # 等效声级: 等 opens a word, it ends no examples
        if i >= 0:
            return phrase[i + len(w):]
    return phrase


def drop_leading_verbs(name: str) -> str:
    """建成亮马河 → 亮马河: the action before a measured thing is not part of its name."""
    return re.sub(rf"^(?:{_lex().action_verbs.pattern})+", "", name)


def ends_with_verb(name: str) -> bool:
    """公交线网增加覆盖: the name ends in an action, so a 长度 suffix would not fit it."""
    return bool(re.search(rf"(?:{_lex().action_verbs.pattern})$", name))


def verb_tail(name: str) -> str:
    """The verb right before a count: a short left phrase whole, else its trailing action verbs
    (财金协同平台共帮助 → 帮助), else its last few characters."""
    limit = _lex().verb_only_max
    if len(name) <= 2 * limit:
        return name
    m = re.search(rf"(?:{_lex().action_verbs.pattern})+$", name)
    return m.group() if m else name[-limit:]


@lru_cache(maxsize=1024)
def is_count_unit(unit: str) -> bool:
    """个, 家, 万名, 余所 …: a unit that counts things (multipliers and 余/多 do not change that)."""
    core = unit.lstrip("万亿千百").rstrip("余多")
    return unit in _lex().count_units or (bool(core) and core in _lex().count_units)


def count_suffix(unit: str = "") -> str:
    """数量, or 人数/人次/户数/场次 for counts of people, visits, households, events."""
    core = unit.lstrip("万亿千百").rstrip("余多")
    return _lex().suffix_by_unit.get(core, _lex().count_suffix)


#: The words between a set's count and its first part (11个|设区市中，有|5个…; 20个|县(市、区)…增速有|13个…): the
#: set's noun, then 中 (and 有) or 有. checks.splits reads splits with the same words.
SPLIT_SET_NOUN = r"(?P<set>(?:[^，,。；;、\d（(]|[（(][^）)]*[）)]){1,24}?)"
SPLIT_SET_END = r"(?P<end>中[，,]?(?:有|共有)?|有)"
_SPLIT_SET = re.compile(rf"(?P<n>\d+)(?P<u>[个家种户所项]){SPLIT_SET_NOUN}{SPLIT_SET_END}(?=\d)")


def split_count_name(text: str, start: int, end: int, stop: int) -> str | None:
    """The name of a count in a split of a set (bulletin practice: 11个设区市中，有5个市高于全省平均水平，6个…):
    the set is 设区市数量; a part is what it says of the set's members, 高于全省平均水平的设区市数量. `start`
    is the sentence's start, `end` the count's end, `stop` the sentence's end; None when it is no split."""
    sets = [m for m in _SPLIT_SET.finditer(text, start, stop) if m.start() <= end]
    if not sets:
        return None
    m = sets[-1]
    if m.end("u") == end:  # the set's own count
        noun = m.group("set") if m.group("end").startswith("中") else ""
        return noun + _lex().count_suffix if len(noun) >= 2 else None
    if end <= m.end() or text[end - 1] != m.group("u"):
        return None
    clause = _CLAUSE_BREAK.split(text[end:stop], maxsplit=1)[0]
    phrase = m.group("set")
    if m.group("end").startswith("中"):
        noun, subject = phrase, ""
        tail = next((phrase[k:] for k in range(len(phrase)) if clause.startswith(phrase[k:])), "")
    else:  # 20个县(市、区)公共财政预算支出增速有13个县(市、区)高于…: the set's noun is what the part repeats
        tail = next((phrase[:k] for k in range(len(phrase), 0, -1) if clause.startswith(phrase[:k])), "")
        noun, subject = tail, phrase[len(tail):]
    said = clause[len(tail):].strip()
    if len(noun) < 2 or len(said) < 2:
        return None
    return f"{subject}{said}的{noun}{_lex().count_suffix}"


def with_count_suffix(name: str, unit: str) -> str:
    """改扩建学校 (35所) → 改扩建学校数量; a name that already says what it measures stays."""
    if not name:
        return name
    suffix = count_suffix(unit)
    if suffix == "户数" and not any(w in name for w in load_lexicon("indicator")["household_words"]):
        suffix = _lex().count_suffix  # 1205户企业: firms, counted as 数量
    return with_suffix(name, suffix)


def list_items(phrase: str) -> list[str]:
    """Split a 分别-list subject into its items, sharing the head noun of the last one.

    城镇、农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入: a shorter
    earlier item takes the last item's tail after as many characters as it has.
    """
    known = _catalog_items(phrase)
    if known:
        return known
    items = [x for x in _LIST_SPLIT.split(phrase) if x]
    if len(items) == 1:
        return _paired_items(items[0]) or items
    if len(items) < 2:
        return items
    ordinals = _ordinal_items(items)
    if ordinals:
        return ordinals
    last = items[-1]
    # an earlier item that is a whole name already (农民人均纯收入和城镇居民人均可支配收入) keeps its own head
    out = [it + last[len(it):] if len(it) < len(last) and not last.startswith(it) and not _whole_name(it) else it
           for it in items[:-1]]
    out.append(last)
    return out


_JOINERS_IN_NAMES = re.compile(r"(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])")


def _catalog_items(phrase: str) -> list[str] | None:
    """教育、社会保障和就业、卫生健康支出 → 教育支出, 社会保障和就业支出, 卫生健康支出: the split of a list
    whose every item, with the head the last item ends in, is a name the indicator catalog knows. Official
    names hold 和/与 (社会保障和就业, 文化旅游体育与传媒), so 和 splits only where the catalog says so."""
    parts = [x for x in re.split(r"[、/]", phrase) if x]
    if not parts:
        return None
    last = parts[-1]
    cuts = [m.start() for m in _JOINERS_IN_NAMES.finditer(last)]
    for cut in [None, *cuts]:  # the last part as it is, or split at one of its joiners (…和卫生健康支出)
        items = [*parts[:-1], last] if cut is None else [*parts[:-1], last[:cut], last[cut + 1:]]
        if len(items) < 2 or indicator_code(items[-1]) is None:
            continue
        # the longest head every item takes (城镇、农村居民人均…); else items the catalog knows as they are
        for whole_ok in (False, True):
            for k in range(len(items[-1]) - 1, 1, -1):
                head = items[-1][-k:]
                if not _CJK.match(head) or not _CJK.match(items[-1][-k - 1]):
                    continue  # a head starts a word: not inside (SO2) nor after a bracket
                named = [it if it.endswith(head) or (whole_ok and indicator_code(it)) else it + head
                         for it in items[:-1]]
                if all(indicator_code(it) for it in named):
                    return [*named, items[-1]]
    return None


def _whole_name(item: str) -> bool:
    """A list item of four or more characters ending in a measured noun (…收入, …总值, …率), or one the
    indicator catalog knows by itself (固定资产投资), names its quantity."""
    return len(item) >= 4 and (item.endswith(_lex().measured_endings) or indicator_code(item) is not None)


_ORDINAL = re.compile(r"(第)?([一二三四五六七八九十]+)")


def _ordinal_items(items: list[str]) -> list[str] | None:
    """第一、二、三产业 (第二、三产业): ordinals said once with 第, each item the ordinal and the last one's tail."""
    first = _ORDINAL.fullmatch(items[0])
    if first is None or first.group(1) is None:
        return None
    nums = [first.group(2)]
    for it in items[1:-1]:
        m = _ORDINAL.fullmatch(it)
        if m is None:
            return None
        nums.append(m.group(2))
    last = _ORDINAL.match(items[-1])
    if last is None or last.end() == len(items[-1]):
        return None
    tail = items[-1][last.end():]
    return [f"第{n}{tail}" for n in [*nums, last.group(2)]]


def _paired_items(phrase: str) -> list[str] | None:
    """城乡居民收入 before 分别: 城镇居民收入, 农村居民收入 (the pair the first word stands for)."""
    pairs: dict[str, list[str]] = load_lexicon("indicator").get("paired_prefixes", {})
    for prefix, parts in sorted(pairs.items(), key=lambda kv: -len(kv[0])):
        if phrase.startswith(prefix) and len(phrase) > len(prefix):
            return [part + phrase[len(prefix):] for part in parts]
    return None


def rate_compared(name: str) -> bool:
    """涨幅比上月 / 增速较上年: a rate word compared with a base names no quantity of its own."""
    return bool(_rate_comparison().match(name))


@cache
def _rate_comparison() -> re.Pattern[str]:
    return re.compile(load_lexicon("indicator")["rate_comparison"])


def names_a_rank(clause: str) -> bool:
    """增速最高的为张家口市(同比增长22.9%): the clause ranks areas by the quantity the sentence is about;
    the name is that quantity's, the area is the region."""
    return bool(_ranking().search(clause))


@cache
def _ranking() -> re.Pattern[str]:
    return re.compile("|".join(load_lexicon("indicator")["ranking_clauses"]))


def opens_with_base(clause: str, ratio: bool = False) -> bool:
    """快于城镇居民 / 相当于过去三年总量的 (and 是深圳南山区的 before a ratio): the clause names a
    comparison base, not the indicator."""
    c = clause.lstrip(_EDGE_PUNCT)
    lex = load_lexicon("indicator")
    if c.startswith(tuple(lex["not_bases"])) and not c.startswith(tuple(lex["bases_after_all"])):
        return False  # 占地面积, 比例: words that only start like a comparison
    return c.startswith(tuple(lex["base_openers"])) or (ratio and c.startswith(("是", "为")))


def is_name(name: str) -> bool:
    """At least two characters and not a left-over function word (当月, 预计, 目标)."""
    if name in load_lexicon("indicator")["dimension_words"]:
        return True
    return len(name) >= 2 and name not in _not_names() and bool(_CJK.search(name))


@cache
def _not_names() -> frozenset[str]:
    return frozenset(load_lexicon("indicator")["not_names"])


def has_cjk(s: str) -> bool:
    return bool(_CJK.search(s))


def is_plan_base(name: str) -> bool:
    """年度预算, 全年任务: the plan a progress share is measured against, not an indicator."""
    return name in load_lexicon("indicator")["plan_bases"]


def ends_with_plan_base(clause: str) -> bool:
    """为年初预算 / 完成调整预算: the clause names the plan right before its number."""
    return clause.rstrip().endswith(tuple(load_lexicon("indicator")["plan_bases"]))


def structure_part(name: str, index: int) -> str | None:
    """三次产业结构 (2.7∶28.9∶68.4) → the `index`-th part's indicator (第一产业增加值), None if unknown."""
    for head, parts in sorted(load_lexicon("indicator")["structure_parts"].items(), key=lambda kv: -len(kv[0])):
        if name.startswith(head) and name[len(head):] in ("结构", "比例", "比重", "构成", ""):
            return parts[index] if index < len(parts) else None
    return None


def comma_list_items(text: str, start: int, stop: int, size: int) -> list[str] | None:
    """A 分别-list subject split by ，(信息传输、软件和信息技术服务业，租赁和商务服务业，金融业生产指数分别…):
    the last `size` clauses before `stop`, each one item, sharing the head the last one adds after the
    items' common ending (业 → 生产指数). None unless the earlier clauses are bare nouns ending alike."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(text[start:stop])]
    if len(parts) < size or size < 2:
        return None
    items, last = parts[-size:-1], trim(parts[-1])
    end = items[0][-1:] if items[0] else ""
    if not end or any(not it or it[-1] != end or re.search(r"\d", it) for it in items):
        return None
    cut = last.rfind(end)
    if cut < 0 or cut == len(last) - 1:
        return None
    head = last[cut + 1:]
    return [trim(it) + head for it in items] + [last]


def earlier_list_items(text: str, start: int, stop: int, size: int) -> list[str] | None:
    """The subject of an earlier 分别 in text[start:stop] when it names exactly `size` items
    (A、B、C浓度分别为…,较2019年分别下降x、y、z: the second list is about the same items)."""
    head = text[start:stop]
    cut = head.rfind("分别")
    while cut > 0:
        items = list_items(trim(drop_examples(clause_before(text, start, start + cut))))
        if len(items) == size:
            return items
        cut = head.rfind("分别", 0, cut)
    return None


_QUANTIFIED = re.compile(r"(?:以上|左右|多)?的(?=[\u4e00-\u9fff“])")


def quantified_subject(text: str, end: int, limit: int) -> str | None:
    """The thing a share quantifies when it stands before it (四分之一的企业计划扩大产能): what they do, 的,
    the noun (计划扩大产能的企业); just the noun when nothing follows. None unless 的 follows the number."""
    q = _QUANTIFIED.match(text, end, limit)
    if not q:
        return None
    clause_end = next((x.start() for x in _CLAUSE_BREAK.finditer(text, q.end(), limit)), limit)
    verbs = load_lexicon("indicator")["quantified_verbs"]
    cut = min((i for i in (text.find(v, q.end() + 1, clause_end) for v in verbs) if i >= 0), default=-1)
    if cut > 0:
        obj, rest = text[q.end():cut].strip(_EDGE_PUNCT), text[cut:clause_end]
    else:
        obj = counted_object(text, end, limit)
        at = text.find(obj, q.end(), limit) if obj else -1
        rest = text[at + len(obj):limit] if at >= 0 else ""
    if not obj or not has_cjk(obj):
        return None
    predicate = _CLAUSE_BREAK.split(rest)[0].strip(_EDGE_PUNCT) if rest else ""
    if predicate and len(predicate) <= _MAX_OBJECT:
        return f"{predicate}的{obj}"
    return obj


_POSSESSIVE = re.compile(r"(?<=[\u4e00-\u9fff])的(?=[\u4e00-\u9fff])")


def join_possessive(name: str) -> str:
    """演出票的消费支出 → 演出票消费支出: a possessive 的 between two nouns is dropped, as names are written;
    a 的 after a verb phrase (落地区级平台的…) opens a relative clause and stays."""
    m = _POSSESSIVE.search(name)
    if not m or _POSSESSIVE.search(name, m.end()) or _lex().action_verbs.search(name[:m.start()]):
        return name
    return name[:m.start()] + name[m.end():]
