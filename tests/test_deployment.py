"""The deployment end to end: a real Prefect server on loopback, `prefect deploy` from prefect.yaml,
a process worker, a triggered run, and the warehouse it filled.

Everything runs as subprocesses with a private PREFECT_HOME; all of them are stopped
in `finally`. Generous timeouts: the machine is small and shared.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
PREFECT = str(Path(sys.executable).with_name("prefect"))
SERVER_TIMEOUT = 120.0
RUN_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a subprocess we started (its own session) by its process group id, then reap it."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def tail(path: Path, n: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-n:]) if path.exists() else ""


@pytest.fixture(scope="module")
def server_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prefect-server")


@pytest.fixture(scope="module")
def prefect_env(server_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BULLETINS_"))}
    env.update(
        PREFECT_HOME=str(server_dir / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="module")
def prefect_server(server_dir: Path, prefect_env: dict[str, str]) -> Iterator[str]:
    """`prefect server start` on a free loopback port; yields the API URL once /api/health answers."""
    port = free_port()
    log = server_dir / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-services"],
            env=prefect_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=server_dir,
        )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited with {proc.returncode}:\n{tail(log)}")
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"prefect server not healthy after {SERVER_TIMEOUT}s:\n{tail(log)}")
            time.sleep(0.5)
        yield api
    finally:
        stop(proc)


def prefect_cli(args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run([PREFECT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"prefect {' '.join(args)} failed ({done.returncode}):\n{output[-3000:]}"
    return output


def run_deployment(name: str, api: str, env: dict[str, str], runner: subprocess.Popen, log: Path) -> dict:
    """Trigger a run of deployment `name` and wait for its terminal state; the runner must stay up."""
    out = prefect_cli(["deployment", "run", name], env)
    run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", out)
    assert run_id, out
    deadline = time.monotonic() + RUN_TIMEOUT
    state = None
    while time.monotonic() < deadline:
        state = httpx.get(f"{api}/flow_runs/{run_id.group(1)}").json()["state"]
        if state and state["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            break
        assert runner.poll() is None, f"{runner.args} exited:\n{tail(log)}"
        time.sleep(1)
    assert state and state["type"] == "COMPLETED", f"flow run state {state}:\n{tail(log, 80)}"
    return state


def assert_seed_warehouse(warehouse: Path, seeds: Path) -> None:
    """The warehouse holds every seed, facts, and the known 22861 元 of seed 000."""
    from bulletins.warehouse import Warehouse

    with Warehouse.open_readonly(warehouse) as wh:
        _, [(docs,)] = wh.query("select count(*) from documents")
        _, [(facts,)] = wh.query("select count(*) from facts")
        _, rows = wh.query(
            "select value, unit, doc from facts where indicator = '居民人均消费支出' and measure = 'level'"
        )
    assert docs == len(list(seeds.glob("*.txt"))) and facts > 0
    assert (22861.0, "元", "000_453bd0097b4f3257.txt") in [(float(v), u, d) for v, u, d in rows]
    assert (warehouse / "state" / "inbox.json").exists()  # the run recorded what it read


def test_prefect_yaml_is_plain_and_complete() -> None:
    """Pinned version, a definitions block, the cron in Asia/Shanghai, an importable entrypoint."""
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    import prefect

    assert config["prefect-version"] == prefect.__version__ == "3.8.8"
    assert {"work_pools", "schedules"} <= set(config["definitions"])
    [dep] = config["deployments"]
    assert dep["name"] == "ingest-bulletins"
    assert dep["schedules"] == [{"cron": "15 10 * * 1-5", "timezone": "Asia/Shanghai", "active": True}]
    assert set(dep["parameters"]) == {"sources", "warehouse", "reprocess"}
    assert dep["parameters"]["reprocess"] is True  # each scheduled run re-extracts after an upgrade
    assert dep["work_pool"]["name"] == config["definitions"]["work_pools"]["process"]["name"]
    path, func = dep["entrypoint"].split(":")
    from prefect.flows import load_flow_from_entrypoint

    flow = load_flow_from_entrypoint(str(ROOT / path) + ":" + func)
    assert flow.name == "ingest-bulletins"


def test_deploy_worker_run_fills_warehouse(
    tmp_path: Path, prefect_server: str, prefect_env: dict[str, str], seeds_copy: Path
) -> None:
    env = {**prefect_env, "PREFECT_API_URL": prefect_server}
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    pool = config["definitions"]["work_pools"]["process"]["name"]
    warehouse = tmp_path / "warehouse"
    params = {"sources": [str(seeds_copy)], "warehouse": str(warehouse), "reprocess": True}

    prefect_cli(["work-pool", "create", pool, "--type", "process"], env)
    prefect_cli(["--no-prompt", "deploy", "--prefect-file", str(ROOT / "prefect.yaml"), "--name",
                 "ingest-bulletins", "--params", json.dumps(params)], env)

    deployment = httpx.get(f"{prefect_server}/deployments/name/ingest-bulletins/ingest-bulletins").json()
    assert deployment["parameters"] == params
    assert deployment["work_pool_name"] == pool
    [sched] = deployment["schedules"]
    assert (sched["schedule"]["cron"], sched["schedule"]["timezone"]) == ("15 10 * * 1-5", "Asia/Shanghai")
    [pull] = deployment["pull_steps"]
    assert pull["prefect.deployments.steps.set_working_directory"]["directory"] == str(ROOT)

    worker_log = tmp_path / "worker.log"
    with worker_log.open("w") as out:
        worker = subprocess.Popen(
            [PREFECT, "worker", "start", "--pool", pool, "--type", "process", "--limit", "1"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path,
        )
    try:
        run_deployment("ingest-bulletins/ingest-bulletins", prefect_server, env, worker, worker_log)
    finally:
        stop(worker)
    assert_seed_warehouse(warehouse, seeds_copy)


def test_bulletins_serve_registers_schedule_and_runs(
    tmp_path: Path, prefect_server: str, prefect_env: dict[str, str], seeds_copy: Path
) -> None:
    """`bulletins serve`: no work pool; the served deployment carries the cron and runs on demand."""
    env = {**prefect_env, "PREFECT_API_URL": prefect_server}
    warehouse = tmp_path / "warehouse"
    log = tmp_path / "serve.log"
    bulletins = str(Path(sys.executable).with_name("bulletins"))
    with log.open("w") as out:
        served = subprocess.Popen(
            [bulletins, "serve", str(seeds_copy), "--warehouse", str(warehouse), "--cron", "0 9 * * 1-5"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
        )
    name = "ingest-bulletins/ingest-bulletins-serve"
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while (resp := httpx.get(f"{prefect_server}/deployments/name/{name}")).status_code == 404:
            assert served.poll() is None, f"bulletins serve exited:\n{tail(log)}"
            assert time.monotonic() < deadline, f"no served deployment after {SERVER_TIMEOUT}s:\n{tail(log)}"
            time.sleep(0.5)
        deployment = resp.json()
        assert deployment["work_pool_name"] is None
        assert deployment["parameters"] == {"sources": [str(seeds_copy)], "warehouse": str(warehouse)}
        [sched] = deployment["schedules"]
        assert (sched["schedule"]["cron"], sched["schedule"]["timezone"]) == ("0 9 * * 1-5", "Asia/Shanghai")
        run_deployment(name, prefect_server, env, served, log)
    finally:
        stop(served, signal.SIGINT)
    assert_seed_warehouse(warehouse, seeds_copy)
