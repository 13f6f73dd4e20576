"""Catalog data and check settings, loaded once from the YAML files in bulletins/data.

The catalog (indicators, component groups, urban/rural triples) is shared with the
extractor; checks.yaml holds what only the checks need (severities, bounds, words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bulletins.extract import catalog as _catalog
from bulletins.extract.lexicon import load_lexicon

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CATALOG_PATH = DATA_DIR / "catalog.yaml"
CHECKS_PATH = DATA_DIR / "checks.yaml"


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    return data


def load_catalog_data() -> dict[str, Any]:
    """The whole catalog: catalog.yaml with its domain files merged (cached; treat as read-only)."""
    return _catalog.load_catalog_data()


@lru_cache(maxsize=1)
def load_check_settings() -> dict[str, Any]:
    """The parsed checks.yaml (cached; treat as read-only)."""
    return _load_yaml(CHECKS_PATH)


def normalize_name(name: str) -> str:
    """Indicator names compare as the extractor matches them (bulletins.extract.catalog.normalize_name)."""
    return _catalog.normalize_name(name)


@dataclass(frozen=True)
class Group:
    """A total and the components that must sum to it; `slots` lists each component
    followed by its alternatives (e.g. the pre-2013 category name)."""

    total: str
    slots: tuple[tuple[str, ...], ...]
    tolerance_per_component: float | None = None
    kind: str = ""  # what sort of group (income_sources, fiscal_expenditure, …), for messages and tests
    complete: bool = True  # False: a classification rarely printed in full (a subset is incomplete, not wrong)
    nonnegative: bool = True  # components cannot be negative, so printed parts cannot exceed the total
    absent_is_nil: bool = False  # a member not printed is usually nil that year (a budget balance's items)


@dataclass(frozen=True)
class UrbanRural:
    total: str
    urban: str
    rural: str


@dataclass
class Catalog:
    """Indicator codes with their names and aliases, plus the groups the checks use."""

    names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    lookup: dict[str, str] = field(default_factory=dict)  # normalized name/alias -> code
    groups: list[Group] = field(default_factory=list)
    urban_rural: list[UrbanRural] = field(default_factory=list)
    parent: dict[str, str] = field(default_factory=dict)  # code -> the total it is a component of
    defined: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # code -> (part, whole, scale)
    signed: set[str] = field(default_factory=set)  # codes that may be negative (经营净收入): `nonnegative: false`

    def resolve(self, code: str | None, indicator: str | None) -> str | None:
        """The catalog code of a fact: its own code when the catalog knows it, else by name/alias."""
        if code and code in self.names:
            return code
        if indicator:
            found = self.lookup.get(normalize_name(indicator))
            if found:
                return found
        return code or None

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def may_be_negative(self, codes: tuple[str, ...] | list[str], group: Group | None = None) -> bool:
        """Can any of these components be negative? Then printed parts may exceed their total."""
        return (group is not None and not group.nonnegative) or any(c in self.signed for c in codes)

    def descends_from(self, code: str, ancestor: str) -> bool:
        """Is `code` below `ancestor` in the hierarchy (增值税 below 税收收入)?"""
        seen: set[str] = set()
        up = self.parent.get(code)
        while up is not None and up not in seen:
            if up == ancestor:
                return True
            seen.add(up)
            up = self.parent.get(up)
        return False


def build_catalog(data: dict[str, Any]) -> Catalog:
    """Validate and index a parsed catalog; unknown codes in groups are an error, not a silent skip."""
    cat = Catalog()
    for code, entry in (data.get("indicators") or {}).items():
        entry = entry or {}
        name = entry.get("name") or code
        cat.names[code] = name
        if entry.get("parent"):
            cat.parent[code] = str(entry["parent"])
        if entry.get("nonnegative", True) is False:
            cat.signed.add(code)
        for alias in [name, *(entry.get("aliases") or [])]:
            key = normalize_name(alias)
            other = cat.lookup.get(key)
            if other is not None and other != code:
                raise ValueError(f"catalog: alias {alias!r} names both {other} and {code}")
            cat.lookup[key] = code

    def known(code: str, where: str) -> str:
        if code not in cat.names:
            raise ValueError(f"catalog: {where} refers to unknown indicator code {code!r}")
        return code

    for code, entry in (data.get("indicators") or {}).items():
        if (entry or {}).get("defined_as"):
            d = entry["defined_as"]
            where = f"indicators.{code}.defined_as"
            cat.defined[code] = (known(d["part"], where), known(d["whole"], where), float(d.get("scale", 100)))

    for i, g in enumerate(data.get("groups") or []):
        where = f"groups[{i}]"
        alternatives = g.get("alternatives") or {}
        for comp in alternatives:
            if comp not in (g.get("components") or []):
                raise ValueError(f"catalog: {where} has alternatives for {comp!r}, which is no component")
        slots = tuple(
            (known(c, where), *(known(a, where) for a in alternatives.get(c, [])))
            for c in g.get("components") or []
        )
        if not slots:
            raise ValueError(f"catalog: {where} has no components")
        tol = g.get("tolerance_per_component")
        cat.groups.append(Group(known(g["total"], where), slots, float(tol) if tol is not None else None,
                                kind=str(g.get("kind") or ""), complete=bool(g.get("complete", True)),
                                nonnegative=bool(g.get("nonnegative", True)),
                                absent_is_nil=bool(g.get("absent_is_nil", False))))
    for i, t in enumerate(data.get("urban_rural") or []):
        where = f"urban_rural[{i}]"
        cat.urban_rural.append(
            UrbanRural(known(t["total"], where), known(t["urban"], where), known(t["rural"], where))
        )
    return cat


@dataclass
class CheckSettings:
    """checks.yaml as typed fields, so a typo in the file fails loudly at load time."""

    severities: dict[str, str]
    rounding_slack: float
    relative_slack: float
    year_ago_words: frozenset[str]
    in_year_periods: dict[str, str]
    compare_regions: dict[str, str]
    real_growth_indicators: frozenset[str]
    real_growth_name_patterns: tuple[str, ...]
    real_growth_sentence_words: tuple[str, ...]
    cumulative_flows: frozenset[str]
    cumulative_name_patterns: tuple[str, ...]
    pct_change_min: float
    pct_change_max: float
    per_capita_yuan_max: float
    per_capita_markers: tuple[str, ...]
    money_base_units: frozenset[str]
    count_units: frozenset[str]
    part_list_openers: tuple[str, ...] = ("其中",)
    part_list_sentence_openers: tuple[str, ...] = ("其中",)
    part_list_skip_words: tuple[str, ...] = ()
    part_list_new_statement_verbs: tuple[str, ...] = ()
    share_digit_slack: float = 2.0
    share_whole_suffixes: tuple[str, ...] = ()
    non_additive_units: frozenset[str] = frozenset()
    sibling_list_openers: tuple[str, ...] = ()
    count_complements: tuple[tuple[str, ...], ...] = ()
    town_endings: tuple[str, ...] = ()  # from the regions lexicon: the extractor reads townships by them too
    split_share_words: tuple[str, ...] = ()
    unit_families: dict[str, str] = field(default_factory=dict)  # base unit → the one the checks compare in

    def severity(self, check: str) -> str:
        return self.severities.get(check, "error")


def build_settings(data: dict[str, Any]) -> CheckSettings:
    """Typed settings from a parsed checks.yaml."""
    from bulletins.model import SEVERITIES

    severities = {str(k): str(v) for k, v in (data.get("severities") or {}).items()}
    bad = {k: v for k, v in severities.items() if v not in SEVERITIES}
    if bad:
        raise ValueError(f"checks.yaml: unknown severities {bad}; use one of {SEVERITIES}")
    plaus = data.get("plausibility") or {}
    parts = data.get("part_lists") or {}
    try:
        pct = plaus["pct_change"]
        return CheckSettings(
            severities=severities,
            rounding_slack=float(data.get("rounding_slack", 1.0)),
            relative_slack=float(data.get("relative_slack", 0.0)),
            year_ago_words=frozenset(data.get("year_ago_words") or []),
            in_year_periods=dict(data.get("in_year_periods") or {}),
            compare_regions=dict(data.get("compare_regions") or {}),
            real_growth_indicators=frozenset(data.get("real_growth_indicators") or []),
            real_growth_name_patterns=tuple(data.get("real_growth_name_patterns") or []),
            real_growth_sentence_words=tuple(data.get("real_growth_sentence_words") or []),
            cumulative_flows=frozenset(data.get("cumulative_flows") or []),
            cumulative_name_patterns=tuple(data.get("cumulative_name_patterns") or []),
            pct_change_min=float(pct["min"]),
            pct_change_max=float(pct["max"]),
            per_capita_yuan_max=float(plaus["per_capita_yuan_max"]),
            per_capita_markers=tuple(plaus.get("per_capita_markers") or ["人均"]),
            money_base_units=frozenset(plaus.get("money_base_units") or ["元"]),
            count_units=frozenset(plaus.get("count_units") or []),
            part_list_openers=tuple(parts.get("openers") or ["其中"]),
            part_list_sentence_openers=tuple(parts.get("sentence_openers") or parts.get("openers") or ["其中"]),
            part_list_skip_words=tuple(parts.get("skip_words") or []),
            part_list_new_statement_verbs=tuple(parts.get("new_statement_verbs") or []),
            share_digit_slack=float(data.get("share_digit_slack", 2.0)),
            share_whole_suffixes=tuple(data.get("share_whole_suffixes") or []),
            non_additive_units=frozenset(data.get("non_additive_units") or []),
            sibling_list_openers=tuple(parts.get("sibling_openers") or []),
            count_complements=tuple(tuple(c) for c in data.get("count_complements") or []),
            town_endings=tuple(load_lexicon("regions").get("town_endings") or []),
            split_share_words=tuple(data.get("split_share_words") or []),
            unit_families={str(u): str(family) for family, units in (data.get("unit_families") or {}).items()
                           for u in units},
        )
    except KeyError as exc:
        raise ValueError(f"checks.yaml: missing setting {exc}") from exc


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The packaged catalog.yaml, parsed once per process."""
    return build_catalog(load_catalog_data())


@lru_cache(maxsize=1)
def default_settings() -> CheckSettings:
    """The packaged checks.yaml, parsed once per process."""
    return build_settings(load_check_settings())
