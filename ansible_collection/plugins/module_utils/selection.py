# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Dotted include paths -> one GraphQL query per kind -> nested host variables.

A selection is a tree of fields: `{"name": ATTRIBUTE, "id": META, "site": Relationship(...)}`.
The inventory renders it once per kind and projects every returned node through the same tree,
so no per-host request and no per-host SDK object is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.graphql import graphql_literal

META = "meta"
ATTRIBUTE = "attribute"
META_FIELDS = ("id", "display_label", "hfid", "__typename")
# Pseudo relationships of hierarchical kinds: never part of the default selection (they can be huge).
HIERARCHY_FIELDS = ("parent", "children", "ancestors", "descendants")
DEFAULT_MANY_KINDS = ("Attribute", "Parent")


@dataclass
class Relationship:
    cardinality: str
    peer: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class KindSchema:
    """What the selection needs to know about a kind: attribute names and relationships."""

    kind: str
    attributes: tuple[str, ...]
    relationships: dict[str, dict[str, str]]

    def describe(self, name: str) -> str | dict[str, str] | None:
        if name in META_FIELDS:
            return META
        if name in self.attributes:
            return ATTRIBUTE
        return self.relationships.get(name)


def schema_view(schemas: dict[str, Any]) -> dict[str, KindSchema]:
    """Plain views of the SDK's schema objects (`client.schema.all()`), keyed by kind."""
    views = {}
    for kind, schema in schemas.items():
        relationships = {
            rel.name: {
                "peer": rel.peer,
                "cardinality": str(getattr(rel.cardinality, "value", rel.cardinality)),
                "kind": str(getattr(rel.kind, "value", rel.kind)),
            }
            for rel in getattr(schema, "relationships", [])
        }
        attributes = tuple(attr.name for attr in getattr(schema, "attributes", []))
        views[kind] = KindSchema(kind=kind, attributes=attributes, relationships=relationships)
    return views


def _schema_for(schemas: dict[str, KindSchema], kind: str, where: str) -> KindSchema:
    try:
        return schemas[kind]
    except KeyError:
        raise InfrahubCollectionError(f"{where}: the server has no schema for kind '{kind}'") from None


def _whole_peer_fields(schemas: dict[str, KindSchema], peer: str, with_attributes: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": META, "display_label": META}
    if with_attributes and peer in schemas:
        fields.update(dict.fromkeys(schemas[peer].attributes, ATTRIBUTE))
    return fields


def add_path(
    fields: dict[str, Any],
    schemas: dict[str, KindSchema],
    kind: str,
    path: str,
    where: str,
    prefetch_relationships: bool = True,
) -> None:
    """Merge one dotted path (`site.region.name`) into the field tree of `kind`."""
    current_kind = kind
    names = path.split(".")
    for position, name in enumerate(names):
        schema = _schema_for(schemas, current_kind, where)
        described = schema.describe(name)
        last = position == len(names) - 1
        if described is None:
            raise InfrahubCollectionError(
                f"{where}: '{path}': {current_kind} has no attribute or relationship '{name}'"
            )
        if not isinstance(described, dict):
            if not last:
                raise InfrahubCollectionError(
                    f"{where}: '{path}': '{name}' of {current_kind} is not a relationship"
                )
            fields[name] = described
            return
        relationship = fields.get(name)
        if not isinstance(relationship, Relationship):
            relationship = Relationship(cardinality=described["cardinality"], peer=described["peer"])
            fields[name] = relationship
        if last:
            whole = _whole_peer_fields(schemas, relationship.peer, prefetch_relationships)
            for peer_field, value in whole.items():
                relationship.fields.setdefault(peer_field, value)
            return
        fields = relationship.fields
        current_kind = relationship.peer


def default_paths(schema: KindSchema) -> list[str]:
    """What the SDK queries by default: attributes, cardinality-one and attribute-like relationships."""
    paths = list(schema.attributes)
    for name, rel in schema.relationships.items():
        if name in HIERARCHY_FIELDS:
            continue
        if rel["cardinality"] == "one" or rel["kind"] in DEFAULT_MANY_KINDS:
            paths.append(name)
    return paths


def build_fields(
    schemas: dict[str, KindSchema],
    kind: str,
    include: list[str] | None,
    exclude: list[str] | None = None,
    prefetch_relationships: bool = True,
) -> dict[str, Any]:
    """The field tree that host variables are projected through; `id` is always there."""
    where = f"nodes.{kind}"
    schema = _schema_for(schemas, kind, where)
    excluded = set(exclude or [])
    paths = include if include else default_paths(schema)
    fields: dict[str, Any] = {"id": META}
    for path in paths:
        if path.split(".", 1)[0] in excluded:
            continue
        add_path(fields, schemas, kind, path, f"{where}.include", prefetch_relationships)
    return fields


def merge_fields(target: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A new tree with every field of both; used to query hostnames that are not host variables."""
    merged = dict(target)
    for name, value in extra.items():
        current = merged.get(name)
        if isinstance(value, Relationship) and isinstance(current, Relationship):
            merged[name] = Relationship(
                current.cardinality, current.peer, merge_fields(current.fields, value.fields)
            )
        elif current is None:
            merged[name] = value
    return merged


def hostname_fields(schemas: dict[str, KindSchema], kind: str, hostnames: list[str]) -> dict[str, Any]:
    """The fields the `hostnames` paths read; refuses paths through cardinality-many relationships."""
    fields: dict[str, Any] = {}
    for path in hostnames:
        add_path(fields, schemas, kind, path, f"hostnames ({kind})", prefetch_relationships=False)
        _refuse_many(fields, path, kind)
    return fields


def _refuse_many(fields: dict[str, Any], path: str, kind: str) -> None:
    current: Any = fields
    for name in path.split("."):
        value = current.get(name)
        if isinstance(value, Relationship):
            if value.cardinality != "one":
                raise InfrahubCollectionError(
                    f"hostnames ({kind}): '{path}': '{name}' holds many nodes, a hostname needs one value"
                )
            current = value.fields


def render_fields(fields: dict[str, Any]) -> str:
    parts = []
    for name, value in fields.items():
        if value == META:
            parts.append(name)
        elif value == ATTRIBUTE:
            parts.append(f"{name} {{ value }}")
        elif value.cardinality == "one":
            parts.append(f"{name} {{ node {{ {render_fields(value.fields)} }} }}")
        else:
            parts.append(f"{name} {{ edges {{ node {{ {render_fields(value.fields)} }} }} }}")
    return " ".join(parts)


def render_query(kind: str, fields: dict[str, Any], filters: dict[str, Any] | None = None) -> str:
    """One GraphQL document that lists every node of `kind` matching `filters` with the given fields."""
    arguments = ", ".join(f"{name}: {graphql_literal(value)}" for name, value in (filters or {}).items())
    call = f"{kind}({arguments})" if arguments else kind
    return f"query InventoryHosts_{kind} {{ {call} {{ edges {{ node {{ {render_fields(fields)} }} }} }} }}"


def project(node: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Host variables for one node of the response: nested dicts, lists for cardinality many."""
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        raw = node.get(name)
        if spec == META:
            values[name] = raw
        elif spec == ATTRIBUTE:
            values[name] = raw.get("value") if raw else None
        elif spec.cardinality == "one":
            peer = raw.get("node") if raw else None
            values[name] = project(peer, spec.fields) if peer else None
        else:
            edges = raw.get("edges") if raw else None
            values[name] = [project(edge["node"], spec.fields) for edge in edges or []]
    return values


def resolve_path(node: dict[str, Any], fields: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a raw response node, or None when any hop is empty."""
    current: Any = node
    spec: Any = None
    for name in path.split("."):
        if current is None:
            return None
        spec = fields[name]
        current = current.get(name)
        if isinstance(spec, Relationship):
            current = current.get("node") if current else None
            fields = spec.fields
    if spec == ATTRIBUTE:
        return current.get("value") if current else None
    return current


def pick_hostname(node: dict[str, Any], fields: dict[str, Any], hostnames: list[str]) -> str | None:
    """The first non-empty value among the `hostnames` paths, as a string."""
    for path in hostnames:
        value = resolve_path(node, fields, path)
        if value not in (None, "", []):
            return str(value)
    return None
