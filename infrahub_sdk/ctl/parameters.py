"""Options shared by every command."""

from __future__ import annotations

import typer

from . import config


def load_configuration(value: str) -> str:
    config.SETTINGS.load_and_exit(config_file=value)
    return value


CONFIG_PARAM = typer.Option(
    config.DEFAULT_CONFIG_FILE, "--config-file", envvar=config.ENVVAR_CONFIG_FILE, callback=load_configuration
)
