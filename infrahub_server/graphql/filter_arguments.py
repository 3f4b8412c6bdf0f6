"""The filter arguments of kind query fields and of many-relationship fields (section 3.2)."""

from __future__ import annotations

from typing import Any, cast

from graphql import (
    GraphQLArgument,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInputType,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLString,
)

from infrahub_server.graphql.schema_facts import SchemaFacts
from infrahub_server.graphql.static_types import TypeLookup
from infrahub_server.graphql.type_names import IP_ADDRESS_KIND, IP_PREFIX_KIND, filter_scalar
from infrahub_server.schema.models import AttributeSchema, KindSchema, RelationshipSchema

HIERARCHY_FIELDS = ("parent", "children", "ancestors", "descendants")

_NODE_METADATA_FILTERS: tuple[tuple[str, str, bool, str], ...] = (
    ("node_metadata__created_by__id", "ID", False, "Filter by exact creator account UUID"),
    ("node_metadata__created_by__ids", "ID", True, "Filter by list of creator account UUIDs"),
    ("node_metadata__updated_by__id", "ID", False, "Filter by exact updater account UUID"),
    ("node_metadata__updated_by__ids", "ID", True, "Filter by list of updater account UUIDs"),
    ("node_metadata__created_at", "DateTime", False, "Filter by exact creation timestamp"),
    (
        "node_metadata__created_at__before",
        "DateTime",
        False,
        "Filter for objects created before this timestamp",
    ),
    (
        "node_metadata__created_at__after",
        "DateTime",
        False,
        "Filter for objects created after this timestamp",
    ),
    ("node_metadata__updated_at", "DateTime", False, "Filter by exact update timestamp"),
    (
        "node_metadata__updated_at__before",
        "DateTime",
        False,
        "Filter for objects updated before this timestamp",
    ),
    (
        "node_metadata__updated_at__after",
        "DateTime",
        False,
        "Filter for objects updated after this timestamp",
    ),
)


def _list(of: Any) -> GraphQLList[Any]:
    return GraphQLList(of)


class FilterArguments:
    def __init__(self, facts: SchemaFacts, lookup: TypeLookup) -> None:
        self.facts = facts
        self.lookup = lookup

    def _scalar(self, name: str) -> GraphQLInputType:
        return cast(GraphQLInputType, self.lookup(name))

    def _attribute_filter_args(
        self, prefix: str, attr: AttributeSchema, *, properties: bool, isnull: bool
    ) -> dict[str, GraphQLArgument]:
        scalar = self._scalar(filter_scalar(attr.kind))
        args = {
            f"{prefix}{attr.name}__value": GraphQLArgument(scalar),
            f"{prefix}{attr.name}__values": GraphQLArgument(_list(scalar)),
        }
        if isnull:
            args[f"{prefix}{attr.name}__isnull"] = GraphQLArgument(GraphQLBoolean)
        if properties:
            args[f"{prefix}{attr.name}__is_protected"] = GraphQLArgument(GraphQLBoolean)
            args[f"{prefix}{attr.name}__owner__id"] = GraphQLArgument(GraphQLID)
            args[f"{prefix}{attr.name}__source__id"] = GraphQLArgument(GraphQLID)
        return args

    def _display_label_args(self, prefix: str) -> dict[str, GraphQLArgument]:
        return {
            f"{prefix}display_label__value": GraphQLArgument(GraphQLString),
            f"{prefix}display_label__values": GraphQLArgument(_list(GraphQLString)),
            f"{prefix}display_label__isnull": GraphQLArgument(GraphQLBoolean),
        }

    def includes_descendants(self, owner: KindSchema, rel: RelationshipSchema) -> bool:
        """Many-relationships of hierarchical kinds take `include_descendants`, the hierarchy's own not."""
        return bool(self.facts.hierarchy_of(owner)) and rel.name not in HIERARCHY_FIELDS

    def nested_many_args(self, peer: str, include_descendants: bool) -> dict[str, GraphQLArgument]:
        args: dict[str, GraphQLArgument] = {
            "offset": GraphQLArgument(GraphQLInt),
            "limit": GraphQLArgument(GraphQLInt),
            "order": GraphQLArgument(self._scalar("OrderInput")),
            "ids": GraphQLArgument(_list(GraphQLID)),
            "isnull": GraphQLArgument(GraphQLBoolean),
        }
        if include_descendants:
            args["include_descendants"] = GraphQLArgument(GraphQLBoolean)
        if self.facts.has_display_label(peer):
            args.update(self._display_label_args(""))
        for attr in self.facts.peer_attributes(peer):
            args.update(self._attribute_filter_args("", attr, properties=True, isnull=False))
        return args

    def query_args(self, kind: KindSchema) -> dict[str, GraphQLArgument]:
        args: dict[str, GraphQLArgument] = {
            "offset": GraphQLArgument(GraphQLInt),
            "limit": GraphQLArgument(GraphQLInt),
            "order": GraphQLArgument(self._scalar("OrderInput")),
            "ids": GraphQLArgument(_list(GraphQLID)),
        }
        if kind.human_friendly_id:
            args["hfid"] = GraphQLArgument(_list(GraphQLString))
        args["partial_match"] = GraphQLArgument(GraphQLBoolean)
        if kind.kind in (IP_PREFIX_KIND, IP_ADDRESS_KIND):
            args["include_available"] = GraphQLArgument(GraphQLBoolean)
            args["kinds"] = GraphQLArgument(_list(GraphQLNonNull(GraphQLString)))
        for name, scalar, is_list, description in _NODE_METADATA_FILTERS:
            arg_type = self._scalar(scalar)
            args[name] = GraphQLArgument(_list(arg_type) if is_list else arg_type, description=description)
        if self.facts.has_display_label(kind.kind):
            args.update(self._display_label_args(""))
        args["any__value"] = GraphQLArgument(GraphQLString)
        args["any__values"] = GraphQLArgument(_list(GraphQLString))
        args["any__is_protected"] = GraphQLArgument(GraphQLBoolean)
        args["any__owner__id"] = GraphQLArgument(GraphQLID)
        args["any__source__id"] = GraphQLArgument(GraphQLID)
        for attr in kind.attributes:
            args.update(self._attribute_filter_args("", attr, properties=True, isnull=True))
        for rel in kind.relationships:
            peer = self.facts.peer_of(kind, rel)
            prefix = f"{rel.name}__"
            args[f"{prefix}ids"] = GraphQLArgument(_list(GraphQLID))
            args[f"{prefix}isnull"] = GraphQLArgument(GraphQLBoolean)
            if self.facts.has_display_label(peer):
                args.update(self._display_label_args(prefix))
            for attr in self.facts.peer_attributes(peer):
                args.update(
                    self._attribute_filter_args(prefix, attr, properties=rel.kind != "Group", isnull=False)
                )
        return args
