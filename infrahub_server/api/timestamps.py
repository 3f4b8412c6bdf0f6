"""The `at` query parameter: an ISO-8601 date or datetime (naive means UTC), or a relative form
like `30s`, `10m`, `2h`, `1d` meaning that long before now."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from starlette.exceptions import HTTPException

_RELATIVE = re.compile(r"^(\d+)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_at(raw: str | None, *, now: datetime | None = None) -> datetime | None:
    """`None` for an absent or empty value (read the present); a 400 when it is not a time."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    relative = _RELATIVE.match(text)
    if relative:
        amount, unit = relative.groups()
        return (now or datetime.now(UTC)) - timedelta(**{_UNITS[unit]: int(amount)})
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise HTTPException(
            400, f"Invalid value for 'at': {raw!r} (expected an ISO-8601 time or a relative form like 10m)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
