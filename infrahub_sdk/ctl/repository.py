"""`infrahubctl repository add|list|init`, and reading a repository's `.infrahub.yml` for the
commands that run its content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
import yaml
from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from infrahub_sdk.graphql.fragments import render_query
from infrahub_sdk.node import InfrahubNodeSync
from infrahub_sdk.schema.repository import InfrahubRepositoryConfig

from .client import initialize_client_sync as initialize_client
from .parameters import CONFIG_PARAM
from .utils import catch_exception, console

CONFIG_FILES = (".infrahub.yml", ".infrahub.yaml")


def find_repository_config_file(base_path: Path | None = None) -> Path:
    """`.infrahub.yml` (preferred) or `.infrahub.yaml` in `base_path`; the `.yml` path when neither exists."""
    base = base_path or Path()
    return next((base / name for name in CONFIG_FILES if (base / name).exists()), base / CONFIG_FILES[0])


def get_repository_config(repo_config_file: Path) -> InfrahubRepositoryConfig:
    """The parsed configuration; a missing or invalid file is reported and exits with code 1."""
    path = repo_config_file
    if not path.exists() and path.name in CONFIG_FILES:
        path = find_repository_config_file(path.parent)
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        console.print(f"[red]File not found {exc} (also checked for .infrahub.yml and .infrahub.yaml)")
        raise typer.Exit(1) from exc
    except yaml.YAMLError as exc:
        console.print(f"[red]Unable to read {path}: {exc}")
        raise typer.Exit(1) from exc
    try:
        return InfrahubRepositoryConfig(**(content or {}))
    except ValidationError as exc:
        console.print(f"[red]Repository config file not valid, found {len(exc.errors())} error(s)")
        for error in exc.errors():
            console.print(
                f"  {'/'.join(str(part) for part in error['loc'])} | {error['msg']} ({error['type']})"
            )
        raise typer.Exit(1) from exc


def load_query(config: InfrahubRepositoryConfig, name: str, root: Path | None = None) -> str:
    """The text of query `name` of the repository, with the fragments it uses inlined."""
    base = str(root or Path())
    query_config = config.get_query(name=name)
    fragments = [text for fragment in config.graphql_fragments for text in fragment.load_fragments(base)]
    return render_query(query_config.load_query(base), fragments, query_file=str(query_config.file_path))


def import_location(file_path: Path, root: Path | None = None) -> tuple[str, str | None]:
    """`(import_root, relative_path)` for `load_class`: the repository root goes on `sys.path`, so
    repository files import each other from there, as Infrahub runs them."""
    parent = file_path.parent
    return str((root or Path()).resolve()), None if parent == Path() else parent.as_posix()


app = typer.Typer(help="Manage the repositories in a remote Infrahub instance.", no_args_is_help=True)


@app.command()
@catch_exception
def add(
    name: str,
    location: str,
    description: str = "",
    username: str | None = None,
    password: str = "",
    ref: str = typer.Option("", help="Branch or tag to follow (read-only repositories: the ref to pin)."),
    read_only: bool = typer.Option(False, help="Add a read-only repository (CoreReadOnlyRepository)."),
    _: str = CONFIG_PARAM,
) -> None:
    """Add a repository by its git URL or local path; its `.infrahub.yml` is imported by the server."""
    client = initialize_client()
    data: dict[str, Any] = {"name": name, "location": location, "description": description}
    data["ref" if read_only else "default_branch"] = ref
    if username or password:
        credential = client.create(
            kind="CorePasswordCredential", name=name, username=username, password=password
        )
        credential.save(allow_upsert=True)
        data["credential"] = credential.id
    kind = "CoreReadOnlyRepository" if read_only else "CoreRepository"
    repository = client.create(kind=kind, **{key: value for key, value in data.items() if value != ""})
    repository.save()
    console.print(f"[green]Repository {escape(name)} added ({kind}, id {repository.id})")


@app.command(name="list")
@catch_exception
def list_repositories(
    branch: str | None = typer.Option(None, help="Branch on which to list repositories."),
    _: str = CONFIG_PARAM,
) -> None:
    """The repositories with their operational, sync and internal status."""
    client = initialize_client()
    table = Table(title="List of all Repositories")
    for column in ("Name", "Type", "Operational status", "Sync status", "Internal status", "Ref"):
        table.add_column(column)
    for repository in client.all(kind="CoreGenericRepository", branch=branch):
        table.add_row(
            *(
                escape(str(value or ""))
                for value in (
                    repository.name.value,
                    repository.typename,
                    _value(repository, "operational_status"),
                    _value(repository, "sync_status"),
                    _value(repository, "internal_status"),
                    _value(repository, "ref"),
                )
            )
        )
    console.print(table)


def _value(node: InfrahubNodeSync, attribute: str) -> Any:
    return getattr(node, attribute).value if attribute in node._attributes else None


@app.command()
def init() -> None:
    """How to start a new repository: copy `generators/` from infrahub-lite, the template we maintain."""
    console.print("Copy the generators/ folder of infrahub-lite: it is a complete repository to start from")
    console.print(
        "(schema, objects, queries, templates, a generator, checks and their tests); see docs/generators.md."
    )
