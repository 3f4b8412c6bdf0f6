"""Where a repository's files live on the server: one bare clone per repository and one
read-only directory per commit, shared by every branch synced to that commit.

    <root>/<repository id>/clone.git        the bare clone, fetched on each sync
    <root>/<repository id>/commits/<commit> the files of one commit

`<root>` is `INFRAHUB_GIT_REPOSITORIES_DIRECTORY`, by default `repositories/` beside the SQLite
database file (or in the working directory for PostgreSQL). Everything here blocks on disk and
git: call it from a worker thread.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from infrahub_server.errors import ValidationError
from infrahub_server.repositories.git import GitCredential, export_commit, fetch_clone, has_commit
from infrahub_server.repositories.records import RepositoryRecord, read_repository
from infrahub_server.repositories.sync_state import prepare_sync_table, read_sync_state
from infrahub_server.settings import Settings
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext


_COMMIT_ID = re.compile(r"^[0-9a-f]{7,64}$")
_NODE_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]*$")


class RepositoryNotSyncedError(ValidationError):
    code = "REPOSITORY_NOT_SYNCED"


def repositories_root(settings: Settings) -> Path:
    if settings.git_repositories_directory:
        return Path(settings.git_repositories_directory).expanduser().resolve()
    if settings.is_sqlite:
        database = settings.database_url.partition(":///")[2]
        if database and database != ":memory:":
            return Path(database).expanduser().resolve().parent / "repositories"
    return Path.cwd() / "repositories"


def repository_folder(root: Path, repository_id: str) -> Path:
    """`<root>/<repository id>`; ids that are not plain names (a client may choose the id) are refused."""
    if not _NODE_ID.match(repository_id):
        raise RepositoryNotSyncedError(
            f"{repository_id!r} cannot name a folder", data={"repository": repository_id}
        )
    return root / repository_id


def clone_path(root: Path, repository_id: str) -> Path:
    return repository_folder(root, repository_id) / "clone.git"


def commit_directory(
    root: Path,
    repository_id: str,
    commit: str,
    *,
    location: str | None = None,
    credential: GitCredential | None = None,
) -> Path:
    """The directory holding the files of `commit`, exported from the clone on first use (the
    clone is fetched from `location` first when it lacks the commit)."""
    if not _COMMIT_ID.match(commit):
        raise RepositoryNotSyncedError(
            f"{commit!r} is not a commit id", data={"repository": repository_id, "commit": commit}
        )
    target = repository_folder(root, repository_id) / "commits" / commit
    if target.is_dir():
        return target
    clone = clone_path(root, repository_id)
    if not has_commit(clone, commit):
        if location is None:
            raise RepositoryNotSyncedError(
                f"commit {commit} of repository {repository_id} is not on this server",
                data={"repository": repository_id, "commit": commit},
            )
        fetch_clone(clone, location, credential)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{commit}.", dir=target.parent))
    try:
        export_commit(clone, commit, staging)
        staging.rename(target)
    except OSError:
        # Another thread or process exported the same commit first: theirs is as good as ours.
        if not target.is_dir():
            raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def synced_commit(
    server: ServerContext, repository_id: str, branch: str
) -> tuple[str | None, RepositoryRecord]:
    """The commit of the repository as synced for `branch` (the branch's own sync, else the default
    branch's, else the node's `commit` attribute; None if never synced), and the repository."""
    store = server.store
    prepare_sync_table(store.engine)
    with store.reader(Snapshot(branch)) as reader:
        repository = read_repository(reader, server.schemas.for_branch_name(branch), repository_id)
        for candidate in dict.fromkeys((branch, store.default_branch)):
            state = read_sync_state(reader.connection, repository_id, candidate)
            if state is not None and state.commit:
                return state.commit, repository
        node = reader.get_nodes([repository_id], ["commit"])[repository_id]
    attribute = node.attributes.get("commit")
    return (str(attribute.value) if attribute is not None and attribute.value else None), repository


def plain_folder(location: str) -> Path | None:
    """The folder a location names when it is a local directory outside git (used as it is,
    without commits), else None."""
    if "://" in location:
        return None
    folder = Path(location).expanduser()
    if not folder.is_dir() or (folder / ".git").exists() or (folder / "HEAD").is_file():
        return None
    return folder.resolve()


def repository_directory(server: ServerContext, repository_id: str, branch: str) -> Path:
    """A directory with the repository's files at the commit synced for `branch`; callers only
    read it (the same directory serves every branch at that commit). A repository whose location
    is a plain local folder (no git) is that folder, as it is now."""
    commit, repository = synced_commit(server, repository_id, branch)
    folder = plain_folder(repository.location)
    if folder is not None:
        return folder
    if commit is None:
        raise RepositoryNotSyncedError(
            f"repository {repository_id} has not been synced on branch {branch!r}",
            data={"repository": repository_id, "branch": branch},
        )
    return commit_directory(
        repositories_root(server.settings),
        repository_id,
        commit,
        location=repository.location,
        credential=repository.credential,
    )
