"""Checks of stated changes and ratios against the levels they relate, and of cumulative flows."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import polars as pl

from bulletins.checks.base import (
    Context,
    Prepared,
    Row,
    cumulative_months,
    distinct,
    fmt,
    make_result,
    prepare,
    resolve_base,
    subject,
    within_doc,
)
from bulletins.model import CheckResult

Facts = pl.DataFrame | Prepared


def _lookup(index: dict, key: str, region: str | None, period: str | None, statuses: tuple[str, ...],
            doc_id: str) -> Row | None:
    """The statement of `key` at (region, period) in an index, preferring the one in document `doc_id`.

    Without a known region or period it must come from the same document, since an
    unknown period in two documents is not the same period.
    """
    for status in statuses:
        rows = index.get((key, region, period, status), [])
        same_doc = within_doc(rows, doc_id)
        if same_doc:
            return distinct(same_doc)
        if rows and region is not None and period is not None:
            return distinct(rows)
    return None


def _level(p: Prepared, key: str, region: str | None, period: str | None, statuses: tuple[str, ...],
           doc_id: str) -> Row | None:
    """The level of `key` at (region, period) (see `_lookup`)."""
    return _lookup(p.levels(), key, region, period, statuses, doc_id)


def _pair(p: Prepared, r: Row) -> tuple[Row, Row] | None:
    """The subject level and the base level a change/ratio fact compares."""
    base = resolve_base(r, p.ctx.settings)
    if base is None:
        return None
    now = _level(p, r.key, r.region, r.period, (r.status,), r.doc_id)
    before = _level(p, r.key, base[1], base[0], ("actual", r.status), r.doc_id)
    if now is None or before is None or now.base_unit != before.base_unit or before.fact_id == now.fact_id:
        return None
    return now, before


def _real_growth(r: Row, ctx: Context) -> bool:
    s = ctx.settings
    return (
        r.key in s.real_growth_indicators
        or any(pat in r.indicator for pat in s.real_growth_name_patterns)
        or any(word in r.sentence for word in s.real_growth_sentence_words)
    )


def _relative_error(now: Row, before: Row) -> float:
    """Relative error of now/before from the rounding of both printed levels."""
    return abs(now.half / now.base) + abs(before.half / before.base)  # type: ignore[operator]


def _stated_vs_derived(ctx: Context, check: str, r: Row, now: Row, before: Row, expected: float, tol: float,
                       message: str) -> CheckResult:
    """The comparison the growth, points and ratio checks share: stated `r` against what `now`, `before` give."""
    return make_result(
        ctx, check, abs(r.value - expected) <= tol + 1e-9, message,  # type: ignore[operator]
        [r, now, before], indicator=r.indicator,
        region=r.region, period=r.period, expected=expected, actual=r.value, tolerance=tol,
    )


def growth_vs_levels(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A stated change (%, 倍, or a difference in the level's unit) agrees with the two levels.

    E.g. this year's H1 level against last year's H1 level and the stated 同比 %. Rates
    whose level is itself a % are left to points_vs_rates; real-terms growth is skipped.
    """
    p = prepare(facts, ctx)
    ctx = p.ctx
    slack = ctx.settings.relative_slack
    results: list[CheckResult] = []
    for r in p.rows:
        if r.measure != "change" or r.value is None or r.qualifier != "exact" or r.unit == "个百分点":
            continue
        pair = _pair(p, r)
        if pair is None:
            continue
        now, before = pair
        if now.unit == "%" or not before.base:
            continue
        q = now.base / before.base  # type: ignore[operator]
        if r.unit in ("%", "倍"):
            if _real_growth(r, ctx):
                continue
            factor = 100.0 if r.unit == "%" else 1.0
            expected = (q - 1) * factor
            tol = r.half_printed + factor * q * _relative_error(now, before) + slack * abs(expected)
            what = f"growth {fmt(r.value)}{r.unit}"
        elif r.base_unit == now.base_unit and r.base is not None and r.value:
            scale = r.base / r.value
            expected = (now.base - before.base) / scale  # type: ignore[operator]
            tol = (r.half + now.half + before.half) / scale + slack * abs(expected)
            what = f"change {fmt(r.value)}{r.unit}"
        else:
            continue
        msg = (f"{subject(r.indicator, r.region, r.period)}: stated {what} vs {r.compare_to}; levels "
               f"{fmt(now.value)}{now.unit} ({now.period}) and {fmt(before.value)}{before.unit} "
               f"({before.period}, {before.region}) give {fmt(expected)} (tolerance {fmt(tol)})")
        results.append(_stated_vs_derived(ctx, "growth_vs_levels", r, now, before, expected, tol, msg))
    return results


def _rate(p: Prepared, key: str, region: str | None, period: str | None, statuses: tuple[str, ...],
          doc_id: str) -> Row | None:
    """A rate in % of `key`: its level when it is a % level (失业率), else its year-on-year growth."""
    level = _level(p, key, region, period, statuses, doc_id)
    if level is not None:
        return level if level.unit == "%" else None
    return _lookup(p.growth(), key, region, period, statuses, doc_id)


def points_vs_rates(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A 个百分点 change equals the difference of the two rates it compares, when both are known."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    results: list[CheckResult] = []
    for r in p.rows:
        if r.measure != "change" or r.unit != "个百分点" or r.value is None or r.qualifier != "exact":
            continue
        base = resolve_base(r, ctx.settings)
        if base is None:
            continue
        now = _rate(p, r.key, r.region, r.period, (r.status,), r.doc_id)
        before = _rate(p, r.key, base[1], base[0], ("actual", r.status), r.doc_id)
        if now is None or before is None or now.fact_id == before.fact_id or now.measure != before.measure:
            continue
        expected = now.value - before.value  # type: ignore[operator]
        tol = r.half_printed + now.half_printed + before.half_printed
        msg = (f"{subject(r.indicator, r.region, r.period)}: stated {fmt(r.value)}个百分点 vs {r.compare_to}; "
               f"rates {fmt(now.value)}% and {fmt(before.value)}% ({before.region} {before.period}) "
               f"differ by {fmt(expected)} (tolerance {fmt(tol)})")
        results.append(_stated_vs_derived(ctx, "points_vs_rates", r, now, before, expected, tol, msg))
    return results


def ratio_vs_levels(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A 倍 ratio (是全市的2.8倍) equals the quotient of the two levels, when both are known."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    slack = ctx.settings.relative_slack
    results: list[CheckResult] = []
    for r in p.rows:
        if r.measure != "ratio" or r.unit != "倍" or r.value is None or r.qualifier != "exact":
            continue
        pair = _pair(p, r)
        if pair is None or not pair[1].base:
            continue
        now, before = pair
        expected = now.base / before.base  # type: ignore[operator]
        tol = r.half_printed + expected * _relative_error(now, before) + slack * expected
        msg = (f"{subject(r.indicator, r.region, r.period)}: stated {fmt(r.value)}倍 of {r.compare_to}; "
               f"levels {fmt(now.value)}{now.unit} and {fmt(before.value)}{before.unit} "
               f"({before.region} {before.period}) give {fmt(expected)} (tolerance {fmt(tol)})")
        results.append(_stated_vs_derived(ctx, "ratio_vs_levels", r, now, before, expected, tol, msg))
    return results


def _cumulative(r: Row, ctx: Context) -> bool:
    s = ctx.settings
    return r.key in s.cumulative_flows or r.indicator.endswith(s.cumulative_name_patterns)


def cumulative_monotonic(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """For cumulative flows, a longer span of the same year is never smaller (1–9月 ≥ 1–6月)."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    series: dict[tuple[str, str, str, int], dict[int, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for r in p.rows:
        if r.measure != "level" or not r.exact or r.region is None or not _cumulative(r, ctx):
            continue
        ym = cumulative_months(r.period)
        if ym is not None:
            series[(r.key, r.region, r.status, ym[0])][ym[1]].append(r)
    results: list[CheckResult] = []
    for (_key, region, _status, _year), by_month in series.items():
        points: list[Row] = [row for _, rows in sorted(by_month.items()) if (row := distinct(rows)) is not None]
        for early, late in pairwise(points):
            if early.base_unit != late.base_unit or late.value is None or late.base is None:
                continue
            scale = late.base / late.value if late.value else 1.0
            expected = early.base / scale  # type: ignore[operator]
            actual = late.value
            tol = (early.half + late.half) / scale
            ok = actual >= expected - tol - 1e-9
            msg = (f"{subject(late.indicator, region, None)}: {late.period} {fmt(actual)}{late.unit} "
                   f"{'≥' if ok else '<'} {early.period} {fmt(expected)}{late.unit}")
            results.append(make_result(
                ctx, "cumulative_monotonic", ok, msg, [early, late], indicator=late.indicator,
                region=region, period=late.period, expected=expected, actual=actual, tolerance=tol,
            ))
    return results
