"""Hosts and groups built from a query response, compared as whole `Inventory.dict()` structures."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from nornir.core.inventory import Hosts, Inventory

from nornir_plugin._files import load_defaults, load_groups
from nornir_plugin._hosts import add_hosts, slugify
from nornir_plugin._options import HostKind
from nornir_plugin._paths import SchemaLookup
from nornir_plugin._plan import KindPlan, plan_host_kind

HOST_KIND = HostKind(
    kind="NetDevice",
    schema_mappings={
        "hostname": "primary_address.address",
        "platform": "platform.nornir_platform",
        "port": "asn",
    },
    group_mappings=("site.name", "site.parent.name", "interfaces.name"),
    data_mappings={"interfaces": "interfaces.name", "region": "site.parent.name", "site_id": "site.id"},
)


def device(name: str | None, **fields: Any) -> dict[str, Any]:
    return {"node": {"id": f"id-{name}", "__typename": "NetDevice", "name": {"value": name}, **fields}}


def one(**attributes: Any) -> dict[str, Any]:
    return {"node": {key: {"value": value} for key, value in attributes.items()}}


def many(*names: str) -> dict[str, Any]:
    return {"edges": [{"node": {"name": {"value": name}}} for name in names]}


def member_of(*groups: tuple[str, str]) -> dict[str, Any]:
    return {"edges": [{"node": {"__typename": kind, "name": {"value": name}}} for kind, name in groups]}


EDGES = [
    device(
        "atl1-leaf1",
        primary_address=one(address="10.0.0.1/32"),
        platform=one(nornir_platform="arista_eos"),
        asn={"value": 65001},
        site={"node": {"id": "site-1", "name": {"value": "Atlanta 1"}, "parent": one(name="North America")}},
        interfaces=many("Ethernet1", "Ethernet2"),
        member_of_groups=member_of(("CoreStandardGroup", "core-routers"), ("CoreGeneratorGroup", "gen-1")),
    ),
    device(
        "lab-1",
        primary_address=None,
        platform={"node": None},
        asn={"value": None},
        site={"node": {"id": "site-2", "name": {"value": "Lab"}, "parent": {"node": None}}},
        interfaces={"edges": []},
        member_of_groups={"edges": []},
    ),
    device(None, primary_address=None),
]


def empty_group(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "connection_options": {},
        "groups": [],
        "data": {},
        "hostname": None,
        "port": None,
        "username": None,
        "password": None,
        "platform": None,
        **fields,
    }


@pytest.fixture
def plan(schema_of: SchemaLookup) -> KindPlan:
    return plan_host_kind("host_node", HOST_KIND, schema_of)


def test_hosts_and_groups_from_a_response(
    plan: KindPlan, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "defaults.yaml").write_text("username: admin\ndata:\n  ntp: 10.1.1.1\n")
    (tmp_path / "group.yaml").write_text(
        "all-sites: {data: {syslog: 10.9.9.9}}\nsite__atlanta-1:\n  platform: eos\n  groups: [all-sites]\n"
    )
    defaults = load_defaults(tmp_path / "defaults.yaml")
    groups = load_groups(tmp_path / "group.yaml", defaults)
    hosts = Hosts()
    with caplog.at_level(logging.WARNING):
        add_hosts(plan, EDGES, hosts, groups, defaults)

    assert Inventory(hosts=hosts, groups=groups, defaults=defaults).dict() == {
        "hosts": {
            "atl1-leaf1": {
                "name": "atl1-leaf1",
                "connection_options": {},
                "groups": [
                    "core-routers",
                    "site__atlanta-1",
                    "site__north-america",
                    "interfaces__ethernet1",
                    "interfaces__ethernet2",
                ],
                "data": {
                    "infrahub": {"id": "id-atl1-leaf1", "kind": "NetDevice"},
                    "interfaces": ["Ethernet1", "Ethernet2"],
                    "region": "North America",
                    "site_id": "site-1",
                },
                "hostname": "10.0.0.1",
                "port": 65001,
                "username": None,
                "password": None,
                "platform": "arista_eos",
            },
            "lab-1": {
                "name": "lab-1",
                "connection_options": {},
                "groups": ["site__lab"],
                "data": {
                    "infrahub": {"id": "id-lab-1", "kind": "NetDevice"},
                    "interfaces": [],
                    "region": None,
                    "site_id": "site-2",
                },
                "hostname": None,
                "port": None,
                "username": None,
                "password": None,
                "platform": None,
            },
        },
        "groups": {
            "all-sites": empty_group("all-sites", data={"syslog": "10.9.9.9"}),
            "site__atlanta-1": empty_group("site__atlanta-1", platform="eos", groups=["all-sites"]),
            "core-routers": empty_group("core-routers"),
            "site__north-america": empty_group("site__north-america"),
            "interfaces__ethernet1": empty_group("interfaces__ethernet1"),
            "interfaces__ethernet2": empty_group("interfaces__ethernet2"),
            "site__lab": empty_group("site__lab"),
        },
        "defaults": {
            "data": {"ntp": "10.1.1.1"},
            "connection_options": {},
            "hostname": None,
            "port": None,
            "username": "admin",
            "password": None,
            "platform": None,
        },
    }
    assert [record.getMessage() for record in caplog.records] == [
        "NetDevice id-None has no name: not added to the inventory"
    ]
    lab = hosts["lab-1"]
    assert (lab.username, lab["ntp"]) == ("admin", "10.1.1.1")
    assert (hosts["atl1-leaf1"].platform, hosts["atl1-leaf1"]["syslog"]) == ("arista_eos", "10.9.9.9")


def test_a_second_node_with_the_same_name_is_skipped_with_a_warning(
    plan: KindPlan, caplog: pytest.LogCaptureFixture
) -> None:
    hosts = Hosts()
    first, second = device("r1", asn={"value": 1}), device("r1", asn={"value": 2})
    second["node"]["id"] = "other"
    with caplog.at_level(logging.WARNING):
        add_hosts(
            plan,
            [first, second],
            hosts,
            load_groups(Path("/nonexistent"), load_defaults(Path("/nonexistent"))),
            load_defaults(Path("/nonexistent")),
        )
    assert hosts["r1"].port == 1
    assert [record.getMessage() for record in caplog.records] == [
        "host 'r1' is already in the inventory: NetDevice other skipped"
    ]


def test_the_sdk_node_is_fetched_only_when_a_task_asks_for_it(plan: KindPlan) -> None:
    fetched: list[tuple[str, str]] = []

    def load_node(kind: str, node_id: str) -> str:
        fetched.append((kind, node_id))
        return f"<{kind} {node_id}>"

    defaults = load_defaults(Path("/nonexistent"))
    hosts = Hosts()
    add_hosts(plan, [device("r1")], hosts, load_groups(Path("/nonexistent"), defaults), defaults, load_node)
    assert "InfrahubNode" not in hosts["r1"].dict()["data"]
    assert fetched == []
    assert hosts["r1"]["InfrahubNode"] == "<NetDevice id-r1>"
    assert hosts["r1"].data["InfrahubNode"] == "<NetDevice id-r1>"
    assert fetched == [("NetDevice", "id-r1")]
    with pytest.raises(KeyError):
        hosts["r1"].data["missing"]


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("Atlanta 1", "atlanta-1"),
        ("  São Paulo / DC-2 ", "sao-paulo-dc-2"),
        ("O'Hare", "o-hare"),
        ("Zürich_Nord", "zurich-nord"),
        ("東京", "東京"),
        ("1,000 racks", "1000-racks"),
        ("R&amp;D", "r-d"),
        (65001, "65001"),
        (None, ""),
    ],
)
def test_group_names_are_slugified_like_nornir_infrahub(value: object, slug: str) -> None:
    assert slugify(value) == slug


def test_iphost_names_and_groups_are_bare_addresses(schema_of: SchemaLookup) -> None:
    host_kind = HostKind(
        kind="NetAddress",
        schema_mappings={"name": "address"},
        group_mappings=("address",),
        data_mappings={"cidr": "address"},
    )
    plan = plan_host_kind("host_node", host_kind, schema_of)
    defaults = load_defaults(Path("/nonexistent"))
    hosts = Hosts()
    edge = {"node": {"id": "a1", "__typename": "NetAddress", "address": {"value": "2001:db8::1/128"}}}
    add_hosts(plan, [edge], hosts, load_groups(Path("/nonexistent"), defaults), defaults)
    host = hosts["2001:db8::1"]
    assert ([group.name for group in host.groups], host.data["cidr"]) == (
        ["address__2001-db8-1"],
        "2001:db8::1/128",
    )
