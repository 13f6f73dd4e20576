"""Checks about what the sources state: blanks, and documents that contradict each other."""

from __future__ import annotations

from collections import defaultdict
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
)
from bulletins.checks.config import CheckSettings, default_settings
from bulletins.model import CheckResult

Facts = pl.DataFrame | Prepared


def blank_value(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """A number left blank in the source (value null) is a warning naming indicator and sentence."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    results = [
        make_result(
            ctx, "blank_value", False,
            f"blank in source: {subject(r.indicator, r.region, r.period)} ({r.measure}, {r.unit or 'no unit'}) "
            f"in {r.doc}: {r.sentence}",
            [r], indicator=r.indicator, region=r.region, period=r.period,
        )
        for r in p.rows
        if r.value is None
    ]
    return results + summary_pass(ctx, "blank_value", len(p.rows), len(results), "facts have a value")


def _comparison(r: Row, ctx: Context) -> str | None:
    """What a change/ratio compares against (or the whole of a share), year-ago synonyms made one."""
    if r.measure == "level":
        return None
    cmp = (r.compare_to or "").strip()
    return YEAR_AGO if cmp in ctx.settings.year_ago_words else cmp


#: What every year-ago word of checks.yaml (上年同期, 去年, 同比 …) stands for in a fact's key.
YEAR_AGO = "同比"


def fact_key(r: Row, ctx: Context) -> tuple[Any, ...]:
    """"The same fact" across documents: indicator (catalog code, else name), region, period, measure,
    comparison base (for changes, ratios and shares) and unit family; status is kept apart too.

    This is the one definition: `source_conflict` groups by it, and the warehouse's `series` view
    groups by its SQL form `fact_key_sql` (tests/test_series.py holds the two to each other).
    """
    return (r.key, r.region, r.period, r.measure, _comparison(r, ctx), r.base_unit, r.status)


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def fact_key_sql(settings: CheckSettings | None = None) -> dict[str, str]:
    """`fact_key` as SQL over a facts row (columns of the fact contract), for the `series` view.

    The columns `comparison` and `unit_base` are computed as `Prepared` computes them (the
    year-ago words come from checks.yaml); the indicator is the row's `indicator_code`,
    which is the catalog key of every coded fact.
    """
    words = sorted((settings or default_settings()).year_ago_words)
    cmp = "trim(coalesce(compare_to, ''))"
    return {
        "indicator_code": "indicator_code",
        "region": "region",
        "period": "period",
        "measure": "measure",
        "comparison": (f"CASE WHEN measure = 'level' THEN NULL WHEN {cmp} IN ({', '.join(map(_sql_str, words))}) "
                       f"THEN {_sql_str(YEAR_AGO)} ELSE {cmp} END"),
        "unit_base": ("CASE WHEN value IS NOT NULL AND value_base IS NOT NULL "
                      "THEN coalesce(nullif(unit_base, ''), nullif(unit, ''), '') ELSE coalesce(unit, '') END"),
        "status": "coalesce(nullif(status, ''), 'actual')",
    }


def _clusters(per_doc: list[Row]) -> list[list[Row]]:
    """Group one-per-document statements into clusters that agree within rounding."""
    clusters: list[list[Row]] = []
    for r in per_doc:
        for c in clusters:
            if abs(r.base - c[0].base) <= r.half + c[0].half:  # type: ignore[operator]
                c.append(r)
                break
        else:
            clusters.append([r])
    return clusters


def _scaled(rep: Row, other: Row) -> tuple[float, float, float]:
    """Both values and their rounding tolerance in the printed unit of `rep`."""
    scale = rep.base / rep.value if rep.value and rep.base is not None else 1.0
    return rep.base / scale, other.base / scale, (rep.half + other.half) / scale  # type: ignore[operator]


def source_conflict(facts: Facts, ctx: Context | None = None) -> list[CheckResult]:
    """Two documents stating different values for the same indicator, region, period, measure,
    status (and comparison base) are an error naming both; an estimate that a later actual
    revises is an info `revision`.

    Only exact statements with a known region and period are compared, and only across
    documents: within one text the same name is often reused for different things, and a
    document stating two values for one subject is left out of the comparison.
    """
    p = prepare(facts, ctx)
    ctx = p.ctx
    groups: dict[tuple[Any, ...], dict[str, dict[str, list[Row]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for r in p.rows:
        if r.exact and r.region is not None and r.period is not None:
            *key, status = fact_key(r, ctx)
            groups[tuple(key)][status][r.doc_id].append(r)
    results: list[CheckResult] = []
    for key, by_status in groups.items():
        name, region, period, measure = key[:4]
        where = subject(ctx.catalog.name(name), region, period)
        reps: dict[str, list[Row]] = {}
        for status, by_doc in by_status.items():
            by_name = sorted(by_doc.items(), key=lambda item: (item[1][0].doc, item[0]))  # readable order
            per_doc = [row for _, rows in by_name if (row := distinct(rows)) is not None]
            reps[status] = per_doc
            if len(per_doc) < 2:
                continue
            clusters = _clusters(per_doc)
            first = clusters[0][0]
            if len(clusters) == 1:
                results.append(make_result(
                    ctx, "source_conflict", True,
                    f"{where} ({measure}, {status}): {len(per_doc)} documents agree on {fmt(first.value)}{first.unit}",
                    per_doc, indicator=first.indicator, region=region, period=period,
                ))
                continue
            second = clusters[1][0]
            expected, actual, tol = _scaled(first, second)
            stated = "; ".join(f"{r.doc}: {fmt(r.value)}{r.unit}" for c in clusters for r in c)
            results.append(make_result(
                ctx, "source_conflict", False,
                f"documents disagree on {where} ({measure}, {status}): {stated}",
                [r for c in clusters for r in c], indicator=first.indicator, region=region, period=period,
                expected=expected, actual=actual, tolerance=tol,
            ))
        results += _revisions(ctx, where, region, period, measure, reps)
    return results


def _revisions(ctx: Context, where: str, region: str, period: str, measure: str,
               reps: dict[str, list[Row]]) -> list[CheckResult]:
    """An estimate in one document and an actual in another for the same subject."""
    pairs = [(e, a) for e in reps.get("estimate", []) for a in reps.get("actual", []) if e.doc_id != a.doc_id]
    if not pairs:
        return []
    est, act = next(((e, a) for e, a in pairs if abs(e.base - a.base) > e.half + a.half),  # type: ignore[operator]
                    pairs[0])
    expected, actual, tol = _scaled(est, act)
    same = abs(actual - expected) <= tol + 1e-9
    verb = "confirmed by" if same else "revised to"
    msg = (f"{where} ({measure}): estimate {fmt(est.value)}{est.unit} in {est.doc} {verb} "
           f"actual {fmt(act.value)}{act.unit} in {act.doc}")
    return [make_result(
        ctx, "revision", same, msg, [est, act], indicator=act.indicator, region=region, period=period,
        expected=expected, actual=actual, tolerance=tol,
    )]
