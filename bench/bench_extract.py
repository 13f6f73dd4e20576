"""Extraction throughput on a corpus built from the seeds, beside a bare regex number scan of the same text.

Usage: python bench/bench_extract.py [--repeat N]
Prints MB/s (UTF-8 bytes of the stored text) for the full extractor and for the bare scan,
measured in the same run, and their ratio. Figures only: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from bulletins.extract import extract_facts
from bulletins.extract.mentions import find_mentions
from bulletins.extract.normalize import normalize
from bulletins.extract.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BARE = re.compile(r"\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,3})?")


def corpus(repeat: int) -> list[tuple[str, str]]:
    """The seeds, each repeated `repeat` times as separate documents (copies differ by a suffix line)."""
    docs = sorted(SEEDS.glob("*.txt"))
    if not docs:
        raise SystemExit(f"no seeds in {SEEDS}")
    return [(f"{p.stem}-{i}", p.read_text(encoding="utf-8") + f"\n副本{i}\n") for i in range(repeat) for p in docs]


def find_stage(text: str) -> int:
    """Normalize, split and find mentions only (no interpretation): the share of time the find stage takes."""
    norm = normalize(text)
    return sum(len(find_mentions(norm.text, s)) for s in split_sentences(norm.text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of the seed set in the corpus")
    args = parser.parse_args()
    docs = corpus(args.repeat)
    mb = sum(len(t.encode("utf-8")) for _, t in docs) / 1e6
    extract_facts(docs[0][1], doc="warmup", doc_id="warmup")  # lexicons and patterns compile once

    t0 = time.perf_counter()
    n_facts = sum(len(extract_facts(t, doc=name, doc_id=name)) for name, t in docs)
    t_extract = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_mentions = sum(find_stage(t) for _, t in docs)
    t_find = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_bare = sum(len(BARE.findall(t)) for _, t in docs)
    t_bare = time.perf_counter() - t0

    ex, find, bare = mb / t_extract, mb / t_find, mb / t_bare
    print(f"corpus        {len(docs)} documents, {mb:.3f} MB")
    print(f"extractor     {ex:8.3f} MB/s  ({n_facts} facts, {t_extract:.3f} s)")
    print(f"find stage    {find:8.3f} MB/s  ({n_mentions} mentions, {t_find:.3f} s; normalize+sentences+mentions)")
    print(f"bare regex    {bare:8.3f} MB/s  ({n_bare} matches, {t_bare:.4f} s)")
    print(f"ratio         bare regex / extractor = {bare / ex:.0f}x; bare regex / find stage = {bare / find:.0f}x")


if __name__ == "__main__":
    main()
