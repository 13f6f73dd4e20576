"""Re-extraction after an upgrade, on real DuckLake files: facts follow the extractor, with a diff.

The "upgrade" is a lexicon edited in a private copy (the loader pointed at it, every
extractor cache cleared) and a new extractor version; nothing here needs Prefect.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from extractor_change import forget_yuji, other_extractor

from bulletins.ingest import extract_documents, facts_frame
from bulletins.model import Document, sha256_hex
from bulletins.reprocess import FAILED_CHECK, match_facts, reprocess
from bulletins.warehouse import RunRecord, Warehouse

# Own sentences: a level, a change, a year-end stock, and an estimate (预计) the edited lexicon forgets.
BULLETIN = (
    "某市2023年国民经济和社会发展统计公报\n日期:2024-03-20 来源:某市统计局\n"
    "2023年全市地区生产总值为4376亿元，比上年增长5.2%。年末常住人口为218万人。\n"
    "预计全年一般公共预算收入达到360亿元。\n"
)
OTHER = "某区2023年经济运行情况\n日期:2024-02-01\n2023年全区社会消费品零售总额为512亿元，比上年增长3.1%。\n"


@pytest.fixture
def extractor(tmp_path: Path) -> Iterator[Callable[..., str]]:
    with other_extractor(tmp_path) as change:
        yield change


def document(text: str, name: str) -> Document:
    return Document(doc_id=sha256_hex(text.encode()), doc=name, source=f"/inbox/{name}", text=text)


def ingest_plain(root: Path, docs: list[Document]) -> int:
    """Extract and commit like the ingest flow, without Prefect; the snapshot id."""
    batch = extract_documents(docs)
    with Warehouse(root) as wh:
        return wh.commit_run(RunRecord(None, datetime.now(UTC), ["inbox"]), batch.documents,
                             facts_frame(batch.facts), []).snapshot_id


def rows(wh: Warehouse, sql: str, snapshot: int | None = None) -> list[tuple]:
    return wh.query(sql, snapshot=snapshot)[1]


def test_lexicon_change_reprocess_diff_and_time_travel(tmp_path: Path, extractor: Callable[..., str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "wh"
    first = ingest_plain(root, [document(BULLETIN, "a.txt"), document(OTHER, "b.txt")])
    wh = Warehouse(root)
    snapshots = wh.snapshots().height
    before = {r[0]: r[1:] for r in rows(wh, "select quote, status, extractor_version, fact_id from current_facts")}
    assert before["360亿元"][0] == "estimate"

    new = extractor("0.1.0+edited", "status", forget_yuji)
    result = reprocess(root)
    assert result.commit is not None and {d.doc for d in result.stale} == {"a.txt", "b.txt"}
    assert wh.snapshots().height == snapshots + 1

    after = {r[0]: r[1:] for r in rows(wh, "select quote, status, extractor_version, fact_id from current_facts")}
    assert set(after) == set(before)
    assert after["360亿元"][0] == "actual"  # the changed fact
    for quote in ("4376亿元", "5.2%", "218万人", "512亿元", "3.1%"):  # the unchanged ones, by the new extractor
        assert after[quote][0] == before[quote][0] and after[quote][2] == before[quote][2]
    assert {v[1] for v in after.values()} == {new}
    assert rows(wh, "select status from indicators where quote = '360亿元'") == [("actual",)]
    assert rows(wh, "select count(*) from facts")[0][0] == len(after)  # replaced, not duplicated

    changes = rows(wh, "select doc, change, fields, old_status, new_status, old_value, new_value, "
                       "old_extractor_version, new_extractor_version, run_id, snapshot_id from fact_changes")
    assert changes == [("a.txt", "changed", ["status"], "estimate", "actual", 360.0, 360.0,
                        before["360亿元"][1], new, result.commit.run_id, result.commit.snapshot_id)]
    assert rows(wh, "select kind, extractor_version, reprocessed_documents from runs order by run_id") == [
        ("ingest", before["360亿元"][1], 0), ("reprocess", new, 2)]

    # time travel: the previous snapshot still holds the old facts
    assert rows(wh, "select status, extractor_version from current_facts where quote = '360亿元'",
                snapshot=first) == [("estimate", before["360亿元"][1])]

    # the README's fact_changes queries run against it
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```sql title=fact_changes\n(.*?)```", readme, flags=re.S)
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) >= 3
    results = [rows(wh, statement) for statement in statements]
    assert results[0] == [("a.txt", "changed", 1)]
    assert all(r for r, s in zip(results, statements, strict=True) if "'value'" not in s)

    # every document current now: nothing committed, and the CLI says so
    from bulletins.cli import main

    assert main(["reprocess", "--warehouse", str(root)]) == 0
    assert "nothing to reprocess" in capsys.readouterr().out
    assert wh.snapshots().height == snapshots + 1


def test_dry_run_prints_the_diff_and_commits_nothing(tmp_path: Path, extractor: Callable[..., str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from bulletins.cli import main

    root = tmp_path / "wh"
    ingest_plain(root, [document(BULLETIN, "a.txt")])
    snapshots = Warehouse(root).snapshots().height
    extractor("0.1.0+edited", "status", forget_yuji)
    assert main(["reprocess", "--warehouse", str(root), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "a.txt" in out and "~ 360亿元" in out and "status: estimate → actual" in out
    assert "dry run" in out and "nothing committed" in out
    wh = Warehouse(root)
    assert wh.snapshots().height == snapshots
    assert rows(wh, "select count(*) from fact_changes")[0][0] == 0
    # --doc selects: the other name matches nothing, so nothing is stale
    assert main(["reprocess", "--warehouse", str(root), "--doc", "zzz.txt"]) == 0
    assert "nothing to reprocess" in capsys.readouterr().out
    assert wh.snapshots().height == snapshots
    # no warehouse: a message, and none is created
    with pytest.raises(SystemExit, match="no warehouse at"):
        main(["reprocess", "--warehouse", str(tmp_path / "nowhere")])
    assert not (tmp_path / "nowhere").exists()


def test_a_failing_document_is_reported_and_the_rest_goes_on(tmp_path: Path, extractor: Callable[..., str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import bulletins.extract as extract_package

    root = tmp_path / "wh"
    ingest_plain(root, [document(BULLETIN, "a.txt"), document(OTHER, "b.txt")])
    wh = Warehouse(root)
    old_facts = rows(wh, "select fact_id, extractor_version from current_facts where doc = 'b.txt' order by 1")

    real = extract_package.extract_document

    def fragile(text: str, **kw: Any) -> Any:
        if "零售总额" in text:
            raise ValueError("simulated extractor bug")
        return real(text, **kw)

    monkeypatch.setattr(extract_package, "extract_document", fragile)
    new = extractor("0.1.0+fragile", "status", forget_yuji)
    result = reprocess(root)
    assert result.commit is not None and result.summary()["failed_documents"] == 1
    # b.txt keeps its facts; a.txt was re-extracted
    assert rows(wh, "select fact_id, extractor_version from current_facts where doc = 'b.txt' order by 1") == old_facts
    assert rows(wh, "select distinct extractor_version from current_facts where doc = 'a.txt'") == [(new,)]
    failed = rows(wh, "select doc, message from fact_changes where change = 'failed'")
    assert len(failed) == 1 and failed[0][0] == "b.txt" and "simulated extractor bug" in failed[0][1]
    alerts = rows(wh, f"select \"check\", severity, docs from alerts where \"check\" = '{FAILED_CHECK}'")
    assert alerts == [(FAILED_CHECK, "error", ["b.txt"])]
    assert rows(wh, "select status from documents where doc = 'b.txt'") == [("ok",)]
    # tried by this extractor: not retried until the extractor changes again
    assert reprocess(root).commit is None


KILLED = """
import os, signal, sys
import bulletins.version as v
v.compute_version = lambda *a, **k: "0.1.0+killed"
from bulletins.warehouse import Warehouse
from bulletins.reprocess import reprocess

def die(self, con):
    sys.stdout.write("dying\\n"); sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)

Warehouse._before_commit = die
reprocess(sys.argv[1])
"""


def test_reprocess_killed_mid_commit_leaves_previous_snapshot(tmp_path: Path, extractor: Callable[..., str]) -> None:
    root = tmp_path / "wh"
    ingest_plain(root, [document(BULLETIN, "a.txt"), document(OTHER, "b.txt")])
    wh = Warehouse(root)
    snapshot, facts = wh.current_snapshot(), rows(wh, "select fact_id, extractor_version from facts order by 1")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BULLETINS_")}
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED), str(root)], capture_output=True,
                          text=True, timeout=300, env=env)
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert "dying" in proc.stdout
    wh = Warehouse(root)
    assert wh.current_snapshot() == snapshot
    assert rows(wh, "select fact_id, extractor_version from facts order by 1") == facts
    assert rows(wh, "select count(*) from fact_changes")[0][0] == 0

    extractor("0.1.0+killed")
    result = reprocess(root)
    assert result.commit is not None and result.commit.snapshot_id == snapshot + 1
    assert rows(wh, "select distinct extractor_version from current_facts") == [("0.1.0+killed",)]


def _fact(start: int, end: int, measure: str = "level", **kw: Any) -> dict[str, Any]:
    return {"fact_id": f"{start}:{end}:{measure}", "span_start": start, "span_end": end, "measure": measure, **kw}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # same span and measure: one pair
        ([_fact(0, 5)], [_fact(0, 5)], [((0, 5), (0, 5))]),
        # a unit read further (5万 → 5万亩): same start, same measure
        ([_fact(0, 2)], [_fact(0, 3)], [((0, 2), (0, 3))]),
        # overlapping spans, same measure
        ([_fact(2, 6)], [_fact(0, 4)], [((2, 6), (0, 4))]),
        # same span, another measure: removed and added, not paired
        ([_fact(0, 5, "level")], [_fact(0, 5, "change")], [((0, 5), None), (None, (0, 5))]),
        # disjoint spans: removed and added
        ([_fact(0, 3)], [_fact(10, 13)], [((0, 3), None), (None, (10, 13))]),
    ],
)
def test_match_facts_by_span_and_measure(old: list[dict], new: list[dict], expected: list[tuple]) -> None:
    def span(f: dict | None) -> tuple[int, int] | None:
        return None if f is None else (f["span_start"], f["span_end"])

    assert [(span(a), span(b)) for a, b in match_facts(old, new)] == expected
