"""Row validation: pandera rejects bad rows with their fact ids and reasons and keeps the good ones."""

from __future__ import annotations

import polars as pl
import pytest

from bulletins.model import FACT_FIELDS, Fact, sha256_hex
from schemas.facts import validate_facts

TEXT = "上半年全市居民人均消费支出22861元，同比增长8.7%。"
DOC_ID = sha256_hex(TEXT.encode())


def row(quote: str = "22861元", **changes: object) -> dict:
    start = TEXT.find(quote) if quote in TEXT else TEXT.find("22861元")
    f = Fact(doc_id=DOC_ID, doc="000.txt", span_start=start, span_end=start + len(quote), quote=quote,
             sentence=TEXT, indicator="居民人均消费支出", measure="level", value=22861.0, unit="元",
             region="北京市", period="2023-01..2023-06", value_base=22861.0, unit_base="元").to_dict()
    f.update(changes)
    return f


def frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides={"value": pl.Float64, "value_base": pl.Float64,
                                                "snapshot_id": pl.Int64, "indicator_code": pl.Utf8,
                                                "compare_to": pl.Utf8}).select(FACT_FIELDS)


GOOD = row()
CHANGE = row("8.7%", measure="change", value=8.7, unit="%", value_base=8.7, unit_base="%", compare_to="上年同期")

# name -> (row, rule in the check name, words in the reason); texts are given.
BAD = {
    "measure": (row(fact_id="bad-measure-01", measure="amount"), "contract:measure", "amount"),
    "status": (row(fact_id="bad-status-001", status="maybe"), "contract:status", "maybe"),
    "qualifier": (row(fact_id="bad-qualifier1", qualifier="roughly"), "contract:qualifier", "roughly"),
    "period": (row(fact_id="bad-period-001", period="2023H1"), "contract:period", "2023H1"),
    "doc_id": (row(fact_id="bad-docid-0001", doc_id="nothex"), "contract:doc_id", "nothex"),
    "span order": (row(fact_id="bad-span-00001", span_end=0), "contract:span_ordered", "span_ordered"),
    "quote ≠ text": (row(fact_id="bad-quote-0001", quote="22862元"), "contract:quote_matches_text",
                     "quote_matches_text"),
    "span outside text": (row(fact_id="bad-outside-01", span_start=100, span_end=106), "contract:span_in_text",
                          "span_in_text"),
    "unknown document": (row(fact_id="bad-doc-000001", doc_id="f" * 64), "contract:doc_text_known",
                         "no stored text"),
    "duplicate id": (dict(GOOD), "contract:fact_id_unique", "repeats the fact at row 0"),
    "wrong type": (row(fact_id="bad-type-00001", span_start="x"), "contract:span_start", "'x' is not Int64"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_row_is_rejected_with_its_fact_id_and_reason(name: str) -> None:
    bad, rule, reason = BAD[name]
    rows = [GOOD, bad, CHANGE]
    if name == "wrong type":
        rows = [{**r, "span_start": str(r["span_start"])} for r in rows]
    good, rejected = validate_facts(frame(rows), {DOC_ID: TEXT})
    assert good["fact_id"].to_list() == [GOOD["fact_id"], CHANGE["fact_id"]]
    assert len(rejected) == 1, [r.message for r in rejected]
    (r,) = rejected
    assert r.check == rule and r.severity == "error" and not r.passed
    assert r.fact_ids == [bad["fact_id"]] and r.docs == ["000.txt"] and r.sentences == [TEXT]
    assert reason in r.message and "row 1" in r.message


def test_good_rows_pass_and_are_typed() -> None:
    good, rejected = validate_facts(frame([GOOD, CHANGE]), {DOC_ID: TEXT})
    assert rejected == [] and good.height == 2
    assert good.schema["value"] == pl.Float64 and good.schema["span_start"] == pl.Int64


def test_without_texts_the_span_is_not_checked_against_a_text() -> None:
    _, rejected = validate_facts(frame([GOOD, row(fact_id="other-quote-01", quote="22862元")]))
    assert rejected == []


def test_all_reasons_of_a_row_are_reported() -> None:
    bad = row(fact_id="many-faults-01", measure="amount", period="soon", status="maybe")
    _, rejected = validate_facts(frame([GOOD, bad]))
    (r,) = rejected
    assert all(w in r.message for w in ("amount", "soon", "maybe"))


def test_missing_column_rejects_every_row_with_the_reason() -> None:
    good, rejected = validate_facts(frame([GOOD, CHANGE]).drop("quote"))
    assert good.height == 0 and len(rejected) == 2
    assert {r.check for r in rejected} == {"contract:columns"} and "quote" in rejected[0].message
