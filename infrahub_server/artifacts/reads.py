"""Which nodes each artefact was rendered from: every `id` in its query result, and its target.

After a merge, only the artefacts that read a changed node are rendered again. Rows are replaced in
the change set that writes the artefact, so they always describe the stored content.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import sqlalchemy as sa

metadata = sa.MetaData()

artifact_read = sa.Table(
    "artifact_read",
    metadata,
    sa.Column("branch", sa.String(255), primary_key=True),
    sa.Column("artifact_id", sa.String(64), primary_key=True),
    sa.Column("node_id", sa.String(64), primary_key=True),
    sa.Index("ix_artifact_read_node", "branch", "node_id"),
)

_prepared: set[int] = set()
_CHUNK = 500


def prepare_reads_table(engine: sa.Engine) -> None:
    """Create the table once per engine (the server's start path belongs to the app factory)."""
    if id(engine) in _prepared:
        return
    with engine.begin() as connection:
        metadata.create_all(connection, checkfirst=True)
    _prepared.add(id(engine))


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[start : start + _CHUNK] for start in range(0, len(items), _CHUNK)]


def _current_reads(connection: sa.Connection, branch: str, artifact_ids: list[str]) -> dict[str, set[str]]:
    current: dict[str, set[str]] = {}
    for chunk in _chunks(artifact_ids):
        statement = sa.select(artifact_read.c.artifact_id, artifact_read.c.node_id).where(
            artifact_read.c.branch == branch, artifact_read.c.artifact_id.in_(chunk)
        )
        for artifact_id, node_id in connection.execute(statement):
            current.setdefault(artifact_id, set()).add(node_id)
    return current


def replace_reads(connection: sa.Connection, branch: str, reads: Mapping[str, Collection[str]]) -> None:
    """Record what each artefact read; artefacts whose reads are unchanged are not rewritten."""
    current = _current_reads(connection, branch, list(reads))
    changed = {artifact_id: set(node_ids) for artifact_id, node_ids in reads.items()}
    changed = {
        artifact_id: node_ids
        for artifact_id, node_ids in changed.items()
        if current.get(artifact_id) != node_ids
    }
    for chunk in _chunks(list(changed)):
        connection.execute(
            sa.delete(artifact_read).where(
                artifact_read.c.branch == branch, artifact_read.c.artifact_id.in_(chunk)
            )
        )
    rows = [
        {"branch": branch, "artifact_id": artifact_id, "node_id": node_id}
        for artifact_id, node_ids in changed.items()
        for node_id in node_ids
    ]
    if rows:
        connection.execute(sa.insert(artifact_read), rows)


def artifacts_reading(connection: sa.Connection, branch: str, node_ids: Collection[str]) -> set[str]:
    """The artefacts of `branch` whose last rendering read one of `node_ids`."""
    found: set[str] = set()
    for chunk in _chunks(sorted(node_ids)):
        statement = sa.select(artifact_read.c.artifact_id).where(
            artifact_read.c.branch == branch, artifact_read.c.node_id.in_(chunk)
        )
        found.update(connection.execute(statement).scalars())
    return found
