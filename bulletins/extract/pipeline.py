"""Glue of the extraction stages; each stage is its own module and testable alone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bulletins.extract.catalog import indicator_code
from bulletins.extract.context import annotate, document_context
from bulletins.extract.context import find_document_date as _find_document_date
from bulletins.extract.groups import GroupCarrier
from bulletins.extract.mentions import find_mentions, time_bases
from bulletins.extract.meta import WEAK_DATE_SOURCES, DocMeta, PubDate
from bulletins.extract.normalize import normalize
from bulletins.extract.regions import region_code
from bulletins.extract.sentences import split_sentences
from bulletins.extract.tables import merge_facts, table_facts
from bulletins.extract.types import Mention, Sentence
from bulletins.extract.units import to_base
from bulletins.model import Fact

_LIST_OPENER = re.compile(r"^\s*其中")
_MONTH = re.compile(r"^\d{4}-(\d{2})$")
_QUARTERS = ("一季度", "二季度", "三季度", "四季度")
_SPAN = re.compile(r"^\d{4}-(\d{2})\.\.\d{4}-(\d{2})$")


def find_document_date(text: str) -> date | None:
    """The document's own date as found in its text (for the `documents` table)."""
    return _find_document_date(normalize(text).text)


_FULL_WIDTH_PARENS = str.maketrans("()", "（）")


def unit_as_written(unit: str | None, quote: str) -> str | None:
    """The unit as the quote prints it: 万头（只） stays full-width though matching read it as 万头(只)."""
    if not unit or "(" not in unit or quote.endswith(unit):
        return unit
    wide = unit.translate(_FULL_WIDTH_PARENS)
    return wide if quote.endswith(wide) else unit


def extract_facts(
    text: str, *, doc: str, doc_id: str, doc_date: date | None = None, title: str | None = None,
    meta: DocMeta | None = None,
) -> list[Fact]:
    """Every quantity fact of one document, spans into `text` (the stored text)."""
    return extract_document(text, doc=doc, doc_id=doc_id, doc_date=doc_date, title=title, meta=meta)[0]


def extract_document(
    text: str, *, doc: str, doc_id: str, doc_date: date | None = None, title: str | None = None,
    meta: DocMeta | None = None,
) -> tuple[list[Fact], DocMeta]:
    """The facts and the document's metadata (the date given, else the one found in the text) from one pass.

    Ingestion needs both; finding the date separately would normalize the whole text twice.
    `meta` is what the source knows (date, title, url, region); `doc_date`/`title` are shorthands.
    """
    meta = DocMeta(date=PubDate.parse(doc_date), date_source="given" if doc_date else None,
                   title=title).merged(meta or DocMeta())
    norm = normalize(text)
    sentences = split_sentences(norm.text)
    ctx = document_context(norm.text, sentences, meta=meta)
    facts: list[Fact] = []
    seen: set[tuple[int, int, str]] = set()
    head_compare: str | None = None  # the base a list head sentence states (比上年上涨…。其中,…下降…)
    groups = GroupCarrier()
    prev: Sentence | None = None
    for i, sentence in enumerate(sentences):
        mentions = find_mentions(norm.text, sentence)
        if not mentions:
            continue
        continues = prev is not None and prev.paragraph == sentence.paragraph \
            and norm.text[prev.start:prev.end].rstrip().endswith(("；", ";"))
        prev = sentence
        carried = head_compare if _LIST_OPENER.match(sentence.text) else None
        stated = [m.compare_to for m in mentions if m.measure == "change" and m.compare_to in time_bases()]
        if not _LIST_OPENER.match(sentence.text):
            head_compare = stated[0] if stated else None  # the head's first time base (同比 before 比年初)
        annotations = annotate(ctx, norm.text, sentences, i, mentions)
        renamed = groups.names(sentence.text, [m.start - sentence.start for m in mentions],
                               [a.indicator for a in annotations], continues=continues)
        annotations = [a if name is None else
                       replace(a, indicator=name, indicator_code=indicator_code(name) or a.indicator_code)
                       for a, name in zip(annotations, renamed, strict=True)]
        for m, a in zip(mentions, annotations, strict=True):
            start, end = norm.orig_span(m.start, m.end)
            key = (start, end, m.measure)
            if key in seen:
                continue
            seen.add(key)
            value_base, unit_base = to_base(m.value, m.unit)
            facts.append(
                Fact(
                    doc_id=doc_id,
                    doc=doc,
                    span_start=start,
                    span_end=end,
                    quote=text[start:end],
                    sentence=sentence.text.strip(),
                    indicator=a.indicator,
                    indicator_code=a.indicator_code,
                    region=a.region,
                    region_code=region_code(a.region),
                    period=a.period,
                    measure=m.measure,
                    value=m.value,
                    unit=unit_as_written(m.unit, text[start:end]),
                    value_base=value_base,
                    unit_base=unit_base,
                    status=a.status,
                    qualifier=m.qualifier,
                    compare_to=_compare_to(m, a.period, carried),
                )
            )
    # tables: their cells become facts; sentence facts inside a table's block are dropped
    facts = merge_facts(facts, table_facts(text, doc=doc, doc_id=doc_id, ctx=ctx, prose=facts))
    weak = meta.date_source in WEAK_DATE_SOURCES and meta.date is not None and meta.date.full != ctx.doc_date
    if ctx.doc_date is not None and (meta.date is None or weak):
        meta = replace(meta, date=PubDate.parse(ctx.doc_date), date_source="text")
    return facts, meta


def _default_compare(measure: str, period: str | None) -> str | None:
    """A change with no stated base is against the same span a year before (SPEC: 上年同期 / 上年)."""
    if measure != "change" or not period:
        return None
    return "上年" if len(period) == 4 and period.isdigit() else "上年同期"


def _compare_to(m: Mention, period: str | None, carried: str | None) -> str | None:
    """The stated base, else the base of the list's head sentence (其中…), else the default one.

    `上期` (环比) is named by the period's grain: a month → 上月, a quarter → the quarter before
    (二季度 → 一季度, as the seed gold writes it).
    """
    base = m.compare_to
    if base is None and m.measure == "change" and carried is not None:
        base = carried
    if base == "上期" and period:
        if _MONTH.match(period):
            return "上月"
        span = _SPAN.match(period)
        if span and int(span.group(2)) - int(span.group(1)) == 2 and int(span.group(1)) % 3 == 1:
            quarter = (int(span.group(1)) - 1) // 3  # 0..3; the one before it, by name (二季度 → 一季度)
            return _QUARTERS[quarter - 1] if quarter else "上年四季度"
    return base or _default_compare(m.measure, period)
