"""Repositories imported into a server: the project's example repository, its later commits, bad
files and branches."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
import httpx
import yaml
from starlette.applications import Starlette

from infrahub_server.repositories.worktree import repository_directory
from tests.server.repositories.repository_helpers import GitRepository, graphql

CREATE = """
mutation($location: String!) {
  CoreRepositoryCreate(data: {name: {value: "demo"}, location: {value: $location}}) {
    object { id commit { value } sync_status { value } operational_status { value } internal_status { value } }
  }
}
"""
PROCESS = "mutation($id: String!) { InfrahubRepositoryProcess(data: {id: $id}) { ok task { id } } }"
IMPORTED = """
{
  CoreGraphQLQuery { edges { node { name { value } repository { node { id } } } } }
  CoreTransformJinja2 { edges { node { name { value } template_path { value } query { node { display_label } } } } }
  CoreTransformPython { edges { node { name { value } class_name { value } query { node { display_label } } } } }
  CoreArtifactDefinition { edges { node {
    name { value } artifact_name { value } content_type { value } parameters { value }
    targets { node { display_label } } transformation { node { display_label } }
  } } }
  CoreGeneratorDefinition { edges { node {
    name { value } file_path { value } class_name { value } query { node { display_label } } targets { node { display_label } }
  } } }
  CoreCheckDefinition { edges { node { name { value } class_name { value } query { node { display_label } } } } }
  NetFabricDesign { edges { node { name { value } spine_count { value } } } }
}
"""


def _names(body: dict[str, Any], kind: str) -> list[str]:
    return sorted(edge["node"]["name"]["value"] for edge in body["data"][kind]["edges"])


async def _create(client: httpx.AsyncClient, repository: GitRepository) -> dict[str, Any]:
    body = await graphql(client, CREATE, {"location": str(repository.path)})
    assert "errors" not in body, body
    node: dict[str, Any] = body["data"]["CoreRepositoryCreate"]["object"]
    return node


async def _process(client: httpx.AsyncClient, repository_id: str, branch: str = "main") -> dict[str, Any]:
    body = await graphql(client, PROCESS, {"id": repository_id}, branch=branch)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["InfrahubRepositoryProcess"]
    return result


async def _repository(client: httpx.AsyncClient) -> dict[str, Any]:
    body = await graphql(
        client,
        "{ CoreRepository { edges { node { commit { value } sync_status { value } operational_status { value } } } } }",
    )
    node: dict[str, Any] = body["data"]["CoreRepository"]["edges"][0]["node"]
    return {name: value["value"] for name, value in node.items()}


async def test_creating_a_repository_imports_its_declarations(
    client: httpx.AsyncClient, generators_repository: GitRepository
) -> None:
    created = await _create(client, generators_repository)

    assert created["commit"]["value"] == generators_repository.git("rev-parse", "HEAD")
    assert created["sync_status"]["value"] == "in-sync"
    assert created["operational_status"]["value"] == "online"
    assert created["internal_status"]["value"] == "active"
    body = await graphql(client, IMPORTED)
    assert "errors" not in body, body
    assert _names(body, "CoreGraphQLQuery") == [
        "cable_plan",
        "device_config",
        "fabric_design",
        "ip_addresses",
        "leaf_uplinks",
    ]
    assert {
        edge["node"]["repository"]["node"]["id"] for edge in body["data"]["CoreGraphQLQuery"]["edges"]
    } == {created["id"]}
    assert sorted(
        (node["name"]["value"], node["template_path"]["value"], node["query"]["node"]["display_label"])
        for node in (edge["node"] for edge in body["data"]["CoreTransformJinja2"]["edges"])
    ) == [
        ("eos_config", "templates/eos.j2", "device_config"),
        ("frr_config", "templates/frr.j2", "device_config"),
    ]
    assert {
        edge["node"]["name"]["value"]: edge["node"]["query"]["node"]["display_label"]
        for edge in body["data"]["CoreTransformPython"]["edges"]
    } == {"cable_plan_csv": "cable_plan", "cable_plan_markdown": "cable_plan"}
    frr = next(
        edge["node"]
        for edge in body["data"]["CoreArtifactDefinition"]["edges"]
        if edge["node"]["name"]["value"] == "frr_startup_config"
    )
    assert frr["artifact_name"]["value"] == "frr.conf"
    assert frr["content_type"]["value"] == "text/plain"
    assert frr["parameters"]["value"] == {"device": "name__value"}
    assert frr["targets"]["node"]["display_label"] == "frr_devices"
    assert frr["transformation"]["node"]["display_label"] == "frr_config"
    assert _names(body, "CoreArtifactDefinition") == [
        "cable_plan_csv",
        "cable_plan_markdown",
        "eos_startup_config",
        "frr_startup_config",
    ]
    generator = body["data"]["CoreGeneratorDefinition"]["edges"][0]["node"]
    assert (generator["name"]["value"], generator["class_name"]["value"]) == ("fabric", "FabricGenerator")
    assert generator["query"]["node"]["display_label"] == "fabric_design"
    assert generator["targets"]["node"]["display_label"] == "fabric_designs"
    assert {
        edge["node"]["name"]["value"]: edge["node"]["query"]["node"]["display_label"]
        for edge in body["data"]["CoreCheckDefinition"]["edges"]
    } == {"leaf_uplinks": "leaf_uplinks", "duplicate_addresses": "ip_addresses"}
    assert [edge["node"]["spine_count"]["value"] for edge in body["data"]["NetFabricDesign"]["edges"]] == [2]


async def test_a_new_commit_updates_and_removes_definitions(
    app: Starlette, client: httpx.AsyncClient, generators_repository: GitRepository
) -> None:
    created = await _create(client, generators_repository)
    config = yaml.safe_load((generators_repository.path / ".infrahub.yml").read_text())
    config["queries"] = [query for query in config["queries"] if query["name"] != "ip_addresses"]
    config["check_definitions"] = [
        check for check in config["check_definitions"] if check["name"] == "leaf_uplinks"
    ]
    generators_repository.write(".infrahub.yml", yaml.safe_dump(config))
    generators_repository.write("templates/frr.j2", "hostname {{ data }}\n")
    second = generators_repository.commit("drop the address check")

    result = await _process(client, created["id"])

    assert result["ok"] is True
    body = await graphql(client, IMPORTED)
    assert "ip_addresses" not in _names(body, "CoreGraphQLQuery")
    assert _names(body, "CoreCheckDefinition") == ["leaf_uplinks"]
    assert len(_names(body, "CoreArtifactDefinition")) == 4
    assert await _repository(client) == {
        "commit": second,
        "sync_status": "in-sync",
        "operational_status": "online",
    }
    directory = await anyio.to_thread.run_sync(repository_directory, app.state.server, created["id"], "main")
    assert (directory / "templates" / "frr.j2").read_text() == "hostname {{ data }}\n"

    again = await _process(client, created["id"])

    assert again["ok"] is True
    assert await graphql(client, IMPORTED) == body


async def test_a_bad_file_is_reported_and_nothing_is_imported(
    app: Starlette, client: httpx.AsyncClient, generators_repository: GitRepository
) -> None:
    created = await _create(client, generators_repository)
    first = created["commit"]["value"]
    config = yaml.safe_load((generators_repository.path / ".infrahub.yml").read_text())
    config["queries"].append({"name": "new_query", "file_path": "queries/cable_plan.gql"})
    config["objects"].append("objects/99_broken.yml")
    generators_repository.write(".infrahub.yml", yaml.safe_dump(config))
    generators_repository.write(
        "objects/99_broken.yml",
        "apiVersion: infrahub.app/v1\nkind: Object\nspec:\n  kind: NetRegion\n  data:\n    - name: asia\n      colour: red\n",
    )
    generators_repository.commit("broken")

    result = await _process(client, created["id"])

    assert result["ok"] is False
    assert await _repository(client) == {
        "commit": first,
        "sync_status": "error-import",
        "operational_status": "online",
    }
    body = await graphql(
        client, '{ CoreGraphQLQuery(name__value: "new_query") { count } NetRegion { count } }'
    )
    assert body["data"] == {"CoreGraphQLQuery": {"count": 0}, "NetRegion": {"count": 1}}
    logs = [log.message for log in app.state.server.tasks.logs(result["task"]["id"])]
    assert (
        "sync failed: objects/99_broken.yml: object 1.colour: colour is not an attribute or relationship of NetRegion"
        in logs
    )


async def test_an_invalid_configuration_file_names_the_file(
    client: httpx.AsyncClient, generators_repository: GitRepository, app: Starlette
) -> None:
    created = await _create(client, generators_repository)
    generators_repository.write(".infrahub.yml", "queries:\n  - name: q\n    path: q.gql\n")
    generators_repository.commit("typo")

    result = await _process(client, created["id"])

    assert result["ok"] is False
    logs = [log.message for log in app.state.server.tasks.logs(result["task"]["id"])]
    assert "sync failed: .infrahub.yml: queries.0.file_path: Field required" in logs
    body = await graphql(client, IMPORTED)
    assert len(_names(body, "CoreGraphQLQuery")) == 5


async def test_a_branch_imports_the_git_branch_of_the_same_name_and_main_stays_unchanged(
    app: Starlette, client: httpx.AsyncClient, generators_repository: GitRepository
) -> None:
    created = await _create(client, generators_repository)
    first = created["commit"]["value"]
    body = await graphql(client, 'mutation { BranchCreate(data: {name: "feature"}) { ok } }')
    assert body["data"]["BranchCreate"]["ok"] is True
    generators_repository.git("checkout", "--quiet", "-b", "feature")
    config = yaml.safe_load((generators_repository.path / ".infrahub.yml").read_text())
    config["queries"].append({"name": "branch_query", "file_path": "queries/cable_plan.gql"})
    generators_repository.write(".infrahub.yml", yaml.safe_dump(config))
    second = generators_repository.commit("a query for the branch")

    result = await _process(client, created["id"], branch="feature")
    on_main_again = await _process(client, created["id"])

    assert (result["ok"], on_main_again["ok"]) == (True, True)
    query = '{ CoreGraphQLQuery(name__value: "branch_query") { count } }'
    assert (await graphql(client, query, branch="feature"))["data"]["CoreGraphQLQuery"]["count"] == 1
    assert (await graphql(client, query))["data"]["CoreGraphQLQuery"]["count"] == 0
    server = app.state.server
    on_feature = await anyio.to_thread.run_sync(repository_directory, server, created["id"], "feature")
    on_main = await anyio.to_thread.run_sync(repository_directory, server, created["id"], "main")
    assert (on_feature.name, on_main.name) == (second, first)
    assert (await _repository(client))["commit"] == first


async def test_a_bad_schema_file_is_named_and_no_schema_is_loaded(
    app: Starlette, client: httpx.AsyncClient, generators_repository: GitRepository
) -> None:
    created = await _create(client, generators_repository)
    generators_repository.write(
        "schemas/extra.yml",
        "version: '1.0'\nnodes:\n  - name: Rack\n    namespace: Net\n    attributes:\n"
        "      - {name: name, kind: Text}\n  - name: Cage\n    namespace: Net\n    attributes:\n"
        "      - {name: size, kind: Texty}\n",
    )
    config = yaml.safe_load((generators_repository.path / ".infrahub.yml").read_text())
    config["schemas"].append("schemas/extra.yml")
    generators_repository.write(".infrahub.yml", yaml.safe_dump(config))
    generators_repository.commit("a bad schema")

    result = await _process(client, created["id"])

    assert result["ok"] is False
    logs = app.state.server.tasks.logs(result["task"]["id"])
    [message] = [log.message for log in logs if log.message.startswith("sync failed")]
    assert message.startswith("sync failed: schemas/extra.yml: nodes.1.attributes.0: Input tag 'Texty'")
    response = await client.get("/api/schema/NetRack")
    assert response.status_code == 422


async def test_the_file_diff_lists_what_a_branch_changed_in_each_repository(
    client: httpx.AsyncClient, generators_repository: GitRepository
) -> None:
    created = await _create(client, generators_repository)
    first = created["commit"]["value"]
    await graphql(client, 'mutation { BranchCreate(data: {name: "feature"}) { ok } }')
    generators_repository.git("checkout", "--quiet", "-b", "feature")
    generators_repository.write("NOTES.md", "notes\n")
    generators_repository.git("rm", "--quiet", "README.md")
    template = generators_repository.path / "templates" / "frr.j2"
    generators_repository.write("templates/frr.j2", template.read_text() + "! rendered from a branch\n")
    second = generators_repository.commit("feature work")
    assert (await _process(client, created["id"], branch="feature"))["ok"] is True

    response = await client.get("/api/diff/files", params={"branch": "feature"})

    assert response.status_code == 200
    entry = response.json()["feature"][created["id"]]
    assert (entry["commit_from"], entry["commit_to"]) == (first, second)
    assert entry["display_name"] == "demo"
    files = {item["location"]: item["action"] for item in entry["files"]}
    assert files == {"NOTES.md": "added", "README.md": "removed", "templates/frr.j2": "updated"}
    on_main = (await client.get("/api/diff/files")).json()["main"][created["id"]]
    assert on_main["files"] == []
    missing = await client.get("/api/diff/files", params={"branch": "nope"})
    assert missing.status_code in (400, 404)
