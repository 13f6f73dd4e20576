"""Speed of row validation and the consistency checks on synthetic snapshots.

usage: .venv/bin/python bench/bench_checks.py [ROWS ...]   (default: 2000 20000 100000)

Each synthetic document is a consistent bulletin (a consumption group with urban and
rural values, growth against last year's document, shares, a ratio, a blank) for its
own region, so every check has work to do. Prints seconds and rows per second.
"""

from __future__ import annotations

import sys
import time

import polars as pl

from bulletins.checks import run_checks
from bulletins.model import FACT_FIELDS, Fact, sha256_hex
from schemas.facts import validate_facts

CATEGORIES = [("居民人均食品烟酒支出", 5129), ("人均衣着支出", 991), ("人均居住支出", 8893),
              ("人均生活用品及服务支出", 1101), ("人均交通通信支出", 2227), ("人均教育文化娱乐支出", 1658),
              ("人均医疗保健支出", 2255), ("人均其他用品及服务支出", 607)]


def document(i: int) -> tuple[list[dict], str, str]:
    """One bulletin text and its facts (spans point into the text)."""
    region, year = f"第{i // 2}区", 2023 - i % 2
    period = f"{year}-01..{year}-06"
    parts: list[tuple[str, str, float | None, str, str, str | None]] = [
        ("居民人均消费支出", "22861元", 22861.0, "元", "level", None),
        ("城镇居民人均消费支出", "24391元", 24391.0, "元", "level", None),
        ("农村居民人均消费支出", "13014元", 13014.0, "元", "level", None),
        *((name, f"{v}元", float(v), "元", "level", None) for name, v in CATEGORIES),
        ("居民人均在外饮食支出", f"{1100 if year == 2023 else 1000}元", 1100.0 if year == 2023 else 1000.0, "元",
         "level", None),
        ("居民人均在外饮食支出", "10.0%", 10.0, "%", "change", "上年同期"),
        ("出口额", "40%", 40.0, "%", "share", None),
        ("区级一般公共预算收入", "亿元", None, "亿元", "level", None),
    ]
    text, rows = "", []
    doc = f"{i:06d}.txt"
    for name, quote, value, unit, measure, cmp in parts:
        sentence = f"{region}{name}{quote}。"
        start = len(text) + len(region) + len(name)
        text += sentence
        rows.append(dict(indicator=name, quote=quote, start=start, value=value, unit=unit, measure=measure,
                         compare_to=cmp, sentence=sentence))
    doc_id = sha256_hex(text.encode())
    facts = [
        Fact(doc_id=doc_id, doc=doc, span_start=r["start"], span_end=r["start"] + len(r["quote"]), quote=r["quote"],
             sentence=r["sentence"], indicator=r["indicator"], measure=r["measure"], value=r["value"],
             unit=r["unit"], region=region, period=period, value_base=r["value"], unit_base=r["unit"],
             compare_to=r["compare_to"]).to_dict()
        for r in rows
    ]
    return facts, doc_id, text


def snapshot(n_rows: int) -> tuple[pl.DataFrame, dict[str, str]]:
    facts, texts, i = [], {}, 0
    while len(facts) < n_rows:
        rows, doc_id, text = document(i)
        facts += rows
        texts[doc_id] = text
        i += 1
    df = pl.DataFrame(facts, schema_overrides={"value": pl.Float64, "value_base": pl.Float64,
                                               "snapshot_id": pl.Int64, "indicator_code": pl.Utf8,
                                               "compare_to": pl.Utf8}).select(FACT_FIELDS)
    return df, texts


def main(sizes: list[int]) -> None:
    print(f"{'rows':>8} {'docs':>6} {'validate s':>11} {'checks s':>9} {'results':>8} {'failed':>7} {'rows/s':>9}")
    for n in sizes:
        df, texts = snapshot(n)
        t0 = time.perf_counter()
        good, rejected = validate_facts(df, texts)
        t1 = time.perf_counter()
        results = run_checks(good)
        t2 = time.perf_counter()
        failed = sum(not r.passed for r in results) + len(rejected)
        print(f"{df.height:>8} {len(texts):>6} {t1 - t0:>11.2f} {t2 - t1:>9.2f} {len(results):>8} {failed:>7} "
              f"{df.height / (t2 - t0):>9.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 20000, 100000])
