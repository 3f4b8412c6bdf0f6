"""Rendering one target of an artefact definition: run the transformation's stored query with the
target's variables, then the transformation (a Jinja2 template in the sandbox, or a Python
transform in a subprocess). What comes back is the content and every node id the query returned.

A `TargetRenderer` is built once per definition and run: the GraphQL context, the repository
directory and the template environment are shared by every target.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from infrahub_server.artifacts.batching import batched_query
from infrahub_server.artifacts.definitions import JINJA2_KIND, ArtifactDefinition
from infrahub_server.automation.queries import (
    StoredQuery,
    execute_stored_query,
    graphql_context,
    returned_ids,
    with_node_ids,
)
from infrahub_server.automation.sandbox import template_environment
from infrahub_server.automation.transforms import find_transform, run_python_transform
from infrahub_server.errors import InfrahubError, UserCodeError
from infrahub_server.repositories.worktree import repository_directory

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext


@dataclass(frozen=True, slots=True)
class Rendered:
    content: str
    read_ids: frozenset[str]


def _as_text(value: Any, content_type: str) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2) if content_type == "application/json" else json.dumps(value)


class TargetRenderer:
    def __init__(
        self, server: ServerContext, definition: ArtifactDefinition, *, branch: str, account_id: str | None
    ) -> None:
        self.server = server
        self.definition = definition
        self.branch = branch
        self.account_id = account_id
        transformation = definition.transformation
        self.transform = find_transform(server, transformation.kind, transformation.id, branch=branch)
        self.context = graphql_context(server, branch, account_id=account_id)
        self._template: jinja2.Template | None = None
        query = self.transform.query
        self._query = StoredQuery(query.id, query.name, with_node_ids(query.text))
        self._batch = batched_query(self._query.text)
        self._prefetched: dict[str, dict[str, Any]] = {}
        if transformation.kind == JINJA2_KIND:
            directory = repository_directory(server, self.transform.repository_id, branch)
            self._template = _load_template(directory, transformation.template_path or "")

    def prefetch(self, variables: dict[str, dict[str, Any]]) -> None:
        """Run the query once for all these targets (by id) when its shape allows (`batching`);
        `render` then uses the answers. Otherwise, or when the batched query fails, nothing changes."""
        self._prefetched = {}
        batch = self._batch
        if batch is None or any(set(values) != {batch.variable} for values in variables.values()):
            return
        values = list(dict.fromkeys(values[batch.variable] for values in variables.values()))
        query = self._query
        try:
            data = execute_stored_query(
                self.context, StoredQuery(query.id, query.name, batch.text), {batch.variable: values}
            )
        except InfrahubError:
            return
        split = batch.split(data, values)
        if split is not None:
            self._prefetched = {target: split[found[batch.variable]] for target, found in variables.items()}

    def render(self, target_id: str, variables: dict[str, Any]) -> Rendered:
        """Raises an InfrahubError (UserCodeError for the user's template or code) on failure."""
        data = self._prefetched.pop(target_id, None)
        if data is None:
            data = execute_stored_query(self.context, self._query, variables)
        read_ids = frozenset(returned_ids(data))
        if self._template is not None:
            return Rendered(_render_template(self._template, data), read_ids)
        value = run_python_transform(
            self.server,
            self.transform.id,
            branch=self.branch,
            variables=variables,
            account_id=self.account_id,
        )
        return Rendered(_as_text(value, self.definition.content_type), read_ids)


def _load_template(directory: Path, template_path: str) -> jinja2.Template:
    try:
        return template_environment(directory).get_template(template_path)
    except jinja2.TemplateNotFound as error:
        raise UserCodeError(
            f"The template {error.name!r} is not in the repository", data={"template_path": template_path}
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise UserCodeError(
            f"The template {template_path} is not valid Jinja2: {error}",
            data={"template_path": template_path},
        ) from None


def _render_template(template: jinja2.Template, data: dict[str, Any]) -> str:
    try:
        return template.render(data=data)
    except (jinja2.TemplateError, jinja2.exceptions.SecurityError, TypeError, ValueError) as error:
        raise UserCodeError(
            f"The template {template.name} failed to render: {type(error).__name__}: {error}",
            data={"template_path": template.name},
        ) from None
