"""Semantic checks on a schema after the first processing steps; messages are Infrahub's."""

from __future__ import annotations

import keyword
from collections import Counter, defaultdict

from infrahub_server.errors import SchemaError
from infrahub_server.schema import constants as c
from infrahub_server.schema.models import (
    GenericSchema,
    KindSchema,
    NodeSchema,
    RelationshipSchema,
    SchemaBranch,
)
from infrahub_server.schema.processing.paths import PathError, SchemaPath, find_kind, resolve_path


def check_schema(branch: SchemaBranch) -> None:
    """Run the checks in Infrahub's order, so that a schema with several problems gets its first message."""
    kinds = list(branch.all_kinds().values())
    nodes = list(branch.nodes.values())
    identified: list[NodeSchema | GenericSchema] = [*branch.generics.values(), *branch.nodes.values()]
    for schema in kinds:
        _check_names(schema)
    for node in nodes:
        _check_inherit_from(branch, node)
        _check_peers(branch, node)
    for node in nodes:
        _check_restricted_namespaces(branch, node)
    for schema in kinds:
        _check_counts(schema)
    _check_identifiers(kinds)
    for schema in identified:
        _check_uniqueness_constraints(branch, schema)
    for schema in identified:
        _check_order_by(branch, schema)
    for schema in identified:
        if schema.default_filter:
            _path(branch, schema, schema.default_filter, "default_filter")
    for schema in identified:
        _check_parent(branch, schema)
    for schema in identified:
        _check_human_friendly_id(branch, schema)
    _check_required_cycles(identified)


def _check_names(schema: KindSchema) -> None:
    counts = Counter([*schema.attribute_names, *schema.relationship_names])
    duplicated = [name for name, count in counts.items() if count > 1]
    if duplicated:
        raise SchemaError(
            f"{schema.kind}: Names of attributes and relationships must be unique : {duplicated}"
        )
    if schema.namespace in ("Schema", "Internal"):
        return
    for attr in schema.attributes:
        _check_field_name(schema, attr.name, "attribute")
        if keyword.iskeyword(attr.name):
            raise SchemaError(
                f"Python keyword '{attr.name}' cannot be used as an attribute name on '{schema.kind}'"
            )
    for rel in schema.relationships:
        _check_field_name(schema, rel.name, "relationship")


def _check_field_name(schema: KindSchema, name: str, element: str) -> None:
    reserved = c.RESERVED_FIELD_NAMES
    if isinstance(schema, GenericSchema):
        reserved = reserved | c.RESERVED_GENERIC_FIELD_NAMES
    if name in reserved:
        raise SchemaError(
            f"{schema.kind}: {name!r} is a reserved name ({element}: {name!r}). Rename this attribute or relationship."
        )
    if "__" in name:
        raise SchemaError(
            f"{schema.kind}: '{name}' cannot be used as an {element} name because it contains '__', "
            "which is reserved as the schema path separator."
        )


def _check_inherit_from(branch: SchemaBranch, node: NodeSchema) -> None:
    for kind in node.inherit_from:
        if kind not in branch.generics:
            if branch.has(kind):
                raise SchemaError(
                    f"{node.kind}: Only generic model can be used as part of inherit_from, {kind!r} is not a valid entry."
                )
            raise SchemaError(f"{node.kind}: {kind!r} is not a invalid Generic to inherit from")


def _check_peers(branch: SchemaBranch, node: NodeSchema) -> None:
    for rel in node.relationships:
        if rel.peer != c.GROUP and not branch.has(rel.peer):
            raise SchemaError(
                f"{node.kind}: Relationship {rel.name!r} is referring an invalid peer {rel.peer!r}"
            )
        if rel.common_relatives:
            peer = find_kind(branch, rel.peer)
            for name in rel.common_relatives:
                if peer.get_relationship(name) is None:
                    raise SchemaError(
                        f"{node.kind}: Relationship {rel.name!r} set 'common_relatives' with invalid "
                        f"relationship from '{rel.peer}'"
                    )


def _check_restricted_namespaces(branch: SchemaBranch, node: NodeSchema) -> None:
    for kind in node.inherit_from:
        allowed = branch.generics[kind].restricted_namespaces
        if allowed is not None and node.namespace not in allowed:
            raise SchemaError(
                f"Generic node '{kind}' has restricted namespaces: {allowed}. The node '{node.kind}' does not "
                f"comply with this restriction as its namespace is '{node.namespace}'."
            )


def _check_counts(schema: KindSchema) -> None:
    for rel in schema.relationships:
        if rel.cardinality == "one":
            if not rel.optional and (rel.min_count != 1 or rel.max_count != 1):
                raise SchemaError(
                    f"{schema.kind}: Relationship {rel.name!r} is defined as cardinality.ONE but min_count or "
                    "max_count are not 1"
                )
            continue
        if rel.max_count and rel.min_count > rel.max_count:
            raise SchemaError(
                f"{schema.kind}: Relationship {rel.name!r} min_count must be lower than max_count"
            )
        if rel.max_count == 1:
            raise SchemaError(
                f"{schema.kind}: Relationship {rel.name!r} max_count must be 0 or greater than 1 when cardinality is MANY"
            )


def _check_identifiers(kinds: list[KindSchema]) -> None:
    """Relationships sharing an identifier are the two ends of one link; their directions must agree."""
    by_identifier: dict[str, dict[str, list[RelationshipSchema]]] = defaultdict(lambda: defaultdict(list))
    for schema in kinds:
        for rel in schema.relationships:
            by_identifier[rel.identifier or ""][schema.kind].append(rel)

    for identifier, per_kind in by_identifier.items():
        for kind, rels in per_kind.items():
            directions = sorted(rel.direction for rel in rels)
            if not (len(rels) == 1 or directions == ["inbound", "outbound"]):
                pairs = [(rel.name, rel.direction) for rel in rels]
                raise SchemaError(
                    f"{kind}: Identifier of relationships must be unique for a given direction > {identifier!r} : {pairs}"
                )
            if len(per_kind) == 1:
                continue
            for rel in rels:
                reverse = per_kind.get(rel.peer, [])
                if len(reverse) != 1:
                    continue
                if len(rels) == 2 and reverse[0].direction == "bidirectional":
                    raise SchemaError(
                        f"{kind}: Incompatible direction detected on Reverse Relationship for {rel.name!r} "
                        f"({identifier!r})  > bidirectional "
                    )
                pair = sorted([rel.direction, reverse[0].direction])
                if len(rels) == 1 and pair not in (
                    ["bidirectional", "bidirectional"],
                    ["inbound", "outbound"],
                ):
                    raise SchemaError(
                        f"{kind}: Incompatible direction detected on Reverse Relationship for {rel.name!r} "
                        f"({identifier!r}) {rel.direction} <> {reverse[0].direction}"
                    )


def _check_parent(branch: SchemaBranch, schema: NodeSchema | GenericSchema) -> None:
    """At most one `Parent` relationship, own or from a generic, and it is mandatory and single."""
    parents = [rel for rel in schema.relationships if rel.kind == "Parent" and not rel.inherited]
    if isinstance(schema, NodeSchema):
        for kind in schema.inherit_from:
            parents += [rel for rel in branch.generics[kind].relationships if rel.kind == "Parent"]
    if not parents:
        return
    if len(parents) > 1:
        names = [rel.name for rel in parents]
        raise SchemaError(
            f"{schema.kind}: Only one relationship of type parent is allowed, but all the following are of type "
            f"parent: {names}"
        )
    parent = parents[0]
    if parent.cardinality != "one":
        raise SchemaError(f"{schema.kind}.{parent.name}: Relationship of type parent must be cardinality=one")
    if parent.optional:
        raise SchemaError(f"{schema.kind}.{parent.name}: Relationship of type parent must not be optional")


def _path(branch: SchemaBranch, schema: KindSchema, path: str, element: str) -> SchemaPath:
    try:
        return resolve_path(branch, schema, path)
    except PathError as exc:
        raise SchemaError(f"{schema.kind}.{element}: {exc}") from exc


def _check_uniqueness_constraints(branch: SchemaBranch, schema: NodeSchema | GenericSchema) -> None:
    for constraint in schema.uniqueness_constraints or []:
        for path in constraint:
            _path(branch, schema, path, "uniqueness_constraints")


def _check_order_by(branch: SchemaBranch, schema: NodeSchema | GenericSchema) -> None:
    for path in schema.order_by or []:
        _path(branch, schema, path, "order_by")


def _check_human_friendly_id(branch: SchemaBranch, schema: NodeSchema | GenericSchema) -> None:
    for item in schema.human_friendly_id or []:
        path = _path(branch, schema, item, "human_friendly_id")
        if path.is_attribute and path.property_name is None:
            raise SchemaError(
                f"{schema.kind}.human_friendly_id: invalid attribute, it must end with one of the following "
                f"properties: value. (`{item}`)"
            )
        rel = path.relationship
        if rel is None:
            continue
        if rel.cardinality == "many":
            raise SchemaError(
                f"{schema.kind}.human_friendly_id: cannot use {rel.name} relationship, relationship must be "
                f"of cardinality one (`{item}`)"
            )
        if rel.optional and rel.name != "ip_namespace":
            raise SchemaError(
                f"{schema.kind}.human_friendly_id: cannot use {rel.name} relationship, relationship must be "
                f"mandatory. (`{item}`)"
            )
        if path.attribute is None:
            raise SchemaError(
                f"{schema.kind}.human_friendly_id: Must use attributes of related node. (`{item}`)"
            )


def _check_required_cycles(identified: list[NodeSchema | GenericSchema]) -> None:
    required_by: dict[str, set[str]] = {}
    for schema in [schema for schema in identified if isinstance(schema, NodeSchema)] + [
        schema for schema in identified if isinstance(schema, GenericSchema)
    ]:
        for rel in schema.relationships:
            if rel.optional:
                continue
            if rel.peer in required_by.get(schema.kind, set()):
                raise SchemaError(
                    f"'{schema.kind}' and '{rel.peer}' cannot both have required relationships to one another."
                )
            required_by.setdefault(rel.peer, set()).add(schema.kind)
