"""Interpret stage: document context (date, region, sections) and one Annotation per mention.

`document_context` reads what the whole document says: its own date, the year and
area its title names, its city/district, its articles (a newspaper page holds several,
each opened by title lines and a 本报讯 lead) and its section headings with their year
and plan/execution status. `annotate` resolves each mention from the nearest evidence
outward: the words of its clause and sentence, a period or region that opened an
earlier sentence of the same article or section (a "frame"), the section headings,
the title, the document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from bulletins.extract import indicator as ind
from bulletins.extract import regions as reg
from bulletins.extract.catalog import (
    catalog_index,
    continues_list,
    indicator_code,
    is_listed_name,
    is_total,
    list_context,
    part_name_of,
)
from bulletins.extract.groups import group_total, named_group, opens_population_split, refers_to_split_total
from bulletins.extract.lexicon import alternation, load_lexicon
from bulletins.extract.mentions import bare_change
from bulletins.extract.meta import WEAK_DATE_SOURCES, DocMeta, PubDate
from bulletins.extract.normalize import table_row
from bulletins.extract.periods import (
    PeriodMatch,
    breaks_stock,
    cumulative_span,
    end_point,
    find_periods,
    is_point_base,
    names_plan,
    new_document,
    plan_endpoint,
    report_year,
    says_average_annual,
    says_flow,
    says_now,
    says_plan_span,
    says_point_base,
    says_prior_year_review,
    says_stock,
    says_unknown,
    span_to,
)
from bulletins.extract.status import clause_status, document_status, opens_chain, says_done, section_status
from bulletins.extract.types import Annotation, DocContext, Mention, Sentence

_CN_NUM = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"^[ \t\u3000]*(?:(?P<h1>[{_CN_NUM}]+、)|(?P<h2>[(（][{_CN_NUM}]+[)）])|(?P<md>#+)\s*)(?P<text>[^\n]*)$",
    re.MULTILINE,
)
_CN_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d:])(?!\s*\d{1,2}:\d{2})")
_SCRAPER_TIME = re.compile(r"^\s*\d{1,2}:\d{2}")
_DATE_TAIL = r"\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})"
_LABELLED_DATE = re.compile(rf"(?:{alternation(load_lexicon('periods')['date_labels'])})[:：]{_DATE_TAIL}")
#: a news dateline: a media word, then within the same line a date (`某某客户端 2023-10-20 15:46`)
_DATELINE = re.compile(rf"(?:{alternation(load_lexicon('periods')['dateline_media'])})[^\n\d]{{0,20}}?{_DATE_TAIL}")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_FIRST_BODY_LINE = re.compile(r"^[^\n]*。[^\n]*$", re.MULTILINE)
_ALONE = re.compile(r"\s*[(（]?\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[)）]?\s*")
#: a news lead: 本报讯, an agency, a reporter's credit, a site's bracketed or dated lead (【某某网讯】, 某某网5月9日讯)
_LEAD = re.compile(r"本报讯|新华社|讯[（(]记者|记者[^\n]{0,12}报道|【[^】\n]{1,16}(?:讯|报道)】"
                   r"|[^\s,，。]{1,8}网\s?(?:\d{1,2}月\d{1,2}日)?讯")
_METADATA_LINE = re.compile(rf"(?:{alternation(load_lexicon('normalize')['metadata_labels'])})\s*[:：]")
_HEAD_CHARS = 1200
_TITLE_MAX = 90
_HEAD_LINES = 8
_LEAD_IN = re.compile(r"^\s*(?:本报讯\s*[(（][^)）]{0,30}[)）]|据了解|其中|同时|此外|另外|在|截至目前)?[,，\s]*")
_FRAME_MAX_OFFSET = 30
#: A lead's opening source clause (记者从市统计局获悉，…): who gave the figures, not what they are about.
_SOURCE_CLAUSE = re.compile(r"^[^,，。]{0,40}?(?:获悉|了解到|得知)[,，]")
_RELEASE = re.compile(alternation(load_lexicon("periods")["release_words"]))
_DAY_PARTS = tuple(load_lexicon("periods")["day_parts"])
_FRAME_LEAD_IN = re.compile(rf"^\s*(?:{alternation(load_lexicon('periods')['frame_lead_ins'])})[,，:：]\s*")
#: Period kinds that frame the next sentences when they open a sentence, topical or not.
_OPENING_KINDS = ("year", "span")
_CLAUSE_OPENERS = ",，:：;；“"


@dataclass(frozen=True)
class _Heading:
    start: int
    level: int  # 0 title-like line, 1 一、, 2 (一), md headings by their #
    text: str
    year: int | None
    status: str | None


def _mkdate(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def find_document_date(text: str) -> date | None:
    """The document's own date: a labelled date (日期:2023-10-16), else a full date in the head or
    the 本报讯 line, else a signature date at the end. A news dateline (`某某客户端 2023-10-20 15:46`)
    counts with its clock time; a bare date and time (a reposting site's page header such as
    `2024-10-07 18:04`) is not the document's date."""
    head = text[:_HEAD_CHARS]
    for rx in (_LABELLED_DATE, _DATELINE):
        m = rx.search(head)
        if m and (d := _mkdate(*m.groups())):
            return d
    # an unlabelled date counts up to the end of the first body paragraph, or later on a line of its
    # own (the signature of a cover notice); other dates after it belong to the story or to a page's
    # related links (… 2025-05-15)
    body = _FIRST_BODY_LINE.search(head)
    body_end = body.end() if body else len(head)
    for rx in (_CN_DATE, _ISO_DATE):
        for m in rx.finditer(head):
            if _SCRAPER_TIME.match(text, m.end()):
                continue
            if m.start() >= body_end and not _ALONE.fullmatch(_line_at(head, m.start())):
                continue
            d = _mkdate(*m.groups())
            if d:
                return d
    tail_start = max(0, len(text) - 400)
    found = [m for m in _CN_DATE.finditer(text, tail_start)]
    if found:
        return _mkdate(*found[-1].groups())
    return None


def _line_at(text: str, pos: int) -> str:
    """The line of `text` that contains `pos`."""
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]


def _headings(text: str) -> list[_Heading]:
    out = []
    for m in _HEADING.finditer(text):
        body = m.group("text").strip()
        if m.group("h1") or m.group("h2"):
            level = 1 if m.group("h1") else 2
            body = re.split(r"[。]", body)[0]  # 一、工业生产平稳增长。1—10月,…: a run-in heading ends at its 。
        else:
            level = len(m.group("md"))
        if len(body) > 80:
            body = body[:80]
        ym = _YEAR.search(body)
        out.append(_Heading(m.start(), level, body, int(ym.group(1)) if ym else None, section_status(body)))
    return out


_TITLE_LINE = re.compile(r"^[^\n。；;]{1,40}$")


def _article_starts(text: str) -> list[int]:
    """Where each article of a newspaper page starts: its title lines right before a 本报讯 lead."""
    starts = []
    for m in _LEAD.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        start = line_start
        pos = line_start
        while pos > 0:
            prev_end = pos - 1
            while prev_end > 0 and text[prev_end - 1] in "\n \t\u3000":
                prev_end -= 1
            prev_start = text.rfind("\n", 0, prev_end) + 1
            line = text[prev_start:prev_end].strip()
            if not line or not _TITLE_LINE.match(line) or _LEAD.search(line):
                break
            start = prev_start
            pos = prev_start
            if pos <= 0:
                break
        starts.append(start)
    return starts


def _head_text(text: str, title: str | None) -> str:
    """Title and the lines up to the lead (本报讯 …) paragraph: where a bulletin says what it is about."""
    lead = _LEAD.search(text[:_HEAD_CHARS * 2])
    end = text.find("\n", lead.end()) if lead else -1
    if lead and end >= 0:
        return f"{title or ''}\n{_up_to_lead_line(text, 0, lead, end)}"
    # no lead: the title lines before the first body paragraph (a line with a full stop)
    lines = []
    for line in text[:_HEAD_CHARS].splitlines():
        line = line.strip()
        if not line:
            continue
        if "。" in line or len(line) > _TITLE_MAX or len(lines) >= _HEAD_LINES or _HEADING.match(line) \
                or table_row(line):  # 指标⇥全市⇥广陵区…: a table's areas, not the document's
            break
        lines.append(line)
    return "\n".join([title or "", *lines])


def _up_to_lead_line(text: str, start: int, lead: re.Match[str], end: int) -> str:
    """text[start:end], the lead's credit blanked: it names the medium (【香港商报网讯】), not the story's area."""
    return f"{text[start:lead.start()]}{' ' * (lead.end() - lead.start())}{text[lead.end():end]}"


def _title_line(head: str) -> str:
    """The longest line of the head that is no page metadata (时间: … 来源: …, a date on its own):
    the document's title (…发展规划, …统计公报)."""
    lines = [x.strip() for x in head.splitlines() if x.strip()]
    titles = [_ISO_DATE.sub("", x[:m.start()] if (m := _METADATA_LINE.search(x)) else x).strip() for x in lines]
    titles = [x for x in titles if x and "。" not in x and not _ALONE.fullmatch(x)] or lines
    return max(titles, key=len) if titles else ""


def _doc_year(text: str, head: str, doc_date: date | None, given: PubDate | None = None) -> int | None:
    """Reference year for 今年/上半年: the document's date (a given partial one too), else the latest year
    its head names, else the most frequent year in the text."""
    if doc_date:
        return doc_date.year
    if given is not None:
        return given.year
    return report_year(text)


def _found_date(text: str, given: PubDate | None, source: str | None = None) -> date | None:
    """The full date of the document: the one given, else one found in the text that agrees with a
    partial date given (a repost known to be of 2024 that prints 2024年4月15日).

    A server's `Last-Modified` (source `http`) is weak: a page edited later keeps an old
    bulletin, so a date the text prints beats it."""
    if source in WEAK_DATE_SOURCES and given is not None:
        return find_document_date(text) or given.full
    if given is not None and given.full:
        return given.full
    found = find_document_date(text)
    if found is None or given is None:
        return found
    agrees = found.year == given.year and given.month in (None, found.month)
    return found if agrees else None


def document_context(text: str, sentences: list[Sentence], *, meta: DocMeta) -> DocContext:
    """What the whole document tells every fact: date, reference year, city/district, sections."""
    new_document()
    title = meta.title
    doc_date = _found_date(text, meta.date, meta.date_source)
    head = _head_text(text, title)
    year = _doc_year(text, head, doc_date, meta.date)
    city, district = reg.document_regions(head, text, given=meta.region, url=meta.url)
    default_region = reg.default_region(head, city, district)
    headings = _headings(text)
    articles = _article_starts(text)
    # the period a title names (…2023年国民经济和社会发展统计公报); full dates are publication dates
    head_periods = [
        p for p in find_periods(head, year)
        if p.value and not p.compare and p.kind != "ytd" and not _FULL_DATE.fullmatch(p.value)
    ]
    if not head_periods:
        head_periods = _opening_year(text, sentences, year)
    ctx = DocContext(doc_date=doc_date, region=default_region, title=title, meta=meta)
    ctx.extra.update(
        year=year,
        city=city,
        district=district,
        headings=headings,
        heading_starts=[h.start for h in headings],
        boundaries=sorted({h.start for h in headings} | set(articles)),
        article_regions=_article_regions(text, articles, city, district, default_region),
        article_periods=_article_periods(text, articles, year),
        head_period=_head_period(head_periods),
        doc_status=document_status(_title_line(head)),
        # delivered at the spring session (January to April) of the year its title names
        reviews_prior_year=bool(doc_date and doc_date.month <= 4 and says_prior_year_review(head)),
        now_month=None if doc_date else _given_month(meta.date) or _latest_elapsed_month(sentences, year),
    )
    return ctx


def _opening_year(text: str, sentences: list[Sentence], year: int | None) -> list[PeriodMatch]:
    """A report whose title did not come with its text opens its body with its year (`2023年,面对…`,
    `2017年,全市上下…`): standard practice of annual bulletins and work reports. That year frames the
    whole text, as a year in the title would. Only the first body sentence counts, and only a year it
    names explicitly right at its start."""
    first = next((s for s in sentences if "。" in s.text and s.start < _HEAD_CHARS), None)
    if first is None:
        return []
    frame = _frame(first.text, year)
    if frame is None or frame.kind != "year" or not frame.explicit_year or frame.start > 0:
        return []
    return [frame]


def _given_month(given: PubDate | None) -> str | None:
    """`2024-04` for a date given to the month: the document's own month for 截至目前."""
    return f"{given.year}-{given.month:02d}" if given is not None and given.month else None


def _head_period(head_periods: list[PeriodMatch]) -> PeriodMatch | None:
    """The period a title or lead frames the whole text with: a holiday it names (“五一”假期…: the
    article is about that month), else its only period."""
    holidays = [p for p in head_periods if p.holiday]
    if holidays and len({p.value for p in holidays}) == 1:
        return holidays[0]
    return head_periods[0] if len({p.value for p in head_periods}) == 1 else None


def _latest_elapsed_month(sentences: list[Sentence], year: int | None) -> str | None:
    """For a text without a date: the latest month it says has passed (于2023年11月试运行,两个月以来 →
    2024-01), the best estimate of its own month for 截至目前."""
    ends = [
        p.value.split("..")[1]
        for s in sentences if "个月" in s.text
        for p in find_periods(s.text, year)
        if p.value and ".." in p.value and _ELAPSED.search(s.text, p.start, p.end)
    ]
    return max(ends) if ends else None


_ELAPSED = re.compile(r"个多?月(?:以来|来)")


def _section(ctx: DocContext, pos: int) -> list[_Heading]:
    """The chain of headings (outermost first) that contains position `pos`."""
    headings: list[_Heading] = ctx.extra["headings"]  # type: ignore[assignment]
    i = bisect_right(ctx.extra["heading_starts"], pos)  # type: ignore[arg-type]
    chain: dict[int, _Heading] = {}
    for h in headings[:i]:
        chain = {lv: x for lv, x in chain.items() if lv < h.level}
        chain[h.level] = h
    return [chain[k] for k in sorted(chain)]


def _ref_year(ctx: DocContext, chain: list[_Heading]) -> int | None:
    """The year a passage is about: its section heading's, else the title's (…2023年统计公报), else the
    document's own year."""
    for h in reversed(chain):
        if h.year:
            return h.year
    head: PeriodMatch | None = ctx.extra.get("head_period")  # type: ignore[assignment]
    own: int | None = ctx.extra.get("year")  # type: ignore[assignment]
    year = int(head.value[:4]) if head is not None and head.explicit_year and head.value else own
    # 2026年政府工作报告, delivered in January 2026: its review (一、过去五年工作回顾) is of 2025; its plans are 2026's
    review = any(h.status == "actual" for h in chain)
    return year - 1 if year is not None and review and ctx.extra.get("reviews_prior_year") and year == own else year


def _frame(sentence_text: str, ref_year: int | None, *, opening: bool = False) -> PeriodMatch | None:
    """A period near the start of a sentence (2023年,… / 本报讯(记者…)上半年,…) frames the sentences after it.
    With `opening`, also a relative one that just opens the sentence (全年居民消费价格…)."""
    body = _FRAME_LEAD_IN.sub("", _LEAD_IN.sub("", sentence_text))
    found = find_periods(body, ref_year)
    area = reg.leading_region(body[:_FRAME_MAX_OFFSET])
    released = None  # end of the release phrase after a dateline (10月20日,市统计局发布…)
    year_opens = False  # 2026年国庆假期,…: the year opened the clause for the holiday after it
    for i, p in enumerate(found):
        day = p.kind == "point" and bool(p.value and _FULL_DATE.fullmatch(p.value))
        if released is None and p.start <= 1 and day:
            rel = _RELEASE.search(body, p.end, p.end + _FRAME_MAX_OFFSET)
            if rel is not None:
                released = rel.end()
                continue  # the release's day, not its figures' period
        if released is not None and p.start >= released - 8 and p.start - released <= _FRAME_MAX_OFFSET \
                and p.value and not p.compare and not day:
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and nxt.holiday and not body[p.end:nxt.start].strip("“”\"「」"):
                return nxt  # …获悉，2026年国庆假期: the holiday of that year
            return p  # 发布前三季度经济数据 / 数据显示,1—9月,…: the report period
        if p.start > _FRAME_MAX_OFFSET:
            break
        nxt = found[i + 1] if i + 1 < len(found) else None
        # …, or right after the area the sentence opens with (五莲县2012年全年实现…)
        after_area = area is not None and area.end == p.start and not body[:area.start].strip(_CLAUSE_OPENERS + " ")
        opens_clause = p.start == 0 or body[p.start - 1] in _CLAUSE_OPENERS or after_area or (p.holiday and year_opens)
        if nxt is not None and nxt.holiday and not body[p.end:nxt.start].strip("“”\"「」"):
            year_opens = opens_clause
            continue  # 今年“五一”假期: the holiday, in that year, is the frame
        after = body[p.end:p.end + 4]
        topical = (
            after_area  # the sentence opens with its area and period: both are its topic
            or (day and after.startswith(_DAY_PARTS))  # 10月14日上午,…集中开工: that day's event
            or (after[:1] != "" and after[:1] in _CLAUSE_OPENERS)
            or bool(reg.find_regions(after))
            or after.startswith("以来")
            or p.holiday  # “国庆”假期7天,… frames what the next sentences count
            or (opening and p.start == 0 and p.kind in _OPENING_KINDS and not p.explicit_year)
        )
        dateline = bool(p.value and _FULL_DATE.fullmatch(p.value)) and not body[p.end:].strip(" 。")
        if opens_clause and topical and not dateline and p.value and not p.compare and not says_unknown(body[:p.start]):
            return p
    return None


def _in_chain(text: str, prev: Sentence, sent: Sentence) -> bool:
    """`prev` ends with ；right before `sent`: one sentence cut into clauses."""
    return prev.paragraph == sent.paragraph and text[prev.start:prev.end].rstrip().endswith(("；", ";"))


def _list_scope(text: str, sentences: list[Sentence], index: int, stop: int) -> str:
    """The text a number's list shares: from the head of its ；-chain, and from the sentence before
    when the list opens with 其中 (…累计完成131385万元,占…63%。其中:教育支出…；…), up to `stop`."""
    j = index
    while j > 0 and _in_chain(text, sentences[j - 1], sentences[j]):
        j -= 1
    if j > 0 and _LIST_HEAD.match(sentences[j].text):
        j -= 1
    return text[sentences[j].start:stop]


_LIST_HEAD = re.compile(r"^\s*其中")


def _chain_period(text: str, sentences: list[Sentence], index: int, ref_year: int | None) -> PeriodMatch | None:
    """The period the head of a ；-chain names before its list (今年主要预期目标是:地区生产总值增长5%；
    固定资产投资增长4%；…): every clause of the chain is in it."""
    j = index
    while j > 0 and _in_chain(text, sentences[j - 1], sentences[j]):
        j -= 1
    if j == index:
        return None
    head = sentences[j].text
    intro = re.split(r"[:：\d]", head, maxsplit=1)[0]
    found = [p for p in find_periods(intro, ref_year) if p.value and not p.compare]
    return found[-1] if found else None


def _boundary(ctx: DocContext, pos: int) -> int:
    """Start of the article or section that contains `pos`: frames do not cross it."""
    starts: list[int] = ctx.extra["boundaries"]  # type: ignore[assignment]
    i = bisect_right(starts, pos)
    return starts[i - 1] if i else 0


def _period(ctx: DocContext, text: str, sentences: list[Sentence], index: int, m: Mention,
            prev_end: int, chain: list[_Heading], ref_year: int | None, status: str,
            prev_stock: bool) -> tuple[str | None, bool]:
    """The mention's period, and whether it was read as a stock (for the next mention of a list)."""
    sent = sentences[index]
    before = text[sent.start:m.start]
    if says_unknown(before):
        head: PeriodMatch | None = ctx.extra.get("head_period")  # type: ignore[assignment]
        if head is not None and head.holiday and head.value and reg.in_sample(before):
            return head.value, False  # a holiday story's survey asks the holiday's visitors
        return None, False
    # the frame: a period opening this sentence or an earlier one of the same article/section
    frame: PeriodMatch | None = None
    heading_periods = [
        hp for h in chain for hp in find_periods(h.text, ref_year) if not hp.compare and hp.value
    ]
    bound = _boundary(ctx, sent.start)
    j = index - 1
    frame_para: int | None = None  # the paragraph of the earlier sentence the frame came from
    frame_text = ""  # that sentence (截至10月底，全县实现…: the frame dates flows as a span)
    opening: int | None = None  # a sentence of this paragraph opening with 全年/上半年 (no topic after it)
    # under a dated heading only the frame of this ；-chain counts (强化大气污染防治,1—11月,…；降尘量…)
    while j >= 0 and sentences[j].start >= bound \
            and (not heading_periods or (j == index - 1 and _in_chain(text, sentences[j], sent))):
        frame = _frame(sentences[j].text, ref_year)
        if frame is None and opening is None and sentences[j].paragraph == sent.paragraph \
                and _frame(sentences[j].text, ref_year, opening=True):
            opening = j
        if frame:
            frame_para, frame_text = sentences[j].paragraph, sentences[j].text
            frame = _last_clause_period(frame_text, frame, ref_year)
            # an old year (2020年,延庆获评…) frames its own paragraph only, a recent one the article
            recent = not (frame.explicit_year and ref_year and frame.value and int(frame.value[:4]) < ref_year - 1)
            if sentences[j].paragraph != sent.paragraph and not recent:
                frame = None
            break
        j -= 1
    if opening is not None and (frame is None or frame.kind == "point"):
        # 年末…。全年居民消费价格…。其中…: the later opening word is the frame, in the earlier frame's year
        year = int(frame.value[:4]) if frame is not None and frame.value else ref_year
        frame = _frame(sentences[opening].text, year, opening=True)
    if frame is None:
        frame = _chain_period(text, sentences, index, ref_year)
    if frame is None and heading_periods:
        # 2025年和“十四五”时期工作回顾: a heading naming a year and a plan frames its facts in the year;
        # a fact's own clause (五年来, 十四五以来, 累计) names the plan
        years = [hp for hp in heading_periods if hp.kind == "year"]
        spans = [hp for hp in heading_periods if hp.kind == "years"]
        frame = heading_periods[-1]
        if years and spans:  # “十四五”时期和2025年工作回顾 as well as 2025年和“十四五”时期…
            para_start = min(s.start for s in sentences if s.paragraph == sent.paragraph)
            plan_said = says_plan_span(text[para_start:m.start]) or any(
                p.kind == "years" and p.value == spans[-1].value
                for p in find_periods(text[para_start:m.start], ref_year) if not p.compare)  # not 两年平均
            frame = spans[-1] if plan_said else years[-1]
    head_span = _page_head_period(ctx, sent.start)
    if frame is None and head_span is not None:
        frame = head_span  # 关于海淀区2023年工作情况的报告
    k = index  # the start of this ；-chain: 10月份,…。其中,出口…；进口…: the same month
    while k > j + 1 and _in_chain(text, sentences[k - 1], sentences[k]):
        k -= 1
    continues = k == j + 1 and bool(_LIST_HEAD.match(sentences[k].text))
    if frame is not None and frame.kind == "month" and frame_para is not None and head_span is not None \
            and head_span.kind == "span" and head_span.value and frame.value and not continues \
            and head_span.value.endswith(f"..{frame.value}"):
        frame = head_span  # 1—8月 report: 8月份,…增长10.1%。分经济类型看,…: the month was an aside
    if frame is not None and frame.explicit_year and frame.value:
        ref_year = int(frame.value[:4])
    if m.notes.get("base_period"):  # 由上年的14.9:33.2:51.9调整为…: the base structure is the base year's
        base = [p for p in find_periods(str(m.notes["base_period"]), ref_year) if p.value]
        return (base[0].value, False) if base else (None, False)
    # 今年 counts from the document's date, unless a section heading says which year it is about
    doc_year = None if any(h.year for h in chain) else ctx.extra.get("year")
    causes = [(c.start(), c.end()) for c in _CAUSE.finditer(before)] + ind.method_spans(before)
    found_all = [p for p in find_periods(before, ref_year, doc_year=doc_year)
                 if not any(a <= p.start < b for a, b in causes)]  # 受今年…后移的影响: a cause's time
    own = next((p for p in found_all if p.value and p.kind == "year" and p.explicit_year
                and re.fullmatch(r"的\s*", before[p.end:])), None)
    if own is not None and m.measure == "level":
        # 由2020年的218.6亿元增加到2025年的312.4亿元: each level at its own year; a count of firms (规模以上工业
        # 企业由2020年的386家…) at its year's end
        subject = re.split(r"由|从", re.split(r"[,，;；]", before[:own.start])[-1])[0]
        if own.value and says_stock(subject, ind.is_count_unit(m.unit), m.unit):
            return end_point(own.value), True
        return own.value, False
    found = [p for p in found_all if not p.compare and p.value and not names_plan(before, p)]
    unknown = [p for p in found_all if p.holiday and not p.value and not p.compare]
    if unknown:  # 2028年春节假期 before its days off are known: not the whole year
        found = [p for p in found if not (p.kind == "year" and any(
            not before[p.end:h.start].strip(" 的“”\"") for h in unknown))]
        if not found:
            return None, False
    if frame is not None and frame.kind == "years":  # 五年来 under a plan's heading: the plan's years
        found = [frame if p.kind == "years" and not p.explicit_year else p for p in found]
    if m.measure == "ratio":  # 是“十三五”时期的1.6倍: the period before 的 is the base of the ratio
        found = [p for p in found if not before[p.end:].lstrip("”\"").startswith("的")]
    now = says_now(before)
    now_month = f"{ctx.doc_date.year}-{ctx.doc_date.month:02d}" if ctx.doc_date else ctx.extra.get("now_month")
    if now and now_month and not any(p.start > now.start() for p in found):
        return str(now_month), False  # 截至目前: the month of the document
    if not found:
        # 本市3座消防站年内启动建设: a period later in the same clause
        rest = text[m.end:sent.end]
        rest = rest[:min((rest.find(c) for c in "，,;；。" if c in rest), default=len(rest))]
        found = [p for p in find_periods(rest, ref_year, doc_year=doc_year)
                 if not p.compare and p.value and p.kind != "point"]
    chosen = found[-1] if found else frame
    if m.measure == "change" and says_average_annual(text[max(prev_end, sent.start):m.start]):
        # 五年来,…增加到2025年的312.4亿元,年均增长6.8%: the five years
        spans = [p for p in found if p.kind == "years"] or [f for f in (frame,) if f is not None and f.kind == "years"]
        chosen = spans[-1] if spans else chosen
    if chosen is not None and chosen.kind == "ytd" and frame is not None and frame.kind == "span":
        chosen = frame  # 今年以来 in a 上半年 report is that half-year
    elif chosen is not None and chosen.kind == "ytd" and chosen.value:
        # 截至10月底，…；今年以来新增航线6条: since January, to the month the sentence has reached
        until = next((p for p in [*reversed(found), frame] if p is not None and p.kind == "point" and p.until
                      and p.value and p.value[:4] == chosen.value[:4]), None)
        if until is not None and until.value[5:7] not in ("", "12"):  # type: ignore[index]
            return f"{until.value[:4]}-01..{until.value[:7]}", False  # type: ignore[index]
    if chosen is not None and chosen is frame and frame.holiday and status == "target" and chosen.value:
        return chosen.value[:4], False  # 下阶段将推出200条精品线路: a plan after the holiday is the year's
    if chosen is not None and chosen is frame and frame.kind == "years" and frame.value and _a_state(m) \
            and not before.rstrip().endswith(("由", "从")):
        return frame.value[-4:], False  # 五年来,…城镇化率达到68.5%,比2020年提高6.2个百分点: where the span ends
    if chosen is not None:
        value, kind = chosen.value, chosen.kind
    elif (ctx.doc_date or any(h.year for h in chain)) and ref_year:
        value, kind = str(ref_year), "year"
    else:
        return None, False
    clause = ind.clause_before(text, max(prev_end, sent.start), m.start)
    counted = ind.is_count_unit(m.unit)
    gap = text[prev_end:m.start] if prev_end > sent.start else ""
    # 53家,约占全国19%: a share right after a stock is a share of that stock, at the same date
    share_of_stock = m.measure == "share" and not breaks_stock(re.sub(r"[,，]", "", gap))
    # 在施项目360个,其中新开工项目82个: a part of the stock; 企业达到326户,其中当年新增38户: a flow of its own
    listed = gap.lstrip(",，").startswith("其中")
    subset = listed and not _INCREMENT.fullmatch(re.sub(r"[,，:：\s]", "", gap.lstrip(",，"))[2:])
    # 累计支持项目50个,投资金额…亿元: the next clause's bare noun measures the same stock
    tail = re.split(r"[,，]", gap)[-1]
    companion = (gap.count(",") + gap.count("，") == 1 and len(tail) >= 2 and not says_flow(tail)
                 and not breaks_stock(re.sub(r"[,，]", "", gap)))
    inherits = prev_stock and len(gap) <= _STOCK_GAP and (
        share_of_stock or subset or companion or not breaks_stock(gap))
    # 新增市场主体2.86万户,其中企业6820户: a part of a flow is counted as its total is, not as a stock of firms
    nouns = not (listed and prev_end > sent.start and not prev_stock)
    stock = m.measure != "change" and status != "target" and (says_stock(clause, counted, m.unit, nouns=nouns)
                                                               or inherits or _against_point(text, m.end, sent.end))
    if m.measure == "change" and prev_stock and status != "target" and value and kind != "years" \
            and bare_change(gap):
        return end_point(value), False  # 生猪存栏58.97万头,同比下降6.53%: the stock's change, at its date
    if chosen is frame and frame is not None and frame.kind == "point" and not stock and frame.value \
            and frame_para not in (None, sent.paragraph):
        # 年末常住人口…。\n全市生产总值…增长: a year-end frame carried into a new paragraph dates only its
        # stocks; a flow there is the year's, or the report's span ending that month (三季度末… in a 前三季度
        # release: 1—9月)
        if frame.value.endswith("-12-31"):
            return frame.value[:4], False
        if head_span is not None and head_span.kind == "span" and head_span.value \
                and head_span.value.endswith(f"..{frame.value[:7]}"):
            return head_span.value, False
    plan_end = plan_endpoint(chosen, ind.clause_before(text, sent.start, m.start)) if chosen is not None else None
    if plan_end and m.measure == "level":
        return plan_end, False
    if chosen is not None and kind == "month" and (span := cumulative_span(chosen, _list_scope(text, sentences, index,
                                                                                          m.start))):
        return span, False  # 11月,全县民生支出累计完成…: a flow from January, not a stock at the month's end
    if value and kind != "years" and stock:
        if chosen is frame and frame is not None and frame.holiday:
            return _news_day(ctx, text, value), True  # 充电桩已达2.6万个 in a holiday story: as reported
        return end_point(value), True
    if chosen is not None and m.measure != "change":
        span = span_to(chosen, clause)
        if span:
            return span, False
    if chosen is not None and chosen is frame and frame_text and not stock:
        # the flow the frame's own first clause reports (截至10月底，全县实现进出口…), not a later one of its sentence
        first = re.match(r"[^\d]*\d[^,，;；。]*", frame_text[chosen.end:])
        span = span_to(chosen, first.group()) if first else None
        if span:
            return span, False  # 截至10月底，全县实现进出口总额…。其中，出口…: the frame's flows go on
    if chosen is not None and m.measure == "change" and prev_end > sent.start and bare_change(gap):
        span = span_to(chosen, ind.clause_before(text, sent.start, prev_end))
        if span:
            return span, False  # 截至10月底，全县实现进出口总额18.64亿元，同比增长21.3%: the flow's span
    return value, kind == "point"  # 截至6月末,在施项目360个: a stock its 其中 parts share


def _a_state(m: Mention) -> bool:
    """A rate or ratio level (城镇化率68.5%) or its change in points: a state at a date, never summed over years."""
    return (m.measure == "level" and m.unit in ("%", "‰")) or (m.measure == "change" and m.unit == "个百分点")


def _news_day(ctx: DocContext, text: str, month: str) -> str:
    """The day a news story's stock is reported at: the story's date (the day before when its lead
    says 昨日/昨天), if it falls in the framed month (or months); else the period's end."""
    d = ctx.doc_date
    if d is None:
        return end_point(month)
    lead = _LEAD.search(text)
    if lead and re.search(r"昨[日天]", text[lead.end():text.find("\n", lead.end())]):
        d = d - timedelta(days=1)
    first, _, last = month.partition("..")  # a holiday across two months frames 2026-01..2026-02
    return d.isoformat() if first <= d.isoformat()[:7] <= (last or first) else end_point(month)


def _article_periods(text: str, starts: list[int], year: int | None) -> list[tuple[int, PeriodMatch | None]]:
    """The period each later article of a page names in its title lines (良庆区24个重大项目集中开工: none), which
    stands in for the page head's (青秀区前三季度经济运行…) in that article."""
    out: list[tuple[int, PeriodMatch | None]] = []
    for start in starts[1:]:  # the first article's head is the document's (with a given title)
        lead = _LEAD.search(text, start)
        title = text[start:lead.start()] if lead else ""
        # a report period (前三季度, 1—9月, 2024年, a holiday), not a deadline (…年内启动建设)
        found = [p for p in find_periods(title, year)
                 if p.value and not p.compare and not _FULL_DATE.fullmatch(p.value)
                 and (p.kind in ("span", "month") or p.explicit_year or p.holiday)]
        out.append((start, _head_period(found)))
    return out


def _page_head_period(ctx: DocContext, pos: int) -> PeriodMatch | None:
    """The head period for a sentence at `pos`: its article's title on a page of several articles."""
    head: PeriodMatch | None = ctx.extra.get("head_period")  # type: ignore[assignment]
    for start, period in ctx.extra.get("article_periods") or []:  # type: ignore[union-attr]
        if start > pos:
            break
        head = period
    return head


def _article_regions(text: str, starts: list[int], city: str | None, district: str | None,
                     default: str | None) -> list[tuple[int, str | None]]:
    """Default region of each article: null when its lead is about one company/facility, else the region
    its title or lead names first, else the document's."""
    out = []
    for start in starts:
        lead = _LEAD.search(text, start)
        end = text.find("\n", lead.end()) if lead else -1
        head = _up_to_lead_line(text, start, lead, end) if lead and end > 0 else text[start:start + 200]
        first_sentence = re.split(r"[。；;!！?？]", _LEAD_IN.sub("", head.split("本报讯")[-1]))[0]
        # 记者昨日从市港航事务中心获悉，…: the informant is no subject; the clause after it is
        subject = re.split(r"[,，]", _SOURCE_CLAUSE.sub("", re.sub(r"^[^)）]*[)）]", "", first_sentence).lstrip()))[0]
        if reg.names_entity(subject, topic=True):
            out.append((start, None))
            continue
        named = [r for r in reg.find_regions(head) if not r.compare and not reg.names_newspaper(head, r.end)]
        while len(named) > 1 and named[1].start == named[0].end:  # 绵阳市涪城区: the district, not its city
            named = named[1:]
        out.append((start, reg.resolve(named[0], city, district) if named else default))
    return out


_SUBJECT_VERBS = ("实现", "完成")


def _contribution(name: str, earlier: str | None) -> str:
    """鲜菜价格上涨3.5%，影响CPI上涨约0.07个百分点: how much the price named before moved the index (NBS
    price releases), named `鲜菜价格对居民消费价格的影响`; None of it when no price is named before."""
    whole = load_lexicon("indicator")["contributions"].get(name)
    if whole is None or not earlier or not earlier.endswith("价格"):
        return name
    return f"{earlier}对{whole}的影响"


def _with_elided_subject(name: str, gap: str, earlier: str | None) -> str:
    """规模以上工业企业实现营业收入…；实现利润总额98.6亿元: a clause that opens with the verb the earlier
    name follows its subject with has elided that subject; give it back (规模以上工业企业利润总额)."""
    clause = re.split(r"[,，;；。]", gap)[-1].lstrip()
    verb = next((v for v in _SUBJECT_VERBS if clause.startswith(v)), None)
    if verb is None or not earlier or not name:
        return name
    k = earlier.find(verb)
    if k <= 0 or name.startswith(earlier[:k]):
        return name
    # only where the catalog knows the subject's quantity (外贸企业完成进出口…；完成招商引资项目签约 keeps its name)
    return earlier[:k] + name if indicator_code(earlier[:k] + name) else name


#: 受今年新增一般债券发行较上年后移的影响: a cause said before the figure; its period words are the cause's.
_CAUSE = re.compile(r"受[^，,。；;]{1,40}?影响")
_SPEAKER = re.compile(r"[^,，。:：]{1,24}[:：]\s*")
_COMPARED_LIST = re.compile(r"比|较|与|高于|低于|快于|慢于|同比")
_LIST_CLAUSES = re.compile(r"[，,；;：:]")


def _opens_region_split(sentence: str) -> bool:
    """The sentence opens a split by area (分市州看，…), also after a speaker (新闻发言人 王立新：分市州看，…)."""
    body = sentence.lstrip(" \t\u3000,，")
    said = _SPEAKER.match(body)
    body = body[said.end():] if said else body
    return body.startswith(tuple(load_lexicon("indicator")["region_split_openers"]))


def _split_opener_before(ctx: DocContext, sentences: list[Sentence], index: int) -> str | None:
    """The sentence of this paragraph before sentence `index` that opened a split by area, if any. Sentences are
    annotated in order, so the paragraph's opener is kept as they go: each sentence (also one without numbers,
    分市州看：) is tested once."""
    done, para, opener = ctx.extra.get("split_scan") or (-1, None, None)

    def see(j: int) -> None:
        nonlocal para, opener
        if sentences[j].paragraph != para:
            para, opener = sentences[j].paragraph, None
        if _opens_region_split(sentences[j].text):
            opener = sentences[j].text

    for j in range(done + 1, index):
        see(j)
    before = opener if para == sentences[index].paragraph else None
    see(index)
    ctx.extra["split_scan"] = (index, para, opener)
    return before


def _last_clause_period(sentence: str, frame: PeriodMatch, ref_year: int | None) -> PeriodMatch:
    """年末全县规模以上工业企业42家，全年规模以上工业增加值增长7.2%。分门类看，…: a later clause of the frame's
    sentence that opens with its own period (全年) frames the sentences after it."""
    if frame.kind != "point" or not (frame.value or "").endswith("-12-31"):
        return frame  # 截至9月末…，1—9月新增贷款…: the month's end still dates the stocks after it
    body = _LEAD_IN.sub("", sentence)
    later = [p for p in find_periods(body, ref_year) if p.start > frame.end and p.value and not p.compare
             and body[p.start - 1:p.start] in ("，", ",", "；", ";") and p.kind == "year"
             and p.value == frame.value[:4]]
    return later[-1] if later else frame  # (a stock after it still takes the year's end: end_point)


def _growth_named(text: str, tails: tuple[str, ...] = ("增速", "增幅")) -> str | None:
    """The catalog quantity whose 增速 a sentence speaks of (20个县(市、区)公共财政预算支出增速有13个…)."""
    ahead = "|".join(map(re.escape, tails))
    for m in reversed(list(re.finditer(rf"[\u4e00-\u9fff]{{2,16}}?(?={ahead})", text))):
        words = m.group()
        name = next((words[k:] for k in range(len(words) - 1) if indicator_code(words[k:])), None)
        if name:
            return name
    return None


def _named_clause_before(text: str, start: int, stop: int) -> str | None:
    """The catalog quantity a clause without a number names right before the number's own clause
    (普惠小微贷款余额较快增长，增速达到14.2% → 普惠小微贷款余额); None when there is none."""
    clauses = re.split(r"[,，]", text[start:stop])[:-1]
    for clause in reversed(clauses):
        if re.search(r"\d", clause):
            return None
        name = ind.trim(clause)
        if name and indicator_code(name):
            return name
    return None


def _paired_name(name: str, earlier: str | None, listed: bool = False) -> str:
    """金融机构人民币各项存款余额…；各项贷款余额… / 基本养老保险基金收入…，支出…: the second of a pair said
    with only its own word (or a shorter subject, 基金总支出) has the subject of the first."""
    if not earlier or not name:
        return name
    for a, b in load_lexicon("indicator")["paired_words"]:
        for own, other in ((a, b), (b, a)):
            if not (name.endswith(own) and earlier.endswith(other)):
                continue
            stem, full = name[: -len(own)], earlier[: -len(other)]
            if (len(full) > len(stem) and full.endswith(stem) and full.removesuffix(stem)[-1:] not in ("", "和")
                    and not (listed and not stem)):  # …其中住户存款余额…；贷款余额: not the part's pair
                return full + own
    return name


def _trade_part(name: str, earlier: str | None) -> str:
    """跨境电商进出口2.16万亿元。其中，出口1.62万亿元，进口0.54万亿元: the exports and imports of the trade
    named before (跨境电商出口额), not the goods trade's; a trade of the place itself (货物, 外贸) keeps them."""
    lex = load_lexicon("indicator")
    flow = next((f for f in ("出口", "进口") if name in (f, f + "额", f + "总额", f + "总值")), None)
    if flow is None or not earlier or indicator_code(earlier) == "trade.total":
        return name
    for end in ("进出口总额", "进出口总值", "进出口额", "进出口", "出口额", "进口额"):
        if earlier.endswith(end):
            prefix = earlier[: -len(end)]
            if len(prefix) >= 2 and prefix not in lex["trade_own_prefixes"] and not reg.find_regions(prefix):
                return prefix + flow + "额"
            break
    return name


def _split_total_name(ctx: DocContext) -> str | None:
    """分市州看，长沙市增长5.6%: the regions' figures are of the paragraph's total (地区生产总值), not of its
    last part (第三产业增加值): the outermost printed ancestor of the last coded fact."""
    code = ctx.extra.get("last_code")
    printed: dict[str, str] = ctx.extra.get("printed_names") or {}  # type: ignore[assignment]
    if not code or code not in printed or printed[code] != ctx.extra.get("last_indicator"):
        return None  # the last fact said had no code: the paragraph's total is not known
    parents = catalog_index().parent
    while parents.get(code) in printed:  # type: ignore[arg-type]
        code = parents[code]  # type: ignore[index]
    return printed[code]  # type: ignore[index]


def _one_figure_of_both(clause: str, tail: str) -> bool:
    """风电、太阳能发电量486.3亿千瓦时: the item before the last, with the last one's head noun, is a quantity the
    catalog knows too, so the one figure is of both together (no code of either)."""
    before = ind.trim(clause.rsplit("、", 1)[0].split("、")[-1].strip())
    return bool(before) and any(indicator_code(before + tail[-n:]) for n in (2, 3, 4) if len(tail) > n)


def _said_of_both(name: str, before: str) -> bool:
    """城市、农村均上涨: the name is the last of items joined by 、/和 that one figure (均) is said of."""
    at = before.rfind(name + "均")
    return at > 0 and before[at - 1] in "、和及与"


def _stock_of_flow(name: str, gap: str, earlier: str | None) -> str:
    """新增跨国公司地区总部18家，累计达到430家: a clause restating the running total of the flow named
    before it counts the stock, not the new ones (跨国公司地区总部数量)."""
    lex = load_lexicon("indicator")
    clause = re.split(r"[,，;；。、]", gap)[-1].strip()
    if not name or name != earlier or not clause.startswith(tuple(lex["stock_restatements"])):
        return name
    flow = next((w for w in lex["flow_prefixes"] if name.startswith(w)), None)
    stock = name[len(flow):] if flow else ""
    return stock if len(stock) >= 2 and indicator_code(stock) else name  # only a stock the catalog knows


def _region(ctx: DocContext, text: str, sentences: list[Sentence], index: int, m: Mention) -> str | None:
    city, district = ctx.extra.get("city"), ctx.extra.get("district")
    sent = sentences[index]
    article = _article_region(ctx, sent.start)
    if article is not None and article != ctx.region and reg.is_district(article):
        district = article  # a page's later story about another district: its 全区 is that district
    # a parenthesis still open at the number starts a statement of its own (…高0.9个百分点(全省增长5.6%,…))
    before = text[sent.start:m.start]
    opened = max(before.rfind("("), before.rfind("（"))
    if opened >= 0 and not re.search(r"[)）]", before[opened:]):
        before = before[:opened] + "，" + before[opened + 1:]
    clauses = _CLAUSES.split(before)
    after = text[m.end:sent.end]
    after = after[:min((after.find(c) for c in ",，;；。" if c in after), default=len(after))]
    if reg.cites_entity_data(text[sent.start:m.start]):
        return None  # 据某平台统计,订单量增长…: one company's data
    if reg.in_sample(text[sent.start:m.start]) or reg.in_sample(after):
        return None  # 记者调查的100家企业中,近七成… / 对1200名游客开展的抽样调查 / 三成的受访者…
    lead = reg.leading_region(clauses[-1])
    aggregate = lead is not None and lead.name.startswith("@")  # 全市博物馆接待…: all of the city's museums
    if not aggregate and (reg.names_entity(clauses[-1]) or reg.opens_with_entity(clauses[-1], own=True)):
        return None
    if not ind.is_count_unit(m.unit) and reg.names_entity(ind.counted_object(text, m.end, sent.end)):
        return None  # 6GWh固态锂离子电池生产线: the size of one facility
    listed = _listed_areas(text[sent.start:m.start], m)
    if listed is not None:  # 拉萨市、林芝市…，分别为68.42万人次、…
        return reg.resolve(listed[1][m.list_index], city, district)  # type: ignore[arg-type,index]
    paren = reg.parenthesized_region(text[sent.start:m.start])
    if paren is not None:
        return reg.resolve(paren, city, district)  # type: ignore[arg-type]  # 最高的为张家口市(增长22.9%)
    if district is not None and (town := reg.leading_town(clauses[-1]) or reg.leading_town(clauses[0])):
        return town  # 王舍人街道规模以上工业企业达到68家 / 其中佛耳湖镇2.6万亩: a township of the county's text
    for clause in reversed(clauses):
        r = reg.leading_region(clause)
        if r:
            if not r.name.startswith("@") and (reg.names_entity(clause[r.end:], topic=True)
                                               or reg.opens_with_entity(clause[r.end:])):
                return None  # 北京市知识产权保护中心…辅导34家企业 / 天津港完成…: the region names the facility
            return reg.resolve(r, city, district)  # type: ignore[arg-type]
    if reg.names_entity(clauses[0]) or any(reg.opens_with_entity(c) for c in clauses[:-1]):
        return None  # 中关村科学城科技成长基金累计支持项目50个,投资金额亿元 / 足球场位于…,长约29米
    return article


@cache
def _ranked() -> re.Pattern[str]:
    """居前三位的是 / 排名前三的是: a ranking's words between what is ranked and the areas (indicator lexicon)."""
    return re.compile(load_lexicon("indicator")["ranked_lead"])


def _listed_areas(before: str, m: Mention) -> tuple[str, list[reg.RegionMatch]] | None:
    """居前三位的是拉萨市、林芝市、日喀则市，分别为68.42万人次、42.36万人次、28.64万人次: the i-th number of a 分别 list
    is the i-th area listed before it. The clause listing them and the areas; None for any other number (read
    once per number: its region and its name both need it)."""
    if m.list_index is None or m.list_group is None:
        return None
    if "listed_areas" in m.notes:
        return m.notes["listed_areas"]  # type: ignore[return-value]
    found = None
    k = len(before)
    # …分别接待游客X、Y、Z，同比分别增长a、b、c: a second list of the sentence goes with the areas of the first
    while found is None and (k := before.rfind("分别", 0, k)) >= 0:
        lead = _LIST_CLAUSES.split(before[:k].rstrip("，, "))[-1]
        if "、" not in lead:
            if _BARE_COMPARISON.fullmatch(lead.strip()):
                continue  # 同比分别增长: no items of its own
            break
        named = reg.find_regions(lead)  # (居前三位的是拉萨市: 是 here names the first, it compares nothing)
        if len(named) >= 2 and m.list_index < len(named) and not _COMPARED_LIST.search(lead):
            found = (lead, named)  # (增速比四川省、全国分别高…: the areas are the bases, not the figures' areas)
        break
    m.notes["listed_areas"] = found
    return found


def _article_region(ctx: DocContext, pos: int) -> str | None:
    """The default region of the article holding `pos` (the document's when it has one article)."""
    articles: list[tuple[int, str | None]] = ctx.extra["article_regions"]  # type: ignore[assignment]
    region = ctx.region
    for start, r in articles:
        if start > pos:
            break
        region = r
    return region


_CLAUSES = re.compile(r"[,，;；:：]")
#: The clause of a 分别 list that names no items of its own (同比分别增长, 比上年分别提高).
_BARE_COMPARISON = re.compile(r"(?:同比|环比|比上年同期|比上年|较上年同期|较上年|比去年同期|增速|增幅)?")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A year, a month, or a span from January within one year (2025, 2025-06, 2025-01..2025-09): it has one end.
_WITHIN_YEAR = re.compile(r"(\d{4})(?:-\d{2}|-01\.\.\1-\d{2})?")
_PAST_YEAR = re.compile(r"(?<![到至])(?:19|20)\d{2}年(?!前)")
#: A bare verb (开工9588套) stays as it is; a longer name gets the count suffix.
_SUFFIX_MIN = 5
#: A stock number passes its end-of-period date to the next number of its list (累计36处、246万平方米).
_STOCK_GAP = 10


def _against_point(text: str, end: int, stop: int) -> bool:
    """城镇化率为71.24%，比上年末提高0.68个百分点: a level compared with a point (上年末, 年初) is itself
    at a point, the end of its period."""
    nxt = re.search(r"\d|[。；;]", text[end:stop])
    return says_point_base(text[end:end + nxt.start()] if nxt else text[end:stop])
#: 其中当年新增38户: the part of a stock that is the period's increment, a flow
_INCREMENT = re.compile(r"(?:当年|今年|本年|年内|全年)?新增")


def _plan_year(ctx: DocContext) -> int | None:
    """The year a plan document's title names (某校2023年部门预算): its sentences naming that year are the plan."""
    head: PeriodMatch | None = ctx.extra.get("head_period")  # type: ignore[assignment]
    if head is None or head.kind != "year" or not head.explicit_year or not head.value:
        return None  # a plan over years (“十四五”规划): any year a sentence names is reported, not planned
    return int(head.value[:4])


def _status(m: Mention, before: str, after: str, chain: list[_Heading], doc_status: str | None,
            plan_year: int | None = None, session_year: int | None = None) -> str:
    if m.status_hint in ("estimate", "target"):
        return m.status_hint
    # 四分之一的企业计划扩大产能: a word after 的 belongs to what the quantified firms do, not to the share
    quantifies = re.match(r"(?:以上|左右|多)?的", after)
    said = clause_status(before) or (None if quantifies else clause_status(after))
    if said == "estimate" and clause_status(before) != "estimate":
        said = None  # 预计 after the number is about what follows it
    section = next((h.status for h in reversed(chain) if h.status), None)
    if section is None and session_year and any(h.year == session_year for h in chain):
        section = "target"  # 三、2026年民生实事项目 in a report heard in 2026: the year's plan
    past = [int(y.group()[:4]) for y in _PAST_YEAR.finditer(before)]
    if section is None and doc_status and not any(plan_year is None or y < plan_year for y in past):
        section = doc_status  # a plan document's sentences are targets, unless they name a year before its own
    own = _CLAUSES.split(before)[-1]
    if m.measure == "level" and ind.ends_with_plan_base(own) \
            and not ("完成" in own and not after.lstrip().startswith("的")):
        return "target"  # 为年初预算84.58亿元的102.3%: the plan's own amount (完成造林任务326.8万亩: what was done)
    if said and clause_status(own) is None and says_done(own):
        return "actual"  # 预计投资金额…,已签约11个: the own clause says it happened
    if said == "weak_target":
        return "actual" if section == "actual" else "target"
    if said:
        return said
    return section or "actual"


def _indicator(ctx: DocContext, text: str, sent: Sentence, m: Mention, prev: list[tuple[Mention, str]],
               prev_end: int, group_size: int) -> str:
    """The measured noun phrase for `m` (see bulletins.extract.indicator)."""
    in_list = m.list_group is not None and bool(m.list_index)
    pred = m.predicate_start if m.predicate_start is not None and m.predicate_start <= m.start else m.start
    if in_list:
        left_start = sent.start
    else:
        left_start = max(sent.start, prev_end)
        if pred < left_start:
            pred = m.start
    clause = ind.clause_before(text, left_start, pred).lstrip("、和及与")
    clause = ind.after_restated_list(clause)
    listed = _listed_areas(text[sent.start:m.start], m)
    if listed is not None:  # 接待游客居前三位的是拉萨市、林芝市…，分别为…: what the areas are ranked by
        lead, named = listed
        subject = ind.trim(_ranked().sub("", lead[:named[0].start]))
        if ind.is_name(subject):
            return ind.with_count_suffix(subject, m.unit) if ind.is_count_unit(m.unit) else subject
    if ind.names_a_rank(clause):  # 增速最高的为张家口市(增长22.9%): the quantity whose growth the sentence ranks
        ranked = next((pname for pm, pname in reversed(prev) if pname and pm.measure == "change"
                       and not ind.is_count_unit(pm.unit)), None) or _growth_named(text[sent.start:m.start])
        if ranked:
            return ranked
    name = "" if ind.opens_with_base(clause, m.measure == "ratio") else ind.trim(ind.drop_examples(clause))
    if m.measure != "level" and name in load_lexicon("indicator")["dimension_words"]:
        name = ""  # 较全国（5.3%）高0.5个百分点: 高 compares, it measures no height
    if m.measure != "level" and ind.rate_compared(name):
        name = ""  # 涨幅比上月扩大0.2个百分点: the change of the quantity named before
    if m.list_group is not None and m.list_index is not None:
        part = ind.structure_part(name, m.list_index) if m.measure == "share" else None
        if part:
            return part  # 三次产业结构为2.7∶28.9∶68.4
        items = ind.list_items(name)
        if group_size > 1 and len(items) == 1:
            items = ind.comma_list_items(text, left_start, pred, group_size) or items
        if len(items) > 1:
            return items[m.list_index] if m.list_index < len(items) else items[-1]
        before_list = [pname for pm, pname in prev if pm.list_group != m.list_group and pname]
        earlier = ind.earlier_list_items(text, sent.start, pred, group_size) if not name and group_size > 1 else None
        if earlier:
            return earlier[m.list_index] if m.list_index < len(earlier) else earlier[-1]
        if not name and len(before_list) >= group_size > 1:
            # 拆除违法建设万平方米、腾退土地公顷,分别为年度目标的、: the i-th quantity named before
            return before_list[-group_size:][m.list_index]
    if ind.is_count_unit(m.unit) and m.measure == "level" and (split := ind.split_count_name(
            text, sent.start, m.end, sent.end)):
        return split  # 11个设区市中，有5个市高于全省平均水平: 高于全省平均水平的设区市数量
    if ind.is_count_unit(m.unit) or m.unit == "":
        obj = ind.counted_object(text, m.end, sent.end)
        if obj and ind.has_cjk(obj):
            verb = ind.verb_tail(ind.trim(ind.drop_examples(clause.split("、")[-1])))
            return ind.with_count_suffix(verb + obj, m.unit)
    whole = reg.find_regions(clause[-4:])
    bare = not ind.is_name(name) and m.measure == "level"  # 为…近230亿元的项目提供了担保
    if bare or (m.measure == "share" and (not ind.is_name(name) or clause.rstrip().endswith("有")
                                          or (whole and whole[-1].end == len(clause[-4:])))):  # 贡献了全市约三成的…
        quantified = ind.quantified_subject(text, m.end, sent.end)
        if quantified:
            return quantified  # 有三分之一的产业链产值增速超过10% / 四分之一的企业计划扩大产能
    ratio = m.measure == "ratio"
    if not name and pred < m.start and not ind.opens_with_base(clause, ratio) \
            and not ind.opens_with_base(text[pred:m.start], ratio):
        # the find stage took a word of the name for the predicate (占地面积约700平方米)
        name = ind.trim(ind.clause_before(text, pred, m.start))
    tail = clause.rsplit("、", 1)[1].strip() if "、" in clause else ""
    if indicator_code(name) is None and "、" in clause and (len(tail) >= 2 or (not tail and pred < m.start)) \
            and not is_listed_name(name) and not _one_figure_of_both(clause, tail):
        name = ind.trim(tail)  # 企业、园区营业收入: the item next to the number (none: …、完成615公里)
    suffix = ind.unit_suffix(m.unit)
    if suffix and m.measure == "level":
        # 完成297公里地下管线改造 → 地下管线改造长度; 两岸12公里滨水步道 → 两岸滨水步道长度
        obj = ind.counted_object(text, m.end, sent.end)
        if obj and ind.has_cjk(obj):
            return ind.with_suffix(ind.drop_leading_verbs(name) + obj, suffix)
        if len(name) >= _SUFFIX_MIN - 1 and not ind.ends_with_verb(name):
            return ind.with_suffix(name, suffix)  # 拆除各类护栏(…公里) → 拆除各类护栏长度
    if len(name) >= _SUFFIX_MIN and ind.is_count_unit(m.unit) and m.measure == "level":
        return ind.with_count_suffix(name, m.unit)  # 改扩建学校35所 → 改扩建学校数量
    if not ind.is_name(name) or (ind.is_plan_base(name) and (clause.rstrip().endswith("的") or m.measure == "level")):
        # 22861元，同比增长8.7% / 完成年度预算的52.1% / 为年初预算84.58亿元的: the change, the share or the
        # plan's amount is of the indicator named before (in this sentence or the last)
        said = _named_clause_before(text, max(sent.start, prev_end), pred)
        if said:
            return said  # 普惠小微贷款余额较快增长，增速达到14.2%: the quantity the clause before names
        opener = ctx.extra.get("split_opener")
        if opener and reg.leading_region(clause) is not None:
            # 分市州看，14个市州地区生产总值全部实现正增长…。兰州市增长5.8%: the quantity the split is of
            split = _split_total_name(ctx) or _growth_named(
                str(opener), tails=tuple(load_lexicon("indicator")["split_quantity_tails"]))
            if split:
                return split
        for _pm, pname in reversed(prev):
            if pname:
                return pname
        if sent.text.lstrip(" \t\u3000,，").startswith(tuple(load_lexicon("indicator")["region_split_openers"])):
            return _split_total_name(ctx) or str(ctx.extra.get("last_indicator") or name)
        return str(ctx.extra.get("last_indicator") or name)
    return ind.balance_total(ind.join_possessive(name), text[sent.start:m.start])


def _base_region_period(ctx: DocContext, base: str, ref_year: int | None, region: str | None,
                        period: str | None) -> tuple[str | None, str | None]:
    """A comparison base's own figure (高于全国水平(4.6%), 比上半年3.1%的增速) is the base's region or period."""
    named = [r for r in reg.find_regions(base) if not r.compare]
    if named:
        region = reg.resolve(named[0], ctx.extra.get("city"), ctx.extra.get("district"))  # type: ignore[arg-type]
    found = [p for p in find_periods(base, ref_year) if p.value]
    if found:
        period = found[0].value
    return region, period


def _semicolon_head(text: str, sentences: list[Sentence], index: int) -> str:
    """The opening words of a ；-chain this sentence continues (预计全年…增长6%；…；…): status words there
    (预计, 主要预期目标是) cover every clause of the chain. Empty when the sentence starts its own."""
    j = index
    while j > 0 and sentences[j - 1].paragraph == sentences[index].paragraph \
            and text[sentences[j - 1].start:sentences[j - 1].end].rstrip().endswith(("；", ";")):
        j -= 1
    if j == index:
        return ""
    head = _LEAD_IN.sub("", sentences[j].text)
    preamble = re.split(r"[:：]", head, maxsplit=1)
    if len(preamble) == 2 and not re.search(r"\d", preamble[0]):
        return preamble[0] + "；"  # 今年主要预期目标是:…；…
    opening = opens_chain(head)
    return opening + "；" if opening else ""  # 预计全年…；…


def annotate(
    ctx: DocContext, text: str, sentences: list[Sentence], index: int, mentions: list[Mention]
) -> list[Annotation]:
    """One Annotation per mention of sentence `index`, in order."""
    sent = sentences[index]
    chain = _section(ctx, sent.start)
    ref_year = _ref_year(ctx, chain)
    out: list[Annotation] = []
    prev: list[tuple[Mention, str]] = []
    prev_end = sent.start
    prev_stock = False
    group_sizes = Counter(x.list_group for x in mentions if x.list_group is not None)
    chain_head = _semicolon_head(text, sentences, index)
    codes: list[str | None] = []  # the catalog codes of this sentence so far: a list's total gives its parts' codes
    chained = index > 0 and _in_chain(text, sentences[index - 1], sent)
    carried = ctx.extra.get("list_total") if continues_list(sent.text, chained) else None
    if carried is not None and not chained and refers_to_split_total(sent.text) and ctx.extra.get("after_split"):
        carried = ctx.extra.get("split_total")
    named = named_group(sent.text) if not chained else None
    if named is not None:  # 从城镇居民收入来源看: the list is of the population it names
        carried = indicator_code(group_total(named)) or carried
    ctx.extra["split_opener"] = _split_opener_before(ctx, sentences, index)
    for m in mentions:
        before = text[sent.start:m.start]
        name = _indicator(ctx, text, sent, m, prev, prev_end, group_sizes.get(m.list_group, 0))
        region = _region(ctx, text, sentences, index, m)
        if region is None and name and (len(name) <= 3 or ind.drop_leading_verbs(name) != name):
            # 大数据交易所达成…,新增交易额6.86亿元: a clause with no subject of its own (a verb or a bare
            # 总规模) is about the facility an earlier clause names
            entity = reg.entity_name(_CLAUSES.split(before)[:-1])
            if entity and entity not in name and name not in entity:
                name = entity + name
        earlier = prev[-1][1] if prev else (ctx.extra.get("last_indicator") if chained else None)
        if region and name and name.startswith(region) and not reg.division(region):
            # 其中佛耳湖镇2.6万亩: the township is the figure's area, the quantity is the list's
            rest = name[len(region):]
            name = rest if len(rest) > 2 and ind.is_name(rest) else (earlier or name)
        name = _with_elided_subject(name, text[max(prev_end, sent.start):m.start], earlier)  # type: ignore[arg-type]
        if ind.is_count_unit(m.unit) and m.measure == "level":
            name = _stock_of_flow(name, text[max(prev_end, sent.start):m.start], prev[-1][1] if prev else None)
        listed_before = "其中" in before or (chained and not prev and "其中" in sentences[index - 1].text)
        name = _paired_name(name, prev[-1][1] if prev else earlier, listed_before)
        name = _trade_part(name, prev[-1][1] if prev else (
            ctx.extra.get("last_indicator") if continues_list(sent.text, chained) else None))  # type: ignore[arg-type]
        name = _contribution(name, prev[-1][1] if prev else None)
        prev.append((m, name))
        after = text[m.end:sent.end]
        after = after[:min((after.find(c) for c in ",，;；。" if c in after), default=len(after))]
        status = _status(m, chain_head + before, after, chain, ctx.extra.get("doc_status"),  # type: ignore[arg-type]
                         _plan_year(ctx), ctx.extra.get("year") if ctx.extra.get("reviews_prior_year") else None)
        period, prev_stock = _period(ctx, text, sentences, index, m, prev_end, chain, ref_year, status,
                                     prev_stock)
        if m.measure == "change" and period and is_point_base(m.compare_to) and _WITHIN_YEAR.fullmatch(period):
            period = end_point(period)  # 与上年末相比，…比重下降0.46个百分点: a change since a point is at a point
        prev_end = m.end
        if m.notes.get("base"):
            region, period = _base_region_period(ctx, str(m.notes["base"]), ref_year, region, period)
        under = list_context(codes, carried)
        if name and _said_of_both(name, before):
            under = None  # 城市、农村均上涨0.6%: one figure of both parts, neither part's own
        # a figure the text gives to one facility, firm or sample (region null in an area's document) is no
        # area's indicator: 漓江景区共发送游船…，接待游客28.64万人次 is not the city's 接待游客人次
        own = region is None and ctx.region is not None and _article_region(ctx, sent.start) is not None
        codes.append(None if own else indicator_code(name, under))  # type: ignore[arg-type]
        name = part_name_of(name, under) or name  # 其中，城市上涨0.3%: 城市居民消费价格
        out.append(
            Annotation(
                indicator=name,
                indicator_code=codes[-1],
                region=region,
                period=period,
                status=status,
            )
        )
    if prev and prev[-1][1]:
        ctx.extra["last_indicator"] = prev[-1][1]
    printed: dict[str, str] = ctx.extra.setdefault("printed_names", {})  # type: ignore[assignment]
    for code, a in zip(codes, out, strict=True):
        if code:
            printed[code], ctx.extra["last_code"] = a.indicator, code
    splits = opens_population_split(sent.text)
    if splits:  # 按常住地分,城镇…;农村…: 从消费构成看 after it lists the parts of the total split
        ctx.extra["split_total"], ctx.extra["after_split"] = ctx.extra.get("list_total"), True
    splitting = splits or (chained and bool(ctx.extra.get("splitting")))
    ctx.extra["splitting"] = splitting
    if not splitting and not refers_to_split_total(sent.text) and any(is_total(c) for c in codes):
        ctx.extra["split_total"], ctx.extra["after_split"] = None, False
    ctx.extra["list_total"] = list_context(codes, carried)
    return out
