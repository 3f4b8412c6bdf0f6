"""Writes of one change set: rows are buffered and sent with executemany, closes before inserts.

A change closes the key's current row on the branch written to and inserts the new row; a key
written twice in one change set keeps only its last row. On a user branch a removal inserts a
tombstone, which hides the default branch's row for that key. Agnostic rows are written on
`-global-` whatever the change set's branch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, or_, select, text, update

from infrahub_server.errors import NodeNotFoundError
from infrahub_server.store import tables
from infrahub_server.store.bulk import BulkSender
from infrahub_server.store.clock import new_id
from infrahub_server.store.reader import Reader
from infrahub_server.store.schemas import write_schema
from infrahub_server.store.types import GLOBAL_BRANCH, AttributeRecord, BranchScope, ChangeSetInfo
from infrahub_server.store.values import encode_value
from infrahub_server.store.visibility import ResolvedSnapshot, visible

_SCOPE_CODES: dict[str, str] = {"aware": "a", "agnostic": "g", "local": "l"}
_FLUSH_AT = 20_000


class Writer(Reader):
    """Writes of one change set; also reads, seeing its own writes, at (branch, now)."""

    def __init__(self, connection: Connection, snap: ResolvedSnapshot, info: ChangeSetInfo, at: int) -> None:
        super().__init__(connection, snap)
        self.info = info
        self._interval = (at, tables.OPEN_END, info.id, None)
        self._sender = BulkSender(connection, at=at, change_set_id=info.id)
        self._closes: dict[str, list[tuple[Any, ...]]] = {}
        self._drops: dict[str, list[tuple[Any, ...]]] = {}
        self._inserts: dict[str, list[tuple[Any, ...]]] = {"node": [], "attribute": [], "edge": []}
        self._pending_keys: set[tuple[Any, ...]] = set()
        self._written: set[tuple[Any, ...]] = set()
        self._pending_count = 0
        self.rows_written = 0
        self._nodes: dict[str, tuple[str, str]] = {}
        self._touched_global = False
        self._created: set[str] = set()

    # --- nodes --------------------------------------------------------------------------------

    def create_node(
        self,
        kind: str,
        *,
        scope: BranchScope = "aware",
        node_id: str | None = None,
        attributes: dict[str, AttributeRecord],
    ) -> str:
        node_id = node_id or new_id()
        code = _SCOPE_CODES[scope]
        branch = self._target(code)
        self._nodes[node_id] = (kind, code)
        self._created.add(node_id)
        self._insert("node", ("node", node_id, branch), (node_id, branch, *self._interval, kind, code, False))
        for name, record in attributes.items():
            self._insert_attribute(node_id, kind, name, branch, code, record)
        return node_id

    def set_attributes(self, node_id: str, values: dict[str, AttributeRecord]) -> None:
        """Replace the named attributes' values and properties; the others keep theirs."""
        kind, code = self._node(node_id)
        branch = self._target(code)
        for name, record in values.items():
            self._close(("attr", node_id, name, branch))
            self._insert_attribute(node_id, kind, name, branch, code, record)

    def remove_attributes(self, node_id: str, names: Iterable[str]) -> None:
        """Drop the named attribute values (the schema no longer has them): reads stop returning them."""
        kind, code = self._node(node_id)
        branch = self._target(code)
        for name in names:
            self._close(("attr", node_id, name, branch))
            if self._needs_tombstone(branch):
                self._insert_attribute(node_id, kind, name, branch, code, AttributeRecord(None), deleted=True)

    def save_schema(self, payload: dict[str, Any], schema_hash: str) -> None:
        """Store the branch's schema in this change set, beside the data it migrates."""
        self.flush()
        write_schema(
            self._connection,
            self.info.branch,
            payload,
            schema_hash,
            at=self._interval[0],
            change_set_id=self.info.id,
        )

    def delete_node(self, node_id: str) -> None:
        """Remove the node, its attribute values and every edge touching it."""
        kind, code = self._node(node_id)
        branch = self._target(code)
        for identifier, source, destination, edge_code in self._edges_touching(node_id):
            self._remove_edge(identifier, source, destination, edge_code)
        self._close(("node", node_id, branch))
        self._close(("attrs", node_id, branch))
        if self._needs_tombstone(branch):
            self._insert(
                "node", ("node", node_id, branch), (node_id, branch, *self._interval, kind, code, True)
            )
        self._nodes.pop(node_id, None)

    # --- edges --------------------------------------------------------------------------------

    def add_edge(
        self,
        identifier: str,
        source_id: str,
        destination_id: str,
        *,
        scope: BranchScope = "aware",
        is_protected: bool = False,
        source_prop_id: str | None = None,
        owner_id: str | None = None,
    ) -> str:
        """Add the edge, or replace its properties if it is already current on this branch."""
        code = _SCOPE_CODES[scope]
        branch = self._target(code)
        written_key = ("edge", identifier, source_id, destination_id, branch)
        # An edge to a node created by this change set cannot exist yet, unless this change set added it.
        if written_key in self._written or not (
            source_id in self._created or destination_id in self._created
        ):
            self._close(written_key)
        edge_id = new_id()
        self._insert(
            "edge",
            written_key,
            (
                source_id,
                identifier,
                destination_id,
                branch,
                *self._interval,
                edge_id,
                code,
                False,
                is_protected,
                source_prop_id,
                owner_id,
            ),
        )
        return edge_id

    def remove_edge(self, identifier: str, source_id: str, destination_id: str) -> None:
        """Remove the edge if this branch sees it; removing an absent edge does nothing."""
        edge = tables.edge
        self._before_read()
        code = self._connection.execute(
            select(edge.c.scope).where(
                edge.c.identifier == identifier,
                edge.c.source_id == source_id,
                edge.c.destination_id == destination_id,
                visible(edge, self._snap),
            )
        ).scalar_one_or_none()
        if code is not None:
            self._remove_edge(identifier, source_id, destination_id, code)

    def lock_kinds(self, kinds: Iterable[str]) -> None:
        """Serialise writers that check uniqueness of these kinds until this change set ends.

        SQLite writers already run one at a time (BEGIN IMMEDIATE); PostgreSQL takes advisory locks,
        always in the same order so two writers cannot deadlock on them.
        """
        if self._ctx.dialect != "postgresql":
            return
        for kind in sorted(set(kinds)):
            key = int.from_bytes(hashlib.blake2b(kind.encode(), digest_size=8).digest(), "big", signed=True)
            self._connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    # --- branch work (merge, rebase) ------------------------------------------------------------

    def known_nodes(self, nodes: dict[str, tuple[str, str]]) -> None:
        """Tell the writer the (kind, scope code) of nodes it will change, sparing a read per node."""
        self._nodes.update(nodes)

    def revert_to_default(
        self,
        *,
        nodes: Iterable[str] = (),
        attributes: Iterable[tuple[str, str]] = (),
        edges: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        """End this branch's own current rows for these keys, so the default branch's rows show through
        again: nodes by id, attributes by (node_id, name), edges by (identifier, source, destination)."""
        branch = self.info.branch
        for node_id in nodes:
            self._close(("node", node_id, branch))
        for node_id, name in attributes:
            self._close(("attr", node_id, name, branch))
        for identifier, source_id, destination_id in edges:
            self._close(("edge", identifier, source_id, destination_id, branch))

    def hide_edge(self, identifier: str, source_id: str, destination_id: str, *, scope: BranchScope) -> None:
        """Remove an edge whether or not this change set's snapshot sees it yet: a rebase hides the
        default branch's newer edge that the branch's own choice replaces."""
        self._remove_edge(identifier, source_id, destination_id, _SCOPE_CODES[scope])

    # --- internals ----------------------------------------------------------------------------

    def _target(self, code: str) -> str:
        if code == "g":
            self._touched_global = True
            return GLOBAL_BRANCH
        return self.info.branch

    def _needs_tombstone(self, branch: str) -> bool:
        return branch not in (GLOBAL_BRANCH, self._snap.default_branch)

    def _node(self, node_id: str) -> tuple[str, str]:
        known = self._nodes.get(node_id)
        if known is not None:
            return known
        node = tables.node
        self._before_read()
        row = self._connection.execute(
            select(node.c.kind, node.c.scope).where(node.c.node_id == node_id, visible(node, self._snap))
        ).first()
        if row is None:
            raise NodeNotFoundError(f"Unable to find the node {node_id}", data={"node_id": node_id})
        self._nodes[node_id] = (row.kind, row.scope)
        return row.kind, row.scope

    def _edges_touching(self, node_id: str) -> list[tuple[str, str, str, str]]:
        edge = tables.edge
        self._before_read()
        statement = select(edge.c.identifier, edge.c.source_id, edge.c.destination_id, edge.c.scope).where(
            or_(edge.c.source_id == node_id, edge.c.destination_id == node_id), visible(edge, self._snap)
        )
        return [(row[0], row[1], row[2], row[3]) for row in self._connection.execute(statement)]

    def _remove_edge(self, identifier: str, source_id: str, destination_id: str, code: str) -> None:
        branch = self._target(code)
        written_key = ("edge", identifier, source_id, destination_id, branch)
        self._close(written_key)
        if self._needs_tombstone(branch):
            self._insert(
                "edge",
                written_key,
                (
                    source_id,
                    identifier,
                    destination_id,
                    branch,
                    *self._interval,
                    new_id(),
                    code,
                    True,
                    False,
                    None,
                    None,
                ),
            )

    def _insert_attribute(
        self,
        node_id: str,
        kind: str,
        name: str,
        branch: str,
        code: str,
        record: AttributeRecord,
        *,
        deleted: bool = False,
    ) -> None:
        self._insert(
            "attribute",
            ("attr", node_id, name, branch),
            (
                node_id,
                name,
                branch,
                *self._interval,
                kind,
                code,
                deleted,
                *encode_value(record.value),
                record.is_default,
                record.is_protected,
                record.source_id,
                record.owner_id,
            ),
        )
        self._pending_keys.add(("attrs", node_id, branch))
        self._written.add(("attrs", node_id, branch))

    def _close(self, written_key: tuple[Any, ...]) -> None:
        """End the current row of a key on a branch; a row this change set wrote is deleted instead.

        `written_key` is the kind of key (see `bulk.KEYS`) followed by the key's values.
        """
        # Closes run before inserts in a flush, so a buffered row of this key must be sent first.
        if written_key in self._pending_keys:
            self.flush()
        key_kind, key = written_key[0], written_key[1:]
        written = written_key in self._written
        if written:
            self._drops.setdefault(key_kind, []).append(key)
            self._written.discard(written_key)
        if not written or key_kind == "attrs":
            self._closes.setdefault(key_kind, []).append(key)
        self._count_pending()

    def _insert(self, table: str, written_key: tuple[Any, ...], row: tuple[Any, ...]) -> None:
        self._inserts[table].append(row)
        self._pending_keys.add(written_key)
        self._written.add(written_key)
        self._count_pending()

    def _count_pending(self) -> None:
        self._pending_count += 1
        if self._pending_count >= _FLUSH_AT:
            self.flush()

    def _before_read(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Send buffered drops and closes, then buffered inserts, to the database."""
        for key_kind, keys in self._drops.items():
            self._sender.drop(key_kind, keys)
        for key_kind, keys in self._closes.items():
            self._sender.close(key_kind, keys)
        for table, rows in self._inserts.items():
            if rows:
                self._sender.insert(table, rows)
                self.rows_written += len(rows)
                rows.clear()
        self._drops.clear()
        self._closes.clear()
        self._pending_keys.clear()
        self._pending_count = 0

    def finish(self) -> None:
        self.flush()
        if self._touched_global:
            change = tables.change_set
            self._connection.execute(
                update(change).where(change.c.id == self.info.id).values(has_global=True)
            )
