"""`infrahubctl branch report NAME`: what a branch is and what it changed, before it is merged.

Proposed changes (the official report's last table) wait for the proposed-changes issue; the rest of
the report is here.
"""

from __future__ import annotations

from datetime import UTC, datetime

import typer
from rich.markup import escape
from rich.table import Table

from infrahub_sdk._branch_data import BranchData
from infrahub_sdk._sync.client import InfrahubClientSync
from infrahub_sdk.diff import DiffTreeData


def branch_table(branch: BranchData) -> Table:
    table = Table(title=f"Branch: {escape(branch.name)}", show_header=False)
    rows = [
        ("Description", branch.description or "-"),
        ("Status", str(branch.status.value)),
        ("Branched From", branch.branched_from),
        ("Sync with Git", str(branch.sync_with_git)),
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
    return [branch_table(branch), diff_table(diff), changed_nodes_table(diff)]
