"""Branch rows: the defaults created on first open, lookups and O(1) branch creation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, insert, select

from infrahub_server.errors import ValidationError
from infrahub_server.store import tables
from infrahub_server.store.clock import from_micros, new_id, next_timestamp
from infrahub_server.store.types import GLOBAL_BRANCH, BranchRecord


def ensure_default_branches(connection: Connection, default_branch: str) -> str:
    """Create the clock, the default branch and `-global-` if missing; returns the default's name."""
    if connection.execute(select(tables.clock.c.id)).first() is None:
        connection.execute(insert(tables.clock).values(id=1, last_at=0))
    existing = connection.execute(
        select(tables.branch.c.name).where(tables.branch.c.is_default.is_(True))
    ).scalar_one_or_none()
    if existing is not None:
        return str(existing)
    at = next_timestamp(connection)
    for name, is_default in ((default_branch, True), (GLOBAL_BRANCH, False)):
        connection.execute(
            insert(tables.branch).values(
                id=new_id(),
                name=name,
                status="OPEN",
                description="Default Branch" if is_default else "Global Branch",
                origin_branch=default_branch,
                branched_from=at,
                created_at=at,
                is_default=is_default,
                sync_with_git=is_default,
                is_isolated=True,
                graph_version=1,
                schema_hash=None,
            )
        )
    return default_branch


def create_branch_row(
    connection: Connection,
    name: str,
    *,
    at: int,
    default_branch: str,
    description: str,
    sync_with_git: bool,
    is_isolated: bool,
) -> BranchRecord:
    """Insert the branch row: nothing is copied, the branch reads main as of `at`."""
    if get_branch_row(connection, name) is not None:
        raise ValidationError(f"The branch {name} already exists", data={"branch": name})
    default = get_branch_row(connection, default_branch)
    values: dict[str, Any] = {
        "id": new_id(),
        "name": name,
        "status": "OPEN",
        "description": description,
        "origin_branch": default_branch,
        "branched_from": at,
        "created_at": at,
        "is_default": False,
        "sync_with_git": sync_with_git,
        "is_isolated": is_isolated,
        "graph_version": default.graph_version if default else None,
        "schema_hash": default.schema_hash if default else None,
    }
    connection.execute(insert(tables.branch).values(**values))
    return _record(values)


_BRANCH_BY_NAME = select(tables.branch).where(tables.branch.c.name == bindparam("name"))


def get_branch_row(connection: Connection, name: str) -> BranchRecord | None:
    row = connection.execute(_BRANCH_BY_NAME, {"name": name}).mappings().first()
    return None if row is None else _record(row)


def list_branch_rows(connection: Connection) -> list[BranchRecord]:
    """Every branch except `-global-`, the default first, then by name."""
    statement = (
        select(tables.branch)
        .where(tables.branch.c.name != GLOBAL_BRANCH)
        .order_by(tables.branch.c.is_default.desc(), tables.branch.c.name)
    )
    return [_record(row) for row in connection.execute(statement).mappings()]


def _record(row: Any) -> BranchRecord:
    return BranchRecord(
        id=row["id"],
        name=row["name"],
        status=row["status"],
        description=row["description"],
        origin_branch=row["origin_branch"],
        branched_from=from_micros(row["branched_from"]),
        created_at=from_micros(row["created_at"]),
        is_default=bool(row["is_default"]),
        sync_with_git=bool(row["sync_with_git"]),
        is_isolated=bool(row["is_isolated"]),
        graph_version=row["graph_version"],
        schema_hash=row["schema_hash"],
    )
