"""`POST /graphql` and `POST /graphql/{branch}`: the request checks before GraphQL execution.

In order: the body is one JSON operation (batches are refused), the branch exists (else 404
`{"errors": ["Branch: x not found."]}`, which the SDK turns into `URLNotFoundError`), the
credentials are valid. Execution, including the refusal of mutations to anonymous callers, belongs to
`infrahub_server.graphql`.
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
from infrahub_server.auth.sessions import AUTHENTICATION_REQUIRED, PresentedCredential, presented_credential
from infrahub_server.errors import AuthenticationError
from infrahub_server.storage import object_storage
from infrahub_server.storage.multipart import is_multipart, read_multipart_operation


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


def graphql_request(body: Any) -> GraphQLRequest:
    if isinstance(body, list):
        raise HTTPException(400, "This server does not support batching")
    if not isinstance(body, dict):
        raise HTTPException(400, "The GraphQL request must be a JSON object with a 'query'")
    query, variables, operation_name = body.get("query"), body.get("variables"), body.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise HTTPException(400, "No GraphQL query found in the request")
    if variables is not None and not isinstance(variables, dict):
        raise HTTPException(400, "'variables' must be a JSON object")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HTTPException(400, "'operationName' must be a string")
    return GraphQLRequest(query, variables, operation_name)


@dataclass(frozen=True, slots=True)
class _Call:
    branch: str
    at: datetime | None
    credential: PresentedCredential | None
    operation: GraphQLRequest


def _run(context: ServerContext, call: _Call) -> tuple[int, bytes] | None:
    """Branch lookup, authentication and execution in one trip to a worker thread; None when the
    branch does not exist (checked before the credentials, as Infrahub does)."""
    from infrahub_server.graphql import GraphQLContext, QueryLimits, execute_graphql_sync

    branch = context.store.get_branch(call.branch)
    if branch is None:
        return None
    schema = context.schemas.for_branch(branch)
    session = context.authenticator.authenticate(call.credential)
    settings = context.settings
    if not session.authenticated and not settings.allow_anonymous_access:
        raise AuthenticationError(AUTHENTICATION_REQUIRED)
    permissions = context.permissions.for_account(session.account_id if session.authenticated else None)
    graphql_context = GraphQLContext(
        store=context.store,
        branch=call.branch,
        schema=schema,
        at=call.at,
        account_id=session.account_id if session.authenticated else None,
        allow_writes=session.authenticated,
        deployment_id=context.deployment_id,
        limits=QueryLimits(max_depth=settings.graphql_max_depth, max_fields=settings.graphql_max_fields),
        permissions=permissions,
        settings=settings,
    )
    operation = call.operation
    return execute_graphql_sync(
        graphql_context, operation.query, operation.variables, operation.operation_name
    )


async def _read_operation(request: Request, context: ServerContext) -> Any:
    """A JSON operation, or a multipart one (GraphQL multipart request spec) whose files are stored
    first: only for authenticated callers, since storing is a write."""
    if not is_multipart(request):
        return await read_json(request)
    await require_session(request, write=True)
    return await read_multipart_operation(request, object_storage(context.settings))


async def graphql(request: Request) -> Response:
    context = server_context(request)
    call = _Call(
        branch=request.path_params.get("branch") or context.settings.default_branch,
        at=parse_at(request.query_params.get("at")),
        credential=presented_credential(request.headers, request.cookies),
        operation=graphql_request(await _read_operation(request, context)),
    )
    # graphql-core and the schema builder are imported by the first request, not at start.
    answer = await anyio.to_thread.run_sync(_run, context, call)
    if answer is None:
        return JSONResponse({"errors": [f"Branch: {call.branch} not found."]}, status_code=404)
    status, body = answer
    return Response(body, status_code=status, media_type="application/json")
