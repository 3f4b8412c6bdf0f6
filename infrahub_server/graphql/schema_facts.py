"""What the GraphQL schema generation asks of the processed schema: the kinds that get types,
hierarchies, relationship peers, display labels."""

from __future__ import annotations

from infrahub_server.schema.models import (
    AttributeSchema,
    GenericSchema,
    KindSchema,
    NodeSchema,
    RelationshipSchema,
    SchemaBranch,
    TemplateSchema,
)

EXCLUDED_NAMESPACES = frozenset({"Internal"})
"""Namespaces whose kinds get no generated types or root fields."""


class SchemaFacts:
    def __init__(self, branch: SchemaBranch) -> None:
        self.kinds: dict[str, KindSchema] = {
            name: kind
            for name, kind in branch.all_kinds().items()
            if kind.namespace not in EXCLUDED_NAMESPACES
        }

    def hierarchy_of(self, kind: KindSchema) -> str | None:
        if isinstance(kind, GenericSchema):
            return kind.kind if kind.hierarchical else None
        if isinstance(kind, NodeSchema | TemplateSchema):
            return kind.hierarchy
        return None

    def peer_of(self, owner: KindSchema, rel: RelationshipSchema) -> str:
        if rel.kind == "Hierarchy":
            return self.hierarchy_of(owner) or rel.peer
        return rel.peer

    def has_display_label(self, kind_name: str) -> bool:
        kind = self.kinds.get(kind_name)
        return kind is not None and bool(kind.display_label or kind.display_labels)

    def peer_attributes(self, peer: str) -> list[AttributeSchema]:
        kind = self.kinds.get(peer)
        return list(kind.attributes) if kind else []
