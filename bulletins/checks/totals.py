"""Checks of parts against wholes: component sums, urban/rural bounds, shares."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import polars as pl

from bulletins.checks.base import (
    Context,
    Prepared,
    Row,
    distinct,
    fmt,
    make_result,
    prepare,
    subject,
    summary_pass,
    within_doc,
)
from bulletins.checks.config import Group, normalize_name
from bulletins.extract.indicator import ends_with_plan_base
from bulletins.extract.normalize import normalize
from bulletins.model import CheckResult

Subject = tuple[str | None, str | None, str]  # region, period, status
Facts = pl.DataFrame | Prepared


def _by_subject(p: Prepared, codes: set[str], measure: str) -> dict[Subject, dict[str, list[Row]]]:
    out: dict[Subject, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for r in p.rows:
        if r.key in codes and r.measure == measure and r.exact:
            out[(r.region, r.period, r.status)][r.key].append(r)
    return out


def _pick(rows_by_code: dict[str, list[Row]], codes: Sequence[str], doc_id: str | None) -> Row | None:
    """The first of `codes` (a component and its alternatives) with one unambiguous value (in one document)."""
    for code in codes:
        rows = rows_by_code.get(code, [])
        if doc_id is not None:
            rows = within_doc(rows, doc_id)
        if rows:
            return distinct(rows)
    return None


def _nearest(rows_by_code: dict[str, list[Row]], codes: Sequence[str], doc_id: str, near: Row) -> Row | None:
    """Like `_pick` within one document, but when its printings of a member disagree, the one printed
    nearest `near` (the member listed with that printing of its total)."""
    for code in codes:
        rows = within_doc(rows_by_code.get(code, []), doc_id)
        if rows:
            one = distinct(rows)
            return one if one is not None else min(rows, key=lambda r: abs(r.span_start - near.span_start))
    return None


def _evaluate(
    found: dict[Subject, dict[str, list[Row]]],
    anchor_codes: Sequence[str],
    evaluate: Callable[[Subject, str | None], CheckResult | None],
) -> list[CheckResult]:
    """Evaluate each subject within each document stating it; across documents only when no
    single document is complete (and then only for subjects with a known region and period)."""
    results: list[CheckResult] = []
    for subj, rows_by_code in found.items():
        docs = sorted({(r.doc, r.doc_id) for c in anchor_codes for r in rows_by_code.get(c, [])})
        done = False
        for _name, doc_id in docs:
            res = evaluate(subj, doc_id)
            if res is not None:
                results.append(res)
                done = True
        if not done and subj[0] is not None and subj[1] is not None:
            res = evaluate(subj, None)
            if res is not None:
                results.append(res)
    return results


def _scale(total: Row) -> float:
    """Base units per printed unit of the total, to report in the unit the bulletin used."""
    return total.base / total.value if total.value and total.base is not None else 1.0


Evaluated = tuple[CheckResult, bool]  # a result, and whether every component was printed


def _evaluate_sums(
    found: dict[Subject, dict[str, list[Row]]],
    total_code: str,
    evaluate: Callable[[Subject, str | None], Evaluated | None],
) -> list[CheckResult]:
    """Like `_evaluate`, but a document printing only some components gives a result of its own
    (incomplete, or a subset above its total). Across documents a group is summed only when no
    single document prints all of it and together they do: then the per-document incompletes
    are superseded by the full sum, while a subset above its total stays reported."""
    results: list[CheckResult] = []
    for subj, rows_by_code in found.items():
        docs = sorted({(r.doc, r.doc_id) for r in rows_by_code.get(total_code, [])})
        per_doc = [x for _name, doc_id in docs if (x := evaluate(subj, doc_id)) is not None]
        if not any(complete for _r, complete in per_doc) and subj[0] is not None and subj[1] is not None:
            across = evaluate(subj, None)
            if across is not None and across[1]:
                results += [r for r, _c in per_doc if r.check == "components_sum"]
                results.append(across[0])
                continue
        results += [r for r, _c in per_doc]
    return results


def _sum_group(p: Prepared, group: Group) -> list[CheckResult]:
    ctx = p.ctx
    codes = {group.total, *(c for slot in group.slots for c in slot)}
    found = _by_subject(p, codes, "level")
    name = ctx.catalog.name(group.total)

    def evaluate(subj: Subject, doc: str | None) -> Evaluated | None:
        rows_by_code = found[subj]
        total = _pick(rows_by_code, [group.total], doc)
        if total is None:
            return None
        if doc is None:
            return judge(subj, total, [_pick(rows_by_code, slot, doc) for slot in group.slots])
        # a document printing the group twice (the text, and a table repeating it): each printing of the
        # total with the members printed nearest it, so a figure changed in either printing is seen
        others = [r for r in within_doc(rows_by_code[group.total], doc) if r.span_start != total.span_start]
        results = [x for t in [total, *others]  # the most precise printing first: its result stands for the group
                   if (x := judge(subj, t, [_nearest(rows_by_code, slot, doc, t) for slot in group.slots]))]
        failed = [x for x in results if not x[0].passed and x[0].check == "components_sum"]
        if not failed:
            return results[0] if results else None
        first = failed[0][0]
        for x, _ in failed[1:]:  # the same members against another printing of the total: one alert, both named
            if (x.expected, x.actual) == (first.expected, first.actual):
                first.fact_ids += [i for i in x.fact_ids if i not in first.fact_ids]
                first.sentences += [t for t in x.sentences if t not in first.sentences]
        return failed[0]

    def judge(subj: Subject, total: Row, parts: list[Row | None]) -> Evaluated | None:
        comps: list[Row] = [c for c in parts if c is not None]
        if not comps or any(c.base_unit != total.base_unit for c in comps):
            return None
        missing = [slot for slot, c in zip(group.slots, parts, strict=True) if c is None]
        scale = _scale(total)
        actual = sum(c.base for c in comps) / scale  # type: ignore[misc]
        expected = total.value
        if group.tolerance_per_component is not None:
            tol = len(comps) * group.tolerance_per_component + total.half / scale
        else:
            tol = (sum(c.half for c in comps) + total.half) / scale
        diff = actual - expected  # type: ignore[operator]
        where = subject(name, subj[0], subj[1])

        def result(check: str, ok: bool, msg: str) -> CheckResult:
            return make_result(ctx, check, ok, msg, [total, *comps], indicator=name, region=subj[0],
                               period=subj[1], expected=expected, actual=actual, tolerance=tol)

        if not missing:
            ok = abs(diff) <= tol + 1e-9
            msg = (
                f"{len(comps)} components of {where} sum to {fmt(actual)} {total.unit}, "
                f"stated total {fmt(expected)} (difference {fmt(diff)}, tolerance {fmt(tol)})"
            )
            return result("components_sum", ok, msg), True
        absent = "、".join(ctx.catalog.name(slot[0]) for slot in missing)
        count = f"{len(comps)} of {len(group.slots)} components of {where}"
        if group.absent_is_nil and abs(diff) <= tol + 1e-9:
            # a budget balance with no 动用预算稳定调节基金 that year: what is printed is the whole
            msg = (f"{count} sum to {fmt(actual)} {total.unit}, the stated total {fmt(expected)} "
                   f"(difference {fmt(diff)}, tolerance {fmt(tol)}); not printed, so nil: {absent}")
            return result("components_sum", True, msg), False
        bounded = not ctx.catalog.may_be_negative([c for slot in missing for c in slot], group)
        if bounded and diff > tol + 1e-9:
            msg = (f"{count} sum to {fmt(actual)} {total.unit}, more than the stated total {fmt(expected)} "
                   f"(difference {fmt(diff)}, tolerance {fmt(tol)}); not printed: {absent}")
            return result("components_sum", False, msg), False
        kind = "a classification rarely printed in full" if not group.complete else "incomplete"
        bound = (f"at most the stated total {fmt(expected)}" if bounded
                 else f"against the stated total {fmt(expected)}, not bounded (a missing part may be negative)")
        msg = f"{count} printed ({kind}): they sum to {fmt(actual)} {total.unit}, {bound}; not printed: {absent}"
        return result("components_incomplete", False, msg), False

    return _evaluate_sums(found, group.total, evaluate)


def components_sum(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """Components of every catalog group sum to their total, within printed rounding.

    n components printed to whole 元 may each be off by 0.5, and so may the total:
    the tolerance is the sum of those half-units (or the group's tolerance_per_component).
    A total printed with only some of its components is reported as `components_incomplete`
    (info), naming the missing ones; such a subset fails `components_sum` when it exceeds the
    total, unless a missing component may be negative (经营净收入).
    """
    p = prepare(facts, ctx)
    return [r for g in p.ctx.catalog.groups for r in _sum_group(p, g)]


def urban_rural_between(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A per-capita total lies between its urban and its rural value."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    results: list[CheckResult] = []
    for triple in ctx.catalog.urban_rural:
        found = _by_subject(p, {triple.total, triple.urban, triple.rural}, "level")
        name = ctx.catalog.name(triple.total)

        def evaluate(subj: Subject, doc: str | None, found: Any = found, triple: Any = triple,
                     name: str = name) -> CheckResult | None:
            rows_by_code = found[subj]
            total, urban, rural = (_pick(rows_by_code, [c], doc) for c in (triple.total, triple.urban,
                                                                           triple.rural))
            if total is None or urban is None or rural is None:
                return None
            if len({total.base_unit, urban.base_unit, rural.base_unit}) != 1:
                return None
            scale = _scale(total)
            lo, hi = sorted((urban.base / scale, rural.base / scale))  # type: ignore[operator]
            tol = (total.half + max(urban.half, rural.half)) / scale
            actual = total.value
            expected = None
            if actual < lo - tol:  # type: ignore[operator]
                expected = lo
            elif actual > hi + tol:  # type: ignore[operator]
                expected = hi
            where = subject(name, subj[0], subj[1])
            msg = (f"{where}: total {fmt(actual)} {total.unit} "
                   f"{'lies' if expected is None else 'is not'} between {fmt(lo)} and {fmt(hi)}")
            return make_result(
                ctx, "urban_rural_between", expected is None, msg, [total, urban, rural], indicator=name,
                region=subj[0], period=subj[1], expected=expected, actual=actual, tolerance=tol,
            )

        results += _evaluate(found, [triple.total], evaluate)
    return results


def _is_pct(r: Row) -> bool:
    return r.unit == "%" or (r.unit == "" and r.base_unit == "%")


def of_a_plan(r: Row) -> bool:
    """完成年度目标任务的117.2% / 为年初预算的103.5%: a share of a plan, which a year may exceed."""
    at = r.sentence.find(r.quote) if r.quote else -1
    if at < 0:
        return False
    clause = re.split(r"[,，;；。]", r.sentence[:at])[-1].rstrip().removesuffix("的")
    clause = re.sub(r"\d[\d.]*[万亿千百]*[^\d\s]{0,2}$", "", clause)  # 为年初预算84.58亿元的102.3%
    if "占" in clause and clause.endswith(("总预算", "预算总额")):
        return False  # 占支出总预算7.9%: a part of the whole budget, not a share of a plan
    return ends_with_plan_base(clause)


def share_range(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A share stated in % lies within [0, 100]; a share of a plan (完成预算的103%) only above 0."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    results: list[CheckResult] = []
    checked = 0
    for r in p.rows:
        if r.measure != "share" or r.value is None or not _is_pct(r):
            continue
        checked += 1
        bound = 0.0 if r.value < 0 else 100.0 if r.value > 100 and not of_a_plan(r) else None
        if bound is not None:
            msg = f"share of {subject(r.indicator, r.region, r.period)} is {fmt(r.value)}%, outside [0, 100]"
            results.append(make_result(
                ctx, "share_range", False, msg, [r], indicator=r.indicator, region=r.region,
                period=r.period, expected=bound, actual=r.value, tolerance=0.0,
            ))
    return results + summary_pass(ctx, "share_range", checked, len(results), "shares lie within [0, 100]")


def shares_sum(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """Shares (in %) of the components of one catalog group add up to at most 100."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    results: list[CheckResult] = []
    for group in ctx.catalog.groups:
        comp_codes = [c for slot in group.slots for c in slot]
        found = _by_subject(p, set(comp_codes), "share")
        name = ctx.catalog.name(group.total)

        def evaluate(subj: Subject, doc: str | None, found: Any = found, group: Group = group,
                     name: str = name) -> CheckResult | None:
            parts = [_pick(found[subj], slot, doc) for slot in group.slots]
            comps = [c for c in parts if c is not None and _is_pct(c) and not of_a_plan(c)]  # 完成预算的84.2%
            if len(comps) < 2:
                return None
            actual = sum(c.value for c in comps)  # type: ignore[misc]
            tol = sum(c.half for c in comps)
            ok = actual <= 100 + tol + 1e-9
            msg = (f"shares of {len(comps)} components of {subject(name, subj[0], subj[1])} "
                   f"sum to {fmt(actual)}% ({'at most' if ok else 'more than'} 100%, tolerance {fmt(tol)})")
            return make_result(
                ctx, "shares_sum", ok, msg, comps, indicator=name, region=subj[0], period=subj[1],
                expected=100.0, actual=actual, tolerance=tol,
            )

        results += _evaluate(found, comp_codes, evaluate)
    return results


# -- document-local part lists -------------------------------------------------------------------


def _outside(cat: Any, total: Row, r: Row, first_parent: str | None) -> bool:
    """A coded item the catalog puts outside the coded total (…其中税收收入…；一般公共预算支出…) is a new
    statement, not the list going on, unless it is a sibling of the part listed first."""
    return (total.key in cat.names and r.key in cat.names and not cat.descends_from(r.key, total.key)
            and (first_parent is None or cat.parent.get(r.key) != first_parent))


def _parallel(total: Row, r: Row, prefix: int = 4) -> bool:
    """After the list's ；, an item named like the total (市本级一般公共预算收入…；市本级一般公共预算支出…,
    居民人均可支配收入…；居民人均消费支出…) is a parallel
    statement of its own, no part: parts are not named after their whole. A name that is the total's
    with words left out (跨境电商进出口 → 跨境电商出口) is a part all the same."""
    a, b = normalize_name(total.indicator), normalize_name(r.indicator)
    rest = iter(a)  # 额 is said or left out at will (跨境电商进出口 / 跨境电商出口额)
    return (len(a) > prefix and len(b) > prefix and a[:prefix] == b[:prefix]
            and not all(ch in rest for ch in b.removesuffix("额")))


def _parts_sum(total: Row, parts: list[Row]) -> tuple[float, float]:
    """The parts' sum in the total's printed unit, and the rounding of all the printed numbers."""
    scale = _scale(total)
    return (sum(r.base for r in parts) / scale,  # type: ignore[misc]
            (sum(r.half for r in parts) + total.half) / scale)


def _located_by_doc(p: Prepared) -> dict[str, list[Row]]:
    """The facts of each document that know their place in it (a span), for the document-local checks."""
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for r in p.rows:
        if r.span_start >= 0:
            by_doc[r.doc_id].append(r)
    return by_doc


def _additive(r: Row, skip_words: Sequence[str]) -> bool:
    """An exact level that parts can add up to: no rate, share, ratio, average (人均, 平均) or balance (顺差)."""
    return (r.measure == "level" and r.exact and not _is_pct(r) and r.unit not in ("个百分点", "倍")
            and not any(w in r.indicator for w in skip_words))


@lru_cache(maxsize=4096)
def _as_in_sentence(quote: str) -> re.Pattern[str]:
    """The quote as the stored sentence writes it: sentences are normalized (億 → 亿, line breaks
    repaired), quotes are the raw text (`275,373.54\n元`); spaces between its characters may differ."""
    chars = re.sub(r"\s+", "", normalize(quote).text)
    return re.compile(r"\s*".join(map(re.escape, chars)))


def _sentences(rows: list[Row]) -> list[tuple[str, list[tuple[int, Row]]]]:
    """A document's facts as its sentences in order, each fact with its offset in the sentence.

    Facts keep their sentence but no offset within it: the quote is found after the previous one;
    a sentence where a quote cannot be found is left out (its list cannot be read safely)."""
    out: list[tuple[str, list[tuple[int, Row]]]] = []
    for r in sorted(rows, key=lambda r: r.span_start):
        if not out or out[-1][0] != r.sentence:
            out.append((r.sentence, []))
        out[-1][1].append((-1, r))
    located: list[tuple[str, list[tuple[int, Row]]]] = []
    for sent, items in out:
        pos, placed = 0, []
        for _, r in items:
            found = _as_in_sentence(r.quote).search(sent, pos) if r.quote else None
            if found is None:
                break
            placed.append((found.start(), r))
            pos = found.end()
        else:
            located.append((sent, placed))
            continue
        located.append((sent, []))  # keeps the order: the next sentence's total is not taken from here
    return located


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def _chained_items(sentences: list[tuple[str, list[tuple[int, Row]]]], i: int,
                   openers: Sequence[str], sentence_openers: Sequence[str] = (),
                   new_statement_verbs: Sequence[str] = ()) -> list[tuple[int, Row]]:
    """The items of the sentences a list runs on into after a ；(其中,A…；B…。), up to one that opens a
    list of its own (其中 anywhere, 支出包括 or 小畜中， at its start) or the full stop."""
    out: list[tuple[int, Row]] = []
    while i + 1 < len(sentences) and sentences[i][0].rstrip().endswith((";", "；")):
        i += 1
        sent, placed = sentences[i]
        body = sent.lstrip(" \t\u3000,，")
        if _openers(sent, openers) or body.startswith(tuple(sentence_openers)) or _named_list(body, 0):
            break
        asides = [(a.start(), a.end()) for a in _ASIDE.finditer(sent)]
        out += [(at, r) for at, r in placed if not any(a <= at < b for a, b in asides)
                and not (new_statement_verbs and _opens_clause_with(sent, at, new_statement_verbs))]
    return out


def _opens_clause_with(sent: str, at: int, words: Sequence[str]) -> bool:
    """The clause holding offset `at` opens with one of `words` (；发行再融资债券8.52亿元)."""
    start = max(sent.rfind(c, 0, at) for c in "，,；;") + 1
    return sent[start:at].lstrip(" \u3000").startswith(tuple(words))


#: A clause naming the total its list breaks down: 医院中，公立医院62个… / 基层医疗卫生机构包括社区卫生服务中心412个…
_NAMED_LIST = re.compile(r"(?:在)?(?P<name>[^\d\s，,；;。：:、（）()“”]{2,16}?)(?:之?中[，,：:]|包括[：:]?)")
_CLAUSE_START = re.compile(r"(?:^|(?<=[，,；;。]))[ \t\u3000]*")


def _named_list(sent: str, at: int) -> str | None:
    """The name of the whole a clause at `at` lists the parts of (医院中，… → 医院); 其中… names none."""
    m = _NAMED_LIST.match(sent, at)
    return m.group("name") if m and not m.group("name").startswith("其") else None


def _named_openers(sent: str) -> list[tuple[int, str]]:
    """Where a clause opens with the name of the whole it lists the parts of, and that name."""
    found = ((start.end(), _named_list(sent, start.end())) for start in _CLAUSE_START.finditer(sent))
    return [(at, name) for at, name in found if name]


def _named_total(sentences: list[tuple[str, list[tuple[int, Row]]]], i: int, cut: int, name: str,
                 level: Callable[[Row], bool], back: int = 3) -> Row | None:
    """The level a named list (医院中，…) breaks down: the latest level before it, in its sentence or the few
    before, whose indicator is that name (医院) or opens with it (大畜中 → 大畜存栏)."""
    key = normalize_name(name)
    for k in range(i, max(-1, i - back - 1), -1):
        for at, r in reversed(sentences[k][1]):
            if (k < i or at < cut) and level(r) and normalize_name(r.indicator).startswith(key):
                return r
    return None


def _openers(sent: str, words: Sequence[str]) -> list[int]:
    """Where each opener word starts in the sentence, in order."""
    found: set[int] = set()
    for w in words:
        at = sent.find(w)
        while at >= 0:
            found.add(at)
            at = sent.find(w, at + 1)
    return sorted(found)


def list_parts_sum(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """Parts a bulletin lists after 其中 do not add up to more than their total, within rounding.

    For totals the catalog has no group (those are `components_sum`'s). The stored facts do not
    link a part to its list total, so the list is read from the sentence: the total is the last
    level fact before 其中 (or, for a sentence opening with 其中, the last of the sentence before),
    the parts are the level facts after it, up to the next 其中 (a nested list is its own), of the
    same unit family, region, period and status. A part that is a catalog descendant of another
    part (增值税 under 税收收入) is not counted twice; averages and rates never add up and are skipped.
    """
    p = prepare(facts, ctx)
    ctx = p.ctx
    cat, settings = ctx.catalog, ctx.settings
    grouped: dict[str, set[str]] = defaultdict(set)
    for g in cat.groups:
        grouped[g.total] |= {c for slot in g.slots for c in slot}
    group_members = [{c for slot in g.slots for c in slot} for g in cat.groups]

    def eligible(r: Row) -> bool:
        return _additive(r, settings.part_list_skip_words)

    by_doc = _located_by_doc(p)
    results: list[CheckResult] = []
    checked = 0
    for rows in by_doc.values():
        sentences = _sentences(rows)
        opened: dict[int, Row] = {}  # sentence → the total of the list it opens with
        for i, (sent, placed) in enumerate(sentences):
            body = sent.lstrip(" \t\u3000,，")
            lead = len(sent) - len(body)
            cuts = _openers(sent, settings.part_list_openers)
            opens = body.startswith(tuple(settings.part_list_sentence_openers))
            if opens and lead not in cuts:
                cuts = [lead, *cuts]
            named = {c: name for c, name in _named_openers(sent) if c not in cuts}
            cuts = sorted({*cuts, *named})
            asides = [(a.start(), a.end()) for a in _ASIDE.finditer(sent)]
            for j, cut in enumerate(cuts):
                # a list opened inside an aside ends with it; one outside runs on past the asides' own lists
                # (其中执业（助理）医师23518人（其中执业医师20436人），注册护士25684人…)
                own = next(((a, b) for a, b in asides if a <= cut < b), None)
                later = [c for c in cuts[j + 1:] if own is not None or not any(a <= c < b for a, b in asides)]
                stop = min(later[0] if later else len(sent), own[1] if own else len(sent))
                first = j == 0 and opens
                # 收入包括…；支出包括…: a list right after another list opened alike shares its total
                sibling = first and i - 1 in opened and body.startswith(tuple(settings.sibling_list_openers))
                if cut in named:  # 医院中，公立医院62个…: the list of the level so named
                    found = _named_total(sentences, i, cut, named[cut], eligible)
                    before = [found] if found is not None else []
                else:
                    before = [] if sibling else _levels_before(sentences, i, cut, first, eligible)
                total = opened[i - 1] if sibling else (before[-1] if before else None)
                if total is None:
                    continue
                if first and cut == lead:
                    opened[i] = total
                listed = [(at, r) for at, r in placed if cut <= at < stop  # (在职职工…,离退休人员…): a part's own parts
                          and not any(a <= at < b for a, b in asides if (a, b) != own)]
                head = next((r for _at, r in listed if eligible(r)), None)
                if not sibling and head is not None and _outside(cat, total, head, None):
                    # …城乡居民生活用电量26.40亿千瓦时。其中，工业用电量…: the list is of the level the catalog puts
                    # its first part under (第二产业用电量), or of none said here
                    total = next((r for r in reversed(before) if r.key in cat.names
                                  and cat.descends_from(head.key, r.key)), total)
                    if any(head.key in members and total.key in members for members in group_members):
                        continue  # 职工医保…（其中在职…），城乡居民医保…: a member of the total's own classification
                semi = min((k for k in (sent.find("；", cut), sent.find(";", cut)) if k >= 0), default=len(sent))
                verbs = settings.part_list_new_statement_verbs
                listed = [(at, r) for at, r in listed if at < semi or not (
                    _parallel(total, r) or (verbs and _opens_clause_with(sent, at, verbs)))]
                clause_ids = {id(r) for at, r in listed if at < semi}  # the list's own clause, before any ；
                if stop == len(sent) and own is None:
                    # …,其中税收收入…；一般公共预算支出…: a coded item after the ； that the catalog puts
                    # outside the total is a new statement, not the list going on, unless it is a sibling
                    # of the part listed first (民生支出…其中：教育支出…；社会保障和就业支出…)
                    lead_parent = cat.parent.get(listed[0][1].key) if listed else None
                    chained = _chained_items(sentences, i, settings.part_list_openers,
                                             settings.part_list_sentence_openers, verbs)
                    listed += [(at, r) for at, r in chained
                               if not _outside(cat, total, r, lead_parent) and not _parallel(total, r)]
                first_part = cat.parent.get(listed[0][1].key) if listed else None
                # 扶持创业486户，带动就业1520人。其中，…0.98亿元、421户…: the parts of each unit are of the last level
                # before the list in that unit (the 户 of 486户); a part named as another of those levels
                # (…在校学生48216人，专任教师3286人。其中，…在校学生5842人) is that level's, not the last one's
                totals = [total, *(r for r in reversed(before) if r.base_unit != total.base_unit)]
                totals = [t for k, t in enumerate(totals) if all(t.base_unit != u.base_unit for u in totals[:k])]
                for n, total in enumerate(totals):
                    others = {r.key for r in before if r is not total}
                    # a total other than the last level reads only the list's own clause: after a ； the
                    # sentence may go on with statements of their own (…其中亿元以上项目98个；新开工项目62个)
                    parts = [r for _at, r in listed if eligible(r) and r.key != total.key and r.key not in others
                             and (n == 0 or id(r) in clause_ids)
                             and (r.base_unit, r.period, r.status) == (total.base_unit, total.period, total.status)
                             and r.region in (total.region, None)  # 其中海口美兰国际机场…: a facility is in the area
                             and not _outside(cat, total, r, first_part)]  # 其中税收收入…，一般公共预算支出…
                    parts = [r for r in parts if not any(cat.descends_from(r.key, o.key) for o in parts if o is not r)]
                    if not parts or (total.key in grouped and all(r.key in grouped[total.key] for r in parts)):
                        continue
                    checked += 1
                    actual, tol = _parts_sum(total, parts)
                    if actual <= total.value + tol + 1e-9:  # type: ignore[operator]
                        continue
                    where = subject(total.indicator, total.region, total.period)
                    msg = (f"{len(parts)} parts listed under {where} ({'、'.join(r.indicator for r in parts)}) sum "
                           f"to {fmt(actual)} {total.unit}, more than the total {fmt(total.value)} "
                           f"(difference {fmt(actual - total.value)}, tolerance {fmt(tol)})")  # type: ignore[operator]
                    results.append(make_result(
                        ctx, "list_parts_sum", False, msg, [total, *parts], indicator=total.indicator,
                        region=total.region, period=total.period, expected=total.value, actual=actual, tolerance=tol,
                    ))
    return results + summary_pass(ctx, "list_parts_sum", checked, len(results),
                                  "part lists sum to at most their total")


# -- stated shares against their levels --------------------------------------------------------

#: The clause right before a share's number: 占一般公共预算收入的 / 占全省比重为 / 占比 (the whole unnamed).
_SHARE_OF = re.compile(r"占(?P<whole>[^,，;；。:：]*?)(?:的)?(?:比重|比例|份额|比)?(?:为|达到|达|是)?\s*$")


def _list_total(sentences: list[tuple[str, list[tuple[int, Row]]]], i: int, at: int,
                openers: Sequence[str], level: Callable[[Row], bool]) -> Row | None:
    """The total of the 其中 list the offset `at` of sentence `i` lies in (as list_parts_sum reads it)."""
    sent = sentences[i][0]
    cuts = [c for c in _openers(sent, openers) if c < at]
    opens = sent.lstrip(" \t\u3000,，").startswith(tuple(openers))
    return _total_before(sentences, i, cuts[-1] if cuts else 0, opens, level)


def _total_before(sentences: list[tuple[str, list[tuple[int, Row]]]], i: int, cut: int, from_previous: bool,
                  level: Callable[[Row], bool]) -> Row | None:
    """What a list opened at `cut` of sentence `i` is a list of: the last level before the opener, or, for
    a sentence that opens with it (。其中，…), the last level of the sentence before."""
    before = _levels_before(sentences, i, cut, from_previous, level)
    return before[-1] if before else None


def _levels_before(sentences: list[tuple[str, list[tuple[int, Row]]]], i: int, cut: int, from_previous: bool,
                   level: Callable[[Row], bool]) -> list[Row]:
    """The levels said before a list's opener (学校186所，在校学生48216人，专任教师3286人。其中，…)."""
    before = [r for a, r in sentences[i][1] if a < cut and level(r)]
    if not before and from_previous and i > 0:
        before = [r for _a, r in sentences[i - 1][1] if level(r)]
    return before


def _bare_name(name: str, suffixes: Sequence[str]) -> str:
    """技能人才总量 and 技能人才 name one whole: the matching key without a trailing 总量/总数/人数."""
    key = normalize_name(name)
    for suffix in suffixes:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return key


def _same_head(whole: str, total: str, settings: Any) -> bool:
    """财政支出 and 一般公共预算支出, 全部投资 and 固定资产投资: a whole named by a synonym of the list's total ends
    in the same head noun (two characters); 占全市的 names a region, not the total."""
    total = _bare_name(total, settings.share_whole_suffixes)
    return len(whole) >= 3 and whole[-2:] == total[-2:]


def share_levels(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A share in % agrees with the levels of its part and its whole printed in the same document.

    税收收入212.7亿元，占一般公共预算收入的74.3% is 212.7 / 286.4 when the document prints the
    286.4. The part is the level of the share's own indicator printed before it in its sentence; the
    whole is the one the clause names (占一般公共预算收入的), or for a bare 占比 the total of the 其中
    list or the catalog parent. A share of a region (占全市的40%) or of a plan is not read. A rate the
    catalog defines as part / whole (`defined_as`: 城镇化率, 城乡居民收入比, 恩格尔系数) is read alike. The share
    fails only when no printed whole gives it within the rounding of the three numbers (the share's
    own rounding widened by `share_digit_slack`: a structure is often adjusted by one unit of its last
    digit to make 100): a whole the text leaves ambiguous is no alert.
    """
    p = prepare(facts, ctx)
    ctx = p.ctx
    cat, settings = ctx.catalog, ctx.settings
    openers = tuple(dict.fromkeys((*settings.part_list_openers, *settings.part_list_sentence_openers)))

    def level(r: Row) -> bool:
        return r.measure == "level" and r.exact and not _is_pct(r) and bool(r.base)

    by_doc = _located_by_doc(p)
    results: list[CheckResult] = []
    checked = 0
    for rows in by_doc.values():
        levels = [r for r in rows if level(r)]
        by_key: dict[str, list[Row]] = defaultdict(list)
        by_bare: dict[str, list[Row]] = defaultdict(list)
        for r in levels:  # indexed once per document: a share looks its whole up, not through every level
            by_key[r.key].append(r)
            by_bare[_bare_name(r.indicator, settings.share_whole_suffixes)].append(r)
        sentences = _sentences(rows)
        for i, (sent, placed) in enumerate(sentences):
            for at, s in placed:
                if s.measure != "share" or not s.exact or s.value is None or not _is_pct(s) or of_a_plan(s):
                    continue
                m = _SHARE_OF.search(re.split(r"[,，;；。]", sent[:at])[-1])
                if m is None:
                    continue
                part = next((r for a, r in reversed(placed) if a < at and level(r) and r.key == s.key
                             and (r.region, r.period, r.status) == (s.region, s.period, s.status)), None)
                if part is None:
                    continue

                def same(r: Row, part: Row = part) -> bool:
                    return (r.region, r.period, r.status, r.base_unit) == (
                        part.region, part.period, part.status, part.base_unit) and r.key != part.key

                name = m.group("whole").strip()
                if name:
                    key, bare = cat.resolve(None, name) or name, _bare_name(name, settings.share_whole_suffixes)
                    named = {id(r): r for r in (*by_key.get(key, ()), *by_bare.get(bare, ()))}
                    wholes = [r for r in named.values() if same(r)]
                    if not wholes and key not in cat.names:  # 其中民生支出…，占财政支出比重: the list's total
                        listed = _list_total(sentences, i, at, openers, level)
                        if listed is not None and same(listed) and _same_head(bare, listed.indicator, settings):
                            wholes = [listed]
                else:
                    listed = _list_total(sentences, i, at, openers, level)
                    up = cat.parent.get(part.key)
                    candidates = [*([listed] if listed is not None else []), *(by_key.get(up, ()) if up else ())]
                    wholes = [r for r in {id(r): r for r in candidates}.values() if same(r)]
                if not wholes:
                    continue
                checked += 1

                def gap(w: Row, part: Row = part, s: Row = s) -> tuple[float, float, float]:
                    expected = 100 * part.base / w.base  # type: ignore[operator]
                    tol = _ratio_tolerance(s, part, w, expected, settings.share_digit_slack)
                    return abs(expected - s.value) - tol, expected, tol  # type: ignore[operator]

                best = min(wholes, key=lambda w: gap(w)[0])
                over, expected, tol = gap(best)
                if over <= 1e-9:
                    continue
                msg = (f"share of {subject(s.indicator, s.region, s.period)} is stated {fmt(s.value)}%, but "
                       f"{fmt(part.value)}{part.unit} of {best.indicator} {fmt(best.value)}{best.unit} is "
                       f"{fmt(expected)}% (tolerance {fmt(tol)})")
                results.append(_share_alert(ctx, s, part, best, expected, tol, msg))
        for r in rows:  # a rate the catalog defines as part / whole (城镇化率 = 城镇人口 / 常住人口)
            if r.key not in cat.defined or r.measure != "level" or not r.exact or r.value is None:
                continue
            part_key, whole_key, scale = cat.defined[r.key]
            if scale == 100 and not _is_pct(r):
                continue
            part, whole = (_printed_near(levels, key, r) for key in (part_key, whole_key))
            if part is None or whole is None or part.base_unit != whole.base_unit or part.sentence != r.sentence:
                continue  # the part said with the rate (…其中城镇常住人口…，城镇化率…), not another total's
            checked += 1
            expected = scale * part.base / whole.base  # type: ignore[operator]
            tol = _ratio_tolerance(r, part, whole, expected, settings.share_digit_slack)
            if abs(expected - r.value) <= tol + 1e-9:
                continue
            msg = (f"{subject(r.indicator, r.region, r.period)} is stated {fmt(r.value)}{r.unit}, but "
                   f"{part.indicator} {fmt(part.value)}{part.unit} and {whole.indicator} {fmt(whole.value)}"
                   f"{whole.unit} give {fmt(expected)} (tolerance {fmt(tol)})")
            results.append(_share_alert(ctx, r, part, whole, expected, tol, msg))
    return results + summary_pass(ctx, "share_levels", checked, len(results),
                                  "stated shares agree with their part and whole")


def _share_alert(ctx: Context, stated: Row, part: Row, whole: Row, expected: float, tol: float,
                 msg: str) -> CheckResult:
    """A failed share_levels result: the stated share, then the part and the whole it was read against."""
    return make_result(ctx, "share_levels", False, msg, [stated, part, whole], indicator=stated.indicator,
                       region=stated.region, period=stated.period, expected=expected, actual=stated.value,
                       tolerance=tol)


def _ratio_tolerance(stated: Row, part: Row, whole: Row, expected: float, digit_slack: float) -> float:
    """How far a stated part / whole may lie from the levels': its own rounding (widened) and theirs."""
    return digit_slack * stated.half_printed + expected * (
        abs(part.half / part.base) + abs(whole.half / whole.base))  # type: ignore[operator]


def _printed_near(levels: list[Row], key: str, near: Row) -> Row | None:
    """The level of `key` for `near`'s subject in its document: the one value its printings state, or of
    disagreeing printings the last one before `near`."""
    subj = (near.region, near.period, near.status)
    rows = [r for r in levels if r.key == key and (r.region, r.period, r.status) == subj]
    if not rows:
        return None
    one = distinct(rows)
    if one is not None:
        return one
    before = [r for r in rows if r.span_start < near.span_start]
    return before[-1] if before else None


# -- an area against its divisions ---------------------------------------------------------------


def region_parts_sum(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """The figures of an area's divisions printed in one document add up to at most the area's.

    A city's bulletin prints a table of its counties (各县（市、区）主要经济指标) beside the city's own
    figure: the counties' GDP, revenue or population cannot add up to more than the city's, within
    rounding. Only additive levels are read (no averages, rates or shares; no indicator the catalog
    says may be negative); the divisions come from the gazetteer (the fact's region_code and its
    parent), so a district of another city is never counted. Less than the whole is no failure: the
    city's own level (市本级) or an unprinted county may make up the rest.
    """
    from bulletins.extract.gazetteer import gazetteer

    p = prepare(facts, ctx)
    ctx = p.ctx
    cat, settings = ctx.catalog, ctx.settings
    gaz = gazetteer()
    by_subject: dict[tuple[str, str, str | None, str, str], list[Row]] = defaultdict(list)
    towns = tuple(settings.town_endings)
    for r in p.rows:
        town = not r.region_code and bool(r.region) and r.region.endswith(towns)  # type: ignore[union-attr]
        if ((r.region_code or town) and _additive(r, settings.part_list_skip_words)
                and not cat.may_be_negative([r.key])
                and "/" not in r.base_unit and r.base_unit not in settings.non_additive_units):
            by_subject[(r.doc_id, r.key, r.period, r.status, r.base_unit)].append(r)
    results: list[CheckResult] = []
    checked = 0
    for rows in by_subject.values():
        by_code: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            by_code[r.region_code or f"town:{r.region}"].append(r)
        counties = [c for c in by_code if (d := gaz.by_code.get(c)) is not None and d.level == "county"]
        for code, printed in by_code.items():
            total = distinct(printed)
            kids = [distinct(rs) for c, rs in by_code.items()
                    if c != code and (((d := gaz.by_code.get(c)) is not None and d.parent == code)
                                      or (c.startswith("town:") and counties == [code]))]  # a county's towns
            parts = [k for k in kids if k is not None]
            if total is None or len(parts) < 2:
                continue
            checked += 1
            actual, tol = _parts_sum(total, parts)
            if actual <= total.value + tol + 1e-9:  # type: ignore[operator]
                continue
            msg = (f"{len(parts)} divisions of {total.region} ({'、'.join(str(r.region) for r in parts)}) print "
                   f"{total.indicator} {fmt(actual)} {total.unit} together ({total.period}), more than "
                   f"{total.region}'s {fmt(total.value)} (difference {fmt(actual - total.value)}, "  # type: ignore[operator]
                   f"tolerance {fmt(tol)})")
            results.append(make_result(
                ctx, "region_parts_sum", False, msg, [*printed, *parts], indicator=total.indicator,  # every printing
                region=total.region, period=total.period, expected=total.value, actual=actual, tolerance=tol,
            ))
    return results + summary_pass(ctx, "region_parts_sum", checked, len(results),
                                  "areas' divisions sum to at most the area")

