"""Allocation from CoreIPPrefixPool and CoreIPAddressPool.

Under the allocation lock: a known identifier gets its recorded value back; otherwise the lowest
free block is searched in the pool's resources (heaviest `allocation_weight` first) against the
spans used on every branch, the node is created on the current branch through the node service
(which reconciles it), and the allocation is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infrahub_server.errors import ValidationError
from infrahub_server.ipam.allocations import ALLOCATION_LOCK, find_allocation, record_allocation
from infrahub_server.ipam.networks import (
    Span,
    address_text,
    bits,
    network_span,
    network_text,
    next_free_block,
    parse_interface,
    parse_network,
    usable_addresses,
)
from infrahub_server.ipam.occupancy import (
    Member,
    prefix_between,
    read_hint,
    used_spans,
    write_hint,
)
from infrahub_server.ipam.pool_nodes import exhausted, find_pool, pool_value
from infrahub_server.ipam.reconcile import (
    ADDRESS_GENERIC,
    PREFIX_GENERIC,
    Expected,
    PrefixNode,
    reconciler_for,
)
from infrahub_server.nodes import NodeService, edge_side, peer_of
from infrahub_server.store import NodeRecord, new_id


@dataclass(frozen=True, slots=True)
class Allocated:
    """What a get-resource operation returns: the node holding the value."""

    id: str
    kind: str
    identifier: str | None
    value: str
    branch: str


@dataclass(frozen=True, slots=True)
class _Resource:
    prefix: PrefixNode
    span: Span
    """The searched span: the whole network, or its usable addresses."""
    weight: int

    @property
    def id(self) -> str:
        return self.prefix.id

    @property
    def prefixlen(self) -> int:
        return self.prefix.network.prefixlen


def allocate_prefix(
    service: NodeService,
    pool_ref: str | list[str] | None,
    *,
    identifier: str | None = None,
    prefix_length: int | None = None,
    member_type: str | None = None,
    prefix_type: str | None = None,
    data: dict[str, Any] | None = None,
) -> Allocated:
    """`InfrahubIPPrefixPoolGetResource`, and a prefix relationship's `from_pool`."""
    writer = service.writer
    writer.lock_kinds([ALLOCATION_LOCK])
    again = _asked_before(service, pool_ref, identifier, "prefix", prefix_length)
    if again is not None:
        return again
    pool = find_pool(writer, pool_ref, ("CoreIPPrefixPool",))
    length = prefix_length if prefix_length is not None else pool_value(pool, "default_prefix_length")
    kind = _kind(
        service, pool, prefix_type or (data or {}).get("prefix_type"), "default_prefix_type", PREFIX_GENERIC
    )
    fields = {"member_type": {"value": member_type or pool_value(pool, "default_member_type") or "prefix"}}

    def text_of(resource: _Resource, first: int) -> str:
        return network_text(resource.span.version, first, block_length(resource))

    def block_length(resource: _Resource) -> int:
        if length is None:
            raise ValidationError(
                f"A prefix length is required: the pool {pool.id} has no default_prefix_length",
                data={"node_kind": pool.kind, "field_name": "prefix_length"},
            )
        return int(length)

    def check(found: NodeRecord) -> None:
        if length is not None and parse_network(found.attributes["prefix"].value).prefixlen != length:
            raise ValidationError(
                f"The identifier {identifier} already holds a prefix of another length in pool {pool.id}",
                data={"node_kind": pool.kind, "field_name": "prefix_length"},
            )

    return _allocate(service, pool, kind, "prefix", identifier, data, fields, block_length, text_of, check)


def allocate_address(
    service: NodeService,
    pool_ref: str | list[str] | None,
    *,
    identifier: str | None = None,
    prefix_length: int | None = None,
    address_type: str | None = None,
    prefix_type: str | None = None,
    data: dict[str, Any] | None = None,
) -> Allocated:
    """`InfrahubIPAddressPoolGetResource`, and an address relationship's `from_pool`.

    The official SDK sends `address_type` under the key `prefix_type`: both are accepted.
    """
    writer = service.writer
    writer.lock_kinds([ALLOCATION_LOCK])
    again = _asked_before(service, pool_ref, identifier, "address", prefix_length)
    if again is not None:
        return again
    pool = find_pool(writer, pool_ref, ("CoreIPAddressPool",))
    length = prefix_length if prefix_length is not None else pool_value(pool, "default_prefix_length")
    kind = _kind(service, pool, address_type or prefix_type, "default_address_type", ADDRESS_GENERIC)

    def text_of(resource: _Resource, first: int) -> str:
        return address_text(
            resource.span.version, first, int(length) if length is not None else resource.prefixlen
        )

    def check(found: NodeRecord) -> None:
        if (
            length is not None
            and parse_interface(found.attributes["address"].value).network.prefixlen != length
        ):
            raise ValidationError(
                f"The identifier {identifier} already holds an address with another prefix length in pool {pool.id}",
                data={"node_kind": pool.kind, "field_name": "prefix_length"},
            )

    return _allocate(
        service, pool, kind, "address", identifier, data, {}, lambda r: bits(r.span.version), text_of, check
    )


def _asked_before(
    service: NodeService, pool_ref: Any, identifier: str | None, member: Member, prefix_length: int | None
) -> Allocated | None:
    """The common repeat: the pool named by id already gave this identifier a node this branch
    sees, of the right length. Anything else takes the full path, which also reports errors."""
    if not identifier or not isinstance(pool_ref, str):
        return None
    known = find_allocation(service.writer.connection, pool_ref, identifier)
    if known is None or known.node_id is None:
        return None
    node = service.writer.get_nodes([known.node_id]).get(known.node_id)
    generic = PREFIX_GENERIC if member == "prefix" else ADDRESS_GENERIC
    if node is None or node.kind not in service.schema.concrete_kinds(generic):
        return None
    if prefix_length is not None:
        text = node.attributes[member].value
        held = parse_network(text) if member == "prefix" else parse_interface(text).network
        if held.prefixlen != prefix_length:
            return None
    return Allocated(node.id, node.kind, identifier, known.value, service.writer.branch)


def _allocate(
    service: NodeService,
    pool: NodeRecord,
    kind: str,
    member: Member,
    identifier: str | None,
    data: dict[str, Any] | None,
    fields: dict[str, Any],
    block_length: Callable[[_Resource], int],
    text_of: Callable[[_Resource, int], str],
    check: Callable[[NodeRecord], None],
) -> Allocated:
    writer = service.writer
    connection = writer.connection
    value_name = "prefix" if member == "prefix" else "address"
    namespace_id = _pool_peer(service, pool, "ip_namespace")
    if identifier:
        known = find_allocation(connection, pool.id, identifier)
        if known is not None:
            node = writer.get_nodes([known.node_id]).get(known.node_id) if known.node_id else None
            if node is not None:
                check(node)
                return Allocated(node.id, node.kind, identifier, known.value, writer.branch)
            created = _create(service, kind, value_name, Expected(namespace_id, known.value), data, fields)
            return Allocated(created, kind, identifier, known.value, writer.branch)
    expected = None
    for resource in _resources(service, pool, member):
        length = block_length(resource)
        hint = read_hint(connection, resource.id, member, length)
        used = used_spans(
            connection, namespace_id, resource.span, _members(member), hint or resource.span.first
        )
        first = next_free_block(resource.span, used, length, hint)
        if first is not None:
            write_hint(connection, resource.id, resource.span, member, length, first)
            size = 1 << (bits(resource.span.version) - length)
            block = Span(resource.span.version, first, first + size - 1)
            between = prefix_between(connection, namespace_id, resource.span, block, member)
            expected = Expected(namespace_id, text_of(resource, first), None if between else resource.prefix)
            break
    if expected is None:
        raise exhausted(pool, f"a {member}")
    value = expected.value
    created = _create(service, kind, value_name, expected, data, fields)
    record_allocation(
        connection,
        pool_id=pool.id,
        identifier=identifier or created,
        value=value,
        node_id=created,
        branch=writer.branch,
    )
    return Allocated(created, kind, identifier, value, writer.branch)


def _members(member: Member) -> tuple[Member, ...]:
    return ("address",) if member == "address" else ("prefix", "address")


def _create(
    service: NodeService,
    kind: str,
    value_name: str,
    expected: Expected,
    data: dict[str, Any] | None,
    fields: dict[str, Any],
) -> str:
    payload: dict[str, Any] = {
        name: _as_input(raw) for name, raw in (data or {}).items() if name != "prefix_type"
    }
    payload.update(fields)
    payload[value_name] = {"value": expected.value}
    payload["ip_namespace"] = {"id": expected.namespace_id}
    payload["id"] = node_id = new_id()
    reconciler_for(service.schema, service.writer).expect(node_id, expected)
    return service.create(kind, payload)


def _as_input(raw: Any) -> Any:
    """`data` carries plain attribute values (`{"description": "x"}`) or full inputs."""
    return raw if isinstance(raw, dict) else {"value": raw}


def _kind(service: NodeService, pool: NodeRecord, asked: str | None, default_name: str, generic: str) -> str:
    kind = asked or pool_value(pool, default_name)
    if not kind:
        concrete = service.schema.concrete_kinds(generic) if service.schema.has(generic) else []
        if len(concrete) != 1:
            raise ValidationError(
                f"The kind to create is required: the pool {pool.id} has no {default_name}",
                data={"node_kind": pool.kind, "field_name": default_name},
            )
        kind = concrete[0]
    if not service.schema.has(kind) or kind not in service.schema.concrete_kinds(generic):
        raise ValidationError(
            f"{kind} is not a kind of {generic}", data={"node_kind": pool.kind, "field_name": default_name}
        )
    return str(kind)


def _pool_peer(service: NodeService, pool: NodeRecord, name: str) -> str:
    peers = _pool_peers(service, pool, name)
    if not peers:
        raise ValidationError(
            f"The pool {pool.id} has no {name}", data={"node_kind": pool.kind, "field_name": name}
        )
    return peers[0]


def _pool_peers(service: NodeService, pool: NodeRecord, name: str) -> list[str]:
    rel = service.schema.get(pool.kind).get_relationship(name)
    assert rel is not None
    assert rel.identifier is not None
    edges = service.writer.get_edges(rel.identifier, [pool.id], edge_side(rel)).get(pool.id, [])
    return [peer_of(edge, pool.id) for edge in edges]


def _resources(service: NodeService, pool: NodeRecord, member: Member) -> list[_Resource]:
    """The pool's prefixes as searchable spans, heaviest `allocation_weight` first."""
    ids = _pool_peers(service, pool, "resources")
    nodes = service.writer.get_nodes(ids, ["prefix", "is_pool", "allocation_weight"])
    resources = []
    for node_id in sorted(nodes):
        node = nodes[node_id]
        network = parse_network(node.attributes["prefix"].value)
        is_pool = bool(node.attributes.get("is_pool") and node.attributes["is_pool"].value)
        span = usable_addresses(network, is_pool=is_pool) if member == "address" else network_span(network)
        weight = node.attributes.get("allocation_weight")
        prefix = PrefixNode(node_id, node.kind, network)
        resources.append(_Resource(prefix, span, int(weight.value or 0) if weight else 0))
    return sorted(resources, key=lambda resource: -resource.weight)
