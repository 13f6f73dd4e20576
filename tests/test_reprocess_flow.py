"""The ingest flow and re-extraction: A → B → A makes A current again; `reprocess=True` re-extracts in the run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from extractor_change import forget_yuji, other_extractor

pytestmark = pytest.mark.flow

A = ("某市2023年统计公报\n日期:2024-03-20\n2023年全市地区生产总值为4376亿元，比上年增长5.2%。\n"
     "预计全年一般公共预算收入达到360亿元。\n")
B = A.replace("4376亿元", "4380亿元")


@pytest.fixture
def extractor(tmp_path: Path) -> Iterator[Callable[..., str]]:
    with other_extractor(tmp_path) as change:
        yield change


def _query(root: Path, sql: str) -> list[tuple]:
    from bulletins.warehouse import Warehouse

    with Warehouse(root, read_only=True) as wh:
        return wh.query(sql)[1]


def test_revert_makes_the_old_version_current_again(tmp_path: Path) -> None:
    from flows.ingest import ingest_bulletins

    inbox, root = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    for text in (A, B, A):
        (inbox / "gdp.txt").write_text(text, encoding="utf-8")
        summary = ingest_bulletins(sources=[str(inbox)], warehouse=str(root))
    assert (summary["new_documents"], summary["changed_documents"]) == (1, 1)
    assert _query(root, "select version from documents order by version") == [(1,), (2,), (3,)]
    levels = _query(root, "select value from current_facts where indicator = '地区生产总值' and measure = 'level'")
    assert levels == [(4376.0,)]
    assert _query(root, "select count(*) from current_facts")[0][0] == 3
    # and the same bytes again: known, skipped
    again = ingest_bulletins(sources=[str(inbox)], warehouse=str(root))
    assert again["new_documents"] == 0


def test_ingest_with_reprocess_reextracts_in_the_same_snapshot(tmp_path: Path, extractor: Callable[..., str]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from bulletins.warehouse import Warehouse
    from flows.ingest import ingest_bulletins

    inbox, root = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    (inbox / "gdp.txt").write_text(A, encoding="utf-8")
    ingest_bulletins(sources=[str(inbox)], warehouse=str(root))
    snapshots = Warehouse(root).snapshots().height

    new = extractor("0.1.0+flow", "status", forget_yuji)
    (inbox / "other.txt").write_text(A.replace("某市", "某区"), encoding="utf-8")  # a new document in the same run
    summary = ingest_bulletins(sources=[str(inbox)], warehouse=str(root), reprocess=True)
    assert (summary["new_documents"], summary["reprocessed_documents"]) == (1, 1)
    assert (summary["facts_changed"], summary["facts_added"], summary["facts_removed"]) == (1, 0, 0)
    assert Warehouse(root).snapshots().height == snapshots + 1
    assert _query(root, "select distinct extractor_version from current_facts") == [(new,)]
    assert _query(root, "select doc, change, fields from fact_changes") == [("gdp.txt", "changed", ["status"])]
    assert _query(root, "select kind, extractor_version, reprocessed_documents from runs order by run_id desc "
                        "limit 1") == [("ingest", new, 1)]
    with get_client(sync_client=True) as client:
        diffs = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["bulletins-reprocess-diff"])))
    assert diffs and any("360亿元" in str(a.data) and "estimate → actual" in str(a.data) for a in diffs)

    # nothing stale any more: reprocess=True adds nothing beyond the run's own snapshot
    again = ingest_bulletins(sources=[str(inbox)], warehouse=str(root), reprocess=True)
    assert again["reprocessed_documents"] == 0 and again["new_documents"] == 0
