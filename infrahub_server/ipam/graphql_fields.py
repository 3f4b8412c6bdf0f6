"""IPAM root query fields: the pool reports `InfrahubResourcePoolAllocated` and
`InfrahubResourcePoolUtilization`, and `InfrahubIPPrefixGetNextAvailable` /
`InfrahubIPAddressGetNextAvailable`. (Prefix `utilization` values and `include_available` listings
are part of kind queries: `graphql_listing`.)

Pool utilization is split the way Infrahub reports it: `utilization_default_branch` is the space in
use on the default branch; `utilization_branches` the space that only allocations made on other
branches hold (their node is not on the default branch); `utilization` is their sum.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from infrahub_server.errors import BranchNotFoundError, NodeNotFoundError, ValidationError
from infrahub_server.graphql.root_fields import query_field
from infrahub_server.graphql.selection import project
from infrahub_server.ipam.allocations import Allocation, allocations_of
from infrahub_server.ipam.networks import (
    IPNetwork,
    Span,
    address_span,
    network_span,
    parse_interface,
    parse_network,
    usable_addresses,
)
from infrahub_server.ipam.reconcile import PREFIX_GENERIC
from infrahub_server.ipam.views import (
    next_available_address,
    next_available_prefix,
    pool_allocated,
    prefix_utilization,
)
from infrahub_server.nodes import edge_side, peer_of
from infrahub_server.nodes.identity import compute_display_label
from infrahub_server.store import NodeRecord, Reader, Snapshot

if TYPE_CHECKING:
    from graphql import FieldNode

    from infrahub_server.graphql.context import GraphQLContext
    from infrahub_server.graphql.selection import Request
    from infrahub_server.schema.models import SchemaBranch

NUMBER_POOL = "CoreNumberPool"
PREFIX_POOL = "CoreIPPrefixPool"


def _attribute(record: NodeRecord, name: str) -> Any:
    value = record.attributes.get(name)
    return None if value is None else value.value


def _pool(reader: Reader, pool_id: str) -> NodeRecord:
    pool = reader.get_nodes([pool_id]).get(pool_id)
    if pool is None:
        raise NodeNotFoundError(f"Unable to find the resource pool {pool_id}")
    return pool


@contextmanager
def _default_reader(context: GraphQLContext, reader: Reader) -> Iterator[Reader]:
    default = context.store.default_branch
    if context.branch == default:
        yield reader
    else:
        with context.store.reader(Snapshot(default)) as main:
            yield main


# --- InfrahubResourcePoolAllocated -------------------------------------------------------------------


def _allocated_kinds(
    context: GraphQLContext, reader: Reader, allocations: list[Allocation]
) -> dict[str, str]:
    """The kind of each allocated node, read on the branch that allocated it (or on the default
    branch, where it lives once that branch is merged and gone)."""
    by_branch: dict[str, list[str]] = {}
    for item in allocations:
        if item.node_id is not None:
            by_branch.setdefault(item.branch, []).append(item.node_id)
    kinds: dict[str, str] = {}
    for branch, ids in by_branch.items():
        if branch == context.branch:
            kinds.update(reader.kinds_of(ids))
            continue
        try:
            with context.store.reader(Snapshot(branch)) as other:
                kinds.update(other.kinds_of(ids))
        except BranchNotFoundError:
            continue
    missing = [item.node_id for item in allocations if item.node_id and item.node_id not in kinds]
    if missing:
        with _default_reader(context, reader) as main:
            kinds.update(main.kinds_of(missing))
    return kinds


@query_field("InfrahubResourcePoolAllocated")
def resource_pool_allocated(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    """The pool's allocations on every branch; `resource_id` narrows them to one resource prefix
    (the pool's own id, as number pools have no resources, lists them all)."""
    pool = _pool(reader, arguments["pool_id"])
    offset, limit = arguments.get("offset") or 0, arguments.get("limit")
    if offset < 0 or (limit is not None and limit < 0):
        raise ValidationError("offset and limit must not be negative")
    resource_id = arguments.get("resource_id")
    inside = None if resource_id in (None, pool.id) else resource_id
    count, page = pool_allocated(reader, pool.id, resource_id=inside, limit=limit, offset=offset)
    kinds = _allocated_kinds(context, reader, page)
    edges = [
        {
            "__typename": "PoolAllocatedEdge",
            "node": {
                "__typename": "PoolAllocatedNode",
                "id": item.node_id,
                "kind": kinds[item.node_id],
                "display_label": item.value,
                "branch": item.branch,
                "identifier": item.identifier,
            },
        }
        for item in page
        if item.node_id in kinds
    ]
    result = {"__typename": "PoolAllocated", "count": count, "edges": edges}
    return project(request, result, nodes, "PoolAllocated")


# --- InfrahubResourcePoolUtilization -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resource:
    id: str
    kind: str
    display_label: str
    weight: int
    size: int
    """How many values the resource can hand out."""
    default_branch: float
    branches: float

    @property
    def total(self) -> float:
        return min(100.0, self.default_branch + self.branches)

    def node(self) -> dict[str, Any]:
        return {
            "__typename": "IPPoolUtilizationResource",
            "id": self.id,
            "kind": self.kind,
            "display_label": self.display_label,
            "weight": self.weight,
            "utilization": round(self.total, 6),
            "utilization_default_branch": round(self.default_branch, 6),
            "utilization_branches": round(self.branches, 6),
        }


def _branch_only(main: Reader, allocations: list[Allocation], default: str) -> list[Allocation]:
    """Allocations whose node exists only on branches other than the default one."""
    elsewhere = [item for item in allocations if item.branch != default and item.node_id is not None]
    on_main = main.kinds_of([item.node_id for item in elsewhere if item.node_id is not None])
    return [item for item in elsewhere if item.node_id not in on_main]


def _number_pool(main: Reader, pool: NodeRecord, default: str) -> _Resource:
    size = max(int(_attribute(pool, "end_range")) - int(_attribute(pool, "start_range")) + 1, 1)
    _, allocations = allocations_of(main.connection, pool.id)
    elsewhere = set(_branch_only(main, allocations, default))
    held_elsewhere = {item.value for item in elsewhere}
    on_default = {item.value for item in allocations if item not in elsewhere}
    return _Resource(
        pool.id,
        pool.kind,
        str(_attribute(pool, "name")),
        1,
        size,
        100.0 * len(on_default) / size,
        100.0 * len(held_elsewhere - on_default) / size,
    )


def _overlap(container: Span, span: Span) -> int:
    if container.version != span.version:
        return 0
    return max(0, min(container.last, span.last) - max(container.first, span.first) + 1)


def _capacity(record: NodeRecord, network: IPNetwork) -> Span:
    if _attribute(record, "member_type") == "prefix":
        return network_span(network)
    return usable_addresses(network, is_pool=bool(_attribute(record, "is_pool")))


def _ip_pool(
    schema: SchemaBranch, reader: Reader, main: Reader, pool: NodeRecord, default: str
) -> list[_Resource]:
    rel = schema.get(pool.kind).get_relationship("resources")
    if rel is None or rel.identifier is None:
        return []
    edges = reader.get_edges(rel.identifier, [pool.id], edge_side(rel)).get(pool.id, [])
    records = reader.get_nodes([peer_of(edge, pool.id) for edge in edges])
    prefixes = {
        node_id: r for node_id, r in records.items() if r.kind in schema.concrete_kinds(PREFIX_GENERIC)
    }
    on_default = prefix_utilization(main, schema, list(prefixes))
    _, allocations = allocations_of(reader.connection, pool.id)
    is_prefix_pool = pool.kind == PREFIX_POOL
    held_elsewhere = [
        network_span(parse_network(item.value))
        if is_prefix_pool
        else address_span(parse_interface(item.value))
        for item in _branch_only(main, allocations, default)
    ]
    resources = []
    for node_id, record in prefixes.items():
        capacity = _capacity(record, parse_network(str(_attribute(record, "prefix"))))
        taken = sum(_overlap(capacity, span) for span in held_elsewhere)
        label = compute_display_label(schema.get(record.kind), record) or str(_attribute(record, "prefix"))
        resources.append(
            _Resource(
                node_id,
                record.kind,
                label,
                int(_attribute(record, "allocation_weight") or 1),
                capacity.size,
                on_default.get(node_id, 0.0),
                100.0 * taken / capacity.size if capacity.size else 0.0,
            )
        )
    return resources


def _weighted(resources: list[_Resource], share: Callable[[_Resource], float]) -> float:
    total = sum(resource.size for resource in resources)
    if not total:
        return 0.0
    return round(sum(resource.size * share(resource) for resource in resources) / total, 6)


@query_field("InfrahubResourcePoolUtilization")
def resource_pool_utilization(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    """Per resource prefix (the pool itself for number pools), the share in use on the default
    branch and on other branches; the pool's figures weight each resource by its size."""
    pool = _pool(reader, arguments["pool_id"])
    default = context.store.default_branch
    with _default_reader(context, reader) as main:
        if pool.kind == NUMBER_POOL:
            resources = [_number_pool(main, pool, default)]
        else:
            resources = _ip_pool(context.schema, reader, main, pool, default)
    result = {
        "__typename": "PoolUtilization",
        "count": len(resources),
        "utilization": _weighted(resources, lambda r: r.total),
        "utilization_default_branch": _weighted(resources, lambda r: r.default_branch),
        "utilization_branches": _weighted(resources, lambda r: r.branches),
        "edges": [{"__typename": "IPPrefixUtilizationEdge", "node": r.node()} for r in resources],
    }
    return project(request, result, nodes, "PoolUtilization")


# --- InfrahubIPPrefixGetNextAvailable / InfrahubIPAddressGetNextAvailable ------------------------------


def _prefix(reader: Reader, schema: SchemaBranch, arguments: dict[str, Any]) -> tuple[str, IPNetwork]:
    """The prefix `prefix_id` names, and a `prefix_length` checked to fit inside it."""
    prefix_id = str(arguments["prefix_id"])
    record = reader.get_nodes([prefix_id], ["prefix"]).get(prefix_id)
    if record is None or record.kind not in schema.concrete_kinds(PREFIX_GENERIC):
        raise NodeNotFoundError(f"Unable to find the prefix {prefix_id}")
    network = parse_network(str(_attribute(record, "prefix")))
    length = arguments.get("prefix_length")
    if length is not None and not network.prefixlen <= length <= network.max_prefixlen:
        raise ValidationError(
            f"prefix_length {length} does not fit in {network.with_prefixlen}: "
            f"use {network.prefixlen} to {network.max_prefixlen}"
        )
    return prefix_id, network


@query_field("InfrahubIPPrefixGetNextAvailable")
def next_prefix(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    """The lowest free block of `prefix_length` (default: one bit longer) inside the prefix."""
    prefix_id, _ = _prefix(reader, context.schema, arguments)
    length = arguments.get("prefix_length")
    found = next_available_prefix(reader, context.schema, prefix_id, length)
    if found is None:
        size = "" if length is None else f" /{length}"
        raise ValidationError(f"No free{size} prefix left in the prefix {prefix_id}")
    return project(request, {"prefix": found}, nodes, "IPPrefixGetNextAvailable")


@query_field("InfrahubIPAddressGetNextAvailable")
def next_address(
    context: GraphQLContext,
    request: Request,
    reader: Reader,
    nodes: list[FieldNode],
    arguments: dict[str, Any],
) -> Any:
    """The lowest free usable address of the prefix, with `prefix_length` (default: the prefix's)."""
    prefix_id, _ = _prefix(reader, context.schema, arguments)
    found = next_available_address(reader, context.schema, prefix_id, arguments.get("prefix_length"))
    if found is None:
        raise ValidationError(f"No free address left in the prefix {prefix_id}")
    return project(request, {"address": found}, nodes, "IPAddressGetNextAvailable")
