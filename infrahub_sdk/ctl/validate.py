"""`infrahubctl validate schema FILE` (offline) and `validate graphql-query QUERY` (run on a branch)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from infrahub_sdk.exceptions import GraphQLError

from .client import initialize_client_sync as initialize_client
from .parameters import CONFIG_PARAM
from .repository import find_repository_config_file, get_repository_config, load_query
from .run import parse_cli_vars
from .schema import read_schema_files, validate_schema_files
from .utils import catch_exception, console

app = typer.Typer(help="Validate the format of schema files and GraphQL queries.", no_args_is_help=True)


@app.command(name="schema")
@catch_exception
def validate_schema(schema: Path, _: str = CONFIG_PARAM) -> None:
    """Validate a schema file (YAML or JSON) without a server; exit code 1 when it is not valid."""
    validate_schema_files(read_schema_files([schema]))
    console.print("[green]Schema is valid !!")


def _query_text(query: str) -> str:
    """A `.gql` file, or the name of a query of the repository's `.infrahub.yml`."""
    path = Path(query)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    config_file = find_repository_config_file()
    if config_file.exists():
        config = get_repository_config(config_file)
        if query in {item.name for item in config.queries}:
            return load_query(config, query)
    console.print(f"[red]Unable to find the GraphQL Query : {query}")
    raise typer.Exit(1)


@app.command(name="graphql-query")
@catch_exception
def validate_graphql(
    query: str,
    variables: Annotated[
        list[str] | None,
        typer.Argument(help="Variables to pass along with the query. Format key=value key=value."),
    ] = None,
    debug: bool = typer.Option(False, help="Display the response."),
    branch: str = typer.Option(None, help="Branch on which to validate the GraphQL Query."),
    out: Annotated[Path | None, typer.Option(help="Path to a file to save the result.")] = None,
    _: str = CONFIG_PARAM,
) -> None:
    """Run a query stored locally (file or repository query name) on a branch; exit code 1 on errors."""
    text = _query_text(query)
    client = initialize_client()
    branch = branch or client.config.default_infrahub_branch
    console.print(f"[purple]Query '{escape(query)}' will be validated on branch '{escape(branch)}'.")
    try:
        response = client.execute_graphql(query=text, branch_name=branch, variables=parse_cli_vars(variables))
    except GraphQLError as exc:
        console.print(f"[red]{len(exc.errors)} error(s) occurred while executing the query")
        for error in exc.errors:
            message = error.get("message", error) if isinstance(error, dict) else error
            console.print(f"[yellow] - Message: {escape(str(message))}")
            if isinstance(error, dict) and error.get("locations"):
                console.print(f"[yellow]   Location: {error['locations']}")
        raise typer.Exit(1) from exc
    console.print("[green] Query executed successfully.")
    if debug:
        console.print(response)
    if out:
        out.write_text(json.dumps(response, indent=2, sort_keys=True), encoding="utf-8")
