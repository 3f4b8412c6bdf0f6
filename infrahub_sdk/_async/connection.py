"""`ServerConnection`: what every call to the server goes through (auth, headers, retries, GraphQL)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import httpx
from graphql import GraphQLSchema

from infrahub_sdk._multipart import FileUpload, MultipartRequest
from infrahub_sdk._protocol import (
    echo_query,
    error_messages,
    graphql_data,
    graphql_url,
    is_expired_signature,
    stored_query_url,
)
from infrahub_sdk._retry import RetryBudget
from infrahub_sdk._transport import AsyncHTTP
from infrahub_sdk.config import Config
from infrahub_sdk.constants import Priority
from infrahub_sdk.context import RequestContext
from infrahub_sdk.exceptions import (
    AuthenticationError,
    GraphQLError,
    RateLimitError,
    ServerNotReachableError,
    ServerNotResponsiveError,
)
from infrahub_sdk.graphql.validation import build_branch_schema, check_query
from infrahub_sdk.timestamp import Timestamp
from infrahub_sdk.types import HTTPMethod


class ServerConnection:
    def __init__(
        self,
        address: str = "",
        config: Config | dict[str, Any] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config if isinstance(config, Config) else Config(**(config or {}))
        if address:
            self.config.address = address
        self.address = self.config.address
        self.default_branch = self.config.default_infrahub_branch
        self.default_timeout = self.config.timeout
        self.insert_tracker = self.config.insert_tracker
        self.log = self.config.logger or logging.getLogger("infrahub_sdk")
        self.headers: dict[str, str] = {"content-type": "application/json"}
        if self.config.api_token:
            self.headers["X-INFRAHUB-KEY"] = self.config.api_token
        if self.config.priority is not None:
            self.headers["X-Priority"] = self.config.priority.value
        self.access_token = ""
        self.refresh_token = ""
        self._http = AsyncHTTP(self.config, transport)
        self._transport = transport
        self._request_context: RequestContext | None = None
        self._graphql_schemas: dict[str, GraphQLSchema] = {}
        # Built now, so that a missing or broken CA file fails here rather than at the first request.
        _ = self.config.tls_context

    @property
    def retry_on_failure(self) -> bool:
        return self.config.retry_on_failure

    @retry_on_failure.setter
    def retry_on_failure(self, value: bool) -> None:
        self.config.retry_on_failure = value

    @property
    def retry_delay(self) -> int:
        return self.config.retry_delay

    @retry_delay.setter
    def retry_delay(self, value: int) -> None:
        self.config.retry_delay = value

    @property
    def request_context(self) -> RequestContext | None:
        return self._request_context

    @request_context.setter
    def request_context(self, request_context: RequestContext | None) -> None:
        self._request_context = request_context

    def _request_headers(
        self, tracker: str | None = None, priority: Priority | None = None
    ) -> dict[str, str]:
        """Headers of one request only; the client's headers (auth) are merged in when it is sent."""
        headers: dict[str, str] = {}
        if self.insert_tracker and tracker:
            headers["X-Infrahub-Tracker"] = tracker
        if priority is None and self._request_context is not None:
            priority = self._request_context.priority
        if priority is not None:
            headers["X-Priority"] = priority.value
        return headers

    def _merge_request_headers(self, headers: dict[str, Any] | None) -> dict[str, Any]:
        """The client's current headers (so a refreshed token applies) under the request's own."""
        return {**self.headers, **(headers or {})}

    def _graphql_url(
        self, branch_name: str | None = None, at: str | datetime | Timestamp | None = None
    ) -> str:
        return graphql_url(self.address, branch_name, at)

    async def _request(
        self,
        url: str,
        method: HTTPMethod,
        headers: dict[str, Any],
        timeout: float,
        payload: dict[str, Any] | MultipartRequest | None = None,
        retry_budget: RetryBudget | None = None,
    ) -> httpx.Response:
        """One logical request: 429 waits (Retry-After), and with retry_on_failure, transient failures."""
        budget = retry_budget or RetryBudget(self.config)
        while True:
            try:
                response = await self._http.send(url, method, headers, timeout, payload)
            except (ServerNotReachableError, ServerNotResponsiveError) as exc:
                delay = budget.transient_delay()
                if delay is None:
                    raise
                self.log.warning("Request to %s failed (%s), retrying in %.2fs", url, exc.message, delay)
                await asyncio.sleep(delay)
                continue
            if response.status_code == 429:
                delay = budget.rate_limit_delay(response.headers.get("Retry-After"))
                if delay is None:
                    if not self.config.rate_limit_retry_enabled:
                        return response
                    raise RateLimitError(url=url, attempts=budget.rate_limited)
                self.log.warning(
                    "Rate limited (HTTP 429) on %s, retry %d in %.2fs", url, budget.rate_limited, delay
                )
                await asyncio.sleep(delay)
                continue
            if budget.is_transient_status(response.status_code):
                delay = budget.transient_delay()
                if delay is not None:
                    await asyncio.sleep(delay)
                    continue
            self.config.custom_recorder.record(response)
            return response

    async def _post(
        self,
        url: str,
        payload: dict[str, Any] | MultipartRequest,
        headers: dict[str, Any] | None = None,
        timeout: float | None = None,
        retry_budget: RetryBudget | None = None,
    ) -> httpx.Response:
        return await self._authenticated(url, HTTPMethod.POST, headers, timeout, payload, retry_budget)

    async def _get(
        self, url: str, headers: dict[str, Any] | None = None, timeout: float | None = None
    ) -> httpx.Response:
        return await self._authenticated(url, HTTPMethod.GET, headers, timeout, None)

    async def _authenticated(
        self,
        url: str,
        method: HTTPMethod,
        headers: dict[str, Any] | None,
        timeout: float | None,
        payload: dict[str, Any] | MultipartRequest | None,
        retry_budget: RetryBudget | None = None,
    ) -> httpx.Response:
        """Log in if needed; on 401 "Expired Signature", refresh the token and send once more."""
        await self.login()
        timeout = timeout or self.default_timeout
        response = await self._request(
            url, method, self._merge_request_headers(headers), timeout, payload, retry_budget
        )
        if is_expired_signature(response):
            await self.login(refresh=True)
            response = await self._request(
                url, method, self._merge_request_headers(headers), timeout, payload, retry_budget
            )
        return response

    async def login(self, refresh: bool = False) -> None:
        """Username/password login (`POST /api/auth/login`); `refresh=True` uses the refresh token first."""
        if not self.config.password_authentication or (self.access_token and not refresh):
            return
        if refresh and self.refresh_token:
            response = await self._request(
                f"{self.address}/api/auth/refresh",
                HTTPMethod.POST,
                {"content-type": "application/json", "Authorization": f"Bearer {self.refresh_token}"},
                self.default_timeout,
            )
            if response.status_code == 200:
                self._set_access_token(response.json()["access_token"])
                return
            if response.status_code != 401:
                raise AuthenticationError(" | ".join(error_messages(response)))
        response = await self._request(
            f"{self.address}/api/auth/login",
            HTTPMethod.POST,
            {"content-type": "application/json"},
            self.default_timeout,
            {"username": self.config.username, "password": self.config.password},
        )
        if response.status_code != 200:
            raise AuthenticationError(" | ".join(error_messages(response)) or None)
        body = response.json()
        self.refresh_token = body["refresh_token"]
        self._set_access_token(body["access_token"])

    async def refresh_login(self) -> None:
        await self.login(refresh=True)

    def _set_access_token(self, token: str) -> None:
        self.access_token = token
        self.headers["Authorization"] = f"Bearer {token}"

    # GraphQL -------------------------------------------------------------------------------

    async def execute_graphql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        branch_name: str | None = None,
        at: str | datetime | Timestamp | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
        operation_name: str | None = None,
        priority: Priority | None = None,
        validate: bool = False,
    ) -> dict[str, Any]:
        """Send a query or mutation to `/graphql/<branch>` and return its `data`.

        With `validate`, check it against the branch's GraphQL schema first (see `validate_graphql`)."""
        url = self._graphql_url(branch_name or self.default_branch, at)
        payload: dict[str, Any] = {"query": query}
        if variables:
            payload["variables"] = variables
        if operation_name:
            payload["operationName"] = operation_name
        if validate:
            await self.validate_graphql(query, branch_name=branch_name)
        if self.config.echo_graphql_queries:
            echo_query(url, query, variables)
        return await self._send_graphql(
            url, payload, query, variables, self._request_headers(tracker, priority), timeout
        )

    async def execute_graphql_with_file(
        self,
        query: str,
        file_content: bytes | BinaryIO | Path,
        file_name: str | None = None,
        variables: dict[str, Any] | None = None,
        branch_name: str | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
        operation_name: str | None = None,
        priority: Priority | None = None,
    ) -> dict[str, Any]:
        """Send a mutation declaring `$file: Upload!` with the file attached (GraphQL multipart request).

        A file given as a path is streamed from disk on every attempt."""
        url = self._graphql_url(branch_name or self.default_branch)
        upload = FileUpload.from_source(file_content, file_name)
        request = MultipartRequest(query, upload, dict(variables or {}), operation_name)
        if self.config.echo_graphql_queries:
            echo_query(url, query, {**request.variables, "file": None})
        headers = self._request_headers(tracker, priority)
        return await self._send_graphql(url, request, query, request.variables, headers, timeout)

    async def _send_graphql(
        self,
        url: str,
        payload: dict[str, Any] | MultipartRequest,
        query: str,
        variables: dict[str, Any] | None,
        headers: dict[str, Any],
        timeout: int | None,
    ) -> dict[str, Any]:
        """Post, retrying transient GraphQL errors when the configuration allows it; returns `data`."""
        budget = RetryBudget(self.config)
        while True:
            response = await self._post(url, payload, headers, timeout, retry_budget=budget)
            try:
                return graphql_data(response, url, query, variables)
            except GraphQLError as exc:
                delay = budget.transient_delay() if budget.is_transient_graphql_errors(exc.errors) else None
                if delay is None:
                    raise
                self.log.warning(
                    "Transient GraphQL error on %s, retrying in %.2fs: %s", url, delay, exc.errors
                )
                await asyncio.sleep(delay)

    async def validate_graphql(
        self, query: str, branch_name: str | None = None, refresh: bool = False
    ) -> None:
        """Raise `QuerySyntaxError` or `QueryValidationError` (line and column) if `query` does not fit the
        branch's GraphQL schema; the schema is fetched once per branch (`refresh` fetches it again)."""
        branch = branch_name or self.default_branch
        if refresh or branch not in self._graphql_schemas:
            self._graphql_schemas[branch] = build_branch_schema(await self._fetch_graphql_sdl(branch))
        check_query(self._graphql_schemas[branch], query)

    async def _fetch_graphql_sdl(self, branch: str) -> str:
        response = await self._get(f"{self.address}/schema.graphql?branch={branch}")
        if response.status_code != 200:
            raise ValueError(f"Failed to fetch GraphQL schema: HTTP {response.status_code} - {response.text}")
        return response.text

    async def query_gql_query(
        self,
        name: str,
        variables: dict[str, Any] | None = None,
        update_group: bool = False,
        subscribers: list[str] | None = None,
        params: dict[str, Any] | None = None,
        branch_name: str | None = None,
        at: str | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
    ) -> dict[str, Any]:
        """Run a stored query (`POST /api/query/<name>`) and return the whole JSON body."""
        url = stored_query_url(
            self.address, name, branch_name or self.default_branch, update_group, at, subscribers, params
        )
        payload = {"variables": variables} if variables else {}
        response = await self._post(url, payload, self._request_headers(tracker), timeout)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body
