"""The official SDK's IP allocation calls against our pools."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import LiveServer, OfficialClients, run_official

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

SCENARIO = """\
from infrahub_sdk import InfrahubClientSync

SCHEMA = {
    "version": "1.0",
    "nodes": [
        {"name": "IPPrefix", "namespace": "Lab", "inherit_from": ["BuiltinIPPrefix"]},
        {"name": "IPAddress", "namespace": "Lab", "inherit_from": ["BuiltinIPAddress"]},
    ],
}

client = InfrahubClientSync()
client.schema.load(schemas=[SCHEMA], wait_until_converged=True)
namespace = client.get(kind="IpamNamespace", name__value="default")

loopbacks = client.create(kind="LabIPPrefix", prefix="10.255.0.0/29", member_type="address", ip_namespace=namespace)
loopbacks.save()
links = client.create(kind="LabIPPrefix", prefix="10.0.0.0/24", member_type="prefix", ip_namespace=namespace)
links.save()

address_pool = client.create(
    kind="CoreIPAddressPool", name="loopbacks", default_address_type="LabIPAddress",
    default_prefix_length=32, resources=[loopbacks], ip_namespace=namespace,
)
address_pool.save()
prefix_pool = client.create(
    kind="CoreIPPrefixPool", name="p2p", default_prefix_type="LabIPPrefix", default_prefix_length=31,
    default_member_type="address", resources=[links], ip_namespace=namespace,
)
prefix_pool.save()

first = client.allocate_next_ip_address(resource_pool=address_pool, identifier="leaf1-lo")
again = client.allocate_next_ip_address(resource_pool=address_pool, identifier="leaf1-lo")
second = client.allocate_next_ip_address(resource_pool=address_pool, identifier="leaf2-lo")
assert first.id == again.id, (first.id, again.id)
assert str(first.address.value) != str(second.address.value)
assert str(first.address.value).startswith("10.255.0."), first.address.value

link = client.allocate_next_ip_prefix(resource_pool=prefix_pool, identifier="leaf1-spine1")
assert str(link.prefix.value) == "10.0.0.0/31", link.prefix.value
assert client.allocate_next_ip_prefix(resource_pool=prefix_pool, identifier="leaf1-spine1").id == link.id

client.branch.create(branch_name="other", wait_until_completion=True)
on_branch = client.allocate_next_ip_address(resource_pool=address_pool, identifier="leaf3-lo", branch="other")
used = {str(first.address.value), str(second.address.value)}
assert str(on_branch.address.value) not in used, on_branch.address.value
print("scenario passed")
"""


def test_official_sdk_allocates_from_pools(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    result = run_official(official_clients, live_server, SCENARIO, tmp_path)

    assert "scenario passed" in result.stdout
