"""Traditional → simplified: the installed `opencc` implementation, character by character (what the extractor
does, to keep offsets one-to-one) against phrase-level conversion of whole lines (t2s, and tw2sp/hk2s for
regional vocabulary), on the traditional documents of the labelled sets.

Usage: python bench/bench_opencc.py [--out FILE.json] [--compare OTHER.json]
Run it once in an environment with `opencc-python-reimplemented` (the project's dependency) and once with the
maintained `opencc` package (both install the module `opencc`), writing `--out`, then `--compare` the two.
It prints the implementation, the conversion time per MB, how many characters the phrase-level
conversion changes beyond the character-level one (and how many lines change length, which the
offset-keeping normalize step cannot take), and samples of the differences. Figures only.
"""

from __future__ import annotations

import argparse
import json
import time
from importlib import metadata
from pathlib import Path

from opencc import OpenCC

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT.parent / "shared/gold/dev/docs", ROOT / "tests/heldout/docs", ROOT / "tests/heldout2/docs", ROOT / "seeds"]


def _implementation() -> str:
    for dist in ("opencc", "OpenCC", "opencc-python-reimplemented"):
        try:
            return f"{dist} {metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def _converter(config: str) -> OpenCC | None:
    for name in (config, f"{config}.json"):
        try:
            return OpenCC(name)
        except Exception:  # implementations differ in how they name configs
            continue
    return None


def _traditional_docs() -> dict[str, str]:
    """Documents in which character-level t2s changes at least 5 distinct characters."""
    t2s = _converter("t2s")
    out = {}
    for folder in SETS:
        for p in sorted(folder.glob("*.txt")) if folder.exists() else []:
            text = p.read_text(encoding="utf-8")
            changed = {c for c in set(text) if "\u3400" <= c <= "\u9fff" and t2s.convert(c) != c}
            if len(changed) >= 5:
                out[f"{folder.parent.name}/{p.name}"] = text
    return out


def _by_char(conv: OpenCC, text: str) -> str:
    table = {}
    for c in set(text):
        if "\u3400" <= c <= "\u9fff":
            s = conv.convert(c)
            if len(s) == 1 and s != c:
                table[ord(c)] = s
    return text.translate(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    docs = _traditional_docs()
    mb = sum(len(t.encode("utf-8")) for t in docs.values()) / 1e6
    impl = _implementation()
    print(f"implementation: {impl}; {len(docs)} traditional documents, {mb:.3f} MB")
    result: dict[str, dict[str, str]] = {"char": {}}
    t2s = _converter("t2s")
    t0 = time.perf_counter()
    for name, text in docs.items():
        result["char"][name] = _by_char(t2s, text)
    t_char = time.perf_counter() - t0
    print(f"  char-level t2s: {t_char / mb:.3f} s/MB")
    for config in ("t2s", "tw2sp", "hk2s"):
        conv = _converter(config)
        if conv is None:
            print(f"  {config}: not available in {impl}")
            continue
        t0 = time.perf_counter()
        lines = {name: [conv.convert(line) for line in text.split("\n")] for name, text in docs.items()}
        elapsed = time.perf_counter() - t0
        diff_chars = resized = 0
        samples: list[str] = []
        for name in docs:
            char_lines = result["char"][name].split("\n")
            for a, b in zip(char_lines, lines[name], strict=True):
                if len(a) != len(b):
                    resized += 1
                    continue
                for i, (x, y) in enumerate(zip(a, b, strict=True)):
                    if x != y:
                        diff_chars += 1
                        if len(samples) < 8:
                            samples.append(f"{a[max(0, i - 3):i + 3]}→{b[max(0, i - 3):i + 3]}")
        result[config] = {name: "\n".join(ls) for name, ls in lines.items()}
        print(f"  phrase-level {config}: {elapsed / mb:.3f} s/MB; {diff_chars} characters differ from char-level t2s, "
              f"{resized} lines change length")
        if samples:
            print("    e.g. " + "  ".join(samples))
    if args.out:
        args.out.write_text(json.dumps({"implementation": impl, **result}, ensure_ascii=False), encoding="utf-8")
    if args.compare:
        other = json.loads(args.compare.read_text(encoding="utf-8"))
        for config in ("char", "t2s"):
            a, b = result.get(config, {}), other.get(config, {})
            n = sum(x != y for name in a.keys() & b.keys() for x, y in zip(a[name], b[name], strict=False))
            print(f"  {config}: {impl} vs {other['implementation']}: {n} characters differ")


if __name__ == "__main__":
    main()
