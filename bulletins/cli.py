"""The `bulletins` command: ingest, extract, query, checks, serve.

`extract` never imports Prefect: it is the same extractor the flow uses, run
directly on files.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _read_document(path: Path):  # -> Document
    """Decode a file the way ingestion does (encoding detection, HTML/PDF to text)."""
    from bulletins.model import Document, sha256_hex

    raw = path.read_bytes()
    try:
        from bulletins.sources import decode_bytes
    except ImportError:  # sources package not built yet: plain UTF-8 text
        return Document(doc_id=sha256_hex(raw), doc=path.name, source=str(path), text=raw.decode("utf-8-sig"))
    document = decode_bytes(raw, path.name)
    document.source = str(path.resolve())
    return document


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the facts of files as JSON Lines (or a table), without a warehouse."""
    from bulletins.extract import extract_facts

    out = sys.stdout
    status = 0
    for name in args.files:
        path = Path(name)
        document = _read_document(path)
        if not document.ok:
            print(f"{path}: cannot be read: {document.reason}", file=sys.stderr)
            status = 1
            continue
        facts = extract_facts(
            document.text, doc=path.name, doc_id=document.doc_id, doc_date=document.pub_date,
            title=document.title,
        )
        for fact in facts:
            row = fact.to_dict()
            if args.format == "jsonl":
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                out.write(
                    "\t".join(str(row[k]) for k in ("doc", "quote", "value", "unit", "measure", "indicator",
                                                     "region", "period", "status", "qualifier")) + "\n"
                )
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bulletins", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print the quantity facts of files (no warehouse)")
    p.add_argument("files", nargs="+", help="bulletin files (.txt in any common encoding, .html, .pdf)")
    p.add_argument("--format", choices=["jsonl", "tsv"], default="jsonl")
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
