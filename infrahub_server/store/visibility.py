"""Which versioned rows a snapshot sees.

Branch B at T sees its own rows valid at T, `-global-` rows valid at T, and the default branch's
rows valid at min(T, B.branched_from) whose key B has no row for at T (a B row, even a tombstone,
shadows the default branch's). `local` rows of the default branch are not inherited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import ColumnElement, Connection, FromClause, Table, and_, exists, false, or_, select

from infrahub_server.errors import BranchNotFoundError
from infrahub_server.store import tables
from infrahub_server.store.clock import from_micros, to_micros
from infrahub_server.store.types import GLOBAL_BRANCH, Snapshot

NOW = tables.OPEN_END - 1
"""`at` of a read of the present: every current row and nothing closed."""

KEYS: dict[str, tuple[str, ...]] = {
    "node": ("node_id",),
    "attribute": ("node_id", "name"),
    "edge": ("identifier", "source_id", "destination_id"),
    "schema_version": (),
}


@dataclass(frozen=True, slots=True)
class ResolvedSnapshot:
    branch: str
    default_branch: str
    at: int
    base_at: int
    """When the default branch is read: `at`, or the branch's `branched_from` if earlier."""

    @property
    def overlays(self) -> bool:
        return self.branch != self.default_branch

    @property
    def at_datetime(self) -> datetime | None:
        return None if self.at == NOW else from_micros(self.at)


def resolve_snapshot(connection: Connection, snapshot: Snapshot, default_branch: str) -> ResolvedSnapshot:
    at = NOW if snapshot.at is None else to_micros(snapshot.at)
    if snapshot.branch in (default_branch, GLOBAL_BRANCH):
        return ResolvedSnapshot(default_branch, default_branch, at, at)
    branched_from = connection.execute(
        select(tables.branch.c.branched_from).where(tables.branch.c.name == snapshot.branch)
    ).scalar_one_or_none()
    if branched_from is None:
        raise BranchNotFoundError(f"Branch: {snapshot.branch} not found.", data={"branch": snapshot.branch})
    return ResolvedSnapshot(snapshot.branch, default_branch, at, min(at, int(branched_from)))


def valid_at(table: FromClause, at: int) -> ColumnElement[bool]:
    return and_(table.c.from_at <= at, table.c.to_at > at)


def visible(
    table: FromClause, snap: ResolvedSnapshot, *, include_deleted: bool = False
) -> ColumnElement[bool]:
    """Rows of `table` (possibly an alias) that `snap` sees; tombstones only with `include_deleted`."""
    if not snap.overlays:
        return _visible_on_default(table, snap, include_deleted)
    live = [] if include_deleted else [table.c.deleted == false()]
    base = base_table(table)
    shadow = base.alias()
    shadowed = exists().where(
        *(shadow.c[key] == table.c[key] for key in KEYS[base.name]),
        shadow.c.branch == snap.branch,
        valid_at(shadow, snap.at),
    )
    own = and_(table.c.branch.in_([snap.branch, GLOBAL_BRANCH]), valid_at(table, snap.at))
    inherited = and_(
        table.c.branch == snap.default_branch,
        table.c.scope != "l",
        valid_at(table, snap.base_at),
        ~shadowed,
    )
    # The leading IN lets SQLite use the (…, branch, to_at) indexes for each branch in turn.
    return and_(
        table.c.branch.in_([snap.branch, GLOBAL_BRANCH, snap.default_branch]),
        or_(own, inherited),
        *live,
    )


@lru_cache(maxsize=1024)
def _visible_on_default(
    table: FromClause, snap: ResolvedSnapshot, include_deleted: bool
) -> ColumnElement[bool]:
    # Kept per (table or alias, snapshot): building the expression costs more than running a small
    # query, and reads of the default branch now all share one snapshot value. Expressions are immutable.
    live = [] if include_deleted else [table.c.deleted == false()]
    return and_(table.c.branch.in_([snap.branch, GLOBAL_BRANCH]), valid_at(table, snap.at), *live)


def base_table(table: FromClause) -> Table:
    """The table behind an alias."""
    while not isinstance(table, Table):
        table = table.element  # type: ignore[attr-defined]
    return table
