"""`/api/schema*` and `/schema.graphql`: read a branch's schema, check or load schema files."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from infrahub_server.api.bodies import read_json
from infrahub_server.api.context import ServerContext, require_permission, require_session, server_context
from infrahub_server.api.errors import JSONResponse
from infrahub_server.api.timestamps import parse_at
from infrahub_server.auth.sessions import AccountSession
from infrahub_server.errors import SchemaNotFoundError
from infrahub_server.permissions import GlobalAction
from infrahub_server.schema import (
    SchemaLoadResult,
    SchemaRequestError,
    api_payload,
    kind_payload,
    load_schema_files,
    summary_payload,
)
from infrahub_server.schema.json_schema import kind_json_schema
from infrahub_server.schema.models import SchemaBranch


def _branch_name(request: Request) -> str:
    return request.query_params.get("branch") or server_context(request).settings.default_branch


async def _schema(request: Request) -> SchemaBranch:
    """The requested branch's schema, as of `?at=` when given."""
    await require_session(request, write=False)
    registry = server_context(request).schemas
    at = parse_at(request.query_params.get("at"))
    return await anyio.to_thread.run_sync(registry.for_branch_at, _branch_name(request), at)


async def get_schema(request: Request) -> Response:
    schema = await _schema(request)
    namespaces = request.query_params.getlist("namespaces") or None
    return JSONResponse(api_payload(schema, namespaces))


async def get_summary(request: Request) -> Response:
    return JSONResponse(summary_payload(await _schema(request)))


async def get_kind(request: Request) -> Response:
    schema = await _schema(request)
    return JSONResponse(kind_payload(schema, request.path_params["kind"]))


async def get_json_schema(request: Request) -> Response:
    schema, kind = await _schema(request), request.path_params["kind"]
    if not schema.has(kind):
        raise SchemaNotFoundError(f"Unable to find the schema {kind!r} in the registry")
    return JSONResponse(kind_json_schema(schema.get(kind)))


async def get_graphql_sdl(request: Request) -> Response:
    from infrahub_server.graphql import graphql_schema_for, print_sdl

    schema = await _schema(request)
    ordered = request.query_params.get("sorted", "").lower() in ("1", "true", "yes")
    text = await anyio.to_thread.run_sync(lambda: print_sdl(graphql_schema_for(schema), sorted=ordered))
    return PlainTextResponse(text)


def _request_error(message: str, body: Any) -> JSONResponse:
    """A body that is not `{"schemas": [...]}`, refused like the other request-validation errors."""
    detail = {"ctx": {"reason": message}, "input": body, "loc": ["body", "schemas"], "msg": message}
    return JSONResponse({"detail": [{**detail, "type": "value_error"}]}, status_code=422)


def _load(
    context: ServerContext, branch: str, files: list[Any], actor_id: str, *, save: bool
) -> SchemaLoadResult:
    registry = context.schemas
    with registry.write_lock:
        current = registry.for_branch_name(branch)
        result = load_schema_files(current, files, branch_name=branch)
        if not result.schema_updated:
            return result
        if save:
            registry.migrate(branch, current, result.schema, actor_id=actor_id)
        else:
            registry.check_migration(branch, current, result.schema)
    return result


async def _schema_files(request: Request) -> list[Any] | Response:
    body = await read_json(request)
    if not isinstance(body, dict) or "schemas" not in body:
        return _request_error("Field required", body)
    if not isinstance(body["schemas"], list):
        return _request_error("Input should be a valid list", body["schemas"])
    return list(body["schemas"])


async def _load_session(request: Request, *, save: bool) -> AccountSession:
    if not save:
        return await require_session(request, write=True)
    branch = _branch_name(request)
    actions = [GlobalAction.MANAGE_SCHEMA]
    if branch == server_context(request).settings.default_branch:
        actions.append(GlobalAction.EDIT_DEFAULT_BRANCH)
    return (await require_permission(request, *actions, write=True)).session


async def _run_load(request: Request, *, save: bool) -> SchemaLoadResult | Response:
    session = await _load_session(request, save=save)
    files = await _schema_files(request)
    if isinstance(files, Response):
        return files
    context, branch = server_context(request), _branch_name(request)
    try:
        return await anyio.to_thread.run_sync(
            lambda: _load(context, branch, files, session.account_id, save=save)
        )
    except SchemaRequestError as exc:
        return JSONResponse({"detail": exc.detail}, status_code=422)


async def load_schema(request: Request) -> Response:
    result = await _run_load(request, save=True)
    if isinstance(result, Response):
        return result
    return JSONResponse(
        {
            "hash": result.hash,
            "previous_hash": result.previous_hash,
            "diff": result.diff,
            "warnings": result.warnings,
            "schema_updated": result.schema_updated,
        }
    )


async def check_schema(request: Request) -> Response:
    result = await _run_load(request, save=False)
    if isinstance(result, Response):
        return result
    return JSONResponse({"diff": result.diff, "warnings": result.warnings}, status_code=202)
