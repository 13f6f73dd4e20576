"""Build a held-out set's gold.jsonl from its compact label files (labels/ beside docs/).

usage: build_gold.py [SET_DIR]   (default: the folder of this script; tests/heldout2 uses it too)

Why a compact form: writing 13 JSON fields per fact by hand invites slips; the
label files state only what differs from section defaults, and this script fills
in value and unit from the quote where they can be read off it.

Label file syntax (one per document, named after the document stem):
  # comment
  @key=val ...                  set defaults for the following lines (r p s q c)
  anchor | quote | indicator | M [| key=val ...]
M is L (level), C (change), C- (change with the sign flipped, 下降), S (share), R (ratio).
An empty quote means the whole anchor; `\\|` in a field is a literal | (a markdown table
row in an anchor). keys: v value, u unit, r region, p period, s status, q qualifier,
c compare_to (default for C/R comes from @c). A quote without digits and without v=
is a blank (missing); give its unit with u=.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
FULL = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
NUM = re.compile(r"[-+]?\d+(?:\.\d+)?")
MEASURE = {"L": "level", "C": "change", "C-": "change", "S": "share", "R": "ratio"}


def parse_opts(parts: list[str]) -> dict[str, str]:
    """key=val pairs; 'none' spells null."""
    out = {}
    for part in parts:
        for p in part.split():
            k, _, v = p.partition("=")
            out[k] = v
    return out


def build(doc: str, lines: list[str]) -> list[dict]:
    """Expand one document's label lines into gold facts."""
    defaults = {"r": None, "p": None, "s": "actual", "q": "exact", "c": "上年同期"}
    facts = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            for k, v in parse_opts(line[1:].split()).items():
                defaults[k] = None if v == "none" else v
            continue
        parts = [p.strip().replace("\\|", "|") for p in re.split(r"(?<!\\)\|", line)]
        anchor, quote, indicator, m = parts[:4]
        opts = {**defaults, **{k: (None if v == "none" else v) for k, v in parse_opts(parts[4:]).items()}}
        anchor = anchor.replace("\\n", "\n")
        quote = (quote or anchor).replace("\\n", "\n")
        flat = quote.translate(FULL).replace("\n", "")
        found = NUM.search(flat)
        missing = "v" not in parts_keys(parts) and found is None
        if missing:
            value = None
        elif "v" in parts_keys(parts):
            value = float(opts["v"])
        else:
            value = float(found.group())
        if value is not None and value == int(value):
            value = int(value)
        if m == "C-" and value is not None:
            value = -value
        if "u" in parts_keys(parts):
            unit = opts["u"] or ""
        else:
            unit = NUM.sub("", flat, count=1).replace("余", "").replace("多", "")
        measure = MEASURE[m]
        compare = opts["c"] if measure in ("change", "ratio") else None
        if "c" in parts_keys(parts):
            compare = opts["c"]
        facts.append({
            "doc": doc, "anchor": anchor, "quote": quote, "indicator": indicator,
            "region": opts["r"], "period": opts["p"], "measure": measure, "value": value,
            "unit": unit, "status": opts["s"], "qualifier": opts["q"], "compare_to": compare,
            "missing": missing,
        })
    return facts


def parts_keys(parts: list[str]) -> set[str]:
    """Keys given explicitly on the line (not inherited from @ defaults)."""
    return set(parse_opts(parts[4:]).keys())


def main() -> int:
    """Write gold.jsonl into the set's folder (the argument, or the folder of this script)."""
    here = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    rows = []
    for lab in sorted((here / "labels").glob("*.txt")):
        doc = lab.stem + ".txt"
        if not (here / "docs" / doc).exists():
            print(f"no document for {lab.name}", file=sys.stderr)
            return 1
        rows += build(doc, lab.read_text(encoding="utf-8").splitlines())
    with open(here / "gold.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
