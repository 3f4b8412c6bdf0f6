"""The route table: every path the server answers. Any other path is a 404 and a known path with
another method a 405, both in the REST envelope (see `api.errors`)."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from infrahub_server.api import auth_routes, graphql_routes, history_routes, schema_routes, server_info


def routes() -> list[BaseRoute]:
    return [
        Route("/api/config", server_info.get_config, methods=["GET"]),
        Route("/api/info", server_info.get_info, methods=["GET"]),
        Route("/api/auth/login", auth_routes.login, methods=["POST"]),
        Route("/api/auth/refresh", auth_routes.refresh, methods=["POST"]),
        Route("/api/auth/logout", auth_routes.logout, methods=["POST"]),
        Route("/api/schema", schema_routes.get_schema, methods=["GET"]),
        Route("/api/schema/summary", schema_routes.get_summary, methods=["GET"]),
        Route("/api/schema/load", schema_routes.load_schema, methods=["POST"]),
        Route("/api/schema/check", schema_routes.check_schema, methods=["POST"]),
        Route("/api/schema/{kind}", schema_routes.get_kind, methods=["GET"]),
        Route("/schema.graphql", schema_routes.get_graphql_sdl, methods=["GET"]),
        Route("/graphql", graphql_routes.graphql, methods=["POST"]),
        Route("/graphql/{branch:path}", graphql_routes.graphql, methods=["POST"]),
        Route("/api/history/{node_id}", history_routes.get_node_history, methods=["GET"]),
        Route("/metrics", server_info.get_metrics, methods=["GET"]),
    ]
