"""Plain-text rendering of query results, aligned for CJK text (wide characters count double)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any


def display_width(s: str) -> int:
    """Terminal columns a string occupies: East Asian wide/full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def truncate(text: str, max_width: int) -> str:
    """Cut text to at most `max_width` display columns, marking the cut with an ellipsis (0: never cut)."""
    if not max_width or display_width(text) <= max_width:
        return text
    out, used = [], 0
    for c in text:
        cw = display_width(c)
        if used + cw > max_width - 1:
            break
        out.append(c)
        used += cw
    return "".join(out) + "…"


def _cell(value: Any, max_width: int) -> str:
    return truncate("NULL" if value is None else str(value).replace("\n", " "), max_width)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", max_width: int = 60) -> str:
    """Rows as an aligned table (with a row count), CSV, JSON Lines or one JSON array."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2,
                          default=_json_default) + "\n"
    if fmt == "jsonl":
        return "".join(
            json.dumps(dict(zip(columns, r, strict=True)), ensure_ascii=False, default=_json_default) + "\n"
            for r in rows
        )
    cells = [[_cell(v, max_width) for v in r] for r in rows]
    widths = [display_width(c) for c in columns]
    for r in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, r, strict=True)]

    def line(values: Sequence[str]) -> str:
        return " | ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
