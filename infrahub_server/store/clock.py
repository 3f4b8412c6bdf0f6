"""Store time: integer microseconds in the database, UTC datetimes at the boundary, and ids.

Change-set timestamps come from one counter row (`store_clock`), advanced inside the writing
transaction: the row lock serialises writers, so timestamps strictly increase in commit order and a
read at `at` sees exactly the change sets stamped up to `at`.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, bindparam, case, update

from infrahub_server.store import tables

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def to_micros(moment: datetime) -> int:
    """Microseconds since the epoch; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // _MICROSECOND


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


def now_micros() -> int:
    return time.time_ns() // 1000


_ADVANCE_CLOCK = (
    update(tables.clock)
    .where(tables.clock.c.id == 1)
    .values(
        last_at=case(
            (tables.clock.c.last_at + 1 > bindparam("now", type_=tables.Micros), tables.clock.c.last_at + 1),
            else_=bindparam("now", type_=tables.Micros),
        )
    )
    .returning(tables.clock.c.last_at)
)


def next_timestamp(connection: Connection) -> int:
    """Advance the database clock past both its last value and the wall clock; returns the new value."""
    return int(connection.execute(_ADVANCE_CLOCK, {"now": now_micros()}).scalar_one())


class _IdSequence:
    """Time-prefixed ids: 56 bits of microseconds (strictly increasing in this process), then 72
    random bits, formatted as a UUID so `uuid.UUID(id)` accepts it and string order is creation order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0

    def next(self) -> str:
        with self._lock:
            self._last = max(now_micros(), self._last + 1)
            stamp = self._last
        value = (stamp & (2**56 - 1)) << 72 | int.from_bytes(os.urandom(9), "big")
        return str(uuid.UUID(int=value))


_ids = _IdSequence()


def new_id() -> str:
    return _ids.next()
