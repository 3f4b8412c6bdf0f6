"""`GET /api/transform/jinja2/{name_or_id}` (text/plain) and `GET /api/transform/python/{name_or_id}`
(JSON): run a transform's query on `branch` (as of `at`) with the other URL parameters as its
variables, then the transform.

GraphQL errors of the query are 502 with the GraphQL `errors`; a template or Python class that fails
is 500 with the user's message (REST envelope), never a crash of the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from infrahub_server.api.context import ServerContext, require_session, server_context
from infrahub_server.api.errors import JSONResponse, rest_error
from infrahub_server.api.query_routes import url_variables
from infrahub_server.api.timestamps import parse_at
from infrahub_server.auth.sessions import presented_credential
from infrahub_server.automation.parameters import variables_from_parameters
from infrahub_server.automation.queries import StoredQueryError
from infrahub_server.automation.transforms import (
    JINJA2_KIND,
    PYTHON_KIND,
    find_transform,
    render_jinja2,
    run_python_transform,
)
from infrahub_server.errors import UserCodeError


async def _transform(request: Request, kind: str, run: Callable[..., Any]) -> Any:
    """The transform's output, or the Response of its failure."""
    context = server_context(request)
    session = await require_session(request, write=False)
    name_or_id = request.path_params["name_or_id"]
    branch = request.query_params.get("branch") or context.settings.default_branch
    at = parse_at(request.query_params.get("at"))
    credential = presented_credential(request.headers, request.cookies)
    parameters = url_variables(request)

    def work(server: ServerContext) -> Any:
        found = find_transform(server, kind, name_or_id, branch=branch)
        options: dict[str, Any] = {
            "branch": branch,
            "variables": variables_from_parameters(found.query, parameters),
            "at": at,
            "account_id": session.account_id if session.authenticated else None,
            "permissions": server.permissions.for_account(
                session.account_id if session.authenticated else None
            ),
        }
        if kind == PYTHON_KIND and credential is not None and credential.kind == "api_token":
            options["token"] = credential.value
        return run(server, found.id, **options)

    try:
        return await anyio.to_thread.run_sync(work, context)
    except StoredQueryError as error:
        return JSONResponse({"data": error.partial_data, "errors": error.errors}, status_code=502)
    except UserCodeError as error:
        return rest_error(error.message, error.http_status)


async def transform_jinja2(request: Request) -> Response:
    output = await _transform(request, JINJA2_KIND, render_jinja2)
    return output if isinstance(output, Response) else PlainTextResponse(output)


async def transform_python(request: Request) -> Response:
    output = await _transform(request, PYTHON_KIND, run_python_transform)
    return output if isinstance(output, Response) else JSONResponse(output)
