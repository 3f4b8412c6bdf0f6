"""When to retry a request and how long to wait: pure decisions, no sleeping here."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import Any

from .config import Config

_MAX_EXPONENT = 63


def parse_retry_after(header: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or HTTP-date), None if unusable."""
    value = (header or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def backoff(attempt: int, base: float, ceiling: float) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(ceiling, base * 2**attempt)]."""
    return random.uniform(0, min(ceiling, base * 2 ** min(attempt, _MAX_EXPONENT)))


def graphql_error_status(error: Any) -> int | None:
    """The HTTP status the server attached to a GraphQL error (`extensions.http_status`, or an int `code`)."""
    extensions = error.get("extensions") if isinstance(error, dict) else None
    if not isinstance(extensions, dict):
        return None
    for key in ("http_status", "code"):
        value = extensions.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


@dataclass
class RetryBudget:
    """Attempts made so far for one logical request, across rate limiting and transient failures."""

    config: Config
    started: float = field(default_factory=monotonic)
    rate_limited: int = 0
    transient: int = 0

    def rate_limit_delay(self, retry_after: str | None) -> float | None:
        """Delay before retrying a 429, or None when the budget is spent (or retrying is off)."""
        config = self.config
        self.rate_limited += 1
        if not config.rate_limit_retry_enabled or self.rate_limited > config.rate_limit_max_retries:
            return None
        delay = parse_retry_after(retry_after)
        if delay is not None:
            return min(delay, config.rate_limit_backoff_max)
        return backoff(self.rate_limited - 1, config.rate_limit_backoff_base, config.rate_limit_backoff_max)

    def transient_delay(self) -> float | None:
        """Delay before retrying a connection error, a timeout or a transient status, or None.

        Equal jitter in [ceiling/2, ceiling], ceiling doubling from `retry_delay` up to `retry_max_delay`,
        never past `max_retry_duration` (0 retries forever)."""
        config = self.config
        elapsed = monotonic() - self.started
        if not config.retry_on_failure or (
            config.max_retry_duration and elapsed >= config.max_retry_duration
        ):
            return None
        ceiling = min(config.retry_max_delay, config.retry_delay * 2 ** min(self.transient, _MAX_EXPONENT))
        self.transient += 1
        delay = random.uniform(ceiling / 2, ceiling)
        if config.max_retry_duration:
            delay = min(delay, config.max_retry_duration - elapsed)
        return delay

    def is_transient_status(self, status_code: int) -> bool:
        return self.config.retry_on_failure and status_code in self.config.retry_status_codes

    def is_transient_graphql_errors(self, errors: Any) -> bool:
        """Every error carries a transient status (one unclassified error makes the answer final)."""
        if not isinstance(errors, list) or not errors:
            return False
        statuses = [graphql_error_status(error) for error in errors]
        return all(status is not None and self.is_transient_status(status) for status in statuses)
