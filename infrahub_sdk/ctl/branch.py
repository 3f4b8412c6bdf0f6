"""`infrahubctl branch ...`."""

from __future__ import annotations

import typer
from rich.table import Table

from .branch_report import build_report
from .client import initialize_client_sync as initialize_client
from .parameters import CONFIG_PARAM
from .utils import catch_exception, console

app = typer.Typer(help="Manage the branches in a remote Infrahub instance.", no_args_is_help=True)


def _flag(value: bool) -> str:
    return "[green]True" if value else "[#FF7F50]False"


@app.command("list")
@catch_exception
def list_branch(_: str = CONFIG_PARAM) -> None:
    """List all existing branches."""
    branches = initialize_client().branch.all()
    table = Table(title="List of all branches")
    for column in (
        "Name",
        "Description",
        "Origin Branch",
        "Branched From",
        "Sync with Git",
        "Has Schema Changes",
    ):
        table.add_column(column)
    table.add_column("Is Default")
    table.add_column("Status")
    ordered = sorted(branches.values(), key=lambda branch: not branch.is_default)
    for branch in ordered:
        table.add_row(
            branch.name,
            branch.description or " - ",
            branch.origin_branch,
            branch.branched_from,
            _flag(branch.sync_with_git),
            _flag(branch.has_schema_changes),
            _flag(branch.is_default),
            branch.status.value,
        )
    console.print(table)


@app.command()
@catch_exception
def create(
    branch_name: str = typer.Argument(..., help="Name of the branch to create"),
    description: str = typer.Option("", help="Description of the branch"),
    sync_with_git: bool = typer.Option(False, help="Extend the branch to Git."),
    _: str = CONFIG_PARAM,
) -> None:
    """Create a new branch."""
    branch = initialize_client().branch.create(
        branch_name=branch_name, description=description, sync_with_git=sync_with_git
    )
    branch_id = branch if isinstance(branch, str) else branch.id
    console.print(f"Branch {branch_name!r} created successfully ({branch_id}).")


@app.command()
@catch_exception
def delete(branch_name: str, _: str = CONFIG_PARAM) -> None:
    """Delete a branch."""
    initialize_client().branch.delete(branch_name)
    console.print(f"Branch '{branch_name}' deleted successfully.")


@app.command()
@catch_exception
def rebase(branch_name: str, _: str = CONFIG_PARAM) -> None:
    """Rebase a branch on main."""
    initialize_client().branch.rebase(branch_name=branch_name)
    console.print(f"Branch '{branch_name}' rebased successfully.")


@app.command()
@catch_exception
def merge(branch_name: str, _: str = CONFIG_PARAM) -> None:
    """Merge a branch into main."""
    initialize_client().branch.merge(branch_name=branch_name)
    console.print(f"Branch '{branch_name}' merged successfully.")


@app.command()
@catch_exception
def validate(branch_name: str, _: str = CONFIG_PARAM) -> None:
    """Validate a branch."""
    initialize_client().branch.validate(branch_name=branch_name)
    console.print(f"Branch '{branch_name}' is valid.")


@app.command()
@catch_exception
def report(
    branch_name: str,
    update_diff: bool = typer.Option(False, help="Recompute the branch's diff before reporting it."),
    _: str = CONFIG_PARAM,
) -> None:
    """Report on a branch: its details, its diff summary, changed repository files and its proposed changes."""
    for table in build_report(initialize_client(), branch_name, update_diff):
        console.print(table)
