"""Enumerations shared by the clients."""

from __future__ import annotations

import enum


class InfrahubClientMode(enum.StrEnum):
    DEFAULT = "default"
    TRACKING = "tracking"


class Priority(enum.StrEnum):
    """Request priority, sent as the `X-Priority` header; parsed case-insensitively."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def _missing_(cls, value: object) -> Priority | None:
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        return None
