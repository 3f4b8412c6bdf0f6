"""GraphQL filter arguments of a kind query (`name__value`, `site__name__values`, `hfid`, ...)
translated into store filters and orderings."""

from __future__ import annotations

from typing import Any

from infrahub_server.errors import ValidationError
from infrahub_server.nodes import edge_side
from infrahub_server.nodes.identity import is_template, parse_path
from infrahub_server.schema.models import KindSchema, SchemaBranch
from infrahub_server.store.types import (
    AnyAttributeFilter,
    AttributeFilter,
    Filter,
    MetadataFilter,
    OrderBy,
    RelationshipFilter,
)

_PROPERTIES = {"is_protected": "is_protected", "owner__id": "owner_id", "source__id": "source_id"}
_METADATA = {
    "created_at": ("created_at", "eq"),
    "created_at__before": ("created_at", "before"),
    "created_at__after": ("created_at", "after"),
    "updated_at": ("updated_at", "eq"),
    "updated_at__before": ("updated_at", "before"),
    "updated_at__after": ("updated_at", "after"),
    "created_by__id": ("created_by", "eq"),
    "created_by__ids": ("created_by", "in"),
    "updated_by__id": ("updated_by", "eq"),
    "updated_by__ids": ("updated_by", "in"),
}


def _value_filter(name: str, suffix: str, value: Any, partial: bool) -> AttributeFilter:
    if suffix == "value":
        if partial and isinstance(value, str):
            return AttributeFilter(name, "icontains", value)
        return AttributeFilter(name, "eq", value)
    if suffix == "values":
        return AttributeFilter(name, "in", list(value))
    if suffix == "isnull":
        return AttributeFilter(name, "isnull" if value else "notnull")
    if suffix in _PROPERTIES:
        return AttributeFilter(name, "eq", value, prop=_PROPERTIES[suffix])  # type: ignore[arg-type]
    raise ValidationError(f"Unknown filter {name}__{suffix}")


def attribute_filters(kind: KindSchema, arguments: dict[str, Any], partial: bool = False) -> list[Filter]:
    """Filters on the node's own attributes and properties (`a__value`, `a__values`, `any__value`...)."""
    filters: list[Filter] = []
    for key, value in arguments.items():
        if value is None or "__" not in key:
            continue
        name, suffix = key.split("__", 1)
        if name == "any":
            if suffix == "value":
                filters.append(AnyAttributeFilter("icontains" if partial else "eq", value))
            elif suffix == "values":
                filters.append(AnyAttributeFilter("in", list(value)))
            else:
                filters.append(AnyAttributeFilter("eq", value, prop=_PROPERTIES[suffix]))  # type: ignore[arg-type]
        elif name == "display_label":
            filters.append(_display_label_filter(kind, suffix, value, partial))
        elif kind.get_attribute(name) is not None and suffix.count("__") <= 1:
            filters.append(_value_filter(name, suffix, value, partial))
    return filters


def _display_label_filter(kind: KindSchema, suffix: str, value: Any, partial: bool) -> Filter:
    """A display label that is one attribute path filters as that attribute; templates cannot."""
    label = kind.display_label
    if not label or is_template(label):
        raise ValidationError(f"display_label filters are not supported on {kind.kind}")
    path = parse_path(kind, label)
    condition = _value_filter(path.attribute, suffix, value, partial)
    if path.relationship is None:
        return condition
    rel = kind.get_relationship(path.relationship)
    assert rel is not None
    assert rel.identifier is not None
    return RelationshipFilter(rel.identifier, edge_side(rel), peer_filters=(condition,))


def query_filters(schema: SchemaBranch, kind: KindSchema, arguments: dict[str, Any]) -> list[Filter]:
    """Every filter argument of a top-level kind query, ANDed."""
    partial = bool(arguments.get("partial_match"))
    filters = attribute_filters(kind, arguments, partial)
    if arguments.get("hfid") is not None:
        filters.extend(hfid_filters(kind, list(arguments["hfid"])))
    relationship_args: dict[str, dict[str, Any]] = {}
    for key, value in arguments.items():
        if value is None or "__" not in key:
            continue
        if key.startswith("node_metadata__"):
            field, op = _METADATA[key.removeprefix("node_metadata__")]
            filters.append(MetadataFilter(field, op, value))  # type: ignore[arg-type]
            continue
        name, rest = key.split("__", 1)
        if kind.get_relationship(name) is not None:
            relationship_args.setdefault(name, {})[rest] = value
    for name, rel_args in relationship_args.items():
        filters.append(_relationship_filter(schema, kind, name, rel_args, partial))
    return filters


def _relationship_filter(
    schema: SchemaBranch, kind: KindSchema, name: str, arguments: dict[str, Any], partial: bool
) -> RelationshipFilter:
    rel = kind.get_relationship(name)
    assert rel is not None
    assert rel.identifier is not None
    if "isnull" in arguments:
        return RelationshipFilter(rel.identifier, edge_side(rel), isnull=bool(arguments["isnull"]))
    peer = schema.get(rel.peer)
    peer_filters = tuple(attribute_filters(peer, arguments, partial))
    ids = arguments.get("ids")
    return RelationshipFilter(
        rel.identifier,
        edge_side(rel),
        peer_filters=peer_filters,
        peer_ids=tuple(ids) if ids is not None else None,
    )


def hfid_filters(kind: KindSchema, hfid: list[str]) -> list[Filter]:
    paths = kind.human_friendly_id or []
    if len(hfid) != len(paths):
        raise ValidationError(f"The hfid of {kind.kind} has {len(paths)} parts, {len(hfid)} given")
    filters: list[Filter] = []
    for item, value in zip(paths, hfid, strict=True):
        path = parse_path(kind, item)
        if path.relationship is None:
            filters.append(AttributeFilter(path.attribute, "eq", _typed(kind, path.attribute, value)))
            continue
        rel = kind.get_relationship(path.relationship)
        assert rel is not None
        assert rel.identifier is not None
        filters.append(
            RelationshipFilter(
                rel.identifier, edge_side(rel), peer_filters=(AttributeFilter(path.attribute, "eq", value),)
            )
        )
    return filters


def _typed(kind: KindSchema, attribute: str, value: str) -> Any:
    attr = kind.get_attribute(attribute)
    if attr is not None and attr.kind == "Number" and value.lstrip("-").isdigit():
        return int(value)
    return value


def query_order(kind: KindSchema, order: dict[str, Any] | None) -> list[OrderBy]:
    """`order: {disable, by: [{field, direction}], node_metadata}`, else the schema's `order_by`."""
    if order and order.get("disable"):
        return []
    items: list[OrderBy] = []
    metadata = (order or {}).get("node_metadata") or {}
    for field in ("created_at", "updated_at"):
        if metadata.get(field):
            items.append(OrderBy(metadata=field, descending=metadata[field] == "DESC"))
    by = (order or {}).get("by")
    if by:
        pairs = [(item["field"], item.get("direction") == "DESC") for item in by]
    else:
        pairs = [(path, False) for path in kind.order_by or []]
    for path, descending in pairs:
        items.append(_order_item(kind, path, descending))
    return items


def _order_item(kind: KindSchema, path: str, descending: bool) -> OrderBy:
    parsed = parse_path(kind, path)
    if parsed.relationship is None:
        return OrderBy(attribute=parsed.attribute, descending=descending)
    rel = kind.get_relationship(parsed.relationship)
    assert rel is not None
    assert rel.identifier is not None
    return OrderBy(attribute=parsed.attribute, via=(rel.identifier, edge_side(rel)), descending=descending)
