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
    """Regex alternation of lexicon words, escaped and longest first so 万人次 wins over 万人.

    Written as a trie (万(?:人(?:次)?)?): the engine then reads each character once instead of trying
    every word in turn, and, since the words matching at one position are prefixes of one another, it
    still tries them longest first, exactly as the flat `w1|w2|…` sorted by length would.
    """
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a word
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    """The alternation a trie node stands for; a word ending at the node is tried after the longer ones."""
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
    return body
