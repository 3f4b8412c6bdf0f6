"""Reading a repository's `.infrahub.yml` for the commands that run its content."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml
from pydantic import ValidationError

from infrahub_sdk.graphql.fragments import render_query
from infrahub_sdk.schema.repository import InfrahubRepositoryConfig

from .utils import console

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
