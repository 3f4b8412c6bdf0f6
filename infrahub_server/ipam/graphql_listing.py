"""The IPAM parts of kind queries, called by the node resolver: the `utilization` of prefixes,
computed when read, and the free entries that `include_available: true` adds to a
`BuiltinIPPrefix` / `BuiltinIPAddress` listing (see docs/ipam.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from infrahub_server.errors import NodeNotFoundError, ValidationError
from infrahub_server.graphql.selection import project
from infrahub_server.ipam.networks import (
    IPNetwork,
    Span,
    address_span,
    address_text,
    block_networks,
    free_spans,
    network_span,
    parse_interface,
    parse_network,
    usable_addresses,
)
from infrahub_server.ipam.reconcile import PREFIX_GENERIC
from infrahub_server.ipam.views import prefix_utilization
from infrahub_server.schema.constants import IP_PREFIX_AVAILABLE, IP_RANGE_AVAILABLE
from infrahub_server.store import NodeRecord

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.node_plan import KindPlan
    from infrahub_server.graphql.node_resolver import NodeResolver
    from infrahub_server.schema.models import SchemaBranch
    from infrahub_server.store import Reader
    from infrahub_server.store.types import Filter

MANY_ADDRESSES = 65536
"""From this size on, a free range's label says "Many" rather than a count."""


def _attribute(record: NodeRecord, name: str) -> Any:
    value = record.attributes.get(name)
    return None if value is None else value.value


def fill_prefix_utilization(
    reader: Reader,
    schema: SchemaBranch,
    plans: Mapping[str, KindPlan],
    records: Mapping[str, NodeRecord],
    built: dict[str, dict[str, Any]],
) -> None:
    """Replace the stored `utilization { value }` of the prefixes in `built` with the percent in use
    now (truncated: 100 only when full)."""
    steps = {
        kind: found
        for kind, plan in plans.items()
        if (found := [s for s in plan.steps if s.action == "attribute" and s.name == "utilization"])
        and is_computed_utilization(schema, kind, "utilization")
    }
    if not steps:
        return
    ids = [node_id for node_id, record in records.items() if steps.get(record.kind)]
    if not ids:
        return
    percent = prefix_utilization(reader, schema, ids)
    for node_id in ids:
        for step in steps[records[node_id].kind]:
            for part in step.parts:
                if part.name == "value":
                    built[node_id][step.key][part.key] = int(percent.get(node_id, 0.0))


def _single_id(arguments: dict[str, Any], name: str) -> str:
    ids = arguments.get(name) or []
    if len(ids) != 1:
        raise ValidationError(f"include_available needs exactly one id in the {name} filter")
    return str(ids[0])


def _range_label(size: int) -> str:
    if size >= MANY_ADDRESSES:
        return "Many IP addresses available"
    return "1 IP address available" if size == 1 else f"{size} IP addresses available"


def _free_prefixes(
    network: IPNetwork, used: list[Span], parent: NodeRecord
) -> list[tuple[int, dict[str, Any]]]:
    return [
        (
            int(block.network_address),
            {
                "__typename": IP_PREFIX_AVAILABLE,
                "id": block.with_prefixlen,
                "display_label": block.with_prefixlen,
                "prefix": {"value": block.with_prefixlen},
                "parent": {"node": {"__typename": parent.kind, "id": parent.id}},
            },
        )
        for span in free_spans(network_span(network), used)
        for block in block_networks(span)
    ]


def _free_ranges(
    network: IPNetwork, used: list[Span], parent: NodeRecord
) -> list[tuple[int, dict[str, Any]]]:
    capacity = usable_addresses(network, is_pool=bool(_attribute(parent, "is_pool")))
    version, length = network.version, network.prefixlen
    return [
        (
            span.first,
            {
                "__typename": IP_RANGE_AVAILABLE,
                "id": address_text(version, span.first, length),
                "display_label": _range_label(span.size),
                "address": {"value": address_text(version, span.first, length)},
                "last_address": {"value": address_text(version, span.last, length)},
                "ip_prefix": {"node": {"__typename": parent.kind, "id": parent.id}},
            },
        )
        for span in free_spans(capacity, used)
    ]


def listing_with_available(
    resolver: NodeResolver,
    kind_name: str,
    kinds: Sequence[str],
    filters: Sequence[Filter],
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> dict[str, Any]:
    """A `BuiltinIPPrefix` (children of `parent__ids`) or `BuiltinIPAddress` (members of
    `ip_prefix__ids`) listing with the free space between them, in address order."""
    is_prefix = kind_name == PREFIX_GENERIC
    parent_id = _single_id(arguments, "parent__ids" if is_prefix else "ip_prefix__ids")
    reader, request = resolver.reader, resolver.request
    parent = reader.get_nodes([parent_id], ["prefix", "is_pool"]).get(parent_id)
    if parent is None:
        raise NodeNotFoundError(f"Unable to find the prefix {parent_id}")
    wanted = arguments.get("kinds")
    kinds = [kind for kind in kinds if wanted is None or kind in wanted]
    value_name = "prefix" if is_prefix else "address"
    members = reader.get_nodes(reader.find_node_ids(kinds, filters) if kinds else [], [value_name])
    spans = {
        node_id: network_span(parse_network(str(_attribute(record, value_name))))
        if is_prefix
        else address_span(parse_interface(str(_attribute(record, value_name))))
        for node_id, record in members.items()
    }
    network = parse_network(str(_attribute(parent, "prefix")))
    used = sorted(spans.values(), key=lambda span: span.first)
    free = (_free_prefixes if is_prefix else _free_ranges)(network, used, parent)
    entries: list[tuple[int, str | dict[str, Any]]] = [
        (span.first, node_id) for node_id, span in spans.items()
    ]
    entries.extend(free)
    entries.sort(key=lambda entry: entry[0])
    offset, limit = arguments.get("offset") or 0, arguments.get("limit")
    page = [item for _, item in entries[offset : None if limit is None else offset + limit]]
    result: dict[str, Any] = {}
    for key, sub in request.sub_fields(nodes, f"Paginated{kind_name}").items():
        name = sub[0].name.value
        if name == "count":
            result[key] = len(entries)
        elif name == "edges":
            result[key] = _edges(resolver, page, sub, f"Edged{kind_name}")
        elif name == "__typename":
            result[key] = f"Paginated{kind_name}"
        else:
            result[key] = None
    return result


def _edges(
    resolver: NodeResolver, page: list[str | dict[str, Any]], nodes: list[FieldNode], edge_type: str
) -> list[dict[str, Any]]:
    request = resolver.request
    edge_fields = request.sub_fields(nodes, edge_type)
    real = [item for item in page if isinstance(item, str)]
    built = {
        key: resolver.resolve(real, sub)[0] for key, sub in edge_fields.items() if sub[0].name.value == "node"
    }
    edges = []
    for item in page:
        edge: dict[str, Any] = {}
        for key, sub in edge_fields.items():
            name = sub[0].name.value
            if name == "node":
                edge[key] = built[key][item] if isinstance(item, str) else project(request, item, sub, "")
            elif name == "__typename":
                edge[key] = edge_type
            else:
                edge[key] = None
        edges.append(edge)
    return edges


def is_computed_utilization(schema: SchemaBranch, kind_name: str, attribute_name: str) -> bool:
    """Whether the attribute is a prefix's `utilization`, computed at read time rather than stored."""
    if attribute_name != "utilization" or not schema.has(PREFIX_GENERIC):
        return False
    return kind_name in schema.concrete_kinds(PREFIX_GENERIC)
