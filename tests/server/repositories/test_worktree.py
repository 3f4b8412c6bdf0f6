from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from starlette.applications import Starlette

from infrahub_server.errors import NodeNotFoundError
from infrahub_server.repositories.worktree import (
    RepositoryNotSyncedError,
    repositories_root,
    repository_directory,
)
from infrahub_server.settings import Settings
from tests.server.repositories.repository_helpers import GitRepository, graphql

CREATE = """
mutation($name: String!, $location: String!, $commit: String) {
  CoreReadOnlyRepositoryCreate(data: {name: {value: $name}, location: {value: $location}, commit: {value: $commit}}) {
    object { id commit { value } }
  }
}
"""


async def _create(client: httpx.AsyncClient, location: Path, commit: str | None = None) -> str:
    body = await graphql(client, CREATE, {"name": location.name, "location": str(location), "commit": commit})
    assert "errors" not in body, body
    return str(body["data"]["CoreReadOnlyRepositoryCreate"]["object"]["id"])


async def test_directory_holds_the_files_of_the_synced_commit(
    app: Starlette, client: httpx.AsyncClient, git_repository: GitRepository, tmp_path: Path
) -> None:
    git_repository.write("templates/a.j2", "first")
    first = git_repository.commit()
    git_repository.write("templates/a.j2", "second")
    git_repository.commit()
    repository_id = await _create(client, git_repository.path, first)

    directory = await anyio.to_thread.run_sync(repository_directory, app.state.server, repository_id, "main")

    assert (directory / "templates" / "a.j2").read_text() == "first"
    assert not (directory / ".git").exists()
    assert directory == tmp_path / "repositories" / repository_id / "commits" / first
    again = await anyio.to_thread.run_sync(repository_directory, app.state.server, repository_id, "main")
    assert again == directory


async def test_a_plain_folder_is_used_as_it_is(
    app: Starlette, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "a.j2").write_text("live")
    repository_id = await _create(client, folder)

    directory = await anyio.to_thread.run_sync(repository_directory, app.state.server, repository_id, "main")

    assert directory == folder.resolve()


async def test_unsynced_and_unknown_repositories_are_refused(
    app: Starlette, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    repository_id = await _create(client, tmp_path / "missing.git")

    with pytest.raises(RepositoryNotSyncedError, match="has not been synced on branch 'main'"):
        await anyio.to_thread.run_sync(repository_directory, app.state.server, repository_id, "main")
    with pytest.raises(NodeNotFoundError):
        await anyio.to_thread.run_sync(repository_directory, app.state.server, "no-such-id", "main")


def test_clones_live_beside_the_database_unless_configured(tmp_path: Path) -> None:
    beside = Settings(database_url=f"sqlite:///{tmp_path / 'data' / 'infrahub.db'}")
    configured = replace(beside, git_repositories_directory=str(tmp_path / "clones"))
    on_postgres = Settings(database_url="postgresql://infrahub@127.0.0.1/infrahub")

    assert repositories_root(beside) == tmp_path / "data" / "repositories"
    assert repositories_root(configured) == tmp_path / "clones"
    assert repositories_root(on_postgres) == Path.cwd() / "repositories"


async def test_a_recorded_commit_that_is_not_a_commit_id_is_refused(
    app: Starlette, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    repository_id = await _create(client, tmp_path / "missing.git", "../../../etc")

    with pytest.raises(RepositoryNotSyncedError, match="is not a commit id"):
        await anyio.to_thread.run_sync(repository_directory, app.state.server, repository_id, "main")
