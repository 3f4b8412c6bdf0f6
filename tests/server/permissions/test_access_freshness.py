"""Grants, revocations, deactivations and token expiry take effect on the very next request,
on GraphQL and REST alike; paginated results report the caller's permissions."""

from __future__ import annotations

import time

import anyio.to_thread
from permission_harness import ADMIN, PermissionWorld

_CREATE_ACCOUNT = (
    'mutation($name: String!) { CoreAccountCreate(data: {name: {value: $name}, password: {value: "pw-pw-pw"}})'
    " { ok } }"
)
_JOIN = 'mutation($g: String!, $me: String!) { RelationshipAdd(data: {id: $g, name: "members", nodes: [{id: $me}]}) { ok } }'
_LEAVE = _JOIN.replace("RelationshipAdd", "RelationshipRemove")


async def test_a_grant_and_its_revocation_apply_to_the_next_request(world: PermissionWorld) -> None:
    await world.add_account("bob", ("General Access",))
    admins = await world.node_id("CoreAccountGroup", "Super Administrators")
    membership = {"g": admins, "me": world.account_ids["bob"]}

    before = await world.graphql("bob", _CREATE_ACCOUNT, {"name": "one"})
    await world.data(_JOIN, membership)
    granted = await world.graphql("bob", _CREATE_ACCOUNT, {"name": "two"})
    await world.data(_LEAVE, membership)
    revoked = await world.graphql("bob", _CREATE_ACCOUNT, {"name": "three"})

    assert [before.verdict, granted.verdict, revoked.verdict] == ["deny", "allow", "deny"]


async def test_a_deactivated_account_is_refused_at_once_everywhere(world: PermissionWorld) -> None:
    await world.add_account("carol", ("General Access",))
    assert (await world.graphql("carol", "{ BuiltinTag { count } }")).verdict == "allow"

    await world.data(
        'mutation($id: String!) { CoreAccountUpdate(data: {id: $id, status: {value: "inactive"}}) { ok } }',
        {"id": world.account_ids["carol"]},
    )
    graphql = await world.graphql("carol", "{ BuiltinTag { count } }")
    rest = await world.rest("carol", "GET", "/api/schema/summary")

    assert (graphql.status, graphql.body["errors"][0]["message"]) == (
        401,
        "This account has been deactivated",
    )
    assert (rest.status, rest.body["errors"][0]["message"]) == (401, "This account has been deactivated")


async def test_an_expired_api_token_is_refused_on_every_route(world: PermissionWorld) -> None:
    await world.add_account("dave", ("General Access",))
    token, _ = await anyio.to_thread.run_sync(
        lambda: world.server.credentials.add_api_token(world.account_ids["dave"], expires_at=time.time() - 1)
    )
    world.tokens["dave-expired"] = token

    outcomes = [
        await world.graphql("dave-expired", "{ BuiltinTag { count } }"),
        await world.rest("dave-expired", "GET", "/api/schema/summary"),
        await world.rest("dave-expired", "GET", "/api/info"),
    ]

    assert [(o.status, o.body["errors"][0]["message"]) for o in outcomes] == [(401, "Invalid token")] * 3


_PERMISSIONS = "{ BuiltinTag { permissions { count edges { node { kind view create update delete } } } } }"


def _report(view: str, create: str, update: str, delete: str) -> dict[str, object]:
    node = {"kind": "BuiltinTag", "view": view, "create": create, "update": update, "delete": delete}
    return {"BuiltinTag": {"permissions": {"count": 1, "edges": [{"node": node}]}}}


async def test_paginated_results_report_the_callers_permissions_on_the_branch(world: PermissionWorld) -> None:
    await world.add_account("erin", ("General Access",))
    await world.create_branch("feature")

    reports = {
        (who, branch): (await world.graphql(who, _PERMISSIONS, branch=branch)).body["data"]
        for who in (ADMIN, "erin", None)
        for branch in ("main", "feature")
    }

    other = "ALLOW_OTHER"
    assert reports == {
        (ADMIN, "main"): _report("ALLOW", "ALLOW", "ALLOW", "ALLOW"),
        (ADMIN, "feature"): _report("ALLOW", "ALLOW", "ALLOW", "ALLOW"),
        ("erin", "main"): _report("ALLOW", other, other, other),
        ("erin", "feature"): _report("ALLOW", "ALLOW", "ALLOW", "ALLOW"),
        (None, "main"): _report("ALLOW", "DENY", "DENY", "DENY"),
        (None, "feature"): _report("ALLOW", "DENY", "DENY", "DENY"),
    }
