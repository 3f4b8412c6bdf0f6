"""load_identities: HFIDs and display labels of many nodes, peers loaded in batches."""

from __future__ import annotations

from collections.abc import Callable

from node_harness import Network

from infrahub_server.nodes import Identity, identity_paths, load_identities
from infrahub_server.store import Snapshot


def test_identities_of_nodes_of_several_kinds(
    network: Network, device: str, make_device: Callable[..., str], make_interface: Callable[[str, str], str]
) -> None:
    other = make_device("atl1-edge2")
    interfaces = [
        make_interface(device, "eth0"),
        make_interface(other, "eth0"),
        make_interface(other, "eth1"),
    ]
    cable = network.create(
        "NetCable", {"endpoint_a": {"id": interfaces[0]}, "endpoint_b": {"id": interfaces[1]}}
    )
    wanted = sorted(identity_paths(network.schema.get("NetInterface")).attributes)

    with network.store.reader(Snapshot("main")) as reader:
        nodes = reader.get_nodes([*interfaces, device, cable], wanted)
        identities = load_identities(network.schema, reader, list(nodes.values()))

    assert identities == {
        interfaces[0]: Identity(["atl1-edge1", "eth0"], "eth0"),
        interfaces[1]: Identity(["atl1-edge2", "eth0"], "eth0"),
        interfaces[2]: Identity(["atl1-edge2", "eth1"], "eth1"),
        device: Identity(["atl1-edge1"], "atl1-edge1"),
        cable: Identity(None, f"NetCable(ID: {cable})"),
    }
