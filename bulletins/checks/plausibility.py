"""Plausibility by unit family: values no real bulletin can state, usually a misread number."""

from __future__ import annotations

import polars as pl

from bulletins.checks.base import Context, Prepared, fmt, make_result, prepare, subject, summary_pass
from bulletins.model import CheckResult

Facts = pl.DataFrame | Prepared


def plausible_pct_change(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A % change lies within [-100, 1000] (bounds in checks.yaml); a fall beyond -100% is impossible."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    lo, hi = ctx.settings.pct_change_min, ctx.settings.pct_change_max
    checked, results = 0, []
    for r in p.rows:
        if r.measure != "change" or r.unit != "%" or r.value is None:
            continue
        checked += 1
        bound = lo if r.value < lo else hi if r.value > hi else None
        if bound is not None:
            results.append(make_result(
                ctx, "plausible_pct_change", False,
                f"{subject(r.indicator, r.region, r.period)}: change {fmt(r.value)}% outside "
                f"[{fmt(lo)}, {fmt(hi)}]",
                [r], indicator=r.indicator, region=r.region, period=r.period, expected=bound, actual=r.value,
                tolerance=0.0,
            ))
    return results + summary_pass(ctx, "plausible_pct_change", checked, len(results),
                                  "% changes are plausible")


def plausible_per_capita(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A per-capita money level (人均…元) stays below 10^6 元."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    s = ctx.settings
    checked, results = 0, []
    for r in p.rows:
        if (r.measure != "level" or r.base is None or r.base_unit not in s.money_base_units
                or not any(m in r.indicator for m in s.per_capita_markers)):
            continue
        checked += 1
        if r.base > s.per_capita_yuan_max:
            results.append(make_result(
                ctx, "plausible_per_capita", False,
                f"{subject(r.indicator, r.region, r.period)}: per-capita {fmt(r.base)}{r.base_unit} "
                f"above {fmt(s.per_capita_yuan_max)}",
                [r], indicator=r.indicator, region=r.region, period=r.period,
                expected=s.per_capita_yuan_max, actual=r.base, tolerance=0.0,
            ))
    return results + summary_pass(ctx, "plausible_per_capita", checked, len(results),
                                  "per-capita money levels are plausible")


def plausible_count(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A count (个, 户, 人, 万人次, …) is never negative."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    units = ctx.settings.count_units
    checked, results = 0, []
    for r in p.rows:
        if r.measure != "level" or r.value is None or not (r.unit in units or r.base_unit in units):
            continue
        checked += 1
        if r.value < 0:
            results.append(make_result(
                ctx, "plausible_count", False,
                f"{subject(r.indicator, r.region, r.period)}: negative count {fmt(r.value)}{r.unit}",
                [r], indicator=r.indicator, region=r.region, period=r.period, expected=0.0, actual=r.value,
                tolerance=0.0,
            ))
    return results + summary_pass(ctx, "plausible_count", checked, len(results), "counts are non-negative")
