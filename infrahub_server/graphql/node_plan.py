"""Per-kind plans of a node selection, built once per (selection, kind) and applied to every node.

A plan says, for each response key, what to produce (id, HFID, an attribute and its sub-fields, a
relationship to batch), and which cardinality-one peers the HFID and display label read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from graphql import FieldNode

from infrahub_server.errors import ValidationError
from infrahub_server.graphql.selection import Request
from infrahub_server.graphql.type_names import attribute_output_type
from infrahub_server.nodes.identity import (
    Path,
    compute_display_label,
    identity_paths,
    is_template,
    parse_path,
    path_value,
)
from infrahub_server.schema.models import AttributeSchema, KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store.types import NodeRecord

HIERARCHY_WALKS = ("ancestors", "descendants")

Action = Literal["id", "typename", "hfid", "display_label", "false", "attribute", "relationship"]


@dataclass(frozen=True, slots=True)
class AttributePart:
    key: str
    name: str
    nodes: list[FieldNode]


@dataclass(slots=True)
class FieldStep:
    key: str
    name: str
    nodes: list[FieldNode]
    action: Action
    attribute: AttributeSchema | None = None
    parts: list[AttributePart] = field(default_factory=list)
    relationship: RelationshipSchema | None = None


@dataclass(slots=True)
class KindPlan:
    kind: KindSchema
    steps: list[FieldStep]
    identity_relationships: list[RelationshipSchema]
    hfid_paths: list[Path] | None
    label_path: Path | None


def hierarchy_walk(kind: KindSchema, name: str) -> RelationshipSchema | None:
    """`ancestors`/`descendants` of a hierarchical kind, following its `parent` edges."""
    parent = kind.get_relationship("parent")
    if name not in HIERARCHY_WALKS or parent is None or parent.kind != "Hierarchy":
        return None
    return RelationshipSchema(
        name=name, peer=parent.peer, kind="Hierarchy", cardinality="many", identifier=parent.identifier
    )


class Planner:
    def __init__(self, request: Request, schema: SchemaBranch) -> None:
        self.request = request
        self.schema = schema
        self._plans: dict[tuple[tuple[int, ...], str], KindPlan] = {}

    def plan(self, nodes: list[FieldNode], kind_name: str) -> KindPlan:
        cache_key = (tuple(map(id, nodes)), kind_name)
        plan = self._plans.get(cache_key)
        if plan is None:
            plan = self._build(nodes, kind_name)
            self._plans[cache_key] = plan
        return plan

    def _build(self, nodes: list[FieldNode], kind_name: str) -> KindPlan:
        kind = self.schema.get(kind_name)
        steps = [self._step(kind, key, sub) for key, sub in self.request.sub_fields(nodes, kind_name).items()]
        wants_identity = any(step.action in ("hfid", "display_label") for step in steps)
        hfid_paths = (
            [parse_path(kind, item) for item in kind.human_friendly_id] if kind.human_friendly_id else None
        )
        label = kind.display_label
        label_path = parse_path(kind, label) if label and not is_template(label) else None
        identity_relationships: list[RelationshipSchema] = []
        if wants_identity:
            for rel_name in identity_paths(kind).peer_attributes:
                rel = kind.get_relationship(rel_name)
                if rel is not None and rel.identifier is not None:
                    identity_relationships.append(rel)
        return KindPlan(kind, steps, identity_relationships, hfid_paths, label_path)

    def _step(self, kind: KindSchema, key: str, nodes: list[FieldNode]) -> FieldStep:
        name = nodes[0].name.value
        simple: dict[str, Action] = {
            "id": "id",
            "__typename": "typename",
            "hfid": "hfid",
            "display_label": "display_label",
            "is_externally_managed": "false",
        }
        if name in simple:
            return FieldStep(key, name, nodes, simple[name])
        attr = kind.get_attribute(name)
        if attr is not None:
            parts = [
                AttributePart(sub_key, sub[0].name.value, sub)
                for sub_key, sub in self.request.sub_fields(nodes, attribute_output_type(attr.kind)).items()
            ]
            return FieldStep(key, name, nodes, "attribute", attribute=attr, parts=parts)
        rel = kind.get_relationship(name) or hierarchy_walk(kind, name)
        if rel is not None:
            return FieldStep(key, name, nodes, "relationship", relationship=rel)
        raise ValidationError(f"The field {name} of {kind.kind} is not supported by this server")


def node_hfid(plan: KindPlan, record: NodeRecord, peers: dict[str, NodeRecord | None]) -> list[str] | None:
    if plan.hfid_paths is None:
        return None
    values = [path_value(path, record, peers) for path in plan.hfid_paths]
    if any(value is None for value in values):
        return None
    return [str(value) for value in values]


def node_display_label(plan: KindPlan, record: NodeRecord, peers: dict[str, NodeRecord | None]) -> str | None:
    if plan.label_path is None:
        return compute_display_label(plan.kind, record, peers)
    value: Any = path_value(plan.label_path, record, peers)
    return None if value is None else str(value)
