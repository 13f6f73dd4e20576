"""Region of a fact: named areas, 全市/本市 (the document's city), 全区 (the district in context).

Names and self-words live in `data/lexicon/regions.yaml`; every province, prefecture and county of
China comes from the gazetteer (`data/gazetteer/divisions.csv`, see `gazetteer.py`). A region word
right after a comparison word (占全市, 低于全国, 是全市的) is the comparison base, not the fact's region.

The document's own area (set by `document_regions` for the document being extracted) decides
what a short form (涪城全区 → 涪城区) and an ambiguous name (朝阳区: Beijing's or Changchun's)
stand for, and which code `region_code` gives.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from itertools import pairwise
from typing import Any, TypeVar

from bulletins.extract.gazetteer import NATIONAL, Division, area_of_url, gazetteer, is_cjk
from bulletins.extract.lexicon import alternation, load_lexicon

_R = TypeVar("_R")

#: The environment variable naming the home region (see `home_region`).
HOME_REGION_ENV = "BULLETINS_HOME_REGION"

#: The area of the document being extracted (set by `document_regions`, one document per thread at a time).
_AREA: ContextVar[Division | None] = ContextVar("document_area", default=None)


@dataclass(frozen=True)
class RegionMatch:
    start: int
    end: int
    name: str  # canonical name, or a self-word marker: "@city" / "@district"
    compare: bool
    rank: bool = False  # 保持全国城市前列: a rank among a class of areas


@dataclass(frozen=True)
class _Lex:
    pattern: re.Pattern[str]
    canonical: dict[str, str]  # matched word -> name or marker
    district_city: dict[str, str]  # district -> its city
    single_entity_words: tuple[str, ...]
    single_entity_topics: tuple[str, ...]
    compare_before: tuple[str, ...]
    rank_or_whole_after: tuple[str, ...]
    rank_after_class: re.Pattern[str]


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
    for w in lex.get("city_self_words", []):
        canon[w] = "@city"
    for w in lex.get("province_self_words", []):
        canon[w] = "@province"
    for w in lex["district_self_words"]:
        canon[w] = "@district"
    for w in lex.get("county_self_words", []):
        canon[w] = "@county"
    for a, name in lex.get("aliases", {}).items():
        canon[a] = name
    words = sorted(canon, key=len, reverse=True)  # longest first: 海淀区 before 海淀
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return _Lex(pattern, canon, district_city, tuple(lex["single_entity_words"]),
                tuple(lex["single_entity_topics"]), tuple(lex["compare_before"]),
                tuple(lex["rank_or_whole_after"]),
                re.compile(rf"[\u4e00-\u9fff]{{1,2}}(?:{'|'.join(map(re.escape, lex['rank_after_class']))})"))


@dataclass(frozen=True)
class _GazLex:
    """What decides where a gazetteer name or short form counts (lexicon `gazetteer:` section)."""

    province_short: re.Pattern[str]  # 广东, 内蒙古, 广西
    short_context: re.Pattern[str]  # words after a city's or county's short form (包头全市, 涪城全区)
    openers: frozenset[str]  # characters a short form or a two-character name may follow (年, 在)
    needs_parent: frozenset[str]  # names that are also common words (城区, 郊区): only after their city
    not_after: dict[str, tuple[str, ...]]  # 区域, 市场: the name's last character starts a word
    not_after_except: tuple[str, ...]  # 区分别: the word after is 分别
    collisions: frozenset[str]  # short forms that are words (日照, 长治, 大同)
    blockers: tuple[str, ...]  # after a short form: a street, station or facility (江西路, 广东站)
    head_follow: tuple[str, ...]  # after a title's opening short form (包头2023年…, 宜章经济运行)


@cache
def _gaz_lex() -> _GazLex:
    spec = load_lexicon("regions")["gazetteer"]
    gaz = gazetteer()
    shorts = {s for d in gaz.divisions if d.level == "province" and d.status == "current" for s in d.short}
    return _GazLex(
        province_short=re.compile(alternation(shorts)),
        short_context=re.compile(alternation(spec["short_form_context"])),
        openers=frozenset(spec["openers"]),
        needs_parent=frozenset(spec["needs_parent"]),
        not_after={k: tuple(v) for k, v in spec["not_after"].items()},
        not_after_except=tuple(spec.get("not_after_except", [])),
        collisions=frozenset(spec["short_form_collisions"]),
        blockers=tuple(load_lexicon("regions").get("short_name_blockers", [])) + tuple(spec["short_form_blockers"]),
        head_follow=tuple(spec["head_short_follow"]),
    )


def area_cached(fn: Callable[..., _R]) -> Callable[..., _R]:
    """Memoize a pure helper of short strings by its arguments and the document's area.

    Every number of a sentence asks the same clause the same questions (does it open with a region, name
    a facility…); the answers depend on the text and, through short forms, on the area only. Bounded;
    `cache_clear` empties it like the lexicon caches.
    """
    @lru_cache(maxsize=8192)
    def cached(area: Division | None, /, *args: Any, **kwargs: Any) -> _R:
        return fn(*args, **kwargs)

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> _R:
        return cached(_AREA.get(), *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def set_document_area(area: Division | None) -> None:
    """The area of the document about to be extracted (short forms and codes resolve against it)."""
    _AREA.set(area)


def document_area() -> Division | None:
    return _AREA.get()


def division(name: str | None, area: Division | None = None) -> Division | None:
    """The division a full name stands for: the only one of that name, else the one inside (or around) the
    document's area (朝阳区 in a Beijing text: 110105); None when it cannot be told or for 全国."""
    if not name:
        return None
    divs = gazetteer().full.get(name)
    if not divs:
        return None
    if len(divs) == 1:
        return divs[0]
    area = area if area is not None else _AREA.get()
    near = [d for d in divs if gazetteer().near(d, area)]
    if len(near) == 1:
        return near[0]
    current = [d for d in (near or divs) if d.status == "current"]
    return current[0] if len(current) == 1 else None  # 辛集市: today's, not the code it had before


def region_code(name: str | None) -> str | None:
    """6-digit code of the division a fact's region names; None for 全国/全球, unknown or ambiguous names."""
    d = division(name)
    return d.code if d is not None else None


def _short_division(short: str, area: Division | None, *, head: bool = False) -> Division | None:
    """What a short form stands for: the one division of that short form inside or around the document's
    area (the shallowest one: 邢台 in a Hebei text is 邢台市, not 邢台县); else, when the area says nothing,
    the only province or prefecture of that short form that is no common word. In a head (`head`) the same."""
    gaz = gazetteer()
    divs = [d for d in gaz.short.get(short, []) if d.status == "current"] or gaz.short.get(short, [])
    near = [d for d in divs if gaz.near(d, area)]
    if near:
        top = min(d.depth for d in near)
        near = [d for d in near if d.depth == top]
        return near[0] if len(near) == 1 else None
    if short in _gaz_lex().collisions:
        return None
    wide = [d for d in divs if d.level != "county" or head]
    return wide[0] if len(wide) == 1 and len(divs) == 1 else None


def _full_ok(text: str, start: int, end: int, name: str) -> bool:
    """A full name found in `text` counts: not a word that contains it (召开县委 is no 开县, 西安区域 no 西安区)."""
    gl = _gaz_lex()
    nxt = text[end:end + 1]
    if nxt and nxt in gl.not_after.get(name[-1], ()) and not text.startswith(gl.not_after_except, end):
        return False
    prev = text[start - 1:start] if start else ""
    if name in gl.needs_parent or len(name) == 2:
        parents = [p for d in gazetteer().full[name] if (p := gazetteer().parent(d)) is not None]
        if any(text[:start].endswith(n) for p in parents for n in (p.name, *p.short)):
            return True
        return name not in gl.needs_parent and (not is_cjk(prev) or prev in gl.openers)
    return True


def _gazetteer_matches(text: str, area: Division | None) -> list[tuple[int, int, str]]:
    """Names, province short forms and context-confirmed short forms of the gazetteer in `text`."""
    gaz, gl = gazetteer(), _gaz_lex()
    out = [(m.start, m.end, m.name) for m in gaz.find_full(text) if _full_ok(text, m.start, m.end, m.name)]
    for m in gl.province_short.finditer(text):
        if text.startswith(gl.blockers, m.end()):
            continue  # 江西路, 广东站
        d = _short_division(m.group(), None)
        if d is not None and d.level == "province":
            out.append((m.start(), m.end(), d.name))
    for m in _suffixed_shorts().finditer(text):
        prev = text[m.start() - 1:m.start()] if m.start() else ""
        if (is_cjk(prev) and prev not in gl.openers) or text.startswith(_suffixed_blockers(), m.end()):
            continue  # 河南县域: the word 县域, not 河南县
        d = _short_division(m.group(), area, head=True)
        if d is not None:
            out.append((m.start(), m.end(), d.name))  # 甘南州, 恩施州: a short form that keeps its level
    for m in gl.short_context.finditer(text):
        found = gaz.short_before(text, m.start(), max(0, m.start() - gaz.max_short))
        if found is None:
            continue
        start, short = found
        prev = text[start - 1:start] if start else ""
        if is_cjk(prev) and prev not in gl.openers:
            continue  # 维护和平: the short form ends a longer word
        d = _short_division(short, area)
        if d is not None:
            out.append((start, m.start(), d.name))
    return out


@cache
def _suffixed_shorts() -> re.Pattern[str]:
    """Short forms that keep a level word (甘南州 of 甘南藏族自治州, 大厂县 of 大厂回族自治县): how such areas are
    written in lists and tables, never a common word, so they count without a context word after them."""
    gaz = gazetteer()
    provinces = tuple(p[:2] for p in load_lexicon("regions").get("provinces", []))
    forms = {s for s, divs in gaz.short.items() if len(s) >= 3 and s[-1] in "州县旗盟"
             and all(not d.name.startswith(s) for d in divs)
             and not s.startswith(provinces)}  # 河南县, 海南州: a province's name with a level word
    return re.compile("|".join(sorted(map(re.escape, forms), key=len, reverse=True)) or "(?!)")


@cache
def _suffixed_blockers() -> tuple[str, ...]:
    return tuple(load_lexicon("regions").get("suffixed_short_blockers", []))


@cache
def _short_blockers() -> tuple[str, ...]:
    return tuple(load_lexicon("regions").get("short_name_blockers", []))


def find_regions(text: str) -> list[RegionMatch]:
    """Region words in `text` with a flag for comparison bases.

    The same clause is asked about once per number in it: answers are cached (bounded)."""
    return list(_scan(text, _AREA.get()))


@lru_cache(maxsize=4096)
def _scan(text: str, area: Division | None) -> tuple[RegionMatch, ...]:
    lex = _lex()
    cands: list[tuple[int, int, str, int]] = []  # start, end, name, priority (lexicon first)
    for m in lex.pattern.finditer(text):
        name = lex.canonical[m.group()]
        after = text[m.end():m.end() + 3]
        if m.group() != name and name in lex.district_city and after.startswith(_short_blockers()):
            continue  # 大兴机场, 怀柔科学城: a facility named after the district
        cands.append((m.start(), m.end(), name, 0))
    cands += [(s, e, n, 1) for s, e, n in _gazetteer_matches(text, area)]
    out = []
    last = -1
    for start, end, name, _ in sorted(cands, key=lambda c: (c[0], -c[1], c[3])):
        if start < last:
            continue
        last = end
        before = text[max(0, start - 3):start]
        compare = before.endswith(lex.compare_before)
        rest = text[end:end + 3]
        rank = bool(lex.rank_after_class.match(text, end))  # 保持全国城市前列, 居全省县域第一
        if rank:
            compare = True
        elif rest.startswith(lex.rank_or_whole_after):
            # 全市首创, 全市第一, 全市占比: a rank or a share's whole, not the region; but a named area
            # opening its clause before 占比 is the part (分地区看,…；中部地区占比8.9%)
            opens = start == 0 or text[start - 1] in _CLAUSE_STARTS
            part = opens and not name.startswith("@") and name not in _WHOLES and rest.startswith(("占比", "比重"))
            compare = not part  # (全国占比10%, 全球占比超过60%: the whole)
        out.append(RegionMatch(start, end, name, compare, rank))
    return tuple(out)


def city_of(district: str) -> str | None:
    """The city a district belongs to (海淀区 → 北京市; 涪城区 → 绵阳市)."""
    known = _lex().district_city.get(district)
    if known:
        return known
    d = division(district)
    if d is None or d.level != "county":
        return None
    up = gazetteer().parent(d)
    return up.name if up is not None else None


def is_district(name: str | None) -> bool:
    """A county-level division (海淀区, 子洲县, 辛集市)."""
    if not name:
        return False
    if name in _lex().district_city:
        return True
    d = division(name)
    return d is not None and d.level == "county"


def resolve(match: RegionMatch, city: str | None, district: str | None) -> str | None:
    """Turn a self-word marker into the document's area at the marker's level: 全市 the city (never a
    province), 全省 the province, 全县 the county, 全区 the district (or an autonomous region's 全区)."""
    if not match.name.startswith("@"):
        return match.name
    city_div = division(city)
    if match.name == "@city":
        if city_div is not None and city_div.level == "province" and not _is_municipality(city_div):
            return None  # 全市 in a provincial text: some city the sentence does not name
        return city
    if match.name == "@province":
        inner = division(district) or city_div
        if inner is not None:
            return gazetteer().province(inner).name
        return city if city_div is not None and city_div.level == "province" else None
    if match.name == "@county":
        return district
    if district:
        return district
    if city_div is not None and city_div.level != "county" and city_div.name.endswith(("自治区", "地区", "盟")):
        return city  # 全区 of 内蒙古自治区, of 阿里地区
    return None


def _is_municipality(d: Division) -> bool:
    return d.level == "province" and d.name.endswith("市")


_GENERIC_AREA = re.compile(
    r"(?:^|(?<=关于)|(?<=《)|(?<=\s))"
    r"(?P<city>[\u4e00-\u9fff]{2,4}?市)?(?P<district>[\u4e00-\u9fff]{2,4}?(?:新区|区|县))?"
    r"(?=(?:19|20)\d{2}年|人民政府|政府|关于|统计|国民|经济|财政|举行|召开|发布|新闻|[1-9]|[一二三四五六七八九十]+月|"
    r"上半年|前三季度|一季度|今年|全年|$)"
)


@cache
def zone_name() -> str:
    """The pattern of a development zone's name (regions lexicon zone_endings: 苏州工业园区, 仲恺高新区)."""
    ends = "|".join(map(re.escape, load_lexicon("regions")["zone_endings"]))
    return rf"[\u4e00-\u9fff]{{2,12}}?(?:{ends})"


@cache
def _committee_re() -> re.Pattern[str]:
    committees = "|".join(map(re.escape, load_lexicon("regions")["zone_committees"]))
    return re.compile(rf"({zone_name()})(?:{committees})")


def _issuing_zone(head: str) -> str | None:
    """苏州工业园区管理委员会 in the head: a development zone that is no division issues the figures."""
    for m in _committee_re().finditer(head):
        if division(m.group(1)) is None:
            return m.group(1)
    return None


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


def document_regions(head: str, body: str, *, given: str | None = None,
                     url: str | None = None) -> tuple[str | None, str | None]:
    """(city, district) of a document: the area its source gives (`given`, DocMeta.region), else what
    its head (title, issuing body, dateline) names, else the title's wording for an area the gazetteer
    lacks (某某市2023年…公报), else 全国 for a national release (国家统计局), else its newspaper's, else the
    division its body names that agrees with the self-words it uses (全县 for a county, 全省 for a
    province); else the area its URL's government domain names (www.hetj.gov.cn: 河北省); the home
    city when nothing is said.

    The "city" is the area 全市/本市 stand for (全国 for a national release); for a county it is its
    prefecture, for a county-level city itself. Sets the document's area for short forms and codes.
    """
    set_document_area(None)
    head = _simplified(head)
    lex = load_lexicon("regions")
    if given:
        area = division(_simplified(given)) or _short_division(_simplified(given), None, head=True)
        if area is not None:
            return _settle(area)
        if given in lex["others"]:
            return given, None
    if any(w in head for w in lex.get("single_unit_titles", [])):
        return _settle(None, (None, None))  # 某学校2023年部门预算: one budget unit's figures
    zone = _issuing_zone(head)
    if zone is not None:
        return _settle(None, (None, zone))  # 苏州工业园区管理委员会: the zone's own figures, no code
    head_names = [r.name for r in find_regions(head)  # 保持全国城市前列: a rank, not the area
                  if not r.name.startswith("@") and not r.rank and not heads_institution(head, r)]
    district = next((n for n in head_names if n in _lex().district_city), None)
    if district:
        return _settle(division(district, division(city_of(district))), (city_of(district), district))
    area = _head_area(head_names)
    if area is not None:
        return _settle(area)
    tops = set(_lex().district_city.values()) | set(lex.get("provinces", []))
    city = next((n for n in head_names if n in tops), None)
    if city:
        return _settle(division(city), (city, None))
    area = _head_short(head)
    if area is not None:
        return _settle(area)
    city, district = _generic_area(head)
    if district or city:
        return city, district  # an area the gazetteer lacks: no home city either
    if _national_words(head) or _national_head(head):
        return "全国", None
    paper = _newspaper_area(head)
    if paper:
        return _settle(division(paper), (paper, None))
    if _national_lead(body):
        return "全国", None
    area = _body_area(body)
    if area is not None:
        return _settle(area)
    counts = Counter(r.name for r in find_regions(body) if not heads_institution(body, r) and not r.compare)
    if counts.get("@district"):
        districts = [(c, n) for n, c in counts.items() if n in _lex().district_city]
        if districts:
            district = max(districts)[1]
            return _settle(division(district, division(city_of(district))), (city_of(district), district))
    cands = [(c, n) for n, c in counts.items() if n in tops]
    if cands:
        best = max(cands)[1]
        if best not in lex.get("provinces", []) or not _says_city_not_province(body):
            return _settle(division(best), (best, None))
        # 全市 stands for a city, never for a province the text mentions (与河北省合作): below
    named = _body_city(body)
    if named:
        return _settle(division(named), (named, None))  # 一季度，武汉市经济运行…: not the home city
    own = {city_of(n) for n in counts if n in _lex().district_city}
    if len(own) == 1 and any(w in body for w in lex["city_words"]):
        city = own.pop()  # 全市…。海淀区…: the districts it names are one city's, so 全市 is that city
        return _settle(division(city), (city, None))
    by_url = area_of_url(url)
    if by_url == NATIONAL:
        return NATIONAL, None
    if isinstance(by_url, Division):
        return _settle(by_url)
    if _speaks_of_other_level(body):
        county = _body_county_short(body) if _speaks_of_county(body) else None
        if county is not None:
            return _settle(county)
        return _settle(None, (None, None))  # 全省… / 全县… and no name: not the home city, and unknown
    home = home_region()
    return _settle(division(home), (home, None)) if home else _settle(None, (None, None))


def _body_county_short(body: str) -> Division | None:
    """A county's text that never writes its full name (也是宁远发展史上…全县): the one county whose short form
    it uses, after a clause start or an opener, when that short form names no other division and is no
    common word. Only asked when the body speaks of 全县."""
    gaz, gl = gazetteer(), _gaz_lex()
    counts: Counter[Division] = Counter()
    for i in range(1, len(body)):
        prev = body[i - 1]
        if is_cjk(prev) and prev not in gl.openers:
            continue
        for k in (4, 3, 2):
            w = body[i:i + k]
            divs = gaz.short.get(w)
            if not divs or w in gl.collisions or body[i + k:i + k + 1] in ("县", "区", "市", "旗", "省"):
                continue
            if len(divs) == 1 and divs[0].level == "county" and divs[0].status == "current":
                counts[divs[0]] += 1
            break
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _speaks_of_county(body: str) -> bool:
    """The body's self-words are a county's (全县 more than any other)."""
    kinds = Counter(r.name for r in find_regions(body) if r.name.startswith("@") and not r.compare)
    return kinds["@county"] > max(kinds["@province"], kinds["@city"], kinds["@district"])


def _speaks_of_other_level(body: str) -> bool:
    """The body's self-words are mostly a province's or a county's (全省, 全县, 全旗): the home city (a
    municipality, whose self-words are 全市/全区) cannot be its area."""
    kinds = Counter(r.name for r in find_regions(body) if r.name.startswith("@") and not r.compare)
    return kinds["@province"] + kinds["@county"] > kinds["@city"] + kinds["@district"]


def home_region() -> str | None:
    """The area of texts that name none: `BULLETINS_HOME_REGION` (empty: none), else the lexicon's
    `default_city` (none as shipped)."""
    env = os.environ.get(HOME_REGION_ENV)
    if env is not None:
        return env.strip() or None
    return load_lexicon("regions").get("default_city") or None


def default_region(head: str, city: str | None, district: str | None) -> str | None:
    """The region of a fact that names none: the district when the head names it or the document is a
    county's own (子洲县…公报, 全县…), else the city (a Beijing text that mentions 全区 stays 北京市)."""
    if district and district in {r.name for r in find_regions(_simplified(head))}:
        return district
    if district and district not in _lex().district_city and is_district(district):
        return district
    return city if city is not None else district


def _settle(area: Division | None, names: tuple[str | None, str | None] | None = None,
            ) -> tuple[str | None, str | None]:
    """Record the document's area and give its (city, district)."""
    set_document_area(area)
    if names is not None:
        return names
    if area is None:
        return None, None
    if area.level != "county":
        return area.name, None
    if area.name.endswith("市"):
        return area.name, area.name  # a county-level city: 全市 is itself
    up = gazetteer().parent(area)
    return (up.name if up is not None else None), area.name


def _head_area(names: list[str]) -> Division | None:
    """The deepest division the head names (綿陽市涪城區… → 涪城区), an ambiguous name resolved by another
    name of the head (杭州市西湖区: Hangzhou's 西湖区); None when the head names none."""
    gaz = gazetteer()
    found = [(n, division(n, None)) for n in names if n in gaz.full]
    sure = [d for _, d in found if d is not None]
    chosen: list[Division] = []
    for n, one in found:
        if one is not None:
            chosen.append(one)
            continue
        near = [d for d in gaz.full[n] if any(gaz.within(d, s) or gaz.within(s, d) for s in sure)]
        if len(near) == 1:
            chosen.append(near[0])
    if not chosen:
        return None
    deepest = max(d.depth for d in chosen)
    return next(d for d in chosen if d.depth == deepest)


_HEAD_DATE = re.compile(r"(?:19|20)\d{2}年|[一二三四]季度|\d{1,2}(?:[-—–至]\d{1,2})?月")


def _head_short(head: str) -> Division | None:
    """A title line that opens with an area's short form (包头2023年…公报, 宜章一季度经济运行): that area,
    when the short form names one division only and is no common word."""
    gaz = gazetteer()
    follow = tuple(_gaz_lex().head_follow)
    for line in head.splitlines():
        line = re.sub(r"^[\s《【“]*(?:关于)?", "", line)
        for k in range(min(gaz.max_short, len(line) - 1), 1, -1):
            if line[:k] not in gaz.short:
                continue
            if _HEAD_DATE.match(line, k) or line.startswith(follow, k):
                d = _short_division(line[:k], None, head=True)
                if d is not None:
                    return d
            break
    return None


#: Self-words of a body and the kind of division they speak for.
_SELF_KINDS = {"@county": ("县", "旗"), "@district": ("区",), "@city": ("市", "州", "盟"), "@province": ("省",)}


#: A division the body names once counts as its area only this close to its start (the lead).
_LEAD_CHARS = 300


#: 国家统计局邯郸调查队, 国家统计局陕西调查总队: the national bureau's survey office of one area, no national source.
_LOCAL_SURVEY_OFFICE = re.compile(r"国家统计局[\u4e00-\u9fff]{2,8}?调查总?队")


def _national_words(head: str) -> bool:
    """国家统计局 / 全国 in the head: a national release, unless 全国 there is only a base or a rank
    (保持全国城市前列, 高于全国)."""
    head = _LOCAL_SURVEY_OFFICE.sub("", head)  # 国家统计局邯郸调查队: the bureau's office in one city
    words = [w for w in load_lexicon("regions").get("national_markers", []) if w in head]
    if words != ["全国"]:
        return bool(words)
    return any(r.name == "全国" and not r.compare for r in find_regions(head))


def _national_lead(body: str) -> bool:
    """财政部18日发布数据显示,今年一季度,全国…: the first sentence is a national body's release about 全国."""
    return _national_release(re.split(r"[。\n]", body.lstrip(), maxsplit=1)[0]) is True


def _national_head(head: str) -> bool:
    """海关总署：前10个月我国货物贸易进出口… / 商务部电子商务司负责人介绍1—10月网络零售…: a title that opens
    with a national body and speaks of the country, or of no area at all (this runs only when the head
    names none)."""
    return next((r for line in head.splitlines() if (r := _national_release(line, unnamed=True)) is not None),
                False)


def _national_release(line: str, *, unnamed: bool = False) -> bool | None:
    """None when the line does not open with a national body (据国家统计局数据 counts); else whether it
    speaks of 全国/我国 (with `unnamed`, or of no area)."""
    line = line.strip().lstrip("【[（(")
    line = line.removeprefix("据")
    body = next((b for b in load_lexicon("regions").get("national_bodies", []) if line.startswith(b)), None)
    if body is None or line[len(body):len(body) + 1] == "门":
        return None  # 商务部门 / 财政部门: a local department, not the ministry
    named = [r for r in find_regions(line) if not r.compare]
    return any(r.name == "全国" for r in named) or (unnamed and not named)


def _body_area(body: str) -> Division | None:
    """The division a body is about when its head names none: one it names that agrees with the self-words
    it uses (交城县委…全县 → 交城县; 对内蒙古…全区 → 内蒙古自治区), or without self-words any it names,
    named twice or in the lead; the most often named, the first on ties. A Beijing text that mentions
    河北省 but says 全市 does not become Hebei's."""
    found = [r for r in find_regions(body) if not heads_institution(body, r)]
    ends = tuple(e for r in found if r.name in _SELF_KINDS for e in _SELF_KINDS[r.name])
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for r in found:
        if r.compare or r.name.startswith("@") or r.name in _lex().district_city:
            continue
        counts[r.name] += 1
        first.setdefault(r.name, r.start)
    agree = [n for n in counts if (not ends or n.endswith(ends)) and division(n) is not None
             and (counts[n] >= 2 or first[n] < _LEAD_CHARS)]
    if not agree:
        return None
    best = max(agree, key=lambda n: (counts[n], -first[n]))
    return division(best)


def _simplified(text: str) -> str:
    """A title or metadata string in the extractor's normalized form (廣東省 → 广东省)."""
    from bulletins.extract.normalize import normalize  # normalize loads the unit lexicon: import late

    return normalize(text).text if text else text


@cache
def _institution_re() -> re.Pattern[str]:
    words = load_lexicon("regions").get("institution_words", [])
    return re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(map(re.escape, words))})")


def heads_institution(text: str, r: RegionMatch) -> bool:
    """浙江省博物馆, 四川大学: the region word opens an institution's or facility's name."""
    return bool(_institution_re().match(text[r.end:r.end + 8]))


def _says_city_not_province(body: str) -> bool:
    """The body says 全市/本市 and never 全省/本省: its area is a city."""
    lex = load_lexicon("regions")
    provincial = any(w in body for w in lex.get("province_self_words", []))
    return not provincial and any(w in body for w in lex["city_words"])


def names_newspaper(text: str, end: int) -> bool:
    """四川日报 on a page's masthead: the place names the paper, not what its first story is about."""
    words = load_lexicon("regions").get("newspaper_words", [])
    return text.startswith(tuple(words), end)


def _newspaper_area(head: str) -> str | None:
    """杭州日报 at the head of a page: the paper's city (浙江日报: the province)."""
    lex = load_lexicon("regions")
    papers = "|".join(map(re.escape, lex.get("newspaper_words", [])))
    if not papers:
        return None
    media = "|".join(map(re.escape, lex.get("newspaper_media", [])))
    for line in head.splitlines():
        m = re.match(rf"\s*([\u4e00-\u9fff]{{2,3}}?)(?:{papers})(?:{media})?(?:[\s\u3000]|$)", line)
        if not m or m.group(1) in lex.get("newspaper_not_place", []):
            continue
        place = m.group(1)
        d = _short_division(place, None, head=True)
        if d is not None and d.level != "county":
            return d.name  # 浙江日报 → 浙江省, 包头日报 → 包头市, 恩施日报 → 恩施土家族苗族自治州
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


@area_cached
def names_entity(subject: str, *, topic: bool = False) -> bool:
    """The subject names one project, facility, fund or event (国际再生医学产业园项目总投资…); with
    `topic`, the broader words that make a whole article's lead about one company or facility.
    Examples before 等 (东升科技园二期、…等完工项目) do not count, nor a facility after a number."""
    cut = subject.rfind("等")
    subject = _not_entity_re().sub("", subject[cut + 1:] if cut >= 0 else subject)
    areas = [(r.start, r.end) for r in find_regions(subject) if not r.name.startswith("@")]
    found = [f for f in _entity_re(topic).finditer(subject)  # 海港区 is a district, not a 港区
             if not any(a <= f.start() < b for a, b in areas)]
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


@area_cached
def in_sample(sentence_start: str) -> bool:
    """调查的100家企业中 / “我们园区…: the sentence is about a survey sample or the speaker's own unit."""
    for w in load_lexicon("regions").get("sample_markers", []):
        i = sentence_start.find(w)
        if i >= 0 and not (w[0] in "“\"" and re.search("[”\"]", sentence_start[i + 1:])):
            return True  # a quote counts only while it is open (“我们的节日”活动 is a name)
    return False


@cache
def _entity_data_re() -> re.Pattern[str] | None:
    lex = load_lexicon("regions")
    ents = "|".join(map(re.escape, lex.get("source_entity_words", [])))
    verbs = "|".join(map(re.escape, lex.get("source_verbs", [])))
    if not ents or not verbs:
        return None
    return re.compile(rf"[\s“]*据?[^，,。；;]{{0,12}}?(?:{ents})(?:{verbs})[^，,。；;]{{0,4}}[，,]")


def cites_entity_data(sentence_start: str) -> bool:
    """据美团平台统计, / 某在线旅游平台数据显示,: the sentence reports one company's own data."""
    pattern = _entity_data_re()
    return bool(pattern and pattern.match(sentence_start))


@area_cached
def opens_with_entity(clause: str, *, own: bool = False) -> bool:
    """足球场位于村庄东侧: a clause whose subject is one facility (its word within the first few characters).
    In an earlier clause, examples before 等 are several facilities (地铁19号线二期、27号线一期等项目加快建设);
    in the number's `own` clause a zone opening it still holds them (怀柔科学城A、B等5个平台)."""
    clause = clause.strip(" ,，“”")
    m = _entity_re(False).search(_not_entity_re().sub("", clause))
    if not own and (m is None or m.start() > _ENTITY_OPENING):
        m = _place_re().search(clause)  # 漓江景区共发送游船1862航次，接待游客…: a scenic area's own figures
    if not m or m.start() > _ENTITY_OPENING:
        return False
    if own:
        found = list(_entity_re(False).finditer(clause))
        several = any(_JOINER.search(clause[a.end():b.start()]) for a, b in pairwise(found))
        # 东升科技园二期、…等完工项目: the facility is itself an item of the list
        return "等" not in clause[:m.start()] and clause[m.end():m.end() + 1] not in "、和及与" and not several
    return "等" not in clause[m.end():] and names_entity(clause)


_ENTITY_OPENING = 6


def parenthesized_region(before: str) -> RegionMatch | None:
    """增速最高的为张家口市(同比增长22.9%): the region right before the still open parenthesis that holds
    the number (`before` ends inside it), even after a comparison word (为, 高于全省平均水平(6.1%))."""
    i = max(before.rfind("("), before.rfind("（"))
    if i < 0 or re.search(r"[)）]", before[i:]):
        return None
    gaps = sorted(load_lexicon("regions").get("paren_gap_words", []), key=len, reverse=True)
    head = before[:i]
    gap = next((g for g in gaps if head.endswith(g)), "")
    end = len(head) - len(gap)
    found = [r for r in find_regions(head[:end]) if r.end == end]
    return found[-1] if found else None


_CLAUSE_STARTS = ",，;；:：。\n\u3000 "
_WHOLES = ("全国", "全球", "世界")


@area_cached
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


@area_cached
def leading_town(clause: str) -> str | None:
    """王舍人街道规模以上工业企业达到68家 in a county's or district's text: the township the clause opens with
    (below the gazetteer, so no code; regions lexicon town_endings), not a word ending alike (特色小镇)."""
    lex = load_lexicon("regions")
    m = _town_opening().match(clause)
    if m is None or m.group(1).endswith(tuple(lex.get("town_not_names", []))) or find_regions(m.group(1)):
        return None
    return m.group(1)


@cache
def _town_opening() -> re.Pattern[str]:
    ends = "|".join(load_lexicon("regions")["town_endings"])
    return re.compile(rf"(?:{_OPENING.pattern})([\u4e00-\u9fff]{{2,4}}?(?:{ends}))(?=[\u4e00-\u9fff\d]|$)")


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
