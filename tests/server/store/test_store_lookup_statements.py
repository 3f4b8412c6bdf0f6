"""Equality lookups run on statements built once and reused: they must find what the general
statement finds, whatever the values, orderings, pages, branches and snapshots."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infrahub_server.store import AttributeFilter, AttributeRecord, OrderBy, Snapshot, Store

ALWAYS = AttributeFilter("name", "notnull")
"""True for every device; not an equality, so a find with it takes the general statement."""


@pytest.fixture
def devices(store: Store) -> datetime:
    with store.change_set("main", actor_id=None) as writer:
        for index in range(12):
            writer.create_node(
                "Device",
                attributes={
                    "name": AttributeRecord(f"dev{index:02}"),
                    "role": AttributeRecord("spine" if index % 3 == 0 else "leaf"),
                    "asn": AttributeRecord(65000 + index % 4),
                    "enabled": AttributeRecord(index % 2 == 0),
                },
            )
    before = datetime.now(UTC)
    store.create_branch("change")
    with store.change_set("change", actor_id=None) as writer:
        for node_id in writer.find_node_ids(["Device"], [AttributeFilter("role", "eq", "spine")]):
            writer.set_attributes(node_id, {"role": AttributeRecord("leaf")})
    return before


@pytest.mark.parametrize(
    "filters",
    [
        [],
        [AttributeFilter("role", "eq", "leaf")],
        [AttributeFilter("asn", "eq", 65001)],
        [AttributeFilter("enabled", "eq", True)],
        [AttributeFilter("role", "eq", "leaf"), AttributeFilter("asn", "eq", 65002)],
        [AttributeFilter("name", "eq", "missing")],
    ],
)
@pytest.mark.parametrize("snapshot", ["main", "change", "past"])
def test_reused_lookup_matches_the_general_statement(
    store: Store, devices: datetime, filters: list[AttributeFilter], snapshot: str
) -> None:
    wanted = Snapshot("main", devices) if snapshot == "past" else Snapshot(snapshot)
    with store.reader(wanted) as reader:
        for order, offset, limit in [
            ((), 0, None),
            ((), 0, 1),
            ((OrderBy(attribute="name", descending=True),), 2, 3),
            ((OrderBy(attribute="asn"),), 0, 50),
        ]:
            found = reader.find_node_ids(["Device"], filters, order, offset, limit)
            assert found == reader.find_node_ids(["Device"], [*filters, ALWAYS], order, offset, limit)
    if snapshot == "change" and filters == [AttributeFilter("role", "eq", "leaf")]:
        assert len(found) == 12
