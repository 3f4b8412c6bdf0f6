"""`infrahubctl protocols`: typed protocol classes for a schema, from files or from the server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from infrahub_sdk import protocols as core_protocols
from infrahub_sdk.protocols_generator import generate_protocols
from infrahub_sdk.schema.main import MainSchemaTypesAPI, SchemaRoot

from .client import initialize_client_sync
from .parameters import CONFIG_PARAM
from .schema import read_schema_files
from .utils import catch_exception, console

CORE_PROTOCOLS = [
    name
    for name, value in vars(core_protocols).items()
    if isinstance(value, type) and value.__module__ == core_protocols.__name__
]


@catch_exception
def protocols(
    schemas: Annotated[list[Path] | None, typer.Option(help="List of schemas or directory to load.")] = None,
    branch: str = typer.Option(None, help="Branch of schema to export Python protocols for."),
    sync: bool = typer.Option(False, help="Generate for sync or async."),
    _: str = CONFIG_PARAM,
    out: str = typer.Option("schema_protocols.py", help="Path to a file to save the result."),
) -> None:
    """Export Python protocols corresponding to a schema."""
    kinds: dict[str, MainSchemaTypesAPI] = {}
    if schemas:
        for _location, content in read_schema_files(schemas):
            root = SchemaRoot(**content)
            kinds.update({node.kind: node.convert_api() for node in root.nodes})
            kinds.update({generic.kind: generic.convert_api() for generic in root.generics})
    else:
        client = initialize_client_sync()
        kinds.update(client.schema.fetch(branch=branch or client.default_branch))
    source = generate_protocols(kinds, sync=sync, base_protocols=CORE_PROTOCOLS)
    if out:
        Path(out).write_text(source, encoding="utf-8")
        console.print(f"Python protocols exported in {out}")
    else:
        console.print(source, markup=False, highlight=False)
