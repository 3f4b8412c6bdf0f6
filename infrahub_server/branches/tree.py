"""The DiffTree of section 4.4, built from an analysis: nodes, their attributes (with properties)
and relationships (with elements), statuses, counts and conflicts, in the protocol's field names.
Values are sent as strings, as Infrahub does."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import orjson

from infrahub_server.branches.analysis import BranchAnalysis
from infrahub_server.branches.changes import KeyChange
from infrahub_server.branches.conflicts import PROPERTY_TYPES, Conflict, action, peer_of_key
from infrahub_server.branches.rows import Row, state_of
from infrahub_server.store.clock import from_micros

BASE_BRANCH = "BASE_BRANCH"
DIFF_BRANCH = "DIFF_BRANCH"
_STATUS_COUNTS = {"ADDED": "num_added", "UPDATED": "num_updated", "REMOVED": "num_removed"}


@lru_cache(maxsize=65_536)
def iso(micros: int | None) -> str | None:
    if micros is None:
        return None
    return from_micros(micros).isoformat().replace("+00:00", "Z")


def text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def build_tree(
    analysis: BranchAnalysis, *, name: str, from_at: int, to_at: int, resolutions: dict[str, str]
) -> dict[str, Any]:
    builder = _TreeBuilder(analysis, resolutions)
    nodes = builder.nodes()
    counts = _counts(node["status"] for node in nodes)
    return {
        "name": name,
        "base_branch": analysis.changes.default_branch,
        "diff_branch": analysis.changes.branch,
        "from_time": iso(from_at),
        "to_time": iso(to_at),
        **counts,
        "num_unchanged": 0,
        "num_conflicts": len(analysis.conflicts),
        "nodes": nodes,
        "constraint_violations": [violation.to_dict() for violation in analysis.violations],
    }


def _counts(statuses: Any) -> dict[str, int]:
    counts = {"num_added": 0, "num_updated": 0, "num_removed": 0}
    for status in statuses:
        if status in _STATUS_COUNTS:
            counts[_STATUS_COUNTS[status]] += 1
    return counts


class _TreeBuilder:
    def __init__(self, analysis: BranchAnalysis, resolutions: dict[str, str]) -> None:
        self.analysis = analysis
        self.changes = analysis.changes
        self.resolutions = resolutions
        self.conflicts: dict[tuple[str, str, str | None], Conflict] = {}
        for conflict in analysis.conflicts:
            name = conflict.name if conflict.level != "element" else f"{conflict.name}/{conflict.peer_id}"
            self.conflicts[(conflict.level, conflict.node_id, name)] = conflict

    def nodes(self) -> list[dict[str, Any]]:
        attributes: dict[str, list[tuple[str, KeyChange]]] = defaultdict(list)
        for (node_id, name), change in self.changes.attributes.items():
            if change.changed:
                attributes[node_id].append((name, change))
        edges: dict[str, list[tuple[str, KeyChange]]] = defaultdict(list)
        for key, change in self.changes.edges.items():
            if not change.changed:
                continue
            for node_id, side in ((key[1], "source"), (key[2], "destination")):
                rel = self.analysis.view.relationship(self.analysis.kinds.get(node_id, ""), key[0], side)
                if rel is not None:
                    edges[node_id].append((rel.name, change))
        node_ids = set(attributes) | set(edges)
        node_ids.update(node_id for node_id, change in self.changes.nodes.items() if change.changed)
        built = [
            self._node(node_id, attributes.get(node_id, []), edges.get(node_id, [])) for node_id in node_ids
        ]
        built.sort(key=lambda node: (node["kind"], node["label"] or "", node["uuid"]))
        return built

    def _node(
        self, node_id: str, attributes: list[tuple[str, KeyChange]], edges: list[tuple[str, KeyChange]]
    ) -> dict[str, Any]:
        node_change = self.changes.nodes.get(node_id)
        status = "UPDATED"
        last_changed = [change.branch.from_at for _, change in attributes + edges]
        if node_change is not None and node_change.changed:
            status = "ADDED" if node_change.base is None else "REMOVED"
            last_changed.append(node_change.branch.from_at)
        attribute_items = [self._attribute(node_id, name, change) for name, change in sorted(attributes)]
        if status == "REMOVED":
            written = {name for name, _ in attributes}
            attribute_items += [
                self._removed_attribute(node_id, row)
                for row in sorted(self.changes.removed_attributes.get(node_id, []), key=lambda r: r.key)
                if row.key[1] not in written
            ]
        by_relationship: dict[str, list[KeyChange]] = defaultdict(list)
        for name, change in edges:
            by_relationship[name].append(change)
        relationship_items = [
            self._relationship(node_id, name, changes) for name, changes in sorted(by_relationship.items())
        ]
        node_conflict = self.conflicts.get(("node", node_id, None))
        members = attribute_items + relationship_items
        num_conflicts = sum(item["num_conflicts"] for item in members) + (1 if node_conflict else 0)
        return {
            "uuid": node_id,
            "kind": self.analysis.kinds.get(node_id, ""),
            "label": self.analysis.labels.get(node_id, ""),
            "status": status,
            "path_identifier": f"data/{node_id}",
            "parent": None,
            "last_changed_at": iso(max(last_changed, default=None)),
            **_counts(item["status"] for item in members),
            "num_conflicts": num_conflicts,
            "contains_conflict": num_conflicts > 0,
            "conflict": self._conflict(node_conflict, None) if node_conflict else None,
            "attributes": attribute_items,
            "relationships": relationship_items,
        }

    def _attribute(self, node_id: str, name: str, change: KeyChange) -> dict[str, Any]:
        base_state, branch_state = state_of(change.base), change.branch.state
        status = action(base_state, branch_state)
        conflict = self.conflicts.get(("attribute", node_id, name))
        properties = []
        for index, property_type in enumerate(PROPERTY_TYPES):
            before = _part(base_state, index)
            after = _part(branch_state, index)
            shown = before != after or (status != "UPDATED" and index < 2)
            if not shown:
                continue
            on_property = conflict if conflict and conflict.property_type == property_type else None
            properties.append(
                {
                    "property_type": property_type,
                    "previous_value": text(before),
                    "new_value": text(after),
                    "previous_label": None,
                    "new_label": None,
                    "status": status if status != "UPDATED" else _property_status(before, after),
                    "path_identifier": f"data/{node_id}/{name}/{property_type.lower()}",
                    "last_changed_at": iso(change.branch.from_at),
                    "conflict": self._conflict(on_property, None) if on_property else None,
                }
            )
        return {
            "name": name,
            "status": status,
            "path_identifier": f"data/{node_id}/{name}",
            "last_changed_at": iso(change.branch.from_at),
            **_counts(item["status"] for item in properties),
            "num_conflicts": 1 if conflict else 0,
            "contains_conflict": conflict is not None,
            "properties": properties,
        }

    def _removed_attribute(self, node_id: str, row: Row) -> dict[str, Any]:
        name = row.key[1]
        removed = [
            {
                "property_type": property_type,
                "previous_value": text(_part(row.state, index)),
                "new_value": None,
                "previous_label": None,
                "new_label": None,
                "status": "REMOVED",
                "path_identifier": f"data/{node_id}/{name}/{property_type.lower()}",
                "last_changed_at": iso(self.changes.nodes[node_id].branch.from_at),
                "conflict": None,
            }
            for index, property_type in enumerate(PROPERTY_TYPES[:2])
        ]
        return {
            "name": name,
            "status": "REMOVED",
            "path_identifier": f"data/{node_id}/{name}",
            "last_changed_at": iso(self.changes.nodes[node_id].branch.from_at),
            "num_added": 0,
            "num_updated": 0,
            "num_removed": len(removed),
            "num_conflicts": 0,
            "contains_conflict": False,
            "properties": removed,
        }

    def _relationship(self, node_id: str, name: str, changes: list[KeyChange]) -> dict[str, Any]:
        kind = self.analysis.kinds.get(node_id, "")
        schema = self.analysis.view.schema
        rel = schema.get(kind).get_relationship(name) if schema.has(kind) else None
        one_conflict = self.conflicts.get(("relationship", node_id, name))
        elements = []
        for change in sorted(changes, key=lambda item: item.key):
            peer = peer_of_key(change.key, node_id)
            conflict = self.conflicts.get(("element", change.key[1], f"{change.key[0]}/{change.key[2]}"))
            if conflict is None and one_conflict is not None and one_conflict.peer_id == peer:
                conflict = one_conflict
            elements.append(self._element(node_id, name, peer, change, conflict))
        if one_conflict is not None and not any(element["conflict"] for element in elements) and elements:
            elements[0]["conflict"] = self._conflict(one_conflict, None)
            elements[0]["contains_conflict"] = True
        statuses = {element["status"] for element in elements}
        status = statuses.pop() if len(statuses) == 1 and statuses <= {"ADDED", "REMOVED"} else "UPDATED"
        num_conflicts = sum(1 for element in elements if element["conflict"])
        return {
            "name": name,
            "label": rel.label if rel is not None and rel.label else name,
            "cardinality": (rel.cardinality if rel is not None else "many").upper(),
            "status": status,
            "path_identifier": f"data/{node_id}/{name}",
            "last_changed_at": iso(max(change.branch.from_at for change in changes)),
            **_counts(element["status"] for element in elements),
            "num_conflicts": num_conflicts,
            "contains_conflict": num_conflicts > 0,
            "elements": elements,
        }

    def _element(
        self, node_id: str, name: str, peer: str, change: KeyChange, conflict: Conflict | None
    ) -> dict[str, Any]:
        base_state, branch_state = state_of(change.base), change.branch.state
        status = action(base_state, branch_state)
        path = f"data/{node_id}/{name}/{peer}"
        properties = [
            {
                "property_type": "IS_RELATED",
                "previous_value": peer if base_state is not None else None,
                "new_value": peer if branch_state is not None else None,
                "previous_label": self.analysis.labels.get(peer) if base_state is not None else None,
                "new_label": self.analysis.labels.get(peer) if branch_state is not None else None,
                "status": status,
                "path_identifier": f"{path}/is_related",
                "last_changed_at": iso(change.branch.from_at),
                "conflict": None,
            }
        ]
        for index, property_type in ((0, "IS_PROTECTED"), (1, "HAS_SOURCE"), (2, "HAS_OWNER")):
            before, after = _part(base_state, index), _part(branch_state, index)
            if before != after and status == "UPDATED":
                properties.append(
                    {
                        "property_type": property_type,
                        "previous_value": text(before),
                        "new_value": text(after),
                        "previous_label": None,
                        "new_label": None,
                        "status": "UPDATED",
                        "path_identifier": f"{path}/{property_type.lower()}",
                        "last_changed_at": iso(change.branch.from_at),
                        "conflict": None,
                    }
                )
        return {
            "peer_id": peer,
            "peer_label": self.analysis.labels.get(peer),
            "status": status,
            "path_identifier": path,
            "last_changed_at": iso(change.branch.from_at),
            "contains_conflict": conflict is not None,
            "conflict": self._conflict(conflict, peer) if conflict else None,
            "properties": properties,
        }

    def _conflict(self, conflict: Conflict, peer: str | None) -> dict[str, Any]:
        labels = self.analysis.labels
        related = conflict.level in ("relationship", "element")
        return {
            "uuid": conflict.id,
            "base_branch_action": conflict.base_action,
            "base_branch_value": text(conflict.base_value),
            "base_branch_changed_at": iso(conflict.base_changed_at),
            "base_branch_label": labels.get(conflict.base_value) if related and conflict.base_value else None,
            "diff_branch_action": conflict.diff_action,
            "diff_branch_value": text(conflict.diff_value),
            "diff_branch_changed_at": iso(conflict.diff_changed_at),
            "diff_branch_label": labels.get(conflict.diff_value) if related and conflict.diff_value else None,
            "selected_branch": self.resolutions.get(conflict.id),
            "resolvable": conflict.branch_resolvable,
        }


def _property_status(before: Any, after: Any) -> str:
    return action(None if before is None else (before,), None if after is None else (after,))


def _part(state: tuple[Any, ...] | None, index: int) -> Any:
    if state is None:
        return None
    value = state[index]
    if index == 0 and len(state) == 4:
        return None if value is None else orjson.loads(value)
    return value
