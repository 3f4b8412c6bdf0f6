"""A schema loaded on a branch changes that branch only, and a merge brings it to main with the data
migration it needs."""

from __future__ import annotations

from branch_harness import Lab

from infrahub_server.branches import branch_details, create_branch, merge_branch
from infrahub_server.migrations import apply_schema_migration, plan_schema_migration
from infrahub_server.schema.models import AttributeSchema, SchemaBranch


def _with_hostname(schema: SchemaBranch) -> SchemaBranch:
    device = schema.nodes["NetDevice"]
    hostname = AttributeSchema(name="hostname", kind="Text", optional=True, default_value="unset")
    changed = device.model_copy(update={"attributes": [*device.attributes, hostname]})
    return schema.model_copy(update={"nodes": {**schema.nodes, "NetDevice": changed}, "hash": "network-v2"})


def test_branch_schema_and_its_migration_land_on_main(lab: Lab) -> None:
    region = lab.create("NetRegion", {"name": {"value": "americas"}})
    site = lab.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})
    old = lab.create("NetDevice", {"name": {"value": "old"}, "role": {"value": "leaf"}, "site": {"id": site}})
    create_branch(lab.store, "schema-v2")
    new_schema = _with_hostname(lab.schema)
    with lab.store.change_set("schema-v2", actor_id=None, message="Load schema") as writer:
        apply_schema_migration(plan_schema_migration(lab.schema, new_schema, writer), writer)
        writer.save_schema(new_schema.to_api_payload(), "network-v2")
    late = lab.create(
        "NetDevice", {"name": {"value": "late"}, "role": {"value": "leaf"}, "site": {"id": site}}
    )

    details = branch_details(lab.store, "schema-v2")
    assert (details.has_schema_changes, details.schema_differs_from_default_branch) == (True, True)
    assert lab.values(old, branch="schema-v2")["hostname"] == "unset"
    assert "hostname" not in lab.values(old)
    assert lab.store.load_schema("main")[1] != "network-v2"  # type: ignore[index]

    merge_branch(lab.store, "schema-v2")
    assert lab.store.load_schema("main")[1] == "network-v2"  # type: ignore[index]
    assert lab.values(old)["hostname"] == "unset"
    assert lab.values(late)["hostname"] == "unset"
    assert branch_details(lab.store, "main").has_schema_changes is False
