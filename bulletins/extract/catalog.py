"""Indicator codes from the catalog (`data/catalog.yaml`): names and aliases matched after normalization.

Normalization makes writers' variants meet: 交通和通信 = 交通通信, 教育、文化和娱乐 =
教育文化娱乐, 全体居民人均… = 居民人均…, 生活消费支出 = 消费支出.
"""

from __future__ import annotations

import re
from functools import cache

from bulletins.extract.lexicon import load_catalog

_PUNCT = re.compile(r"[\s、，,·“”\"'（）()《》]")
_CONJ = re.compile(r"(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])")
_REWRITES = (("全体居民", "居民"), ("常住居民", "居民"), ("生活消费支出", "消费支出"), ("消费性支出", "消费支出"),
             ("性收入", "收入"), ("净收入", "收入"))


def normalize_name(name: str) -> str:
    """The matching key of an indicator name: no punctuation, no 和/及/与 between words, common rewrites."""
    key = _CONJ.sub("", _PUNCT.sub("", name))
    for a, b in _REWRITES:
        key = key.replace(a, b)
    return key


@cache
def _index() -> dict[str, str]:
    cat = load_catalog()
    index: dict[str, str] = {}
    for code, spec in (cat.get("indicators") or {}).items():
        for n in [spec["name"], *(spec.get("aliases") or [])]:
            key = normalize_name(n)
            if key in index and index[key] != code:
                raise ValueError(f"catalog: name {n!r} maps to both {index[key]!r} and {code!r}")
            index[key] = code
    return index


def indicator_code(indicator: str) -> str | None:
    """The catalog code of an indicator name, or None when the catalog does not know it."""
    if not indicator:
        return None
    return _index().get(normalize_name(indicator))
