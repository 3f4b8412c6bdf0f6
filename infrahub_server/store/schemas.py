"""Each branch's schema payload, versioned like the data: a branch without its own schema row reads
the default branch's schema as of its `branched_from`."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection, insert, or_, select, update

from infrahub_server.store import tables
from infrahub_server.store.visibility import ResolvedSnapshot, valid_at


def write_schema(
    connection: Connection,
    branch: str,
    payload: dict[str, Any],
    schema_hash: str,
    *,
    at: int,
    change_set_id: int,
) -> None:
    version = tables.schema_version
    connection.execute(
        update(version)
        .where(version.c.branch == branch, version.c.to_at == tables.OPEN_END)
        .values(to_at=at, to_cs=change_set_id)
    )
    connection.execute(
        insert(version).values(
            branch=branch,
            schema_hash=schema_hash,
            payload=orjson.dumps(payload).decode(),
            from_at=at,
            to_at=tables.OPEN_END,
            from_cs=change_set_id,
            to_cs=None,
        )
    )
    connection.execute(
        update(tables.branch).where(tables.branch.c.name == branch).values(schema_hash=schema_hash)
    )


def read_schema(connection: Connection, snap: ResolvedSnapshot) -> tuple[dict[str, Any], str] | None:
    version = tables.schema_version
    own = (version.c.branch == snap.branch) & valid_at(version, snap.at)
    inherited = (version.c.branch == snap.default_branch) & valid_at(version, snap.base_at)
    rows = connection.execute(
        select(version.c.branch, version.c.payload, version.c.schema_hash).where(or_(own, inherited))
    ).all()
    if not rows:
        return None
    chosen = next((row for row in rows if row.branch == snap.branch), rows[0])
    return orjson.loads(chosen.payload), chosen.schema_hash
