"""The console, and how errors end a command (one red line, exit code 1)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, ParamSpec, TypeVar

import httpx
import typer
from rich.console import Console
from rich.markup import escape

from infrahub_sdk.exceptions import AuthenticationError, Error, GraphQLError
from infrahub_sdk.utils import get_fixtures_dir

console = Console()
__all__ = ["catch_exception", "console", "get_fixtures_dir", "handle_exception", "print_graphql_errors"]

P = ParamSpec("P")
R = TypeVar("R")


def print_graphql_errors(errors: list[Any]) -> None:
    for error in errors:
        if isinstance(error, dict) and "message" in error and "path" in error:
            console.print(f"[red]{escape(str(error['path']))} {escape(str(error['message']))}")
        else:
            console.print(f"[red]{escape(str(error))}")


def handle_exception(exc: Exception) -> NoReturn:
    if isinstance(exc, AuthenticationError):
        console.print(f"[red]Authentication failure: {escape(str(exc))}")
    elif isinstance(exc, GraphQLError):
        print_graphql_errors(exc.errors)
    elif isinstance(exc, httpx.HTTPError):
        console.print(f"[red]HTTP communication failure: {escape(str(exc))}")
    elif isinstance(exc, Error) and type(exc).__name__.startswith("Server"):
        console.print(f"[red]{escape(str(exc))}")
    else:
        console.print(f"[red]Error: {escape(str(exc))}")
    raise typer.Exit(1) from exc


def catch_exception(func: Callable[P, R]) -> Callable[P, R]:
    """SDK and HTTP errors become red lines and exit code 1, as with the official CLI."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (Error, httpx.HTTPError) as exc:
            handle_exception(exc)

    return wrapper
