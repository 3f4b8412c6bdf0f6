"""Utilization, free-space listings and next available values, as the GraphQL fields show them."""

from __future__ import annotations

from ipam_harness import Ipam

from infrahub_server.ipam import (
    AvailableSpace,
    PoolUtilization,
    allocate_address,
    available_space,
    next_available_address,
    next_available_prefix,
    pool_allocated,
    pool_utilization,
    prefix_utilization,
)
from infrahub_server.store import Snapshot


def test_container_utilization_and_free_prefixes(ipam: Ipam) -> None:
    container = ipam.prefix("10.0.0.0/24", member_type={"value": "prefix"})
    ipam.prefix("10.0.0.0/26")
    ipam.prefix("10.0.0.128/25")
    ipam.prefix("10.0.0.0/28")  # inside the /26: does not count twice
    with ipam.store.reader(Snapshot("main")) as reader:
        assert prefix_utilization(reader, ipam.schema, [container]) == {container: 75.0}
        assert available_space(reader, ipam.schema, container) == [
            AvailableSpace("InternalIPPrefixAvailable", "10.0.0.64/26")
        ]
        assert next_available_prefix(reader, ipam.schema, container, 27) == "10.0.0.64/27"


def test_subnet_utilization_and_free_ranges(ipam: Ipam) -> None:
    subnet = ipam.prefix("192.168.1.0/29")
    ipam.address("192.168.1.1/29")
    ipam.address("192.168.1.4/29")
    with ipam.store.reader(Snapshot("main")) as reader:
        assert prefix_utilization(reader, ipam.schema, [subnet]) == {subnet: round(200 / 6, 6)}
        assert available_space(reader, ipam.schema, subnet) == [
            AvailableSpace("InternalIPRangeAvailable", "192.168.1.2/29", "192.168.1.3/29"),
            AvailableSpace("InternalIPRangeAvailable", "192.168.1.5/29", "192.168.1.6/29"),
        ]
        assert next_available_address(reader, ipam.schema, subnet) == "192.168.1.2/29"


def test_ipv6_subnet(ipam: Ipam) -> None:
    subnet = ipam.prefix("2001:db8::/126")
    ipam.address("2001:db8::/126")
    with ipam.store.reader(Snapshot("main")) as reader:
        assert prefix_utilization(reader, ipam.schema, [subnet]) == {subnet: 25.0}
        assert next_available_address(reader, ipam.schema, subnet, 128) == "2001:db8::1/128"


def test_pool_reports(ipam: Ipam) -> None:
    resource = ipam.prefix("10.9.0.0/30", is_pool={"value": True})
    namespace = ipam.peer("IpamIPPrefix", resource, "ip_namespace")
    pool = ipam.create(
        "CoreIPAddressPool",
        {
            "name": {"value": "tiny"},
            "default_address_type": {"value": "IpamIPAddress"},
            "resources": [{"id": resource}],
            "ip_namespace": {"id": namespace},
        },
    )
    allocated = ipam.run(lambda service: allocate_address(service, pool, identifier="one"))
    assert allocated.value == "10.9.0.0/30"
    with ipam.store.reader(Snapshot("main")) as reader:
        count, allocations = pool_allocated(reader, pool)
        report = pool_utilization(reader, ipam.schema, pool)
    assert (count, [(item.identifier, item.value, item.node_id) for item in allocations]) == (
        1,
        [("one", "10.9.0.0/30", allocated.id)],
    )
    assert report == PoolUtilization(1, 25.0, {resource: 25.0})
    other = ipam.prefix("10.8.0.0/30")
    with ipam.store.reader(Snapshot("main")) as reader:
        assert pool_allocated(reader, pool, resource_id=resource)[0] == 1
        assert pool_allocated(reader, pool, resource_id=other) == (0, [])
