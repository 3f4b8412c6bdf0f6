"""The clients the commands use, configured from the CLI settings."""

from __future__ import annotations

from typing import Any

from infrahub_sdk import Config, InfrahubClient, InfrahubClientSync

from . import config


def _config(branch: str | None = None, identifier: str | None = None, timeout: int | None = None) -> Config:
    settings = config.SETTINGS.active
    options: dict[str, Any] = {
        "address": settings.server_address,
        "insert_tracker": True,
        "identifier": identifier,
    }
    if settings.api_token:
        options["api_token"] = settings.api_token
    if timeout:
        options["timeout"] = timeout
    options["default_branch"] = branch or settings.default_branch
    return Config(**options)


def initialize_client(
    branch: str | None = None, identifier: str | None = None, timeout: int | None = None
) -> InfrahubClient:
    return InfrahubClient(config=_config(branch, identifier, timeout))


def initialize_client_sync(
    branch: str | None = None, identifier: str | None = None, timeout: int | None = None
) -> InfrahubClientSync:
    return InfrahubClientSync(config=_config(branch, identifier, timeout))
