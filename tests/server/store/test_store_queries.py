"""find_node_ids and count_nodes: every filter, orderings and pagination, all evaluated in SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from store_helpers import values

from infrahub_server.store import (
    AnyAttributeFilter,
    AttributeFilter,
    AttributeRecord,
    Filter,
    MetadataFilter,
    OrderBy,
    RelationshipFilter,
    Snapshot,
    Store,
)

MAIN = Snapshot("main")


@pytest.fixture
def network(store: Store) -> dict[str, str]:
    """Three devices on two sites, with varied values, properties and a tag."""
    with store.change_set("main", actor_id="alice") as writer:
        ids = {
            "atl": writer.create_node("TestSite", attributes=values(name="atl", rank=2)),
            "bos": writer.create_node("TestSite", attributes=values(name="bos", rank=1)),
            "red": writer.create_node("TestTag", attributes=values(name="red")),
            "edge1": writer.create_node(
                "TestDevice",
                attributes={
                    **values(name="Edge-1", asn=65001, enabled=True, role="edge", labels=["a", "b"]),
                    "description": AttributeRecord(None, is_default=True),
                    "serial": AttributeRecord("S1", is_protected=True, owner_id="owner-1"),
                },
            ),
            "core1": writer.create_node(
                "TestDevice",
                attributes=values(
                    name="core-1", asn=65002, enabled=False, role="core", description="Main core"
                ),
            ),
            "edge2": writer.create_node(
                "TestDevice",
                attributes=values(name="edge-2", asn=64999, enabled=True, role=None, description="edge two"),
            ),
        }
        writer.add_edge("device__site", ids["edge1"], ids["atl"])
        writer.add_edge("device__site", ids["core1"], ids["atl"])
        writer.add_edge("device__site", ids["edge2"], ids["bos"])
        writer.add_edge("device__tag", ids["edge1"], ids["red"])
    return ids


def find(store: Store, *filters: Filter, kinds: tuple[str, ...] = ("TestDevice",)) -> set[str]:
    with store.reader(MAIN) as reader:
        found = reader.find_node_ids(list(kinds), list(filters))
        assert reader.count_nodes(list(kinds), list(filters)) == len(found)
    return set(found)


def names(network: dict[str, str], ids: set[str] | list[str]) -> set[str]:
    by_id = {node_id: name for name, node_id in network.items()}
    return {by_id[node_id] for node_id in ids}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (AttributeFilter("name", "eq", "core-1"), {"core1"}),
        (AttributeFilter("asn", "eq", 65001), {"edge1"}),
        (AttributeFilter("enabled", "eq", False), {"core1"}),
        (AttributeFilter("labels", "eq", ["a", "b"]), {"edge1"}),
        (AttributeFilter("name", "in", ["core-1", "edge-2", "other"]), {"core1", "edge2"}),
        (AttributeFilter("asn", "in", [65001, 64999]), {"edge1", "edge2"}),
        (AttributeFilter("name", "in", []), set()),
        (AttributeFilter("description", "isnull"), {"edge1"}),
        (AttributeFilter("role", "isnull"), {"edge2"}),
        (AttributeFilter("serial", "isnull"), {"core1", "edge2"}),
        (AttributeFilter("description", "notnull"), {"core1", "edge2"}),
        (AttributeFilter("name", "contains", "edge"), {"edge2"}),
        (AttributeFilter("name", "icontains", "EDGE"), {"edge1", "edge2"}),
        (AttributeFilter("asn", "before", 65001), {"edge2"}),
        (AttributeFilter("asn", "after", 65001), {"core1"}),
        (AttributeFilter("name", "after", "d"), {"edge2"}),
        (AttributeFilter("serial", "eq", True, prop="is_protected"), {"edge1"}),
        (AttributeFilter("serial", "eq", "owner-1", prop="owner_id"), {"edge1"}),
        (AttributeFilter("serial", "isnull", prop="owner_id"), {"core1", "edge2"}),
        (AnyAttributeFilter("icontains", "core"), {"core1"}),
        (AnyAttributeFilter("eq", "edge"), {"edge1"}),
    ],
)
def test_attribute_filters(store: Store, network: dict[str, str], flt: Filter, expected: set[str]) -> None:
    assert names(network, find(store, flt)) == expected


def test_filters_combine_with_and(store: Store, network: dict[str, str]) -> None:
    found = find(store, AttributeFilter("enabled", "eq", True), AttributeFilter("asn", "after", 65000))
    assert names(network, found) == {"edge1"}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (
            RelationshipFilter("device__site", "source", (AttributeFilter("name", "eq", "atl"),)),
            {"edge1", "core1"},
        ),
        (RelationshipFilter("device__site", "either", (AttributeFilter("rank", "eq", 1),)), {"edge2"}),
        (RelationshipFilter("device__tag", "source", isnull=True), {"core1", "edge2"}),
        (RelationshipFilter("device__tag", "source", isnull=False), {"edge1"}),
        (RelationshipFilter("device__site", "source", peer_kinds=("TestTag",)), set()),
        (
            RelationshipFilter(
                "device__site", "source", (RelationshipFilter("device__site", "destination", peer_ids=()),)
            ),
            set(),
        ),
    ],
)
def test_relationship_filters(store: Store, network: dict[str, str], flt: Filter, expected: set[str]) -> None:
    assert names(network, find(store, flt)) == expected


def test_relationship_filter_by_peer_ids_and_inbound(store: Store, network: dict[str, str]) -> None:
    by_peer = RelationshipFilter("device__site", "source", peer_ids=(network["bos"],))
    assert names(network, find(store, by_peer)) == {"edge2"}
    sites_with_core = RelationshipFilter(
        "device__site", "destination", (AttributeFilter("role", "eq", "core"),)
    )
    assert names(network, find(store, sites_with_core, kinds=("TestSite",))) == {"atl"}


def test_metadata_filters(store: Store, network: dict[str, str]) -> None:
    with store.change_set("main", actor_id="bob") as writer:
        writer.set_attributes(network["core1"], values(description="changed"))
        changed_at = writer.info.at
    assert names(network, find(store, MetadataFilter("updated_by", "eq", "bob"))) == {"core1"}
    assert names(network, find(store, MetadataFilter("created_by", "eq", "alice"))) == {
        "edge1",
        "core1",
        "edge2",
    }
    assert names(
        network, find(store, MetadataFilter("updated_at", "after", changed_at - timedelta(microseconds=1)))
    ) == {"core1"}
    assert names(network, find(store, MetadataFilter("created_at", "before", changed_at))) == {
        "edge1",
        "core1",
        "edge2",
    }


def test_default_order_is_creation_order(store: Store, network: dict[str, str]) -> None:
    with store.reader(MAIN) as reader:
        assert reader.find_node_ids(["TestDevice"]) == [network["edge1"], network["core1"], network["edge2"]]
        assert reader.find_node_ids(["TestDevice", "TestSite"])[:2] == [network["atl"], network["bos"]]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ([OrderBy(attribute="asn")], ["edge2", "edge1", "core1"]),
        ([OrderBy(attribute="asn", descending=True)], ["core1", "edge1", "edge2"]),
        ([OrderBy(attribute="name")], ["edge1", "core1", "edge2"]),  # bytewise: "E" < "c" < "e"
        ([OrderBy(attribute="role")], ["core1", "edge1", "edge2"]),
        ([OrderBy(attribute="role", descending=True)], ["edge2", "edge1", "core1"]),
        (
            [OrderBy(attribute="rank", via=("device__site", "source")), OrderBy(attribute="asn")],
            ["edge2", "edge1", "core1"],
        ),
        (
            [OrderBy(attribute="enabled"), OrderBy(attribute="asn", descending=True)],
            ["core1", "edge1", "edge2"],
        ),
    ],
)
def test_orderings(store: Store, network: dict[str, str], order: list[OrderBy], expected: list[str]) -> None:
    with store.reader(MAIN) as reader:
        found = reader.find_node_ids(["TestDevice"], order=order)
    assert found == [network[name] for name in expected]


def test_order_by_metadata(store: Store, network: dict[str, str]) -> None:
    with store.change_set("main", actor_id=None) as writer:
        writer.set_attributes(network["edge1"], values(description="touched"))
        late = writer.create_node("TestDevice", attributes=values(name="late"))
    with store.reader(MAIN) as reader:
        by_update = reader.find_node_ids(
            ["TestDevice"], order=[OrderBy(metadata="updated_at", descending=True)]
        )
        by_creation = reader.find_node_ids(
            ["TestDevice"], order=[OrderBy(metadata="created_at", descending=True)]
        )
    assert by_update[:2] == [network["edge1"], late]
    assert by_creation == [late, network["edge1"], network["core1"], network["edge2"]]


def test_pagination(store: Store) -> None:
    with store.change_set("main", actor_id=None) as writer:
        created = [writer.create_node("TestItem", attributes=values(index=i)) for i in range(25)]
    with store.reader(MAIN) as reader:
        pages = [reader.find_node_ids(["TestItem"], offset=offset, limit=10) for offset in (0, 10, 20)]
        descending = reader.find_node_ids(
            ["TestItem"], order=[OrderBy(attribute="index", descending=True)], offset=5, limit=3
        )
        assert reader.count_nodes(["TestItem"], [AttributeFilter("index", "after", 19)]) == 5
    assert pages[0] + pages[1] + pages[2] == created
    assert [len(page) for page in pages] == [10, 10, 5]
    assert descending == [created[19], created[18], created[17]]
