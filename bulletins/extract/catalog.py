"""The indicator catalog: codes, names, aliases and the hierarchy, and matching a fact's name to its code.

The catalog is data: `data/catalog.yaml` (normalization rewrites, which files make up the catalog)
and the domain files under `data/catalog/` (national accounts, fiscal, household, …). A domain
file may declare `population_splits`: one family of indicators (per-capita income and its four
sources, consumption and its eight categories) spelled once and expanded for all, urban and rural
residents, so each population gets its own codes and its own sum group.

Matching (`indicator_code`) is by the normalized name, then by the group context the extractor
passes: the total a list is printed under (城镇居民人均消费支出…，其中衣着支出… → the urban clothing
code, not the all-residents one). A name the catalog cannot place gets no code: a wrong code is
worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CATALOG_PATH = DATA_DIR / "catalog.yaml"

_PUNCT = re.compile(r"[\s、，,·“”\"'（）()《》]")
_CONJ = re.compile(r"(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])")
_ENTRY_KEYS = {"name", "aliases", "parent", "unit", "scope", "population", "class_code", "note", "nonnegative",
               "defined_as", "part_names"}


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _expand_populations(spec: dict[str, Any], where: str) -> tuple[dict[str, Any], list[dict], list[dict]]:
    """Indicators, groups and urban/rural triples of one `population_splits` family."""
    pops: dict[str, dict[str, Any]] = spec["populations"]
    indicators: dict[str, Any] = {}
    groups: list[dict] = []
    triples: list[dict] = []
    for fam in spec["families"]:
        root = fam["code"]
        members = fam.get("components") or {}
        extra = fam.get("extra") or {}  # members outside the sum (pre-2013 names are alternatives)
        for pop_key, pop in pops.items():
            sub = f"{root}.{pop['code']}" if pop.get("code") else root
            prefixes = [pop["prefix"], *(pop.get("alias_prefixes") or [])]

            def names(stems: list[str], bare: bool, prefixes: list[str] = prefixes) -> list[str]:
                out = [p + s for s in stems for p in prefixes]
                return out + (list(stems) if bare else [])

            stems = [fam["stem"], *(fam.get("stem_aliases") or [])]
            all_names = names(stems, pop.get("bare", False)) + names(fam.get("prefixed_stems") or [], False)
            indicators[sub] = {"name": all_names[0], "aliases": all_names[1:], "unit": fam.get("unit"),
                               "population": pop_key, "nonnegative": True}
            for key, m in {**members, **extra}.items():
                mstems = [m["stem"], *(m.get("stem_aliases") or [])]
                mnames = names(mstems, pop.get("bare", False))
                indicators[f"{sub}.{key}"] = {"name": mnames[0], "aliases": mnames[1:], "parent": sub,
                                              "unit": fam.get("unit"), "population": pop_key,
                                              "nonnegative": m.get("nonnegative", True),
                                              **({"note": m["note"]} if m.get("note") else {})}
            if members:
                alternatives = {f"{sub}.{k}": [f"{sub}.{a}" for a in m.get("alternatives", [])]
                                for k, m in members.items() if m.get("alternatives")}
                groups.append({"total": sub, "components": [f"{sub}.{k}" for k in members],
                               "alternatives": alternatives, "tolerance_per_component": None,
                               "kind": fam.get("kind", root)})
        if {"urban", "rural"} <= pops.keys():
            for key in ["", *members]:
                code = lambda pop, key=key, root=root: ".".join(  # noqa: E731
                    x for x in (root, pops[pop].get("code"), key) if x)
                triples.append({"total": code("all"), "urban": code("urban"), "rural": code("rural")})
    if not indicators:
        raise ValueError(f"catalog: {where} population_splits expands to nothing")
    return indicators, groups, triples


@cache
def load_catalog_data() -> dict[str, Any]:
    """The whole catalog: catalog.yaml merged with every domain file it names (cached; read-only).

    A code defined twice, or a group naming an unknown code, is an error, not a silent overwrite.
    """
    root = _read(CATALOG_PATH)
    merged: dict[str, Any] = {"indicators": {}, "groups": [], "urban_rural": [],
                              "normalization": root.get("normalization") or {}, "sources": {}}

    def add(part: dict[str, Any], where: str) -> None:
        for code, entry in (part.get("indicators") or {}).items():
            if code in merged["indicators"]:
                raise ValueError(f"catalog: {where} defines {code!r} again")
            unknown = set(entry or {}) - _ENTRY_KEYS
            if unknown:
                raise ValueError(f"catalog: {where} {code}: unknown keys {sorted(unknown)}")
            merged["indicators"][code] = entry or {}
        merged["groups"] += part.get("groups") or []
        merged["urban_rural"] += part.get("urban_rural") or []
        if part.get("population_splits"):
            ind, groups, triples = _expand_populations(part["population_splits"], where)
            add({"indicators": ind, "groups": groups, "urban_rural": triples}, where)

    add(root, CATALOG_PATH.name)
    for pattern in root.get("parts") or []:
        for path in sorted(CATALOG_PATH.parent.glob(pattern)):
            part = _read(path)
            merged["sources"][path.name] = part.get("source", "")
            add(part, path.name)
    return merged


def normalize_name(name: str) -> str:
    """The matching key of a name: no pinyin glosses, punctuation or brackets, no 和/及/与 between words,
    and the catalog's rewrites of writers' variants (全体居民 → 居民, 交通和通信 = 交通通信)."""
    for rx in _drops():
        name = rx.sub("", name)
    key = _CONJ.sub("", _PUNCT.sub("", name))
    for a, b in _rewrites():
        key = key.replace(a, b)
    return key


def _norm() -> dict[str, Any]:
    return load_catalog_data()["normalization"] or {}


@cache
def _rewrites() -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in _norm().get("rewrites") or [])


@cache
def _drops() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _norm().get("drop_patterns") or [])


@cache
def _trailing() -> tuple[str, ...]:
    return tuple(sorted(_norm().get("trailing_words") or [], key=len, reverse=True))


@dataclass
class CatalogIndex:
    """Normalized names to codes, with the hierarchy matching needs."""

    names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    keys: dict[str, str] = field(default_factory=dict)  # normalized name/alias -> code
    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    population: dict[str, str] = field(default_factory=dict)  # code -> all | urban | rural
    siblings: dict[tuple[str, str], str] = field(default_factory=dict)  # (all-code, population) -> code
    explicit: dict[str, bool] = field(default_factory=dict)  # key says its population (居民人均…, 城镇…)
    parts: dict[tuple[str, str], str] = field(default_factory=dict)  # (parent, part name) -> code, under it only


def build_index(data: dict[str, Any]) -> CatalogIndex:
    """Index a merged catalog; an alias naming two codes is an error."""
    idx = CatalogIndex()
    prefixes = _population_prefixes()
    for code, entry in data["indicators"].items():
        name = entry.get("name") or code
        idx.names[code] = name
        if entry.get("parent"):
            idx.parent[code] = entry["parent"]
            idx.children.setdefault(entry["parent"], []).append(code)
        if entry.get("population"):
            idx.population[code] = entry["population"]
        if entry.get("part_names") and not entry.get("parent"):
            raise ValueError(f"catalog: {code} has part_names but no parent to be listed under")
        for part in entry.get("part_names") or []:  # 在职职工 means this only listed under its parent
            idx.parts[(entry["parent"], normalize_name(part))] = code
        for alias in [name, *(entry.get("aliases") or [])]:
            key = normalize_name(alias)
            other = idx.keys.get(key)
            if other is not None and other != code:
                raise ValueError(f"catalog: name {alias!r} maps to both {other!r} and {code!r}")
            idx.keys[key] = code
            idx.explicit[key] = key.startswith(prefixes)
    for tri in data["urban_rural"]:
        for pop in ("urban", "rural"):
            idx.siblings[(tri["total"], pop)] = tri[pop]
    for code, parent in idx.parent.items():
        if parent not in idx.names:
            raise ValueError(f"catalog: {code} has unknown parent {parent!r}")
    return idx


@cache
def _population_prefixes() -> tuple[str, ...]:
    words = (load_catalog_data()["normalization"] or {}).get("population_words") or []
    return tuple(normalize_name(w) for w in words)


@cache
def catalog_index() -> CatalogIndex:
    """The packaged catalog, indexed once per process."""
    return build_index(load_catalog_data())


def part_name_of(name: str, context: str | None) -> str | None:
    """城市 listed under 居民消费价格 → 城市居民消费价格: the canonical name of an entry a bare part name
    (`part_names`) stands for under its parent; None for any other name."""
    idx = catalog_index()
    code = idx.parts.get((context, normalize_name(name))) if context else None
    return idx.names[code] if code else None


def within(code: str | None, ancestor: str) -> bool:
    """Is `code` the ancestor itself or below it in the catalog's hierarchy?"""
    parents, seen = catalog_index().parent, set()
    while code is not None and code not in seen:
        if code == ancestor:
            return True
        seen.add(code)
        code = parents.get(code)
    return False


def child_name(parent: str, label: str) -> str | None:
    """城镇 under 社会消费品零售总额 → 城镇消费品零售额: the one catalog component of the parent's code
    whose name starts with the label (a table's child row says only what sets it apart)."""
    idx = catalog_index()
    code = indicator_code(parent)
    key = normalize_name(label)
    if code is None or len(key) < 2:
        return None
    named = [idx.names[c] for c in idx.children.get(code, []) if normalize_name(idx.names[c]).startswith(key)]
    return named[0] if len(named) == 1 else None


_SHARE = re.compile(r"^(?P<part>.+?)占(?:全[市省区县国])?(?P<whole>.*?)的?(?:比重|比例|份额)?$")


@lru_cache(maxsize=8192)
def indicator_code(indicator: str, context: str | None = None) -> str | None:
    """The catalog code of an indicator name, or None when the catalog cannot place it.

    `context` is the code of the total the fact is listed under (the population's total for a
    household list). A name that does not say its population (人均衣着支出) takes the context's;
    a bare part (采矿业, 衣着) is found among the context's components by the total's head noun.
    A share of a component in its total (第一产业增加值占地区生产总值比重) is coded as the
    component: the measure (share) says the rest.
    """
    if not indicator:
        return None
    idx = catalog_index()
    key = normalize_name(indicator)
    code = idx.keys.get(key)
    if code is None:
        cut = next((w for w in _trailing() if key.endswith(w) and key[:-len(w)] in idx.keys), None)
        if cut:
            key = key[:-len(cut)]
            code = idx.keys[key]
    if code is None and "占" in key:
        return _share_of(idx, key)
    if context is None or context not in idx.names:
        return code
    if code is not None:
        return _in_population(idx, code, key, context)
    return idx.parts.get((context, key)) or _component_of(idx, key, context)


def _share_of(idx: CatalogIndex, key: str) -> str | None:
    """X占Y比重: X's code, when Y is unknown (规模以上工业, 全部投资) or one of X's totals; a share in
    another known indicator is not X's."""
    m = _SHARE.match(key)
    part = idx.keys.get(m.group("part")) if m else None
    if m is None or part is None:
        return None
    whole = idx.keys.get(m.group("whole")) if m.group("whole") else None
    up = idx.parent.get(part)
    while whole is not None and up is not None and up != whole:
        up = idx.parent.get(up)
    return part if whole is None or up == whole else None


def _in_population(idx: CatalogIndex, code: str, key: str, context: str) -> str:
    """An all-residents indicator whose name does not say so, listed after an urban or rural total,
    is that population's (城镇居民人均可支配收入…，人均消费支出… → urban consumption)."""
    pop = idx.population.get(context)
    if pop in (None, "all") or idx.population.get(code) != "all" or idx.explicit.get(key, True):
        return code
    return idx.siblings.get((code, pop), code)


def _component_of(idx: CatalogIndex, key: str, context: str) -> str | None:
    """A bare part (衣着, 采矿业) under its total: the component named part + the total's head noun."""
    total = normalize_name(idx.names[context])
    kids = set(idx.children.get(context, []))
    for n in range(2, min(5, len(total))):
        head = total[-n:]
        code = idx.keys.get(key + head)
        if code is not None:
            code = _in_population(idx, code, key + head, context)
            if code in kids:
                return code
    return None


@cache
def _listed_heads() -> frozenset[str]:
    """Every start of a catalog name that holds 、 before its last 、-free part (电力、热力、燃气及水生产和供应业
    of …供应业增加值): official branch names written with 、, which a list split must not cut."""
    heads = set()
    for entry in load_catalog_data()["indicators"].values():
        for written in [entry.get("name") or "", *(entry.get("aliases") or [])]:
            if "、" in written:
                last = written.rindex("、")
                heads.update(written[:i] for i in range(last + 2, len(written) + 1))
    return frozenset(heads)


def is_listed_name(name: str) -> bool:
    """电力、热力、燃气及水生产和供应业: a name with 、 that starts a catalog name, so one item, not a list."""
    return "、" in name and name in _listed_heads()


def list_context(earlier: list[str | None], carried: str | None = None) -> str | None:
    """The total the next fact of a sentence is listed under: the last coded fact of the sentence if it
    is a total (a code with components), the total of it if it is a component (the list goes on), else
    the total `carried` over from the sentence this one continues."""
    idx = catalog_index()
    for code in reversed(earlier):
        if code is None:
            continue
        if code in idx.children:
            return code
        return idx.parent.get(code, carried)
    return carried


def continues_list(sentence: str, chained: bool) -> bool:
    """Does this sentence go on with the list of the one before it? It opens with 其中 (or another
    list opener of the catalog's normalization), or the one before ended with ；."""
    body = sentence.lstrip(" \t\u3000,，")
    return chained or body.startswith(tuple(_norm().get("list_openers") or [])) or bool(_opener().match(body))


@cache
def _opener() -> re.Pattern[str]:
    return re.compile(_norm().get("list_opener_pattern") or r"(?!)")


def is_total(code: str | None) -> bool:
    """A code with components: a list printed after it (其中…) is of its parts."""
    return code is not None and code in catalog_index().children


def names_of(codes: Iterable[str]) -> list[str]:
    """Canonical names of codes, for messages."""
    idx = catalog_index()
    return [idx.names.get(c, c) for c in codes]
