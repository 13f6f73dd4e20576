"""All configuration in one place, read from `BULLETINS_*` environment variables (or a .env file)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Paths, batching, runner and notifier settings; CLI flags override these per run."""

    model_config = SettingsConfigDict(env_prefix="BULLETINS_", env_file=".env", extra="ignore")

    warehouse: Path = Path("warehouse")
    sources: list[str] = ["seeds"]
    batch_size: int = 20  # documents per Prefect task
    runner: str = "thread"  # thread | dask
    max_workers: int = 4
    dask_address: str | None = None  # an existing Dask scheduler; None starts a LocalCluster
    http_timeout: float = 20.0
    http_max_bytes: int = 20_000_000
    http_retries: int = 3
    notify_url: str | None = None  # webhook receiving failed checks as JSON
    notify_format: str = "generic"  # generic | slack
    notify_min_severity: str = "error"
    fail_on: str | None = None  # error | warn: exit non-zero when a check of this severity fails


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment with explicit overrides (None values are ignored)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
