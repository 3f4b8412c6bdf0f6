"""`infrahubctl render` and `infrahubctl transform`: a repository's Jinja2 and Python transforms, run
locally on data read from the server with the repository's query."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated, Any

import jinja2
import typer
from rich.markup import escape

from infrahub_sdk._async.node import InfrahubNode
from infrahub_sdk.schema.repository import InfrahubRepositoryConfig
from infrahub_sdk.template import Jinja2Template

from .client import initialize_client, initialize_client_sync
from .parameters import CONFIG_PARAM
from .repository import find_repository_config_file, get_repository_config, import_location, load_query
from .run import parse_cli_vars
from .utils import catch_exception, console

VARIABLES_ARGUMENT = typer.Argument(
    help="Variables to pass along with the query. Format key=value key=value."
)


def list_names(title: str, items: list[Any]) -> None:
    console.print(f"{title} defined in repository: {len(items)}")
    for item in items:
        description = f" ({escape(item.description)})" if getattr(item, "description", None) else ""
        console.print(f"{escape(item.name)}{description}")


def write_output(content: str, out: str | None) -> None:
    if out:
        Path(out).write_text(content, encoding="utf-8")
        console.print(f"[green]Output written to {escape(out)}")
    else:
        console.print(
            content,
            markup=False,
            highlight=False,
            emoji=False,
            soft_wrap=True,
            end="" if content.endswith("\n") else "\n",
        )


def _repository() -> InfrahubRepositoryConfig:
    return get_repository_config(find_repository_config_file())


def _missing(kind: str, name: str) -> typer.Exit:
    console.print(f"[red]Unable to find {escape(name)} in the repository's {kind}")
    return typer.Exit(1)


@catch_exception
def render(
    transform_name: Annotated[str, typer.Argument(help="Name of the Jinja2 transform")] = "",
    variables: Annotated[list[str] | None, VARIABLES_ARGUMENT] = None,
    branch: str = typer.Option(None, help="Branch on which to render the transform."),
    debug: bool = False,
    list_available: bool = typer.Option(False, "--list", help="Show the available Jinja2 transforms"),
    out: str = typer.Option(None, help="Path to a file to save the result."),
    _: str = CONFIG_PARAM,
) -> None:
    """Render a local Jinja2 transform on the data of its query."""
    config = _repository()
    if list_available or not transform_name:
        list_names("Jinja2 transforms", config.jinja2_transforms)
        return
    if not config.has_jinja2_transform(transform_name):
        raise _missing("Jinja2 transforms", transform_name)
    transform = config.get_jinja2_transform(transform_name)
    query = load_query(config, transform.query)
    client = initialize_client_sync(branch=branch)
    data = client.execute_graphql(query=query, variables=parse_cli_vars(variables), branch_name=branch)
    try:
        rendered = Jinja2Template(transform.template_path, Path()).render({"data": data})
    except jinja2.TemplateError as exc:
        console.print(f"[red]Unable to render {escape(transform_name)}: {escape(str(exc))}")
        raise typer.Exit(1) from exc
    write_output(rendered, out)


@catch_exception
def transform(
    transform_name: Annotated[str, typer.Argument(help="Name of the Python transform")] = "",
    variables: Annotated[list[str] | None, VARIABLES_ARGUMENT] = None,
    branch: str = typer.Option(None, help="Branch on which to run the transform."),
    debug: bool = False,
    list_available: bool = typer.Option(False, "--list", help="Show the available Python transforms"),
    out: str = typer.Option(None, help="Path to a file to save the result."),
    _: str = CONFIG_PARAM,
) -> None:
    """Run a local Python transform on the data of its query."""
    config = _repository()
    if list_available or not transform_name:
        list_names("Python transforms", config.python_transforms)
        return
    if not config.has_python_transform(transform_name):
        raise _missing("Python transforms", transform_name)
    definition = config.get_python_transform(transform_name)
    transform_class = definition.load_class(*import_location(definition.file_path))
    client = initialize_client(branch=branch)

    async def run() -> Any:
        instance = transform_class(
            client=client,
            branch=branch or "",
            infrahub_node=InfrahubNode,
            convert_query_response=definition.convert_query_response,
        )
        query = load_query(config, instance.query)
        data = await client.execute_graphql(
            query=query, variables=parse_cli_vars(variables), branch_name=branch
        )
        return await instance.run(data=data)

    result = asyncio.run(run())
    write_output(result if isinstance(result, str) else json.dumps(result, indent=2), out)
