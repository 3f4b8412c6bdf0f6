"""The schema a branch's data is read with, from the store, inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import Connection, select

from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Snapshot, tables
from infrahub_server.store.schemas import read_schema
from infrahub_server.store.visibility import resolve_snapshot


def branch_schema(
    connection: Connection, branch: str, default_branch: str
) -> tuple[SchemaBranch, str | None]:
    """The branch's processed schema now and its hash (an empty schema when none was saved)."""
    loaded = read_schema(connection, resolve_snapshot(connection, Snapshot(branch), default_branch))
    if loaded is None:
        return SchemaBranch(), None
    payload, schema_hash = loaded
    return SchemaBranch.from_api_payload(payload), schema_hash


def has_own_schema(connection: Connection, branch: str) -> bool:
    """Whether a schema was loaded on the branch itself (`has_schema_changes`)."""
    version = tables.schema_version
    statement = select(version.c.pk).where(version.c.branch == branch, version.c.to_at == tables.OPEN_END)
    return connection.execute(statement.limit(1)).first() is not None
