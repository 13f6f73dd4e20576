"""Units as written → base unit and value, from `lexicon/units.yaml`.

A unit as written is an optional multiplier (万, 亿, 万亿…) and a unit word
(元, 人次, 平方米…): 万平方米 → 平方米 ×10⁴, 亿美元 → 美元 ×10⁸. A bare multiplier
(1.1万) is a count in units. An unknown unit comes back as written, unscaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bulletins.extract.lexicon import alternation, load_lexicon


@dataclass(frozen=True)
class UnitInfo:
    """One unit word of the lexicon."""

    word: str
    base: str
    factor: float
    count: bool = False
    blank: bool = False


@cache
def unit_table() -> dict[str, UnitInfo]:
    """Every unit word of the lexicon by its written form."""
    lex = load_lexicon("units")
    out = {}
    for word, spec in lex["units"].items():
        out[str(word)] = UnitInfo(
            word=str(word),
            base=str(spec["base"]),
            factor=float(spec["factor"]),
            count=bool(spec.get("count", False)),
            blank=bool(spec.get("blank", False)),
        )
    return out


@cache
def multipliers() -> dict[str, float]:
    """Multiplier prefixes (万, 亿, 万亿…) and their factors."""
    return {str(k): float(v) for k, v in load_lexicon("units")["multipliers"].items()}


@cache
def name_after() -> dict[str, tuple[str, ...]]:
    """Per unit, the words after it that make the number part of a name (24条政策)."""
    return {str(k): tuple(str(x) for x in v) for k, v in load_lexicon("units")["name_after"].items()}


@cache
def unit_pattern() -> str:
    """Regex for a unit word (without multiplier)."""
    return alternation(list(unit_table()))


@cache
def multiplier_pattern() -> str:
    return alternation(list(multipliers()))


def split_unit(unit: str) -> tuple[float, str]:
    """'万平方米' → (10000.0, '平方米'); '万' → (10000.0, ''); unknown → (1.0, unit)."""
    table = unit_table()
    if unit in table:
        return 1.0, unit
    for prefix in sorted(multipliers(), key=len, reverse=True):
        if unit.startswith(prefix):
            rest = unit[len(prefix) :]
            if rest == "" or rest in table:
                return multipliers()[prefix], rest
    return 1.0, unit


def to_base(value: float | None, unit: str) -> tuple[float | None, str]:
    """Value and unit in the base unit of the lexicon (None stays None); unknown units pass through."""
    mult, word = split_unit(unit)
    info = unit_table().get(word)
    if info is None:
        base, factor = word, 1.0
    else:
        base, factor = info.base, info.factor
    if value is None:
        return None, base
    return value * mult * factor, base
