"""Reprocess timings on the seeds: nothing changed, everything changed, against a fresh ingest of the same documents.

Each figure is a whole command in its own process (what a user waits for), median of
`--repeat` runs, plus the process start-up alone (`import bulletins.cli`), so "beyond
start-up" can be read off. "Everything changed" runs the real extractor under another
version string, so every document is stale and re-extracted.

    .venv/bin/python bench/bench_reprocess.py [--repeat 3] [--docs seeds]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if not k.startswith("BULLETINS_")} | {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}

STARTUP = "import bulletins.cli"
REPROCESS = "from bulletins.cli import main; raise SystemExit(main(['reprocess', '--warehouse', {wh!r}]))"
REPROCESS_ALL = (
    "import bulletins.version as v; v.compute_version = lambda *a, **k: 'bench+' + {tag!r}\n"
    "from bulletins.cli import main; raise SystemExit(main(['reprocess', '--warehouse', {wh!r}]))"
)
INGEST = "from bulletins.cli import main; raise SystemExit(main(['ingest', {docs!r}, '--warehouse', {wh!r}]))"


def timed(code: str, home: Path) -> float:
    """Wall time of `python -c code` (fails loudly: a benchmark of a broken command means nothing)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=ENV | {"PREFECT_HOME": str(home)}, cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {code}\n{proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", default=str(ROOT / "seeds"))
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="bench-reprocess-"))
    try:
        home = base / "prefect"
        docs = base / "docs"
        shutil.copytree(args.docs, docs)
        n_docs = sum(1 for p in docs.rglob("*") if p.is_file())
        startup, nothing, everything, ingest = [], [], [], []
        for i in range(args.repeat):
            wh = base / f"wh{i}"
            ingest.append(timed(INGEST.format(docs=str(docs), wh=str(wh)), home))
            startup.append(timed(STARTUP, home))
            nothing.append(timed(REPROCESS.format(wh=str(wh)), home))
            everything.append(timed(REPROCESS_ALL.format(wh=str(wh), tag=str(i)), home))
        med = statistics.median
        print(f"documents                      {n_docs} ({args.docs}), median of {args.repeat}")
        print(f"start-up (import bulletins.cli) {med(startup):6.2f} s")
        print(f"reprocess, nothing changed      {med(nothing):6.2f} s  ({med(nothing) - med(startup):+.2f} s beyond "
              "start-up; commits nothing)")
        print(f"reprocess, everything changed   {med(everything):6.2f} s  (one snapshot, diff included)")
        print(f"fresh ingest of the same docs   {med(ingest):6.2f} s  (bulletins ingest, serverless Prefect)")
        print(f"everything changed / ingest     {med(everything) / med(ingest):6.2f}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
