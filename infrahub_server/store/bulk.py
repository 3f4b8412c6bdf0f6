"""Buffered rows sent in bulk: executemany on SQLite; on PostgreSQL one statement per batch, with the
rows passed as column arrays and expanded by `unnest` (far fewer round trips than executemany)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from infrahub_server.store.tables import OPEN_END

_INTERVAL = ("from_at", "to_at", "from_cs", "to_cs")
INSERT_COLUMNS: dict[str, tuple[str, ...]] = {
    "node": ("node_id", "branch", *_INTERVAL, "kind", "scope", "deleted"),
    "attribute": (
        *("node_id", "name", "branch", *_INTERVAL, "kind", "scope", "deleted"),
        *("value_json", "value_text", "value_num", "is_default", "is_protected", "source_id", "owner_id"),
    ),
    "edge": (
        *("source_id", "identifier", "destination_id", "branch", *_INTERVAL),
        *("edge_id", "scope", "deleted", "is_protected", "source_prop_id", "owner_id"),
    ),
}
"""Inserted rows are tuples in these column orders."""

KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "node": ("node", ("node_id", "branch")),
    "attr": ("attribute", ("node_id", "name", "branch")),
    "attrs": ("attribute", ("node_id", "branch")),
    "edge": ("edge", ("identifier", "source_id", "destination_id", "branch")),
}
"""What a close or drop addresses: the table and the key columns, for each kind of key."""

_PG_ARRAY_TYPES = {
    **dict.fromkeys(_INTERVAL, "bigint[]"),
    **dict.fromkeys(("deleted", "is_default", "is_protected"), "boolean[]"),
    "value_num": "float8[]",
}


class BulkSender:
    """Sends closes (end current rows), drops (delete rows of this change set) and inserts."""

    def __init__(self, connection: Connection, *, at: int, change_set_id: int) -> None:
        self._connection = connection
        self._at = at
        self._change_set_id = change_set_id
        self._postgres = connection.dialect.name == "postgresql"

    def close(self, key_kind: str, keys: Sequence[tuple[Any, ...]]) -> None:
        table, columns = KEYS[key_kind]
        if self._postgres:
            self._connection.exec_driver_sql(
                f"UPDATE {table} SET to_at = %s, to_cs = %s FROM {_unnest(columns)} "
                f"WHERE {_join(table, columns)} AND {table}.to_at = {OPEN_END}",
                (self._at, self._change_set_id, *_arrays(columns, keys)),
            )
            return
        matches = " AND ".join(f"{column} = ?" for column in columns)
        self._connection.exec_driver_sql(
            f"UPDATE {table} SET to_at = ?, to_cs = ? WHERE {matches} AND to_at = {OPEN_END}",
            [(self._at, self._change_set_id, *key) for key in keys],
        )

    def drop(self, key_kind: str, keys: Sequence[tuple[Any, ...]]) -> None:
        table, columns = KEYS[key_kind]
        if self._postgres:
            self._connection.exec_driver_sql(
                f"DELETE FROM {table} USING {_unnest(columns)} "
                f"WHERE {_join(table, columns)} AND {table}.from_at = %s",
                (*_arrays(columns, keys), self._at),
            )
            return
        matches = " AND ".join(f"{column} = ?" for column in columns)
        self._connection.exec_driver_sql(
            f"DELETE FROM {table} WHERE {matches} AND from_at = ?", [(*key, self._at) for key in keys]
        )

    def insert(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        columns = INSERT_COLUMNS[table]
        names = ", ".join(columns)
        if self._postgres:
            self._connection.exec_driver_sql(
                f"INSERT INTO {table} ({names}) SELECT * FROM {_unnest(columns)}",
                tuple(_arrays(columns, rows)),
            )
            return
        placeholders = ", ".join("?" * len(columns))
        self._connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", list(rows))


def _unnest(columns: Sequence[str]) -> str:
    arrays = ", ".join(f"%s::{_PG_ARRAY_TYPES.get(column, 'text[]')}" for column in columns)
    return f"unnest({arrays}) AS k({', '.join(columns)})"


def _join(table: str, columns: Sequence[str]) -> str:
    return " AND ".join(f"{table}.{column} = k.{column}" for column in columns)


def _arrays(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(values) for values in zip(*rows, strict=True)] if rows else [[] for _ in columns]
