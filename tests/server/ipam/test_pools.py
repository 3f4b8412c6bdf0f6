"""Allocation from IP prefix, IP address and number pools: idempotent, exhaustible, branch-safe."""

from __future__ import annotations

import pytest
from ipam_harness import Ipam

from infrahub_server.errors import ValidationError
from infrahub_server.ipam import PoolExhaustedError, allocate_address, allocate_prefix, pool_allocated
from infrahub_server.store import Snapshot


@pytest.fixture
def address_pool(ipam: Ipam) -> str:
    resource = ipam.prefix("10.10.0.0/29")
    namespace = ipam.peer("IpamIPPrefix", resource, "ip_namespace")
    return ipam.create(
        "CoreIPAddressPool",
        {
            "name": {"value": "loopbacks"},
            "default_address_type": {"value": "IpamIPAddress"},
            "default_prefix_length": {"value": 32},
            "resources": [{"id": resource}],
            "ip_namespace": {"id": namespace},
        },
    )


@pytest.fixture
def prefix_pool(ipam: Ipam) -> str:
    resource = ipam.prefix("10.20.0.0/24", member_type={"value": "prefix"})
    namespace = ipam.peer("IpamIPPrefix", resource, "ip_namespace")
    return ipam.create(
        "CoreIPPrefixPool",
        {
            "name": {"value": "p2p"},
            "default_prefix_length": {"value": 31},
            "default_prefix_type": {"value": "IpamIPPrefix"},
            "resources": [{"id": resource}],
            "ip_namespace": {"id": namespace},
        },
    )


def address(ipam: Ipam, pool: str, identifier: str | None, branch: str = "main", **options: object) -> str:
    return ipam.run(
        lambda service: allocate_address(service, pool, identifier=identifier, **options), branch
    ).value  # type: ignore[arg-type]


def test_addresses_skip_network_and_existing_and_are_idempotent(ipam: Ipam, address_pool: str) -> None:
    ipam.address("10.10.0.2/29")
    assert address(ipam, address_pool, "a") == "10.10.0.1/32"
    assert address(ipam, address_pool, "b") == "10.10.0.3/32"
    assert address(ipam, address_pool, "a") == "10.10.0.1/32"
    allocated = ipam.run(lambda service: allocate_address(service, "loopbacks", identifier="a"))
    assert ipam.ip_prefix(allocated.id) is not None
    assert ipam.value(allocated.id, "address") == "10.10.0.1/32"


def test_exhaustion_names_the_pool(ipam: Ipam, address_pool: str) -> None:
    values = [address(ipam, address_pool, f"n{index}") for index in range(6)]
    assert values[-1] == "10.10.0.6/32"
    with pytest.raises(PoolExhaustedError, match="'loopbacks'") as caught:
        address(ipam, address_pool, "one-too-many")
    assert caught.value.http_status == 409


def test_sdk_quirk_prefix_type_names_the_address_kind(ipam: Ipam, address_pool: str) -> None:
    allocated = ipam.run(lambda service: allocate_address(service, address_pool, prefix_type="IpamIPAddress"))
    assert allocated.kind == "IpamIPAddress"
    with pytest.raises(ValidationError, match="not a kind of BuiltinIPAddress"):
        ipam.run(lambda service: allocate_address(service, address_pool, prefix_type="IpamIPPrefix"))


def test_prefixes_are_aligned_and_avoid_existing(ipam: Ipam, prefix_pool: str) -> None:
    ipam.prefix("10.20.0.0/31")
    first = ipam.run(lambda service: allocate_prefix(service, prefix_pool, identifier="x"))
    assert first.value == "10.20.0.2/31"
    bigger = ipam.run(lambda service: allocate_prefix(service, prefix_pool, identifier="y", prefix_length=30))
    assert bigger.value == "10.20.0.4/30"
    assert ipam.value(first.id, "member_type") == "prefix"
    with pytest.raises(ValidationError, match="another length"):
        ipam.run(lambda service: allocate_prefix(service, prefix_pool, identifier="x", prefix_length=30))


def test_parallel_branches_never_get_the_same_value(ipam: Ipam, address_pool: str) -> None:
    ipam.store.create_branch("one")
    ipam.store.create_branch("two")
    on_one = address(ipam, address_pool, "x", "one")
    on_two = address(ipam, address_pool, "y", "two")
    assert on_one != on_two
    assert address(ipam, address_pool, "x", "two") == on_one


def test_release_on_delete(ipam: Ipam, address_pool: str) -> None:
    allocated = ipam.run(lambda service: allocate_address(service, address_pool, identifier="gone"))
    assert address(ipam, address_pool, "stays") == "10.10.0.2/32"
    ipam.delete("IpamIPAddress", allocated.id)
    with ipam.store.reader(Snapshot("main")) as reader:
        count, _ = pool_allocated(reader, address_pool)
    assert count == 1
    assert address(ipam, address_pool, "new") == "10.10.0.1/32"


def test_relationship_from_pool_uses_the_hfid_identifier(
    ipam: Ipam, address_pool: str, prefix_pool: str
) -> None:
    device = ipam.create(
        "TestDevice",
        {
            "name": {"value": "edge1"},
            "loopback": {"from_pool": {"id": address_pool}},
            "uplink": {"from_pool": {"id": "p2p", "prefix_length": 30}},
        },
    )
    loopback = ipam.peer("TestDevice", device, "loopback")
    uplink = ipam.peer("TestDevice", device, "uplink")
    assert loopback is not None
    assert uplink is not None
    assert ipam.value(loopback, "address") == "10.10.0.1/32"
    assert ipam.value(uplink, "prefix") == "10.20.0.0/30"
    with ipam.store.reader(Snapshot("main")) as reader:
        _, allocations = pool_allocated(reader, address_pool)
    assert [item.identifier for item in allocations] == ["hfid=TestDevice__edge1 rel=loopback"]


def test_number_pools_allocate_lowest_free_and_exhaust(ipam: Ipam) -> None:
    pool = ipam.create(
        "CoreNumberPool",
        {
            "name": {"value": "asns"},
            "node": {"value": "TestDevice"},
            "node_attribute": {"value": "asn"},
            "start_range": {"value": 65000},
            "end_range": {"value": 65001},
        },
    )
    first = ipam.create("TestDevice", {"name": {"value": "a"}, "asn": {"from_pool": {"id": pool}}})
    second = ipam.create("TestDevice", {"name": {"value": "b"}, "asn": {"from_pool": {"id": "asns"}}})
    assert (ipam.value(first, "asn"), ipam.value(second, "asn")) == (65000, 65001)
    ipam.update("TestDevice", {"id": first, "asn": {"from_pool": {"id": pool}}})
    assert ipam.value(first, "asn") == 65000
    with pytest.raises(PoolExhaustedError, match="'asns'"):
        ipam.create("TestDevice", {"name": {"value": "c"}, "asn": {"from_pool": {"id": pool}}})
    ipam.delete("TestDevice", second)
    third = ipam.create("TestDevice", {"name": {"value": "c"}, "asn": {"from_pool": {"id": pool}}})
    assert ipam.value(third, "asn") == 65001


def test_number_pool_attribute_draws_from_its_schema_pool(ipam: Ipam) -> None:
    vlans = [ipam.value(ipam.create("TestDevice", {"name": {"value": f"d{i}"}}), "vlan") for i in range(3)]
    assert vlans == [100, 101, 102]
    explicit = ipam.create("TestDevice", {"name": {"value": "set"}, "vlan": {"value": 7}})
    assert ipam.value(explicit, "vlan") == 7
    with pytest.raises(PoolExhaustedError, match=r"TestDevice\.vlan"):
        ipam.create("TestDevice", {"name": {"value": "d3"}})


def test_number_pool_settings_are_checked(ipam: Ipam) -> None:
    fields = {"name": {"value": "bad"}, "node": {"value": "TestDevice"}, "node_attribute": {"value": "asn"}}
    with pytest.raises(ValidationError, match="start_range can't be larger"):
        ipam.create("CoreNumberPool", {**fields, "start_range": {"value": 9}, "end_range": {"value": 1}})
    with pytest.raises(ValidationError, match=r"TestDevice\.name is not a Number attribute"):
        ipam.create(
            "CoreNumberPool",
            {
                **fields,
                "node_attribute": {"value": "name"},
                "start_range": {"value": 1},
                "end_range": {"value": 2},
            },
        )
    pool = ipam.create("CoreNumberPool", {**fields, "start_range": {"value": 1}, "end_range": {"value": 2}})
    with pytest.raises(ValidationError, match="cannot be changed"):
        ipam.update("CoreNumberPool", {"id": pool, "node_attribute": {"value": "vlan"}})


def test_widening_a_number_pool_hands_out_its_new_low_numbers(ipam: Ipam) -> None:
    pool = ipam.create(
        "CoreNumberPool",
        {
            "name": {"value": "grow"},
            "node": {"value": "TestDevice"},
            "node_attribute": {"value": "asn"},
            "start_range": {"value": 10},
            "end_range": {"value": 20},
        },
    )
    first = ipam.create("TestDevice", {"name": {"value": "a"}, "asn": {"from_pool": {"id": pool}}})
    ipam.update("CoreNumberPool", {"id": pool, "start_range": {"value": 5}})
    second = ipam.create("TestDevice", {"name": {"value": "b"}, "asn": {"from_pool": {"id": pool}}})
    assert (ipam.value(first, "asn"), ipam.value(second, "asn")) == (10, 5)
