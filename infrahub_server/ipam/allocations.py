"""Allocation records: which value each (pool, identifier) got, on any branch, and their release."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.engine import Connection

from infrahub_server.ipam import tables

_NUMBER = "number"
"""`pool_hint.member` of number pools' hints (keyed by the pool's id)."""

ALLOCATION_LOCK = "InfrahubResourceAllocation"
"""One lock for every allocation (`Writer.lock_kinds`): two allocations never interleave, and a
mutation drawing from several pools cannot deadlock against another."""


@dataclass(frozen=True, slots=True)
class Allocation:
    pool_id: str
    identifier: str
    value: str
    node_id: str | None
    branch: str


def find_allocation(connection: Connection, pool_id: str, identifier: str) -> Allocation | None:
    table = tables.allocation
    row = connection.execute(
        select(table.c.value, table.c.node_id, table.c.branch).where(
            table.c.pool_id == pool_id, table.c.identifier == identifier
        )
    ).first()
    return None if row is None else Allocation(pool_id, identifier, row.value, row.node_id, row.branch)


def record_allocation(
    connection: Connection,
    *,
    pool_id: str,
    identifier: str,
    value: str,
    node_id: str | None,
    branch: str,
    number: int | None = None,
) -> None:
    connection.execute(
        insert(tables.allocation).values(
            pool_id=pool_id,
            identifier=identifier,
            value=value,
            number=number,
            node_id=node_id,
            branch=branch,
        )
    )


def release_allocations(connection: Connection, branch: str, node_ids: list[str]) -> int:
    """Forget the allocations held by nodes deleted on the branch that allocated them."""
    table = tables.allocation
    where = and_(table.c.branch == branch, table.c.node_id.in_(node_ids))
    pools = list(
        connection.execute(select(table.c.pool_id).where(where, table.c.number.is_not(None))).scalars()
    )
    if pools:
        hint = tables.hint
        connection.execute(delete(hint).where(hint.c.resource_id.in_(pools), hint.c.member == _NUMBER))
    result = connection.execute(delete(table).where(where))
    return result.rowcount or 0


def number_hint(connection: Connection, pool_id: str) -> int | None:
    """Every number of the pool below this one was taken when it was saved."""
    hint = tables.hint
    cursor = connection.execute(
        select(hint.c.cursor).where(hint.c.resource_id == pool_id, hint.c.member == _NUMBER)
    ).scalar_one_or_none()
    return None if cursor is None else int(cursor)


def forget_number_hint(connection: Connection, pool_id: str) -> None:
    hint = tables.hint
    connection.execute(delete(hint).where(hint.c.resource_id == pool_id, hint.c.member == _NUMBER))


def save_number_hint(connection: Connection, pool_id: str, number: int) -> None:
    forget_number_hint(connection, pool_id)
    hint = tables.hint
    connection.execute(
        insert(hint).values(
            resource_id=pool_id, member=_NUMBER, prefixlen=0, version=0, first="", last="", cursor=str(number)
        )
    )


def lowest_free_number(connection: Connection, pool_id: str, start: int, end: int) -> int | None:
    """The lowest number in [start, end] that the pool has not handed out, on any branch."""
    table = tables.allocation
    if start > end:
        return None
    taken = connection.execute(
        select(table.c.number).where(table.c.pool_id == pool_id, table.c.number == start)
    ).first()
    if taken is None:
        return start
    following = tables.allocation.alias("following")
    candidate = connection.execute(
        select(func.min(table.c.number + 1)).where(
            table.c.pool_id == pool_id,
            table.c.number >= start,
            ~exists().where(and_(following.c.pool_id == pool_id, following.c.number == table.c.number + 1)),
        )
    ).scalar_one_or_none()
    if candidate is None or candidate > end:
        return None
    return int(candidate)


def allocations_of(
    connection: Connection, pool_id: str, *, limit: int | None = None, offset: int = 0
) -> tuple[int, list[Allocation]]:
    """The pool's allocations (all branches), ordered by value, and their count."""
    table = tables.allocation
    count = connection.execute(select(func.count()).where(table.c.pool_id == pool_id)).scalar_one()
    statement = (
        select(table.c.identifier, table.c.value, table.c.node_id, table.c.branch)
        .where(table.c.pool_id == pool_id)
        .order_by(table.c.number, table.c.value)
        .offset(offset)
    )
    if limit is not None:
        statement = statement.limit(limit)
    rows = connection.execute(statement)
    return int(count), [
        Allocation(pool_id, row.identifier, row.value, row.node_id, row.branch) for row in rows
    ]
