"""The same flow on Dask through prefect-dask: a real LocalCluster with worker processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.flow


def test_flow_runs_on_dask_local_cluster(tmp_path: Path, seeds_dir: Path) -> None:
    from prefect_dask import DaskTaskRunner

    from bulletins.warehouse import Warehouse
    from flows.ingest import ingest_bulletins

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("000_453bd0097b4f3257.txt", "002_039130f0dd037b53.txt"):
        shutil.copy(seeds_dir / name, seeds / name)
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    flow = ingest_bulletins.with_options(task_runner=runner)
    summary = flow(sources=[str(seeds)], warehouse=str(tmp_path / "wh"))
    assert summary["new_documents"] == 2
    assert summary["new_facts"] > 50
    with Warehouse(tmp_path / "wh", read_only=True) as wh:
        _, rows = wh.query("select count(distinct doc_id), count(*) from facts")
    assert rows[0] == (2, summary["new_facts"])
