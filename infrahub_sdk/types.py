"""Public value types: ordering, HTTP methods and the requester signatures."""

from __future__ import annotations

import enum
from collections.abc import Awaitable
from typing import Any, Protocol

import httpx
from pydantic import BaseModel, Field, model_validator

from ._multipart import MultipartRequest


class HTTPMethod(enum.StrEnum):
    GET = "get"
    POST = "post"


class RequesterTransport(enum.StrEnum):
    HTTPX = "httpx"
    JSON = "json"


class OrderDirection(enum.StrEnum):
    ASC = "ASC"
    DESC = "DESC"


class NodeMetaOrder(BaseModel):
    created_at: OrderDirection | None = None
    updated_at: OrderDirection | None = None

    @model_validator(mode="after")
    def _one_field(self) -> NodeMetaOrder:
        if self.created_at and self.updated_at:
            raise ValueError("'created_at' and 'updated_at' are mutually exclusive")
        return self


class OrderByEntry(BaseModel):
    field: str
    direction: OrderDirection = OrderDirection.ASC


class Order(BaseModel):
    disable: bool | None = Field(default=None, description="Disable default ordering (faster)")
    by: list[OrderByEntry] | None = None
    node_metadata: NodeMetaOrder | None = None


class AsyncRequester(Protocol):
    def __call__(
        self,
        url: str,
        method: HTTPMethod,
        headers: dict[str, Any],
        timeout: int,
        payload: dict[str, Any] | MultipartRequest | None,
    ) -> Awaitable[httpx.Response]: ...


class SyncRequester(Protocol):
    def __call__(
        self,
        url: str,
        method: HTTPMethod,
        headers: dict[str, Any],
        timeout: int,
        payload: dict[str, Any] | MultipartRequest | None,
    ) -> httpx.Response: ...


class InfrahubLogger(Protocol):
    def debug(self, event: str | None = None, *args: Any, **kw: Any) -> Any: ...
    def info(self, event: str | None = None, *args: Any, **kw: Any) -> Any: ...
    def warning(self, event: str | None = None, *args: Any, **kw: Any) -> Any: ...
    def error(self, event: str | None = None, *args: Any, **kw: Any) -> Any: ...
    def critical(self, event: str | None = None, *args: Any, **kw: Any) -> Any: ...
    def exception(self, event: str | None = None, *args: Any, **kw: Any) -> Any: ...


InfrahubLoggers = InfrahubLogger
