"""Consistency checks over a snapshot's facts.

Each check is a plain function `check(facts, ctx=None) -> list[CheckResult]` over a
polars DataFrame with the `bulletins.model.FACT_FIELDS` columns; it returns passed
results too, so the history shows what was checked. Groups, tolerances and word lists
are data (bulletins/data/catalog.yaml, checks.yaml); the logic is here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from bulletins.checks.base import Context, Prepared, make_context, prepare
from bulletins.checks.changes import cumulative_monotonic, growth_vs_levels, points_vs_rates, ratio_vs_levels
from bulletins.checks.config import CheckSettings, build_catalog
from bulletins.checks.plausibility import plausible_count, plausible_pct_change, plausible_per_capita
from bulletins.checks.sources import blank_value, source_conflict
from bulletins.checks.splits import split_counts
from bulletins.checks.totals import (
    components_sum,
    list_parts_sum,
    region_parts_sum,
    share_levels,
    share_range,
    shares_sum,
    urban_rural_between,
)
from bulletins.model import CheckResult

Check = Callable[[pl.DataFrame | Prepared, Context | None], list[CheckResult]]

#: Every check run_checks runs, in report order. `source_conflict` also emits `revision` results,
#: `components_sum` emits `components_incomplete`.
CHECKS: dict[str, Check] = {
    "components_sum": components_sum,
    "list_parts_sum": list_parts_sum,
    "region_parts_sum": region_parts_sum,
    "split_counts": split_counts,
    "urban_rural_between": urban_rural_between,
    "share_range": share_range,
    "shares_sum": shares_sum,
    "share_levels": share_levels,
    "growth_vs_levels": growth_vs_levels,
    "points_vs_rates": points_vs_rates,
    "ratio_vs_levels": ratio_vs_levels,
    "blank_value": blank_value,
    "source_conflict": source_conflict,
    "cumulative_monotonic": cumulative_monotonic,
    "plausible_pct_change": plausible_pct_change,
    "plausible_per_capita": plausible_per_capita,
    "plausible_count": plausible_count,
}


def run_checks(
    facts: pl.DataFrame,
    catalog: dict[str, Any] | None = None,
    *,
    settings: CheckSettings | None = None,
    only: list[str] | None = None,
) -> list[CheckResult]:
    """Run every check (or those named in `only`) over one snapshot's facts.

    `catalog` is a parsed catalog.yaml (default: the packaged one); `settings` replaces
    checks.yaml. Results come back passed and failed, in CHECKS order.
    """
    unknown = sorted(set(only or []) - CHECKS.keys())
    if unknown:
        raise ValueError(f"unknown checks {unknown}; known: {sorted(CHECKS)}")
    ctx = make_context(build_catalog(catalog) if catalog is not None else None, settings)
    prepared = prepare(facts, ctx)
    results: list[CheckResult] = []
    for name, check in CHECKS.items():
        if only is None or name in only:
            results += check(prepared, ctx)
    return results


__all__ = ["CHECKS", "Context", "Prepared", "make_context", "prepare", "run_checks", *CHECKS]
