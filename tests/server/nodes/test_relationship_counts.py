"""Cardinality checks of a relationship's peer count, with Infrahub's messages."""

from __future__ import annotations

import pytest
from node_harness import Network

from infrahub_server.errors import AttributeConstraintError, AttributeRequiredError
from infrahub_server.nodes.relationships import check_count
from infrahub_server.schema.models import RelationshipSchema


def test_counts_within_bounds_pass() -> None:
    rel = RelationshipSchema(name="tags", peer="BuiltinTag", min_count=1, max_count=2, optional=True)
    check_count("NetDevice", rel, 1)
    check_count("NetDevice", rel, 2)


@pytest.mark.parametrize(
    ("rel", "count", "error_type", "message"),
    [
        (
            RelationshipSchema(name="tags", peer="BuiltinTag", max_count=2),
            3,
            AttributeConstraintError,
            "Too many relationships, max 2 at tags",
        ),
        (
            RelationshipSchema(name="tags", peer="BuiltinTag", min_count=2),
            1,
            AttributeConstraintError,
            "Too few relationships, min 2 at tags",
        ),
        (
            RelationshipSchema(name="site", peer="NetSite", optional=False),
            0,
            AttributeRequiredError,
            "site is mandatory for NetDevice at site",
        ),
    ],
)
def test_counts_out_of_bounds_are_refused(
    rel: RelationshipSchema, count: int, error_type: type[Exception], message: str
) -> None:
    with pytest.raises(error_type) as caught:
        check_count("NetDevice", rel, count)
    assert str(caught.value) == message


def test_max_count_of_a_many_relationship_through_the_service(network: Network, device: str) -> None:
    schema = network.schema.get("NetDevice")
    limited = network.with_kind_changes(
        "NetDevice",
        relationships=[
            rel.model_copy(update={"max_count": 1}) if rel.name == "member_of_groups" else rel
            for rel in schema.relationships
        ],
    )
    first, second = (network.create("CoreStandardGroup", {"name": {"value": name}}) for name in ("a", "b"))
    limited.run(lambda service: service.relationship_add(device, "member_of_groups", [{"id": first}]))
    with pytest.raises(
        AttributeConstraintError, match=r"^Too many relationships, max 1 at member_of_groups$"
    ):
        limited.run(lambda service: service.relationship_add(device, "member_of_groups", [{"id": second}]))
    assert network.peers("NetDevice", device, "member_of_groups") == {first}
