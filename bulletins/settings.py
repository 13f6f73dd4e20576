"""All configuration in one place, read from `BULLETINS_*` environment variables (or a .env file)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

Severity = Literal["error", "warn", "info"]


class Settings(BaseSettings):
    """Paths, batching, runner and notifier settings; CLI flags override these per run.

    Choices are typed as Literals so a typo fails when the settings load, before a run
    reads or commits anything, rather than in the notifier after the commit.
    """

    model_config = SettingsConfigDict(env_prefix="BULLETINS_", env_file=".env", extra="ignore")

    warehouse: Path = Path("warehouse")
    sources: list[str] = ["seeds"]
    batch_size: int = 20  # documents per Prefect task
    runner: Literal["thread", "dask"] = "thread"
    max_workers: int = 4
    dask_address: str | None = None  # an existing Dask scheduler; None starts a LocalCluster
    http_timeout: float = 20.0
    http_max_bytes: int = 20_000_000
    http_retries: int = 3
    notify_url: str | None = None  # webhook receiving failed checks as JSON
    notify_format: Literal["generic", "slack"] = "generic"
    notify_min_severity: Severity = "error"
    fail_on: Severity | None = None  # exit non-zero when a check of this severity (or worse) fails
    # the area of texts that name none (全市 with no city named); None: leave their region null. The extractor
    # reads the variable itself (bulletins.extract.regions.home_region), so Dask workers see it too.
    home_region: str | None = None


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment with explicit overrides (None values are ignored)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
