"""`GET /api/diff/files?branch=`: per repository, the files that differ between the commit synced
on the default branch and the one synced on `branch` (what `infrahubctl branch report` lists)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_server.repositories.git import GitError, run_git
from infrahub_server.repositories.records import REPOSITORY_KINDS
from infrahub_server.repositories.worktree import clone_path, repositories_root, synced_commit
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

_ACTIONS = {"A": "added", "D": "removed", "M": "updated", "T": "updated", "R": "updated", "C": "added"}


def _changed_files(
    server: ServerContext, repository_id: str, commit_from: str, commit_to: str
) -> list[tuple[str, str]]:
    clone = clone_path(repositories_root(server.settings), repository_id)
    if not clone.exists():
        return []
    try:
        result = run_git(["diff", "--name-status", "-z", commit_from, commit_to], cwd=clone)
    except GitError:
        return []
    parts = result.stdout.decode(errors="replace").split("\0")
    changes: list[tuple[str, str]] = []
    index = 0
    while index < len(parts) - 1:
        status = parts[index]
        if status[:1] in ("R", "C"):
            changes.append((parts[index + 2], _ACTIONS[status[0]]))
            index += 3
        else:
            changes.append((parts[index + 1], _ACTIONS.get(status[:1], "updated")))
            index += 2
    return changes


def branch_file_diff(server: ServerContext, branch: str) -> dict[str, Any]:
    """`{branch: {repository id: {branch, id, display_name, commit_from, commit_to, files}}}`; a
    repository whose commits are equal (or never synced) is listed with no files."""
    default = server.store.default_branch
    with server.store.reader(Snapshot(branch)) as reader:
        ids = reader.find_node_ids(REPOSITORY_KINDS)
        nodes = reader.get_nodes(ids, ["name"])
    answer: dict[str, Any] = {}
    for repository_id in ids:
        commit_to, repository = synced_commit(server, repository_id, branch)
        commit_from, _ = synced_commit(server, repository_id, default)
        files = []
        if commit_from and commit_to and commit_from != commit_to:
            files = [
                {"branch": branch, "location": location, "action": action}
                for location, action in _changed_files(server, repository_id, commit_from, commit_to)
            ]
        name = nodes[repository_id].attributes.get("name")
        answer[repository_id] = {
            "branch": branch,
            "id": repository_id,
            "display_name": str(name.value) if name is not None else repository.name,
            "commit_from": commit_from,
            "commit_to": commit_to,
            "files": files,
        }
    return {branch: answer}
