"""Branch operations: create, update, delete, the write guard, diff, conflicts, merge, rebase and
history. The GraphQL mutations and queries call these; each takes the `Store` and a branch name.

    create_branch(store, "add-atl2")            O(1): nothing is copied
    update_diff(store, "add-atl2")              compute and store the DiffTree
    resolve_conflict(store, conflict_id, "DIFF_BRANCH")
    merge_branch(store, "add-atl2")             one change set on main, or nothing
    node_history(store, node_id)                every change of one node
"""

from infrahub_server.branches.diffs import get_diff_summary, get_diff_tree, resolve_conflict, update_diff
from infrahub_server.branches.history import HistoryEntry, node_history
from infrahub_server.branches.lifecycle import (
    check_writable,
    create_branch,
    delete_branch,
    ensure_writable,
    update_branch,
)
from infrahub_server.branches.merge import merge_branch
from infrahub_server.branches.names import check_branch_name
from infrahub_server.branches.rebase import rebase_branch
from infrahub_server.branches.status import branch_details, validate_branch

__all__ = [
    "HistoryEntry",
    "branch_details",
    "check_branch_name",
    "check_writable",
    "create_branch",
    "delete_branch",
    "ensure_writable",
    "get_diff_summary",
    "get_diff_tree",
    "merge_branch",
    "node_history",
    "rebase_branch",
    "resolve_conflict",
    "update_branch",
    "update_diff",
    "validate_branch",
]
