"""IPAM and resource pool benchmark (issue #8), in-process on SQLite.

    python -m bench.ipam_pools [used]        # default 10000 used values

Prints:
- allocations per second from an address pool and from a number pool that already hand out
  `used` values (each allocation is one change set: find the value, create the node, reconcile);
- the first allocation after a release (the search starts from the beginning of the resource);
- the time to insert a prefix above `used` existing top-level prefixes (all re-parented).

The used values are written straight through the store (the setup is not what is measured).
"""

from __future__ import annotations

import ipaddress
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from infrahub_server.ipam import allocate_address, default_namespace_id, ipam_node_service, prepare_ipam
from infrahub_server.ipam.allocations import record_allocation
from infrahub_server.ipam.networks import address_span, network_span, next_free_block, usable_addresses
from infrahub_server.ipam.occupancy import connection_of, forget_hints, read_hint, record_span, used_spans
from infrahub_server.schema import core_schema, load_schema_files
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeRecord, Snapshot, Store, Writer

SCHEMA_FILE: dict[str, Any] = {
    "version": "1.0",
    "nodes": [
        {"name": "IPPrefix", "namespace": "Ipam", "inherit_from": ["BuiltinIPPrefix"]},
        {"name": "IPAddress", "namespace": "Ipam", "inherit_from": ["BuiltinIPAddress"]},
        {
            "name": "Router",
            "namespace": "Bench",
            "attributes": [
                {"name": "name", "kind": "Text"},
                {"name": "asn", "kind": "Number", "optional": True},
            ],
        },
    ],
}
ALLOCATIONS = 300


def _raw_node(
    writer: Writer, schema: SchemaBranch, kind: str, attributes: dict[str, Any], namespace: str
) -> str:
    node_schema = schema.get(kind)
    records = {
        attr.name: AttributeRecord(attr.default_value, is_default=True) for attr in node_schema.attributes
    }
    records.update({name: AttributeRecord(value) for name, value in attributes.items()})
    node_id = writer.create_node(kind, attributes=records)
    rel = node_schema.get_relationship("ip_namespace")
    assert rel is not None
    assert rel.identifier is not None
    writer.add_edge(rel.identifier, *sorted((node_id, namespace)))
    return node_id


def _fill_addresses(store: Store, schema: SchemaBranch, pool_id: str, namespace: str, used: int) -> None:
    with store.change_set("main", actor_id=None) as writer:
        connection = connection_of(writer)
        network = ipaddress.ip_network("10.0.0.0/8")
        for offset in range(1, used + 1):
            text = f"{network.network_address + offset}/8"
            node_id = _raw_node(writer, schema, "IpamIPAddress", {"address": text}, namespace)
            span = address_span(ipaddress.ip_interface(text))
            record_span(
                connection,
                branch="main",
                node_id=node_id,
                namespace_id=namespace,
                member="address",
                span=span,
                prefixlen=8,
            )
            record_allocation(
                connection,
                pool_id=pool_id,
                identifier=f"fill{offset}",
                value=text,
                node_id=node_id,
                branch="main",
            )


def _fill_numbers(store: Store, pool_id: str, used: int) -> None:
    with store.change_set("main", actor_id=None) as writer:
        connection = connection_of(writer)
        for number in range(1, used + 1):
            record_allocation(
                connection,
                pool_id=pool_id,
                identifier=f"fill{number}",
                value=str(number),
                number=number,
                node_id=None,
                branch="main",
            )


def _rate(label: str, count: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    print(f"{label}: {count / elapsed:.0f}/s ({elapsed / count * 1000:.1f} ms each, {count} allocations)")


def bench_pools(store: Store, schema: SchemaBranch, used: int) -> None:
    with store.change_set("main", actor_id=None) as writer:
        service = ipam_node_service(schema, writer)
        namespace = default_namespace_id(writer)
        assert namespace is not None
        resource = service.create("IpamIPPrefix", {"prefix": {"value": "10.0.0.0/8"}})
        address_pool = service.create(
            "CoreIPAddressPool",
            {
                "name": {"value": "bench-hosts"},
                "default_address_type": {"value": "IpamIPAddress"},
                "resources": [{"id": resource}],
                "ip_namespace": {"id": namespace},
            },
        )
        number_pool = service.create(
            "CoreNumberPool",
            {
                "name": {"value": "bench-asn"},
                "node": {"value": "BenchRouter"},
                "node_attribute": {"value": "asn"},
                "start_range": {"value": 1},
                "end_range": {"value": 4_000_000},
            },
        )
    _fill_addresses(store, schema, address_pool, namespace, used)
    _fill_numbers(store, number_pool, used)

    def one_address(index: int) -> str:
        with store.change_set("main", actor_id=None) as writer:
            service = ipam_node_service(schema, writer)
            return allocate_address(service, address_pool, identifier=f"bench{index}").value

    started = time.perf_counter()
    for index in range(ALLOCATIONS):
        one_address(index)
    _rate(f"address pool allocations with {used} used", ALLOCATIONS, started)

    started = time.perf_counter()
    for index in range(ALLOCATIONS):
        with store.change_set("main", actor_id=None) as writer:
            ipam_node_service(schema, writer).create(
                "BenchRouter", {"name": {"value": f"r{index}"}, "asn": {"from_pool": {"id": number_pool}}}
            )
    _rate(f"number pool allocations (router create with from_pool) with {used} used", ALLOCATIONS, started)

    with store.reader(Snapshot("main")) as reader:
        connection = connection_of(reader)
        resource_span = usable_addresses(ipaddress.ip_network("10.0.0.0/8"), is_pool=False)
        started = time.perf_counter()
        for _ in range(ALLOCATIONS):
            hint = read_hint(connection, resource, "address", 32)
            used_now = used_spans(
                connection, namespace, resource_span, ("address",), hint or resource_span.first
            )
            next_free_block(resource_span, used_now, 32, hint)
        _rate(
            f"free-value search alone (hint, used ranges, next block) with {used} used", ALLOCATIONS, started
        )
    with store.change_set("main", actor_id=None) as writer:
        forget_hints(connection_of(writer), [network_span(ipaddress.ip_network("10.0.0.0/8"))])
    started = time.perf_counter()
    one_address(ALLOCATIONS)
    print(
        f"first address allocation after a release (full scan of {used} used): {(time.perf_counter() - started) * 1000:.1f} ms"
    )


def bench_reconciliation(store: Store, schema: SchemaBranch, existing: int) -> None:
    with store.change_set("main", actor_id=None) as writer:
        namespace = ipam_node_service(schema, writer).create("IpamNamespace", {"name": {"value": "bench"}})
    with store.change_set("main", actor_id=None) as writer:
        connection = connection_of(writer)
        base = ipaddress.ip_network("172.16.0.0/12")
        for _, network in zip(range(existing), base.subnets(new_prefix=28), strict=False):
            node_id = _raw_node(
                writer,
                schema,
                "IpamIPPrefix",
                {"prefix": network.with_prefixlen, "is_top_level": True},
                namespace,
            )
            record_span(
                connection,
                branch="main",
                node_id=node_id,
                namespace_id=namespace,
                member="prefix",
                span=network_span(network),
                prefixlen=network.prefixlen,
            )
    started = time.perf_counter()
    with store.change_set("main", actor_id=None) as writer:
        ipam_node_service(schema, writer).create(
            "IpamIPPrefix", {"prefix": {"value": "172.16.0.0/12"}, "ip_namespace": {"id": namespace}}
        )
    print(
        f"insert a prefix above {existing} top-level prefixes (all re-parented): {time.perf_counter() - started:.2f} s"
    )


def main() -> None:
    used = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    schema = load_schema_files(core_schema(), [SCHEMA_FILE]).schema
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'ipam.db'}")
        try:
            prepare_ipam(store)
            bench_pools(store, schema, used)
            bench_reconciliation(store, schema, used)
        finally:
            store.close()


if __name__ == "__main__":
    main()
