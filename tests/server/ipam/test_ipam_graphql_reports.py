"""IPAM over GraphQL: pool reports, computed prefix utilization and `include_available` listings,
through `execute_graphql` on a real store."""

from __future__ import annotations

from typing import Any

import anyio
import orjson
import pytest
from ipam_harness import Ipam

from infrahub_server.branches.merge import merge_branch
from infrahub_server.graphql import GraphQLContext, execute_graphql
from infrahub_server.ipam import allocate_address, allocate_prefix


def query(ipam: Ipam, text: str, variables: dict[str, Any] | None = None, branch: str = "main") -> Any:
    context = GraphQLContext(store=ipam.store, branch=branch, schema=ipam.schema)
    status, body = anyio.run(execute_graphql, context, text, variables, None)
    payload = orjson.loads(body)
    assert status == 200, payload
    assert "errors" not in payload, payload["errors"]
    return payload["data"]


def query_errors(ipam: Ipam, text: str, variables: dict[str, Any]) -> list[str]:
    context = GraphQLContext(store=ipam.store, branch="main", schema=ipam.schema)
    _, body = anyio.run(execute_graphql, context, text, variables, None)
    return [error["message"] for error in orjson.loads(body)["errors"]]


def make_pool(ipam: Ipam, kind: str, resource: str, **fields: Any) -> str:
    namespace = ipam.peer("IpamIPPrefix", resource, "ip_namespace")
    data = {name: {"value": value} for name, value in fields.items()}
    return ipam.create(kind, {**data, "resources": [{"id": resource}], "ip_namespace": {"id": namespace}})


@pytest.fixture
def address_pool(ipam: Ipam) -> tuple[str, str]:
    resource = ipam.prefix("10.10.0.0/29")
    pool = make_pool(
        ipam,
        "CoreIPAddressPool",
        resource,
        name="loopbacks",
        default_address_type="IpamIPAddress",
        default_prefix_length=32,
    )
    return pool, resource


ALLOCATED = """
query ($pool: String!, $resource: String!, $limit: Int, $offset: Int) {
  InfrahubResourcePoolAllocated(pool_id: $pool, resource_id: $resource, limit: $limit, offset: $offset) {
    count
    edges { node { id kind display_label branch identifier } }
  }
}
"""

UTILIZATION = """
query ($pool: String!) {
  InfrahubResourcePoolUtilization(pool_id: $pool) {
    count utilization utilization_default_branch utilization_branches
    edges { node { id kind display_label weight utilization utilization_default_branch utilization_branches } }
  }
}
"""


def test_allocated_lists_every_branch_with_paging(ipam: Ipam, address_pool: tuple[str, str]) -> None:
    pool, resource = address_pool
    ipam.store.create_branch("dev")
    first = ipam.run(lambda service: allocate_address(service, pool, identifier="leaf1"))
    second = ipam.run(lambda service: allocate_address(service, pool, identifier="leaf2"), "dev")

    everything = query(ipam, ALLOCATED, {"pool": pool, "resource": resource})["InfrahubResourcePoolAllocated"]
    page = query(ipam, ALLOCATED, {"pool": pool, "resource": resource, "limit": 1, "offset": 1})

    assert everything == {
        "count": 2,
        "edges": [
            {
                "node": {
                    "id": first.id,
                    "kind": "IpamIPAddress",
                    "display_label": "10.10.0.1/32",
                    "branch": "main",
                    "identifier": "leaf1",
                }
            },
            {
                "node": {
                    "id": second.id,
                    "kind": "IpamIPAddress",
                    "display_label": "10.10.0.2/32",
                    "branch": "dev",
                    "identifier": "leaf2",
                }
            },
        ],
    }
    assert page["InfrahubResourcePoolAllocated"] == {"count": 2, "edges": everything["edges"][1:]}


def test_allocated_outside_the_resource_is_empty(ipam: Ipam, address_pool: tuple[str, str]) -> None:
    pool, _ = address_pool
    other = ipam.prefix("192.168.0.0/24")
    ipam.run(lambda service: allocate_address(service, pool, identifier="leaf1"))

    data = query(ipam, ALLOCATED, {"pool": pool, "resource": other})

    assert data["InfrahubResourcePoolAllocated"] == {"count": 0, "edges": []}


def test_utilization_splits_default_branch_and_branches(ipam: Ipam, address_pool: tuple[str, str]) -> None:
    pool, resource = address_pool
    ipam.store.create_branch("dev")
    ipam.run(lambda service: allocate_address(service, pool, identifier="leaf1"))
    ipam.run(lambda service: allocate_address(service, pool, identifier="leaf2"))
    ipam.run(lambda service: allocate_address(service, pool, identifier="leaf3"), "dev")

    # 10.10.0.0/29 hands out 6 addresses: 2 used on main, 1 more only on the branch
    for branch in ("main", "dev"):
        data = query(ipam, UTILIZATION, {"pool": pool}, branch=branch)["InfrahubResourcePoolUtilization"]
        assert data == {
            "count": 1,
            "utilization": 50.0,
            "utilization_default_branch": round(200 / 6, 6),
            "utilization_branches": round(100 / 6, 6),
            "edges": [
                {
                    "node": {
                        "id": resource,
                        "kind": "IpamIPPrefix",
                        "display_label": "10.10.0.0/29",
                        "weight": 1,
                        "utilization": 50.0,
                        "utilization_default_branch": round(200 / 6, 6),
                        "utilization_branches": round(100 / 6, 6),
                    }
                }
            ],
        }


def test_merged_allocations_count_on_the_default_branch(ipam: Ipam, address_pool: tuple[str, str]) -> None:
    pool, _ = address_pool
    ipam.store.create_branch("dev")
    ipam.run(lambda service: allocate_address(service, pool, identifier="leaf1"), "dev")
    ipam.run(lambda service: allocate_address(service, pool, identifier="leaf2"), "dev")
    before = query(ipam, UTILIZATION, {"pool": pool})["InfrahubResourcePoolUtilization"]

    merge_branch(ipam.store, "dev")
    after = query(ipam, UTILIZATION, {"pool": pool})["InfrahubResourcePoolUtilization"]

    shares = ("utilization", "utilization_default_branch", "utilization_branches")
    assert [before[name] for name in shares] == [round(200 / 6, 6), 0.0, round(200 / 6, 6)]
    assert [after[name] for name in shares] == [round(200 / 6, 6), round(200 / 6, 6), 0.0]


def test_prefix_pool_utilization_weights_resources_by_size(ipam: Ipam) -> None:
    large = ipam.prefix("10.20.0.0/24", member_type={"value": "prefix"})
    small = ipam.prefix("10.30.0.0/26", member_type={"value": "prefix"})
    namespace = ipam.peer("IpamIPPrefix", large, "ip_namespace")
    pool = ipam.create(
        "CoreIPPrefixPool",
        {
            "name": {"value": "p2p"},
            "default_prefix_length": {"value": 26},
            "default_prefix_type": {"value": "IpamIPPrefix"},
            "resources": [{"id": large}, {"id": small}],
            "ip_namespace": {"id": namespace},
        },
    )
    ipam.prefix("10.30.0.0/27")

    data = query(ipam, UTILIZATION, {"pool": pool})["InfrahubResourcePoolUtilization"]

    by_label = {edge["node"]["display_label"]: edge["node"]["utilization"] for edge in data["edges"]}
    assert by_label == {"10.20.0.0/24": 0.0, "10.30.0.0/26": 50.0}
    assert data["utilization"] == 10.0  # 32 of 320 addresses


def test_number_pool_reports_itself_as_its_one_resource(ipam: Ipam) -> None:
    pool = ipam.create(
        "CoreNumberPool",
        {
            "name": {"value": "asns"},
            "node": {"value": "TestDevice"},
            "node_attribute": {"value": "asn"},
            "start_range": {"value": 65000},
            "end_range": {"value": 65009},
        },
    )
    ipam.create("TestDevice", {"name": {"value": "leaf1"}, "asn": {"from_pool": {"id": pool}}})

    data = query(ipam, UTILIZATION, {"pool": pool})["InfrahubResourcePoolUtilization"]
    allocated = query(ipam, ALLOCATED, {"pool": pool, "resource": pool})["InfrahubResourcePoolAllocated"]

    assert data["count"] == 1
    assert data["utilization"] == 10.0
    assert data["edges"][0]["node"]["kind"] == "CoreNumberPool"
    assert data["edges"][0]["node"]["display_label"] == "asns"
    assert [edge["node"]["display_label"] for edge in allocated["edges"]] == ["65000"]
    assert allocated["edges"][0]["node"]["kind"] == "TestDevice"


def test_unknown_pool_is_a_clear_error(ipam: Ipam) -> None:
    messages = query_errors(ipam, UTILIZATION, {"pool": "no-such-pool"})

    assert messages == ["Unable to find the resource pool no-such-pool"]


PREFIX_UTILIZATION = """
query ($ids: [ID]) {
  IpamIPPrefix(ids: $ids) { edges { node { prefix { value } utilization { value } } } }
}
"""


def test_prefix_utilization_is_computed_at_read_time(ipam: Ipam) -> None:
    container = ipam.prefix("10.0.0.0/24", member_type={"value": "prefix"})
    subnet = ipam.prefix("192.168.1.0/29")
    ipam.prefix("10.0.0.0/25")
    ipam.prefix("10.0.0.128/26")
    ipam.address("192.168.1.1/29")

    data = query(ipam, PREFIX_UTILIZATION, {"ids": [container, subnet]})
    values = {
        edge["node"]["prefix"]["value"]: edge["node"]["utilization"]["value"]
        for edge in data["IpamIPPrefix"]["edges"]
    }

    assert values == {"10.0.0.0/24": 75, "192.168.1.0/29": 16}


def test_prefix_utilization_through_a_relationship(ipam: Ipam) -> None:
    subnet = ipam.prefix("192.168.1.0/30")
    address = ipam.address("192.168.1.1/30")
    ipam.address("192.168.1.2/30")

    data = query(
        ipam,
        "query ($id: ID) { IpamIPAddress(ids: [$id]) { edges { node { ip_prefix { node { id"
        " ... on IpamIPPrefix { utilization { value } } } } } } } }",
        {"id": address},
    )

    node = data["IpamIPAddress"]["edges"][0]["node"]["ip_prefix"]["node"]
    assert node == {"id": subnet, "utilization": {"value": 100}}


AVAILABLE_PREFIXES = """
query ($parent: ID!, $limit: Int, $offset: Int) {
  BuiltinIPPrefix(parent__ids: [$parent], include_available: true, limit: $limit, offset: $offset) {
    count
    edges { node { __typename display_label prefix { value } } }
  }
}
"""


def test_include_available_interleaves_free_prefixes(ipam: Ipam) -> None:
    parent = ipam.prefix("10.0.4.0/24", member_type={"value": "prefix"})
    ipam.prefix("10.0.4.0/27")
    ipam.prefix("10.0.4.224/27")

    data = query(ipam, AVAILABLE_PREFIXES, {"parent": parent})["BuiltinIPPrefix"]
    page = query(ipam, AVAILABLE_PREFIXES, {"parent": parent, "limit": 2, "offset": 1})["BuiltinIPPrefix"]

    listed = [(edge["node"]["__typename"], edge["node"]["display_label"]) for edge in data["edges"]]
    assert listed == [
        ("IpamIPPrefix", "10.0.4.0/27"),
        ("InternalIPPrefixAvailable", "10.0.4.32/27"),
        ("InternalIPPrefixAvailable", "10.0.4.64/26"),
        ("InternalIPPrefixAvailable", "10.0.4.128/26"),
        ("InternalIPPrefixAvailable", "10.0.4.192/27"),
        ("IpamIPPrefix", "10.0.4.224/27"),
    ]
    assert data["count"] == 6
    assert data["edges"][1]["node"]["prefix"] == {"value": "10.0.4.32/27"}
    assert page == {"count": 6, "edges": data["edges"][1:3]}


def test_include_available_lists_free_address_ranges(ipam: Ipam) -> None:
    parent = ipam.prefix("10.0.3.0/29")
    ipam.address("10.0.3.3/29")
    ipam.address("10.0.3.4/29")
    ipv6 = ipam.prefix("2001:db8::/64")
    ipam.address("2001:db8::2/64")

    text = """
    query ($parent: ID!) {
      BuiltinIPAddress(ip_prefix__ids: [$parent], include_available: true) {
        count
        edges { node { __typename display_label address { value }
                       ... on InternalIPRangeAvailable { last_address { value } } } }
      }
    }
    """
    data = query(ipam, text, {"parent": parent})["BuiltinIPAddress"]
    six = query(ipam, text, {"parent": ipv6})["BuiltinIPAddress"]

    assert [edge["node"] for edge in data["edges"]] == [
        {
            "__typename": "InternalIPRangeAvailable",
            "display_label": "2 IP addresses available",
            "address": {"value": "10.0.3.1/29"},
            "last_address": {"value": "10.0.3.2/29"},
        },
        {"__typename": "IpamIPAddress", "display_label": "10.0.3.3/29", "address": {"value": "10.0.3.3/29"}},
        {"__typename": "IpamIPAddress", "display_label": "10.0.3.4/29", "address": {"value": "10.0.3.4/29"}},
        {
            "__typename": "InternalIPRangeAvailable",
            "display_label": "2 IP addresses available",
            "address": {"value": "10.0.3.5/29"},
            "last_address": {"value": "10.0.3.6/29"},
        },
    ]
    assert [edge["node"]["display_label"] for edge in six["edges"]] == [
        "2 IP addresses available",
        "2001:db8::2/64",
        "Many IP addresses available",
    ]


def test_include_available_needs_one_parent(ipam: Ipam) -> None:
    messages = query_errors(
        ipam, "query { BuiltinIPPrefix(include_available: true) { edges { node { id } } } }", {}
    )

    assert messages == ["include_available needs exactly one id in the parent__ids filter"]


def test_prefix_pool_allocations_are_listed_inside_their_resource(ipam: Ipam) -> None:
    resource = ipam.prefix("10.20.0.0/24", member_type={"value": "prefix"})
    pool = make_pool(
        ipam,
        "CoreIPPrefixPool",
        resource,
        name="p2p",
        default_prefix_length=31,
        default_prefix_type="IpamIPPrefix",
    )
    link = ipam.run(lambda service: allocate_prefix(service, pool, identifier="leaf1-spine1"))

    data = query(ipam, ALLOCATED, {"pool": pool, "resource": resource})["InfrahubResourcePoolAllocated"]

    assert data["edges"] == [
        {
            "node": {
                "id": link.id,
                "kind": "IpamIPPrefix",
                "display_label": "10.20.0.0/31",
                "branch": "main",
                "identifier": "leaf1-spine1",
            }
        }
    ]


NEXT_PREFIX = """
query ($id: String!, $length: Int) {
  InfrahubIPPrefixGetNextAvailable(prefix_id: $id, prefix_length: $length) { prefix }
}
"""
NEXT_ADDRESS = """
query ($id: String!, $length: Int) {
  InfrahubIPAddressGetNextAvailable(prefix_id: $id, prefix_length: $length) { address }
}
"""


def test_next_available_prefix_and_address(ipam: Ipam) -> None:
    container = ipam.prefix("10.0.0.0/24", member_type={"value": "prefix"})
    ipam.prefix("10.0.0.0/26")
    subnet = ipam.prefix("192.168.1.0/29")
    ipam.address("192.168.1.1/29")

    prefix = query(ipam, NEXT_PREFIX, {"id": container, "length": 26})
    address = query(ipam, NEXT_ADDRESS, {"id": subnet})
    host = query(ipam, NEXT_ADDRESS, {"id": subnet, "length": 32})

    assert prefix == {"InfrahubIPPrefixGetNextAvailable": {"prefix": "10.0.0.64/26"}}
    assert address == {"InfrahubIPAddressGetNextAvailable": {"address": "192.168.1.2/29"}}
    assert host == {"InfrahubIPAddressGetNextAvailable": {"address": "192.168.1.2/32"}}


def test_next_available_refuses_bad_lengths_and_full_prefixes(ipam: Ipam) -> None:
    container = ipam.prefix("10.0.0.0/24", member_type={"value": "prefix"})
    full = ipam.prefix("192.168.1.0/30")
    ipam.address("192.168.1.1/30")
    ipam.address("192.168.1.2/30")

    assert query_errors(ipam, NEXT_PREFIX, {"id": container, "length": 16}) == [
        "prefix_length 16 does not fit in 10.0.0.0/24: use 24 to 32"
    ]
    assert query_errors(ipam, NEXT_ADDRESS, {"id": full}) == [f"No free address left in the prefix {full}"]
    assert query_errors(ipam, NEXT_ADDRESS, {"id": "missing"}) == ["Unable to find the prefix missing"]
