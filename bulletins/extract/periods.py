"""Period expressions (上半年, 1-5月, 截至2023年底, 十四五以来 …) resolved to SPEC.md "Periods" forms.

The words live in `data/lexicon/periods.yaml`; this module only assembles them
into one compiled pattern and turns a match into `2023`, `2023-01..2023-06`,
`2023-06`, `2023-12-31` or `2021..2023` given a reference year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from bulletins.extract.lexicon import alternation, load_lexicon

_DASH = r"[-—–~～至到]"
_YEAR_NUM = r"(?:19|20)\d{2}"
_CN_YEAR = r"(?:一九|二〇|二零)[〇零一二三四五六七八九]{2}"
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}


@dataclass(frozen=True)
class PeriodMatch:
    """One period expression found in a text (offsets into that text)."""

    start: int
    end: int
    value: str | None  # resolved SPEC form, None when the reference year is unknown
    kind: str  # year | span | month | point | years | ytd
    explicit_year: bool  # the expression names its year (2023年…) rather than 今年/上半年
    compare: bool = False  # preceded by 比/较/与…: a comparison base, not the fact's period
    holiday: bool = False  # a named holiday (“国庆”假期): a month that frames the sentences after it
    until: bool = False  # said with 截至/到/至: the end of what has accumulated so far


@cache
def _lex() -> dict:
    return load_lexicon("periods")


@cache
def _pattern() -> re.Pattern[str]:
    lex = _lex()
    rel = alternation(lex["relative_years"])
    spans = alternation(lex["month_spans"])
    ends = alternation(lex["year_end"])
    ytd = alternation(lex["year_to_date"])
    plans = alternation(lex["plans"])
    month = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
    holidays = alternation(lex["holidays"])
    recent_open, recent_tail = alternation(lex["recent_years_openers"]), alternation(lex["recent_years_tails"])
    n_years = r"(?:十|[二两三四五六七八九]|[2-9])"
    holiday_words = alternation(lex["holiday_words"])
    starts = "".join(sorted({w[0] for w in [*lex["relative_years"], *lex["month_spans"], *lex["year_end"],
                                          *lex["year_to_date"], *lex["plans"], *lex["holidays"],
                                          *lex["recent_years_openers"]]}))
    # every match starts with a digit, a period word's first character, 截/到/至, or a quote
    first = rf"(?=[\d“\"截到至十一二两三四五六七八九{re.escape(starts)}])"
    return re.compile(
        rf"{first}(?:(?P<ytd>{ytd})"
        rf"|[“\"]?(?P<hol>{holidays})[”\"]?(?:{holiday_words})"
        rf"|[“\"]?(?P<plan>{plans})[”\"]?(?:规划)?(?:(?P<since>以来)|(?P<during>期间|时期)|(?=(?P<review>(?:工作)?回顾)))?"
        rf"|(?P<yr1>{_YEAR_NUM})年?{_DASH}(?P<yr2>{_YEAR_NUM})年(?:间|期间)?"
        rf"|(?P<msince>(?:1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九]))个(?:多)?月(?:以来|来)"
        rf"|(?:{recent_open})(?P<ny1>{n_years})年(?:{recent_tail}|间|中)?|(?P<ny2>{n_years})年(?:{recent_tail})"
        rf"|(?P<until>截至|截止到?|到|至)?"
        rf"(?:(?P<y>{_YEAR_NUM}|{_CN_YEAR})年|(?P<rel>{rel}))?"
        rf"(?:(?P<m1>{month})(?:月份?)?{_DASH}(?P<m2>{month})月份?"
        rf"|(?P<q1>[一二三1-3]){_DASH}(?P<q2>[二三四2-4])季度"
        rf"|前(?P<nm>{month})个?月"
        rf"|(?P<span>{spans})(?P<send>末|底)?"
        rf"|(?P<end>{ends}|底|末)"
        rf"|(?P<mon>{month})月(?P<mend>底|末|份)?(?:(?P<day>[1-3]?\d)日)?"
        rf")?"
        rf"(?P<ysince>以来)?"
        rf"{_NOT_EMPTY})"
    )


#: Ends the pattern's last branch, whose parts are all optional: it fails where none of them matched, so
#: the scan never yields the empty matches that the reader skips anyway (19 of 20 matches were empty).
_NOT_EMPTY = "".join(f"(?({g})|" for g in ("until", "y", "rel", "m1", "q1", "nm", "span", "end", "mon",
                                            "ysince")) + "(?!)" + ")" * 10


#: After a year: the batch or issue it names (第一批, 第6期, 度第二批), not a period of its own.
_BATCH = re.compile(r"度?第[一二三四五六七八九十\d]{1,3}(?:批|期)")


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _CN_MONTH[s]


def _last_day(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _is_compare(text: str, start: int, end: int) -> bool:
    """比上年, 较2019年, 与去年同期相比, 上年同期: the period is the comparison base."""
    before = text[max(0, start - 4):start]
    after = text[end:end + 2]
    if after.startswith("同期") or after.startswith("相比") or after.startswith("同比"):
        return True
    for w in _lex()["compare_markers"]:
        if before.endswith(w):
            return True
    return after.startswith("的") and before.endswith(tuple(_lex()["base_openers"]))


def find_periods(text: str, ref_year: int | None, *, doc_year: int | None = None) -> list[PeriodMatch]:
    """Every period expression in `text`, resolved against `ref_year` (None leaves relative ones unresolved).

    `doc_year` is the document's own year: deictic words (今年, 去年) count from it, while 全年 or
    当年 follow `ref_year`, the year the passage is about. A year said earlier in `text` wins for both.
    """
    return _without_holiday_asides(text, list(_find_periods(text, ref_year, doc_year)))


def _without_holiday_asides(text: str, found: list[PeriodMatch]) -> list[PeriodMatch]:
    """国庆假期（10月1日至7日）: the days in parentheses right after a holiday restate it; the holiday is the
    period, not its first day."""
    out: list[PeriodMatch] = []
    aside_until = -1
    for p in found:
        if p.start < aside_until:
            continue
        out.append(p)
        if p.holiday and text[p.end:p.end + 1] in ("(", "（"):
            close = min((i for i in (text.find(")", p.end), text.find("）", p.end)) if i > 0), default=-1)
            aside_until = close if close > 0 else -1
    return out


def new_document() -> None:
    """Forget the period matches of the previous document (the cache serves repeats within one)."""
    _find_periods.cache_clear()


@lru_cache(maxsize=4096)
def _find_periods(text: str, ref_year: int | None, doc_year: int | None) -> tuple[PeriodMatch, ...]:
    lex = _lex()
    deictic = set(lex["deictic_years"])
    out: list[PeriodMatch] = []
    anchored = False
    base_ref = ref_year
    for m in _pattern().finditer(text):
        if out and out[-1].explicit_year and out[-1].value and not out[-1].compare:
            ref_year = int(out[-1].value[:4])  # 2024年是攻坚年,计划在年内…: 年内 is 2024
            anchored = True
        rel_word = m.group("rel")
        if not anchored:
            ref_year = doc_year if rel_word in deictic and doc_year else base_ref
        if m.end() == m.start() or text.startswith(tuple(lex["period_word_names"]), m.start()):
            continue  # 上年结转3.18亿元: a budget item named after the year it comes from
        g = m.groupdict()
        value: str | None = None
        kind = "year"
        explicit = False
        if g["msince"]:
            # 于2023年11月试运行,两个月以来: from that month, N months on
            start = next((p for p in reversed(out) if p.kind == "month" and p.value and not p.compare), None)
            if start is None:
                continue
            y, mo = int(start.value[:4]), int(start.value[5:7])
            n = _month(g["msince"].replace("两", "二"))
            ey, em = divmod(y * 12 + mo - 1 + n, 12)
            kind, explicit = "span", start.explicit_year
            value = f"{y}-{mo:02d}..{ey}-{em + 1:02d}"
        elif g["ny1"] or g["ny2"]:
            n = g["ny1"] or g["ny2"]
            years = int(n) if n.isdigit() else (10 if n == "十" else _month(n.replace("两", "二")))
            kind = "years"  # 过去五年 in a review of 2021: 2017..2021
            value = f"{ref_year - years + 1}..{ref_year}" if ref_year else None
        elif g["ytd"]:
            kind = "ytd"
            value = str(ref_year) if ref_year else None
        elif g["hol"]:
            kind = "month"
            month = lex["holidays"][g["hol"]]
            value = (holiday_months(str(month), ref_year) if isinstance(month, str) else f"{ref_year}-{month:02d}") \
                if ref_year else None
            if value and ".." in value:
                kind = "span"
        elif g["plan"]:
            if not (g["since"] or g["during"] or g["review"]):
                continue  # 十四五规划 names a plan, not a period; “十四五”工作回顾 reviews its years
            first, last = lex["plans"][g["plan"]]
            explicit = True
            if g["since"]:
                kind = "years"
                value = f"{first}..{ref_year}" if ref_year else None
            else:
                kind = "years"
                value = f"{first}..{last}"
        elif g["yr1"]:
            kind, explicit = "years", True
            value = f"{g['yr1']}..{g['yr2']}"
        else:
            has_part = any(g[k] for k in ("m1", "q1", "nm", "span", "end", "mon"))
            if not (g["y"] or g["rel"]) and not has_part:
                continue
            if g["y"] and not has_part and _BATCH.match(text, m.end()):
                # 2023年第一批新增专项债券, 2026年第6期: a batch or an issue named by its year; kept (no value)
                # so that names drop it as they drop periods
                out.append(PeriodMatch(m.start(), m.end(), None, "year", True))
                continue
            if g["end"] in ("底", "末") and not (g["y"] or g["rel"]):
                continue
            if g["y"]:
                year: int | None = int("".join(_CN_DIGIT.get(c, c) for c in g["y"]))
                explicit = True
            elif g["rel"]:
                year = ref_year + lex["relative_years"][g["rel"]] if ref_year else None
            else:
                year = ref_year
            if g["m1"]:
                kind = "span"
                a, b = _month(g["m1"]), _month(g["m2"])
                value = f"{year}-{a:02d}..{year}-{b:02d}" if year and 1 <= a <= b <= 12 else None
            elif g["q1"]:
                kind = "span"
                a, b = 3 * _month(g["q1"]) - 2, 3 * _month(g["q2"])
                value = f"{year}-{a:02d}..{year}-{b:02d}" if year and a < b else None
            elif g["nm"]:
                kind = "span"
                b = _month(g["nm"])
                value = f"{year}-01..{year}-{b:02d}" if year else None
            elif g["span"] and g["send"]:  # 三季度末, 上半年末: the day the span ends
                kind = "point"
                value = _last_day(year, lex["month_spans"][g["span"]][1]) if year else None
            elif g["span"]:
                kind = "span"
                a, b = lex["month_spans"][g["span"]]
                value = f"{year}-{a:02d}..{year}-{b:02d}" if year else None
            elif g["end"]:
                kind = "point"
                value = f"{year}-12-31" if year else None
            elif g["mon"]:
                mon = _month(g["mon"])
                if g["day"]:
                    kind = "point"
                    day = int(g["day"])
                    valid = year and 1 <= mon <= 12 and 1 <= day <= calendar.monthrange(year, mon)[1]
                    value = f"{year}-{mon:02d}-{day:02d}" if valid else None
                elif g["mend"] in ("底", "末"):
                    kind = "point"
                    value = _last_day(year, mon) if year else None
                else:
                    kind = "month"
                    value = f"{year}-{mon:02d}" if year else None
            elif g["ysince"] and g["y"]:
                kind = "years"
                value = f"{year}..{ref_year}" if ref_year and year and ref_year > year else str(year)
            else:
                kind = "year"
                value = str(year) if year else None
        if kind in ("point", "month") and text.startswith("前", m.end()) and value:
            kind, value = "year", value[:4]  # 年底前/8月底前: a deadline inside the year
        compare = _is_compare(text, m.start(), m.end()) or bool(out and out[-1].compare and out[-1].end == m.start())
        out.append(
            PeriodMatch(m.start(), m.end(), value, kind, explicit, compare,
                        holiday=bool(g["hol"]), until=bool(g.get("until")))
        )
    return tuple(out)


def names_plan(text: str, p: PeriodMatch) -> bool:
    """全年目标, 年度任务: the period word names the plan a number is measured against."""
    return text.startswith(tuple(_lex()["plan_nouns"]), p.end)


@cache
def holiday_months(name: str, year: int) -> str | None:
    """The month (2026-02) or months (2025-01..2025-02) of a moving holiday's days off in `year`, from
    the official calendar in `chinesecalendar`; past its last year, from the holiday's lunar day when
    the usual days off around it stay in one month; else None."""
    import chinese_calendar

    first, days = date(year, 1, 1), []
    for i in range(366):
        d = first + timedelta(days=i)
        if d.year != year:
            break
        try:
            if chinese_calendar.get_holiday_detail(d) == (True, name):
                days.append(d)
        except NotImplementedError:  # a year the package does not cover
            return _holiday_month_from_calendar(name, year)
    if not days:
        return None
    start, end = f"{year}-{days[0].month:02d}", f"{year}-{days[-1].month:02d}"
    return start if start == end else f"{start}..{end}"


def _holiday_month_from_calendar(name: str, year: int) -> str | None:
    rule = _lex()["holiday_days"].get(name)
    if rule is None:
        return None
    if "month" in rule:
        return f"{year}-{rule['month']:02d}"
    from lunardate import LunarDate

    try:
        day = LunarDate(year, *rule["lunar"]).to_solar_date()
    except ValueError:  # outside the lunar tables (1900-2099)
        return None
    before, after = (day + timedelta(days=n) for n in rule["window"])
    return f"{year}-{day.month:02d}" if before.month == after.month == day.month else None


def says_average_annual(clause: str) -> bool:
    """年均增长 / 年平均增长: the change is an average over several years."""
    return any(w in clause for w in _lex()["average_annual_words"])


def says_plan_span(text: str) -> bool:
    """五年来, 五年间 …: the text is about the whole plan period."""
    return bool(re.search(alternation(_lex()["plan_span_words"]), text))


def plan_endpoint(p: PeriodMatch, before: str) -> str | None:
    """由48.3%提高到54.1% over a plan period 2021..2025: 2020 for the start value, 2025 for the end."""
    if p.kind != "years" or not p.value or ".." not in p.value:
        return None
    first, last = p.value.split("..")
    tail = before.rstrip()
    if tail.endswith(tuple(_lex()["change_to_words"])) and re.search(alternation(_lex()["change_from_words"]), tail):
        return last[:4]
    if tail.endswith(tuple(_lex()["change_from_words"])):
        return str(int(first[:4]) - 1)
    return None


def period_of(text: str, ref_year: int | None) -> str | None:
    """The last non-comparison period in `text` (the one closest before a number), or None."""
    found = [p for p in find_periods(text, ref_year) if not p.compare and p.value]
    return found[-1].value if found else None


@cache
def _word_res() -> dict[str, re.Pattern[str]]:
    lex = _lex()
    return {
        "stock": re.compile(alternation(lex["stock_words"])),
        "count_stock": re.compile(alternation(lex["count_stock_words"])),
        "duration": re.compile(alternation(lex["duration_words"])),
        "cumulative": re.compile(alternation(lex["cumulative_flow_words"])),
        # 累计完成/累计实现 accumulate a flow (the year's, or January to the month's): no stock, unless
        # 已累计 counts since a start before the period (平台已累计完成交易52单: a stock to date)
        "not_stock": re.compile(f"{alternation(lex['not_stock_words'])}"
                                f"|(?<!{lex['since_start_marker']})(?:{alternation(lex['cumulative_flow_words'])})"),
        "now": re.compile(alternation(lex["now_words"])),
        "flow": re.compile(alternation(lex["flow_words"])),
        "span_flow": re.compile(alternation(lex["span_flow_words"])),
        "unknown": re.compile(alternation(lex["unknown_words"])),
        "stock_noun": re.compile(rf"(?:{alternation(lex['stock_nouns'])})(?:{alternation(lex['stock_noun_tails'])})*$"),
        "stock_noun_block": re.compile(alternation(lex["stock_noun_blockers"])),
        "year": re.compile(rf"(?<![\d])({_YEAR_NUM})年(?![前后])"),
        "point_base": re.compile(rf"(?:{alternation(lex['compare_markers'])})(?:{alternation(lex['point_bases'])})"),
    }


def says_stock(clause: str, counted: bool, unit: str = "", nouns: bool = True) -> bool:
    """The clause reports a stock (累计, 增至, 总数 …; 达到 for counted things): the fact is at the end
    of its period, unless a duration word (全年累计) says it is a total over the period. With `nouns`, a
    counted population with no action (企业超过5000家) is a stock too."""
    r = _word_res()
    if r["duration"].search(clause) or r["not_stock"].search(clause + unit):
        return False
    counted_stock = [x for x in r["count_stock"].finditer(clause) if "的" not in clause[x.end():]] if counted else []
    if r["stock"].search(clause) or counted_stock:
        return True  # (达到Ⅲ类水质的4个: 达到 in a relative clause before 的 says no stock)
    # 全区国家高新技术企业超过5000家: a population counted with no action, at the period's end
    return nouns and counted and bool(r["stock_noun"].search(clause.rstrip())) \
        and not r["stock_noun_block"].search(clause)


def span_to(p: PeriodMatch, clause: str) -> str | None:
    """截至9月末,全市新增…: a point said with 截至 before a flow is the end of a span from the year's
    start (2024-01..2024-09); None when it is not such a case."""
    if p.kind != "point" or not p.value or not p.until:
        return None
    r = _word_res()
    if not r["span_flow"].search(clause):
        return None  # 到2025年底,PM2.5年均浓度控制在30: an average over the year, too
    year, month = p.value[:4], p.value[5:7]
    if month == "12":
        return year  # 到年底新增1500P: the year's flow
    return f"{year}-01..{year}-{month}" if month != "01" else f"{year}-01"


def cumulative_span(p: PeriodMatch, clause: str) -> str | None:
    """A month and an accumulated flow in its clause (11月…累计完成): January to that month."""
    if p.kind != "month" or not p.value or not _word_res()["cumulative"].search(clause):
        return None
    year, month = p.value[:4], p.value[5:7]
    return f"{year}-01..{year}-{month}" if month != "01" else p.value


def says_flow(text: str) -> bool:
    """平均反应时间, 产量, 人次 …: words that name a flow or an average, never a stock."""
    return bool(_word_res()["not_stock"].search(text))


def says_unknown(clause: str) -> bool:
    """The clause puts the number at an unstated time (届时, 未来)."""
    return bool(_word_res()["unknown"].search(clause))


def says_now(text: str) -> re.Match[str] | None:
    """截至目前 / 目前: the number is at the document's own date."""
    return _word_res()["now"].search(text)


def says_prior_year_review(title: str) -> bool:
    """2026年政府工作报告: a report titled with the year it is delivered in, reviewing the year before."""
    return any(w in title for w in _lex()["prior_year_review_titles"])


def is_point_base(compare_to: str | None) -> bool:
    """上年末, 年初: a comparison base that is a point in time."""
    return bool(compare_to) and compare_to in _lex()["point_bases"]


def says_point_base(text: str) -> bool:
    """比上年末 / 较年初: the comparison is with a point in time, so what is compared is a stock."""
    return bool(_word_res()["point_base"].search(text))


def breaks_stock(gap: str) -> bool:
    """新增, 同比 … between two numbers: the second is a flow even after a stock."""
    return bool(_word_res()["flow"].search(gap)) or any(c in gap for c in ",，;；。.")


def end_point(value: str) -> str:
    """The last day of a period: 2023 → 2023-12-31, 2023-01..2023-06 → 2023-06-30; points stay."""
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31"
    m = re.fullmatch(r"\d{4}-\d{2}\.\.(\d{4})-(\d{2})", value) or re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return _last_day(int(m.group(1)), int(m.group(2)))
    return value


def report_year(text: str) -> int | None:
    """The latest year a text reports on (not 到2025年 goals nor 较2019年 bases), close to its usual year."""
    before_words = tuple(_lex()["not_report_year_before"])
    years = [
        int(m.group(1))
        for m in _word_res()["year"].finditer(text)
        if not text[max(0, m.start() - 2):m.start()].endswith(before_words)
    ]
    if not years:
        return None
    common = max(set(years), key=lambda y: (years.count(y), y))
    return max(y for y in years if y <= common + 1)
