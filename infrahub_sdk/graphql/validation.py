"""Check a query against a branch's GraphQL schema before sending it, with line and column errors."""

from __future__ import annotations

from graphql import GraphQLError as CoreGraphQLError
from graphql import GraphQLSchema, build_schema, parse, validate

from infrahub_sdk.exceptions import GraphQLQueryError, QuerySyntaxError


class QueryValidationError(GraphQLQueryError):
    """The query does not fit the schema; `.errors` holds one `line L, column C: message` per problem."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("GraphQL query not valid:\n" + "\n".join(f"  {error}" for error in errors))


def build_branch_schema(sdl: str) -> GraphQLSchema:
    """The schema from `GET /schema.graphql` (the server built it, so it is not validated again)."""
    return build_schema(sdl, assume_valid=True, assume_valid_sdl=True)


def _located(error: CoreGraphQLError) -> str:
    where = ", ".join(f"line {location.line}, column {location.column}" for location in error.locations or [])
    return f"{where}: {error.message}" if where else error.message


def check_query(schema: GraphQLSchema, query: str) -> None:
    """Raise `QuerySyntaxError` or `QueryValidationError` when `query` cannot run on `schema`."""
    try:
        document = parse(query)
    except CoreGraphQLError as exc:
        raise QuerySyntaxError(syntax_error=_located(exc)) from exc
    errors = validate(schema, document)
    if errors:
        raise QueryValidationError([_located(error) for error in errors])
