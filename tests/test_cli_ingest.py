"""`bulletins ingest` as a user runs it: a bad file is quarantined, the batch goes on, --fail-on exits non-zero."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run_cli

pytestmark = pytest.mark.flow

# Components sum to 22861, the stated total is 20000: an error-level components_sum failure.
BAD_SUM = (
    "北京市2023年上半年居民收支情况\n日期:2023-07-20 来源:北京市统计局\n"
    "上半年，全市居民人均消费支出20000元，同比增长8.7%。其中，人均食品烟酒支出5129元，人均衣着支出991元，"
    "人均居住支出8893元，人均生活用品及服务支出1101元，人均交通通信支出2227元，人均教育文化娱乐支出1658元，"
    "人均医疗保健支出2255元，人均其他用品及服务支出607元。\n"
)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def test_ingest_quarantines_bad_input_and_fails_on_error(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad_sum.txt").write_text(BAD_SUM, encoding="utf-8")
    (inbox / "junk.pdf").write_bytes(bytes(range(256)) * 12)

    proc = _cli("ingest", str(inbox), "--warehouse", "wh", "--fail-on", "error", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "2 seen, 2 new" in proc.stdout and "1 quarantined" in proc.stdout
    assert "FAILED" in proc.stderr and "bulletins checks --run 1" in proc.stderr

    # the snapshot was committed all the same: the good document's facts are queryable
    out = _cli("query", "select doc, reason from quarantine", "--warehouse", "wh", "--format", "jsonl",
               cwd=tmp_path)
    quarantined = [json.loads(line) for line in out.stdout.splitlines()]
    assert [q["doc"] for q in quarantined] == ["junk.pdf"] and quarantined[0]["reason"]
    out = _cli("query", "select count(*) as n from facts where doc = 'bad_sum.txt'", "--warehouse", "wh",
               "--format", "jsonl", cwd=tmp_path)
    assert json.loads(out.stdout)["n"] >= 10

    checks = _cli("checks", "--severity", "error", "--warehouse", "wh", cwd=tmp_path)
    assert checks.returncode == 0
    lines = [line for line in checks.stdout.splitlines() if "components_sum" in line]
    assert len(lines) == 1 and "22861" in lines[0] and "20000" in lines[0]

    # without --fail-on the same state is not an error for the caller
    again = _cli("ingest", str(inbox), "--warehouse", "wh", cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "0 new" in again.stdout


def test_query_without_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    proc = _cli("query", "select 1", "--warehouse", "nowhere", cwd=tmp_path)
    assert proc.returncode != 0
    assert "no warehouse at nowhere" in proc.stderr


@pytest.mark.parametrize(
    ("sql", "message"),
    [("select nope from facts", "nope"), ("delete from facts", "read-only"), ("select * from", "syntax error")],
)
def test_query_errors_are_messages_not_tracebacks(tmp_path: Path, sql: str, message: str) -> None:
    from bulletins.warehouse import Warehouse

    Warehouse(tmp_path / "wh").close()  # an empty warehouse: tables and views, no rows
    proc = _cli("query", sql, "--warehouse", "wh", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("bulletins query: ") and message in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [("BULLETINS_NOTIFY_FORMAT", "teams"), ("BULLETINS_NOTIFY_MIN_SEVERITY", "critical"),
     ("BULLETINS_FAIL_ON", "sometimes"), ("BULLETINS_RUNNER", "spark"), ("BULLETINS_SOURCES", "seeds")],
)
def test_bad_setting_stops_before_anything_is_committed(tmp_path: Path, variable: str, value: str) -> None:
    """A typo in the notifier (or any enum) settings must not surface only after the commit, failing the run."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad_sum.txt").write_text(BAD_SUM, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BULLETINS_")}
    env.update({"BULLETINS_NOTIFY_URL": "http://127.0.0.1:9/hook", variable: value})
    proc = subprocess.run([sys.executable, "-m", "bulletins.cli", "ingest", str(inbox), "--warehouse", "wh"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert variable in proc.stderr and value in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "wh").exists()


def test_missing_source_is_a_configuration_error(tmp_path: Path) -> None:
    proc = _cli("ingest", "no-such-folder", "--warehouse", "wh", cwd=tmp_path)
    assert proc.returncode == 2
    assert "bulletins ingest: source not found: no-such-folder" in proc.stderr
