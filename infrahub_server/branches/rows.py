"""Versioned rows looked up by key, in batches: the reads diff and merge are built on.

Each lookup joins the key list (a JSON document on SQLite, arrays on PostgreSQL) to the table's
primary key or an index, so its cost follows the number of keys, not the size of the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, text

from infrahub_server.store import tables

_CHUNK = 20_000

KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "node": ("node_id",),
    "attribute": ("node_id", "name"),
    "edge": ("identifier", "source_id", "destination_id"),
}


@dataclass(frozen=True, slots=True)
class Row:
    """One versioned row; `state` is what a diff compares (None when the row is a tombstone).
    `prop_source` and `prop_owner` are the `source` and `owner` properties."""

    table: str
    key: tuple[str, ...]
    branch: str
    from_at: int
    to_at: int
    from_cs: int
    to_cs: int | None
    scope: str
    deleted: bool
    kind: str | None
    value_json: str | None = None
    is_default: bool = False
    is_protected: bool = False
    prop_source: str | None = None
    prop_owner: str | None = None

    @property
    def state(self) -> tuple[Any, ...] | None:
        if self.deleted:
            return None
        if self.table == "attribute":
            return (self.value_json, self.is_protected, self.prop_source, self.prop_owner)
        if self.table == "edge":
            return (self.is_protected, self.prop_source, self.prop_owner)
        return (self.kind,)

    def valid_at(self, at: int) -> bool:
        return self.from_at <= at < self.to_at

    @property
    def current(self) -> bool:
        return self.to_at == tables.OPEN_END


def state_of(row: Row | None) -> tuple[Any, ...] | None:
    return None if row is None else row.state


COLUMNS: dict[str, tuple[str, ...]] = {
    "node": ("node_id", "branch", "from_at", "to_at", "from_cs", "to_cs", "scope", "deleted", "kind"),
    "attribute": (
        *("node_id", "name", "branch", "from_at", "to_at", "from_cs", "to_cs", "scope", "deleted", "kind"),
        *("value_json", "is_default", "is_protected", "source_id", "owner_id"),
    ),
    "edge": (
        *("identifier", "source_id", "destination_id", "branch", "from_at", "to_at", "from_cs", "to_cs"),
        *("scope", "deleted", "is_protected", "source_prop_id", "owner_id"),
    ),
}
"""The columns every query of this module selects, in the order `to_row` reads them."""


def column_list(table: str, alias: str = "t") -> str:
    return ", ".join(f"{alias}.{column}" for column in COLUMNS[table])


def to_row(table: str, v: Sequence[Any]) -> Row:
    """A Row from a result row holding `COLUMNS[table]` in order."""
    if table == "node":
        return Row("node", (v[0],), v[1], v[2], v[3], v[4], v[5], v[6], bool(v[7]), v[8])
    if table == "attribute":
        return Row(
            "attribute", (v[0], v[1]), v[2], v[3], v[4], v[5], v[6], v[7], bool(v[8]), v[9],
            v[10], bool(v[11]), bool(v[12]), v[13], v[14],
        )  # fmt: skip
    return Row(
        "edge", (v[0], v[1], v[2]), v[3], v[4], v[5], v[6], v[7], v[8], bool(v[9]), None,
        None, False, bool(v[10]), v[11], v[12],
    )  # fmt: skip


def own_current_rows(connection: Connection, table: str, branch: str) -> list[Row]:
    """The branch's current rows (tombstones included, `local` rows left out), found through the
    branch's change sets."""
    statement = text(
        f"SELECT {column_list(table)} FROM {table} AS t WHERE t.from_cs IN "
        "(SELECT id FROM change_set WHERE branch = :branch) "
        "AND t.branch = :branch AND t.to_at = :open_end AND t.scope <> 'l'"
    )
    result = connection.execute(statement, {"branch": branch, "open_end": tables.OPEN_END})
    return [to_row(table, values) for values in result.all()]


def rows_by_key(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    keys: Sequence[tuple[str, ...]],
    *,
    branch: str,
    valid_after: int,
) -> list[Row]:
    """Rows of `branch` whose `columns` match one of `keys` and that are valid at some instant
    after `valid_after` (so both the row valid then and the current one come back)."""
    found: list[Row] = []
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        if connection.dialect.name == "postgresql":
            statement, params = _postgres_lookup(table, columns, chunk)
        else:
            statement, params = _sqlite_lookup(table, columns, chunk)
        params.update(branch=branch, after=valid_after)
        result = connection.execute(text(statement), params)
        found.extend(to_row(table, values) for values in result.all())
    return found


def _sqlite_lookup(
    table: str, columns: Sequence[str], keys: Sequence[tuple[str, ...]]
) -> tuple[str, dict[str, Any]]:
    # The keys are unpacked once into a materialised list, then each is one index probe (CROSS JOIN
    # keeps the list as the outer loop).
    unpacked = ", ".join(f"json_extract(value, '$[{index}]') AS c{index}" for index in range(len(columns)))
    matches = " AND ".join(f"t.{column} = k.c{index}" for index, column in enumerate(columns))
    statement = (
        f"WITH k AS MATERIALIZED (SELECT {unpacked} FROM json_each(:keys)) "
        f"SELECT {column_list(table)} FROM k CROSS JOIN {table} AS t "
        f"WHERE {matches} AND t.branch = :branch AND t.to_at > :after"
    )
    return statement, {"keys": orjson.dumps([list(key) for key in keys]).decode()}


def _postgres_lookup(
    table: str, columns: Sequence[str], keys: Sequence[tuple[str, ...]]
) -> tuple[str, dict[str, Any]]:
    arrays = ", ".join(f"CAST(:k{index} AS text[])" for index in range(len(columns)))
    names = ", ".join(f"c{index}" for index in range(len(columns)))
    matches = " AND ".join(f"t.{column} = k.c{index}" for index, column in enumerate(columns))
    statement = (
        f"SELECT {column_list(table)} FROM unnest({arrays}) AS k({names}) JOIN {table} AS t ON {matches} "
        "WHERE t.branch = :branch AND t.to_at > :after"
    )
    params: dict[str, Any] = {f"k{index}": [key[index] for key in keys] for index in range(len(columns))}
    return statement, params
