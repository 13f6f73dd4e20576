"""The `bulletins` command: ingest, reprocess, extract, query, series, checks, serve.

`extract` never imports Prefect: it is the same extractor the flow uses, run
directly on files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from pydantic_settings import SettingsError

from bulletins.extract.meta import DocMeta
from bulletins.model import MEASURES, Document


def _read_document(path: Path, given: DocMeta | None = None) -> Document:
    """Decode a file the way ingestion does (encoding detection, HTML/PDF to text, its sidecar), then let
    the metadata given on the command line win over both."""
    from bulletins.sources import decode_bytes
    from bulletins.sources.docmeta import SidecarError, prefer, user_meta

    document = decode_bytes(path.read_bytes(), path.name)
    document.source = str(path.resolve())
    if document.ok:
        try:
            prefer(document, user_meta(path))
        except SidecarError as exc:
            document.status, document.reason = "quarantined", str(exc)
            return document
        prefer(document, given)
    return document


def _given_meta(args: argparse.Namespace) -> DocMeta | None:
    """`--date/--title/--url/--region` as one DocMeta (a bad date is a usage error, not a traceback)."""
    from bulletins.extract.meta import DocMeta

    fields = {k: getattr(args, k) for k in ("date", "title", "url", "region") if getattr(args, k)}
    if not fields:
        return None
    try:
        return DocMeta.from_mapping(fields, source="given")
    except ValueError as exc:
        raise SystemExit(f"bulletins extract: {exc}") from exc


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the facts of files as JSON Lines (or a table), without a warehouse."""
    from bulletins.extract import extract_document

    out = sys.stdout
    status = 0
    given = _given_meta(args)
    for name in args.files:
        path = Path(name)
        document = _read_document(path, given)
        if not document.ok:
            print(f"{path}: cannot be read: {document.reason}", file=sys.stderr)
            status = 1
            continue
        facts, _ = extract_document(document.text, doc=path.name, doc_id=document.doc_id, meta=document.doc_meta())
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


def _prefect_defaults() -> None:
    """Serverless Prefect by default, and no analytics (this tool runs offline)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _print_summary(summary: dict[str, Any], out: TextIO | None = None) -> None:
    """The run summary the issue asks for: documents, facts, checks, and how to look further."""
    out = out or sys.stdout
    failed = summary["checks_failed"]
    reprocess = ""
    if summary.get("reprocessed_documents") or summary.get("reprocess_failed"):
        reprocess = (
            f"reprocess   {summary['reprocessed_documents']} documents re-extracted by {summary['extractor_version']}: "
            f"{summary['facts_added']} facts added, {summary['facts_removed']} removed, "
            f"{summary['facts_changed']} changed, {summary['reprocess_failed']} documents failed\n"
        )
    out.write(
        f"warehouse   {summary['warehouse']} (run {summary['run_id']}, snapshot {summary['snapshot_id']})\n"
        f"documents   {summary['documents_seen']} seen, {summary['new_documents']} new, "
        f"{summary['changed_documents']} changed (new versions), {summary['quarantined']} quarantined\n"
        f"facts       {summary['new_facts']} new, {summary['rejected_facts']} rejected by the contract\n"
        f"{reprocess}"
        f"checks      {summary['checks_passed']} passed, {failed['error']} errors, {failed['warn']} warnings, "
        f"{failed['info']} info\n"
        f"query       bulletins query \"select indicator, region, period, value, unit, quote from indicators "
        f"limit 20\"\n"
        f"alerts      bulletins checks --severity warn\n"
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    """Run the ingest flow (serverless Prefect unless PREFECT_API_URL points at a server)."""
    from bulletins.settings import get_settings

    get_settings(runner=args.runner, fail_on=args.fail_on)  # bad settings fail here, before any work
    _prefect_defaults()
    if args.runner:
        os.environ["BULLETINS_RUNNER"] = args.runner
    from flows.ingest import ChecksFailed, ingest_bulletins, make_task_runner

    flow_fn = ingest_bulletins
    if args.runner:
        flow_fn = ingest_bulletins.with_options(task_runner=make_task_runner(get_settings(runner=args.runner)))
    from bulletins.warehouse import WarehouseBusyError

    try:
        summary = flow_fn(sources=args.sources or None, warehouse=args.warehouse, fail_on=args.fail_on,
                          reprocess=args.reprocess)
    except ChecksFailed as exc:
        _print_summary(exc.summary)
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    except (FileNotFoundError, WarehouseBusyError) as exc:  # a missing source, another writer: nothing committed
        print(f"bulletins ingest: {exc}", file=sys.stderr)
        return 2
    _print_summary(summary)
    return 0


def _warehouse_dir(args: argparse.Namespace) -> Path:
    """The warehouse to read; a missing one is a message telling how to make it, not a traceback."""
    from bulletins.settings import get_settings
    from bulletins.warehouse import CATALOG_FILE

    root = Path(args.warehouse) if args.warehouse else get_settings().warehouse
    if not (root / CATALOG_FILE).exists():
        raise SystemExit(f"no warehouse at {root}: run `bulletins ingest` first (or pass --warehouse DIR)")
    return root


def cmd_query(args: argparse.Namespace) -> int:
    """Read-only SQL against the warehouse, printed as a table, CSV or JSON Lines."""
    import duckdb

    from bulletins.table import render
    from bulletins.warehouse import Warehouse, WarehouseError

    try:
        with Warehouse(_warehouse_dir(args), read_only=True) as wh:
            columns, rows = wh.query(args.sql, snapshot=args.snapshot)
    except (duckdb.Error, WarehouseError) as exc:  # the user's SQL or a busy warehouse: a message, no traceback
        print(f"bulletins query: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(columns, rows, fmt=args.format, max_width=args.max_width))
    return 0


def cmd_checks(args: argparse.Namespace) -> int:
    """Print the failed checks of a run (default: the latest), at or above a severity."""
    from bulletins.report import format_table
    from bulletins.warehouse import Warehouse, WarehouseError

    try:
        with Warehouse(_warehouse_dir(args), read_only=True) as wh:
            df = wh.check_results(run_id=args.run, severity=args.severity, failed_only=not args.all)
    except WarehouseError as exc:  # e.g. busy: another process keeps the catalog open read-write
        print(f"bulletins checks: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(format_table(df.to_dicts()))
    return 0


def resolve_indicator(text: str) -> str | None:
    """A catalog code from a code, or from a name or alias as the extractor matches names."""
    from bulletins.extract.catalog import catalog_index, indicator_code

    text = text.strip()
    return text if text in catalog_index().names else indicator_code(text)


def close_indicators(text: str, limit: int = 8) -> list[str]:
    """Catalog entries resembling `text` (`name (code)`): names and aliases containing it or close to it."""
    import difflib

    from bulletins.extract.catalog import catalog_index, normalize_name

    idx = catalog_index()
    key = normalize_name(text.strip())
    hits = [code for alias, code in idx.keys.items() if key and (key in alias or alias in key)]
    hits += [idx.keys[a] for a in difflib.get_close_matches(key, list(idx.keys), n=limit, cutoff=0.5)]
    hits += difflib.get_close_matches(text.strip(), list(idx.names), n=limit, cutoff=0.6)
    return [f"{idx.names[c]} ({c})" for c in list(dict.fromkeys(hits))[:limit]]


#: The columns `bulletins series` prints as a table; csv/jsonl/json print every column of the view.
SERIES_TABLE = ("indicator_code", "name", "region", "period", "measure", "status", "comparison", "value", "unit",
                "qualifier", "n_sources", "conflict", "values", "doc", "span", "quote")


def _series_table(columns: list[str], rows: list[tuple[Any, ...]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The view's rows cut to what fits a terminal: the stated values in one cell, the span as start:end."""
    from bulletins.checks.base import fmt

    out = []
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        r["span"] = f"{r['span_start']}:{r['span_end']}"
        r["values"] = "; ".join(f"{fmt(v['value'])}{v['unit']} ({', '.join(v['docs'])})"
                                for v in r["distinct_values"]) if r["n_values"] > 1 else ""
        out.append(tuple(r[c] for c in SERIES_TABLE))
    return list(SERIES_TABLE), out


def cmd_series(args: argparse.Namespace) -> int:
    """One indicator's values across documents and periods, latest value first, with provenance."""
    from bulletins.table import render
    from bulletins.warehouse import Warehouse, WarehouseError

    code = resolve_indicator(args.indicator)
    if code is None:
        close = close_indicators(args.indicator)
        hint = f"close matches: {', '.join(close)}" if close else (
            "list the catalog with: bulletins query \"select code, name, aliases from indicator_catalog\"")
        print(f"bulletins series: no catalog indicator is named {args.indicator!r}; {hint}", file=sys.stderr)
        return 2
    try:
        with Warehouse(_warehouse_dir(args), read_only=True) as wh:
            columns, rows = wh.series(code, region=args.region, measure=args.measure)
    except WarehouseError as exc:  # busy, or a warehouse without the series view (ingest once to add it)
        print(f"bulletins series: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print(f"bulletins series: no current facts of {code} in this warehouse"
              f"{' for ' + args.region if args.region else ''}{' (' + args.measure + ')' if args.measure else ''}",
              file=sys.stderr)
    if args.format == "table":
        columns, rows = _series_table(columns, rows)
    elif args.format == "csv":  # nested cells as JSON, so a spreadsheet gets one readable cell
        rows = [tuple(json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, list | dict) else v
                      for v in row) for row in rows]
    sys.stdout.write(render(columns, rows, fmt=args.format, max_width=args.max_width))
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-extract stored documents of another extractor version; print the diff (no Prefect: fast when idle)."""
    from bulletins.reprocess import format_changes, reprocess, unchanged_counts
    from bulletins.warehouse import WarehouseError

    root = _warehouse_dir(args)  # reprocessing never creates a warehouse
    try:
        result = reprocess(root, select=args.doc or (), dry_run=args.dry_run)
    except WarehouseError as exc:  # busy, or no warehouse to read
        print(f"bulletins reprocess: {exc}", file=sys.stderr)
        return 2
    s = result.summary()
    if not result.stale:
        which = f" of the {len(args.doc)} selected" if args.doc else ""
        print(f"every document{which} is current (extractor {s['extractor_version']}): nothing to reprocess, "
              "nothing committed")
        return 0
    rx = result.reextraction
    assert rx is not None
    sys.stdout.write(format_changes(rx.documents, rx.changes, unchanged_counts(rx)))
    print(f"reprocess   {s['stale_documents']} documents re-extracted by {s['extractor_version']}: "
          f"{s['facts_added']} facts added, {s['facts_removed']} removed, {s['facts_changed']} changed, "
          f"{s['rejected_facts']} rejected by the contract, {s['failed_documents']} documents failed")
    if result.commit is None:
        print("dry run     nothing committed")
    else:
        c = result.commit
        print(f"warehouse   {root.resolve()} (run {c.run_id}, snapshot {c.snapshot_id})\n"
              f"diff        bulletins query \"select * from fact_changes where run_id = {c.run_id}\"\n"
              f"alerts      bulletins checks --severity warn")
    return 1 if s["failed_documents"] else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the ingest schedule locally (no work pool): a long-running process."""
    _prefect_defaults()
    from flows.serve import serve

    try:
        serve(cron=args.cron, timezone=args.timezone, sources=args.sources or None, warehouse=args.warehouse)
    except (ValueError, RuntimeError) as exc:  # a bad cron/timezone, or no Prefect server to schedule on
        print(f"bulletins serve: {exc}", file=sys.stderr)
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; tests/test_docs.py checks every command and flag against the README."""
    parser = argparse.ArgumentParser(prog="bulletins", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print the quantity facts of files (no warehouse)")
    p.add_argument("files", nargs="+", help="bulletin files (.txt in any common encoding, .html, .pdf)")
    p.add_argument("--format", choices=["jsonl", "tsv"], default="jsonl")
    p.add_argument("--date", help="publication date of the files (YYYY-MM-DD, YYYY-MM or YYYY): fixes 今年, 1—7月 …")
    p.add_argument("--title", help="their title, when the text does not carry it")
    p.add_argument("--url", help="the page they were copied from")
    p.add_argument("--region", help="the area they are about (e.g. 浙江省), when the text does not name it")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="ingest bulletins into the warehouse as one snapshot")
    p.add_argument("sources", nargs="*", help="folders, files, URLs or feeds (default: seeds/)")
    p.add_argument("--warehouse", help="warehouse directory (default: ./warehouse)")
    p.add_argument("--fail-on", choices=["error", "warn"], help="exit 1 when a check of this severity fails")
    p.add_argument("--runner", choices=["thread", "dask"], help="task runner (default: thread)")
    p.add_argument("--reprocess", action="store_true",
                   help="also re-extract stored documents of another extractor version (same snapshot)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("reprocess", help="re-extract stored documents of another extractor version, with a diff")
    p.add_argument("--warehouse", help="warehouse directory (default: ./warehouse)")
    p.add_argument("--doc", nargs="+", metavar="ID",
                   help="only these documents: doc_id (or a prefix of it), file name or source")
    p.add_argument("--dry-run", action="store_true", help="print the diff, commit nothing")
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("query", help="run read-only SQL against the warehouse")
    p.add_argument("sql")
    p.add_argument("--warehouse")
    p.add_argument("--snapshot", type=int, help="time travel: query as of this snapshot id")
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    p.add_argument("--max-width", type=int, default=60, help="truncate table cells wider than this (0: never)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("series", help="one indicator's values across documents and periods, with provenance")
    p.add_argument("indicator", metavar="CODE_OR_NAME", help="a catalog code (gdp) or any catalog name or alias (GDP)")
    p.add_argument("--region", help="only this region: a name (海淀区), its start (海淀) or a 6-digit code")
    p.add_argument("--measure", choices=list(MEASURES), help="only this measure")
    p.add_argument("--format", choices=["table", "csv", "jsonl", "json"], default="table")
    p.add_argument("--max-width", type=int, default=60, help="truncate table cells wider than this (0: never)")
    p.add_argument("--warehouse")
    p.set_defaults(func=cmd_series)

    p = sub.add_parser("checks", help="print failed data-quality checks of a run")
    p.add_argument("--warehouse")
    p.add_argument("--run", type=int, help="run id (default: the latest run)")
    p.add_argument("--severity", choices=["error", "warn", "info"], default="info",
                   help="minimum severity to show")
    p.add_argument("--all", action="store_true", help="include passed checks")
    p.set_defaults(func=cmd_checks)

    p = sub.add_parser("serve", help="run the ingest schedule locally (Prefect serve, no work pool)")
    p.add_argument("sources", nargs="*")
    p.add_argument("--warehouse")
    p.add_argument("--cron", default="15 10 * * 1-5", help="cron schedule (default: weekdays 10:15)")
    p.add_argument("--timezone", default="Asia/Shanghai")
    p.set_defaults(func=cmd_serve)
    return parser


def _settings_error(exc: ValidationError) -> str:
    """Name each bad setting by its environment variable, since that is where users set it."""
    return "; ".join(
        f"BULLETINS_{'_'.join(str(p) for p in err['loc']).upper()}={err.get('input')!r}: {err['msg']}"
        for err in exc.errors()
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `bulletins` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print(f"bulletins {args.command}: invalid settings: {_settings_error(exc)}", file=sys.stderr)
        return 2
    except SettingsError as exc:  # a list setting that is not JSON: pydantic-settings names only the field
        field = re.search(r'field "(\w+)"', str(exc))
        var = f"BULLETINS_{field.group(1).upper()}" if field else "a BULLETINS_* variable"
        print(f"bulletins {args.command}: invalid settings: {var}={os.environ.get(var)!r}: not parseable "
              f"(list settings are JSON, e.g. {var}='[\"seeds\"]')", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
