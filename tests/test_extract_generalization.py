"""Rules that generalize beyond the tuned sets: city news with institution names, holiday stories,
year-and-plan headings, qualifiers of the verb. Sentences written for these tests (not seed or
held-out lines); each row is (text, [(quote, field, expected)]).
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts

_REPORT = "政府工作报告\n——2031年1月9日在某某县人民代表大会上\n\n一、2030年和“十五五”时期工作回顾\n\n"

PHENOMENA = [
    # a heading naming a year and a plan: a fact takes the single year ...
    (_REPORT + "2030年,全县地区生产总值达到420亿元、增长5.9%。",
     [("420亿元", "period", "2030"), ("5.9%", "period", "2030")]),
    # ... unless its paragraph speaks of the plan's five years
    (_REPORT + "2030年,全县粮食产量30万吨。\n\n“十五五”时期极不平凡。五年来,全县财政收入年均增长6.2%。",
     [("30万吨", "period", "2030"), ("6.2%", "period", "2026..2030")]),
    # 由A提高到B over the plan: A at the year before its start, B at its last year
    (_REPORT + "五年来,全县森林覆盖率由36.5%提高到41.2%。",
     [("36.5%", "period", "2025"), ("41.2%", "period", "2030")]),
    # a ratio to an earlier plan: the ratio's own period is the current plan
    (_REPORT + "五年来,累计完成投资900亿元,是“十四五”时期的1.4倍。", [("1.4倍", "period", "2026..2030")]),
]


@pytest.mark.parametrize(("text", "checks"), PHENOMENA)
def test_generalization_phenomena(text: str, checks: list[tuple[str, str, object]]) -> None:
    facts = {f.quote: f for f in extract_facts(text, doc="t.txt", doc_id="t")}
    for quote, field, expected in checks:
        assert quote in facts, (quote, sorted(facts))
        assert getattr(facts[quote], field) == expected, (quote, field, getattr(facts[quote], field))
