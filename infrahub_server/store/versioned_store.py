"""`Store`: the versioned graph store's front door (branches, schema, change sets, readers)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text, union_all

from infrahub_server.errors import BranchNotFoundError
from infrahub_server.store import tables
from infrahub_server.store.branches import (
    create_branch_row,
    ensure_default_branches,
    get_branch_row,
    list_branch_rows,
)
from infrahub_server.store.clock import from_micros, next_timestamp
from infrahub_server.store.engine import (
    create_store_engine,
    read_transaction,
    refresh_statistics,
    write_transaction,
)
from infrahub_server.store.reader import Reader
from infrahub_server.store.schemas import read_schema, write_schema
from infrahub_server.store.types import GLOBAL_BRANCH, BranchRecord, ChangeSetInfo, Snapshot
from infrahub_server.store.visibility import ResolvedSnapshot, resolve_snapshot
from infrahub_server.store.writer import Writer

logger = logging.getLogger(__name__)

_INIT_LOCK_KEY = 0x1F0A_5702_E000_0001
_FIRST_STATISTICS_AFTER = 1_000


class Store:
    """A schema-agnostic, append-only versioned graph on SQLite or PostgreSQL."""

    def __init__(self, engine: Engine, default_branch: str) -> None:
        self.engine = engine
        self.default_branch = default_branch
        # Planner statistics are refreshed as the data grows: after 1k, 2k, 4k... rows written.
        self._rows_until_statistics = _FIRST_STATISTICS_AFTER
        self._statistics_interval = _FIRST_STATISTICS_AFTER

    @classmethod
    def open(cls, url: str, *, default_branch: str = "main") -> Store:
        """Open the database at `url`, creating the tables and the default branches if missing.

        `default_branch` names the default branch on first open only; afterwards the stored one wins.
        """
        engine = create_store_engine(url)
        with write_transaction(engine) as connection:
            if engine.dialect.name == "postgresql":
                # Several server processes may start at once against an empty database.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _INIT_LOCK_KEY})
            tables.metadata.create_all(connection)
            default_branch = ensure_default_branches(connection, default_branch)
            refresh_statistics(connection)
        logger.debug("Opened store %s (default branch %s)", engine.url.render_as_string(), default_branch)
        return cls(engine, default_branch)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- branches -----------------------------------------------------------------------------

    def get_branch(self, name: str) -> BranchRecord | None:
        with read_transaction(self.engine) as connection:
            return get_branch_row(connection, name)

    def list_branches(self) -> list[BranchRecord]:
        """Every branch but `-global-`, the default branch first."""
        with read_transaction(self.engine) as connection:
            return list_branch_rows(connection)

    def create_branch(
        self,
        name: str,
        *,
        description: str = "",
        actor_id: str | None = None,
        sync_with_git: bool = False,
        is_isolated: bool = True,
    ) -> BranchRecord:
        """Create `name` from the default branch as of now; O(1): nothing is copied."""
        with write_transaction(self.engine) as connection:
            at = next_timestamp(connection)
            record = create_branch_row(
                connection,
                name,
                at=at,
                default_branch=self.default_branch,
                description=description,
                sync_with_git=sync_with_git,
                is_isolated=is_isolated,
            )
            _insert_change_set(connection, name, at, actor_id, f"Create branch {name}")
        return record

    # --- schema -------------------------------------------------------------------------------

    def save_schema(
        self, branch: str, payload: dict[str, Any], schema_hash: str, actor_id: str | None
    ) -> None:
        with write_transaction(self.engine) as connection:
            _require_branch(connection, branch)
            at = next_timestamp(connection)
            change_set_id = _insert_change_set(connection, branch, at, actor_id, "Update schema")
            write_schema(connection, branch, payload, schema_hash, at=at, change_set_id=change_set_id)

    def load_schema(self, branch: str, at: datetime | None = None) -> tuple[dict[str, Any], str] | None:
        """The branch's schema payload and hash at `at` (None = now), or None if none was saved."""
        with read_transaction(self.engine) as connection:
            return read_schema(
                connection, resolve_snapshot(connection, Snapshot(branch, at), self.default_branch)
            )

    # --- changes and reads --------------------------------------------------------------------

    @contextmanager
    def change_set(
        self, branch: str, *, actor_id: str | None, message: str | None = None
    ) -> Iterator[Writer]:
        """One transaction and one change set: everything written in the block lands, or nothing."""
        with write_transaction(self.engine) as connection:
            _require_branch(connection, branch)
            at = next_timestamp(connection)
            change_set_id = _insert_change_set(connection, branch, at, actor_id, message)
            snap = resolve_snapshot(connection, Snapshot(branch), self.default_branch)
            info = ChangeSetInfo(change_set_id, branch, from_micros(at), actor_id, message)
            writer = Writer(connection, snap, info, at)
            yield writer
            writer.finish()
            self._rows_until_statistics -= writer.rows_written
            if self._rows_until_statistics <= 0:
                refresh_statistics(connection)
                self._statistics_interval *= 2
                self._rows_until_statistics = self._statistics_interval

    @contextmanager
    def reader(self, snapshot: Snapshot) -> Iterator[Reader]:
        """A reader whose every call sees the same state of `snapshot`."""
        with read_transaction(self.engine) as connection:
            yield Reader(connection, resolve_snapshot(connection, snapshot, self.default_branch))

    def latest_change(self, branch: str) -> ChangeSetInfo | None:
        """The newest change set whose writes `branch` sees now: a cheap key for client caches."""
        with read_transaction(self.engine) as connection:
            snap = resolve_snapshot(connection, Snapshot(branch), self.default_branch)
            return _latest_change(connection, snap)


def _require_branch(connection: Connection, name: str) -> None:
    if name == GLOBAL_BRANCH or get_branch_row(connection, name) is None:
        raise BranchNotFoundError(f"Branch: {name} not found.", data={"branch": name})


_INSERT_CHANGE_SET = insert(tables.change_set).returning(tables.change_set.c.id)


def _insert_change_set(
    connection: Connection, branch: str, at: int, actor_id: str | None, message: str | None
) -> int:
    values = {"branch": branch, "at": at, "actor_id": actor_id, "message": message, "has_global": False}
    return int(connection.execute(_INSERT_CHANGE_SET, values).scalar_one())


def _latest_change(connection: Connection, snap: ResolvedSnapshot) -> ChangeSetInfo | None:
    change = tables.change_set
    columns = (change.c.id, change.c.branch, change.c.at, change.c.actor_id, change.c.message)
    candidates = [
        select(*columns).where(change.c.branch == snap.branch).order_by(change.c.id.desc()).limit(1),
        select(*columns).where(change.c.has_global.is_(True)).order_by(change.c.id.desc()).limit(1),
    ]
    if snap.overlays:
        candidates.append(
            select(*columns)
            .where(change.c.branch == snap.default_branch, change.c.at <= snap.base_at)
            .order_by(change.c.id.desc())
            .limit(1)
        )
    rows = connection.execute(union_all(*(c.subquery().select() for c in candidates))).all()
    if not rows:
        return None
    newest = max(rows, key=lambda row: row.id)
    return ChangeSetInfo(newest.id, newest.branch, from_micros(newest.at), newest.actor_id, newest.message)
