"""Run the ingest schedule locally: `Flow.serve`, no work pool and no worker.

A long-running process that registers the deployment `ingest-bulletins/ingest-bulletins-serve`
with its cron schedule and executes each scheduled (or manually triggered) run in a
subprocess. It needs a Prefect API that runs the scheduler (`prefect server start`
with PREFECT_API_URL set); the deployment route for production is `prefect.yaml`.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from prefect.schedules import Cron, Schedule, validate_cron_string

SERVE_NAME = "ingest-bulletins-serve"


def schedule(cron: str = "15 10 * * 1-5", timezone: str = "Asia/Shanghai") -> Schedule:
    """The cron schedule, validated up front so a typo fails before anything is registered."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {timezone!r} (use an IANA name such as Asia/Shanghai)") from exc
    try:
        validate_cron_string(cron)
    except ValueError as exc:
        raise ValueError(f"invalid cron schedule {cron!r}: {exc}") from exc
    return Cron(cron, timezone=timezone)


def serve_parameters(sources: list[str] | None, warehouse: str | None) -> dict[str, Any]:
    """Flow parameters for the served deployment; unset ones fall back to the flow's settings."""
    params: dict[str, Any] = {}
    if sources:
        params["sources"] = list(sources)
    if warehouse:
        params["warehouse"] = str(warehouse)
    return params


class NoSchedulerError(RuntimeError):
    """Serving on Prefect's ephemeral API would never run: it has no scheduler."""


def require_api_url() -> str:
    """The configured Prefect API; without one, `serve` would register a schedule nothing fires."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise NoSchedulerError(
            "`bulletins serve` needs a Prefect server to fire its schedule: start one with "
            "`prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    return url


def serve(
    cron: str = "15 10 * * 1-5",
    timezone: str = "Asia/Shanghai",
    sources: list[str] | None = None,
    warehouse: str | None = None,
) -> None:
    """Serve `ingest_bulletins` on `cron` in `timezone` until interrupted (Ctrl-C pauses the schedule)."""
    sched = schedule(cron, timezone)
    require_api_url()
    from flows.ingest import ingest_bulletins

    ingest_bulletins.serve(
        name=SERVE_NAME,
        schedules=[sched],
        parameters=serve_parameters(sources, warehouse),
        tags=["bulletins", "serve"],
        description="bulletin-indicators ingestion served locally by `bulletins serve`",
    )
