"""Lists carry their group: the parts listed under a population's per-capita total are that population's.

One row per phenomenon, negatives included; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from bulletins.extract import extract_facts

CASES = [
    ("next-sentence-其中",
     "2023年,全市城镇居民人均消费支出35000元,增长6%。其中,人均食品烟酒支出9000元,增长5%。",
     {"9000元": "城镇居民人均食品烟酒支出", "5%": "城镇居民人均食品烟酒支出"}),
    ("same-sentence-其中",
     "2023年,全市农村居民人均可支配收入21000元,其中,工资性收入12000元,经营净收入5000元。",
     {"12000元": "农村居民人均工资性收入", "5000元": "农村居民人均经营净收入"}),
    ("list-opener-从八大类看",
     "2023年,全市居民人均消费支出35000元。从八大类看,食品烟酒支出9000元,衣着支出2000元。",
     {"9000元": "居民人均食品烟酒支出", "2000元": "居民人均衣着支出"}),
    ("list-runs-through-its-chain",
     "2023年,全市城镇居民人均消费支出35000元。其中,人均食品烟酒支出9000元；人均衣着支出2000元。",
     {"9000元": "城镇居民人均食品烟酒支出", "2000元": "城镇居民人均衣着支出"}),
    # two populations, two lists: each keeps its own
    ("two-populations",
     "2023年,城镇居民人均消费支出35000元。其中,衣着支出2000元。农村居民人均消费支出19000元。其中,衣着支出900元。",
     {"2000元": "城镇居民人均衣着支出", "900元": "农村居民人均衣着支出"}),
    # a split by population names its parts; the list after it is still the first total's
    ("after-a-split-by-population",
     "全年全体居民人均消费支出20480元。按常住地分,城镇居民人均消费支出24860元；农村居民人均消费支出13470元。"
     "从消费构成看,人均食品烟酒支出5908元；人均衣着支出1352元。",
     {"5908元": "居民人均食品烟酒支出", "1352元": "居民人均衣着支出"}),
    ("split-without-a-first-total",
     "按常住地分,城镇居民人均消费支出24860元；农村居民人均消费支出13470元。从消费构成看,人均衣着支出1352元。",
     {"1352元": "人均衣着支出"}),
    # after a split by population, a 其中 list whose first item names its population is that population's
    ("list-naming-its-population-after-a-split",
     "全市居民人均消费支出33268元。按常住地分，城镇居民人均消费支出37846元；农村居民人均消费支出23546元。\n"
     "分城乡看，城镇居民消费升级类支出增长较快。其中，城镇居民人均食品烟酒支出10524元，增长4.6%；人均居住支出8416元。",
     {"10524元": "城镇居民人均食品烟酒支出", "8416元": "城镇居民人均居住支出"}),
    # a run-in heading naming a population opens that population's list (the 四项 of it counts nothing)
    ("run-in-population-heading",
     "2023年全市居民收支情况\n城镇居民四项收入：人均工资性收入36412元，增长5.2%；人均经营净收入12864元。\n"
     "农村居民四项收入：人均工资性收入21386元。",
     {"36412元": "城镇居民人均工资性收入", "5.2%": "城镇居民人均工资性收入", "12864元": "城镇居民人均经营净收入",
      "21386元": "农村居民人均工资性收入"}),
    # negatives: no list word, a total without population, a part that names its own population
    ("no-list-word",
     "2023年,城镇居民人均消费支出35000元。全市新建学校3所,教育支出9亿元。", {"9亿元": "教育支出"}),
    ("total-without-population",
     "2023年,一般公共预算支出300亿元。其中,教育支出50亿元。", {"50亿元": "教育支出"}),
    ("part-names-population",
     "2023年,城镇居民人均可支配收入52000元。其中,农村居民人均工资性收入12000元。",
     {"12000元": "农村居民人均工资性收入"}),
    ("list-ends-at-next-sentence",
     "2023年,城镇居民人均消费支出35000元。其中,衣着支出2000元。交通支出增长8%。", {"8%": "交通支出"}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_lists_carry_their_group(text: str, expected: dict[str, str]) -> None:
    got = {f.quote: f.indicator for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert {q: got.get(q, "missing") for q in expected} == expected


def test_codes_after_a_split_by_population_are_the_first_totals() -> None:
    text = ("全年全体居民人均消费支出20480元。按常住地分,城镇居民人均消费支出24860元；农村居民人均消费支出13470元。"
            "从消费构成看,人均食品烟酒支出5908元。")
    codes = {f.quote: f.indicator_code for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert (codes["13470元"], codes["5908元"]) == ("consumption_pc.rural", "consumption_pc.food")
    # with no total before the split, the list is not given the rural code: its bare name (人均食品烟酒支出)
    # resolves as the catalog reads any bare per-capita name, to the all-residents code
    codes = {f.quote: f.indicator_code for f in extract_facts(text[text.index("按"):], doc="t.txt", doc_id="t")}
    assert codes["5908元"] == "consumption_pc.food"
    # an opener naming its population lists that population's parts
    text = ("全年全县居民人均可支配收入30000元。按常住地分,城镇居民人均可支配收入40000元；农村居民人均可支配收入"
            "20000元。从农村居民收入来源看,人均工资性收入9000元。")
    codes = {f.quote: f.indicator_code for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert codes["9000元"] == "income_pc.rural.wage"
    codes = {f.quote: (f.indicator, f.indicator_code)
             for f in extract_facts(text.replace("从农村居民", "从城镇居民"), doc="t.txt", doc_id="t")}
    assert codes["9000元"] == ("城镇居民人均工资性收入", "income_pc.urban.wage")
    # 其中 right after a split lists the last total's parts
    text = "全年全体居民人均消费支出20480元。按常住地分,农村居民人均消费支出13470元。其中,人均食品烟酒支出4000元。"
    codes = {f.quote: f.indicator_code for f in extract_facts(text, doc="t.txt", doc_id="t")}
    assert codes["4000元"] == "consumption_pc.rural.food"
