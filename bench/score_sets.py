"""Extraction quality on every labelled set, per field, from the text alone and with document metadata given.

Usage: python bench/score_sets.py [--sets seeds,heldout,...] [--mode text|meta|both] [--per-doc] [--json]

Sets: `seeds` (../shared/gold/seeds.jsonl), `heldout`, `heldout2` … `heldout11` (tests/), and `dev`
(../shared/gold/dev, whose manifest gives each document's date and title). `text` scores the text alone;
`meta` passes the manifest's date and title as a user would (`--date`, a sidecar). Sets whose files are
missing are skipped. Scoring uses ../shared/gold/score.py when it is there, else the self-contained scorer
of tests/test_extract_heldout.py. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "gold"


def _labelled(folder: str) -> tuple[Path, Path, Path | None]:
    """A labelled folder of tests/: its gold, its documents, and its manifest when it has one."""
    base = ROOT / "tests" / folder
    manifest = base / "manifest.jsonl"
    return base / "gold.jsonl", base / "docs", manifest if manifest.exists() else None


def _heldout_sets() -> list[str]:
    """Every labelled held-out folder of tests/ (heldout, heldout2, …) in number order: a new set needs no edit."""
    found = [p.name for p in (ROOT / "tests").glob("heldout*") if (p / "gold.jsonl").exists()]
    return sorted(found, key=lambda name: int(name.removeprefix("heldout") or 1))


SETS = {
    "seeds": (SHARED / "seeds.jsonl", ROOT / "seeds", None),
    **{name: _labelled(name) for name in _heldout_sets()},
    "dev": (SHARED / "dev/gold.jsonl", SHARED / "dev/docs", SHARED / "dev/manifest.jsonl"),
}
FIELDS = ("detect", "value_unit", "region_acc", "period_acc", "status_acc", "qualifier_acc", "indicator_acc",
          "strict", "blank_recall")


def _scorer() -> ModuleType:
    path = SHARED / "score.py"
    if not path.exists():
        path = ROOT / "tests" / "test_extract_heldout.py"
    spec = importlib.util.spec_from_file_location("gold_score", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _manifest(path: Path | None) -> dict[str, dict]:
    if path is None or not path.exists():
        return {}
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {r["doc"]: r for r in rows}


def predict(docs: Path, names: set[str], manifest: dict[str, dict], with_meta: bool) -> list[dict]:
    """The extractor's facts for the named documents, as `bulletins extract` would print them."""
    from bulletins.extract import extract_facts
    from bulletins.extract.meta import DocMeta

    preds = []
    for name in sorted(names):
        raw = (docs / name).read_bytes()
        text = raw.decode("utf-8")
        m = manifest.get(name, {}) if with_meta else {}
        meta = DocMeta.from_mapping({k: m.get(k) for k in ("date", "title", "url")}, source="given")
        preds += [f.to_dict() for f in extract_facts(text, doc=name, doc_id=hashlib.sha256(raw).hexdigest(),
                                                     meta=meta)]
    return preds


def score_set(name: str, mode: str, per_doc: bool) -> dict | None:
    gold_path, docs, manifest_path = SETS[name]
    if not gold_path.exists() or not docs.exists():
        return None
    sc = _scorer()
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    names = {g["doc"] for g in gold}
    manifest = _manifest(manifest_path)
    preds = predict(docs, names, manifest, with_meta=mode == "meta")
    gold = sc.gold_spans(gold, docs)
    result, _ = sc.score(gold, preds)
    out = {"all": result}
    if per_doc:
        by_g, by_p = defaultdict(list), defaultdict(list)
        for g in gold:
            by_g[g["doc"]].append(g)
        for p in preds:
            by_p[p["doc"]].append(p)
        for doc in sorted(by_g):
            out[doc] = sc.score(by_g[doc], by_p[doc])[0]
    return out


def _fmt(v: object) -> str:
    if isinstance(v, dict):
        return f"{v['f1']:.3f}"
    return "-" if v is None else f"{v:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--mode", choices=("text", "meta", "both"), default="both")
    parser.add_argument("--per-doc", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    modes = ("text", "meta") if args.mode == "both" else (args.mode,)
    report = {}
    print(f"{'set':10} {'mode':5} {'doc':12} {'gold':>5} {'pred':>5} " + " ".join(f"{f[:10]:>10}" for f in FIELDS))
    for name in args.sets.split(","):
        for mode in modes:
            if mode == "meta" and SETS[name][2] is None:
                continue
            res = score_set(name, mode, args.per_doc)
            if res is None:
                continue
            report[f"{name}/{mode}"] = res
            for doc, r in res.items():
                print(f"{name:10} {mode:5} {doc:12} {r['gold']:5} {r['pred']:5} "
                      + " ".join(f"{_fmt(r.get(f)):>10}" for f in FIELDS))
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
