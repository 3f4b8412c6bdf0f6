"""`infrahub-server`: start the server.

Imports stay inside the commands: the time to "accepting connections" is part of the product
(one second), and `--help` should not pay for the server's dependencies.
"""

from __future__ import annotations

import copy
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from infrahub_server.errors import ConfigurationError

if TYPE_CHECKING:
    from infrahub_server.settings import Settings

app = typer.Typer(
    name="infrahub-server",
    help="The infrahub-lite server.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help text: rich costs a tenth of a second at every start
)


def _fail(message: str) -> NoReturn:
    typer.echo(f"infrahub-server: error: {message}", err=True)
    raise typer.Exit(code=2)


@app.callback()
def _root() -> None:
    """The infrahub-lite server: an Infrahub-compatible source of truth."""


def _log_config() -> dict[str, Any]:
    """uvicorn's logging setup, with the server's own loggers on the same handler (in every worker)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["infrahub_server"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def _may_be_first_start(settings: Settings) -> bool:
    if not settings.is_sqlite:
        return True
    from sqlalchemy.engine import make_url

    database = make_url(settings.database_url).database
    return not database or not Path(database).exists()


def _check_database(settings: Settings) -> None:
    """Open the database once before serving, so that a wrong URL, a missing directory or an
    unreachable PostgreSQL stops the start with one line instead of a startup traceback."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from infrahub_server.store import Store

    try:
        Store.open(settings.database_url, default_branch=settings.default_branch).close()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        shown = make_url(settings.database_url).render_as_string(hide_password=True)
        raise ConfigurationError(f"INFRAHUB_DATABASE_URL: cannot open {shown}: {reason}") from None


def _single_process_app(settings: Settings) -> Any:
    """The app, built while the admin password is hashed on another core: bcrypt (about 0.3 s)
    releases the GIL, so a first start hides it behind the imports instead of adding it."""
    from concurrent.futures import ThreadPoolExecutor

    from infrahub_server.auth.passwords import hash_password, is_password_hash

    with ThreadPoolExecutor(max_workers=1) as pool:
        password = settings.initial_admin_password
        hashing = None
        if not is_password_hash(password) and _may_be_first_start(settings):
            hashing = pool.submit(hash_password, password)
        _check_database(settings)
        import uvicorn  # noqa: F401 - imported here to overlap with the hashing

        from infrahub_server.app import create_app

        if hashing is not None:
            settings = replace(settings, initial_admin_password=hashing.result())
        return create_app(settings)


@app.command()
def start(
    host: Annotated[str | None, typer.Option(help="Address to listen on [default: 127.0.0.1].")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port to listen on [default: 8000].")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Server processes; more than one needs PostgreSQL [default: 1].")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="TOML settings file (also INFRAHUB_CONFIG).", dir_okay=False)
    ] = None,
) -> None:
    """Start the server (creates the database on first start)."""
    from infrahub_server.settings import load_settings

    overrides: dict[str, Any] = {"host": host, "port": port, "workers": workers}
    try:
        settings = load_settings(os.environ, config_file=config, overrides=overrides)
        if settings.workers == 1:
            target: Any = _single_process_app(settings)
        else:
            _check_database(settings)
            # Each worker process builds its app from the environment: pass the resolved flags on.
            if config is not None:
                os.environ["INFRAHUB_CONFIG"] = str(config.resolve())
            os.environ.update(
                {f"INFRAHUB_{name.upper()}": str(value) for name, value in overrides.items() if value}
            )
            target = "infrahub_server.app:create_app_from_environment"
    except ConfigurationError as exc:
        _fail(exc.message)

    import uvicorn

    uvicorn.run(
        target,
        host=settings.host,
        port=settings.port,
        workers=settings.workers if settings.workers > 1 else None,
        factory=settings.workers > 1,
        log_level="info",
        log_config=_log_config(),
        lifespan="on",
        ws="none",
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
