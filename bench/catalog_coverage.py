"""How many facts carry an indicator code, and how many of those codes are right, on every labelled set.

Usage: python bench/catalog_coverage.py [--sets seeds,heldout,heldout2,dev,heldout6,…] [--repo PATH] [--show N]

`coded` is the share of the extractor's non-blank facts that carry an `indicator_code`.
`right` judges the coded facts that match a gold fact (same span and measure, as the gold scorer
pairs them), with the gold indicator name as reference: a code is right when the gold name, looked up
in *this* repository's catalog by name alone, resolves to the same code (gold names say their
population and scope in full: 城镇居民人均衣着支出). A gold name the catalog cannot resolve makes the
code wrong — a wrong code is worse than none, so nothing is given the benefit of the doubt.
`reach` is the share of matched facts whose gold name resolves to a code that got that code.

`--repo PATH` extracts with another checkout (e.g. /work/main for the figures before a change) and
still judges with this repository's catalog, so before and after are judged alike. Figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import score_sets  # noqa: E402

_PREDICT = """
import json, sys
sys.path.insert(0, {bench!r})
import score_sets as ss
gold_path, docs, man = ss.SETS[{name!r}]
gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
for p in ss.predict(docs, {{g["doc"] for g in gold}}, ss._manifest(man), with_meta=False):
    print(json.dumps(p, ensure_ascii=False))
"""


#: Sets still blind: scored once (bench/score_sets.py) before any rule sees them, never measured here. The sets
#: tuned on after their blind score (heldout3 … heldout10) are measured when named in --sets.
BLIND: tuple[str, ...] = ()  # heldout12–19 were scored blind and tuned on since; add the next blind set here


def predictions(name: str, repo: Path) -> list[dict]:
    """The facts the checkout at `repo` extracts from the set's documents (in a subprocess, so its own
    package is imported)."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    code = _PREDICT.format(bench=str(repo / "bench"), name=name)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=repo).stdout
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def measure(name: str, repo: Path, show: int) -> dict | None:
    from bulletins.extract.catalog import indicator_code

    gold_path, docs, _ = score_sets.SETS[name]
    if not gold_path.exists() or not docs.exists():
        return None
    sc = score_sets._scorer()
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    preds = predictions(name, repo)
    gold = sc.gold_spans(gold, docs)
    _, pairs = sc.score(gold, preds)
    nonblank = [p for p in preds if p.get("value") is not None]
    coded = [p for p in nonblank if p.get("indicator_code")]
    judged = right = reachable = reached = 0
    wrong: list[tuple[str, str, str | None, str]] = []
    for g, p in pairs:
        ref = indicator_code(g["indicator"])
        code = p.get("indicator_code")
        if ref is not None:
            reachable += 1
            reached += code == ref
        if code and p.get("value") is not None:
            judged += 1
            if code == ref:
                right += 1
            else:
                wrong.append((g["indicator"], p.get("indicator") or "", ref, code))
    for w in wrong[:show]:
        print(f"  wrong: gold {w[0]} ({w[2]}) | pred {w[1]} ({w[3]})")
    return {
        "facts": len(nonblank), "coded": len(coded), "coded_share": len(coded) / len(nonblank) if nonblank else 0.0,
        "judged": judged, "right": right, "right_share": right / judged if judged else 0.0,
        "reach": reached / reachable if reachable else 0.0, "reachable": reachable,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="seeds,heldout,heldout2,dev")
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong codes per set")
    args = parser.parse_args()
    print(f"{'set':10} {'facts':>6} {'coded':>6} {'coded%':>7} {'judged':>7} {'right%':>7} {'reach%':>7}")
    total = {"facts": 0, "coded": 0, "judged": 0, "right": 0}
    for name in args.sets.split(","):
        if name in BLIND:
            continue  # a set still blind is never measured here
        r = measure(name, args.repo.resolve(), args.show)
        if r is None:
            continue
        for k in total:
            total[k] += r[k]
        print(f"{name:10} {r['facts']:6} {r['coded']:6} {r['coded_share']:7.1%} {r['judged']:7} "
              f"{r['right_share']:7.1%} {r['reach']:7.1%}")
    if total["facts"]:
        print(f"{'all':10} {total['facts']:6} {total['coded']:6} {total['coded'] / total['facts']:7.1%} "
              f"{total['judged']:7} {total['right'] / max(total['judged'], 1):7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
