"""The source layer's vocabulary, loaded once from `bulletins/data/sources.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

VOCAB_PATH = Path(__file__).resolve().parent.parent / "data" / "sources.yaml"


@dataclass(frozen=True)
class SourceVocab:
    inbox_extensions: dict[str, str]
    content_types: dict[str, str]
    feed_content_types: tuple[str, ...]
    feed_url_suffixes: tuple[str, ...]
    date_meta_names: tuple[str, ...]
    title_meta_names: tuple[str, ...]
    encoding_supersets: dict[str, str]
    encoding_fallbacks: dict[str, tuple[str, ...]]
    boms: tuple[tuple[bytes, str], ...]
    sidecar_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def vocab() -> SourceVocab:
    """Parse the vocabulary file; a missing or malformed key is an error, not an empty list."""
    with VOCAB_PATH.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return SourceVocab(
        inbox_extensions={k.lower(): v for k, v in raw["inbox_extensions"].items()},
        content_types={k.lower(): v for k, v in raw["content_types"].items()},
        feed_content_types=tuple(t.lower() for t in raw["feed_content_types"]),
        feed_url_suffixes=tuple(s.lower() for s in raw["feed_url_suffixes"]),
        date_meta_names=tuple(n.lower() for n in raw["date_meta_names"]),
        title_meta_names=tuple(n.lower() for n in raw["title_meta_names"]),
        encoding_supersets={k.lower(): v for k, v in raw["encoding_supersets"].items()},
        encoding_fallbacks={k.lower(): tuple(v) for k, v in raw["encoding_fallbacks"].items()},
        boms=tuple((bytes.fromhex(h), codec) for h, codec in raw["boms"]),
        sidecar_suffixes=tuple(raw["sidecar_suffixes"]),
    )
