"""Checks of parts against wholes: component sums, urban/rural bounds, shares."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
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
from bulletins.checks.config import Group
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


def _sum_group(p: Prepared, group: Group) -> list[CheckResult]:
    ctx = p.ctx
    codes = {group.total, *(c for slot in group.slots for c in slot)}
    found = _by_subject(p, codes, "level")
    name = ctx.catalog.name(group.total)

    def evaluate(subj: Subject, doc: str | None) -> CheckResult | None:
        rows_by_code = found[subj]
        total = _pick(rows_by_code, [group.total], doc)
        if total is None:
            return None
        parts = [_pick(rows_by_code, slot, doc) for slot in group.slots]
        if any(c is None for c in parts):
            return None
        comps: list[Row] = [c for c in parts if c is not None]
        if any(c.base_unit != total.base_unit for c in comps):
            return None
        scale = _scale(total)
        actual = sum(c.base for c in comps) / scale  # type: ignore[misc]
        expected = total.value
        if group.tolerance_per_component is not None:
            tol = len(comps) * group.tolerance_per_component + total.half / scale
        else:
            tol = (sum(c.half for c in comps) + total.half) / scale
        diff = actual - expected  # type: ignore[operator]
        ok = abs(diff) <= tol + 1e-9
        where = subject(name, subj[0], subj[1])
        msg = (
            f"{len(comps)} components of {where} sum to {fmt(actual)} {total.unit}, "
            f"stated total {fmt(expected)} (difference {fmt(diff)}, tolerance {fmt(tol)})"
        )
        return make_result(
            ctx, "components_sum", ok, msg, [total, *comps], indicator=name, region=subj[0],
            period=subj[1], expected=expected, actual=actual, tolerance=tol,
        )

    return _evaluate(found, [group.total], evaluate)


def components_sum(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """Components of every catalog group sum to their total, within printed rounding.

    n components printed to whole 元 may each be off by 0.5, and so may the total:
    the tolerance is the sum of those half-units (or the group's tolerance_per_component).
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


def share_range(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A share stated in % lies within [0, 100]."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    results: list[CheckResult] = []
    checked = 0
    for r in p.rows:
        if r.measure != "share" or r.value is None or not _is_pct(r):
            continue
        checked += 1
        bound = 0.0 if r.value < 0 else 100.0 if r.value > 100 else None
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
            comps = [c for c in parts if c is not None and _is_pct(c)]
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
