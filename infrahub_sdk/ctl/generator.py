"""`infrahubctl generator NAME`: run a repository's generator locally against the server."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.markup import escape

from infrahub_sdk._async.node import InfrahubNode

from .client import initialize_client
from .parameters import CONFIG_PARAM
from .repository import find_repository_config_file, get_repository_config, import_location, load_query
from .run import parse_cli_vars
from .targets import target_variables
from .transform import VARIABLES_ARGUMENT, list_names
from .utils import catch_exception, console


@catch_exception
def generator(
    generator_name: Annotated[str, typer.Argument(help="Name of the generator definition")] = "",
    variables: Annotated[list[str] | None, VARIABLES_ARGUMENT] = None,
    branch: str = typer.Option(None, help="Branch on which to run the generator."),
    path: str = typer.Option(".", help="Root directory of the repository."),
    debug: bool = False,
    list_available: bool = typer.Option(False, "--list", help="Show the available generators"),
    _: str = CONFIG_PARAM,
) -> None:
    """Run a generator: for the given variables, or for each member of its target group."""
    config = get_repository_config(find_repository_config_file())
    if list_available or not generator_name:
        list_names("Generators", config.generator_definitions)
        return
    if not config.has_generator_definition(generator_name):
        console.print(f"[red]Unable to find {escape(generator_name)} in the repository's generators")
        raise typer.Exit(1)
    definition = config.get_generator_definition(generator_name)
    generator_class = definition.load_class(*import_location(definition.file_path))
    query = load_query(config, definition.query)
    client = initialize_client(branch=branch, identifier=generator_name)

    async def run() -> None:
        targets = await target_variables(
            client, definition.targets, definition.parameters, parse_cli_vars(variables), branch
        )
        for params in targets:
            instance = generator_class(
                query=definition.query,
                client=client,
                branch=branch or "",
                root_directory=path,
                params=params,
                convert_query_response=definition.convert_query_response,
                execute_in_proposed_change=definition.execute_in_proposed_change,
                execute_after_merge=definition.execute_after_merge,
                infrahub_node=InfrahubNode,
            )
            data = await client.execute_graphql(query=query, variables=params, branch_name=branch)
            await instance.run(identifier=definition.name, data=data)
            console.print(f"[green]Generator {escape(generator_name)} ran with {escape(str(params))}")

    asyncio.run(run())
