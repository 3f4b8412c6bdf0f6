"""The checks' rules: every leaf has two enabled uplinks; no host address is used twice."""

from __future__ import annotations

from generators_repository import REPOSITORY, load_repository_module, read_query_response

rules = load_repository_module("checks/fabric_rules.py")
CASES = REPOSITORY / "tests"


def test_leafs_with_two_uplinks_pass() -> None:
    assert rules.leaf_uplink_findings(read_query_response(CASES / "leaf_uplinks/pass/input.json")) == []


def test_a_leaf_with_a_disabled_uplink_is_reported_against_that_device() -> None:
    assert rules.leaf_uplink_findings(read_query_response(CASES / "leaf_uplinks/fail/input.json")) == [
        rules.Finding(
            "dc1-leaf2 needs 2 enabled uplinks, has 1 (eth2)",
            "18a0c6f2-0000-4000-8000-000000000102",
            "NetDevice",
        )
    ]


def test_a_leaf_without_interfaces_is_reported() -> None:
    data = {
        "NetDevice": {"edges": [{"node": {"id": "x", "name": {"value": "l1"}, "interfaces": {"edges": []}}}]}
    }
    assert rules.leaf_uplink_findings(data) == [
        rules.Finding("l1 needs 2 enabled uplinks, has 0 (none)", "x", "NetDevice")
    ]


def test_unique_addresses_pass() -> None:
    assert (
        rules.duplicate_address_findings(read_query_response(CASES / "duplicate_addresses/pass/input.json"))
        == []
    )


def test_the_same_host_with_another_mask_is_a_duplicate_reported_on_each_address() -> None:
    message = "10.254.0.1 is used 2 times: 10.254.0.1/24 on dc1-spine1 eth0; 10.254.0.1/32"
    assert rules.duplicate_address_findings(
        read_query_response(CASES / "duplicate_addresses/fail/input.json")
    ) == [
        rules.Finding(message, "18a0c6f2-0000-4000-8000-000000000001", "IpamIPAddress"),
        rules.Finding(message, "18a0c6f2-0000-4000-8000-999999999999", "IpamIPAddress"),
    ]


def test_ipv4_and_ipv6_duplicates_are_reported_in_address_order() -> None:
    def address(node_id: str, value: str) -> dict[str, object]:
        return {"node": {"id": node_id, "address": {"value": value}, "interface": None}}

    data = {
        "IpamIPAddress": {
            "edges": [
                address("a", "fd00::1/64"),
                address("b", "fd00::1/128"),
                address("c", "10.0.0.9/31"),
                address("d", "10.0.0.9/32"),
                address("e", "10.0.0.1/31"),
            ]
        }
    }
    assert [
        (finding.object_id, finding.message.split(" is")[0])
        for finding in rules.duplicate_address_findings(data)
    ] == [
        ("c", "10.0.0.9"),
        ("d", "10.0.0.9"),
        ("a", "fd00::1"),
        ("b", "fd00::1"),
    ]
