"""Every entry of every lexicon and of the indicator catalog loads and is well formed."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bulletins.extract.lexicon import lexicon_names, load_catalog, load_lexicon
from bulletins.extract.units import multipliers, unit_table
from bulletins.model import QUALIFIERS


def _strings(node: Any) -> list[str]:
    """Every string leaf (keys included) of a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.mark.parametrize("name", lexicon_names())
def test_every_lexicon_loads_and_has_no_empty_entries(name: str) -> None:
    lex = load_lexicon(name)
    assert isinstance(lex, dict) and lex, name
    for s in _strings(lex):
        assert s != "", name
        assert s.isspace() or s == s.strip(), (name, s)  # spaces only as whole entries (normalize's space list)


def test_missing_lexicon_is_an_error() -> None:
    with pytest.raises(FileNotFoundError, match="no_such_lexicon"):
        load_lexicon("no_such_lexicon")


def test_units_have_base_and_positive_factor() -> None:
    lex = load_lexicon("units")
    table = unit_table()
    assert set(table) == {str(k) for k in lex["units"]}
    for word, info in table.items():
        assert info.base, word
        assert info.factor > 0, word
    assert all(v >= 1000 for v in multipliers().values())
    for unit in lex["name_after"]:
        assert unit in table, unit
    for key in ("bare_multipliers", "blank_multipliers"):
        assert set(lex[key]) <= set(multipliers()), key
    assert set(lex["no_chinese_numeral"]) <= set(table)


def test_qualifier_words_map_to_known_qualifiers() -> None:
    lex = load_lexicon("qualifiers")
    for side in ("before", "after"):
        assert set(lex[side]) <= set(QUALIFIERS), side
        for words in lex[side].values():
            assert words and all(isinstance(w, str) and w for w in words)
    assert set(lex["status_before"]) <= {"estimate", "target"}


def test_verbs_lexicon_lists_are_words() -> None:
    lex = load_lexicon("verbs")
    for key, value in lex.items():
        if isinstance(value, list):
            assert value and all(isinstance(w, str) and w for w in value), key
    assert not set(lex["up"]) & set(lex["down"])
    assert set(lex["relative_units"]) <= set(unit_table())


@pytest.mark.parametrize("name", ["nonfacts", "normalize"])
def test_every_pattern_compiles(name: str) -> None:
    lex = load_lexicon(name)
    keys = ("name_patterns",) if name == "nonfacts" else ("page_furniture", "boilerplate_lines", "no_join_start")
    for key in keys:
        patterns = lex[key] if isinstance(lex[key], list) else [lex[key]]
        for p in patterns:
            re.compile(p)


def test_catalog_entries_are_complete_and_consistent() -> None:
    cat = load_catalog()
    indicators = cat["indicators"]
    names: dict[str, str] = {}
    for code, spec in indicators.items():
        assert spec["name"], code
        for alias in [spec["name"], *spec.get("aliases", [])]:
            assert isinstance(alias, str) and alias.strip() == alias and alias, (code, alias)
            assert names.setdefault(alias, code) == code, f"{alias!r} names both {names[alias]} and {code}"
        parent = spec.get("parent")
        assert parent is None or parent in indicators, (code, parent)
    for group in cat.get("groups", []):
        assert group["total"] in indicators
        for comp in group["components"]:
            assert comp in indicators, comp
    for pair in cat.get("urban_rural", []):
        for key in ("total", "urban", "rural"):
            assert pair[key] in indicators, pair
