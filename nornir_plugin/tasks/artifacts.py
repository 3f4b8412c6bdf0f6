"""nornir-infrahub's artefact tasks, same names and arguments: read, regenerate, generate."""

from __future__ import annotations

import json

import httpx
from nornir.core.task import Result, Task

from infrahub_sdk.exceptions import Error

from ._host import failure, get_client, node_identity

JSON_CONTENT_TYPES = {"application/json"}


def get_artifact(task: Task, artifact: str | None = None, artifact_id: str | None = None) -> Result:
    """The content of the host's artefact named `artifact`, or of the artefact `artifact_id`; JSON
    content is parsed. `content_type` is set on the result."""
    if (artifact is None) == (artifact_id is None):
        raise ValueError("get_artifact: give exactly one of `artifact` and `artifact_id`")
    try:
        with get_client(task) as client:
            if artifact is not None:
                record = client.get(
                    kind="CoreArtifact", name__value=artifact, object__ids=[node_identity(task)["id"]]
                )
            else:
                record = client.get(kind="CoreArtifact", ids=[artifact_id])
            content = client.object_store.get(identifier=record.storage_id.value)
    except (Error, httpx.HTTPError) as error:
        return failure(task, "get_artifact", f"artifact {artifact or artifact_id!r}: {error}")
    content_type = record.content_type.value
    result = json.loads(content) if content_type in JSON_CONTENT_TYPES else content
    return Result(host=task.host, result=result, content_type=content_type)


def regenerate_host_artifact(task: Task, artifact: str) -> Result:
    """Asks the server to render the host's artefact `artifact` again (its kind must be an
    artefact target)."""
    try:
        with get_client(task) as client:
            record = client.get(
                kind="CoreArtifact", name__value=artifact, object__ids=[node_identity(task)["id"]]
            )
            definition = client.get(kind="CoreArtifactDefinition", id=record.definition.id)
            definition.generate([record.id])
    except (Error, httpx.HTTPError) as error:
        return failure(task, "regenerate_host_artifact", f"artifact {artifact!r}: {error}")
    return Result(host=task.host, changed=True, result=f"artifact {artifact!r} regeneration requested")


def generate_artifacts(task: Task, artifact: str, timeout: int = 10) -> Result:
    """Asks the server to render every artefact of the definition whose artefacts are named `artifact`,
    for all its targets. `timeout` is accepted for nornir-infrahub's callers; the request returns at once."""
    try:
        with get_client(task) as client:
            definition = client.get(kind="CoreArtifactDefinition", artifact_name__value=artifact)
            definition.generate()
    except (Error, httpx.HTTPError) as error:
        return failure(task, "generate_artifacts", f"artifact {artifact!r}: {error}")
    return Result(host=task.host, changed=True, result=f"artifacts {artifact!r} generation requested")
