"""nornir-infrahub 1.2.0's own integration scenario (schema, data, assertions, including its
`test-branch`) against our server."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import LiveServer, OfficialClients, run_official

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

SCENARIO = """\
import os

from infrahub_sdk import InfrahubClientSync
from nornir_infrahub.plugins.inventory.infrahub import InfrahubInventory

ADDRESS = os.environ["INFRAHUB_ADDRESS"]
TOKEN = os.environ["INFRAHUB_API_TOKEN"]

SCHEMA = {
    "version": "1.0",
    "nodes": [
        {"name": "Platform", "namespace": "Infra", "default_filter": "name__value",
         "attributes": [{"name": "name", "kind": "Text", "unique": True},
                        {"name": "nornir_platform", "kind": "Text"}]},
        {"name": "Site", "namespace": "Infra", "default_filter": "name__value",
         "attributes": [{"name": "name", "kind": "Text", "unique": True}]},
        {"name": "IPAddress", "namespace": "Infra", "default_filter": "address__value",
         "attributes": [{"name": "address", "kind": "IPHost"}]},
        {"name": "Device", "namespace": "Infra", "default_filter": "name__value",
         "attributes": [{"name": "name", "kind": "Text", "unique": True}],
         "relationships": [
             {"name": "platform", "peer": "InfraPlatform", "cardinality": "one", "optional": True},
             {"name": "site", "peer": "InfraSite", "cardinality": "one", "optional": True},
             {"name": "primary_address", "peer": "InfraIPAddress", "cardinality": "one", "optional": True}]},
    ],
}


def seed(client: InfrahubClientSync) -> None:
    client.schema.load(schemas=[SCHEMA], wait_until_converged=True)
    platforms = {}
    for name, nornir_platform in (("eos", "arista_eos"), ("junos", "juniper_junos")):
        platforms[name] = client.create(kind="InfraPlatform", data={"name": {"value": name}, "nornir_platform": {"value": nornir_platform}})
        platforms[name].save()
    sites = {}
    for name in ("chicago", "nyc"):
        sites[name] = client.create(kind="InfraSite", data={"name": {"value": name}})
        sites[name].save()
    devices = {}
    for index, (name, site, platform) in enumerate(
        (("router-1", "chicago", "eos"), ("router-2", "chicago", "junos"), ("switch-1", "nyc", "eos")), start=1
    ):
        address = client.create(kind="InfraIPAddress", data={"address": {"value": f"10.0.0.{index}/32"}})
        address.save()
        devices[name] = client.create(kind="InfraDevice", data={
            "name": {"value": name}, "site": {"id": sites[site].id},
            "platform": {"id": platforms[platform].id}, "primary_address": {"id": address.id}})
        devices[name].save()
    group = client.create(kind="CoreStandardGroup", data={"name": {"value": "core-routers"}, "label": {"value": "Core Routers"}})
    group.save()
    router = devices["router-1"]
    router.member_of_groups.fetch()
    router.member_of_groups.add(group.id)
    router.save()

    client.branch.create("test-branch", wait_until_completion=True)
    address = client.create(kind="InfraIPAddress", branch="test-branch", data={"address": {"value": "10.0.0.4/32"}})
    address.save()
    client.create(kind="InfraDevice", branch="test-branch", data={
        "name": {"value": "router-3"}, "site": {"id": sites["nyc"].id},
        "platform": {"id": platforms["eos"].id}, "primary_address": {"id": address.id}}).save()


def inventory(**options):
    return InfrahubInventory(address=ADDRESS, token=TOKEN, **options).load()


seed(InfrahubClientSync(address=ADDRESS))

hosts = inventory(host_node={"kind": "InfraDevice"}).hosts
assert set(hosts) == {"router-1", "router-2", "switch-1"}, set(hosts)

mapped = inventory(
    host_node={"kind": "InfraDevice", "include": ["primary_address", "platform"]},
    schema_mappings=[{"name": "hostname", "mapping": "primary_address.address"},
                     {"name": "platform", "mapping": "platform.nornir_platform"}],
).hosts
assert {name: (host.hostname, host.platform) for name, host in mapped.items()} == {
    "router-1": ("10.0.0.1", "arista_eos"),
    "router-2": ("10.0.0.2", "juniper_junos"),
    "switch-1": ("10.0.0.3", "arista_eos"),
}

by_site = inventory(host_node={"kind": "InfraDevice", "include": ["site"]}, group_mappings=["site.name"])
assert {"site__chicago", "site__nyc"} <= set(by_site.groups)
members = {group: {name for name, host in by_site.hosts.items() if any(g.name == group for g in host.groups)}
           for group in ("site__chicago", "site__nyc")}
assert members == {"site__chicago": {"router-1", "router-2"}, "site__nyc": {"switch-1"}}, members

grouped = inventory(host_node={"kind": "InfraDevice"})
assert "core-routers" in grouped.groups
assert {name for name, host in grouped.hosts.items() if any(g.name == "core-routers" for g in host.groups)} == {"router-1"}

assert set(inventory(host_node={"kind": "InfraDevice", "filters": {"site__name__value": "chicago"}}).hosts) == {"router-1", "router-2"}
assert set(inventory(host_node={"kind": "InfraDevice", "filters": {"platform__name__value": "eos"}}).hosts) == {"router-1", "switch-1"}
assert set(inventory(host_node={"kind": "InfraDevice"}, branch="main").hosts) == {"router-1", "router-2", "switch-1"}
assert set(inventory(host_node={"kind": "InfraDevice"}, branch="test-branch").hosts) == {
    "router-1", "router-2", "switch-1", "router-3"}
print("scenario passed")
"""


def test_nornir_infrahub_integration_scenario(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    result = run_official(official_clients, live_server, SCENARIO, tmp_path)

    assert "scenario passed" in result.stdout
