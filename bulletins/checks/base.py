"""What every check shares: prepared fact rows, printed precision, periods, result building.

A check is a plain function `check(facts, ctx=None) -> list[CheckResult]`, where
`facts` is a polars DataFrame with the `FACT_FIELDS` columns (or a `Prepared`
made from one, so `run_checks` prepares the frame once for all checks).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from bulletins.checks.config import Catalog, CheckSettings, default_catalog, default_settings
from bulletins.model import FACT_FIELDS, CheckResult

_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_YEAR = re.compile(r"\d{4}")
_SPAN = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_EXPLICIT_YEAR = re.compile(r"^(\d{4})年(?:同期)?$")


@dataclass(frozen=True)
class Context:
    """The catalog and settings one run of the checks shares, so each check loads no YAML."""

    catalog: Catalog
    settings: CheckSettings


def make_context(catalog: Catalog | None = None, settings: CheckSettings | None = None) -> Context:
    """A context from the given catalog/settings, the packaged YAML files where none is given."""
    return Context(catalog or default_catalog(), settings or default_settings())


@dataclass
class Row:
    """One fact with what the checks derive from it (catalog key, base value, rounding)."""

    fact_id: str
    doc: str  # for messages: the file name or URL
    sentence: str
    indicator: str
    key: str  # catalog code when known, else the indicator name
    region: str | None
    period: str | None
    measure: str
    value: float | None
    unit: str
    base: float | None  # value in the base unit (value_base, or value when no base is given)
    base_unit: str
    half: float  # half a unit of the last printed digit, in the base unit
    half_printed: float  # the same in the printed unit (for rates: %, 个百分点, 倍)
    status: str
    qualifier: str
    compare_to: str | None
    doc_id: str = ""  # identity: two folders' report.txt share `doc` but are two documents
    quote: str = ""
    span_start: int = -1  # order of the facts in their document (document-local checks)
    region_code: str | None = None  # the 6-digit division code (the divisions of an area: region_parts_sum)

    @property
    def exact(self) -> bool:
        """Only exact, non-blank statements are compared: 约/超 figures have no rounding bound."""
        return self.qualifier == "exact" and self.base is not None


@dataclass
class Prepared:
    """Facts turned into Rows once, with lazily built indexes every check can reuse."""

    rows: list[Row]
    ctx: Context
    _levels: dict[tuple[Any, ...], list[Row]] | None = field(default=None, repr=False)
    _growth: dict[tuple[Any, ...], list[Row]] | None = field(default=None, repr=False)

    def levels(self) -> dict[tuple[Any, ...], list[Row]]:
        """Exact level facts by (key, region, period, status)."""
        if self._levels is None:
            self._levels = self._index(lambda r: r.measure == "level")
        return self._levels

    def growth(self) -> dict[tuple[Any, ...], list[Row]]:
        """Exact year-on-year % changes by (key, region, period, status)."""
        if self._growth is None:
            year_ago = self.ctx.settings.year_ago_words
            self._growth = self._index(
                lambda r: r.measure == "change" and r.unit == "%" and (r.compare_to or "") in year_ago
            )
        return self._growth

    def _index(self, keep: Callable[[Row], bool]) -> dict[tuple[Any, ...], list[Row]]:
        idx: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
        for r in self.rows:
            if r.exact and keep(r):
                idx[(r.key, r.region, r.period, r.status)].append(r)
        return idx


def printed_half_unit(quote: str | None, value: float | None) -> float:
    """Half a unit of the last printed digit, in the printed unit: `5129元` -> 0.5, `8.7%` -> 0.05.

    Chinese-numeral quotes (`三分之一`) fall back to the decimals of the value itself.
    """
    m = _NUMBER.search(quote or "")
    if m:
        return 0.5 * 10.0 ** -len(m.group(1) or "")
    if value is None:
        return 0.0
    text = repr(float(value))
    decimals = 0 if text.endswith(".0") or "e" in text else len(text.split(".")[1])
    return 0.5 * 10.0 ** -decimals


def prepare(facts: pl.DataFrame | Prepared, ctx: Context | None = None) -> Prepared:
    """Rows with catalog keys and base values; missing optional columns count as null."""
    if isinstance(facts, Prepared):
        return facts
    ctx = ctx or make_context()
    if facts.height == 0:
        return Prepared([], ctx)
    missing = [c for c in FACT_FIELDS if c not in facts.columns]
    if missing:
        facts = facts.with_columns([pl.lit(None).alias(c) for c in missing])
    rows: list[Row] = []
    slack = ctx.settings.rounding_slack
    families = ctx.settings.unit_families
    for d in facts.select(FACT_FIELDS).iter_rows(named=True):
        value = None if d["value"] is None else float(d["value"])
        vb = d["value_base"]
        if value is not None and vb is not None:
            base, base_unit = float(vb), d["unit_base"] or d["unit"] or ""
            mult = base / value if value else 1.0
        else:
            base, base_unit, mult = value, d["unit"] or "", 1.0
        base_unit = families.get(base_unit, base_unit)
        indicator = d["indicator"] or ""
        half_printed = printed_half_unit(d["quote"], value) * slack
        rows.append(
            Row(
                fact_id=d["fact_id"] or "",
                doc=d["doc"] or d["doc_id"] or "",
                sentence=d["sentence"] or "",
                indicator=indicator,
                key=ctx.catalog.resolve(d["indicator_code"], indicator) or indicator,
                region=d["region"],
                period=d["period"],
                measure=d["measure"] or "",
                value=value,
                unit=d["unit"] or "",
                base=base,
                base_unit=base_unit,
                half=abs(half_printed * mult),
                half_printed=half_printed,
                status=d["status"] or "actual",
                qualifier=d["qualifier"] or "exact",
                compare_to=d["compare_to"],
                doc_id=d["doc_id"] or d["doc"] or "",
                quote=d["quote"] or "",
                span_start=-1 if d["span_start"] is None else int(d["span_start"]),
                region_code=d["region_code"],
            )
        )
    return Prepared(rows, ctx)


def distinct(rows: Sequence[Row]) -> Row | None:
    """The one value these rows state (all agree within rounding), or None when they disagree."""
    if not rows:
        return None
    first = rows[0]
    for r in rows[1:]:
        if r.base_unit != first.base_unit or abs(r.base - first.base) > r.half + first.half:  # type: ignore[operator]
            return None
    return min(rows, key=lambda r: r.half)  # the most precise statement


def within_doc(rows: Iterable[Row], doc_id: str) -> list[Row]:
    """The rows stated by one document (by doc_id: file names repeat across folders)."""
    return [r for r in rows if r.doc_id == doc_id]


# -- periods -----------------------------------------------------------------------------------


def period_year(period: str | None) -> int | None:
    m = _YEAR.match(period or "")
    return int(m.group(0)) if m else None


def shift_years(period: str, years: int) -> str | None:
    """The same period `years` later (negative: earlier); None for multi-year spans."""
    if ".." in period and "-" not in period:
        return None
    return _YEAR.sub(lambda m: str(int(m.group(0)) + years), period)


def with_year(period: str, year: int) -> str | None:
    """The same months/day of `period`, in another year."""
    y = period_year(period)
    return None if y is None else shift_years(period, year - y)


def cumulative_months(period: str | None) -> tuple[int, int] | None:
    """(year, last month) of a cumulative period starting in January: `2023-01..2023-09` -> (2023, 9)."""
    if period is None:
        return None
    if re.fullmatch(r"\d{4}", period):
        return int(period), 12
    m = _SPAN.match(period)
    if m and m.group(1) == m.group(3) and m.group(2) == "01":
        return int(m.group(1)), int(m.group(4))
    return None


def resolve_base(row: Row, settings: CheckSettings) -> tuple[str | None, str | None] | None:
    """The (period, region) a change or ratio is measured against, from its `compare_to`.

    None when the comparison cannot be pinned to a period and region (e.g. `一季度` for a
    period of unknown year, or a free-text compare_to).
    """
    cmp = (row.compare_to or "").strip().removesuffix("水平").removesuffix("的")
    if not cmp:
        return None
    if cmp in settings.year_ago_words:
        if row.period is None:
            return None
        shifted = shift_years(row.period, -1)
        return None if shifted is None else (shifted, row.region)
    if cmp in settings.in_year_periods:
        year = period_year(row.period)
        if year is None:
            return None
        target = settings.in_year_periods[cmp].format(year=year)
        return None if target == row.period else (target, row.region)
    m = _EXPLICIT_YEAR.match(cmp)
    if m:
        target = with_year(row.period, int(m.group(1))) if row.period else None
        return None if target is None or target == row.period else (target, row.region)
    region = settings.compare_regions.get(cmp)
    if region is not None and region != row.region:
        return row.period, region
    return None


# -- results -----------------------------------------------------------------------------------


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def rounded(x: float | None, digits: int = 6) -> float | None:
    if x is None or math.isnan(x):
        return None
    return round(x, digits)


def make_result(
    ctx: Context,
    check: str,
    passed: bool,
    message: str,
    rows: Sequence[Row] = (),
    *,
    indicator: str | None = None,
    region: str | None = None,
    period: str | None = None,
    expected: float | None = None,
    actual: float | None = None,
    tolerance: float | None = None,
    severity: str | None = None,
) -> CheckResult:
    """A CheckResult with provenance taken from the rows; difference is actual - expected."""
    difference = actual - expected if actual is not None and expected is not None else None
    return CheckResult(
        check=check,
        severity=severity or ctx.settings.severity(check),
        passed=passed,
        message=message,
        indicator=indicator,
        region=region,
        period=period,
        expected=rounded(expected),
        actual=rounded(actual),
        difference=rounded(difference),
        tolerance=rounded(tolerance),
        fact_ids=_unique(r.fact_id for r in rows),
        docs=_unique(r.doc for r in rows),
        sentences=_unique(r.sentence for r in rows),
    )


def summary_pass(ctx: Context, check: str, checked: int, failed: int, what: str) -> list[CheckResult]:
    """One passed result for a per-fact check, so history shows it ran without a row per fact."""
    if checked == 0:
        return []
    return [make_result(ctx, check, True, f"{checked - failed} of {checked} {what}")]


def fmt(x: float | None) -> str:
    """A number for messages, without float noise (22861, not 22861.000000001)."""
    if x is None:
        return "?"
    return f"{x:.6g}" if abs(x) < 1e15 else f"{x:.3e}"


def subject(name: str, region: str | None, period: str | None) -> str:
    """The 'indicator region period' prefix of messages, skipping what is unknown."""
    return " ".join(p for p in (name, region or "", period or "") if p)
