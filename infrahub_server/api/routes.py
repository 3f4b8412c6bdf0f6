"""The route table: every path the server answers. Any other path is a 404 and a known path with
another method a 405, both in the REST envelope (see `api.errors`)."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from infrahub_server.api import (
    artifact_routes,
    auth_routes,
    diff_routes,
    graphql_routes,
    history_routes,
    query_routes,
    schema_routes,
    server_info,
    storage_routes,
    transform_routes,
)
from infrahub_server.proposed_changes import rest as change_rest
from infrahub_server.tasks import rest as task_rest


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
        Route("/api/schema/json_schema/{kind}", schema_routes.get_json_schema, methods=["GET"]),
        Route("/api/schema/{kind}", schema_routes.get_kind, methods=["GET"]),
        Route("/schema.graphql", schema_routes.get_graphql_sdl, methods=["GET"]),
        Route("/graphql", graphql_routes.graphql, methods=["POST"]),
        Route("/graphql/{branch:path}", graphql_routes.graphql, methods=["POST"]),
        Route("/api/artifact/generate/{definition}", artifact_routes.generate_artifacts, methods=["POST"]),
        Route("/api/artifact/{artifact_id}", artifact_routes.get_artifact, methods=["GET"]),
        Route("/api/storage/upload/content", storage_routes.upload_content, methods=["POST"]),
        Route("/api/storage/upload/file", storage_routes.upload_file, methods=["POST"]),
        Route("/api/storage/object/{identifier}", storage_routes.get_object, methods=["GET"]),
        Route("/api/storage/files/by-hfid/{kind}", storage_routes.get_file_by_hfid, methods=["GET"]),
        Route(
            "/api/storage/files/by-storage-id/{storage_id}",
            storage_routes.get_file_by_storage_id,
            methods=["GET"],
        ),
        Route("/api/storage/files/{node_id}", storage_routes.get_file, methods=["GET"]),
        Route("/api/query/{name_or_id}", query_routes.run_query, methods=["GET", "POST"]),
        Route("/api/transform/jinja2/{name_or_id}", transform_routes.transform_jinja2, methods=["GET"]),
        Route("/api/transform/python/{name_or_id}", transform_routes.transform_python, methods=["GET"]),
        Route("/api/tasks/{task_id}", task_rest.get_task, methods=["GET"]),
        Route("/api/proposed-change/{change_id}/approvals", change_rest.approvals, methods=["GET", "PUT"]),
        Route("/api/history/{node_id}", history_routes.get_node_history, methods=["GET"]),
        Route("/api/diff/files", diff_routes.get_file_diff, methods=["GET"]),
        Route("/metrics", server_info.get_metrics, methods=["GET"]),
    ]
