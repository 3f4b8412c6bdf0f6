"""`Timestamp`: what `at=` accepts and how it is sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infrahub_sdk.exceptions import TimestampFormatError
from infrahub_sdk.timestamp import Timestamp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000000Z"),
        ("2024-01-01T02:30:00+02:00", "2024-01-01T00:30:00.000000Z"),
        ("2024-01-01T00:00:00.123456", "2024-01-01T00:00:00.123456Z"),
        ("2024-01-01", "2024-01-01T12:00:00.000000Z"),
    ],
)
def test_absolute_forms(value: str, expected: str) -> None:
    assert Timestamp(value).to_string() == expected


def test_relative_forms_count_back_from_now() -> None:
    before = datetime.now(UTC)
    moment = Timestamp("1h 30m").to_datetime()
    assert (
        before - timedelta(hours=1, minutes=30, seconds=1) < moment <= before - timedelta(hours=1, minutes=29)
    )


def test_nonsense_is_refused() -> None:
    with pytest.raises(TimestampFormatError, match="Invalid time format for yesterday"):
        Timestamp("yesterday")
