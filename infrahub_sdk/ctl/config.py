"""`infrahubctl.toml` (or `--config-file`, `INFRAHUBCTL_CONFIG`), with `INFRAHUB_*` variables beneath it."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .utils import console

DEFAULT_CONFIG_FILE = "infrahubctl.toml"
ENVVAR_CONFIG_FILE = "INFRAHUBCTL_CONFIG"
INFRAHUB_REPO_CONFIG_FILE = ".infrahub.yml"

_ENVIRONMENT = {
    "server_address": "INFRAHUB_ADDRESS",
    "api_token": "INFRAHUB_API_TOKEN",
    "default_branch": "INFRAHUB_DEFAULT_BRANCH",
    "marketplace_url": "INFRAHUB_MARKETPLACE_URL",
}


class Settings(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    server_address: str = Field(default="http://localhost:8000", alias="infrahub_address")
    api_token: str | None = None
    default_branch: str = "main"
    marketplace_url: str = "https://marketplace.infrahub.app"

    @field_validator("server_address")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @classmethod
    def from_sources(cls, file_values: dict[str, Any]) -> Settings:
        """File values win over the environment, as with the official CLI."""
        environment = {name: os.environ[var] for name, var in _ENVIRONMENT.items() if var in os.environ}
        return cls(**{**environment, **file_values})


class ConfiguredSettings:
    def __init__(self) -> None:
        self._settings: Settings | None = None

    @property
    def active(self) -> Settings:
        if self._settings is None:
            self.load_and_exit()
        assert self._settings is not None
        return self._settings

    def load(
        self, config_file: str | Path = DEFAULT_CONFIG_FILE, config_data: dict[str, Any] | None = None
    ) -> None:
        if self._settings is not None:
            return
        if config_data:
            self._settings = Settings(**config_data)
            return
        path = Path(config_file)
        file_values = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        self._settings = Settings.from_sources(file_values)

    def load_and_exit(
        self, config_file: str | Path = DEFAULT_CONFIG_FILE, config_data: dict[str, Any] | None = None
    ) -> None:
        """Load, or print each invalid setting and abort."""
        try:
            self.load(config_file=config_file, config_data=config_data)
        except ValidationError as exc:
            console.print(f"Configuration not valid, found {len(exc.errors())} error(s)")
            for error in exc.errors():
                location = "/".join(str(item) for item in error["loc"])
                console.print(f"  {location} | {error['msg']} ({error['type']})")
            raise typer.Abort from None


SETTINGS = ConfiguredSettings()
