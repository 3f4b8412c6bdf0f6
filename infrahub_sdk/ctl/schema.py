"""`infrahubctl schema load|check|export`."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError
from rich.markup import escape

from infrahub_sdk.exceptions import FileNotValidError
from infrahub_sdk.schema.main import SchemaRoot
from infrahub_sdk.yaml import SchemaFile

from .client import initialize_client_sync as initialize_client
from .parameters import CONFIG_PARAM
from .utils import catch_exception, console

app = typer.Typer(help="Manage the schema in a remote Infrahub instance.", no_args_is_help=True)


def read_schema_files(paths: list[Path]) -> list[tuple[str, dict[str, Any]]]:
    """`(location, content)` per document, sorted by location; every bad file is reported, then exit 1
    (messages as the official CLI's)."""
    try:
        files = SchemaFile.load_from_disk(paths=paths)
    except FileNotValidError as exc:
        console.print(f"[red]{exc.message}")
        raise typer.Exit(1) from exc
    if not files:
        console.print("[red]No valid files found to load.")
        raise typer.Exit(1)
    broken = [file for file in files if not (file.valid and file.content)]
    for file in broken:
        console.print(f"[red]{file.error_message} ({file.location})", soft_wrap=True)
    if broken:
        raise typer.Exit(1)
    return sorted(((str(file.location), file.content or {}) for file in files), key=lambda item: item[0])


def _location(loc: tuple[int | str, ...]) -> str:
    """`("nodes", 0, "namespace")` -> `nodes[0].namespace`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validate_schema_files(files: list[tuple[str, dict[str, Any]]]) -> None:
    """Check each file against the write models before anything is sent; exit 1 on the first bad ones."""
    has_error = False
    for location, content in files:
        try:
            SchemaRoot.model_validate(content)
        except ValidationError as exc:
            has_error = True
            console.print(f"[red]Schema not valid, found '{exc.error_count()}' error(s) in {location}")
            for error in exc.errors():
                received = f" (received: {error['input']!r})" if not isinstance(error["input"], dict) else ""
                console.print(
                    f"  {escape(_location(error['loc']))}: {escape(error['msg'])}{escape(received)}"
                )
    if has_error:
        raise typer.Exit(1)


def valid_error_path(loc_path: list[Any]) -> bool:
    """`body/schemas/<i>/(nodes|generics)/<j>/...` or `body/schemas/<i>/extensions/<kind>/<j>/...`."""
    if len(loc_path) < 6 or loc_path[:2] != ["body", "schemas"] or not isinstance(loc_path[2], int):
        return False
    if loc_path[3] == "extensions":
        return (
            len(loc_path) >= 7
            and loc_path[4] in {"nodes", "generics", "relationships"}
            and isinstance(loc_path[5], int)
        )
    return loc_path[3] in {"nodes", "generics"} and isinstance(loc_path[4], int)


def _payload(schema_file: Any) -> dict[str, Any]:
    payload = schema_file.payload if hasattr(schema_file, "payload") else schema_file
    return payload if isinstance(payload, dict) else {}


def get_node(
    schemas_data: list[Any],
    schema_index: int,
    node_index: int,
    container: str = "nodes",
    is_extension: bool = False,
) -> dict[str, Any] | None:
    """The node (or extension) a refusal points at, in the files as they were sent."""
    if schema_index >= len(schemas_data):
        return None
    payload = _payload(schemas_data[schema_index])
    items = (
        (payload.get("extensions") or {}).get(container, []) if is_extension else payload.get(container, [])
    )
    return items[node_index] if node_index < len(items) else None


def _item_name(items: list[dict[str, Any]], key: Any) -> Any:
    """The attribute (or relationship) at an index, or the first one carrying the offending field."""
    if isinstance(key, str):
        return next((item.get("name") for item in items if item.get(key) is not None), None)
    if isinstance(key, int) and 0 <= key < len(items):
        return items[key].get("name")
    return None


def _validation_error_line(error: dict[str, Any], schemas_data: list[Any]) -> str:
    loc = list(error.get("loc", []))
    reason = f"{error.get('msg', 'No error message')} ({error.get('type', 'unknown')})"
    if not valid_error_path(loc):
        return f"  {'/'.join(str(part) for part in loc[1:])} | {reason}"
    extension = loc[3] == "extensions"
    container, node_index, tail = (loc[4], loc[5], loc[6:]) if extension else (loc[3], loc[4], loc[5:])
    node = get_node(schemas_data, loc[2], node_index, container=container, is_extension=extension)
    if node is None:
        return "Node data not found."
    label = (
        (node.get("kind") or node.get("name") or "")
        if extension
        else f"{node.get('namespace')}{node.get('name')}"
    )
    where = f"{label} (extensions/{container})" if extension else label
    if len(tail) == 1:
        return f"  Node: {where} | {tail[0]} ({error.get('input')}) | {reason}"
    field_kind = str(tail[0])[:-1].title()
    item = _item_name(node.get(tail[0], []), tail[1])
    return f"  Node: {where} | {field_kind}: {item} ({error.get('input')}) | {reason}"


def schema_load_error_lines(response: dict[str, Any], schemas_data: list[Any]) -> list[str]:
    """What the server refused, one line per error: request validation (`detail`) or processing (`errors`)."""
    if "detail" in response:
        return [_validation_error_line(error, schemas_data) for error in response["detail"]]
    if "errors" in response:
        return [f"  {' '.join(str(error.get('message')).split())}" for error in response["errors"]]
    if "error" in response:
        return [f"  {response['error']}"]
    return [f"  {response!r}"]


def display_schema_load_errors(response: dict[str, Any], schemas_data: list[Any]) -> None:
    console.print("[red]Unable to load the schema:")
    for line in schema_load_error_lines(response, schemas_data):
        console.print(line, markup=False, highlight=False)


@app.command()
@catch_exception
def load(
    schemas: list[Path],
    branch: str = typer.Option(None, help="Branch on which to load the schema."),
    wait: int = typer.Option(
        0, help="Time in seconds to wait until the schema has converged across all workers"
    ),
    _: str = CONFIG_PARAM,
) -> None:
    """Load one or multiple schema files into Infrahub."""
    files = read_schema_files(schemas)
    validate_schema_files(files)
    client = initialize_client()
    started = time.time()
    response = client.schema.load(schemas=[content for _location, content in files], branch=branch)
    elapsed = time.time() - started
    if response.errors:
        display_schema_load_errors(response.errors, [content for _location, content in files])
        raise typer.Exit(1)
    if response.schema_updated:
        for location, _content in files:
            console.print(f"[green] schema '{location}' loaded successfully", soft_wrap=True)
    else:
        console.print("[green] The schema in Infrahub was already up to date, no changes were required")
    noun = "schema" if len(files) == 1 else "schemas"
    console.print(f"[green] {len(files)} {noun} processed in {elapsed:.3f} seconds.")
    if response.schema_updated and wait:
        for _attempt in range(wait + 1):
            if client.schema.in_sync(branch=branch):
                console.print("[green] Schema updated on all workers.")
                return
            console.print("[yellow] Waiting for schema to sync across all workers")
            time.sleep(1)
        console.print("[red] Schema is still not in sync after the specified waiting time")
        raise typer.Exit(1)


@app.command()
@catch_exception
def check(
    schemas: list[Path],
    branch: str = typer.Option(None, help="Branch on which to check the schema."),
    _: str = CONFIG_PARAM,
) -> None:
    """Check if schema files are valid and what loading them would change."""
    files = read_schema_files(schemas)
    validate_schema_files(files)
    success, response = initialize_client().schema.check(
        schemas=[content for _location, content in files], branch=branch
    )
    if not success or not response:
        # The official CLI reports an invalid schema here and still exits 0; scripts rely on that.
        display_schema_load_errors(response or {}, [content for _location, content in files])
        return
    for location, _content in files:
        console.print(f"[green] schema '{location}' is Valid!", soft_wrap=True)
    response.pop("warnings", None)
    if response == {"diff": {"added": {}, "changed": {}, "removed": {}}}:
        console.print("No diff")
    else:
        console.print(yaml.safe_dump(data=response, indent=4), markup=False, highlight=False)


def _default_export_directory() -> Path:
    return Path(f"infrahub-schema-export-{datetime.now(UTC).astimezone().strftime('%Y%m%d-%H%M%S')}")


@app.command()
@catch_exception
def export(
    directory: Annotated[
        Path,
        typer.Option(default_factory=_default_export_directory, help="Directory path to store schema files"),
    ],
    branch: str = typer.Option(None, help="Branch from which to export the schema"),
    namespaces: Annotated[
        list[str] | None, typer.Option(help="Namespace(s) to export (default: all user-defined)")
    ] = None,
    _: str = CONFIG_PARAM,
) -> None:
    """Export the schema from Infrahub as YAML files, one per namespace."""
    exported = initialize_client().schema.export(branch=branch, namespaces=namespaces or None)
    if not exported.namespaces:
        console.print("[yellow]No user-defined schema found to export.")
        return
    directory.mkdir(parents=True, exist_ok=True)
    for namespace, data in sorted(exported.namespaces.items()):
        payload: dict[str, Any] = {"version": "1.0"}
        if data.generics:
            payload["generics"] = data.generics
        if data.nodes:
            payload["nodes"] = data.nodes
        output = directory / f"{namespace.lower()}.yml"
        output.write_text(yaml.dump(payload, sort_keys=False, allow_unicode=True), encoding="utf-8")
        console.print(f"[green] Exported namespace '{namespace}' to {output}", soft_wrap=True)
    console.print(f"[green] Schema exported to {directory}", soft_wrap=True)
