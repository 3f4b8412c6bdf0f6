"""Client configuration: keyword arguments first, then `INFRAHUB_*` environment variables."""

from __future__ import annotations

import json
import os
import ssl
from collections.abc import Awaitable, Callable
from copy import deepcopy
from pathlib import Path
from typing import Any, ClassVar, Protocol
from urllib.parse import urlparse

import httpx
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .constants import InfrahubClientMode, Priority
from .types import RequesterTransport

ENV_PREFIX = "INFRAHUB_"


class Recorder(Protocol):
    def record(self, response: httpx.Response) -> None: ...


class NoRecorder:
    def record(self, response: httpx.Response) -> None:
        """Keep nothing."""

    @classmethod
    def default(cls) -> NoRecorder:
        return cls()


class ProxyMountsConfig(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    http: str | None = Field(default=None, alias="http://")
    https: str | None = Field(default=None, alias="https://")

    @property
    def is_set(self) -> bool:
        return self.http is not None or self.https is not None


def _read_environment(fields: dict[str, Any], skip: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in fields:
        if name in skip or name == "proxy_mounts":
            continue
        raw = os.environ.get(f"{ENV_PREFIX}{name.upper()}")
        if raw is None:
            continue
        values[name] = json.loads(raw) if name == "retry_status_codes" else raw
    mounts = {
        scheme: os.environ[f"{ENV_PREFIX}PROXY_MOUNTS_{scheme.upper()}"]
        for scheme in ("http", "https")
        if f"{ENV_PREFIX}PROXY_MOUNTS_{scheme.upper()}" in os.environ
    }
    if mounts:
        values["proxy_mounts"] = mounts
    return values


def _resolve_authentication(values: dict[str, Any], explicit: set[str]) -> None:
    """Token or username/password: the one given to the constructor beats the one from the environment."""
    has_password = bool(values.get("username") and values.get("password"))
    has_token = bool(values.get("api_token"))
    if has_password and has_token:
        token_explicit = "api_token" in explicit
        password_explicit = bool({"username", "password"} & explicit)
        if token_explicit and not password_explicit:
            values["username"] = values["password"] = None
        elif password_explicit and not token_explicit:
            values["api_token"] = None
        else:
            raise ValueError(
                "Cannot use both 'api_token' and 'username'/'password' authentication simultaneously"
            )
    elif has_token:
        values["username"] = values["password"] = None


def git_branch(directory: str | Path = ".") -> str | None:
    """The branch checked out in the git repository at `directory`, if any."""
    head = Path(directory) / ".git" / "HEAD"
    if not head.is_file():
        return None
    content = head.read_text(encoding="utf-8").strip()
    prefix = "ref: refs/heads/"
    return content[len(prefix) :] if content.startswith(prefix) else None


class Config(BaseModel):
    model_config = ConfigDict(validate_assignment=True, arbitrary_types_allowed=True)

    _not_from_environment: ClassVar[frozenset[str]] = frozenset(
        {"requester", "sync_requester", "log", "custom_recorder"}
    )

    address: str = Field(default="http://localhost:8000", description="URL of the Infrahub server")
    api_token: str | None = Field(default=None, description="API token, sent as X-INFRAHUB-KEY")
    echo_graphql_queries: bool = False
    username: str | None = Field(default=None, min_length=1)
    password: str | None = Field(default=None, min_length=1)
    default_branch: str = "main"
    default_branch_from_git: bool = False
    identifier: str | None = None
    insert_tracker: bool = False
    max_concurrent_execution: int = 5
    mode: InfrahubClientMode = InfrahubClientMode.DEFAULT
    pagination_size: int = 50
    priority: Priority | None = None
    retry_delay: int = Field(default=5, gt=0)
    retry_max_delay: int = Field(default=60, gt=0)
    retry_on_failure: bool = False
    retry_status_codes: list[int] = Field(default_factory=lambda: [500, 502, 503, 504])
    rate_limit_retry_enabled: bool = True
    rate_limit_max_retries: int = Field(default=10, ge=0)
    rate_limit_backoff_base: float = Field(default=0.5, gt=0)
    rate_limit_backoff_max: float = Field(default=60.0, gt=0)
    max_retry_duration: int = Field(default=300, ge=0)
    schema_converge_timeout: int = 60
    timeout: int = 60
    transport: RequesterTransport = RequesterTransport.HTTPX
    proxy: str | None = None
    proxy_mounts: ProxyMountsConfig = Field(default_factory=ProxyMountsConfig)
    marketplace_url: str = "https://marketplace.infrahub.app"
    update_group_context: bool = False
    tls_insecure: bool = False
    tls_ca_file: str | None = None
    custom_recorder: Any = Field(default_factory=NoRecorder.default)
    requester: Callable[..., Awaitable[httpx.Response]] | None = None
    sync_requester: Callable[..., httpx.Response] | None = None
    log: Any | None = None

    _ssl_context: ssl.SSLContext | None = PrivateAttr(default=None)

    def __init__(self, **data: Any) -> None:
        values = {**_read_environment(type(self).model_fields, self._not_from_environment), **data}
        values["_explicit_fields"] = set(data)
        super().__init__(**values)

    @model_validator(mode="before")
    @classmethod
    def _one_authentication(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        explicit = values.pop("_explicit_fields", set())
        if (values.get("username") is None) != (values.get("password") is None):
            raise ValueError("Both 'username' and 'password' needs to be set")
        _resolve_authentication(values, explicit)
        return values

    @field_validator("address")
    @classmethod
    def _valid_address(cls, value: str) -> str:
        parsed = urlparse(value)
        if parsed.scheme in {"http", "https"} and parsed.netloc:
            return value.rstrip("/")
        raise ValueError("The configured address is not a valid url")

    @field_validator("transport")
    @classmethod
    def _supported_transport(cls, value: RequesterTransport) -> RequesterTransport:
        if value is RequesterTransport.JSON:
            raise ValueError("transport 'json' (recorded playback) is not supported by this SDK")
        return value

    @model_validator(mode="after")
    def _one_proxy_style(self) -> Config:
        if self.proxy and self.proxy_mounts.is_set:
            raise ValueError("'proxy' and 'proxy_mounts' are mutually exclusive")
        return self

    @property
    def default_infrahub_branch(self) -> str:
        if self.default_branch_from_git:
            return git_branch() or "main"
        return self.default_branch

    @property
    def password_authentication(self) -> bool:
        return bool(self.username)

    @property
    def logger(self) -> Any:
        return self.log

    @property
    def tls_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            if self.tls_insecure:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            else:
                context = ssl.create_default_context(cafile=self.tls_ca_file)
            self._ssl_context = context
        return self._ssl_context

    def set_ssl_context(self, context: ssl.SSLContext) -> None:
        self._ssl_context = context

    def clone(self, branch: str | None = None) -> Config:
        shared = {"requester", "sync_requester", "log", "custom_recorder"}
        values: dict[str, Any] = {
            name: getattr(self, name) if name in shared else deepcopy(getattr(self, name))
            for name in type(self).model_fields
        }
        values["default_branch"] = branch or self.default_branch
        values["proxy_mounts"] = self.proxy_mounts.model_dump()
        clone = Config(**values)
        if self._ssl_context is not None:
            clone.set_ssl_context(self._ssl_context)
        return clone
