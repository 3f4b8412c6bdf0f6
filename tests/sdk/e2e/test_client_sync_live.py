"""The sync client against a real server subprocess on loopback: one server for the module, so each
test works on names of its own."""

from __future__ import annotations

from typing import Any

import pytest

from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.exceptions import GraphQLError, NodeNotFoundError

from .harness import network_schema

pytestmark = pytest.mark.e2e


def _references(client: InfrahubClientSync, prefix: str) -> dict[str, Any]:
    region = client.create(kind="NetRegion", name=f"{prefix}-region")
    region.save()
    site = client.create(kind="NetSite", name=f"{prefix}-site", parent=region)
    site.save()
    platform = client.create(kind="NetPlatform", name=f"{prefix}-frr")
    platform.save()
    role = client.create(kind="NetDeviceRole", name=f"{prefix}-leaf")
    role.save()
    return {"site": site, "platform": platform, "role": role}


def test_schema_load_again_changes_nothing(sync_client: InfrahubClientSync) -> None:
    response = sync_client.schema.load([network_schema()])
    assert (response.schema_updated, response.errors) == (False, {})
    assert sync_client.schema.get(kind="NetDevice").human_friendly_id == ["name__value"]


def test_crud_and_pagination(sync_client: InfrahubClientSync) -> None:
    refs = _references(sync_client, "crud")
    for number in range(1, 7):
        sync_client.create(kind="NetDevice", name=f"crud{number}", asn=number, **refs).save()
    # six devices with pages of three: the last page is full and the client must stop there
    assert sync_client.count(kind="NetDevice", site__ids=[refs["site"].id]) == 6
    devices = sync_client.filters(kind="NetDevice", site__ids=[refs["site"].id])
    assert sorted(device.name.value for device in devices) == [f"crud{number}" for number in range(1, 7)]
    parallel = sync_client.filters(kind="NetDevice", site__ids=[refs["site"].id], parallel=True)
    assert {device.id for device in parallel} == {device.id for device in devices}

    device = sync_client.get(kind="NetDevice", hfid=["crud1"])
    device.description.value = "changed"
    device.save()
    assert sync_client.get(kind="NetDevice", id=device.id).description.value == "changed"

    upserted = sync_client.create(kind="NetDevice", name="crud1", asn=99, **refs)
    upserted.save(allow_upsert=True)
    assert upserted.id == device.id
    assert sync_client.get(kind="NetDevice", id=device.id).asn.value == 99

    sync_client.delete(kind="NetDevice", id=device.id)
    with pytest.raises(NodeNotFoundError):
        sync_client.get(kind="NetDevice", id=device.id)

    duplicate = sync_client.create(kind="NetDevice", name="crud2", **refs)
    with pytest.raises(GraphQLError, match="crud2"):
        duplicate.save()


def test_branch_isolation_batch_and_tracking(sync_client: InfrahubClientSync) -> None:
    refs = _references(sync_client, "branch")
    sync_client.branch.create("sync-feature", wait_until_completion=True)
    assert "sync-feature" in sync_client.branch.all()

    batch = sync_client.create_batch()
    for number in range(4):
        node = sync_client.create(kind="NetDevice", branch="sync-feature", name=f"branch{number}", **refs)
        batch.add(task=node.save, node=node)
    assert len(list(batch.execute())) == 4
    assert sync_client.count(kind="NetDevice", branch="sync-feature", site__ids=[refs["site"].id]) == 4
    assert sync_client.count(kind="NetDevice", site__ids=[refs["site"].id]) == 0

    for names in (["t1", "t2"], ["t2"]):
        with sync_client.start_tracking(identifier="sync-tracking", delete_unused_nodes=True) as tracked:
            for name in names:
                tracked.create(kind="NetDevice", name=name, **refs).save(allow_upsert=True)
    remaining = sync_client.filters(kind="NetDevice", name__values=["t1", "t2"])
    assert [node.name.value for node in remaining] == ["t2"]
