"""Post failed checks to a webhook (generic JSON, or a Slack-compatible payload).

Alerting must never break an ingestion: a notifier failure is logged and reported
as False to the caller, never raised.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from typing import Any

import httpx

from bulletins.model import SEVERITIES, CheckResult, failed_at_least

log = logging.getLogger(__name__)

#: Failures listed in one Slack message (Slack allows 50 blocks; the rest is counted).
SLACK_MAX_ITEMS = 20


def _summary(failures: list[CheckResult], run_info: dict[str, Any]) -> str:
    counts = Counter(r.severity for r in failures)
    run = ", ".join(f"{k} {v}" for k, v in run_info.items() if v is not None)
    parts = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s])
    return f"bulletin-indicators: {len(failures)} failed checks ({parts})" + (f" [{run}]" if run else "")


def generic_payload(failures: list[CheckResult], run_info: dict[str, Any]) -> dict[str, Any]:
    """A plain JSON document: run info, counts by severity and every failure with its fields."""
    return {
        "source": "bulletin-indicators",
        "summary": _summary(failures, run_info),
        "run": run_info,
        "counts": dict(Counter(r.severity for r in failures)),
        "failures": [r.to_dict() for r in failures],
    }


def _line(r: CheckResult) -> str:
    where = " ".join(x for x in (r.indicator, r.region, r.period) if x)
    docs = ", ".join(r.docs)
    return f"*{r.severity}* `{r.check}` {where}: {r.message}" + (f" ({docs})" if docs else "")


def slack_payload(failures: list[CheckResult], run_info: dict[str, Any]) -> dict[str, Any]:
    """Slack incoming-webhook payload: `text` as the fallback, `blocks` for the listing."""
    text = _summary(failures, run_info)
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": f"*{text}*"}}]
    for r in failures[:SLACK_MAX_ITEMS]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _line(r)[:2900]}})
    if len(failures) > SLACK_MAX_ITEMS:
        more = len(failures) - SLACK_MAX_ITEMS
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"… and {more} more"}]})
    return {"text": text, "blocks": blocks}


def notify(
    results: list[CheckResult],
    url: str,
    fmt: str = "generic",
    min_severity: str = "error",
    run_info: dict[str, Any] | None = None,
    *,
    timeout: float = 10.0,
) -> bool:
    """Post the failures of `min_severity` or worse to `url`; True when delivered (or none to send).

    Errors (bad URL, connection refused, timeout, non-2xx status) are logged and give False.
    """
    if fmt not in ("generic", "slack"):
        raise ValueError(f"unknown notify format {fmt!r}; use 'generic' or 'slack'")
    failures = failed_at_least(results, min_severity)
    if not failures:
        log.info("notify: no failed checks of severity %s or worse; nothing sent", min_severity)
        return True
    run_info = run_info or {}
    payload = slack_payload(failures, run_info) if fmt == "slack" else generic_payload(failures, run_info)
    try:
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")  # dates, paths as text
        response = httpx.post(url, content=body, headers={"Content-Type": "application/json"}, timeout=timeout)
        response.raise_for_status()
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:  # UnicodeError: a host name IDNA rejects
        log.warning("notify: could not deliver %d failed checks to %s: %s", len(failures), url, exc)
        return False
    log.info("notify: delivered %d failed checks to %s (%s)", len(failures), url, response.status_code)
    return True
