"""`bulletins extract` prints the contract's fields as JSON Lines, with spans into the file's text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bulletins.model import FACT_FIELDS


def _extract(*files: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "bulletins.cli", "extract", *map(str, files), "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_extract_jsonl_fields_and_spans(seeds_dir: Path) -> None:
    path = seeds_dir / "000_453bd0097b4f3257.txt"
    rows = _extract(path)
    assert rows
    text = path.read_text(encoding="utf-8")
    for row in rows:
        assert tuple(row) == FACT_FIELDS
        assert row["doc"] == path.name
        assert text[row["span_start"] : row["span_end"]] == row["quote"]
    assert any(r["value"] == 22861 and r["unit"] == "元" and r["measure"] == "level" for r in rows)


def test_extract_same_path_as_library(seeds_dir: Path) -> None:
    from bulletins.extract import extract_facts
    from bulletins.model import sha256_hex

    path = seeds_dir / "002_039130f0dd037b53.txt"
    raw = path.read_bytes()
    lib = [f.to_dict() for f in extract_facts(raw.decode("utf-8"), doc=path.name, doc_id=sha256_hex(raw))]
    assert _extract(path) == lib


def test_extract_unreadable_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    proc = subprocess.run(
        [sys.executable, "-m", "bulletins.cli", "extract", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "bad.pdf" in proc.stderr and "cannot be read" in proc.stderr
