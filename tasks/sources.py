"""Prefect tasks around `bulletins.sources`: discovery and batch loading, with HTTP retries.

Retries with backoff are Prefect task retries on one URL fetch (`fetch_url`); the
batch task `load_documents` runs them and quarantines a URL that still fails, so one
dead server never fails the batch or the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from bulletins.model import Document
from bulletins.settings import Settings
from bulletins.sources import FetchResult, SourceRef, discover, fetch, load_batch
from bulletins.sources.fetch import Fetcher

#: Seconds to wait before retry 1, 2, 3 …; the last value repeats for further retries.
RETRY_DELAYS: tuple[float, ...] = (2.0, 10.0, 30.0)


def backoff(retries: int, delays: Sequence[float] = RETRY_DELAYS) -> list[float]:
    """Growing delays for `retries` retries, e.g. 3 -> [2, 10, 30]."""
    return [float(delays[min(i, len(delays) - 1)]) for i in range(retries)]


@task(name="fetch-url", retries=3, retry_delay_seconds=list(RETRY_DELAYS), cache_policy=NO_CACHE)
def fetch_url(url: str, entry: dict[str, Any] | None, settings: Settings) -> FetchResult:
    """One conditional GET; a TransientFetchError (timeout, 5xx, 429) makes Prefect retry it."""
    return fetch(url, entry, settings)


def retrying_fetcher(settings: Settings, delays: Sequence[float] = RETRY_DELAYS) -> Fetcher:
    """A fetcher running `fetch_url` with `settings.http_retries` retries; exhausted -> failed result."""
    runner = fetch_url.with_options(retries=settings.http_retries,
                                    retry_delay_seconds=backoff(settings.http_retries, delays) or 0)

    def _fetch(url: str, entry: dict[str, Any] | None, settings: Settings) -> FetchResult:
        state = runner(url, entry, settings, return_state=True)
        if state.is_completed():
            return state.result()
        error = state.result(raise_on_failure=False)
        reason = f"failed after {settings.http_retries} retries: {error}"
        get_run_logger().warning("quarantining %s: %s", url, reason)
        return FetchResult(url, "failed", reason=reason)

    return _fetch


@task(name="discover-sources", cache_policy=NO_CACHE)
def discover_sources(specs: list[str], state_dir: Path, settings: Settings | None = None,
                     retry_delays: Sequence[float] = RETRY_DELAYS) -> list[SourceRef]:
    """Folders, files, URLs and feeds -> refs of what may be new (unchanged inbox files skipped)."""
    from bulletins.settings import get_settings

    settings = settings or get_settings()
    refs = discover(specs, Path(state_dir), settings, fetcher=retrying_fetcher(settings, retry_delays))
    get_run_logger().info("discovered %d sources to read from %d specs", len(refs), len(specs))
    return refs


@task(name="load-documents", cache_policy=NO_CACHE)
def load_documents(refs: list[SourceRef], state_dir: Path, settings: Settings,
                   retry_delays: Sequence[float] = RETRY_DELAYS) -> list[Document]:
    """Read/fetch and decode one batch of refs into Documents (304s yield none, failures are quarantined)."""
    docs = load_batch(refs, Path(state_dir), settings, fetcher=retrying_fetcher(settings, retry_delays))
    bad = [d for d in docs if not d.ok]
    if bad:
        get_run_logger().warning("%d of %d documents quarantined: %s", len(bad), len(docs),
                                 "; ".join(f"{d.doc}: {d.reason}" for d in bad[:5]))
    return docs
