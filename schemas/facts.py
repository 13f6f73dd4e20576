"""The fact contract as a pandera DataFrameModel (polars backend).

One row per quantity fact; fields as defined in ../shared/gold/SPEC.md and the
README's "Fact contract" section. Validate an eager `pl.DataFrame`: on a
LazyFrame pandera checks the schema only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pandera.polars as pa
import polars as pl

from bulletins.model import FACT_FIELDS, MEASURES, QUALIFIERS, STATUSES, CheckResult

PERIOD_PATTERN = r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}\.\.\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{4}\.\.\d{4})$"


class FactSchema(pa.DataFrameModel):
    """A quantity fact with its provenance (document, span, quote, sentence)."""

    fact_id: str = pa.Field(unique=True, str_length={"min_value": 8})
    doc_id: str = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    doc: str
    span_start: int = pa.Field(ge=0)
    span_end: int = pa.Field(ge=0)
    quote: str = pa.Field(str_length={"min_value": 1})
    sentence: str
    indicator: str = pa.Field(str_length={"min_value": 1})
    indicator_code: str = pa.Field(nullable=True)
    region: str = pa.Field(nullable=True)
    region_code: str = pa.Field(nullable=True, str_matches=r"^\d{6}$")
    period: str = pa.Field(nullable=True, str_matches=PERIOD_PATTERN)
    measure: str = pa.Field(isin=list(MEASURES))
    value: float = pa.Field(nullable=True)
    unit: str
    value_base: float = pa.Field(nullable=True)
    unit_base: str
    status: str = pa.Field(isin=list(STATUSES))
    qualifier: str = pa.Field(isin=list(QUALIFIERS))
    compare_to: str = pa.Field(nullable=True)
    extractor_version: str = pa.Field(str_length={"min_value": 1})
    snapshot_id: int = pa.Field(nullable=True)

    @pa.dataframe_check
    def span_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """span_end > span_start and the quote is exactly that long."""
        return data.lazyframe.select(
            (pl.col("span_end") > pl.col("span_start"))
            & ((pl.col("span_end") - pl.col("span_start")) == pl.col("quote").str.len_chars())
        )

    class Config:
        strict = True
        coerce = True


# -- row validation -----------------------------------------------------------------------------
#
# pandera reports failures per check; to name the rejected facts, every row carries
# its position (ROW_ID); when texts are given, also the length of its document's text
# (DOC_LEN) and the text under its span (TEXT_PIECE): the span checks need no more, and
# a full copy of the text per row would cost gigabytes on a large batch.

ROW_ID = "_fact_row"
DOC_LEN = "_doc_text_length"
TEXT_PIECE = "_text_at_span"


class _RowFactSchema(FactSchema):
    """FactSchema plus the row id that ties every failure case back to its fact."""

    fact_row: int = pa.Field(alias=ROW_ID)


class _TextFactSchema(_RowFactSchema):
    """Also checks each span against the stored text of its document."""

    doc_len: int = pa.Field(alias=DOC_LEN)  # null: the fact's document text is unknown
    text_piece: str = pa.Field(alias=TEXT_PIECE, nullable=True)

    @pa.dataframe_check
    def span_in_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """The span lies inside the document text."""
        return data.lazyframe.select((pl.col("span_end") <= pl.col(DOC_LEN)).fill_null(True))

    @pa.dataframe_check
    def quote_matches_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """text[span_start:span_end] is exactly the quote."""
        return data.lazyframe.select((pl.col(TEXT_PIECE) == pl.col("quote")).fill_null(True))


def _with_text_columns(frame: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """Add each fact's document text length and the text under its span (null when unknown)."""
    lengths: list[int | None] = []
    pieces: list[str | None] = []
    for doc_id, start, end in frame.select("doc_id", "span_start", "span_end").iter_rows():
        text = texts.get(doc_id)
        lengths.append(None if text is None else len(text))
        ok = text is not None and start is not None and end is not None and 0 <= start <= end <= len(text)
        pieces.append(text[start:end] if ok else None)  # type: ignore[index]
    return frame.with_columns(pl.Series(DOC_LEN, lengths, dtype=pl.Int64),
                              pl.Series(TEXT_PIECE, pieces, dtype=pl.Utf8))


#: Order in which a row's broken rules are named: the most basic first (it becomes the check name).
_RULE_ORDER = {
    rule: i
    for i, rule in enumerate(
        ["columns", *FACT_FIELDS, *(f"{c}_not_null" for c in FACT_FIELDS), "doc_text_known", "span_ordered",
         "span_in_text", "quote_matches_text", "fact_id_unique"]
    )
}


def _rule(column: str | None, check: str, context: str) -> str:
    """A short rule name for a pandera failure: the column, or the dataframe check's name."""
    if check == "field_uniqueness":
        return f"{column}_unique"
    if check == "not_nullable":
        return "doc_text_known" if column == DOC_LEN else f"{column}_not_null"
    if check in ("column_in_schema", "column_in_dataframe"):
        return "columns"
    if context == "DataFrameSchema":
        return check
    return column or "schema"


def _failure_rows(fc: dict[str, Any], df: pl.DataFrame) -> list[int]:
    """The row ids a failure case refers to, also when pandera gives no index."""
    if fc["index"] is not None:
        return [int(df[ROW_ID][fc["index"]])]
    case, column = fc["failure_case"], fc["column"]
    if fc["schema_context"] == "Column" and column in df.columns:
        col = pl.col(column)
        return df.filter(col.is_null() if case is None else col.cast(pl.Utf8) == case)[ROW_ID].to_list()
    if case and case.startswith("{"):
        try:
            row = json.loads(case)
        except json.JSONDecodeError:
            row = {}
        if isinstance(row, dict) and ROW_ID in row:
            return [int(row[ROW_ID])]
    return df[ROW_ID].to_list()  # a schema-level failure (missing column, wrong type): every row


def _coerce(frame: pl.DataFrame, out: dict[int, list[tuple[str, str]]]) -> pl.DataFrame:
    """Cast each contract column to its dtype, recording the rows whose value does not cast.

    Done before pandera so a bad value is reported against its column and row, and
    the remaining checks still run on the typed columns.
    """
    dtypes = {name: col.dtype.type for name, col in FactSchema.to_schema().columns.items()}
    casts = []
    for name, dtype in dtypes.items():
        if frame.schema[name] == dtype:
            continue
        cast = pl.col(name).cast(dtype, strict=False)
        bad = frame.filter(pl.col(name).is_not_null() & cast.is_null())
        for row, value in bad.select(ROW_ID, name).iter_rows():
            out[row].append((name, f"{name} {value!r} is not {dtype}"))
        casts.append(cast)
    return frame.with_columns(casts) if casts else frame


def _reasons(
    df: pl.DataFrame, texts: dict[str, str] | None
) -> dict[int, list[tuple[str, str]]]:
    """Row id -> [(rule, reason)] for every row of `df` that breaks the contract."""
    missing = [c for c in FACT_FIELDS if c not in df.columns]
    if missing:  # pandera cannot even coerce such a frame: every row breaks the contract
        return {i: [("columns", f"missing columns {missing}")] for i in range(df.height)}
    frame = df.with_row_index(ROW_ID).with_columns(pl.col(ROW_ID).cast(pl.Int64))
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    frame = _coerce(frame, out)
    schema: type[FactSchema] = _RowFactSchema
    if texts is not None:
        frame = _with_text_columns(frame, texts)
        schema = _TextFactSchema
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    else:
        return out
    dup_rows: dict[str, list[int]] = defaultdict(list)
    for fc in failures.iter_rows(named=True):
        rule = _rule(fc["column"], fc["check"], fc["schema_context"])
        rows = _failure_rows(fc, frame)
        if rule == "fact_id_unique":
            dup_rows[fc["failure_case"]].extend(rows)
            continue
        case = fc["failure_case"]
        if rule == "doc_text_known":
            reason = "no stored text for its doc_id, so its span cannot be checked"
        elif fc["schema_context"] == "Column":
            reason = f"{fc['column']} {case!r} fails {fc['check']}"
        elif rule in ("columns", "schema"):
            reason = f"{fc['check']}: {case}"
        else:
            reason = f"fails {fc['check']}"
        for row in rows:
            out[row].append((rule, reason))
    for fact_id, rows in dup_rows.items():
        first, *later = sorted(set(rows))
        for row in later:
            out[row].append(("fact_id_unique", f"fact_id {fact_id!r} repeats the fact at row {first}"))
    return out


def validate_facts(
    df: pl.DataFrame, texts: dict[str, str] | None = None
) -> tuple[pl.DataFrame, list[CheckResult]]:
    """Split facts into the rows that meet the contract and one error result per rejected row.

    `texts` (doc_id -> stored text) adds the span checks: the span lies within the text
    and `text[span_start:span_end] == quote`. Of facts sharing a fact_id the first is
    kept. Nothing is dropped silently: every rejected row yields a `contract:<rule>`
    CheckResult naming its fact id, document, sentence and all its reasons.
    """
    reasons = _reasons(df, texts)
    results: list[CheckResult] = []
    if reasons:
        rows = df.with_row_index(ROW_ID)
        for d in rows.filter(pl.col(ROW_ID).is_in(list(reasons))).iter_rows(named=True):
            found = sorted(reasons[d[ROW_ID]], key=lambda rr: _RULE_ORDER.get(rr[0], len(_RULE_ORDER)))
            results.append(
                CheckResult(
                    check=f"contract:{found[0][0]}",
                    severity="error",
                    passed=False,
                    message=f"fact rejected (row {d[ROW_ID]}): " + "; ".join(r for _, r in found),
                    indicator=d.get("indicator"),
                    region=d.get("region"),
                    period=d.get("period"),
                    fact_ids=[str(d.get("fact_id") or f"row {d[ROW_ID]}")],
                    docs=[str(d["doc"])] if d.get("doc") else [],
                    sentences=[str(d["sentence"])] if d.get("sentence") else [],
                )
            )
        df = rows.filter(~pl.col(ROW_ID).is_in(list(reasons))).drop(ROW_ID)
    if df.is_empty():
        return df, results
    return FactSchema.validate(df), results
