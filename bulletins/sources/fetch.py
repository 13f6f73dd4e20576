"""HTTP fetching with a timeout, a size limit and conditional requests (ETag / Last-Modified).

One attempt per call: retries with backoff belong to the Prefect task that wraps
`fetch` (tasks/sources.py). Errors worth retrying (timeouts, connection errors,
429 and 5xx) raise `TransientFetchError`; everything else is a `FetchResult`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from bulletins.settings import Settings

USER_AGENT = "bulletin-indicators/0.1 (+statistical bulletin ingestion)"
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class TransientFetchError(RuntimeError):
    """A failure that may pass on a later attempt (timeout, connection reset, 5xx, 429)."""


@dataclass
class FetchResult:
    """The outcome of one GET: bytes and validators when ok; nothing for 304; a reason when failed."""

    url: str
    status: str  # ok | not_modified | failed
    raw: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    final_url: str | None = None
    reason: str | None = None


#: fetch(url, cached entry or None, settings) -> FetchResult
Fetcher = Callable[[str, "dict[str, Any] | None", Settings], FetchResult]


def conditional_headers(entry: dict[str, Any] | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the last successful fetch recorded."""
    headers: dict[str, str] = {}
    if entry and entry.get("etag"):
        headers["If-None-Match"] = entry["etag"]
    if entry and entry.get("last_modified"):
        headers["If-Modified-Since"] = entry["last_modified"]
    return headers


def fetch(url: str, entry: dict[str, Any] | None, settings: Settings) -> FetchResult:
    """GET `url` once; 304 -> not_modified (nothing downloaded); too large or 4xx -> failed."""
    limit = settings.http_max_bytes
    headers = {"User-Agent": USER_AGENT, **conditional_headers(entry)}
    try:
        with httpx.Client(timeout=settings.http_timeout, follow_redirects=True) as client, \
                client.stream("GET", url, headers=headers) as resp:
            code = resp.status_code
            if code == 304:
                return FetchResult(url, "not_modified", http_status=code, etag=entry and entry.get("etag"),
                                   last_modified=entry and entry.get("last_modified"))
            if code in RETRYABLE_STATUS:
                raise TransientFetchError(f"HTTP {code} {resp.reason_phrase} from {url}")
            if code >= 400:
                return FetchResult(url, "failed", http_status=code, reason=f"HTTP {code} {resp.reason_phrase}")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                return FetchResult(url, "failed", http_status=code,
                                   reason=f"too large: Content-Length {declared} > limit {limit} bytes")
            buf = bytearray()
            for chunk in resp.iter_bytes():
                buf.extend(chunk)
                if len(buf) > limit:
                    return FetchResult(url, "failed", http_status=code,
                                       reason=f"too large: more than {limit} bytes, download aborted")
            return FetchResult(url, "ok", raw=bytes(buf), content_type=resp.headers.get("content-type"),
                               etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                               http_status=code, final_url=str(resp.url))
    except (httpx.UnsupportedProtocol, httpx.InvalidURL, UnicodeError) as exc:  # UnicodeError: IDNA rejects the host
        return FetchResult(url, "failed", reason=f"invalid URL: {exc}")
    except (httpx.TimeoutException, httpx.TransportError) as exc:
        raise TransientFetchError(f"{type(exc).__name__} fetching {url}: {exc}") from exc
    except (httpx.DecodingError, httpx.TooManyRedirects) as exc:
        return FetchResult(url, "failed", reason=f"{type(exc).__name__}: {exc}")


def fetch_once(url: str, entry: dict[str, Any] | None, settings: Settings) -> FetchResult:
    """`fetch` without retries: a transient failure becomes a failed result (used outside Prefect)."""
    try:
        return fetch(url, entry, settings)
    except TransientFetchError as exc:
        return FetchResult(url, "failed", reason=str(exc))
