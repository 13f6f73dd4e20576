"""The fact contract as a pandera DataFrameModel (polars backend).

One row per quantity fact; fields as defined in ../shared/gold/SPEC.md and the
README's "Fact contract" section. Validate an eager `pl.DataFrame`: on a
LazyFrame pandera checks the schema only.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from bulletins.model import MEASURES, QUALIFIERS, STATUSES

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
    period: str = pa.Field(nullable=True, str_matches=PERIOD_PATTERN)
    measure: str = pa.Field(isin=list(MEASURES))
    value: float = pa.Field(nullable=True)
    unit: str
    value_base: float = pa.Field(nullable=True)
    unit_base: str
    status: str = pa.Field(isin=list(STATUSES))
    qualifier: str = pa.Field(isin=list(QUALIFIERS))
    compare_to: str = pa.Field(nullable=True)
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
