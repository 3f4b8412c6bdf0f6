"""Sync a repository on a branch: fetch it, pick the commit the branch follows, import that commit's
`.infrahub.yml` in one change set, and record the result on the repository.

Which commit: a read-only repository follows its `ref`; a read-write repository follows the git
branch named like the Infrahub branch when there is one, else its `default_branch`. A plain local
folder (no git) is imported as it is, without a commit.

Blocking (git, database): call it from a worker thread or a task handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from infrahub_server.errors import InfrahubError
from infrahub_server.repositories.config import RepositoryFileError, read_repository_config
from infrahub_server.repositories.git import GitError, fetch_clone, resolve_commit
from infrahub_server.repositories.importer import ImportReport, import_repository
from infrahub_server.repositories.records import RepositoryRecord, read_repository, set_repository_status
from infrahub_server.repositories.sync_state import SyncState, prepare_sync_table, write_sync_state
from infrahub_server.repositories.worktree import (
    clone_path,
    commit_directory,
    plain_folder,
    repositories_root,
)
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

logger = logging.getLogger(__name__)

SyncLog = Callable[[str, str], None]
"""Where progress goes: (message, severity), like `TaskContext.log`."""


@dataclass(frozen=True, slots=True)
class SyncResult:
    repository_id: str
    branch: str
    commit: str | None
    status: str
    """`in-sync` or `error-import`; `operational_status` says whether git could be reached."""
    operational_status: str
    message: str | None = None
    report: ImportReport | None = None

    @property
    def ok(self) -> bool:
        return self.status == "in-sync"


def _noop(message: str, severity: str) -> None:
    """No task log to write to."""


def read_repository_on(server: ServerContext, repository_id: str, branch: str) -> RepositoryRecord:
    with server.store.reader(Snapshot(branch)) as reader:
        return read_repository(reader, server.schemas.for_branch_name(branch), repository_id)


def fetch_repository(server: ServerContext, repository: RepositoryRecord) -> Path:
    """Bring the server's clone up to date; returns its path."""
    clone = clone_path(repositories_root(server.settings), repository.id)
    fetch_clone(clone, repository.location, repository.credential)
    return clone


def followed_ref(repository: RepositoryRecord, clone: Path, branch: str) -> str:
    if repository.ref is not None:
        return repository.ref
    try:
        resolve_commit(clone, f"refs/heads/{branch}")
    except GitError:
        return repository.default_branch
    return f"refs/heads/{branch}"


def sync_repository(
    server: ServerContext,
    repository_id: str,
    branch: str,
    *,
    commit: str | None = None,
    log: SyncLog = _noop,
) -> SyncResult:
    """Fetch, import and record; never raises for git or file problems: they are the result's
    `status` and `message`, also written on the repository."""
    prepare_sync_table(server.store.engine)
    repository = read_repository_on(server, repository_id, branch)
    folder = plain_folder(repository.location)
    try:
        if folder is not None:
            directory = folder
        else:
            log(f"fetching {repository.name} from its location", "info")
            clone = fetch_repository(server, repository)
            commit = resolve_commit(clone, commit or followed_ref(repository, clone, branch))
            directory = commit_directory(repositories_root(server.settings), repository_id, commit)
    except GitError as exc:
        operational = "error-cred" if exc.credentials else "error-connection" if exc.connectivity else "error"
        return _record_failure(server, repository, branch, None, operational, f"git: {exc.message}", log)
    log(f"importing {repository.name} at {commit or 'its folder'} on branch {branch}", "info")
    try:
        report = _import(server, repository, branch, commit, directory)
    except RepositoryFileError as exc:
        return _record_failure(server, repository, branch, commit, "online", str(exc), log)
    log(
        f"imported {repository.name}: {report.objects} objects, definitions {report.definitions.upserted}",
        "info",
    )
    return SyncResult(repository_id, branch, commit, "in-sync", "online", None, report)


def _import(
    server: ServerContext, repository: RepositoryRecord, branch: str, commit: str | None, directory: Path
) -> ImportReport:
    config = read_repository_config(directory)
    registry = server.schemas
    with registry.write_lock:
        current = registry.for_branch_name(branch)
        message = f"Import repository {repository.name}" + (f" at {commit}" if commit else "")
        with server.store.change_set(branch, actor_id=None, message=message) as writer:
            try:
                report = import_repository(writer, current, repository.id, directory, config)
            except RepositoryFileError:
                raise
            except InfrahubError as exc:
                raise RepositoryFileError(".infrahub.yml", exc.message) from None
            write_sync_state(writer.connection, SyncState(repository.id, branch, commit, "in-sync", None))
            if branch == server.store.default_branch:
                set_repository_status(
                    writer,
                    repository.id,
                    commit=commit,
                    sync_status="in-sync",
                    operational_status="online",
                    internal_status="active",
                )
        # Cache the new schema by its hash now, as a schema load does.
        registry.for_branch_name(branch)
    return report


def _record_failure(
    server: ServerContext,
    repository: RepositoryRecord,
    branch: str,
    commit: str | None,
    operational: str,
    message: str,
    log: SyncLog,
) -> SyncResult:
    status = "error-import" if operational == "online" else "unknown"
    logger.warning("sync of repository %s on %s failed: %s", repository.name, branch, message)
    log(f"sync failed: {message}", "error")
    with server.store.change_set(
        branch, actor_id=None, message=f"Sync of {repository.name} failed"
    ) as writer:
        write_sync_state(writer.connection, SyncState(repository.id, branch, None, status, message))
        if branch == server.store.default_branch:
            set_repository_status(writer, repository.id, sync_status=status, operational_status=operational)
    return SyncResult(repository.id, branch, commit, status, operational, message)
