"""Test-wide settings: Prefect gets its own home and no analytics, before anything imports it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="bulletins-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
for _var in list(os.environ):
    if _var.startswith("BULLETINS_"):  # a developer's own settings must not leak into tests
        del os.environ[_var]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed bulletins shipped with the project."""
    return SEEDS


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds, for tests that change or add files."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture
def beijing_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """A deployment that reads Beijing's bulletins: texts that name no area are Beijing's (BULLETINS_HOME_REGION).
    The sentence tables written for the seeds' city use it; without it such texts get no region."""
    monkeypatch.setenv("BULLETINS_HOME_REGION", "北京市")
