"""The extractor's version: what produced a fact, so a warehouse can tell facts of an older extractor.

It is the package version plus a hash of everything that decides what facts come out of a
text: the lexicons, the catalog and the other data files under `bulletins/data/`, and the
extractor's own code, and the home region (`BULLETINS_HOME_REGION`). Any edit to one of them gives a
new version, and `bulletins reprocess`
re-extracts the documents whose facts carry another one.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from bulletins import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
#: What the version covers, relative to the package: data files and the extractor's modules.
INPUTS = ("data/**/*", "extract/**/*.py")


def input_files(root: Path = PACKAGE_DIR) -> list[Path]:
    """The files whose content the version hashes, in a stable order."""
    files = {p for pattern in INPUTS for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts}
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def compute_version(root: Path = PACKAGE_DIR) -> str:
    """`<package version>+<12 hex digits>` over the names and bytes of `input_files(root)`."""
    h = hashlib.sha256()
    for path in input_files(root):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    # the home region changes the facts of texts that name no area, so it is part of the version
    h.update(f"home={os.environ.get('BULLETINS_HOME_REGION', '')}".encode())
    return f"{__version__}+{h.hexdigest()[:12]}"


@cache
def extractor_version() -> str:
    """The version of the extractor loaded in this process (computed once: the files are read at start)."""
    return compute_version()
