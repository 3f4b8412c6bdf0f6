"""The async client against the real server, in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrahub_sdk import InfrahubClient
from infrahub_sdk.exceptions import GraphQLError, NodeNotFoundError
from infrahub_sdk.node import InfrahubNode


async def _seed(client: InfrahubClient, devices: int = 0) -> dict[str, InfrahubNode]:
    region = await client.create(kind="NetRegion", name="emea")
    await region.save()
    site = await client.create(kind="NetSite", name="ams1", parent=region)
    await site.save()
    platform = await client.create(kind="NetPlatform", name="frr", nornir_platform="frr")
    await platform.save()
    role = await client.create(kind="NetDeviceRole", name="leaf")
    await role.save()
    for number in range(1, devices + 1):
        device = await client.create(
            kind="NetDevice",
            name=f"leaf{number:02}",
            site=site,
            platform=platform,
            role=role,
            asn=65000 + number,
        )
        await device.save()
    return {"region": region, "site": site, "platform": platform, "role": role}


async def test_second_schema_load_changes_nothing(client: InfrahubClient) -> None:
    from .harness import network_schema

    again = await client.schema.load([network_schema()])
    assert (again.schema_updated, again.errors) == (False, {})
    success, _details = await client.schema.check([network_schema()])
    assert success
    kinds = await client.schema.all(refresh=True)
    assert {"NetDevice", "NetInterface", "NetPlace"} <= set(kinds)


async def test_get_by_id_hfid_and_filter(client: InfrahubClient) -> None:
    seed = await _seed(client, devices=1)
    device = await client.get(kind="NetDevice", name__value="leaf01")
    by_id = await client.get(kind="NetDevice", id=device.id)
    by_hfid = await client.get(kind="NetDevice", hfid=["leaf01"])
    assert {by_id.id, by_hfid.id} == {device.id}
    assert device.site.id == seed["site"].id
    assert device.asn.value == 65001
    assert device.get_human_friendly_id() == ["leaf01"]
    with pytest.raises(NodeNotFoundError):
        await client.get(kind="NetDevice", name__value="absent")
    assert await client.get(kind="NetDevice", name__value="absent", raise_when_missing=False) is None


@pytest.mark.parametrize("devices", [6, 7])
async def test_all_filters_and_count_across_pages(client: InfrahubClient, devices: int) -> None:
    """Pages of 3: 6 devices is an exact multiple of the page size, 7 is not."""
    await _seed(client, devices=devices)
    names = [node.name.value for node in await client.all(kind="NetDevice")]
    assert sorted(names) == [f"leaf{number:02}" for number in range(1, devices + 1)]
    assert len(await client.all(kind="NetDevice", parallel=True)) == devices
    assert await client.count(kind="NetDevice") == devices
    assert await client.count(kind="NetDevice", asn__value=65002) == 1
    found = await client.filters(kind="NetDevice", name__values=["leaf01", "leaf05"])
    assert sorted(node.name.value for node in found) == ["leaf01", "leaf05"]
    limited = await client.filters(kind="NetDevice", limit=2, offset=1, order=None)
    assert len(limited) == 2


async def test_include_many_relationship(client: InfrahubClient) -> None:
    await _seed(client, devices=1)
    device = await client.get(kind="NetDevice", name__value="leaf01")
    for name in ("eth1", "eth2"):
        interface = await client.create(kind="NetInterface", name=name, device=device, role="uplink")
        await interface.save()
    fetched = await client.get(kind="NetDevice", id=device.id, include=["interfaces"])
    assert sorted(peer.display_label for peer in fetched.interfaces.peers) == ["eth1", "eth2"]
    await fetched.interfaces.fetch()
    assert sorted(peer.peer.name.value for peer in fetched.interfaces.peers) == ["eth1", "eth2"]
    prefetched = await client.get(
        kind="NetDevice", id=device.id, include=["interfaces"], prefetch_relationships=True
    )
    assert sorted(peer.peer.name.value for peer in prefetched.interfaces.peers) == ["eth1", "eth2"]


async def test_update_sends_only_changed_fields(client: InfrahubClient) -> None:
    """A save writes only what changed: an edit made meanwhile by someone else to another field stays."""
    await _seed(client, devices=1)
    device = await client.get(kind="NetDevice", name__value="leaf01")
    meanwhile = await client.get(kind="NetDevice", id=device.id, populate_store=False)
    meanwhile.asn.value = 64512
    await meanwhile.save()
    device.description.value = "first leaf"
    await device.save()
    again = await client.get(kind="NetDevice", id=device.id)
    assert (again.description.value, again.asn.value) == ("first leaf", 64512)


async def test_upsert_finds_the_existing_node(client: InfrahubClient) -> None:
    seed = await _seed(client, devices=1)
    existing = await client.get(kind="NetDevice", name__value="leaf01")
    upserted = await client.create(
        kind="NetDevice",
        name="leaf01",
        site=seed["site"],
        platform=seed["platform"],
        role=seed["role"],
        asn=64999,
    )
    await upserted.save(allow_upsert=True)
    assert upserted.id == existing.id
    assert (await client.get(kind="NetDevice", id=existing.id)).asn.value == 64999
    assert await client.count(kind="NetDevice") == 1


async def test_delete(client: InfrahubClient) -> None:
    await _seed(client, devices=2)
    device = await client.get(kind="NetDevice", name__value="leaf01")
    await device.delete()
    assert await client.count(kind="NetDevice") == 1
    assert await client.get(kind="NetDevice", id=device.id, raise_when_missing=False) is None


async def test_relationship_add_and_remove(client: InfrahubClient) -> None:
    await _seed(client, devices=1)
    device = await client.get(kind="NetDevice", name__value="leaf01")
    interface = await client.create(kind="NetInterface", name="eth1", device=device, role="uplink")
    await interface.save()
    addresses = []
    for value in ("10.0.0.1/31", "10.0.0.3/31"):
        address = await client.create(kind="IpamIPAddress", address=value)
        await address.save()
        addresses.append(address)
    await interface.ip_addresses.fetch()
    interface.ip_addresses.extend(addresses)
    await interface.save()
    fetched = await client.get(kind="NetInterface", id=interface.id, include=["ip_addresses"])
    assert {peer.id for peer in fetched.ip_addresses.peers} == {address.id for address in addresses}
    fetched.ip_addresses.remove(addresses[0].id)
    await fetched.save()
    again = await client.get(kind="NetInterface", id=interface.id, include=["ip_addresses"])
    assert [peer.id for peer in again.ip_addresses.peers] == [addresses[1].id]


async def test_uniqueness_and_mandatory_errors(client: InfrahubClient) -> None:
    seed = await _seed(client, devices=1)
    duplicate = await client.create(
        kind="NetDevice", name="leaf01", site=seed["site"], platform=seed["platform"], role=seed["role"]
    )
    with pytest.raises(GraphQLError, match="leaf01"):
        await duplicate.save()
    missing_site = await client.create(
        kind="NetDevice", name="leaf02", platform=seed["platform"], role=seed["role"]
    )
    with pytest.raises(GraphQLError, match="site"):
        await missing_site.save()
    assert await client.count(kind="NetDevice") == 1


async def test_branch_create_get_all_and_isolation(client: InfrahubClient) -> None:
    seed = await _seed(client, devices=1)
    branch = await client.branch.create("feature-1", description="new leaf", wait_until_completion=True)
    assert not isinstance(branch, str)
    assert (branch.name, branch.description, branch.is_default) == ("feature-1", "new leaf", False)
    assert (await client.branch.get("feature-1")).id == branch.id
    assert set(await client.branch.all()) == {"main", "feature-1"}
    on_branch = await client.create(
        kind="NetDevice",
        branch="feature-1",
        name="leaf02",
        site=seed["site"],
        platform=seed["platform"],
        role=seed["role"],
    )
    await on_branch.save()
    assert await client.count(kind="NetDevice") == 1
    assert await client.count(kind="NetDevice", branch="feature-1") == 2
    scoped = client.clone(branch="feature-1")
    assert len(await scoped.all(kind="NetDevice")) == 2


async def test_batch_creates_every_node(client: InfrahubClient) -> None:
    seed = await _seed(client)
    batch = await client.create_batch()
    for number in range(5):
        device = await client.create(
            kind="NetDevice",
            name=f"spine{number}",
            site=seed["site"],
            platform=seed["platform"],
            role=seed["role"],
        )
        batch.add(task=device.save, node=device)
    results = [node async for node, _ in batch.execute()]
    assert len(results) == 5
    assert await client.count(kind="NetDevice") == 5


async def test_tracking_deletes_unused_nodes(client: InfrahubClient) -> None:
    seed = await _seed(client)

    async def run(names: list[str]) -> None:
        async with client.start_tracking(identifier="fabric-run", delete_unused_nodes=True) as tracked:
            for name in names:
                device = await tracked.create(
                    kind="NetDevice",
                    name=name,
                    site=seed["site"],
                    platform=seed["platform"],
                    role=seed["role"],
                )
                await device.save(allow_upsert=True)

    await run(["leaf1", "leaf2", "leaf3"])
    await run(["leaf1", "leaf3"])
    assert sorted(node.name.value for node in await client.all(kind="NetDevice")) == ["leaf1", "leaf3"]
    group = await client.get(kind="CoreStandardGroup", name__value="fabric-run", include=["members"])
    assert len(group.members.peers) == 2


async def test_login_with_password_and_refresh(tmp_path: Path) -> None:
    from .harness import ADMIN_PASSWORD, in_process_client

    async with in_process_client(
        tmp_path / "db.sqlite", api_token=None, username="admin", password=ADMIN_PASSWORD
    ) as client:
        await client.login()
        first = client.access_token
        assert first
        await client.login(refresh=True)
        assert client.access_token.count(".") == first.count(".") == 2
        profile = await client.execute_graphql("query { AccountProfile { name { value } } }")
        assert profile["AccountProfile"]["name"]["value"] == "admin"


async def test_get_by_default_filter(client: InfrahubClient) -> None:
    """A non-UUID `id` is looked up through the kind's `default_filter`."""
    schema = {
        "version": "1.0",
        "nodes": [
            {
                "name": "Label",
                "namespace": "Testing",
                "default_filter": "name__value",
                "human_friendly_id": ["name__value"],
                "attributes": [{"name": "name", "kind": "Text", "unique": True}],
            }
        ],
    }
    loaded = await client.schema.load([schema], wait_until_converged=True)
    assert loaded.schema_updated, loaded.errors
    label = await client.create(kind="TestingLabel", name="blue")
    await label.save()
    assert (await client.get(kind="TestingLabel", id="blue")).id == label.id


async def test_get_user_reads_the_profile(client: InfrahubClient) -> None:
    profile = await client.get_user()
    assert profile["AccountProfile"]["account_type"]["value"] == "User"
