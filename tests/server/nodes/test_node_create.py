"""NodeService.create: round trips through the store, defaults, and every refusal with its code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from node_harness import Network

from infrahub_server.errors import (
    AttributeConstraintError,
    AttributeInvalidTypeError,
    AttributeRequiredError,
    InfrahubError,
    NodeNotFoundError,
    SchemaNotFoundError,
    ValidationError,
)


def test_create_writes_values_defaults_and_relationships(network: Network, site: str) -> None:
    device = network.create(
        "NetDevice",
        {
            "name": {"value": "atl1-edge1", "is_protected": True},
            "role": {"value": "spine"},
            "asn": {"value": 65001},
            "site": {"hfid": ["atl1"]},
        },
    )

    node = network.node(device)
    assert node is not None
    assert node.kind == "NetDevice"
    assert network.values(device) == {
        "name": "atl1-edge1",
        "description": None,
        "role": "spine",
        "asn": 65001,
        "status": "active",
        "serial": None,
    }
    assert node.attributes["name"].is_protected is True
    assert node.attributes["name"].is_default is False
    assert node.attributes["status"].is_default is True
    assert node.attributes["description"].is_default is True
    assert network.peers("NetDevice", device, "site") == {site}


def test_both_ends_read_the_same_edge(network: Network, site: str, region: str, device: str) -> None:
    assert network.peers("NetSite", site, "parent") == {region}
    assert network.peers("NetRegion", region, "children") == {site}
    interface = network.create("NetInterface", {"name": {"value": "eth0"}, "device": {"id": device}})
    assert network.peers("NetDevice", device, "interfaces") == {interface}
    assert network.peers("NetInterface", interface, "device") == {device}


def test_a_client_chosen_id_is_kept(network: Network, site: str) -> None:
    chosen = "1856b2d7-9f1a-4c3e-3c4a-c51b7f1e2d9a"
    assert network.create("NetPlatform", {"id": chosen, "name": {"value": "eos"}}) == chosen
    assert network.values(chosen)["name"] == "eos"
    with pytest.raises(ValidationError, match="already exists"):
        network.create("NetPlatform", {"id": chosen, "name": {"value": "junos"}})


def test_addresses_are_stored_in_normal_form(network: Network) -> None:
    address = network.create("NetAddress", {"address": {"value": "2001:db8:0::1/64"}})
    assert network.values(address) == {"address": "2001:db8::1/64"}


def test_group_membership_is_a_many_relationship(network: Network, device: str) -> None:
    group = network.create("CoreStandardGroup", {"name": {"value": "edge"}, "members": [{"id": device}]})
    assert network.peers("CoreStandardGroup", group, "members") == {device}
    assert network.peers("NetDevice", device, "member_of_groups") == {group}


def test_a_peer_named_by_hfid_and_kind_when_the_peer_is_a_generic(network: Network, device: str) -> None:
    network.create("CoreStandardGroup", {"name": {"value": "edge"}})
    network.update(
        "NetDevice", {"id": device, "member_of_groups": [{"hfid": ["edge"], "kind": "CoreStandardGroup"}]}
    )
    assert len(network.peers("NetDevice", device, "member_of_groups")) == 1


def _error(network: Network, kind: str, data: dict[str, Any]) -> InfrahubError:
    with pytest.raises(InfrahubError) as caught:
        network.create(kind, data)
    return caught.value


@pytest.mark.parametrize(
    ("data", "error_type", "code", "message"),
    [
        (
            lambda site: {"role": {"value": "spine"}, "site": {"id": site}},
            AttributeRequiredError,
            "ATTRIBUTE_REQUIRED",
            "name is mandatory for NetDevice at name",
        ),
        (
            lambda site: {"name": {"value": "x"}, "role": {"value": "spine"}},
            AttributeRequiredError,
            "ATTRIBUTE_REQUIRED",
            "site is mandatory for NetDevice at site",
        ),
        (
            lambda site: {
                "name": {"value": "x"},
                "role": {"value": "spine"},
                "site": {"id": site},
                "asn": {"value": "65000"},
            },
            AttributeInvalidTypeError,
            "ATTRIBUTE_INVALID_TYPE",
            "65000 is not a valid Number at asn",
        ),
        (
            lambda site: {"name": {"value": "x"}, "role": {"value": "core"}, "site": {"id": site}},
            AttributeConstraintError,
            "ATTRIBUTE_CONSTRAINT_VIOLATION",
            "core must be one of 'leaf, spine' at role",
        ),
        (
            lambda site: {
                "name": {"value": "x"},
                "role": {"value": "leaf"},
                "status": {"value": "gone"},
                "site": {"id": site},
            },
            AttributeConstraintError,
            "ATTRIBUTE_CONSTRAINT_VIOLATION",
            "gone must be one of ['active', 'planned', 'maintenance', 'decommissioned'] at status",
        ),
        (
            lambda site: {
                "name": {"value": "x"},
                "role": {"value": "leaf"},
                "site": {"id": site},
                "colour": {"value": "red"},
            },
            ValidationError,
            "UNDEFINED_ERROR",
            "colour is not a valid field of NetDevice at colour",
        ),
        (
            lambda site: {
                "name": {"value": "x"},
                "role": {"value": "leaf"},
                "site": {"id": site},
                "asn": {"value": 1, "from_pool": {"id": "p"}},
            },
            ValidationError,
            "UNDEFINED_ERROR",
            "from_pool is not supported for asn at asn",
        ),
    ],
    ids=[
        "missing-attribute",
        "missing-relationship",
        "wrong-type",
        "dropdown",
        "enum",
        "unknown-field",
        "pool",
    ],
)
def test_invalid_input_is_refused_with_the_protocol_code(
    network: Network,
    site: str,
    data: Callable[[str], dict[str, Any]],
    error_type: type,
    code: str,
    message: str,
) -> None:
    error = _error(network, "NetDevice", data(site))
    assert type(error) is error_type
    assert (error.code, error.http_status, error.message) == (code, 422, message)
    assert error.data["node_kind"] == "NetDevice"
    assert network.ids("NetDevice") == []


def test_read_only_fields_are_refused(network: Network) -> None:
    error = _error(
        network,
        "CoreGraphQLQuery",
        {"name": {"value": "q"}, "query": {"value": "{ a }"}, "depth": {"value": 3}},
    )
    assert error.message == "depth is read-only for CoreGraphQLQuery at depth"
    assert error.data == {"node_kind": "CoreGraphQLQuery", "field_name": "depth"}


def test_a_missing_peer_is_not_found(network: Network) -> None:
    error = _error(
        network,
        "NetDevice",
        {"name": {"value": "x"}, "role": {"value": "leaf"}, "site": {"hfid": ["nowhere"]}},
    )
    assert isinstance(error, NodeNotFoundError)
    assert (error.code, error.http_status) == ("NODE_NOT_FOUND", 404)
    assert error.message == "Unable to find the node ['nowhere'] / NetSite in the database."


def test_a_peer_of_the_wrong_kind_is_refused(network: Network, region: str) -> None:
    error = _error(
        network, "NetDevice", {"name": {"value": "x"}, "role": {"value": "leaf"}, "site": {"id": region}}
    )
    assert error.message == "NetRegion is not a valid peer for site, expected NetSite at site"
    assert error.data == {"node_kind": "NetDevice", "field_name": "site"}


def test_cardinality_one_takes_one_peer(network: Network, site: str) -> None:
    error = _error(
        network, "NetDevice", {"name": {"value": "x"}, "role": {"value": "leaf"}, "site": [{"id": site}]}
    )
    assert error.message == "site takes one related node, not a list at site"


def test_unknown_and_generic_kinds_are_refused(network: Network) -> None:
    assert isinstance(_error(network, "NetRouter", {}), SchemaNotFoundError)
    assert _error(network, "NetPlace", {"name": {"value": "x"}}).message.startswith("NetPlace is a generic")


def test_a_refused_create_leaves_no_partial_write(network: Network, site: str) -> None:
    def create_then_fail(service: Any) -> None:
        service.create("NetPlatform", {"name": {"value": "eos"}})
        with pytest.raises(NodeNotFoundError):
            service.create(
                "NetDevice",
                {
                    "name": {"value": "x"},
                    "role": {"value": "leaf"},
                    "site": {"id": site},
                    "platform": {"hfid": ["junos"]},
                },
            )

    network.run(create_then_fail)
    assert len(network.ids("NetPlatform")) == 1
    assert network.ids("NetDevice") == []
