"""Transforms: a stored query's data turned into text (Jinja2) or JSON (Python).

`render_jinja2` renders the repository's template in the sandbox of `automation.sandbox`;
`run_python_transform` runs the repository's `InfrahubTransform` subclass in a subprocess
(`automation.user_code`). Both read the repository's files at the commit synced for the branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from infrahub_server.automation.lookup import attribute_value, find_named_node, peer_id
from infrahub_server.automation.queries import (
    StoredQuery,
    execute_stored_query,
    find_stored_query,
    graphql_context,
)
from infrahub_server.automation.sandbox import template_environment
from infrahub_server.automation.user_code import run_user_code
from infrahub_server.errors import UserCodeError, ValidationError
from infrahub_server.permissions import AccountPermissions
from infrahub_server.repositories.worktree import repository_directory
from infrahub_server.store import Snapshot

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

JINJA2_KIND = "CoreTransformJinja2"
PYTHON_KIND = "CoreTransformPython"

_ATTRIBUTES = ["name", "timeout", "template_path", "file_path", "class_name", "convert_query_response"]


@dataclass(frozen=True, slots=True)
class Transform:
    id: str
    kind: str
    name: str
    query: StoredQuery
    repository_id: str
    attributes: dict[str, Any]


def find_transform(server: ServerContext, kind: str, name_or_id: str, *, branch: str) -> Transform:
    """The transform of `kind` named `name_or_id` on `branch`, with its query and repository."""
    schema = server.schemas.for_branch_name(branch)
    with server.store.reader(Snapshot(branch)) as reader:
        record = find_named_node(reader, schema, kind, name_or_id, _ATTRIBUTES)
        query_id = peer_id(reader, schema, record, "query")
        repository_id = peer_id(reader, schema, record, "repository")
        if query_id is None or repository_id is None:
            missing = "query" if query_id is None else "repository"
            raise ValidationError(
                f"The transform {record.id} has no {missing} at {missing}",
                data={"node_kind": record.kind, "field_name": missing},
            )
        query = find_stored_query(reader, server.schemas.for_branch_name(branch), query_id)
    attributes = {name: attribute_value(record, name) for name in _ATTRIBUTES}
    return Transform(record.id, record.kind, str(attributes["name"]), query, repository_id, attributes)


def transform_data(
    server: ServerContext,
    transform: Transform,
    *,
    branch: str,
    variables: dict[str, Any],
    at: datetime | None,
    account_id: str | None,
    permissions: AccountPermissions | None = None,
) -> dict[str, Any]:
    """The transform's query data; with `permissions` (a caller's), only what the caller may view."""
    context = graphql_context(server, branch, account_id=account_id, at=at)
    context.permissions = permissions
    return execute_stored_query(context, transform.query, variables)


def render_template(directory: Path, template_path: str, data: dict[str, Any]) -> str:
    """Render `template_path` of `directory` with the query's data as `data` (the SDK's convention:
    templates read `data.InfraDevice.edges`). Template errors are UserCodeError."""
    try:
        return template_environment(directory).get_template(template_path).render(data=data)
    except jinja2.TemplateNotFound as error:
        raise UserCodeError(
            f"The template {error.name!r} is not in the repository", data={"template_path": template_path}
        ) from None
    except (jinja2.TemplateError, jinja2.exceptions.SecurityError, TypeError, ValueError) as error:
        raise UserCodeError(
            f"The template {template_path} failed to render: {type(error).__name__}: {error}",
            data={"template_path": template_path},
        ) from None


def render_jinja2(
    server: ServerContext,
    transform: str,
    *,
    branch: str,
    variables: dict[str, Any],
    at: datetime | None = None,
    account_id: str | None = None,
    permissions: AccountPermissions | None = None,
) -> str:
    """Render the `CoreTransformJinja2` named (or with id) `transform` on `branch`. Blocking.
    `permissions` are the caller's (None: the server renders for itself)."""
    found = find_transform(server, JINJA2_KIND, transform, branch=branch)
    data = transform_data(
        server,
        found,
        branch=branch,
        variables=variables,
        at=at,
        account_id=account_id,
        permissions=permissions,
    )
    directory = repository_directory(server, found.repository_id, branch)
    return render_template(directory, str(found.attributes["template_path"]), data)


def server_address(server: ServerContext) -> str:
    """Where user code's SDK client reaches this server."""
    settings = server.settings
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return f"http://{host}:{settings.port}"


def run_python_transform(
    server: ServerContext,
    transform: str,
    *,
    branch: str,
    variables: dict[str, Any],
    at: datetime | None = None,
    account_id: str | None = None,
    token: str | None = None,
    permissions: AccountPermissions | None = None,
) -> Any:
    """Run the `CoreTransformPython` named (or with id) `transform` on `branch`: its query, then its
    class's `run(data=...)` in a subprocess; the class's JSON result. Blocking.

    The time limit is the transform's `timeout`, capped by INFRAHUB_USER_CODE_TIMEOUT. `token` (an
    API token) is given to the class's SDK client.
    """
    found = find_transform(server, PYTHON_KIND, transform, branch=branch)
    data = transform_data(
        server,
        found,
        branch=branch,
        variables=variables,
        at=at,
        account_id=account_id,
        permissions=permissions,
    )
    directory = repository_directory(server, found.repository_id, branch)
    settings = server.settings
    own_timeout = found.attributes.get("timeout")
    timeout = (
        min(float(own_timeout), settings.user_code_timeout) if own_timeout else settings.user_code_timeout
    )
    address = server_address(server)
    result = run_user_code(
        directory,
        str(found.attributes["file_path"]),
        str(found.attributes["class_name"] or "Transform"),
        "run",
        {
            "init": {
                "branch": branch,
                "convert_query_response": bool(found.attributes.get("convert_query_response")),
                "server_url": address,
            },
            "call": {"data": data},
        },
        timeout=timeout,
        memory_mb=settings.user_code_memory_mb,
        server_address=address,
        token=token,
    )
    return result.value
