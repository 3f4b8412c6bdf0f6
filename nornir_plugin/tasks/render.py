"""`render_config`: a host's intended configuration, from the server's Jinja2 transform, from the host's
artefact, or from a repository's template rendered here with the data of a stored query."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import jinja2
import yaml
from nornir.core.task import Result, Task

from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.exceptions import Error
from infrahub_sdk.schema.repository import InfrahubRepositoryConfig
from infrahub_sdk.template import Jinja2Template

from ._host import failure, get_client, node_identity

INTENDED_CONFIG = "intended_config"
"""The host data key render_config fills, which diff_config and push_config read by default."""
NO_INTENDED_CONFIG = "no intended configuration: run render_config first, or pass `config`"


def render_config(
    task: Task,
    transform: str | None = None,
    *,
    artifact: str | None = None,
    repository: str | Path | None = None,
    template: str | None = None,
    query: str | None = None,
    variables: Mapping[str, Any] | None = None,
    branch: str | None = None,
) -> Result:
    """Renders the host's intended configuration and keeps it in `host.data["intended_config"]`.

    - `transform`: the server renders its Jinja2 transform (`/api/transform/jinja2/<transform>`);
    - `artifact`: the content of the host's artefact of that name;
    - `repository` with `transform` (a Jinja2 transform of its `.infrahub.yml`) or with `template` and
      `query`: the template renders here, with the answer of the server's stored query.

    The query's variables default to `{"device": <host name>}`; `variables` adds to them. `branch`
    defaults to the inventory's.
    """
    sources = [transform is not None and repository is None, artifact is not None, repository is not None]
    if sources.count(True) != 1:
        raise ValueError("render_config: give one of `transform`, `artifact` or `repository`")
    values = {"device": task.host.name, **(variables or {})}
    try:
        with get_client(task) as client:
            branch = branch or client.default_branch
            if artifact is not None:
                text = _artifact_content(client, node_identity(task)["id"], artifact)
                source = f"artifact {artifact}"
            elif repository is not None:
                text, source = _render_locally(
                    client, Path(repository), transform, template, query, values, branch
                )
            else:
                assert transform is not None
                text = _render_on_server(client, transform, values, branch)
                source = f"transform {transform} on branch {branch}"
    except (Error, httpx.HTTPError, jinja2.TemplateError, OSError, ValueError) as error:
        return failure(task, "render_config", error)
    task.host.data[INTENDED_CONFIG] = text
    return Result(host=task.host, result=text, source=source)


def _artifact_content(client: InfrahubClientSync, node_id: str, artifact: str) -> str:
    record = client.get(kind="CoreArtifact", name__value=artifact, object__ids=[node_id])
    return client.object_store.get(identifier=record.storage_id.value)


def _render_on_server(
    client: InfrahubClientSync, transform: str, values: Mapping[str, Any], branch: str
) -> str:
    parameters = urlencode({"branch": branch, **values})
    response = client._get(f"{client.address}/api/transform/jinja2/{quote(transform, safe='')}?{parameters}")
    if response.status_code != 200:
        raise ValueError(
            f"the server's transform {transform!r} answered {response.status_code}: {response.text}"
        )
    return response.text


def _render_locally(
    client: InfrahubClientSync,
    repository: Path,
    transform: str | None,
    template: str | None,
    query: str | None,
    values: Mapping[str, Any],
    branch: str,
) -> tuple[str, str]:
    if transform is not None:
        config_path = repository / ".infrahub.yml"
        config = InfrahubRepositoryConfig(**yaml.safe_load(config_path.read_text(encoding="utf-8")))
        if not config.has_jinja2_transform(transform):
            raise ValueError(f"{config_path} has no Jinja2 transform {transform!r}")
        definition = config.get_jinja2_transform(transform)
        template, query = str(definition.template_path), definition.query
    if template is None or query is None:
        raise ValueError("render_config: a repository needs `transform`, or `template` and `query`")
    answer = client.query_gql_query(name=query, variables=dict(values), branch_name=branch)
    if answer.get("errors"):
        raise ValueError(f"stored query {query!r}: {answer['errors']}")
    text = Jinja2Template(Path(template), repository).render({"data": answer["data"]})
    return text, f"template {template} of {repository} with stored query {query} on branch {branch}"
