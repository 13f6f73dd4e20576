"""Run another extractor inside a test: a lexicon edited in a private copy, and a new extractor version."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from bulletins import version as version_module
from bulletins.extract import lexicon as lexicon_module


def clear_extractor_caches() -> None:
    """The extractor loads its lexicons once; an edited lexicon needs every cache emptied."""
    version_module.extractor_version.cache_clear()
    for name, module in list(sys.modules.items()):
        if name.startswith("bulletins.extract") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@contextmanager
def other_extractor(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """`change(version, lexicon=None, edit=None)`: run another extractor from now on (restored on exit)."""
    patch = pytest.MonkeyPatch()

    def change(version: str, lexicon: str | None = None, edit: Callable[[Any], None] | None = None) -> str:
        if lexicon is not None and edit is not None:
            copy = tmp_path / f"lexicon-{version}"
            shutil.copytree(lexicon_module.LEXICON_DIR, copy)
            path = copy / f"{lexicon}.yaml"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            edit(data)
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            patch.setattr(lexicon_module, "LEXICON_DIR", copy)
        patch.setattr(version_module, "compute_version", lambda *a, **k: version)
        clear_extractor_caches()
        assert version_module.extractor_version() == version
        return version

    try:
        yield change
    finally:
        patch.undo()
        clear_extractor_caches()


def forget_yuji(status: dict[str, Any]) -> None:
    """An edit of status.yaml: 预计 no longer marks an estimate."""
    for key in ("estimate", "chain_openers"):
        status[key] = [w for w in status[key] if w != "预计"]
