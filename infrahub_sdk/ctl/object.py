"""`infrahubctl object load|validate`: object files (`kind: Object`)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.markup import escape

from infrahub_sdk._async.client import InfrahubClient
from infrahub_sdk.exceptions import FileNotValidError, ObjectValidationError
from infrahub_sdk.spec.object import ObjectFile

from .client import initialize_client
from .parameters import CONFIG_PARAM
from .utils import catch_exception, console

app = typer.Typer(help="Manage objects in a remote Infrahub instance.", no_args_is_help=True)


def load_object_files(paths: list[Path]) -> list[ObjectFile]:
    """Every document of `paths` (directories walked by name); a bad file is reported, then exit 1."""
    try:
        files = [file for file in ObjectFile.load_from_disk(paths=paths) if isinstance(file, ObjectFile)]
    except FileNotValidError as exc:
        console.print(f"[red]{escape(str(exc))}")
        raise typer.Exit(1) from exc
    has_error = False
    for file in files:
        if not file.valid:
            has_error = True
            console.print(f"[red]{escape(str(file.error_message))} ({file.location})")
            continue
        try:
            file.validate_content()
        except (ValidationError, ValueError) as exc:
            has_error = True
            console.print(f"[red]{escape(str(exc))} ({file.location})")
    if has_error:
        raise typer.Exit(1)
    return files


def _describe(file: ObjectFile) -> str:
    position = f" (document {file.document_position})" if file.document_position else ""
    return f"{file.location}{position}"


async def _validate(client: InfrahubClient, files: list[ObjectFile], branch: str | None) -> bool:
    valid = True
    for file in files:
        for error in await file.spec.validate_format(client=client, branch=branch):
            valid = False
            console.print(f"[red]{escape(_describe(file))}: {escape(str(error))}")
    return valid


async def _load(client: InfrahubClient, files: list[ObjectFile], branch: str | None) -> bool:
    if not await _validate(client, files, branch):
        return False
    for file in files:
        try:
            await file.process(client=client, branch=branch)
        except ObjectValidationError as exc:
            console.print(f"[red]{escape(_describe(file))}: {escape(str(exc))}")
            return False
        console.print(
            f"[green]Loaded {len(file.spec.data)} {file.spec.kind} object(s) from {escape(_describe(file))}"
        )
    return True


@app.command()
@catch_exception
def load(
    paths: list[Path],
    debug: bool = False,
    branch: str = typer.Option(None, help="Branch on which to load the objects."),
    _: str = CONFIG_PARAM,
) -> None:
    """Load one or more object files (or directories of them) into Infrahub, with upserts."""
    files = load_object_files(paths)
    client = initialize_client(branch=branch)
    if not asyncio.run(_load(client, files, branch)):
        raise typer.Exit(1)


@app.command()
@catch_exception
def validate(
    paths: list[Path],
    debug: bool = False,
    branch: str = typer.Option(None, help="Branch against whose schema the files are checked."),
    _: str = CONFIG_PARAM,
) -> None:
    """Check one or more object files against the schema, without writing anything."""
    files = load_object_files(paths)
    client = initialize_client(branch=branch)
    if not asyncio.run(_validate(client, files, branch)):
        raise typer.Exit(1)
    console.print(f"[green]{len(files)} object file document(s) valid")
