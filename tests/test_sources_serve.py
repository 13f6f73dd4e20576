"""`flows.serve`: schedules validated up front, and no silent serving on an API without a scheduler."""

from __future__ import annotations

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.serve import NoSchedulerError, require_api_url, schedule, serve, serve_parameters


def test_default_schedule_is_weekdays_after_the_beijing_release() -> None:
    s = schedule()
    assert (s.cron, s.timezone, s.active) == ("15 10 * * 1-5", "Asia/Shanghai", True)


@pytest.mark.parametrize(("cron", "tz", "message"), [
    ("61 10 * * 1-5", "Asia/Shanghai", "invalid cron schedule"),
    ("15 10 * * 1-5", "Asia/Beijing", "unknown timezone"),  # not an IANA zone: Shanghai is
])
def test_bad_schedules_fail_before_registering(cron: str, tz: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        serve(cron=cron, timezone=tz)


def test_serve_refuses_the_ephemeral_api() -> None:
    with temporary_settings(updates={PREFECT_API_URL: None}), pytest.raises(NoSchedulerError, match="server start"):
        require_api_url()
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert require_api_url() == "http://127.0.0.1:4200/api"


def test_serve_parameters_only_carry_what_was_given() -> None:
    assert serve_parameters(None, None) == {}
    assert serve_parameters(["seeds", "feed:http://x/rss"], "wh") == {
        "sources": ["seeds", "feed:http://x/rss"], "warehouse": "wh"}
