"""`Timestamp`: the moment a read looks at (`at=`), always UTC with microseconds."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import total_ordering

from .exceptions import TimestampFormatError

# "5m", "2h", "30s" and combinations ("1h 30m"): that long before now.
_RELATIVE_UNITS = {
    "seconds": r"(\d+)(s|sec|second|seconds)\b",
    "minutes": r"(\d+)(m|min|minute|minutes)\b",
    "hours": r"(\d+)(h|hour|hours)\b",
}


def _parse(value: str) -> datetime:
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        moment = None
    if moment is not None:
        if len(text) == 10:
            # A bare date means noon that day, as with the official SDK.
            return datetime.combine(date.fromisoformat(text), time(12), tzinfo=UTC)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    offsets = {
        unit: float(match.group(1))
        for unit, pattern in _RELATIVE_UNITS.items()
        if (match := re.search(pattern, text))
    }
    if offsets:
        return datetime.now(UTC) - timedelta(**offsets)
    raise TimestampFormatError(f"Invalid time format for {value}")


@total_ordering
class Timestamp:
    def __init__(self, value: str | datetime | Timestamp | None = None) -> None:
        if isinstance(value, Timestamp):
            self._obj: datetime = value._obj
        elif isinstance(value, datetime):
            self._obj = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        elif isinstance(value, str):
            self._obj = _parse(value)
        else:
            self._obj = datetime.now(UTC)

    def to_string(self, with_z: bool = True) -> str:
        """`2024-01-01T00:00:00.000000Z` (or `+00:00` without `with_z`)."""
        text = self._obj.isoformat(timespec="microseconds")
        return text[:-6] + "Z" if with_z and text.endswith("+00:00") else text

    def to_datetime(self) -> datetime:
        return self._obj

    def to_timestamp(self) -> int:
        return int(self._obj.timestamp())

    def add_delta(
        self, hours: int = 0, minutes: int = 0, seconds: int = 0, microseconds: int = 0
    ) -> Timestamp:
        delta = timedelta(hours=hours, minutes=minutes, seconds=seconds, microseconds=microseconds)
        return Timestamp(self._obj + delta)

    def __repr__(self) -> str:
        return f"Timestamp: {self.to_string()}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timestamp):
            return NotImplemented
        return self._obj == other._obj

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Timestamp):
            return NotImplemented
        return self._obj < other._obj

    def __hash__(self) -> int:
        return hash(self._obj)
