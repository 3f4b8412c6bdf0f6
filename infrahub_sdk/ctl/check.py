"""`infrahubctl check [NAME]`: run a repository's checks locally on data read from the server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from infrahub_sdk._async.client import InfrahubClient
from infrahub_sdk.schema.repository import InfrahubCheckDefinitionConfig, InfrahubRepositoryConfig

from .client import initialize_client
from .parameters import CONFIG_PARAM
from .repository import find_repository_config_file, get_repository_config, import_location, load_query
from .run import parse_cli_vars
from .targets import target_variables
from .transform import VARIABLES_ARGUMENT, list_names
from .utils import catch_exception, console


async def run_check(
    client: InfrahubClient,
    config: InfrahubRepositoryConfig,
    definition: InfrahubCheckDefinitionConfig,
    cli_variables: dict[str, str],
    branch: str | None,
    format_json: bool,
) -> bool:
    """Run one check definition (once, or once per target); True when every run passed."""
    check_class = definition.load_class(*import_location(definition.file_path))
    query = load_query(config, check_class.query)
    passed = True
    for params in await target_variables(
        client, definition.targets, definition.parameters, cli_variables, branch
    ):
        check = check_class(
            client=client,
            branch=branch,
            params=params,
            root_directory=str(Path.cwd()),
            output="stdout" if format_json else None,
        )
        data = await client.execute_graphql(query=query, variables=params, branch_name=branch)
        result = await check.run(data=data)
        passed = passed and result
        if format_json:
            continue
        target = f" {escape(str(params))}" if params else ""
        if result:
            console.print(f"[green]{escape(definition.name)}{target}: passed")
        else:
            console.print(f"[red]{escape(definition.name)}{target}: failed")
            for entry in check.errors:
                console.print(f"  [red]{escape(entry['message'])}", soft_wrap=True)
    return passed


@catch_exception
def check(
    check_name: Annotated[str, typer.Argument(help="Name of the check; all checks when omitted")] = "",
    variables: Annotated[list[str] | None, VARIABLES_ARGUMENT] = None,
    branch: str = typer.Option(None, help="Branch on which to run the checks."),
    path: str = typer.Option(".", help="Root directory of the repository."),
    debug: bool = False,
    format_json: bool = typer.Option(False, help="Print the log entries as JSON lines."),
    list_available: bool = typer.Option(False, "--list", help="Show the available checks"),
    _: str = CONFIG_PARAM,
) -> None:
    """Run the repository's checks; exit code 1 when one fails."""
    config = get_repository_config(find_repository_config_file(Path(path)))
    if list_available:
        list_names("Checks", config.check_definitions)
        return
    if check_name and not config.has_check_definition(check_name):
        console.print(f"[red]Unable to find {escape(check_name)} in the repository's checks")
        raise typer.Exit(1)
    definitions = [config.get_check_definition(check_name)] if check_name else config.check_definitions
    client = initialize_client(branch=branch)

    async def run_all() -> bool:
        results = [
            await run_check(client, config, item, parse_cli_vars(variables), branch, format_json)
            for item in definitions
        ]
        return all(results)

    if not asyncio.run(run_all()):
        raise typer.Exit(1)
