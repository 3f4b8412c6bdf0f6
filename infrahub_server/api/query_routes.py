"""`GET|POST /api/query/{name_or_id}`: run a stored `CoreGraphQLQuery`.

Query parameters: `branch`, `at`, `update_group` (record the returned nodes in a
`CoreGraphQLQueryGroup`), `subscribers` (repeatable: ids added to that group's subscribers). GET
takes the variables from the other parameters, POST from the body `{"variables": {...}}`.
200 `{"data": {...}}`; GraphQL errors are 502 `{"data": ..., "errors": [...]}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from infrahub_server.api.bodies import read_json
from infrahub_server.api.context import ServerContext, require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.api.timestamps import parse_at
from infrahub_server.automation.parameters import variables_from_parameters
from infrahub_server.automation.queries import (
    StoredQueryError,
    execute_stored_query,
    find_stored_query,
    graphql_context,
    is_mutation,
    update_query_group,
)
from infrahub_server.store import Snapshot

RESERVED_PARAMETERS = frozenset({"branch", "at", "update_group", "subscribers"})


@dataclass(frozen=True, slots=True)
class QueryCall:
    name_or_id: str
    branch: str
    at: datetime | None
    account_id: str | None
    parameters: dict[str, list[str]]
    """URL parameters that are not reserved, for GET variables."""
    body_variables: dict[str, Any] | None
    update_group: bool
    subscribers: list[str]


def url_variables(request: Request) -> dict[str, list[str]]:
    """The URL parameters that are variables (everything but `branch`, `at` and the group options)."""
    params = request.query_params
    return {key: params.getlist(key) for key in params if key not in RESERVED_PARAMETERS}


def _flag(raw: str | None) -> bool:
    return (raw or "").strip().lower() in ("1", "true", "yes", "on")


async def _body_variables(request: Request) -> dict[str, Any]:
    if not (await request.body()).strip():
        return {}
    body = await read_json(request)
    if not isinstance(body, dict):
        raise HTTPException(400, 'The body must be a JSON object such as {"variables": {...}}')
    variables = body.get("variables") or {}
    if not isinstance(variables, dict):
        raise HTTPException(400, "'variables' must be a JSON object")
    return variables


def _run(context: ServerContext, call: QueryCall) -> tuple[int, dict[str, Any]]:
    is_post = call.body_variables is not None
    graphql = graphql_context(
        context, call.branch, account_id=call.account_id, at=call.at, allow_writes=is_post
    )
    graphql.permissions = context.permissions.for_account(call.account_id)
    with context.store.reader(Snapshot(call.branch, call.at)) as reader:
        query = find_stored_query(reader, graphql.schema, call.name_or_id)
    if not is_post and is_mutation(query):
        # A GET never writes, even for an account that may.
        raise HTTPException(405, f"The stored query {query.name!r} is a mutation: send it with POST")
    variables = (
        call.body_variables
        if call.body_variables is not None
        else variables_from_parameters(query, call.parameters)
    )
    try:
        data = execute_stored_query(graphql, query, variables)
    except StoredQueryError as error:
        return 502, {"data": error.partial_data, "errors": error.errors}
    if call.update_group:
        update_query_group(
            context,
            query.id,
            branch=call.branch,
            variables=variables,
            data=data,
            subscribers=call.subscribers,
            account_id=call.account_id,
        )
    return 200, {"data": data}


async def run_query(request: Request) -> Response:
    context = server_context(request)
    update_group = _flag(request.query_params.get("update_group"))
    is_post = request.method == "POST"
    session = await require_session(request, write=is_post or update_group)
    call = QueryCall(
        name_or_id=request.path_params["name_or_id"],
        branch=request.query_params.get("branch") or context.settings.default_branch,
        at=parse_at(request.query_params.get("at")),
        account_id=session.account_id if session.authenticated else None,
        parameters=url_variables(request),
        body_variables=await _body_variables(request) if is_post else None,
        update_group=update_group,
        subscribers=request.query_params.getlist("subscribers"),
    )
    status, body = await anyio.to_thread.run_sync(_run, context, call)
    return JSONResponse(body, status_code=status)
