"""Requests that try to get around the permissions: all refused, nothing changed."""

from __future__ import annotations

from permission_harness import ADMIN, PermissionWorld

_MEMBERS = "query($id: ID!) { CoreAccountGroup(ids: [$id]) { edges { node { members { count } } } } }"


async def _member_count(world: PermissionWorld, group_id: str) -> int:
    data = await world.data(_MEMBERS, {"id": group_id})
    return int(data["CoreAccountGroup"]["edges"][0]["node"]["members"]["count"])


async def test_granting_yourself_a_role_is_refused_and_changes_nothing(world: PermissionWorld) -> None:
    await world.add_account("mallory", ("General Access",))
    await world.create_branch("feature")
    admins = await world.node_id("CoreAccountGroup", "Super Administrators")
    me = world.account_ids["mallory"]
    attempts = {
        "join the admins' group": (
            'mutation($g: String!, $me: String!) { RelationshipAdd(data: {id: $g, name: "members",'
            " nodes: [{id: $me}]}) { ok } }",
            {"g": admins, "me": me},
        ),
        "add the admins' group to myself": (
            'mutation($g: String!, $me: String!) { RelationshipAdd(data: {id: $me, name: "member_of_groups",'
            " nodes: [{id: $g}]}) { ok } }",
            {"g": admins, "me": me},
        ),
        "give my group a super_admin role": (
            'mutation { CoreAccountRoleCreate(data: {name: {value: "mine"}}) { ok } }',
            {},
        ),
        "make a super_admin permission": (
            'mutation { CoreGlobalPermissionCreate(data: {action: {value: "super_admin"},'
            " decision: {value: 6}}) { ok } }",
            {},
        ),
    }
    before = await _member_count(world, admins)

    outcomes = {}
    for name, (query, variables) in attempts.items():
        outcome = await world.graphql("mallory", query, variables, branch="feature")
        outcomes[name] = (outcome.status, outcome.body["errors"][0]["extensions"]["data"].get("permission"))

    assert outcomes == {
        "join the admins' group": (403, "global:manage_accounts:allow_all"),
        "add the admins' group to myself": (403, "global:manage_accounts:allow_all"),
        "give my group a super_admin role": (403, "global:manage_permissions:allow_all"),
        "make a super_admin permission": (403, "global:manage_permissions:allow_all"),
    }
    assert await _member_count(world, admins) == before
    assert (await world.graphql("mallory", "{ CoreAccountRole { count } }")).body["data"] == {
        "CoreAccountRole": {"count": 4}
    }


async def test_a_refused_field_stops_the_whole_mutation_before_anything_is_written(
    world: PermissionWorld,
) -> None:
    await world.add_account("mallory", ("General Access",))
    await world.create_branch("feature")
    query = (
        'mutation { tag: BuiltinTagCreate(data: {name: {value: "first"}}) { ok }'
        ' account: CoreAccountCreate(data: {name: {value: "second"}, password: {value: "pw-pw-pw"}}) { ok } }'
    )

    outcome = await world.graphql("mallory", query, branch="feature")

    assert outcome.status == 403
    assert outcome.body == {
        "data": None,
        "errors": [
            {
                "message": "You do not have the following permission: global:manage_accounts:allow_all",
                "locations": [{"line": 1, "column": query.index("account:") + 1}],
                "path": ["account"],
                "extensions": {
                    "code": "PERMISSION_DENIED",
                    "http_status": 403,
                    "data": {"permission": "global:manage_accounts:allow_all"},
                },
            }
        ],
    }
    assert await world.tag_names("feature") == set()


async def test_another_accounts_tokens_can_be_neither_read_nor_revoked(world: PermissionWorld) -> None:
    await world.add_account("alice", ("General Access",))
    await world.add_account("mallory", ("General Access",))
    created = await world.graphql(
        "alice",
        'mutation { InfrahubAccountTokenCreate(data: {name: "ci"}) { object { id token { value } } } }',
    )
    alice_token = created.body["data"]["InfrahubAccountTokenCreate"]["object"]
    listing = "{ InfrahubAccountToken { count edges { node { name } } } }"

    seen_by_mallory = await world.graphql("mallory", listing)
    revoke = await world.graphql(
        "mallory",
        "mutation($id: String!) { InfrahubAccountTokenDelete(data: {id: $id}) { ok } }",
        {"id": alice_token["id"]},
    )

    assert seen_by_mallory.body["data"] == {
        "InfrahubAccountToken": {"count": 1, "edges": [{"node": {"name": "tests"}}]}
    }
    assert revoke.verdict == "error:NODE_NOT_FOUND"
    world.tokens["alice-ci"] = alice_token["token"]["value"]
    assert (await world.graphql("alice-ci", listing)).body["data"]["InfrahubAccountToken"]["count"] == 2
    assert (await world.graphql(None, listing)).status == 401


async def test_anonymous_callers_cannot_upload_or_write(world: PermissionWorld) -> None:
    upload = await world.rest(None, "POST", "/api/storage/upload/content", json={"content": "x"})
    load = await world.rest(None, "POST", "/api/schema/load", json={"schemas": []})

    assert (upload.status, load.status) == (401, 401)
    assert (await world.graphql(ADMIN, "{ BuiltinTag { count } }")).body["data"] == {
        "BuiltinTag": {"count": 0}
    }


async def test_a_stored_mutation_cannot_write_main_for_a_caller_who_may_not(world: PermissionWorld) -> None:
    await world.add_account("mallory", ("General Access",))
    await world.data(
        'mutation($q: String!) { CoreGraphQLQueryCreate(data: {name: {value: "sneaky"}, query: {value: $q}}) { ok } }',
        {"q": 'mutation { BuiltinTagCreate(data: {name: {value: "via-stored-query"}}) { ok } }'},
    )

    outcome = await world.rest("mallory", "POST", "/api/query/sneaky", json={"variables": {}})

    # GraphQL errors of a stored query answer 502 (the protocol's); the refusal is the error's.
    assert outcome.status == 502
    assert outcome.body["errors"][0]["extensions"] == {
        "code": "PERMISSION_DENIED",
        "http_status": 403,
        "data": {"permission": "global:edit_default_branch:allow_all"},
    }
    assert await world.tag_names() == set()


async def test_a_kind_denied_to_view_cannot_be_read_through_a_relationship(world: PermissionWorld) -> None:
    permission_ids = []
    for name, decision in (("*", 6), ("AccountRole", 1)):
        created = await world.data(
            "mutation($name: String!, $decision: BigInt!) { CoreObjectPermissionCreate(data: {namespace: {value:"
            ' "Core"}, name: {value: $name}, action: {value: "view"}, decision: {value: $decision}}) { object { id } } }',
            {"name": name, "decision": decision},
        )
        permission_ids.append({"id": created["CoreObjectPermissionCreate"]["object"]["id"]})
    await world.data(
        'mutation($p: [RelatedNodeInput]) { CoreAccountRoleCreate(data: {name: {value: "No roles"},'
        " permissions: $p}) { ok } }",
        {"p": permission_ids},
    )
    await world.add_account("olivia", ("No roles",))

    groups = await world.graphql("olivia", "{ CoreAccountGroup { count } }")
    through = await world.graphql("olivia", "{ CoreAccountGroup { edges { node { roles { count } } } } }")

    assert groups.verdict == "allow"
    assert through.status == 403
    assert through.body["errors"][0]["extensions"]["data"] == {
        "permission": "object:Core:AccountRole:view:allow_default",
        "kind": "CoreAccountRole",
    }
