"""The artefact validator: every artefact definition regenerated on the source branch (through
`infrahub_server.artifacts`), one `CoreArtifactValidator` per definition with one
`CoreArtifactCheck` per target saying whether its content changed against the default branch."""

from __future__ import annotations

from typing import Any

from infrahub_server.artifacts import generate_artifacts
from infrahub_server.artifacts.definitions import DEFINITION_EDGE, DEFINITION_KIND, TARGET_EDGE, edge_peers
from infrahub_server.branches.schema_view import load_labels
from infrahub_server.proposed_changes.validators import (
    FAILURE,
    SUCCESS,
    CheckOutcome,
    ValidationInput,
    ValidatorOutcome,
    register_validator,
)
from infrahub_server.store import Reader, Snapshot

ARTIFACT_VALIDATOR = "CoreArtifactValidator"


def _artifacts(reader: Reader, definition_id: str) -> dict[str, dict[str, Any]]:
    """Per target, the id and values of its artefact of the definition."""
    artifact_ids = edge_peers(reader, DEFINITION_EDGE, [definition_id]).get(definition_id, [])
    targets = edge_peers(reader, TARGET_EDGE, artifact_ids)
    found = {}
    for artifact_id, record in reader.get_nodes(artifact_ids).items():
        values = {name: attribute.value for name, attribute in record.attributes.items()}
        for target_id in targets.get(artifact_id, []):
            found[target_id] = {"id": artifact_id, **values}
    return found


def _definitions(reader: Reader) -> dict[str, str]:
    ids = reader.find_node_ids([DEFINITION_KIND])
    return {
        node_id: str(record.attributes["name"].value) if "name" in record.attributes else node_id
        for node_id, record in reader.get_nodes(ids).items()
    }


def _check(
    label: str, artifact: dict[str, Any] | None, before: dict[str, Any] | None, error: str | None
) -> CheckOutcome:
    values: dict[str, Any] = {}
    if artifact is not None:
        values = {
            "changed": before is None or before.get("checksum") != artifact.get("checksum"),
            "checksum": artifact.get("checksum"),
            "artifact_id": artifact["id"],
            "storage_id": artifact.get("storage_id"),
        }
    return CheckOutcome(
        kind="CoreArtifactCheck",
        label=label,
        conclusion=FAILURE if error else SUCCESS,
        check_kind="ArtifactDiff",
        severity="error" if error else "info",
        message=error or "",
        values=values,
    )


def artifact_integrity(run: ValidationInput) -> list[ValidatorOutcome]:
    assert run.server is not None, "registered with needs_server"
    store, branch = run.store, run.change.source_branch
    with store.reader(Snapshot(branch)) as reader:
        definitions = _definitions(reader)
    outcomes = []
    for definition_id, name in sorted(definitions.items(), key=lambda item: item[1]):
        report = generate_artifacts(run.server, definition_id, branch=branch)
        with store.reader(Snapshot(branch)) as reader:
            after = _artifacts(reader, definition_id)
            labels = load_labels(run.schema, reader, set(after) | set(report.errors))
        with store.reader(Snapshot(store.default_branch)) as reader:
            before = _artifacts(reader, definition_id)
        targets = sorted(set(after) | set(report.errors))
        checks = [
            _check(
                f"{name} of {labels.get(target, target)}",
                after.get(target),
                before.get(target),
                report.errors.get(target),
            )
            for target in targets
        ]
        outcomes.append(
            ValidatorOutcome(
                ARTIFACT_VALIDATOR, f"Artifact Validator: {name}", checks, {"definition": definition_id}
            )
        )
    return outcomes


register_validator("ARTIFACT", (ARTIFACT_VALIDATOR,), artifact_integrity, needs_server=True)
