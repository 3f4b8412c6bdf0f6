"""The kind's branch support decides where its nodes are written."""

from __future__ import annotations

from node_harness import Network

from infrahub_server.nodes import NodeService
from infrahub_server.store import Snapshot


def test_aware_nodes_stay_on_their_branch_and_agnostic_ones_are_everywhere(
    network: Network, site: str
) -> None:
    network.store.create_branch("feature")
    with network.store.change_set("feature", actor_id=None) as writer:
        service = NodeService(network.schema, writer)
        device = service.create(
            "NetDevice",
            {"name": {"value": "atl1-edge9"}, "role": {"value": "leaf"}, "site": {"hfid": ["atl1"]}},
        )
        account = service.create("CoreAccount", {"name": {"value": "ops"}, "password": {"value": "$2b$04$x"}})

    with network.store.reader(Snapshot("feature")) as reader:
        assert set(reader.kinds_of([device, account])) == {device, account}
    with network.store.reader(Snapshot("main")) as reader:
        assert set(reader.kinds_of([device, account])) == {account}
