"""Must show (issue 5): one bulletin as UTF-8, GBK, Big5 traditional, HTML and PDF yields the same facts
(values, units, measures, indicators, and also regions, periods and statuses)."""

from __future__ import annotations

from collections import Counter

import pytest
from bulletin_forms import five_forms

from bulletins.extract import extract_facts
from bulletins.sources import decode_bytes

FORMS = five_forms()


def _facts(form: str) -> Counter[tuple]:
    name, raw, ctype, encoding = FORMS[form]
    doc = decode_bytes(raw, name, ctype)
    assert doc.ok, doc.reason
    assert doc.encoding == encoding
    facts = extract_facts(doc.text, doc=doc.doc, doc_id=doc.doc_id, doc_date=doc.pub_date, title=doc.title)
    for f in facts:  # spans point into the stored text, traditional characters included
        assert doc.text[f.span_start : f.span_end] == f.quote
    return Counter((f.indicator, f.measure, f.value, f.unit, f.region, f.period, f.status) for f in facts)


@pytest.fixture(scope="module")
def reference() -> Counter[tuple]:
    return _facts("utf8")


def test_reference_form_has_the_known_facts(reference: Counter) -> None:
    assert reference[("居民人均消费支出", "level", 22861.0, "元", "北京市", "2023-01..2023-06", "actual")] == 1
    assert reference[("居民人均消费支出", "change", 8.7, "%", "北京市", "2023-01..2023-06", "actual")] == 1
    assert sum(reference.values()) >= 12


@pytest.mark.parametrize("form", ["gbk", "big5", "html", "pdf"])
def test_every_form_yields_the_same_facts(form: str, reference: Counter) -> None:
    assert _facts(form) == reference
