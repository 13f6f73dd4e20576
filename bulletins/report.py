"""Human-readable forms of check results: the Prefect markdown/table artifacts and the CLI table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bulletins.model import SEVERITIES, CheckResult
from bulletins.table import display_width as _width
from bulletins.table import truncate

#: Failures listed in the markdown report; the rest are counted, the table artifact has all.
REPORT_MAX_FAILURES = 50
#: Columns of `format_table`, in order; those absent from the rows are left out.
TABLE_COLUMNS = ("run_id", "snapshot_id", "severity", "check", "passed", "indicator", "region", "period",
                 "expected", "actual", "difference", "tolerance", "docs", "message")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def _num(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def _cell(x: Any) -> str:
    if isinstance(x, list | tuple):
        return ", ".join(str(i) for i in x)
    return _num(x)


def _ordered(results: list[CheckResult]) -> list[CheckResult]:
    return sorted(results, key=lambda r: (r.passed, _RANK.get(r.severity, 0), r.check))


def table_rows(results: list[CheckResult], *, include_passed: bool = False) -> list[dict[str, Any]]:
    """One flat dict per result (failures first, most severe first) for a Prefect table artifact."""
    chosen = results if include_passed else [r for r in results if not r.passed]
    return [
        {
            "severity": r.severity,
            "check": r.check,
            "passed": r.passed,
            "indicator": r.indicator or "",
            "region": r.region or "",
            "period": r.period or "",
            "expected": r.expected,
            "actual": r.actual,
            "difference": r.difference,
            "tolerance": r.tolerance,
            "docs": ", ".join(r.docs),
            "fact_ids": ", ".join(r.fact_ids),
            "message": r.message,
        }
        for r in _ordered(chosen)
    ]


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(results: list[CheckResult], run_info: dict[str, Any] | None = None) -> str:
    """A markdown page: run info, a per-check summary and the failures with their sources."""
    run_info = run_info or {}
    failed = [r for r in results if not r.passed]
    lines = ["# Consistency checks", ""]
    for k, v in run_info.items():
        lines.append(f"- **{k}**: {v}")
    counts = Counter(r.severity for r in failed)
    status = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s]) or "none"
    lines += [f"- **results**: {len(results)} ({len(results) - len(failed)} passed); failed: {status}", ""]
    by_check: dict[str, list[int]] = {}
    for r in results:
        c = by_check.setdefault(r.check, [0, 0])
        c[0 if r.passed else 1] += 1
    lines += ["## By check", "", "| check | passed | failed |", "|---|---:|---:|"]
    lines += [f"| {name} | {p} | {f} |" for name, (p, f) in sorted(by_check.items())]
    lines.append("")
    if failed:
        lines += ["## Failures", "", "| severity | check | subject | expected | actual | difference | "
                  "tolerance | documents | message |", "|---|---|---|---:|---:|---:|---:|---|---|"]
        for r in _ordered(failed)[:REPORT_MAX_FAILURES]:
            subject = " ".join(x for x in (r.indicator, r.region, r.period) if x)
            lines.append(
                f"| {r.severity} | {r.check} | {_md_escape(subject)} | {_num(r.expected)} | {_num(r.actual)} | "
                f"{_num(r.difference)} | {_num(r.tolerance)} | {_md_escape(', '.join(r.docs))} | "
                f"{_md_escape(r.message)} |"
            )
        if len(failed) > REPORT_MAX_FAILURES:
            lines.append(f"\n… and {len(failed) - REPORT_MAX_FAILURES} more failures (see the table artifact).")
    else:
        lines.append("No check failed.")
    return "\n".join(lines) + "\n"


def _fit(text: str, width: int) -> str:
    """Cut `text` to `width` display columns (with an ellipsis) and pad it to exactly that width."""
    text = truncate(text, width)
    return text + " " * (width - _width(text))


def format_table(rows: list[dict[str, Any]], *, max_width: int = 60) -> str:
    """A plain-text table of check results (e.g. rows of the warehouse's check_results) for the CLI.

    Columns follow TABLE_COLUMNS where present; cells wider than `max_width` are cut.
    """
    if not rows:
        return "no check results\n"
    present = set().union(*(r.keys() for r in rows))
    columns = [c for c in TABLE_COLUMNS if c in present]
    cells = [[_cell(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
    widths = [min(max_width, max(_width(c), *(_width(row[i]) for row in cells))) for i, c in enumerate(columns)]
    lines = ["  ".join(_fit(c, w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"
