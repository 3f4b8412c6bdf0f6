"""Every seeded role (and anonymous callers) against the operations section 8 guards, through
GraphQL and REST: one server per role, every cell's outcome compared with the expected table."""

from __future__ import annotations

import pytest
from permission_harness import ADMIN, PermissionWorld

WIDGET_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Widget",
            "namespace": "Testing",
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        }
    ],
}

A, D, AUTH = "allow", "deny", "auth"
# The permission check passed; the node, or the artifact definition, simply does not exist.
NOT_FOUND = "error:NODE_NOT_FOUND"
MISSING = "error:404"

# operation -> outcome, per caller (the account's only group holds only that role).
EXPECTED: dict[str, dict[str, str]] = {
    "Super Administrator": {
        "read": A, "create_main": A, "update_main": A, "delete_main": A,
        "create_branch": A, "update_branch": A, "delete_branch": A,
        "accounts": A, "repositories": NOT_FOUND, "rest_read": A,
        "schema_load_branch": A, "schema_load_main": A, "merge": A, "artifacts": MISSING,
    },
    "General Access": {
        "read": A, "create_main": D, "update_main": D, "delete_main": D,
        "create_branch": A, "update_branch": A, "delete_branch": A,
        "accounts": D, "repositories": NOT_FOUND, "rest_read": A,
        "schema_load_branch": A, "schema_load_main": D, "merge": D, "artifacts": MISSING,
    },
    "Proposed Change Reviewer": {
        "read": D, "create_main": D, "update_main": D, "delete_main": D,
        "create_branch": D, "update_branch": D, "delete_branch": D,
        "accounts": D, "repositories": D, "rest_read": A,
        "schema_load_branch": D, "schema_load_main": D, "merge": D, "artifacts": D,
    },
    "Infrahub Users": {
        "read": A, "create_main": D, "update_main": D, "delete_main": D,
        "create_branch": A, "update_branch": A, "delete_branch": A,
        "accounts": D, "repositories": NOT_FOUND, "rest_read": A,
        "schema_load_branch": A, "schema_load_main": A, "merge": D, "artifacts": MISSING,
    },
    "anonymous": {
        "read": A, "create_main": AUTH, "update_main": AUTH, "delete_main": AUTH,
        "create_branch": AUTH, "update_branch": AUTH, "delete_branch": AUTH,
        "accounts": AUTH, "repositories": AUTH, "rest_read": A,
        "schema_load_branch": AUTH, "schema_load_main": AUTH, "merge": AUTH, "artifacts": AUTH,
    },
}  # fmt: skip

_GROUP_ROLES = {
    "Super Administrator": ("Super Administrator",),
    "General Access": ("General Access",),
    "Proposed Change Reviewer": ("Proposed Change Reviewer",),
    "Infrahub Users": ("General Access", "Proposed Change Reviewer"),
}
_UPDATE = 'mutation($id: String!) { BuiltinTagUpdate(data: {id: $id, description: {value: "x"}}) { ok } }'
_DELETE = "mutation($id: String!) { BuiltinTagDelete(data: {id: $id}) { ok } }"
_CREATE = "mutation($name: String!) { BuiltinTagCreate(data: {name: {value: $name}}) { ok } }"


async def _outcomes(world: PermissionWorld, who: str | None) -> dict[str, str]:
    on_main = {name: await world.create_tag(name) for name in ("main-update", "main-delete")}
    await world.create_branch("feature")
    on_branch = {name: await world.create_tag(name, "feature") for name in ("branch-update", "branch-delete")}
    gql = world.graphql
    out = {
        "read": await gql(who, "{ BuiltinTag { count } }"),
        "create_main": await gql(who, _CREATE, {"name": "created-on-main"}),
        "update_main": await gql(who, _UPDATE, {"id": on_main["main-update"]}),
        "delete_main": await gql(who, _DELETE, {"id": on_main["main-delete"]}),
        "create_branch": await gql(who, _CREATE, {"name": "created-on-branch"}, "feature"),
        "update_branch": await gql(who, _UPDATE, {"id": on_branch["branch-update"]}, "feature"),
        "delete_branch": await gql(who, _DELETE, {"id": on_branch["branch-delete"]}, "feature"),
        "accounts": await gql(
            who,
            'mutation { CoreAccountCreate(data: {name: {value: "intruder"}, password: {value: "pw-pw-pw"}}) { ok } }',
            branch="feature",
        ),
        "repositories": await gql(
            who,
            'mutation { CoreRepositoryUpdate(data: {id: "no-such-repository", description: {value: "x"}}) { ok } }',
            branch="feature",
        ),
        "rest_read": await world.rest(who, "GET", "/api/schema/summary"),
        "artifacts": await world.rest(
            who, "POST", "/api/artifact/generate/no-such-definition?branch=feature"
        ),
        "merge": await gql(who, 'mutation { BranchMerge(data: {name: "feature"}) { ok } }'),
        "schema_load_branch": await world.rest(
            who, "POST", "/api/schema/load?branch=feature", json={"schemas": [WIDGET_SCHEMA]}
        ),
        "schema_load_main": await world.rest(
            who, "POST", "/api/schema/load", json={"schemas": [WIDGET_SCHEMA]}
        ),
    }
    return {operation: outcome.verdict for operation, outcome in out.items()}


@pytest.mark.parametrize("caller", list(EXPECTED))
async def test_each_seeded_role_gets_exactly_its_permissions(world: PermissionWorld, caller: str) -> None:
    who: str | None = None
    if caller != "anonymous":
        who = "caller"
        await world.add_account(who, _GROUP_ROLES[caller])

    assert await _outcomes(world, who) == EXPECTED[caller]


async def test_a_refused_write_changes_nothing(world: PermissionWorld) -> None:
    await world.add_account("reviewer", ("Proposed Change Reviewer",))
    await world.create_branch("feature")
    before = {"main": await world.tag_names(), "feature": await world.tag_names("feature")}

    for branch in ("main", "feature"):
        assert (await world.graphql("reviewer", _CREATE, {"name": "refused"}, branch)).verdict == D

    assert {"main": await world.tag_names(), "feature": await world.tag_names("feature")} == before


async def test_the_admin_reads_what_it_wrote_as_itself(world: PermissionWorld) -> None:
    await world.create_tag("mine")
    assert (await world.graphql(ADMIN, "{ BuiltinTag { count } }")).body == {
        "data": {"BuiltinTag": {"count": 1}}
    }
