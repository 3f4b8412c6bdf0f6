"""Which commit of a repository each branch is synced to, and how the last sync went.

`CoreRepository` is branch-agnostic, so its `commit` attribute cannot hold one value per branch;
this table does, written in the same transaction as the import it records.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa

from infrahub_server.store.engine import write_transaction

metadata = sa.MetaData()

repository_sync = sa.Table(
    "repository_sync",
    metadata,
    sa.Column("repository_id", sa.String(64), primary_key=True),
    sa.Column("branch", sa.String(255), primary_key=True),
    sa.Column("commit_id", sa.String(64), nullable=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("message", sa.Text, nullable=True),
    sa.Column("updated_at", sa.Float, nullable=False),
)

_prepared: set[int] = set()


@dataclass(frozen=True, slots=True)
class SyncState:
    repository_id: str
    branch: str
    commit: str | None
    status: str
    message: str | None


def prepare_sync_table(engine: sa.Engine) -> None:
    """Create the table once per engine (the server's start path belongs to the app factory)."""
    if id(engine) in _prepared:
        return
    with write_transaction(engine) as connection:
        metadata.create_all(connection, checkfirst=True)
    _prepared.add(id(engine))


def read_sync_state(connection: sa.Connection, repository_id: str, branch: str) -> SyncState | None:
    row = connection.execute(
        sa.select(repository_sync).where(
            repository_sync.c.repository_id == repository_id, repository_sync.c.branch == branch
        )
    ).first()
    if row is None:
        return None
    return SyncState(row.repository_id, row.branch, row.commit_id, row.status, row.message)


def write_sync_state(connection: sa.Connection, state: SyncState) -> None:
    """Replace the state of (repository, branch); keeps the last good commit when `state` has none."""
    previous = read_sync_state(connection, state.repository_id, state.branch)
    commit = state.commit if state.commit is not None else (previous.commit if previous else None)
    values = {
        "commit_id": commit,
        "status": state.status,
        "message": state.message,
        "updated_at": time.time(),
    }
    if previous is None:
        connection.execute(
            repository_sync.insert().values(repository_id=state.repository_id, branch=state.branch, **values)
        )
    else:
        connection.execute(
            repository_sync.update()
            .where(
                repository_sync.c.repository_id == state.repository_id,
                repository_sync.c.branch == state.branch,
            )
            .values(**values)
        )


def forget_repository(connection: sa.Connection, repository_id: str) -> None:
    connection.execute(repository_sync.delete().where(repository_sync.c.repository_id == repository_id))
