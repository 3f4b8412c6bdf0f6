"""Run one GraphQL request: parse, validate, guard rails, then the compiled resolvers.

The whole request runs in a worker thread against one store snapshot (queries) or one change set
per root mutation field. Kind queries, node mutations and the common static fields are resolved by
the compiled path (`node_resolver`); other root fields answer with a clear error.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from functools import lru_cache
from typing import Any

import anyio
import orjson
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
)
from graphql.execution.values import get_variable_values
from graphql.language import FragmentDefinitionNode

from infrahub_server.errors import AuthenticationError, InfrahubError, PermissionDeniedError
from infrahub_server.graphql.context import GraphQLContext
from infrahub_server.graphql.document_shapes import validate_document
from infrahub_server.graphql.error_shapes import domain_error, graphql_error
from infrahub_server.graphql.guard_rails import check_limits
from infrahub_server.graphql.input_values import drop_null_defaults
from infrahub_server.graphql.mutations import run_mutation_field
from infrahub_server.graphql.queries import run_query_field
from infrahub_server.graphql.schema_builder import graphql_schema_for
from infrahub_server.graphql.selection import Request
from infrahub_server.permissions.graphql_gate import authorize_mutation_field, authorize_query
from infrahub_server.store.types import Snapshot

logger = logging.getLogger(__name__)


def _response(status: int, data: Any, errors: list[dict[str, Any]] | None) -> tuple[int, bytes]:
    body: dict[str, Any] = {"data": data}
    if errors:
        body["errors"] = errors
    return status, orjson.dumps(body)


def _select_operation(
    document: Any, operation_name: str | None
) -> tuple[OperationDefinitionNode | None, dict[str, FragmentDefinitionNode]]:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    if operation_name is None:
        return (operations[0] if len(operations) == 1 else None), fragments
    return next((op for op in operations if op.name and op.name.value == operation_name), None), fragments


@lru_cache(maxsize=512)
def _parse_and_validate(
    schema: GraphQLSchema, query: str
) -> tuple[DocumentNode | None, list[dict[str, Any]]]:
    """Clients repeat the same queries (every page of a listing), so a validated document is reused."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, [graphql_error(error)]
    errors = validate_document(schema, document, query)
    if errors:
        return None, [graphql_error(e) for e in errors]
    return document, []


def execute_graphql_sync(
    context: GraphQLContext, query: str, variables: dict[str, Any] | None, operation_name: str | None
) -> tuple[int, bytes]:
    if len(query.encode()) > context.limits.max_query_bytes:
        return _response(
            200, None, [{"message": f"The query is larger than {context.limits.max_query_bytes} bytes"}]
        )
    schema = graphql_schema_for(context.schema)
    document, errors = _parse_and_validate(schema, query)
    if document is None:
        return _response(200, None, errors)
    operation, fragments = _select_operation(document, operation_name)
    if operation is None:
        message = (
            f"Unknown operation named '{operation_name}'."
            if operation_name
            else "Must provide operation name if query contains multiple operations."
        )
        return _response(200, None, [{"message": message}])
    limit_error = check_limits(operation, fragments, context.limits)
    if limit_error:
        return _response(200, None, [{"message": limit_error}])
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(coerced, list):
        return _response(200, None, [graphql_error(e) for e in coerced])
    request = Request(schema, fragments, coerced)
    if operation.operation == OperationType.MUTATION:
        if not context.allow_writes:
            refusal = AuthenticationError("Authentication is required to perform this operation")
            return _response(refusal.http_status, None, [domain_error(refusal, None, [])])
        return _run_mutations(context, request, operation)
    if operation.operation == OperationType.SUBSCRIPTION:
        return _response(200, None, [{"message": "Subscriptions are not supported over HTTP"}])
    if _is_introspection(request, operation):
        return _run_introspection(request, document, variables, operation_name)
    try:
        authorize_query(context, schema, query)
        return _run_queries(context, request, operation)
    except (AuthenticationError, PermissionDeniedError) as error:
        return _response(error.http_status, None, [domain_error(error, None, [])])


def _is_introspection(request: Request, operation: OperationDefinitionNode) -> bool:
    names = {nodes[0].name.value for nodes in _root_fields(request, operation, "Query").values()}
    return bool(names) and all(name.startswith("__") for name in names)


def _run_introspection(
    request: Request, document: Any, variables: dict[str, Any] | None, operation_name: str | None
) -> tuple[int, bytes]:
    """`__schema` and `__type` are answered by graphql-core's own executor."""
    result = execute(request.schema, document, variable_values=variables, operation_name=operation_name)
    assert not isinstance(result, Awaitable)
    errors = [graphql_error(e) for e in result.errors or ()]
    return _response(200, result.data, errors)


def _root_fields(
    request: Request, operation: OperationDefinitionNode, root: str
) -> dict[str, list[FieldNode]]:
    return request.collect(operation.selection_set, root)


def _run_queries(
    context: GraphQLContext, request: Request, operation: OperationDefinitionNode
) -> tuple[int, bytes]:
    query_type = request.schema.query_type
    assert isinstance(query_type, GraphQLObjectType)
    data: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    with context.store.reader(Snapshot(context.branch, context.at)) as reader:
        for key, nodes in _root_fields(request, operation, "Query").items():
            name = nodes[0].name.value
            if name == "__typename":
                data[key] = "Query"
                continue
            try:
                arguments = request.arguments(query_type.fields[name], nodes[0])
                data[key] = run_query_field(context, request, reader, name, nodes, arguments)
            except InfrahubError as error:
                data[key] = None
                errors.append(domain_error(error, nodes[0], [key]))
            except GraphQLError as error:
                data[key] = None
                errors.append(graphql_error(error))
            except Exception:
                logger.exception("query field %s failed", name)
                data[key] = None
                errors.append(domain_error(InfrahubError("Internal server error"), nodes[0], [key]))
    return _response(200, data, errors)


def _run_mutations(
    context: GraphQLContext, request: Request, operation: OperationDefinitionNode
) -> tuple[int, bytes]:
    mutation_type = request.schema.mutation_type
    assert isinstance(mutation_type, GraphQLObjectType)
    data: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    fields = _root_fields(request, operation, "Mutation")
    # Every field is authorised before the first one writes: a refusal changes nothing.
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name != "__typename":
            try:
                arguments = request.arguments(mutation_type.fields[name], nodes[0])
                authorize_mutation_field(context, name, arguments)
            except (AuthenticationError, PermissionDeniedError) as error:
                return _response(error.http_status, None, [domain_error(error, nodes[0], [key])])
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "__typename":
            data[key] = "Mutation"
            continue
        try:
            field = mutation_type.fields[name]
            arguments = request.arguments(field, nodes[0])
            arguments = {k: drop_null_defaults(v, field.args[k].type) for k, v in arguments.items()}
            data[key] = run_mutation_field(context, request, name, nodes, arguments)
        except (AuthenticationError, PermissionDeniedError) as error:
            return _response(error.http_status, None, [domain_error(error, nodes[0], [key])])
        except InfrahubError as error:
            data[key] = None
            errors.append(domain_error(error, nodes[0], [key]))
        except GraphQLError as error:
            data[key] = None
            errors.append(graphql_error(error))
        except Exception:
            logger.exception("mutation %s failed", name)
            data[key] = None
            errors.append(domain_error(InfrahubError("Internal server error"), nodes[0], [key]))
    return _response(200, data, errors)


async def execute_graphql(
    context: GraphQLContext, query: str, variables: dict[str, Any] | None, operation_name: str | None
) -> tuple[int, bytes]:
    """Run a GraphQL request in a worker thread; returns the HTTP status and the JSON body."""
    return await anyio.to_thread.run_sync(execute_graphql_sync, context, query, variables, operation_name)
