"""Constraint clashes a merge would hit, found at diff time: a unique value the branch holds that a
node on main now holds too, and a mandatory peer that main deleted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from infrahub_server.branches.changes import BranchChanges
from infrahub_server.branches.schema_view import SchemaView
from infrahub_server.nodes.edges import edge_side, peer_of
from infrahub_server.nodes.identity import parse_path
from infrahub_server.nodes.uniqueness import constraint_fields, constraint_filters
from infrahub_server.schema.models import KindSchema
from infrahub_server.store import AttributeFilter, NodeRecord, Reader


@dataclass(frozen=True, slots=True)
class ConstraintViolation:
    constraint: str
    """`uniqueness` or `mandatory`."""
    kind: str
    node_id: str
    field: str
    detail: str
    label: str = ""

    @property
    def message(self) -> str:
        return f"{self.kind} '{self.label or self.node_id}': {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "constraint": self.constraint,
            "kind": self.kind,
            "node_id": self.node_id,
            "label": self.label,
            "field": self.field,
            "message": self.message,
        }


def find_violations(
    changes: BranchChanges,
    view: SchemaView,
    kinds: dict[str, str],
    branch_reader: Reader,
    main_reader: Reader,
) -> list[ConstraintViolation]:
    """The clashes, without labels (the caller adds them for the few it reports)."""
    found = _mandatory_peers(changes, view, kinds)
    found.extend(_uniqueness(changes, view, kinds, branch_reader, main_reader))
    return found


def _mandatory_peers(
    changes: BranchChanges, view: SchemaView, kinds: dict[str, str]
) -> list[ConstraintViolation]:
    added, removed = changes.added_nodes(), changes.removed_nodes()
    found = []
    for key, change in changes.edges.items():
        if change.branch.deleted or not change.changed:
            continue
        identifier, source, destination = key
        for node_id, side, peer in ((source, "source", destination), (destination, "destination", source)):
            rel = view.relationship(kinds.get(node_id, ""), identifier, side)
            if rel is None or rel.optional or node_id in removed:
                continue
            if changes.exists_on_main(peer) or peer in added:
                continue
            found.append(
                ConstraintViolation(
                    "mandatory",
                    kinds[node_id],
                    node_id,
                    rel.name,
                    f"the mandatory relationship '{rel.name}' points to {peer}, "
                    f"which was deleted on {changes.default_branch}",
                )
            )
    return found


def _uniqueness(
    changes: BranchChanges,
    view: SchemaView,
    kinds: dict[str, str],
    branch_reader: Reader,
    main_reader: Reader,
) -> list[ConstraintViolation]:
    touched_fields: dict[str, set[str]] = defaultdict(set)
    added = changes.added_nodes()
    for (node_id, name), change in changes.attributes.items():
        if change.changed:
            touched_fields[node_id].add(name)
    for key, change in changes.edges.items():
        if change.changed:
            touched_fields[key[1]].add(key[0])
            touched_fields[key[2]].add(key[0])
    # Only nodes whose constrained fields the branch wrote are read back (by kind and constraint).
    checks: dict[tuple[str, int], list[str]] = defaultdict(list)
    removed = changes.removed_nodes()
    # Per kind, the attribute names and edge identifiers each uniqueness constraint reads.
    watched: dict[str, list[set[str]]] = {}
    for node_id in sorted(set(touched_fields) | added):
        kind = kinds.get(node_id, "")
        if node_id in removed:
            continue
        if kind not in watched:
            watched[kind] = _watched_fields(view, kind)
        touched = touched_fields.get(node_id, set())
        for index, watched_fields in enumerate(watched[kind]):
            if node_id in added or watched_fields & touched:
                checks[(kind, index)].append(node_id)
    skip = changes.touched_node_ids()
    found: list[ConstraintViolation] = []
    for (kind, index), node_ids in checks.items():
        schema = view.schema.get(kind)
        constraint = (schema.uniqueness_constraints or [])[index]
        fields = constraint_fields(schema, constraint)
        names = [
            parse_path(schema, item).attribute for item in constraint if schema.get_relationship(item) is None
        ]
        nodes = list(branch_reader.get_nodes(node_ids, names).values())
        for node, other in _clashes(schema, constraint, nodes, branch_reader, main_reader, skip):
            found.append(
                ConstraintViolation(
                    "uniqueness",
                    kind,
                    node.id,
                    "-".join(fields),
                    f"violates uniqueness constraint '{'-'.join(fields)}', "
                    f"already held by {other} on {changes.default_branch}",
                )
            )
    return found


def _watched_fields(view: SchemaView, kind: str) -> list[set[str]]:
    if not view.schema.has(kind):
        return []
    schema = view.schema.get(kind)
    watched = []
    for constraint in schema.uniqueness_constraints or []:
        fields = set()
        for name in constraint_fields(schema, constraint):
            rel = schema.get_relationship(name)
            fields.add(rel.identifier if rel is not None and rel.identifier else name)
        watched.append(fields)
    return watched


def _clashes(
    schema: KindSchema,
    constraint: list[str],
    nodes: list[NodeRecord],
    branch_reader: Reader,
    main_reader: Reader,
    skip: set[str],
) -> list[tuple[NodeRecord, str]]:
    """(node, other node on main) for each node whose constraint values main already holds.
    Nodes the branch changed are judged by the branch's own checks, so they never count as others."""
    single_text = len(constraint) == 1 and schema.get_relationship(constraint[0]) is None
    attribute = parse_path(schema, constraint[0]).attribute if single_text else ""
    values = {node.id: _value(node, attribute) for node in nodes} if single_text else {}
    if single_text and all(isinstance(value, str) or value is None for value in values.values()):
        wanted = sorted({value for value in values.values() if value is not None})
        if not wanted:
            return []
        found = main_reader.find_node_ids([schema.kind], [AttributeFilter(attribute, "in", wanted)])
        holders: dict[Any, list[str]] = defaultdict(list)
        for record in main_reader.get_nodes([i for i in found if i not in skip], [attribute]).values():
            holders[_value(record, attribute)].append(record.id)
        return [(node, holders[values[node.id]][0]) for node in nodes if holders.get(values[node.id])]
    clashes = []
    for node in nodes:
        peers = _constraint_peers(schema, constraint, node.id, branch_reader)
        values_of = {name: record.value for name, record in node.attributes.items()}
        filters = constraint_filters(schema, constraint, values_of, peers)
        if filters is None:
            continue
        others = [other for other in main_reader.find_node_ids([schema.kind], filters) if other not in skip]
        if others:
            clashes.append((node, others[0]))
    return clashes


def _value(node: NodeRecord, attribute: str) -> Any:
    record = node.attributes.get(attribute)
    return None if record is None else record.value


def _constraint_peers(
    schema: KindSchema, constraint: list[str], node_id: str, reader: Reader
) -> dict[str, list[str]]:
    peers: dict[str, list[str]] = {}
    for item in constraint:
        rel = schema.get_relationship(item)
        if rel is None or rel.identifier is None:
            continue
        edges = reader.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
        peers[item] = [peer_of(edge, node_id) for edge in edges]
    return peers
