"""Read-side IPAM: utilization, free space listings, next available values, pool reports.

Every function reads one snapshot through a `Reader` and batches its reads over the ids it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from infrahub_server.ipam.allocations import Allocation, allocations_of
from infrahub_server.ipam.networks import (
    IPNetwork,
    Span,
    address_span,
    address_text,
    bits,
    block_networks,
    free_spans,
    network_span,
    network_text,
    next_free_block,
    parse_interface,
    parse_network,
    usable_addresses,
)
from infrahub_server.ipam.reconcile import PREFIX_GENERIC
from infrahub_server.nodes import edge_side, peer_of
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import NodeRecord, Reader


@dataclass(frozen=True, slots=True)
class AvailableSpace:
    """A synthetic free entry of an `include_available` listing."""

    kind: str
    """`InternalIPPrefixAvailable` (free prefix) or `InternalIPRangeAvailable` (free addresses)."""
    value: str
    """The free prefix, or the range's first address with the prefix's length."""
    last_address: str | None = None


@dataclass(frozen=True, slots=True)
class PoolUtilization:
    count: int
    utilization: float
    resources: dict[str, float]
    """Utilization of each resource prefix of the pool, by id."""


@dataclass(frozen=True, slots=True)
class _Prefix:
    id: str
    kind: str
    network: IPNetwork
    member_type: str
    is_pool: bool


def _load_prefixes(reader: Reader, ids: list[str]) -> dict[str, _Prefix]:
    nodes = reader.get_nodes(ids, ["prefix", "member_type", "is_pool"])
    return {node_id: _prefix(node) for node_id, node in nodes.items() if "prefix" in node.attributes}


def _prefix(node: NodeRecord) -> _Prefix:
    def value(name: str) -> object:
        record = node.attributes.get(name)
        return None if record is None else record.value

    return _Prefix(
        node.id,
        node.kind,
        parse_network(str(value("prefix"))),
        str(value("member_type") or "address"),
        bool(value("is_pool")),
    )


def _peers(reader: Reader, schema: SchemaBranch, prefixes: list[_Prefix], name: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    by_kind: dict[str, list[str]] = {}
    for prefix in prefixes:
        by_kind.setdefault(prefix.kind, []).append(prefix.id)
    for kind, ids in by_kind.items():
        rel = schema.get(kind).get_relationship(name)
        assert rel is not None
        assert rel.identifier is not None
        for node_id, edges in reader.get_edges(rel.identifier, ids, edge_side(rel)).items():
            found[node_id] = [peer_of(edge, node_id) for edge in edges]
    return found


def _used(reader: Reader, schema: SchemaBranch, prefixes: list[_Prefix]) -> dict[str, list[Span]]:
    """Per prefix, the sorted spans its members use: child prefixes, or addresses."""
    containers = [prefix for prefix in prefixes if prefix.member_type == "prefix"]
    subnets = [prefix for prefix in prefixes if prefix.member_type != "prefix"]
    used: dict[str, list[Span]] = {prefix.id: [] for prefix in prefixes}
    children = _peers(reader, schema, containers, "children")
    loaded = _load_prefixes(reader, [child for ids in children.values() for child in ids])
    for parent, ids in children.items():
        used[parent] = sorted(network_span(loaded[child].network) for child in ids if child in loaded)
    members = _peers(reader, schema, subnets, "ip_addresses")
    nodes = reader.get_nodes([node for ids in members.values() for node in ids], ["address"])
    for parent, ids in members.items():
        used[parent] = sorted(
            address_span(parse_interface(nodes[node].attributes["address"].value))
            for node in ids
            if node in nodes and "address" in nodes[node].attributes
        )
    return used


def _capacity(prefix: _Prefix) -> Span:
    if prefix.member_type == "prefix":
        return network_span(prefix.network)
    return usable_addresses(prefix.network, is_pool=prefix.is_pool)


def prefix_utilization(reader: Reader, schema: SchemaBranch, prefix_ids: list[str]) -> dict[str, float]:
    """The `utilization` field (percent) of each prefix: the share of its space that child prefixes
    (member_type `prefix`) or addresses (member_type `address`) use."""
    prefixes = list(_load_prefixes(reader, prefix_ids).values())
    used = _used(reader, schema, prefixes)
    return {prefix.id: _percent(_capacity(prefix), used[prefix.id]) for prefix in prefixes}


def _percent(capacity: Span, used: list[Span]) -> float:
    if capacity.size <= 0:
        return 100.0
    free = sum(span.size for span in free_spans(capacity, used))
    return round(100.0 * (capacity.size - free) / capacity.size, 6)


def available_space(reader: Reader, schema: SchemaBranch, prefix_id: str) -> list[AvailableSpace]:
    """The free entries `include_available: true` adds under a prefix: free CIDR blocks of a
    container, free address ranges of a subnet."""
    prefixes = _load_prefixes(reader, [prefix_id])
    if prefix_id not in prefixes:
        return []
    prefix = prefixes[prefix_id]
    used = _used(reader, schema, [prefix])[prefix_id]
    version, length = prefix.network.version, prefix.network.prefixlen
    if prefix.member_type == "prefix":
        return [
            AvailableSpace("InternalIPPrefixAvailable", block.with_prefixlen)
            for span in free_spans(network_span(prefix.network), used)
            for block in block_networks(span)
        ]
    return [
        AvailableSpace(
            "InternalIPRangeAvailable",
            address_text(version, span.first, length),
            address_text(version, span.last, length),
        )
        for span in free_spans(_capacity(prefix), used)
    ]


def next_available_prefix(
    reader: Reader, schema: SchemaBranch, prefix_id: str, prefix_length: int | None = None
) -> str | None:
    """`InfrahubIPPrefixGetNextAvailable`: the lowest free /`prefix_length` under the prefix."""
    prefix = _load_prefixes(reader, [prefix_id]).get(prefix_id)
    if prefix is None:
        return None
    length = prefix_length if prefix_length is not None else prefix.network.prefixlen + 1
    used = _used(reader, schema, [replace(prefix, member_type="prefix")])[prefix_id]
    first = next_free_block(network_span(prefix.network), used, length)
    return None if first is None else network_text(prefix.network.version, first, length)


def next_available_address(
    reader: Reader, schema: SchemaBranch, prefix_id: str, prefix_length: int | None = None
) -> str | None:
    """`InfrahubIPAddressGetNextAvailable`: the lowest free address of the prefix."""
    prefix = _load_prefixes(reader, [prefix_id]).get(prefix_id)
    if prefix is None:
        return None
    subnet = replace(prefix, member_type="address")
    used = _used(reader, schema, [subnet])[prefix_id]
    version = prefix.network.version
    first = next_free_block(_capacity(subnet), used, bits(version))
    length = prefix_length if prefix_length is not None else prefix.network.prefixlen
    return None if first is None else address_text(version, first, length)


def pool_allocated(
    reader: Reader,
    pool_id: str,
    *,
    resource_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[Allocation]]:
    """`InfrahubResourcePoolAllocated`: the pool's allocations on every branch and their count,
    only those inside the resource prefix `resource_id` when it is given."""
    connection = reader.connection
    if resource_id is None:
        return allocations_of(connection, pool_id, limit=limit, offset=offset)
    resource = _load_prefixes(reader, [resource_id]).get(resource_id)
    if resource is None:
        return 0, []
    outer = network_span(resource.network)
    _, everything = allocations_of(connection, pool_id)
    # a handed-out block lies wholly inside one resource: its first address tells which
    inside = [item for item in everything if outer.contains(address_span(parse_interface(item.value)))]
    end = None if limit is None else offset + limit
    return len(inside), inside[offset:end]


def pool_utilization(reader: Reader, schema: SchemaBranch, pool_id: str) -> PoolUtilization:
    """`InfrahubResourcePoolUtilization`: allocations, and the share of the pool in use (per resource
    prefix for IP pools)."""
    count, _ = allocations_of(reader.connection, pool_id, limit=0)
    pool = reader.get_nodes([pool_id]).get(pool_id)
    if pool is None or not schema.has(pool.kind):
        return PoolUtilization(count, 0.0, {})
    if pool.kind == "CoreNumberPool":
        start, end = pool.attributes["start_range"].value, pool.attributes["end_range"].value
        size = max(int(end) - int(start) + 1, 1)
        return PoolUtilization(count, round(100.0 * count / size, 6), {})
    rel = schema.get(pool.kind).get_relationship("resources")
    if rel is None or rel.identifier is None:
        return PoolUtilization(count, 0.0, {})
    edges = reader.get_edges(rel.identifier, [pool_id], edge_side(rel)).get(pool_id, [])
    resources = [peer_of(edge, pool_id) for edge in edges]
    prefixes = [
        p
        for p in _load_prefixes(reader, resources).values()
        if p.kind in schema.concrete_kinds(PREFIX_GENERIC)
    ]
    used = _used(reader, schema, prefixes)
    per_resource = {prefix.id: _percent(_capacity(prefix), used[prefix.id]) for prefix in prefixes}
    total = sum(_capacity(prefix).size for prefix in prefixes)
    taken = sum(_capacity(prefix).size * per_resource[prefix.id] / 100 for prefix in prefixes)
    return PoolUtilization(count, round(100.0 * taken / total, 6) if total else 0.0, per_resource)
