"""The sub-fields of an attribute object (`value`, `label`, `is_protected`, `prefixlen`, ...)."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from typing import Any

from infrahub_server.graphql.type_names import attribute_output_type
from infrahub_server.schema.models import AttributeSchema
from infrahub_server.store.types import AttributeRecord

ATTRIBUTE_NODE_REFERENCES = {"source": "source_id", "owner": "owner_id", "updated_by": "updated_by"}
"""Attribute sub-fields that are nodes, and the record field holding their id."""

_DROPDOWN_FIELDS = ("label", "color", "description")


def format_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def ip_fields(kind: str, value: Any) -> dict[str, Any]:
    """The derived fields of an `IPHost` or `IPNetwork` value."""
    if value is None or kind not in ("IPHost", "IPNetwork"):
        return {}
    if kind == "IPHost":
        host = ipaddress.ip_interface(str(value))
        return {
            "ip": str(host.ip),
            "hostmask": str(host.hostmask),
            "netmask": str(host.netmask),
            "prefixlen": host.network.prefixlen,
            "version": host.version,
            "with_hostmask": host.with_hostmask,
            "with_netmask": host.with_netmask,
        }
    network = ipaddress.ip_network(str(value), strict=False)
    return {
        "broadcast_address": str(network.broadcast_address),
        "hostmask": str(network.hostmask),
        "netmask": str(network.netmask),
        "prefixlen": network.prefixlen,
        "num_addresses": network.num_addresses,
        "version": network.version,
        "with_hostmask": network.with_hostmask,
        "with_netmask": network.with_netmask,
    }


VALUE_PARTS_EXCLUDED = frozenset(
    ("is_default", "is_protected", "updated_at", "permissions", *ATTRIBUTE_NODE_REFERENCES)
)
"""Attribute sub-fields that read more than the value: properties, change metadata, node references."""


def scalar_part(schema: AttributeSchema, record: AttributeRecord | None, name: str) -> Any:
    """One scalar sub-field of an attribute; node references and `permissions` are the caller's."""
    if name in ("is_default", "is_protected"):
        return getattr(record, name) if record is not None else False
    if name == "updated_at":
        return format_datetime(record.updated_at) if record is not None else None
    return value_part(schema, record.value if record is not None else None, name)


def value_part(schema: AttributeSchema, value: Any, name: str) -> Any:
    """One sub-field of an attribute that its value alone decides (not in `VALUE_PARTS_EXCLUDED`)."""
    if name == "value":
        return value
    if name == "is_from_profile":
        return False
    if name == "__typename":
        return attribute_output_type(schema.kind)
    if schema.kind == "Dropdown" and name in _DROPDOWN_FIELDS:
        choice = next((c for c in schema.choices or [] if c.name == value), None)
        return getattr(choice, name) if choice is not None else None
    return ip_fields(schema.kind, value).get(name)
