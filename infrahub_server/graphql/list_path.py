"""The compiled list path: node selections that read only ids, attribute values and relationships,
answered with one values query and one edge query per relationship at each level.

`NodeResolver` builds records with every property and change metadata, which a list of thousands
of nodes does not ask for. Here the validated selection is planned once per kind into the outputs
it produces; a level reads the wanted attribute values of all its nodes in one statement, each
relationship field its peer ids in one statement, and the peers of every field of the level are
the next level, read together. Selections this plan does not cover (properties, metadata, node
references, arguments on nested fields, HFIDs or labels read through peers, templates) return
None from `ListPath.edges` and stay on `NodeResolver`, whose answers this path must match exactly.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from graphql import FieldNode

from infrahub_server.graphql.attribute_fields import VALUE_PARTS_EXCLUDED, value_part
from infrahub_server.graphql.node_plan import HIERARCHY_WALKS
from infrahub_server.graphql.selection import Request
from infrahub_server.graphql.type_names import attribute_output_type
from infrahub_server.ipam.graphql_listing import is_computed_utilization
from infrahub_server.nodes import edge_side
from infrahub_server.nodes.identity import Path, is_template, parse_path
from infrahub_server.schema.models import AttributeSchema, KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import EdgeSide

_NODE_CONSTANTS = {"is_externally_managed": False}

_Ask = tuple[list[str], list[FieldNode] | None, Sequence[str]]
"""Ids to build with a node selection, and the kinds they may have."""


class _Unsupported(Exception):
    """The selection needs something this path does not produce."""


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Building a large answer allocates tens of thousands of acyclic dicts, each allocation counting
    towards a cyclic collection that finds nothing to free: pausing it saves about a third."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(slots=True)
class _Attribute:
    schema: AttributeSchema
    parts: list[tuple[str, str]]


@dataclass(slots=True)
class _Relationship:
    """A relationship field: its peers read over `identifier`, shaped as `NestedEdged` entries."""

    key: str
    one: bool
    identifier: str
    side: EdgeSide
    peer_kind: str
    edge_type: str
    edge_fields: list[tuple[str, str]]
    """(response key, `node` or `__typename`) of each `NestedEdged` entry."""
    node_selection: list[FieldNode] | None
    page_fields: list[tuple[str, str]] = field(default_factory=list)
    """(response key, `count`, `edges` or `__typename`) of a cardinality-many field."""
    page_type: str = ""


@dataclass(slots=True)
class _KindPlan:
    kind: str
    names: list[str]
    outputs: list[tuple[str, str, Any]]
    """(response key, action, argument) in the order of the selection."""
    relationships: list[_Relationship]


@dataclass(slots=True)
class _Level:
    """One relationship field of the level above: which parents reached which peers."""

    relationship: _Relationship
    peers: dict[str, list[str]]


class ListPath:
    def __init__(self, request: Request, schema: SchemaBranch, reader: Reader) -> None:
        self.request = request
        self.schema = schema
        self.reader = reader
        self._plans: dict[tuple[tuple[int, ...], str], _KindPlan] = {}

    def edges(
        self, kinds: Sequence[str], ids: Sequence[str], nodes: list[FieldNode], edge_type: str
    ) -> list[Any] | None:
        """The `edges` of a kind query for the page `ids`, or None when the selection is not covered."""
        try:
            edge_fields = self._edge_fields(nodes, edge_type)
            selection = _node_selection(self.request, nodes, edge_type)
            if selection is not None:
                for kind in kinds:
                    self._plan(selection, kind)
            with _collection_paused():
                built = self._resolve_levels([(list(ids), selection, kinds)])[0]
                return [_entry(edge_fields, edge_type, built[node_id]) for node_id in ids if node_id in built]
        except _Unsupported:
            return None

    # --- planning ----------------------------------------------------------------------------------

    def _edge_fields(self, nodes: list[FieldNode], edge_type: str) -> list[tuple[str, str]]:
        fields = []
        for key, sub in self.request.sub_fields(nodes, edge_type).items():
            name = sub[0].name.value
            if name not in ("node", "__typename"):
                raise _Unsupported(name)
            fields.append((key, name))
        if sum(1 for _, name in fields if name == "node") > 1:
            raise _Unsupported("node")
        return fields

    def _plan(self, nodes: list[FieldNode], kind_name: str) -> _KindPlan:
        cache_key = (tuple(map(id, nodes)), kind_name)
        plan = self._plans.get(cache_key)
        if plan is None:
            plan = self._plans[cache_key] = self._build(nodes, kind_name)
        return plan

    def _build(self, nodes: list[FieldNode], kind_name: str) -> _KindPlan:
        kind = self.schema.get(kind_name)
        names: dict[str, None] = {}
        outputs = [
            self._output(kind, key, sub, names)
            for key, sub in self.request.sub_fields(nodes, kind_name).items()
        ]
        relationships = [argument for _, action, argument in outputs if action == "relationship"]
        return _KindPlan(kind_name, list(names), outputs, relationships)

    def _output(
        self, kind: KindSchema, key: str, nodes: list[FieldNode], names: dict[str, None]
    ) -> tuple[str, str, Any]:
        """What one field of a node produces; the attributes it reads are added to `names`."""
        name = nodes[0].name.value
        if any(node.arguments for node in nodes):
            raise _Unsupported(name)
        if name == "id":
            return key, "id", None
        if name == "__typename":
            return key, "constant", kind.kind
        if name in _NODE_CONSTANTS:
            return key, "constant", _NODE_CONSTANTS[name]
        if name in ("hfid", "display_label"):
            return key, name, _identity_attributes(kind, name, names)
        attr = kind.get_attribute(name)
        if attr is not None and is_computed_utilization(self.schema, kind.kind, name):
            raise _Unsupported(name)
        if attr is not None:
            names[name] = None
            return key, "attribute", self._attribute(attr, nodes)
        rel = kind.get_relationship(name)
        if rel is None or name in HIERARCHY_WALKS:
            raise _Unsupported(name)
        relationship = self._relationship(key, rel, nodes)
        if relationship.node_selection is not None:
            for peer_kind in self._peer_kinds(relationship):
                self._plan(relationship.node_selection, peer_kind)
        return key, "relationship", relationship

    def _attribute(self, attr: AttributeSchema, nodes: list[FieldNode]) -> _Attribute:
        parts = []
        for part_key, part in self.request.sub_fields(nodes, attribute_output_type(attr.kind)).items():
            part_name = part[0].name.value
            if part_name in VALUE_PARTS_EXCLUDED:
                raise _Unsupported(part_name)
            parts.append((part_key, part_name))
        return _Attribute(attr, parts)

    def _relationship(self, key: str, rel: RelationshipSchema, nodes: list[FieldNode]) -> _Relationship:
        if rel.identifier is None:
            raise _Unsupported(rel.name)
        edge_type = f"NestedEdged{rel.peer}"
        page_type = f"NestedPaginated{rel.peer}"
        page_fields: list[tuple[str, str]] = []
        edges_nodes: list[FieldNode] | None = nodes
        if rel.cardinality != "one":
            edges_nodes = None
            for page_key, sub in self.request.sub_fields(nodes, page_type).items():
                name = sub[0].name.value
                if name not in ("count", "edges", "__typename") or (
                    name == "edges" and edges_nodes is not None
                ):
                    raise _Unsupported(name)
                if name == "edges":
                    edges_nodes = sub
                page_fields.append((page_key, name))
        return _Relationship(
            key=key,
            one=rel.cardinality == "one",
            identifier=rel.identifier,
            side=edge_side(rel),
            peer_kind=rel.peer,
            edge_type=edge_type,
            edge_fields=self._edge_fields(edges_nodes, edge_type) if edges_nodes else [],
            node_selection=_node_selection(self.request, edges_nodes, edge_type) if edges_nodes else None,
            page_fields=page_fields,
            page_type=page_type,
        )

    def _peer_kinds(self, relationship: _Relationship) -> list[str]:
        return self.schema.concrete_kinds(relationship.peer_kind) or [relationship.peer_kind]

    # --- execution -----------------------------------------------------------------------------------

    def _resolve_levels(self, asks: list[_Ask]) -> list[dict[str, dict[str, Any]]]:
        """Build several selections over several id lists with one values query for all of them."""
        wanted: dict[str, None] = {}
        names: dict[str, None] = {}
        for ids, selection, kinds in asks:
            wanted.update(dict.fromkeys(ids))
            if selection is not None:
                for kind in kinds:
                    names.update(dict.fromkeys(self._plan(selection, kind).names))
        rows = self.reader.get_values(list(wanted), list(names)) if wanted else {}
        pending: list[tuple[dict[str, dict[str, Any]], _KindPlan, list[str]]] = []
        results = [self._build_nodes(rows, ids, selection, names, pending) for ids, selection, _ in asks]
        if pending:
            self._resolve_relationships(pending)
        return results

    def _build_nodes(
        self,
        rows: dict[str, tuple[str, dict[str, Any]]],
        ids: list[str],
        selection: list[FieldNode] | None,
        names: dict[str, None],
        pending: list[tuple[dict[str, dict[str, Any]], _KindPlan, list[str]]],
    ) -> dict[str, dict[str, Any]]:
        """The visible nodes among `ids` built without their relationships, which are added to `pending`."""
        if selection is None:
            return {node_id: {} for node_id in ids if node_id in rows}
        by_kind: dict[str, list[str]] = {}
        for node_id in ids:
            row = rows.get(node_id)
            if row is not None:
                by_kind.setdefault(row[0], []).append(node_id)
        built: dict[str, dict[str, Any]] = {}
        for kind, kind_ids in by_kind.items():
            plan = self._plan(selection, kind)
            if not names.keys() >= set(plan.names):
                raise _Unsupported(kind)
            for node_id in kind_ids:
                built[node_id] = _build_node(plan, node_id, rows[node_id][1])
            if plan.relationships:
                pending.append((built, plan, kind_ids))
        return built

    def _resolve_relationships(
        self, pending: list[tuple[dict[str, dict[str, Any]], _KindPlan, list[str]]]
    ) -> None:
        levels: list[tuple[_Level, dict[str, dict[str, Any]], list[str]]] = []
        for built, plan, kind_ids in pending:
            for relationship in plan.relationships:
                peers = self.reader.get_peer_ids(relationship.identifier, kind_ids, relationship.side)
                if relationship.one:
                    peers = {parent: found[:1] for parent, found in peers.items()}
                levels.append((_Level(relationship, peers), built, kind_ids))
        asks: list[_Ask] = []
        for level, _, _ in levels:
            peer_ids = list(dict.fromkeys(peer for found in level.peers.values() for peer in found))
            rel = level.relationship
            asks.append((peer_ids, rel.node_selection, self._peer_kinds(rel)))
        for (level, built, kind_ids), peers_built in zip(levels, self._resolve_levels(asks), strict=True):
            rel = level.relationship
            entries = {
                peer: _entry(rel.edge_fields, rel.edge_type, peer_built)
                for peer, peer_built in peers_built.items()
            }
            for parent in kind_ids:
                found = level.peers.get(parent, ())
                if rel.one:
                    entry = entries.get(found[0]) if found else None
                    built[parent][rel.key] = (
                        entry if entry is not None else dict.fromkeys(k for k, _ in rel.edge_fields)
                    )
                    continue
                page: dict[str, Any] = {}
                for page_key, name in rel.page_fields:
                    if name == "count":
                        page[page_key] = len(found)
                    elif name == "edges":
                        page[page_key] = [entries[peer] for peer in found if peer in entries]
                    else:
                        page[page_key] = rel.page_type
                built[parent][rel.key] = page


def _identity_attributes(kind: KindSchema, name: str, names: dict[str, None]) -> Any:
    """The attribute names an HFID (a list, or None) or a display label (a name, or None) reads."""
    if name == "hfid":
        attributes = [_own_path(kind, item).attribute for item in kind.human_friendly_id or ()]
        names.update(dict.fromkeys(attributes))
        return attributes or None
    label = kind.display_label
    if label and is_template(label):
        raise _Unsupported(name)
    attribute = _own_path(kind, label).attribute if label else None
    if attribute is not None:
        names[attribute] = None
    return attribute


def _own_path(kind: KindSchema, text: str) -> Path:
    path = parse_path(kind, text)
    if path.relationship is not None or path.prop != "value":
        raise _Unsupported(text)
    return path


def _node_selection(request: Request, nodes: list[FieldNode], edge_type: str) -> list[FieldNode] | None:
    for sub in request.sub_fields(nodes, edge_type).values():
        if sub[0].name.value == "node":
            return sub
    return None


def _entry(edge_fields: list[tuple[str, str]], edge_type: str, built: dict[str, Any]) -> dict[str, Any]:
    return {key: built if name == "node" else edge_type for key, name in edge_fields}


def _build_node(plan: _KindPlan, node_id: str, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, action, argument in plan.outputs:
        if action == "attribute":
            attr = argument.schema
            value = values.get(attr.name)
            out[key] = {part_key: value_part(attr, value, part) for part_key, part in argument.parts}
        elif action == "id":
            out[key] = node_id
        elif action == "constant":
            out[key] = argument
        elif action == "hfid":
            parts = [values.get(name) for name in argument] if argument else None
            out[key] = None if parts is None or None in parts else [str(part) for part in parts]
        elif action == "display_label":
            if argument is None:
                out[key] = f"{plan.kind}(ID: {node_id})"
            else:
                value = values.get(argument)
                out[key] = None if value is None else str(value)
        else:
            out[key] = None
    return out
