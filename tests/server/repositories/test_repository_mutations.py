"""The repository mutations of Infrahub's schema, read-only repositories pinned to a ref, plain
folders, and deleting a repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.repositories.git import GitError, fetch_clone, run_git
from infrahub_server.repositories.sync_state import read_sync_state
from infrahub_server.repositories.worktree import repository_directory
from tests.server.repositories.repository_helpers import GENERATORS, GitRepository, graphql

READ_ONLY = """
mutation($location: String!, $ref: String!) {
  CoreReadOnlyRepositoryCreate(data: {name: {value: "pinned"}, location: {value: $location}, ref: {value: $ref}}) {
    object { id commit { value } sync_status { value } }
  }
}
"""
QUERY_NAMES = "{ CoreGraphQLQuery { edges { node { name { value } } } } }"


def _query_names(body: dict[str, object]) -> list[str]:
    data = body["data"]
    assert isinstance(data, dict)
    return sorted(edge["node"]["name"]["value"] for edge in data["CoreGraphQLQuery"]["edges"])


def _one_query_repository(repository: GitRepository, name: str) -> str:
    repository.write("q.gql", "query { CoreRepository { count } }\n")
    repository.write(".infrahub.yml", f"queries:\n  - name: {name}\n    file_path: q.gql\n")
    return repository.commit(name)


async def test_a_read_only_repository_follows_its_ref(
    client: httpx.AsyncClient, git_repository: GitRepository
) -> None:
    tagged = _one_query_repository(git_repository, "tagged")
    git_repository.git("tag", "v1")
    _one_query_repository(git_repository, "latest")

    body = await graphql(client, READ_ONLY, {"location": str(git_repository.path), "ref": "v1"})
    created = body["data"]["CoreReadOnlyRepositoryCreate"]["object"]
    assert (created["commit"]["value"], created["sync_status"]["value"]) == (tagged, "in-sync")
    assert _query_names(await graphql(client, QUERY_NAMES)) == ["tagged"]

    update = await graphql(
        client,
        'mutation($id: String!) { CoreReadOnlyRepositoryUpdate(data: {id: $id, ref: {value: "main"}}) '
        "{ object { commit { value } } } }",
        {"id": created["id"]},
    )
    assert update["data"]["CoreReadOnlyRepositoryUpdate"]["object"]["commit"]["value"] != tagged
    assert _query_names(await graphql(client, QUERY_NAMES)) == ["latest"]

    _one_query_repository(git_repository, "newest")
    imported = await graphql(
        client,
        "mutation($id: String!) { InfrahubReadOnlyRepositoryImportLastCommit(data: {id: $id}) { ok } }",
        {"id": created["id"]},
    )
    assert imported["data"]["InfrahubReadOnlyRepositoryImportLastCommit"]["ok"] is True
    assert _query_names(await graphql(client, QUERY_NAMES)) == ["newest"]


async def test_connectivity_reports_what_git_says(
    client: httpx.AsyncClient, git_repository: GitRepository, tmp_path: Path
) -> None:
    _one_query_repository(git_repository, "q")
    connectivity = "mutation($id: String!) { InfrahubRepositoryConnectivity(data: {id: $id}) { ok message } }"
    body = await graphql(client, READ_ONLY, {"location": str(git_repository.path), "ref": "main"})
    repository_id = body["data"]["CoreReadOnlyRepositoryCreate"]["object"]["id"]

    reachable = await graphql(client, connectivity, {"id": repository_id})
    assert reachable["data"]["InfrahubRepositoryConnectivity"] == {
        "ok": True,
        "message": "Successfully accessed repository",
    }
    shutil.rmtree(git_repository.path)
    gone = await graphql(client, connectivity, {"id": repository_id})
    assert gone["data"]["InfrahubRepositoryConnectivity"]["ok"] is False
    assert (
        "does not appear to be a git repository" in gone["data"]["InfrahubRepositoryConnectivity"]["message"]
    )


def test_git_errors_do_not_repeat_credentials_in_the_location() -> None:
    with pytest.raises(GitError) as caught:
        run_git(["ls-remote", "https://deploy:s3cret@127.0.0.1:1/repository.git"])
    assert "s3cret" not in caught.value.message
    assert caught.value.connectivity


async def test_a_plain_folder_is_imported_without_a_commit(
    app: Starlette, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    shutil.copytree(GENERATORS, folder, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    body = await graphql(
        client,
        'mutation($l: String!) { CoreRepositoryCreate(data: {name: {value: "f"}, location: {value: $l}}) '
        "{ object { id commit { value } sync_status { value } } } }",
        {"l": str(folder)},
    )
    created = body["data"]["CoreRepositoryCreate"]["object"]
    assert (created["commit"]["value"], created["sync_status"]["value"]) == (None, "in-sync")
    assert len(_query_names(await graphql(client, QUERY_NAMES))) == 5
    directory = await anyio.to_thread.run_sync(repository_directory, app.state.server, created["id"], "main")
    assert directory == folder.resolve()


async def test_deleting_a_repository_deletes_what_it_imported(
    app: Starlette, client: httpx.AsyncClient, git_repository: GitRepository
) -> None:
    _one_query_repository(git_repository, "owned")
    body = await graphql(client, READ_ONLY, {"location": str(git_repository.path), "ref": "main"})
    repository_id = body["data"]["CoreReadOnlyRepositoryCreate"]["object"]["id"]

    deleted = await graphql(
        client,
        "mutation($id: String!) { CoreReadOnlyRepositoryDelete(data: {id: $id}) { ok } }",
        {"id": repository_id},
    )

    assert deleted["data"]["CoreReadOnlyRepositoryDelete"]["ok"] is True
    assert _query_names(await graphql(client, QUERY_NAMES)) == []
    with app.state.server.store.engine.connect() as connection:
        assert read_sync_state(connection, repository_id, "main") is None


async def test_a_query_gets_the_shared_fragments_it_spreads(
    client: httpx.AsyncClient, git_repository: GitRepository
) -> None:
    git_repository.write(
        "fragments/repository.gql",
        "fragment RepositoryName on CoreRepository { name { value } ...RepositoryLocation }\n"
        "fragment RepositoryLocation on CoreRepository { location { value } }\n"
        "fragment Unused on CoreRepository { id }\n",
    )
    git_repository.write("q.gql", "query { CoreRepository { edges { node { ...RepositoryName } } } }\n")
    git_repository.write(
        ".infrahub.yml",
        "graphql_fragments:\n  - {name: shared, file_path: fragments}\nqueries:\n  - {name: names, file_path: q.gql}\n",
    )
    git_repository.commit()
    await graphql(client, READ_ONLY, {"location": str(git_repository.path), "ref": "main"})

    body = await graphql(
        client, '{ CoreGraphQLQuery(name__value: "names") { edges { node { query { value } } } } }'
    )

    text = body["data"]["CoreGraphQLQuery"]["edges"][0]["node"]["query"]["value"]
    assert text.startswith(
        "query { CoreRepository { edges { node { ...RepositoryName } } } }\n\nfragment RepositoryLocation"
    )
    assert "fragment RepositoryName on CoreRepository" in text
    assert "Unused" not in text


def test_a_location_git_would_read_as_an_option_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git location"):
        fetch_clone(tmp_path / "clone.git", "--upload-pack=touch /tmp/owned")
    assert not (tmp_path / "clone.git").exists()


async def test_a_transform_cannot_keep_a_query_its_repository_dropped(
    app: Starlette, client: httpx.AsyncClient, git_repository: GitRepository
) -> None:
    _one_query_repository(git_repository, "q")
    git_repository.write("t.j2", "{{ data }}\n")
    transform = "jinja2_transforms:\n  - {name: t, query: q, template_path: t.j2}\n"
    git_repository.write(".infrahub.yml", (git_repository.path / ".infrahub.yml").read_text() + transform)
    git_repository.commit()
    body = await graphql(client, READ_ONLY, {"location": str(git_repository.path), "ref": "main"})
    repository_id = body["data"]["CoreReadOnlyRepositoryCreate"]["object"]["id"]
    git_repository.write(".infrahub.yml", transform)
    git_repository.commit("drop the query")

    result = await graphql(
        client,
        "mutation($id: String!) { InfrahubReadOnlyRepositoryImportLastCommit(data: {id: $id}) { ok task { id } } }",
        {"id": repository_id},
    )

    assert result["data"]["InfrahubReadOnlyRepositoryImportLastCommit"]["ok"] is False
    logs = [
        log.message
        for log in app.state.server.tasks.logs(
            result["data"]["InfrahubReadOnlyRepositoryImportLastCommit"]["task"]["id"]
        )
    ]
    assert "sync failed: .infrahub.yml: t: no CoreGraphQLQuery named 'q'" in logs
    assert _query_names(await graphql(client, QUERY_NAMES)) == ["q"]
