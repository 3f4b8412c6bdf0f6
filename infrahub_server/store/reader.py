"""Reads at a snapshot: every method is one batched SQL statement, whatever the number of ids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    any_,
    bindparam,
    case,
    cast,
    column,
    false,
    func,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSON
from sqlalchemy.types import String, Text

from infrahub_server.store import tables
from infrahub_server.store.clock import from_micros
from infrahub_server.store.query import (
    QueryContext,
    count_statement,
    equality_shape,
    equality_statement,
    find_statement,
)
from infrahub_server.store.types import (
    AttributeRecord,
    EdgeRecord,
    EdgeSide,
    Filter,
    NodeRecord,
    OrderBy,
)
from infrahub_server.store.visibility import ResolvedSnapshot, visible

_ID_CHUNK = 30_000
_JSON_ATTRIBUTE = tables.attribute.alias("json_attribute")
_JSON_ACTOR = tables.change_set.alias("json_actor")
"""Aliases made once: building an alias's column collection costs more than a small query."""
_DETAILED = "\x01"
"""Marks an attribute sent with its properties and change metadata (a name never starts with it)."""
_DETAILED_JSON = "\\u0001"
"""How JSON writes `_DETAILED` (SQLite and PostgreSQL both escape control characters this way)."""


def _detail_columns(attr: FromClause) -> list[ColumnElement[Any]]:
    return [attr.c.is_default, attr.c.is_protected, attr.c.source_id, attr.c.owner_id, attr.c.from_at]


class Reader:
    """A consistent view of one snapshot, valid inside its `Store.reader()` block."""

    def __init__(self, connection: Connection, snap: ResolvedSnapshot) -> None:
        self._connection = connection
        self._snap = snap
        self._ctx = QueryContext(snap, connection.dialect.name)
        self._moments: dict[int, datetime] = {}

    @property
    def branch(self) -> str:
        return self._snap.branch

    @property
    def at(self) -> datetime | None:
        return self._snap.at_datetime

    @property
    def connection(self) -> Connection:
        """The open transaction: bookkeeping beside the versioned rows (branch rows, IPAM spans,
        pool allocations) commits or rolls back with it."""
        return self._connection

    def _before_read(self) -> None:
        """Hook for writers, which flush pending rows before reading."""

    def find_node_ids(
        self,
        kinds: Sequence[str],
        filters: Sequence[Filter] = (),
        order: Sequence[OrderBy] = (),
        offset: int = 0,
        limit: int | None = None,
    ) -> list[str]:
        self._before_read()
        equalities = equality_shape(filters) if limit is not None or not offset else None
        if equalities is not None:
            shape, parameters = equalities
            paged = limit is not None
            if paged:
                parameters.update(offset=offset, limit=limit)
            reused = equality_statement(
                self._snap, self._ctx.dialect, tuple(kinds), shape, tuple(order), paged
            )
            return list(self._connection.execute(reused, parameters).scalars())
        statement = find_statement(self._ctx, kinds, filters, order, offset, limit)
        return list(self._connection.execute(statement).scalars())

    def count_nodes(self, kinds: Sequence[str], filters: Sequence[Filter] = ()) -> int:
        self._before_read()
        return int(self._connection.execute(count_statement(self._ctx, kinds, filters)).scalar_one())

    def kinds_of(self, ids: Sequence[str]) -> dict[str, str]:
        self._before_read()
        statement = _kinds_statement(self._ctx.dialect, self._snap)
        found: dict[str, str] = {}
        for chunk in _chunks(ids):
            rows = self._connection.execute(statement, {"ids": _ids_value(self._ctx.dialect, chunk)})
            found.update((row[0], row[1]) for row in rows)
        return found

    def get_nodes(
        self, ids: Sequence[str], attribute_names: Sequence[str] | None = None
    ) -> dict[str, NodeRecord]:
        """Visible nodes among `ids` (missing ones are left out), in the order of `ids`."""
        self._before_read()
        found: dict[str, NodeRecord] = {}
        for chunk in _chunks(ids):
            found.update(self._load_nodes(chunk, attribute_names))
        return {node_id: found[node_id] for node_id in ids if node_id in found}

    def _load_nodes(self, ids: Sequence[str], names: Sequence[str] | None) -> dict[str, NodeRecord]:
        # One statement: each visible node row with its visible attributes aggregated as JSON, which
        # costs far less to turn into Python objects than one result row per attribute.
        names_shape = "all" if names is None else "some" if names else "none"
        statement = _nodes_statement(self._ctx.dialect, self._snap, names_shape)
        parameters: dict[str, Any] = {"ids": _ids_value(self._ctx.dialect, ids)}
        if names_shape == "some":
            parameters["names"] = list(names or ())
        when = self._datetime
        moments = self._moments
        make = AttributeRecord
        records: dict[str, NodeRecord] = {}
        rows = self._connection.execute(statement, parameters).all()
        for node_id, kind, branch, from_at, actor, members in rows:
            created = moments.get(from_at) or when(from_at)
            if not members:
                records[node_id] = NodeRecord(node_id, kind, branch, created, actor, created, actor)
            elif _DETAILED_JSON not in members:
                plain = {
                    name: make(value, False, False, None, None, created, actor)
                    for name, value in orjson.loads("{" + members + "}").items()
                }
                records[node_id] = NodeRecord(node_id, kind, branch, created, actor, created, actor, plain)
            else:
                record = NodeRecord(node_id, kind, branch, created, actor, created, actor)
                self._add_detailed_attributes(record, from_at, orjson.loads("{" + members + "}"))
                records[node_id] = record
        return records

    def _add_detailed_attributes(self, record: NodeRecord, from_at: int, members: dict[str, Any]) -> None:
        latest = from_at
        attributes = record.attributes
        for name, value in members.items():
            if name[0] != _DETAILED:
                attributes[name] = AttributeRecord(
                    value, False, False, None, None, record.created_at, record.created_by
                )
                continue
            value, is_default, protected, source, owner, changed_at, changed_by = value
            changed = self._datetime(changed_at)
            attributes[name[1:]] = AttributeRecord(
                value, bool(is_default), bool(protected), source, owner, changed, changed_by
            )
            if changed_at > latest:
                latest = changed_at
                record.updated_at, record.updated_by = changed, changed_by

    def get_edges(
        self, identifier: str, node_ids: Sequence[str], side: EdgeSide
    ) -> dict[str, list[EdgeRecord]]:
        """Visible edges of `identifier` touching `node_ids` on `side`, keyed by the known node's id."""
        self._before_read()
        edges: dict[str, list[EdgeRecord]] = {}
        for chunk in _chunks(node_ids):
            self._load_edges(identifier, chunk, side, edges)
        return edges

    def _load_edges(
        self, identifier: str, ids: Sequence[str], side: EdgeSide, into: dict[str, list[EdgeRecord]]
    ) -> None:
        # The rows come back as one JSON array per side: parsing it costs less than result rows.
        nears = ("source_id", "destination_id") if side == "either" else (f"{side}_id",)
        statement = _edges_statement(self._ctx.dialect, self._snap, nears)
        parameters = {"identifier": identifier, "ids": _ids_value(self._ctx.dialect, ids)}
        when = self._datetime
        moments = self._moments
        for (document,) in self._connection.execute(statement, parameters).all():
            for (
                known,
                edge_id,
                source,
                destination,
                branch,
                protected,
                prop_source,
                owner,
                from_at,
                actor,
            ) in orjson.loads(document) if document else ():
                moment = moments.get(from_at) or when(from_at)
                record = EdgeRecord(
                    edge_id,
                    identifier,
                    source,
                    destination,
                    branch,
                    bool(protected),
                    prop_source,
                    owner,
                    moment,
                    actor,
                    moment,
                    actor,
                )
                found = into.get(known)
                if found is None:
                    into[known] = [record]
                else:
                    found.append(record)

    def get_values(self, ids: Sequence[str], names: Sequence[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Kind and `names` attribute values of the visible nodes among `ids` (missing ones left out):
        what a list query reads when it asks for values only, without properties or change metadata."""
        self._before_read()
        statement = _values_statement(self._ctx.dialect, self._snap)
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        parameters: dict[str, Any] = {"names": list(names)}
        loads = orjson.loads
        for chunk in _chunks(ids):
            parameters["ids"] = _ids_value(self._ctx.dialect, chunk)
            for node_id, kind, members in self._connection.execute(statement, parameters).all():
                found[node_id] = (kind, loads("{" + members + "}") if members else {})
        return found

    def get_peer_ids(self, identifier: str, node_ids: Sequence[str], side: EdgeSide) -> dict[str, list[str]]:
        """The peers over the visible edges of `identifier` touching `node_ids` on `side`, keyed by the
        known node's id, in the order `get_edges` gives the same edges."""
        self._before_read()
        nears = ("source_id", "destination_id") if side == "either" else (f"{side}_id",)
        statement = _peer_ids_statement(self._ctx.dialect, self._snap, nears)
        peers: dict[str, list[str]] = {}
        for chunk in _chunks(node_ids):
            parameters = {"identifier": identifier, "ids": _ids_value(self._ctx.dialect, chunk)}
            for (document,) in self._connection.execute(statement, parameters).all():
                for known, source, destination in orjson.loads(document) if document else ():
                    peer = destination if source == known else source
                    found = peers.get(known)
                    if found is None:
                        peers[known] = [peer]
                    else:
                        found.append(peer)
        return peers

    def _datetime(self, micros: int) -> datetime:
        moment = self._moments.get(micros)
        if moment is None:
            moment = self._moments[micros] = from_micros(micros)
        return moment


def _chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    if len(ids) <= _ID_CHUNK:
        return [ids]
    return [ids[start : start + _ID_CHUNK] for start in range(0, len(ids), _ID_CHUNK)]


# Statements are built once per shape and snapshot and run with bound ids and names: building one
# costs more than running it for a few ids. The snapshot's values are part of the statement.


@lru_cache(maxsize=256)
def _kinds_statement(dialect: str, snap: ResolvedSnapshot) -> Select[Any]:
    node = tables.node
    return select(node.c.node_id, node.c.kind).where(_ids_in(dialect, node.c.node_id), visible(node, snap))


@lru_cache(maxsize=256)
def _nodes_statement(dialect: str, snap: ResolvedSnapshot, names_shape: str) -> Select[Any]:
    node, change = tables.node, tables.change_set
    return (
        select(
            node.c.node_id,
            node.c.kind,
            node.c.branch,
            node.c.from_at,
            change.c.actor_id,
            _attributes_json(dialect, snap, node, names_shape),
        )
        .join_from(node, change, change.c.id == node.c.from_cs)
        .where(_ids_in(dialect, node.c.node_id), visible(node, snap))
    )


def _attributes_json(dialect: str, snap: ResolvedSnapshot, node: FromClause, names_shape: str) -> Any:
    """The node's visible attributes as the members of a JSON object (without its braces):
    `"name": value` when the attribute was written with the node and has default properties (the
    common case), else `"\x01name": [value, is_default, is_protected, source_id, owner_id, from_at,
    actor_id]`. Concatenated text is cheaper to build than JSON arrays, on SQLite in particular."""
    attr, change = _JSON_ATTRIBUTE, _JSON_ACTOR
    where = [attr.c.node_id == node.c.node_id, visible(attr, snap)]
    if names_shape == "some":
        where.append(attr.c.name.in_(bindparam("names", expanding=True)))
    elif names_shape == "none":
        where.append(false())
    sqlite = dialect == "sqlite"
    actor = select(change.c.actor_id).where(change.c.id == attr.c.from_cs).scalar_subquery()
    plain = and_(
        attr.c.from_cs == node.c.from_cs,
        attr.c.is_default == false(),
        attr.c.is_protected == false(),
        attr.c.source_id.is_(None),
        attr.c.owner_id.is_(None),
    )
    raw_value = func.coalesce(attr.c.value_json, "null")
    quoted_name: ColumnElement[Any]
    detailed_name: ColumnElement[Any]
    details: ColumnElement[Any]
    if sqlite:
        quoted_name = func.json_quote(attr.c.name)
        detailed_name = func.json_quote(_DETAILED + attr.c.name)
        details = func.json_array(func.json(raw_value), *_detail_columns(attr), actor)
    else:
        quoted_name = cast(func.to_json(attr.c.name), Text)
        detailed_name = cast(func.to_json(_DETAILED + attr.c.name), Text)
        details = cast(func.json_build_array(cast(raw_value, JSON), *_detail_columns(attr), actor), Text)
    member = case((plain, quoted_name + ":" + raw_value), else_=detailed_name + ":" + details)
    aggregate = func.group_concat(member, ",") if sqlite else func.string_agg(member, ",")
    return select(aggregate).where(*where).correlate(node).scalar_subquery()


@lru_cache(maxsize=256)
def _edges_statement(dialect: str, snap: ResolvedSnapshot, nears: tuple[str, ...]) -> Any:
    edge, change = tables.edge, tables.change_set
    sqlite = dialect == "sqlite"
    build_array = func.json_array if sqlite else func.json_build_array
    documents = []
    for near in nears:
        item = build_array(
            edge.c[near],
            edge.c.edge_id,
            edge.c.source_id,
            edge.c.destination_id,
            edge.c.branch,
            edge.c.is_protected,
            edge.c.source_prop_id,
            edge.c.owner_id,
            edge.c.from_at,
            change.c.actor_id,
        )
        aggregate = func.json_group_array(item) if sqlite else cast(func.json_agg(item), Text)
        documents.append(
            select(aggregate.label("edges"))
            .join_from(edge, change, change.c.id == edge.c.from_cs)
            .where(
                edge.c.identifier == bindparam("identifier"),
                _ids_in(dialect, edge.c[near]),
                visible(edge, snap),
            )
        )
    return documents[0] if len(documents) == 1 else union_all(*documents)


@lru_cache(maxsize=256)
def _values_statement(dialect: str, snap: ResolvedSnapshot) -> Select[Any]:
    node, attr = tables.node, _JSON_ATTRIBUTE
    raw_value = func.coalesce(attr.c.value_json, "null")
    if dialect == "sqlite":
        member = func.json_quote(attr.c.name) + ":" + raw_value
        aggregate = func.group_concat(member, ",")
    else:
        member = cast(func.to_json(attr.c.name), Text) + ":" + raw_value
        aggregate = func.string_agg(member, ",")
    members = (
        select(aggregate)
        .where(
            attr.c.node_id == node.c.node_id,
            attr.c.name.in_(bindparam("names", expanding=True)),
            visible(attr, snap),
        )
        .correlate(node)
        .scalar_subquery()
    )
    return select(node.c.node_id, node.c.kind, members).where(
        _ids_in(dialect, node.c.node_id), visible(node, snap)
    )


@lru_cache(maxsize=256)
def _peer_ids_statement(dialect: str, snap: ResolvedSnapshot, nears: tuple[str, ...]) -> Any:
    """`_edges_statement` with only the ends of each edge: the same rows in the same order."""
    edge, change = tables.edge, tables.change_set
    sqlite = dialect == "sqlite"
    build_array = func.json_array if sqlite else func.json_build_array
    documents = []
    for near in nears:
        item = build_array(edge.c[near], edge.c.source_id, edge.c.destination_id)
        aggregate = func.json_group_array(item) if sqlite else cast(func.json_agg(item), Text)
        documents.append(
            select(aggregate.label("edges"))
            .join_from(edge, change, change.c.id == edge.c.from_cs)
            .where(
                edge.c.identifier == bindparam("identifier"),
                _ids_in(dialect, edge.c[near]),
                visible(edge, snap),
            )
        )
    return documents[0] if len(documents) == 1 else union_all(*documents)


def _ids_in(dialect: str, col: ColumnElement[Any]) -> ColumnElement[bool]:
    """`col IN :ids`, one bound parameter whatever the number of ids (see `_ids_value`)."""
    if dialect == "sqlite":
        members: Select[Any] = select(column("value")).select_from(
            func.json_each(bindparam("ids", type_=Text))
        )
        return col.in_(members)
    return col == any_(bindparam("ids", type_=ARRAY(String)))


def _ids_value(dialect: str, ids: Sequence[str]) -> Any:
    """The `ids` parameter: a JSON array on SQLite, an array on PostgreSQL."""
    return orjson.dumps(list(ids)).decode() if dialect == "sqlite" else list(ids)
