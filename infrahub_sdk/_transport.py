"""The only place that talks HTTP: one pooled httpx client per SDK client, errors mapped to ours."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from ._multipart import MultipartRequest
from .config import Config
from .exceptions import ServerNotReachableError, ServerNotResponsiveError
from .types import HTTPMethod

_CONNECTION_ERRORS = (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


def _client_options(config: Config, proxy_transport: Callable[..., Any]) -> dict[str, Any]:
    options: dict[str, Any] = {"verify": config.tls_context}
    if config.proxy:
        options["proxy"] = config.proxy
    elif config.proxy_mounts.is_set:
        options["mounts"] = {
            f"{scheme}://": proxy_transport(proxy=url, verify=config.tls_context)
            for scheme, url in (("http", config.proxy_mounts.http), ("https", config.proxy_mounts.https))
            if url
        }
    return options


def _without_content_type(headers: dict[str, Any]) -> dict[str, Any]:
    """httpx writes a multipart request's content type itself, with its boundary."""
    return {key: value for key, value in headers.items() if key.lower() != "content-type"}


class AsyncHTTP:
    def __init__(self, config: Config, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._config = config
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _pooled_client(self) -> httpx.AsyncClient:
        # A pooled connection belongs to the event loop that opened it; a new loop gets a new pool.
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            options = (
                {"transport": self._transport}
                if self._transport is not None
                else _client_options(self._config, httpx.AsyncHTTPTransport)
            )
            self._client = httpx.AsyncClient(**options)
            self._loop = loop
        return self._client

    async def send(
        self,
        url: str,
        method: HTTPMethod,
        headers: dict[str, Any],
        timeout: float,
        payload: dict[str, Any] | MultipartRequest | None,
    ) -> httpx.Response:
        try:
            if self._config.requester is not None:
                return await self._config.requester(
                    url=url, method=method, headers=headers, timeout=timeout, payload=payload
                )
            if isinstance(payload, MultipartRequest):
                with payload.files() as files:
                    return await self._pooled_client().request(
                        method.value,
                        url,
                        headers=_without_content_type(headers),
                        timeout=timeout,
                        data=payload.fields(),
                        files=files,
                    )
            return await self._pooled_client().request(
                method.value, url, headers=headers, timeout=timeout, json=payload
            )
        except _CONNECTION_ERRORS as exc:
            raise ServerNotReachableError(address=self._config.address) from exc
        except httpx.TimeoutException as exc:
            raise ServerNotResponsiveError(url=url, timeout=timeout) from exc

    async def close(self) -> None:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            await self._client.aclose()
        self._client = None


class SyncHTTP:
    def __init__(self, config: Config, transport: httpx.BaseTransport | None = None) -> None:
        self._config = config
        self._transport = transport
        self._client: httpx.Client | None = None

    def _pooled_client(self) -> httpx.Client:
        if self._client is None:
            options = (
                {"transport": self._transport}
                if self._transport is not None
                else _client_options(self._config, httpx.HTTPTransport)
            )
            self._client = httpx.Client(**options)
        return self._client

    def send(
        self,
        url: str,
        method: HTTPMethod,
        headers: dict[str, Any],
        timeout: float,
        payload: dict[str, Any] | MultipartRequest | None,
    ) -> httpx.Response:
        try:
            if self._config.sync_requester is not None:
                return self._config.sync_requester(
                    url=url, method=method, headers=headers, timeout=timeout, payload=payload
                )
            if isinstance(payload, MultipartRequest):
                with payload.files() as files:
                    return self._pooled_client().request(
                        method.value,
                        url,
                        headers=_without_content_type(headers),
                        timeout=timeout,
                        data=payload.fields(),
                        files=files,
                    )
            return self._pooled_client().request(
                method.value, url, headers=headers, timeout=timeout, json=payload
            )
        except _CONNECTION_ERRORS as exc:
            raise ServerNotReachableError(address=self._config.address) from exc
        except httpx.TimeoutException as exc:
            raise ServerNotResponsiveError(url=url, timeout=timeout) from exc

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None
