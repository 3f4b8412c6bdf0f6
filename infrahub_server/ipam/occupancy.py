"""The branch-agnostic record of which spans are used, read by pool allocation."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.engine import Connection

from infrahub_server.ipam import tables
from infrahub_server.ipam.networks import Span, sort_key

Member = Literal["prefix", "address"]


def record_span(
    connection: Connection,
    *,
    branch: str,
    node_id: str,
    namespace_id: str,
    member: Member,
    span: Span,
    prefixlen: int,
) -> None:
    """Record the node's span on `branch`, replacing what was recorded for it there."""
    previous = _remove(connection, branch, [node_id])
    connection.execute(
        insert(tables.occupancy).values(
            branch=branch,
            node_id=node_id,
            namespace_id=namespace_id,
            member=member,
            version=span.version,
            first=sort_key(span.first),
            last=sort_key(span.last),
            prefixlen=prefixlen,
        )
    )
    moved = [old for old in previous if old != span]
    forget_hints(connection, moved)


def remove_spans(connection: Connection, branch: str, node_ids: list[str]) -> None:
    """Release the nodes' spans on `branch` (they were deleted there)."""
    forget_hints(connection, _remove(connection, branch, node_ids))


def _remove(connection: Connection, branch: str, node_ids: list[str]) -> list[Span]:
    occupancy = tables.occupancy
    where = and_(occupancy.c.branch == branch, occupancy.c.node_id.in_(node_ids))
    rows = connection.execute(select(occupancy.c.version, occupancy.c.first, occupancy.c.last).where(where))
    spans = [Span(row.version, int(row.first, 16), int(row.last, 16)) for row in rows]
    if spans:
        connection.execute(delete(occupancy).where(where))
    return spans


def forget_hints(connection: Connection, freed: list[Span]) -> None:
    """Space came free inside these spans' resources: searches there start from the beginning again."""
    if not freed:
        return
    hint = tables.hint
    clauses = [
        and_(
            hint.c.version == span.version,
            hint.c.first <= sort_key(span.first),
            hint.c.last >= sort_key(span.last),
        )
        for span in freed
    ]
    connection.execute(delete(hint).where(or_(*clauses)))


def used_spans(
    connection: Connection, namespace_id: str, resource: Span, members: tuple[Member, ...], start: int
) -> list[Span]:
    """Spans strictly inside `resource` that are used on any branch and end at or after `start`,
    sorted by their first address."""
    occupancy = tables.occupancy
    statement = (
        select(occupancy.c.first, occupancy.c.last)
        .where(
            occupancy.c.namespace_id == namespace_id,
            occupancy.c.version == resource.version,
            occupancy.c.last >= sort_key(max(start, resource.first)),
            occupancy.c.first <= sort_key(resource.last),
            occupancy.c.member.in_(members),
            # the resource itself and the prefixes around it do not use its space
            or_(occupancy.c.first > sort_key(resource.first), occupancy.c.last < sort_key(resource.last)),
        )
        .order_by(occupancy.c.first)
    )
    version = resource.version
    return [Span(version, int(first, 16), int(last, 16)) for first, last in connection.execute(statement)]


def anything_inside(connection: Connection, namespace_id: str, span: Span, node_id: str) -> bool:
    """Whether any branch uses space strictly inside `span` (other than `node_id`): when none does,
    a new prefix there has no children or addresses to adopt."""
    occupancy = tables.occupancy
    statement = (
        select(occupancy.c.node_id)
        .where(
            occupancy.c.namespace_id == namespace_id,
            occupancy.c.version == span.version,
            occupancy.c.last >= sort_key(span.first),
            occupancy.c.last <= sort_key(span.last),
            occupancy.c.first >= sort_key(span.first),
            occupancy.c.node_id != node_id,
            or_(occupancy.c.first > sort_key(span.first), occupancy.c.last < sort_key(span.last)),
        )
        .limit(1)
    )
    return connection.execute(statement).first() is not None


def prefix_between(
    connection: Connection, namespace_id: str, resource: Span, block: Span, member: Member
) -> bool:
    """Whether any branch has a prefix strictly inside `resource` that contains `block` (a prefix
    block: strictly too)."""
    occupancy = tables.occupancy
    around_block = or_(occupancy.c.first < sort_key(block.first), occupancy.c.last > sort_key(block.last))
    statement = (
        select(occupancy.c.node_id)
        .where(
            occupancy.c.namespace_id == namespace_id,
            occupancy.c.version == resource.version,
            occupancy.c.member == "prefix",
            occupancy.c.last >= sort_key(block.last),
            occupancy.c.last <= sort_key(resource.last),
            occupancy.c.first <= sort_key(block.first),
            occupancy.c.first >= sort_key(resource.first),
            or_(occupancy.c.first > sort_key(resource.first), occupancy.c.last < sort_key(resource.last)),
            around_block if member == "prefix" else occupancy.c.node_id.is_not(None),
        )
        .limit(1)
    )
    return connection.execute(statement).first() is not None


def read_hint(connection: Connection, resource_id: str, member: Member, prefixlen: int) -> int | None:
    hint = tables.hint
    cursor = connection.execute(
        select(hint.c.cursor).where(
            hint.c.resource_id == resource_id, hint.c.member == member, hint.c.prefixlen == prefixlen
        )
    ).scalar_one_or_none()
    return None if cursor is None else int(cursor, 16)


def write_hint(
    connection: Connection, resource_id: str, resource: Span, member: Member, prefixlen: int, cursor: int
) -> None:
    hint = tables.hint
    connection.execute(
        delete(hint).where(
            hint.c.resource_id == resource_id, hint.c.member == member, hint.c.prefixlen == prefixlen
        )
    )
    connection.execute(
        insert(hint).values(
            resource_id=resource_id,
            member=member,
            prefixlen=prefixlen,
            version=resource.version,
            first=sort_key(resource.first),
            last=sort_key(resource.last),
            cursor=sort_key(cursor),
        )
    )
