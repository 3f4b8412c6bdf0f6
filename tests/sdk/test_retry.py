"""Retry decisions: how long to wait after a 429 or a transient failure, and when to give up."""

from __future__ import annotations

from infrahub_sdk import Config
from infrahub_sdk._retry import RetryBudget, graphql_error_status


def test_rate_limit_honours_retry_after_up_to_the_maximum() -> None:
    budget = RetryBudget(Config(rate_limit_max_retries=2, rate_limit_backoff_max=5))
    assert budget.rate_limit_delay("3") == 3.0
    assert budget.rate_limit_delay("30") == 5.0
    assert budget.rate_limit_delay("1") is None


def test_rate_limit_without_retry_after_backs_off_within_bounds() -> None:
    budget = RetryBudget(Config(rate_limit_backoff_base=0.5, rate_limit_backoff_max=60))
    delays = [budget.rate_limit_delay(None) for _ in range(4)]
    assert all(delay is not None and 0 <= delay <= 0.5 * 2**attempt for attempt, delay in enumerate(delays))


def test_transient_failures_wait_with_equal_jitter_and_stop_at_the_duration() -> None:
    assert RetryBudget(Config()).transient_delay() is None
    budget = RetryBudget(
        Config(retry_on_failure=True, retry_delay=2, retry_max_delay=3, max_retry_duration=300)
    )
    delays = [budget.transient_delay() for _ in range(3)]
    assert None not in delays
    first, second, third = (float(delay or 0) for delay in delays)
    assert 1 <= first <= 2
    assert 1.5 <= second <= 3
    assert 1.5 <= third <= 3
    budget.started -= 300
    assert budget.transient_delay() is None


def test_only_fully_transient_graphql_errors_are_retried() -> None:
    budget = RetryBudget(Config(retry_on_failure=True))
    busy = {"message": "busy", "extensions": {"http_status": 503}}
    assert budget.is_transient_graphql_errors([busy, {"message": "x", "extensions": {"code": 502}}])
    assert not budget.is_transient_graphql_errors([busy, {"message": "bad field"}])
    assert not budget.is_transient_graphql_errors([{"message": "x", "extensions": {"http_status": 422}}])
    assert graphql_error_status({"extensions": {"code": True}}) is None
