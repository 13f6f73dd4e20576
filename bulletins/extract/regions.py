"""Region of a fact: named areas, 全市/本市 (the document's city), 全区 (the district in context).

Names and self-words live in `data/lexicon/regions.yaml`. A region word right after a
comparison word (占全市, 低于全国, 是全市的) is the comparison base, not the fact's region.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from bulletins.extract.lexicon import alternation, load_lexicon


@dataclass(frozen=True)
class RegionMatch:
    start: int
    end: int
    name: str  # canonical name, or a self-word marker: "@city" / "@district"
    compare: bool


@dataclass(frozen=True)
class _Lex:
    pattern: re.Pattern[str]
    canonical: dict[str, str]  # matched word -> name or marker
    district_city: dict[str, str]  # district -> its city
    single_entity_words: tuple[str, ...]
    single_entity_topics: tuple[str, ...]
    compare_before: tuple[str, ...]
    rank_or_whole_after: tuple[str, ...]


@cache
def _lex() -> _Lex:
    lex = load_lexicon("regions")
    canon: dict[str, str] = {}
    district_city: dict[str, str] = {}
    for city, spec in lex["cities"].items():
        canon[city] = city
        for s in spec.get("short", []):
            canon[s] = city
        for w in spec.get("self_words", []):
            canon[w] = "@city"
        for d in [*spec.get("districts", []), *spec.get("areas", [])]:
            canon[d] = d
            district_city[d] = city
            if spec.get("short_names") and d.endswith("区") and len(d) >= 3:
                canon.setdefault(d[:-1], d)
    for o in [*lex["others"], *lex.get("provinces", [])]:
        canon[o] = lex.get("canonical", {}).get(o, o)
    for w in lex.get("province_self_words", []):
        canon[w] = "@city"
    for w in lex["district_self_words"]:
        canon[w] = "@district"
    for a, name in lex.get("aliases", {}).items():
        canon[a] = name
    words = sorted(canon, key=len, reverse=True)  # longest first: 海淀区 before 海淀
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return _Lex(pattern, canon, district_city, tuple(lex["single_entity_words"]),
                tuple(lex["single_entity_topics"]), tuple(lex["compare_before"]),
                tuple(lex["rank_or_whole_after"]))


def find_regions(text: str) -> list[RegionMatch]:
    """Region words in `text` with a flag for comparison bases."""
    lex = _lex()
    out = []
    for m in lex.pattern.finditer(text):
        before = text[max(0, m.start() - 3):m.start()]
        compare = before.endswith(lex.compare_before)
        after = text[m.end():m.end() + 3]
        if after.startswith(lex.rank_or_whole_after):
            compare = True  # 全市首创, 全市第一, 全市占比: a rank or a share's whole, not the region
        name = lex.canonical[m.group()]
        if m.group() != name and name in lex.district_city and after.startswith(_short_blockers()):
            continue  # 大兴机场, 怀柔科学城: a facility named after the district
        out.append(RegionMatch(m.start(), m.end(), name, compare))
    return out


@cache
def _short_blockers() -> tuple[str, ...]:
    return tuple(load_lexicon("regions").get("short_name_blockers", []))


def city_of(district: str) -> str | None:
    """The city a district belongs to (海淀区 → 北京市)."""
    return _lex().district_city.get(district)


def is_district(name: str | None) -> bool:
    return bool(name) and name in _lex().district_city


def resolve(match: RegionMatch, city: str | None, district: str | None) -> str | None:
    """Turn a self-word marker into the document's city or district."""
    if match.name == "@city":
        return city
    if match.name == "@district":
        return district
    return match.name


_GENERIC_AREA = re.compile(
    r"(?:^|(?<=关于)|(?<=《)|(?<=\s))"
    r"(?P<city>[\u4e00-\u9fff]{2,4}?市)?(?P<district>[\u4e00-\u9fff]{2,4}?(?:新区|区|县))?"
    r"(?=(?:19|20)\d{2}年|人民政府|政府|关于|统计|国民|经济|财政|举行|召开|发布|新闻|[1-9]|[一二三四五六七八九十]+月|"
    r"上半年|前三季度|一季度|今年|全年|$)"
)


def _generic_area(head: str) -> tuple[str | None, str | None]:
    """(city, district) a title names when the lexicon knows neither (成都市2023年…, 杭州市西湖区…)."""
    stops = tuple(load_lexicon("regions").get("generic_area_stop", []))
    for line in head.splitlines():
        line = re.sub(r"^[\s《]*(?:关于|印发|转发)*", "", line)
        for m in _GENERIC_AREA.finditer(line):
            city, district = m.group("city"), m.group("district")
            if district and district.endswith(stops):
                district = None
            if city and city.endswith(stops):
                city = None
            if city or district:
                return city, district
    return None, None


def document_regions(head: str, body: str) -> tuple[str | None, str | None]:
    """(city, district) of a document: what its head (title, lead) names, from the lexicon, else
    from the title's wording (成都市…公报), else 全国 for a national release (国家统计局), else what
    its body names most often; the home city when nothing is said.

    The "city" is the area 全市/本市 stand for (a province for 全省, 全国 for a national release).
    """
    lex = load_lexicon("regions")
    head_names = [r.name for r in find_regions(head) if not r.name.startswith("@") and not heads_institution(head, r)]
    district = next((n for n in head_names if is_district(n)), None)
    tops = set(_lex().district_city.values()) | set(lex.get("provinces", []))
    city = city_of(district) if district else next((n for n in head_names if n in tops), None)
    if district or city:
        return city, district
    city, district = _generic_area(head)
    if district or city:
        return city, district  # an area outside the lexicon: no home city either
    if any(w in head for w in lex.get("national_markers", [])):
        return "全国", None
    paper = _newspaper_area(head)
    if paper:
        return paper, None
    counts = Counter(r.name for r in find_regions(body) if not heads_institution(body, r))
    if counts.get("@district"):
        districts = [(c, n) for n, c in counts.items() if is_district(n)]
        if districts:
            district = max(districts)[1]
            return city_of(district), district
    cands = [(c, n) for n, c in counts.items() if n in tops]
    if cands:
        best = max(cands)[1]
        if best in lex.get("provinces", []) and _says_city_not_province(body):
            return _body_city(body) or best, None  # 全市 stands for a city, never for a province
        return best, None
    if any(is_district(n) for n in counts):
        return city_of(max((c, n) for n, c in counts.items() if is_district(n))[1]), None
    named = _body_city(body)
    if named:
        return named, None  # 一季度，武汉市经济运行…: never fall back to the home city for another city's text
    return lex.get("default_city"), None


def heads_institution(text: str, r: RegionMatch) -> bool:
    """浙江省博物馆, 四川大学: the region word opens an institution's or facility's name."""
    words = load_lexicon("regions").get("institution_words", [])
    return bool(re.match(rf"[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(map(re.escape, words))})", text[r.end:r.end + 8]))


def _says_city_not_province(body: str) -> bool:
    """The body says 全市/本市 and never 全省/本省: its area is a city."""
    lex = load_lexicon("regions")
    provincial = any(w in body for w in lex.get("province_self_words", []))
    return not provincial and any(w in body for w in ("全市", "本市", "我市"))


def _newspaper_area(head: str) -> str | None:
    """杭州日报 at the head of a page: the paper's city (浙江日报: the province)."""
    lex = load_lexicon("regions")
    papers = "|".join(map(re.escape, lex.get("newspaper_words", [])))
    if not papers:
        return None
    for line in head.splitlines():
        m = re.match(rf"\s*([\u4e00-\u9fff]{{2,3}}?)(?:{papers})(?:[\s\u3000]|$)", line)
        if not m or m.group(1) in lex.get("newspaper_not_place", []):
            continue
        place = m.group(1)
        province = next((p for p in lex.get("provinces", []) if p.startswith(place)), None)
        return province or f"{place}市"
    return None


_BODY_CITY = re.compile(r"(?:^|(?<=[，。；：,;:\s“（(]))([\u4e00-\u9fff]{2,3}市)")


def _body_city(body: str) -> str | None:
    """A city outside the lexicon that the body names at clause starts at least twice (武汉市…，武汉市…)."""
    stops = set(load_lexicon("regions").get("generic_area_stop", [])) | set(
        load_lexicon("regions").get("generic_city_stop", [])
    )
    counts = Counter(m.group(1) for m in _BODY_CITY.finditer(body) if not m.group(1).endswith(tuple(stops)))
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None


@cache
def _entity_re(topics: bool) -> re.Pattern[str]:
    words = _lex().single_entity_topics if topics else _lex().single_entity_words
    return re.compile(rf"(?:{alternation(words)})(?!区)")  # 产业园区 is an area, 产业园 one facility


@cache
def _place_re() -> re.Pattern[str]:
    words = load_lexicon("regions").get("place_entity_words", [])
    return re.compile(alternation(words) or r"(?!)")


#: A place word counts only this close to the start of the subject (假期杭州东站…).
_PLACE_OPENING = 8


def names_entity(subject: str, *, topic: bool = False) -> bool:
    """The subject names one project, facility, fund or event (国际再生医学产业园项目总投资…); with
    `topic`, the broader words that make a whole article's lead about one company or facility.
    Examples before 等 (东升科技园二期、…等完工项目) do not count, nor a facility after a number."""
    cut = subject.rfind("等")
    subject = _not_entity_re().sub("", subject[cut + 1:] if cut >= 0 else subject)
    found = list(_entity_re(topic).finditer(subject))
    place = _place_re().search(subject)
    if place and place.start() <= _PLACE_OPENING and not (found and found[0].start() < place.start()):
        found = [place]  # 假期西湖景区共接待游客 / 其中1号线单日客运量
    if not found or re.search(r"\d", subject[:found[0].start()]):
        return False
    # 天府国际机场和双流国际机场…合计: several facilities in a list add up to the area's total,
    # unless 分别 gives each its own figure (…公园、…湿地分别接待)
    if "分别" in subject[found[-1].end():]:
        return True
    return not any(_JOINER.search(subject[a.end():b.start()]) for a, b in pairwise(found))


_JOINER = re.compile(r"^[^，,；;]{0,12}?[和、及与]")


@cache
def _not_entity_re() -> re.Pattern[str]:
    lex = load_lexicon("regions")
    words = alternation(lex.get("not_entity_words", []))
    verbs = "|".join(re.escape(w) for w in lex.get("phase_count_verbs", []))
    phases = rf"(?:{verbs})[一二两三四五六七八九十]期" if verbs else ""
    return re.compile("|".join(x for x in (words, phases) if x) or r"(?!)")


def in_sample(sentence_start: str) -> bool:
    """调查的100家企业中 / “我们园区…: the sentence is about a survey sample or the speaker's own unit."""
    for w in load_lexicon("regions").get("sample_markers", []):
        i = sentence_start.find(w)
        if i >= 0 and not (w[0] in "“\"" and re.search("[”\"]", sentence_start[i + 1:])):
            return True  # a quote counts only while it is open (“我们的节日”活动 is a name)
    return False


def cites_entity_data(sentence_start: str) -> bool:
    """据美团平台统计, / 某在线旅游平台数据显示,: the sentence reports one company's own data."""
    lex = load_lexicon("regions")
    ents = "|".join(map(re.escape, lex.get("source_entity_words", [])))
    verbs = "|".join(map(re.escape, lex.get("source_verbs", [])))
    if not ents or not verbs:
        return False
    return bool(re.match(rf"[\s“]*据?[^，,。；;]{{0,12}}?(?:{ents})(?:{verbs})[^，,。；;]{{0,4}}[，,]", sentence_start))


def opens_with_entity(clause: str, *, own: bool = False) -> bool:
    """足球场位于村庄东侧: a clause whose subject is one facility (its word within the first few characters).
    In an earlier clause, examples before 等 are several facilities (地铁19号线二期、27号线一期等项目加快建设);
    in the number's `own` clause a zone opening it still holds them (怀柔科学城A、B等5个平台)."""
    clause = clause.strip(" ,，“”")
    m = _entity_re(False).search(_not_entity_re().sub("", clause))
    if not m or m.start() > _ENTITY_OPENING:
        return False
    if own:
        found = list(_entity_re(False).finditer(clause))
        several = any(_JOINER.search(clause[a.end():b.start()]) for a, b in pairwise(found))
        # 东升科技园二期、…等完工项目: the facility is itself an item of the list
        return "等" not in clause[:m.start()] and clause[m.end():m.end() + 1] not in "、和及与" and not several
    return "等" not in clause[m.end():] and names_entity(clause)


_ENTITY_OPENING = 6


def leading_region(clause: str) -> RegionMatch | None:
    """The region a clause opens with, after lead-in and period words (上半年全市… / 本市城镇居民…)."""
    for r in find_regions(clause):
        if r.compare:
            continue
        head = clause[:r.start]
        if _OPENING.fullmatch(head):
            return r
        break
    return None


_OPENING = re.compile(
    r"[\s,，:：“]*(?:(?:其中|同时|此外|另外|据了解|据介绍|目前|截至目前|在|从|由|对|今年以来|年内|全年|"
    r"(?:19|20)\d{2}年(?:以来|上半年|前三季度|[一二三四]季度|\d{1,2}[-—–至到]\d{1,2}月|\d{1,2}月|底|末)?|"
    r"上半年|下半年|前三季度|[一二三四]季度|\d{1,2}[-—–至到]\d{1,2}月份?|今年|去年|上年)[\s,，:：]*)*"
)


_ENTITY_NAME_MAX = 12


def entity_name(clauses: list[str]) -> str | None:
    """The name of the one facility, fund or platform an earlier clause opens with (大数据交易所达成…,
    设立“海淀科学家基金系”): the context a number of a later clause without its own subject is about.
    None when no clause opens with such a name of at most a dozen characters."""
    from bulletins.extract.indicator import drop_leading_verbs, trim  # indicator imports this module

    for clause in clauses:
        body = _not_entity_re().sub(lambda x: "\0" * len(x.group()), clause)
        m = _entity_re(True).search(body) or _entity_re(False).search(body)
        if not m:
            continue
        end = m.end()
        close = clause.find("”", end)
        if 0 <= clause.rfind("“", 0, end) and (close < 0 or close - end <= 2):
            end = close + 1 if close >= 0 else end  # “海淀科学家基金系”
        name = trim(drop_leading_verbs(trim(clause[:end]))).strip("“”\"")
        if 2 < len(name) <= _ENTITY_NAME_MAX and not re.search(r"\d", name) and "等" not in name:
            return name
    return None
