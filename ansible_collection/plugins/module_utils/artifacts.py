# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Artifacts: find one, read its stored content, regenerate it, or store content rendered elsewhere."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError

ARTIFACT = "CoreArtifact"
DEFINITION = "CoreArtifactDefinition"
JSON_TYPES = ("application/json",)


def find_artifact(client: Any, branch: str, params: dict[str, Any]) -> Any:
    """The artifact by O(artifact_id), or by O(artifact_name) of O(target_id); None when there is none."""
    if params.get("artifact_id"):
        return client.get(kind=ARTIFACT, id=params["artifact_id"], branch=branch, raise_when_missing=False)
    if not (params.get("artifact_name") and params.get("target_id")):
        raise InfrahubCollectionError(
            "artifact_id, artifact_name: give artifact_id, or artifact_name with target_id"
        )
    found = client.filters(
        kind=ARTIFACT, branch=branch, name__value=params["artifact_name"], object__ids=[params["target_id"]]
    )
    return found[0] if found else None


def find_definition(client: Any, branch: str, artifact: Any, params: dict[str, Any]) -> Any:
    """The definition of `artifact`, or the one named O(definition_name) (else producing O(artifact_name))."""
    if artifact is not None:
        return client.get(kind=DEFINITION, id=artifact.definition.id, branch=branch)
    if params.get("definition_name"):
        found = client.filters(kind=DEFINITION, branch=branch, name__value=params["definition_name"])
    else:
        found = client.filters(
            kind=DEFINITION, branch=branch, artifact_name__value=params.get("artifact_name")
        )
    if not found:
        raise InfrahubCollectionError(
            f"definition_name: no artifact definition named {params.get('definition_name') or params.get('artifact_name')!r}"
        )
    return found[0]


def read_content(client: Any, artifact: Any) -> dict[str, Any]:
    """`{"text": ...}` plus `{"json": ...}` for JSON artifacts."""
    storage_id = artifact.storage_id.value
    if not storage_id:
        raise InfrahubCollectionError(
            f"artifact {artifact.id} has no stored content yet (status {artifact.status.value})"
        )
    text = client.object_store.get(identifier=storage_id)
    content: dict[str, Any] = {"text": text, "storage_id": storage_id, "checksum": artifact.checksum.value}
    if artifact.content_type.value in JSON_TYPES:
        content["json"] = json.loads(text)
    return content


def checksum(text: str) -> str:
    """The checksum the server records for stored content (MD5 of the UTF-8 bytes)."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # nosec B324 - a content fingerprint, not security


def upload_artifact(
    client: Any, branch: str, params: dict[str, Any], text: str, check_mode: bool
) -> dict[str, Any]:
    """Store `text` as the artifact's content unless it already holds exactly that."""
    artifact = find_artifact(client, branch, params)
    wanted = checksum(text)
    before = artifact.checksum.value if artifact is not None else None
    diff = {"before": {"checksum": before}, "after": {"checksum": wanted}}
    if before == wanted:
        return {"changed": False, "artifact_id": artifact.id, "checksum": wanted, "msg": "artifact unchanged"}
    definition = find_definition(client, branch, None, params) if artifact is None else None
    if check_mode:
        return {"changed": True, "diff": diff, "checksum": wanted, "msg": "artifact would be stored"}
    stored = client.object_store.upload(content=text)
    values = {
        "storage_id": stored["identifier"],
        "checksum": stored.get("checksum") or wanted,
        "status": "Ready",
        "content_type": params["content_type"],
    }
    if definition is not None:
        artifact = client.create(
            kind=ARTIFACT,
            branch=branch,
            data={
                "name": params["artifact_name"] or definition.artifact_name.value,
                "object": {"id": params["target_id"]},
                "definition": {"id": definition.id},
                **values,
            },
        )
    else:
        for name, value in values.items():
            setattr(artifact, name, value)
    artifact.save()
    return {
        "changed": True,
        "diff": diff,
        "artifact_id": artifact.id,
        "storage_id": values["storage_id"],
        "checksum": values["checksum"],
        "msg": "artifact stored",
    }
