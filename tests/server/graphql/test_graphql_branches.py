"""Branch mutations and diff queries through GraphQL (sections 10.5 and 10.6)."""

from __future__ import annotations

from graphql_harness import GraphQLHarness

PLATFORMS = "{ NetPlatform { count } }"


def _create_branch(gql: GraphQLHarness, name: str) -> dict:
    return gql.data(
        "mutation Create($name: String!) { BranchCreate(wait_until_completion: true, data: {name: $name,"
        ' description: "", sync_with_git: false}) { ok object { name description origin_branch is_default'
        " sync_with_git has_schema_changes status } } }",
        {"name": name},
    )


def test_branch_create_isolates_writes(gql: GraphQLHarness, network: dict[str, str]) -> None:
    assert _create_branch(gql, "add-atl2") == {
        "BranchCreate": {
            "ok": True,
            "object": {
                "name": "add-atl2",
                "description": "",
                "origin_branch": "main",
                "is_default": False,
                "sync_with_git": False,
                "has_schema_changes": False,
                "status": "OPEN",
            },
        }
    }
    gql.data('mutation { NetPlatformCreate(data: {name: {value: "junos"}}) { ok } }', branch="add-atl2")
    assert gql.data(PLATFORMS, branch="add-atl2") == {"NetPlatform": {"count": 2}}
    assert gql.data(PLATFORMS) == {"NetPlatform": {"count": 1}}
    status, body = gql.run('mutation { BranchCreate(data: {name: "add-atl2"}) { ok } }')
    assert status == 200
    assert body["data"] == {"BranchCreate": None}
    assert body["errors"][0]["message"] == "The branch add-atl2 already exists"


def test_diff_merge_and_read_only_after_merge(gql: GraphQLHarness, network: dict[str, str]) -> None:
    _create_branch(gql, "add-junos")
    gql.data('mutation { NetPlatformCreate(data: {name: {value: "junos"}}) { ok } }', branch="add-junos")
    assert gql.data('mutation { DiffUpdate(data: {branch: "add-junos"}) { ok } }') == {
        "DiffUpdate": {"ok": True}
    }
    summary = gql.data(
        '{ DiffTreeSummary(branch: "add-junos") { num_added num_updated num_removed num_conflicts } }'
    )
    assert summary == {
        "DiffTreeSummary": {"num_added": 1, "num_updated": 0, "num_removed": 0, "num_conflicts": 0}
    }
    tree = gql.data('{ DiffTree(branch: "add-junos") { name nodes { kind status } } }')
    assert tree == {"DiffTree": {"name": "add-junos", "nodes": [{"kind": "NetPlatform", "status": "ADDED"}]}}

    merged = gql.data('mutation { BranchMerge(data: {name: "add-junos"}) { ok object { name status } } }')
    assert merged == {"BranchMerge": {"ok": True, "object": {"name": "add-junos", "status": "MERGED"}}}
    assert gql.data(PLATFORMS) == {"NetPlatform": {"count": 2}}
    status, body = gql.run(
        'mutation { NetPlatformCreate(data: {name: {value: "iosxr"}}) { ok } }', branch="add-junos"
    )
    assert status == 200
    assert body["errors"][0]["extensions"]["code"] == "BRANCH_ALREADY_MERGED"


def test_branch_update_delete_and_list(gql: GraphQLHarness, network: dict[str, str]) -> None:
    _create_branch(gql, "scratch")
    assert gql.data(
        'mutation { BranchUpdate(data: {name: "scratch", description: "try things"}) { ok } }'
    ) == {"BranchUpdate": {"ok": True}}
    assert gql.data('{ Branch(name: "scratch") { name description is_default } }') == {
        "Branch": [{"name": "scratch", "description": "try things", "is_default": False}]
    }
    assert gql.data('mutation { BranchDelete(data: {name: "scratch"}) { ok } }') == {
        "BranchDelete": {"ok": True}
    }
    assert gql.data("{ Branch { name } }") == {"Branch": [{"name": "main"}]}
