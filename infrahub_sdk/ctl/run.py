"""`infrahubctl run SCRIPT [key=value ...]`: await `run(client=..., log=..., branch=..., **variables)` of a script."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.logging import RichHandler

from .client import initialize_client
from .parameters import CONFIG_PARAM
from .utils import catch_exception


def parse_cli_vars(variables: list[str] | None) -> dict[str, str]:
    """`["site=atl1", "x=y=z"]` -> `{"site": "atl1", "x": "y=z"}` (entries without `=` are ignored)."""
    return dict(item.split("=", 1) for item in variables or [] if "=" in item)


@catch_exception
def run(
    script: Path,
    method: str = "run",
    debug: bool = False,
    _: str = CONFIG_PARAM,
    branch: str = typer.Option(None, help="Branch on which to run the script."),
    concurrent: int | None = typer.Option(
        None,
        help="Maximum number of requests to execute at the same time.",
        envvar="INFRAHUB_MAX_CONCURRENT_EXECUTION",
    ),
    timeout: int = typer.Option(60, help="Timeout in sec", envvar="INFRAHUB_TIMEOUT"),
    variables: Annotated[
        list[str] | None,
        typer.Argument(help="Variables to pass along with the query. Format key=value key=value."),
    ] = None,
) -> None:
    """Execute a script."""
    logging.getLogger("infrahub_sdk").setLevel(logging.CRITICAL)
    logging.basicConfig(level="DEBUG" if debug else "INFO", format="%(message)s", handlers=[RichHandler()])
    directory = str(script.parent)
    if directory not in sys.path:
        sys.path.append(directory)
    try:
        module = importlib.import_module(script.stem)
    except ModuleNotFoundError as exc:
        raise typer.Abort(f"Unable to Load the Python script at {script}") from exc
    if not hasattr(module, method):
        raise typer.Abort(f"Unable to Load the method {method} in the Python script at {script}")
    client = initialize_client(branch=branch, identifier=script.stem, timeout=timeout)
    if concurrent is not None:
        client.max_concurrent_execution = concurrent
    function = getattr(module, method)
    asyncio.run(
        function(
            client=client, log=logging.getLogger("infrahubctl"), branch=branch, **parse_cli_vars(variables)
        )
    )
