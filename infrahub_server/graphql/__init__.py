"""GraphQL: the schema generated from a branch's processed schema, and request execution."""

from infrahub_server.graphql.context import GraphQLContext, QueryLimits
from infrahub_server.graphql.execution import execute_graphql, execute_graphql_sync
from infrahub_server.graphql.schema_builder import build_graphql_schema, graphql_schema_for
from infrahub_server.graphql.sdl import print_sdl

__all__ = [
    "GraphQLContext",
    "QueryLimits",
    "build_graphql_schema",
    "execute_graphql",
    "execute_graphql_sync",
    "graphql_schema_for",
    "print_sdl",
]
