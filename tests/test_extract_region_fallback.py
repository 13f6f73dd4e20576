"""The home region is a last resort: a text about another city never gets it, and none is set by default."""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts

DATE = "日期:2024-04-20\n\n"


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("一季度，武汉市经济运行稳中向好。全市地区生产总值4500亿元。武汉市工业增长6.1%。", "武汉市"),
        ("一季度，昆明市经济稳步恢复。昆明市全市社会消费品零售总额800亿元。", "昆明市"),
        # one passing mention of another city is not enough to take it as the document's city: the home region
        ("一季度，全市地区生产总值4500亿元，与武汉市签约项目12个。", "北京市"),
        # a word ending in 市 that names no city
        ("一季度，城市更新加快。超市销售额增长5%。上市公司新增12家。", "北京市"),
    ],
)
def test_document_city_from_body(body: str, region: str, beijing_home: None) -> None:
    facts = extract_facts("新闻发布会实录\n" + DATE + body + "\n", doc="x.txt", doc_id="0" * 64)
    assert facts
    assert facts[0].region == region


def test_without_a_home_region_a_text_naming_no_area_has_none() -> None:
    facts = extract_facts("新闻发布会实录\n" + DATE + "一季度，全市地区生产总值4500亿元，与武汉市签约项目12个。\n",
                          doc="x.txt", doc_id="0" * 64)
    assert facts and {f.region for f in facts if f.quote == "4500亿元"} == {None}
