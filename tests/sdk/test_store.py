"""`client.store`: nodes found again by id, HFID or key, per branch."""

from __future__ import annotations

from typing import Any

import pytest

from infrahub_sdk import InfrahubClient
from infrahub_sdk.exceptions import NodeInvalidError, NodeNotFoundError
from infrahub_sdk.node import InfrahubNode

from .conftest import DEVICE_ID, SITE_ID


@pytest.fixture
def client(schema_body: dict[str, Any]) -> InfrahubClient:
    client = InfrahubClient(address="http://infrahub.test")
    client.schema.set_cache(schema_body)
    return client


def node(client: InfrahubClient, kind: str, **data: Any) -> InfrahubNode:
    return InfrahubNode(client=client, schema=client.schema.cache["main"].nodes[kind], data=data)


def test_found_by_id_hfid_and_key(client: InfrahubClient) -> None:
    site = node(client, "InfraSite", id=SITE_ID, name={"value": "atl1"})
    client.store.set(site, key="home")
    assert client.store.get(SITE_ID) is site
    assert client.store.get("InfraSite__atl1") is site
    assert client.store.get(["atl1"], kind="InfraSite") is site
    assert client.store.get_by_hfid("InfraSite__atl1") is site
    assert client.store.get("home") is site
    assert client.store.count() == 1


def test_kind_mismatch_and_absence(client: InfrahubClient) -> None:
    client.store.set(node(client, "InfraSite", id=SITE_ID, name={"value": "atl1"}))
    with pytest.raises(NodeInvalidError, match="different kind instead of InfraDevice"):
        client.store.get(SITE_ID, kind="InfraDevice")
    with pytest.raises(NodeNotFoundError, match="Unable to find the node 'nope' in the store"):
        client.store.get("nope")
    assert client.store.get("nope", raise_when_missing=False) is None


def test_branches_are_kept_apart(client: InfrahubClient) -> None:
    client.store.set(node(client, "InfraSite", id=SITE_ID, name={"value": "atl1"}), branch="feat")
    assert client.store.get(SITE_ID, raise_when_missing=False) is None
    assert client.store.get(SITE_ID, branch="feat").id == SITE_ID


def test_hfid_through_a_peer_in_the_store(client: InfrahubClient, schema_body: dict[str, Any]) -> None:
    schema_body = {**schema_body, "nodes": [dict(item) for item in schema_body["nodes"]]}
    schema_body["nodes"][0]["human_friendly_id"] = ["site__name__value", "name__value"]
    client.schema.set_cache(schema_body)
    site = node(client, "InfraSite", id=SITE_ID, name={"value": "atl1"})
    device = node(client, "InfraDevice", id=DEVICE_ID, name={"value": "r1"}, site={"node": {"id": SITE_ID}})
    assert device.hfid is None
    client.store.set(site)
    assert device.hfid == ["atl1", "r1"]
    assert device.hfid_str == "InfraDevice__atl1__r1"
