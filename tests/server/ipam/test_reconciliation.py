"""Every prefix's parent is the most specific prefix containing it; every address's ip_prefix too."""

from __future__ import annotations

import pytest
from ipam_harness import Ipam

from infrahub_server.errors import ValidationError
from infrahub_server.ipam import default_namespace_id, reconcile_nodes
from infrahub_server.nodes import NodeService
from infrahub_server.store import Snapshot


def test_default_namespace_exists_and_cannot_be_deleted(ipam: Ipam) -> None:
    with ipam.store.reader(Snapshot("main")) as reader:
        namespace = default_namespace_id(reader)
    assert namespace is not None
    assert ipam.value(namespace, "default") is True
    with pytest.raises(ValidationError, match="default IP namespace"):
        ipam.delete("IpamNamespace", namespace)
    prefix = ipam.prefix("10.0.0.0/8")
    assert ipam.peer("IpamIPPrefix", prefix, "ip_namespace") == namespace


@pytest.mark.parametrize(
    ("outer", "middle", "inner"),
    [("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"), ("2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:2::/64")],
    ids=["ipv4", "ipv6"],
)
def test_insert_below_above_and_between(ipam: Ipam, outer: str, middle: str, inner: str) -> None:
    middle_id = ipam.prefix(middle)
    inner_id = ipam.prefix(inner)  # below
    assert ipam.parent(inner_id) == middle_id
    assert ipam.value(middle_id, "is_top_level") is True
    outer_id = ipam.prefix(outer)  # above
    assert ipam.parent(middle_id) == outer_id
    assert ipam.parent(inner_id) == middle_id
    assert ipam.value(middle_id, "is_top_level") is False
    assert ipam.value(outer_id, "is_top_level") is True


def test_insert_between_reparents_only_contained_children(ipam: Ipam) -> None:
    top = ipam.prefix("10.0.0.0/8")
    inside = ipam.prefix("10.1.2.0/24")
    outside = ipam.prefix("10.2.0.0/24")
    between = ipam.prefix("10.1.0.0/16")
    assert ipam.parent(between) == top
    assert ipam.parent(inside) == between
    assert ipam.parent(outside) == top


def test_delete_hands_children_and_addresses_to_the_grandparent(ipam: Ipam) -> None:
    top = ipam.prefix("10.0.0.0/8")
    middle = ipam.prefix("10.1.0.0/16")
    child = ipam.prefix("10.1.2.0/24", member_type={"value": "prefix"})
    address = ipam.address("10.1.9.9/16")
    assert ipam.ip_prefix(address) == middle
    ipam.delete("IpamIPPrefix", middle)
    assert ipam.parent(child) == top
    assert ipam.ip_prefix(address) == top
    ipam.delete("IpamIPPrefix", top)
    assert ipam.parent(child) is None
    assert ipam.value(child, "is_top_level") is True
    assert ipam.ip_prefix(address) is None


def test_address_points_at_most_specific_prefix(ipam: Ipam) -> None:
    address = ipam.address("2001:db8:1:2::5/64")
    assert ipam.ip_prefix(address) is None
    wide = ipam.prefix("2001:db8::/32")
    assert ipam.ip_prefix(address) == wide
    narrow = ipam.prefix("2001:db8:1:2::/64")
    assert ipam.ip_prefix(address) == narrow
    other = ipam.address("2001:db8:9::1/64")
    assert ipam.ip_prefix(other) == wide


def test_changing_a_prefix_moves_it_and_releases_what_no_longer_fits(ipam: Ipam) -> None:
    a = ipam.prefix("10.1.0.0/16")
    b = ipam.prefix("10.2.0.0/16")
    moving = ipam.prefix("10.1.5.0/24", member_type={"value": "prefix"})
    child = ipam.prefix("10.1.5.128/25")
    assert ipam.parent(moving) == a
    ipam.update("IpamIPPrefix", {"id": moving, "prefix": {"value": "10.2.5.0/24"}})
    assert ipam.parent(moving) == b
    assert ipam.parent(child) == a
    assert ipam.value(moving, "network_address") == "10.2.5.0"
    assert ipam.value(moving, "broadcast_address") == "10.2.5.255"


def test_reconciliation_runs_per_branch(ipam: Ipam) -> None:
    top = ipam.prefix("10.0.0.0/8")
    child = ipam.prefix("10.1.0.0/24")
    ipam.store.create_branch("feature")
    middle = ipam.prefix("10.1.0.0/16", branch="feature")
    assert ipam.parent(child, "feature") == middle
    assert ipam.parent(child, "main") == top


def test_namespaces_are_separate(ipam: Ipam) -> None:
    other = ipam.create("IpamNamespace", {"name": {"value": "vrf-red"}})
    top = ipam.prefix("10.0.0.0/8")
    red = ipam.prefix("10.1.0.0/16", ip_namespace={"id": other})
    assert ipam.parent(red) is None
    assert ipam.parent(ipam.prefix("10.2.0.0/16")) == top


def test_reconcile_nodes_repairs_a_hierarchy_written_without_it(ipam: Ipam) -> None:
    top = ipam.prefix("10.0.0.0/8")
    with ipam.store.change_set("main", actor_id=None) as writer:
        plain = NodeService(ipam.schema, writer)  # no hooks: what a merge copies over
        child = plain.create(
            "IpamIPPrefix",
            {
                "prefix": {"value": "10.1.0.0/16"},
                "ip_namespace": {"id": ipam.peer("IpamIPPrefix", top, "ip_namespace")},
            },
        )
    assert ipam.parent(child) is None
    with ipam.store.change_set("main", actor_id=None) as writer:
        reconcile_nodes(ipam.schema, writer, {child: "IpamIPPrefix"})
    assert ipam.parent(child) == top
