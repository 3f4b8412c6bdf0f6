"""Build the GraphQL schema of one branch from its processed schema (`SchemaBranch`).

Per kind `K` (nodes, profiles and templates are object types, generics are interfaces):
`K`, `EdgedK`, `PaginatedK`, `NestedEdgedK`, `NestedPaginatedK`, a `K` query field with its filter
arguments, and the mutations `KCreate`/`KUpdate`/`KUpsert`/`KDelete` with their inputs (generics
get `KUpdate` only, when they have attributes or relationships). Everything else is static
(`static_types`). Schemas are cached per schema hash and shared by branches with the same hash.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import partial
from typing import Any, cast

from graphql import (
    GraphQLArgument,
    GraphQLBoolean,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    specified_directives,
)

from infrahub_server.graphql.filter_arguments import FilterArguments
from infrahub_server.graphql.scalars import CUSTOM_SCALARS, ExpandDirective
from infrahub_server.graphql.schema_facts import SchemaFacts
from infrahub_server.graphql.static_types import build_static_types, static_root_fields
from infrahub_server.graphql.type_names import (
    IP_ADDRESS_KIND,
    IP_PREFIX_KIND,
    attribute_input_type,
    attribute_output_type,
)
from infrahub_server.schema.models import (
    AttributeSchema,
    GenericSchema,
    KindSchema,
    RelationshipSchema,
    SchemaBranch,
)
from infrahub_server.storage.file_objects import FILE_OBJECT
from infrahub_server.storage.multipart import UPLOAD_SCALAR

GROUP_GENERIC = "CoreGroup"
ACCOUNT_GENERIC = "CoreGenericAccount"
_EXTERNALLY_MANAGED_DESCRIPTION = (
    "True when the account is linked to an external identity provider (LDAP, OIDC, OAuth2). "
    "Local password changes are refused for such accounts."
)

_STANDARD_SCALARS: dict[str, GraphQLNamedType] = {
    scalar.name: scalar for scalar in (GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean, GraphQLID)
}


def _list(of: Any) -> GraphQLList[Any]:
    return GraphQLList(of)


def _non_null(of: Any) -> GraphQLNonNull[Any]:
    return GraphQLNonNull(of)


def _field_with_arguments(type_: Any, args: dict[str, GraphQLArgument]) -> GraphQLField:
    """A field whose generated arguments skip graphql-core's per-character name check, which costs
    more than the rest of the build (25k names for the network schema). The names are attribute and
    relationship names, validated by the schema processor (`^[a-z0-9_]+$`), joined with `__` suffixes."""
    field = GraphQLField(type_)
    field.args = args
    return field


class _Builder:
    def __init__(self, branch: SchemaBranch) -> None:
        self.facts = SchemaFacts(branch)
        self.kinds = self.facts.kinds
        self.types: dict[str, GraphQLNamedType] = {**_STANDARD_SCALARS, **CUSTOM_SCALARS}
        self.arguments = FilterArguments(self.facts, self.lookup)
        self._relationship_fields: dict[tuple[str, bool | None], GraphQLField] = {}

    def lookup(self, name: str) -> GraphQLNamedType:
        return self.types[name]

    def _scalar(self, name: str) -> GraphQLInputType:
        return cast(GraphQLInputType, self.types[name])

    # --- output types ---------------------------------------------------------------------

    def _attribute_field(self, kind: KindSchema, attr: AttributeSchema, interface: bool) -> GraphQLField:
        if interface or attr.inherited:
            description = attr.description
        else:
            description = f"{attr.description}{'' if attr.optional else ' (required)'}"
        return GraphQLField(
            cast(GraphQLOutputType, self.types[attribute_output_type(attr.kind)]), description=description
        )

    def _relationship_field(self, kind: KindSchema, rel: RelationshipSchema, peer: str) -> GraphQLField:
        """Relationship fields depend only on the peer (and one flag), so each is built once and
        shared: graphql-core checks every argument name it is given, which dominates build time."""
        include_descendants = (
            None if rel.cardinality == "one" else self.arguments.includes_descendants(kind, rel)
        )
        key = (peer, include_descendants)
        field = self._relationship_fields.get(key)
        if field is None:
            if include_descendants is None:
                field = GraphQLField(_non_null(self.types[f"NestedEdged{peer}"]))
            else:
                field = _field_with_arguments(
                    _non_null(self.types[f"NestedPaginated{peer}"]),
                    self.arguments.nested_many_args(peer, include_descendants),
                )
            self._relationship_fields[key] = field
        return field

    def kind_fields(self, kind: KindSchema, interface: bool) -> dict[str, GraphQLField]:
        id_type = GraphQLString if interface else _non_null(GraphQLString)
        fields: dict[str, GraphQLField] = {
            "id": GraphQLField(id_type, description="Unique identifier"),
            "hfid": GraphQLField(_list(_non_null(GraphQLString)), description="Human friendly identifier"),
            "display_label": GraphQLField(GraphQLString),
        }
        for attr in kind.attributes:
            fields[attr.name] = self._attribute_field(kind, attr, interface)
        for rel in kind.relationships:
            peer = self.facts.peer_of(kind, rel)
            if peer in self.kinds:
                fields[rel.name] = self._relationship_field(kind, rel, peer)
        if kind.kind == ACCOUNT_GENERIC or ACCOUNT_GENERIC in getattr(kind, "inherit_from", []):
            fields["is_externally_managed"] = GraphQLField(
                _non_null(GraphQLBoolean), description=_EXTERNALLY_MANAGED_DESCRIPTION
            )
        hierarchy = self.facts.hierarchy_of(kind)
        if hierarchy:
            for name in ("ancestors", "descendants"):
                fields[name] = self._relationship_field(
                    kind, RelationshipSchema(name=name, peer=hierarchy, kind="Hierarchy"), hierarchy
                )
        return fields

    def interfaces_of(self, kind: KindSchema) -> list[GraphQLInterfaceType]:
        names = [name for name in getattr(kind, "inherit_from", []) if name in self.kinds]
        # Groups are not nodes a group can hold: they do not implement `CoreNode`.
        if "CoreNode" in self.kinds and "CoreNode" not in names and GROUP_GENERIC not in names:
            names.append("CoreNode")
        return [cast(GraphQLInterfaceType, self.types[name]) for name in names]

    def add_kind_types(self, kind: KindSchema) -> None:
        name = kind.kind
        if isinstance(kind, GenericSchema):
            self.types[name] = GraphQLInterfaceType(
                name, fields=lambda: self.kind_fields(kind, True), description=kind.description
            )
        else:
            self.types[name] = GraphQLObjectType(
                name,
                fields=lambda: self.kind_fields(kind, False),
                interfaces=lambda: self.interfaces_of(kind),
                description=kind.description,
            )
        node = self.types[name]
        self.types[f"Edged{name}"] = GraphQLObjectType(
            f"Edged{name}",
            description=kind.description,
            fields=lambda: {
                "node": GraphQLField(cast(GraphQLOutputType, node)),
                "node_metadata": GraphQLField(cast(GraphQLOutputType, self.types["InfrahubNodeMetadata"])),
            },
        )
        self.types[f"NestedEdged{name}"] = GraphQLObjectType(
            f"NestedEdged{name}",
            description=kind.description,
            fields=lambda: {
                "node": GraphQLField(cast(GraphQLOutputType, node)),
                "node_metadata": GraphQLField(cast(GraphQLOutputType, self.types["InfrahubNodeMetadata"])),
                "properties": GraphQLField(cast(GraphQLOutputType, self.types["RelationshipProperty"])),
                "relationship_metadata": GraphQLField(
                    cast(GraphQLOutputType, self.types["InfrahubRelationshipMetadata"])
                ),
            },
        )
        for prefix in ("", "Nested"):
            self.types[f"{prefix}Paginated{name}"] = GraphQLObjectType(
                f"{prefix}Paginated{name}",
                description=kind.description,
                fields=partial(self._paginated_fields, kind, prefix),
            )

    def _paginated_fields(self, kind: KindSchema, prefix: str) -> dict[str, GraphQLField]:
        edges = _list(_non_null(self.types[f"{prefix}Edged{kind.kind}"]))
        # The protocol's nested pages of a generic carry nullable edges and no permissions.
        if prefix and isinstance(kind, GenericSchema):
            return {"count": GraphQLField(_non_null(GraphQLInt)), "edges": GraphQLField(edges)}
        return {
            "count": GraphQLField(_non_null(GraphQLInt)),
            "edges": GraphQLField(_non_null(edges)),
            "permissions": GraphQLField(_non_null(self.types["PaginatedObjectPermission"])),
        }

    # --- mutations ------------------------------------------------------------------------

    def _related_input(self, peer: str) -> GraphQLInputType:
        if peer == IP_PREFIX_KIND:
            return self._scalar("RelatedIPPrefixNodeInput")
        if peer == IP_ADDRESS_KIND:
            return self._scalar("RelatedIPAddressNodeInput")
        return self._scalar("RelatedNodeInput")

    def input_fields(self, kind: KindSchema, operation: str) -> dict[str, GraphQLInputField]:
        fields: dict[str, GraphQLInputField] = {"id": GraphQLInputField(GraphQLString)}
        if operation != "Create":
            fields["hfid"] = GraphQLInputField(_list(GraphQLString))
        attr_operation = "Create" if operation == "Create" else "Update"
        for attr in kind.attributes:
            if not attr.read_only:
                fields[attr.name] = GraphQLInputField(
                    self._scalar(attribute_input_type(attr.kind, attr_operation)),
                    description=attr.description,
                )
        for rel in kind.relationships:
            peer = self.facts.peer_of(kind, rel)
            if rel.read_only or peer not in self.kinds:
                continue
            related = self._related_input(peer)
            fields[rel.name] = GraphQLInputField(
                related if rel.cardinality == "one" else _list(related), description=rel.description
            )
        return fields

    def mutation_fields(self, kind: KindSchema) -> dict[str, GraphQLField]:
        name = kind.kind
        node = cast(GraphQLOutputType, self.types[name])
        context = GraphQLArgument(self._scalar("ContextInput"))
        operations = ["Update"] if isinstance(kind, GenericSchema) else ["Create", "Update", "Upsert"]
        fields: dict[str, GraphQLField] = {}
        for operation in operations:
            input_type = GraphQLInputObjectType(
                f"{name}{operation}Input", fields=partial(self.input_fields, kind, operation)
            )
            payload = GraphQLObjectType(
                f"{name}{operation}",
                fields={"ok": GraphQLField(GraphQLBoolean), "object": GraphQLField(node)},
                description=kind.description,
            )
            self.types[input_type.name] = input_type
            self.types[payload.name] = payload
            arguments = {"data": GraphQLArgument(_non_null(input_type)), "context": context}
            if FILE_OBJECT in getattr(kind, "inherit_from", ()):
                arguments["file"] = GraphQLArgument(UPLOAD_SCALAR)
            fields[payload.name] = GraphQLField(payload, args=arguments, description=kind.description)
        if not isinstance(kind, GenericSchema):
            payload = GraphQLObjectType(
                f"{name}Delete", fields={"ok": GraphQLField(GraphQLBoolean)}, description=kind.description
            )
            self.types[payload.name] = payload
            fields[payload.name] = GraphQLField(
                payload,
                args={"data": GraphQLArgument(_non_null(self._scalar("DeleteInput"))), "context": context},
                description=kind.description,
            )
        return fields

    # --- assembly -------------------------------------------------------------------------

    def build(self) -> GraphQLSchema:
        self.types.update(build_static_types(self.lookup))
        for kind in self.kinds.values():
            self.add_kind_types(kind)
        query_fields: dict[str, GraphQLField] = {}
        mutation_fields: dict[str, GraphQLField] = {}
        for kind in self.kinds.values():
            query_fields[kind.kind] = _field_with_arguments(
                _non_null(self.types[f"Paginated{kind.kind}"]), self.arguments.query_args(kind)
            )
            if not isinstance(kind, GenericSchema) or kind.attributes or kind.relationships:
                mutation_fields.update(self.mutation_fields(kind))
        query = GraphQLObjectType(
            "Query", fields=lambda: {**static_root_fields("Query", self.lookup), **query_fields}
        )
        mutation = GraphQLObjectType(
            "Mutation", fields=lambda: {**static_root_fields("Mutation", self.lookup), **mutation_fields}
        )
        subscription = GraphQLObjectType(
            "Subscription", fields=lambda: static_root_fields("Subscription", self.lookup)
        )
        return GraphQLSchema(
            query=query,
            mutation=mutation,
            subscription=subscription,
            types=list(self.types.values()),
            directives=[*specified_directives, ExpandDirective],
        )


_CACHE_SIZE = 16
_cache: OrderedDict[str, GraphQLSchema] = OrderedDict()
_cache_lock = threading.Lock()


def build_graphql_schema(branch: SchemaBranch) -> GraphQLSchema:
    """Build (uncached) the GraphQL schema for a processed schema."""
    return _Builder(branch).build()


def graphql_schema_for(branch: SchemaBranch) -> GraphQLSchema:
    """The GraphQL schema for `branch`, cached by its schema hash."""
    key = branch.hash
    with _cache_lock:
        cached = _cache.get(key) if key else None
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    schema = build_graphql_schema(branch)
    if key:
        with _cache_lock:
            _cache[key] = schema
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return schema
