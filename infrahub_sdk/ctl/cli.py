"""`infrahubctl`: the command line of the SDK."""

from __future__ import annotations

import platform
from typing import Any

import httpx
import typer
from rich.markup import escape
from rich.table import Table

from infrahub_sdk import InfrahubClientSync, __version__
from infrahub_sdk.exceptions import Error

from . import branch, protocols, repository, run, schema, validate
from .check import check
from .client import initialize_client_sync as initialize_client
from .generator import generator
from .object import app as object_app
from .parameters import CONFIG_PARAM
from .transform import render, transform
from .utils import console

app = typer.Typer(pretty_exceptions_show_locals=False, no_args_is_help=True)
app.add_typer(branch.app, name="branch")
app.add_typer(schema.app, name="schema")
app.add_typer(object_app, name="object")
app.add_typer(validate.app, name="validate")
app.add_typer(repository.app, name="repository")
app.command(name="protocols")(protocols.protocols)
app.command(name="run")(run.run)
app.command(name="render")(render)
app.command(name="transform")(transform)
app.command(name="generator")(generator)
app.command(name="check")(check)


@app.command()
def version() -> None:
    """Display the version of Python and of the SDK."""
    console.print(f"Python: {platform.python_version()}\nPython SDK: v{__version__}")


def _server_status(client: InfrahubClientSync) -> dict[str, Any]:
    """What the server says about itself and the current user; an error is reported, not raised."""
    status: dict[str, Any] = {
        "ok": False,
        "error": None,
        "version": "N/A",
        "deployment_id": "N/A",
        "user": {},
    }
    try:
        server = client.get_server_information()
        status.update(version=server.version, deployment_id=server.deployment_id)
        if client.config.username or client.config.api_token:
            status["user"] = client.get_user()["AccountProfile"]
            status["groups"] = client.get_user_permissions()
        status["ok"] = True
    except (Error, httpx.HTTPError) as exc:
        status["error"] = f"{exc!s} ({type(exc).__name__})"
    return status


@app.command()
def info(
    detail: bool = typer.Option(False, help="Display detailed information."), _: str = CONFIG_PARAM
) -> None:
    """Display the status of the Python SDK and of the server (exit code 0 even when unreachable)."""
    client = initialize_client()
    status = _server_status(client)
    table = Table(show_header=False, box=None)
    table.add_row("Address:", client.config.address)
    table.add_row("Connection Status:", ":white_heavy_check_mark:" if status["ok"] else ":x:")
    if status["error"]:
        table.add_row("Connection Error:", escape(status["error"]))
    table.add_row("Python Version:", platform.python_version())
    table.add_row("SDK Version:", __version__)
    table.add_row("Infrahub Version:", status["version"])
    table.add_row("Deployment ID:", status["deployment_id"])
    user = status["user"]
    table.add_row("User:", user.get("display_label", "anonymous") if user else "anonymous")
    if detail and user:
        table.add_row("Description:", str((user.get("description") or {}).get("value") or ""))
        table.add_row("Status:", str((user.get("status") or {}).get("label") or ""))
        for group, permissions in status.get("groups", {}).items():
            table.add_row(f"Group {escape(group)}:", ", ".join(permissions) or "-")
    console.print(table)


def main() -> None:
    app()
