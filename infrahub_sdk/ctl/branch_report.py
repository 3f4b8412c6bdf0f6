"""`infrahubctl branch report NAME`: what a branch is, what it changed (data and repository files),
and the proposed changes that would merge it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import typer
from rich.markup import escape
from rich.table import Table

from infrahub_sdk._branch_data import BranchData
from infrahub_sdk._sync.client import InfrahubClientSync
from infrahub_sdk.diff import DiffTreeData


def git_files_changed(client: InfrahubClientSync, branch_name: str) -> bool | None:
    """Whether a repository file differs on the branch (`GET /api/diff/files`); None when unknown."""
    response = client._get(url=f"{client.address}/api/diff/files?branch={quote(branch_name, safe='')}")
    if response.status_code != 200:
        return None
    repositories = response.json().get(branch_name, {})
    return any(isinstance(item, dict) and item.get("files") for item in repositories.values())


def branch_table(branch: BranchData, files_changed: bool | None = None) -> Table:
    table = Table(title=f"Branch: {escape(branch.name)}", show_header=False)
    rows = [
        ("Description", branch.description or "-"),
        ("Status", str(branch.status.value)),
        ("Branched From", branch.branched_from),
        ("Sync with Git", str(branch.sync_with_git)),
        ("Git Files Changed", "N/A" if files_changed is None else str(files_changed)),
        ("Has Schema Changes", str(branch.has_schema_changes)),
    ]
    for label, value in rows:
        table.add_row(label, escape(value))
    return table


def diff_table(diff: DiffTreeData | None) -> Table:
    table = Table(title="Diff Summary", show_header=False)
    if diff is None:
        table.add_row("No diff computed yet", "run with --update-diff")
        return table
    table.add_row("Added", str(diff["num_added"]))
    table.add_row("Updated", str(diff["num_updated"]))
    table.add_row("Removed", str(diff["num_removed"]))
    table.add_row("Conflicts", str(diff["num_conflicts"]))
    table.add_row("Diff from", diff["from_time"])
    table.add_row("Diff to", diff["to_time"])
    return table


def changed_nodes_table(diff: DiffTreeData | None) -> Table:
    table = Table(title="Changed Nodes")
    for column in ("Kind", "Label", "Action"):
        table.add_column(column)
    for node in diff["nodes"] if diff else []:
        table.add_row(
            escape(node["kind"]), escape(node["display_label"] or node["id"]), escape(node["action"])
        )
    return table


def proposed_change_table(change: Any) -> Table:
    metadata = change.get_node_metadata()
    created_by = metadata.created_by.display_label if metadata and metadata.created_by else "-"
    table = Table(title=f"Proposed change: {escape(str(change.name.value))}", show_header=False)
    rows = [
        ("State", str(change.state.value)),
        ("Is Draft", str(change.is_draft.value)),
        ("Created by", created_by or "-"),
        ("Created at", (metadata.created_at if metadata else None) or "-"),
        ("Approvals", str(len(change.approved_by.peers))),
        ("Rejections", str(len(change.rejected_by.peers))),
    ]
    for label, value in rows:
        table.add_row(label, escape(str(value)))
    return table


def proposed_change_tables(client: InfrahubClientSync, branch_name: str) -> list[Table]:
    changes = client.filters(
        kind="CoreProposedChange",
        source_branch__value=branch_name,
        prefetch_relationships=True,
        include_metadata=True,
    )
    if not changes:
        empty = Table(title="Proposed changes", show_header=False)
        empty.add_row("No proposed changes for this branch")
        return [empty]
    return [proposed_change_table(change) for change in changes]


def build_report(client: InfrahubClientSync, branch_name: str, update_diff: bool) -> list[Table]:
    branch = client.branch.get(branch_name=branch_name)
    if branch.is_default:
        raise typer.BadParameter("the default branch has no report: it has nothing to merge into")
    if update_diff:
        client.create_diff(
            branch=branch_name,
            name=branch_name,
            from_time=datetime.fromisoformat(branch.branched_from),
            to_time=datetime.now(UTC),
        )
    diff = client.get_diff_tree(branch=branch_name)
    files_changed = git_files_changed(client, branch_name)
    return [
        branch_table(branch, files_changed),
        diff_table(diff),
        changed_nodes_table(diff),
        *proposed_change_tables(client, branch_name),
    ]
