"""Loads the YAML lexicons in bulletins/data/lexicon/ once; code only assembles them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"
CATALOG_PATH = Path(__file__).resolve().parent.parent / "data" / "catalog.yaml"


@cache
def load_lexicon(name: str) -> Any:
    """Parsed content of `data/lexicon/<name>.yaml`; a missing file is an error, not an empty lexicon."""
    path = LEXICON_DIR / f"{name}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"lexicon {name!r} not found at {path}")
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_catalog() -> dict[str, Any]:
    """The indicator catalog (codes, aliases, parents, check groups), its domain files merged."""
    from bulletins.extract.catalog import load_catalog_data

    return load_catalog_data()


def lexicon_names() -> list[str]:
    """Every lexicon file, for the test that loads every entry."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of lexicon words, escaped and longest first so 万人次 wins over 万人."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
