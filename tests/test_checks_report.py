"""Markdown/table forms of check results and the catalog/settings data the checks load."""

from __future__ import annotations

import copy

import pytest

from bulletins.checks.config import build_catalog, build_settings, load_catalog_data, load_check_settings
from bulletins.model import CheckResult
from bulletins.report import _width, format_table, markdown_report, table_rows

RESULTS = [
    CheckResult("blank_value", "warn", False, "blank | in source", indicator="城镇登记失业率", docs=["004.txt"]),
    CheckResult("components_sum", "error", False, "sum off", indicator="居民人均消费支出", region="北京市",
                period="2023-01..2023-06", expected=22900.0, actual=22861.0, difference=-39.0, tolerance=4.5,
                fact_ids=["f1"], docs=["000.txt"]),
    CheckResult("components_sum", "error", True, "ok"),
]


def test_table_rows_lists_failures_most_severe_first() -> None:
    rows = table_rows(RESULTS)
    assert [r["check"] for r in rows] == ["components_sum", "blank_value"]
    assert rows[0]["expected"] == 22900.0 and rows[0]["docs"] == "000.txt"
    assert len(table_rows(RESULTS, include_passed=True)) == 3


def test_markdown_report() -> None:
    md = markdown_report(RESULTS, {"run_id": 4})
    assert "- **run_id**: 4" in md
    assert "| components_sum | 1 | 1 |" in md and "| blank_value | 0 | 1 |" in md
    assert "failed: 1 error, 1 warn" in md
    assert "blank \\| in source" in md  # pipes cannot break the table
    assert "No check failed." in markdown_report([RESULTS[2]], {})


def test_format_table_aligns_wide_characters() -> None:
    rows = [{"run_id": 1, **r} for r in table_rows(RESULTS)]
    text = format_table(rows)
    lines = text.splitlines()
    assert lines[0].split() == ["run_id", "severity", "check", "passed", "indicator", "region", "period",
                                "expected", "actual", "difference", "tolerance", "docs", "message"]
    assert len(lines) == 4 and "22900" in lines[2]
    wide = format_table([{"indicator": "居民人均消费支出", "region": "R1"}, {"indicator": "GDP", "region": "R2"}])
    l1, l2 = wide.splitlines()[2:]
    assert _width(l1[: l1.index("R1")]) == _width(l2[: l2.index("R2")]) == _width("居民人均消费支出  ")
    assert format_table([]) == "no check results\n"
    cut = format_table([{"message": "长" * 100}], max_width=10)
    assert _width(cut.splitlines()[2]) <= 10 and cut.splitlines()[2].endswith("…")


def test_every_catalog_group_resolves_and_settings_load() -> None:
    cat = build_catalog(load_catalog_data())
    for g in cat.groups:
        assert g.total in cat.names and all(c in cat.names for slot in g.slots for c in slot)
    assert {g.total for g in cat.groups} >= {"consumption_pc", "income_pc", "gdp"}
    consumption = next(g for g in cat.groups if g.total == "consumption_pc")
    assert len(consumption.slots) == 8
    assert cat.resolve(None, "人均衣着支出") == "consumption_pc.clothing"
    settings = build_settings(load_check_settings())
    assert settings.severity("blank_value") == "warn" and settings.severity("source_conflict") == "error"


def test_bad_catalog_and_settings_fail_loudly() -> None:
    data = copy.deepcopy(load_catalog_data())
    data["groups"][0]["components"].append("no.such.code")
    with pytest.raises(ValueError, match=r"no\.such\.code"):
        build_catalog(data)
    settings = copy.deepcopy(load_check_settings())
    settings["severities"]["blank_value"] = "loud"
    with pytest.raises(ValueError, match="loud"):
        build_settings(settings)
