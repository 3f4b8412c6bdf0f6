"""Generics: copying their fields into the nodes that inherit them, and hierarchies."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from infrahub_server.errors import SchemaError
from infrahub_server.schema import constants as c
from infrahub_server.schema.models import (
    AttributeSchema,
    GenericSchema,
    NodeSchema,
    RelationshipSchema,
    SchemaBranch,
)

# Kind-level properties a node takes from its generic when it has none of its own.
_INHERITED_PROPERTIES = (
    "human_friendly_id",
    "display_label",
    "display_labels",
    "default_filter",
    "menu_placement",
    "uniqueness_constraints",
    "icon",
    "order_by",
)
_Field = TypeVar("_Field", AttributeSchema, RelationshipSchema)
_NOT_INHERITED_RELATIONSHIPS = frozenset({c.PROFILES_RELATIONSHIP, c.TEMPLATE_RELATIONSHIP})
_METADATA_NAMES = frozenset({"_source", "_owner"})


def apply_inheritance(branch: SchemaBranch) -> None:
    used_by: dict[str, list[str]] = defaultdict(list)
    for node in branch.nodes.values():
        if node.inherit_from or node.namespace == "Builtin" or node.namespace not in c.RESTRICTED_NAMESPACES:
            used_by[c.NODE].append(node.kind)
        if not node.inherit_from:
            continue
        if c.IP_PREFIX in node.inherit_from and c.IP_ADDRESS in node.inherit_from:
            raise SchemaError(f"{node.kind} cannot inherit from both {c.IP_PREFIX} and {c.IP_ADDRESS}")
        hierarchical: list[str] = []
        for generic_kind in node.inherit_from:
            generic = branch.generics.get(generic_kind)
            if generic is None:
                raise SchemaError(f"{node.kind} Unable to find the generic {generic_kind}")
            if generic.hierarchical:
                hierarchical.append(generic_kind)
            if node.namespace != "Internal":
                used_by[generic_kind].append(node.kind)
            _inherit_from(node, generic)
        if len(hierarchical) > 1:
            raise SchemaError(
                f"{node.kind} Only one generic with hierarchical support is allowed per node {hierarchical}"
            )
        if hierarchical and node.hierarchy is None:
            node.hierarchy = hierarchical[0]

    for generic in branch.generics.values():
        generic.used_by = sorted(used_by.get(generic.kind, []))


def _inherit_from(node: NodeSchema, generic: GenericSchema) -> None:
    for prop in _INHERITED_PROPERTIES:
        value = getattr(generic, prop)
        if value and not getattr(node, prop):
            setattr(node, prop, list(value) if isinstance(value, list) else value)

    local_names = {attr.name for attr in node.attributes if not attr.inherited}
    local_names |= {rel.name for rel in node.relationships if not rel.inherited}
    local_names |= _METADATA_NAMES

    inherited_attrs = {attr.name: index for index, attr in enumerate(node.attributes) if attr.inherited}
    for attr in generic.attributes:
        if attr.name in local_names:
            continue
        if attr.name in inherited_attrs:
            node.attributes[inherited_attrs[attr.name]] = _refreshed(
                node.attributes[inherited_attrs[attr.name]], attr
            )
        else:
            node.attributes.append(attr.model_copy(deep=True, update={"id": None, "inherited": True}))

    inherited_rels = {rel.name: index for index, rel in enumerate(node.relationships) if rel.inherited}
    for rel in generic.relationships:
        if rel.name in local_names or rel.name in _NOT_INHERITED_RELATIONSHIPS:
            continue
        if rel.name in inherited_rels:
            node.relationships[inherited_rels[rel.name]] = _refreshed(
                node.relationships[inherited_rels[rel.name]], rel
            )
        else:
            node.relationships.append(rel.model_copy(deep=True, update={"id": None, "inherited": True}))


def _refreshed(current: _Field, source: _Field) -> _Field:
    """A field inherited before, updated from its generic; its place (weight) and branch support stay."""
    return source.model_copy(
        deep=True,
        update={
            "id": current.id,
            "inherited": True,
            "order_weight": current.order_weight,
            "branch": current.branch,
        },
    )


def resolve_hierarchy(branch: SchemaBranch) -> None:
    known = set(branch.nodes) | set(branch.generics)
    for node in branch.nodes.values():
        if not node.hierarchy and not node.parent and not node.children:
            continue
        if not node.hierarchy:
            raise SchemaError(
                f"{node.kind} Hierarchy must be provided if either parent or children is defined."
            )
        if node.hierarchy not in branch.generics:
            raise SchemaError(
                f"{node.kind} Unable to find the generic {node.hierarchy!r} provided in 'hierarchy'."
            )
        if node.hierarchy not in node.inherit_from:
            node.inherit_from.append(node.hierarchy)
        if node.parent is None:
            node.parent = node.hierarchy
        elif node.parent and node.parent not in known:
            raise SchemaError(f"{node.kind} Unable to find the node {node.parent!r} provided in 'parent'.")
        if node.children is None:
            node.children = node.hierarchy
        elif node.children and node.children not in known:
            raise SchemaError(
                f"{node.kind} Unable to find the node {node.children!r} provided in 'children'."
            )


def add_hierarchy_relationships(branch: SchemaBranch) -> None:
    for generic in branch.generics.values():
        if not generic.hierarchical:
            continue
        read_only = generic.kind == c.IP_PREFIX
        if generic.get_relationship("parent") is None:
            generic.relationships.append(
                _parent(generic.kind, generic.kind, read_only=read_only, optional=True)
            )
        if generic.get_relationship("children") is None:
            generic.relationships.append(_children(generic.kind, generic.kind, read_only=read_only))

    for node in branch.nodes.values():
        if node.parent is None and node.children is None:
            continue
        read_only = c.IP_PREFIX in node.inherit_from
        parent_peer = node.parent or node.hierarchy
        if parent_peer is not None:
            existing = node.get_relationship("parent")
            if existing is None:
                optional = parent_peer == node.kind or parent_peer in branch.generics
                node.relationships.append(
                    _parent(parent_peer, node.hierarchy, read_only=read_only, optional=optional)
                )
            else:
                existing.peer = parent_peer
        children_peer = node.children or node.hierarchy
        if children_peer is not None:
            existing = node.get_relationship("children")
            if existing is None:
                node.relationships.append(_children(children_peer, node.hierarchy, read_only=read_only))
            else:
                existing.peer = children_peer


def _parent(peer: str, hierarchical: str | None, *, read_only: bool, optional: bool) -> RelationshipSchema:
    return RelationshipSchema(
        name="parent",
        identifier=c.PARENT_CHILD_IDENTIFIER,
        peer=peer,
        kind="Hierarchy",
        cardinality="one",
        min_count=0 if optional else 1,
        max_count=1,
        branch="aware",
        direction="outbound",
        hierarchical=hierarchical,
        read_only=read_only,
        optional=optional,
    )


def _children(peer: str, hierarchical: str | None, *, read_only: bool) -> RelationshipSchema:
    return RelationshipSchema(
        name="children",
        identifier=c.PARENT_CHILD_IDENTIFIER,
        peer=peer,
        kind="Hierarchy",
        cardinality="many",
        branch="aware",
        direction="inbound",
        hierarchical=hierarchical,
        read_only=read_only,
    )
