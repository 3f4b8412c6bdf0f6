"""Tracking groups get the same names as with the official SDK, and record what is saved."""

from __future__ import annotations

from infrahub_sdk import InfrahubClient
from infrahub_sdk.constants import InfrahubClientMode
from infrahub_sdk.query_groups import InfrahubGroupContextBase
from infrahub_sdk.utils import dict_hash


def test_dict_hash_matches_the_official_sdk() -> None:
    # md5 of ujson.dumps(..., sort_keys=True), as computed with infrahub-sdk 1.23.2's own helper.
    assert (
        dict_hash({"vlan": 10, "tags": ["é", "x"], "device": "atl1/edge1"})
        == "1eee9b5a72c6eabff4ef80828fe9dd61"
    )


def test_group_name_and_description() -> None:
    context = InfrahubGroupContextBase()
    context.set_properties(identifier="gen-topology", params={"site": "atl1"})
    assert context._generate_group_name() == f"gen-topology-{dict_hash({'site': 'atl1'})}"
    assert context._get_params_as_str() == "site: atl1"
    context.set_properties(identifier="gen-topology")
    assert context._generate_group_name() == "gen-topology"


def test_start_tracking_records_saved_ids_only_in_tracking_mode() -> None:
    client = InfrahubClient(address="http://infrahub.test")
    client.group_context.add_related_nodes(ids=["a"])
    assert client.group_context.related_node_ids == []

    tracked = client.start_tracking(identifier="gen", params={"x": "1"}, delete_unused_nodes=True)
    assert tracked is client
    assert client.mode == InfrahubClientMode.TRACKING
    client.group_context.add_related_nodes(ids=["n1"])
    client.group_context.add_related_groups(ids=["g1"])
    client.group_context.add_related_nodes(ids=["n2"], update_group_context=False)
    assert (client.group_context.related_node_ids, client.group_context.related_group_ids) == (["n1"], ["g1"])
    assert client.group_context.delete_unused_nodes is True
    assert client.group_context.branch == "main"
