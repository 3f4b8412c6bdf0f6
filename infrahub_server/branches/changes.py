"""A branch's changes: each key the branch wrote, with the default branch's row for that key at
`branched_from` (base) and now (main). Everything here costs in proportion to the branch's writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection

from infrahub_server.branches.rows import KEY_COLUMNS, Row, own_current_rows, rows_by_key, state_of
from infrahub_server.store import BranchRecord, tables
from infrahub_server.store.clock import to_micros


@dataclass(slots=True)
class KeyChange:
    """One key written by the branch: its current branch row beside main's rows."""

    branch: Row
    base: Row | None
    main: Row | None

    @property
    def key(self) -> tuple[str, ...]:
        return self.branch.key

    @property
    def changed(self) -> bool:
        """The branch's state differs from what it branched from."""
        return self.branch.state != state_of(self.base)

    @property
    def main_changed(self) -> bool:
        return state_of(self.main) != state_of(self.base)

    @property
    def conflicting(self) -> bool:
        """Both sides changed the key since `branched_from`, to different states."""
        return self.changed and self.main_changed and self.branch.state != state_of(self.main)


@dataclass(slots=True)
class BranchChanges:
    record: BranchRecord
    default_branch: str
    base_at: int
    nodes: dict[str, KeyChange] = field(default_factory=dict)
    attributes: dict[tuple[str, str], KeyChange] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], KeyChange] = field(default_factory=dict)
    main_nodes: dict[str, Row] = field(default_factory=dict)
    """Main's current node row of every node the changes touch (absent: not on main now)."""
    base_nodes: dict[str, Row] = field(default_factory=dict)
    """Main's node row at `branched_from` of every node the changes touch."""
    removed_attributes: dict[str, list[Row]] = field(default_factory=dict)
    """Main's attribute rows at `branched_from` of the nodes the branch removed."""
    main_touched_removed: set[str] = field(default_factory=set)
    """Nodes the branch removed whose attributes main changed since `branched_from`."""

    @property
    def branch(self) -> str:
        return self.record.name

    def touched_node_ids(self) -> set[str]:
        ids = set(self.nodes)
        ids.update(node_id for node_id, _ in self.attributes)
        for _, source, destination in self.edges:
            ids.add(source)
            ids.add(destination)
        return ids

    def exists_on_main(self, node_id: str) -> bool:
        return node_id in self.main_nodes

    def added_nodes(self) -> set[str]:
        return {node_id for node_id, change in self.nodes.items() if change.changed and change.base is None}

    def removed_nodes(self) -> set[str]:
        return {node_id for node_id, change in self.nodes.items() if change.changed and change.branch.deleted}


def load_changes(connection: Connection, record: BranchRecord, default_branch: str) -> BranchChanges:
    base_at = to_micros(record.branched_from)
    changes = BranchChanges(record, default_branch, base_at)
    own = {table: own_current_rows(connection, table, record.name) for table in ("node", "attribute", "edge")}
    touched = {row.key[0] for row in own["node"]} | {row.key[0] for row in own["attribute"]}
    for row in own["edge"]:
        touched.update(row.key[1:])
    node_rows = _by_key(connection, "node", [(node_id,) for node_id in touched], default_branch, base_at)
    for node_id in touched:
        base, main = _base_and_main(node_rows.get((node_id,), []), base_at)
        if base is not None:
            changes.base_nodes[node_id] = base
        if main is not None:
            changes.main_nodes[node_id] = main
    for row in own["node"]:
        node_id = row.key[0]
        changes.nodes[node_id] = KeyChange(
            row, changes.base_nodes.get(node_id), changes.main_nodes.get(node_id)
        )
    attribute_rows = _by_key(
        connection, "attribute", [row.key for row in own["attribute"]], default_branch, base_at
    )
    for row in own["attribute"]:
        base, main = _base_and_main(attribute_rows.get(row.key, []), base_at)
        changes.attributes[(row.key[0], row.key[1])] = KeyChange(row, base, main)
    edge_rows = _by_key(connection, "edge", [row.key for row in own["edge"]], default_branch, base_at)
    for row in own["edge"]:
        base, main = _base_and_main(edge_rows.get(row.key, []), base_at)
        changes.edges[(row.key[0], row.key[1], row.key[2])] = KeyChange(row, base, main)
    _load_removed_attributes(connection, changes)
    return changes


def _load_removed_attributes(connection: Connection, changes: BranchChanges) -> None:
    removed = sorted(changes.removed_nodes())
    if not removed:
        return
    rows = rows_by_key(
        connection,
        "attribute",
        ("node_id",),
        [(node_id,) for node_id in removed],
        branch=changes.default_branch,
        valid_after=changes.base_at,
    )
    found: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.valid_at(changes.base_at):
            found[row.key[0]].append(row)
        if row.from_at > changes.base_at or not row.current:
            changes.main_touched_removed.add(row.key[0])
    changes.removed_attributes = dict(found)


def _by_key(
    connection: Connection, table: str, keys: list[tuple[str, ...]], branch: str, base_at: int
) -> dict[tuple[str, ...], list[Row]]:
    grouped: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    if keys:
        for row in rows_by_key(
            connection, table, KEY_COLUMNS[table], keys, branch=branch, valid_after=base_at
        ):
            grouped[row.key].append(row)
    return grouped


def _base_and_main(rows: list[Row], base_at: int) -> tuple[Row | None, Row | None]:
    base = main = None
    for row in rows:
        if row.deleted:
            continue
        if row.from_at <= base_at < row.to_at:
            base = row
        if row.to_at == tables.OPEN_END:
            main = row
    return base, main


def decoded(row: Row | None) -> Any:
    """The attribute value a row holds (None for no row or a tombstone)."""
    if row is None or row.deleted or row.value_json is None:
        return None
    return orjson.loads(row.value_json)
