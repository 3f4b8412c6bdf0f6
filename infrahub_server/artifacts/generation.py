"""Generating the artefacts of one definition on one branch.

One `CoreArtifact` per (definition, target member of the targets group). Each target is rendered
(`rendering`), its content stored in object storage, and the artefact created or updated with
status, checksum, storage id, content type and parameters. Content whose checksum has not changed
is not written again. A target whose query or transformation fails gets status `Error` and the
others go on. A full pass (no `nodes`) also deletes the artefacts whose target left the group.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infrahub_server.artifacts.definitions import (
    ARTIFACT_KIND,
    DEFINITION_EDGE,
    MEMBER_EDGE,
    TARGET_EDGE,
    ArtifactDefinition,
    edge_peers,
    group_members,
    read_definition,
    target_variables,
)
from infrahub_server.artifacts.reads import prepare_reads_table, replace_reads
from infrahub_server.artifacts.records import ArtifactRecords
from infrahub_server.artifacts.rendering import Rendered, TargetRenderer
from infrahub_server.errors import InfrahubError
from infrahub_server.nodes import NodeService
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.storage import ObjectStorage, object_storage
from infrahub_server.store import Reader, Snapshot
from infrahub_server.store.engine import write_transaction

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

logger = logging.getLogger(__name__)

_WRITE_BATCH = 500
_RENDER_BATCH = 500
_ARTIFACT_ATTRIBUTES = ["name", "status", "checksum", "storage_id", "content_type", "parameters"]


@dataclass(slots=True)
class GenerationReport:
    definition_id: str
    definition_name: str
    branch: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    """Per failed target id, why it failed."""

    @property
    def rendered(self) -> int:
        return self.created + self.updated + self.unchanged + self.failed

    def as_result(self) -> dict[str, Any]:
        return {
            "definition": self.definition_id,
            "branch": self.branch,
            "rendered": self.rendered,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "deleted": self.deleted,
            "errors": self.errors,
        }


@dataclass(frozen=True, slots=True)
class _Existing:
    id: str
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Plan:
    definition: ArtifactDefinition
    targets: list[str]
    variables: dict[str, dict[str, Any]]
    existing: dict[str, _Existing]
    """Per target id, its current artefact of this definition."""
    stale: list[str]
    """Artefacts to delete: their target is no longer in the group."""


def _existing_artifacts(reader: Reader, artifact_ids: list[str], definition_id: str) -> dict[str, _Existing]:
    """Per target, its artefact of the definition among `artifact_ids`."""
    definitions = edge_peers(reader, DEFINITION_EDGE, artifact_ids)
    ours = [artifact_id for artifact_id in artifact_ids if definition_id in definitions.get(artifact_id, [])]
    objects = edge_peers(reader, TARGET_EDGE, ours)
    existing: dict[str, _Existing] = {}
    for artifact_id, record in reader.get_nodes(ours, _ARTIFACT_ATTRIBUTES).items():
        values = {name: attribute.value for name, attribute in record.attributes.items()}
        for target_id in objects.get(artifact_id, []):
            existing[target_id] = _Existing(artifact_id, values)
    return existing


def _full_plan(reader: Reader, schema: SchemaBranch, definition: ArtifactDefinition) -> _Plan:
    members = group_members(reader, schema, definition.targets_group_id)
    artifact_ids = edge_peers(reader, DEFINITION_EDGE, [definition.id]).get(definition.id, [])
    existing = _existing_artifacts(reader, artifact_ids, definition.id)
    member_set = set(members)
    stale = [found.id for target_id, found in existing.items() if target_id not in member_set]
    variables = target_variables(reader, schema, definition.parameters, members)
    return _Plan(definition, [t for t in members if t in variables], variables, existing, stale)


def _selective_plan(
    reader: Reader, schema: SchemaBranch, definition: ArtifactDefinition, nodes: list[str]
) -> _Plan:
    """Only the targets among `nodes` (the SDK's artifact_generate sends artefact ids, Ansible and the
    UI target ids) that are members of the targets group: work in proportion to `nodes`."""
    kinds = reader.kinds_of(nodes)
    given_artifacts = [node_id for node_id in nodes if kinds.get(node_id) == ARTIFACT_KIND]
    wanted = {node_id for node_id in nodes if kinds.get(node_id) not in (None, ARTIFACT_KIND)}
    for found in edge_peers(reader, TARGET_EDGE, given_artifacts).values():
        wanted.update(found)
    groups = edge_peers(reader, MEMBER_EDGE, sorted(wanted))
    targets = sorted(t for t in wanted if definition.targets_group_id in groups.get(t, []))
    artifact_ids = [a for found in edge_peers(reader, TARGET_EDGE, targets).values() for a in found]
    existing = _existing_artifacts(reader, artifact_ids, definition.id)
    variables = target_variables(reader, schema, definition.parameters, targets)
    return _Plan(definition, [t for t in targets if t in variables], variables, existing, [])


def _plan(reader: Reader, schema: SchemaBranch, name_or_id: str, nodes: list[str] | None) -> _Plan:
    definition = read_definition(reader, schema, name_or_id)
    if nodes:
        return _selective_plan(reader, schema, definition, nodes)
    return _full_plan(reader, schema, definition)


def generate_artifacts(
    server: ServerContext,
    definition: str,
    *,
    branch: str,
    nodes: list[str] | None = None,
    account_id: str | None = None,
) -> GenerationReport:
    """Render the artefacts of `definition` (name or id) on `branch`, for the targets among `nodes`
    (target or artefact ids) or for every member of the targets group. Blocking: database work,
    rendering and, for Python transforms, subprocesses."""
    schema = server.schemas.for_branch_name(branch)
    with server.store.reader(Snapshot(branch)) as reader:
        plan = _plan(reader, schema, definition, nodes)
    report = GenerationReport(plan.definition.id, plan.definition.name, branch)
    outcomes: dict[str, Rendered | InfrahubError] = {}
    if plan.targets:
        try:
            renderer = TargetRenderer(server, plan.definition, branch=branch, account_id=account_id)
        except InfrahubError as error:
            outcomes = dict.fromkeys(plan.targets, error)
        else:
            for start in range(0, len(plan.targets), _RENDER_BATCH):
                chunk = plan.targets[start : start + _RENDER_BATCH]
                renderer.prefetch({target_id: plan.variables[target_id] for target_id in chunk})
                for target_id in chunk:
                    try:
                        outcomes[target_id] = renderer.render(target_id, plan.variables[target_id])
                    except InfrahubError as error:
                        outcomes[target_id] = error
    _write(server, schema, plan, outcomes, report, account_id)
    logger.info(
        "artifacts of %s on %s: %d created, %d updated, %d unchanged, %d failed, %d deleted",
        plan.definition.name,
        branch,
        report.created,
        report.updated,
        report.unchanged,
        report.failed,
        report.deleted,
    )
    return report


@dataclass(frozen=True, slots=True)
class _Change:
    target_id: str
    artifact_id: str | None
    """None: the artefact is created."""
    values: dict[str, Any]
    """The attributes to write; empty when the artefact is unchanged."""
    read_ids: frozenset[str] | None
    """What the rendering read; None when it failed."""


def _decide(
    plan: _Plan,
    target_id: str,
    outcome: Rendered | InfrahubError,
    storage: ObjectStorage,
    report: GenerationReport,
) -> _Change:
    definition = plan.definition
    wanted: dict[str, Any] = {
        "name": definition.artifact_name,
        "content_type": definition.content_type,
        "parameters": plan.variables.get(target_id, {}),
    }
    read_ids = None
    if isinstance(outcome, Rendered):
        stored = storage.store(outcome.content.encode())
        wanted.update(status="Ready", checksum=stored.checksum, storage_id=stored.identifier)
        read_ids = outcome.read_ids | {target_id}
    else:
        report.failed += 1
        report.errors[target_id] = outcome.message
        wanted["status"] = "Error"
    found = plan.existing.get(target_id)
    if found is None:
        report.created += read_ids is not None
        return _Change(target_id, None, wanted, read_ids)
    changed = {name: value for name, value in wanted.items() if found.values.get(name) != value}
    if read_ids is not None:
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1
    return _Change(target_id, found.id, changed, read_ids)


def _write(
    server: ServerContext,
    schema: SchemaBranch,
    plan: _Plan,
    outcomes: dict[str, Rendered | InfrahubError],
    report: GenerationReport,
    account_id: str | None,
) -> None:
    """Write what changed in change sets of `_WRITE_BATCH` artefacts; unchanged artefacts only get
    their reads refreshed (outside the versioned store: no change set, no new history)."""
    storage = object_storage(server.settings)
    prepare_reads_table(server.store.engine)
    changes = [_decide(plan, target_id, outcome, storage, report) for target_id, outcome in outcomes.items()]
    for start in range(0, max(len(changes), 1), _WRITE_BATCH):
        batch = changes[start : start + _WRITE_BATCH]
        doomed = plan.stale if start == 0 else []
        writes = [change for change in batch if change.values]
        reads = {c.artifact_id: c.read_ids for c in batch if c.artifact_id and c.read_ids and not c.values}
        if not writes and not doomed:
            if reads:
                with write_transaction(server.store.engine) as connection:
                    replace_reads(connection, report.branch, reads)
            continue
        message = f"Generate artifacts {plan.definition.name}"
        with server.store.change_set(report.branch, actor_id=account_id, message=message) as writer:
            service = NodeService(schema, writer)
            records = ArtifactRecords(schema, writer)
            for change in writes:
                artifact_id = _save(records, plan.definition.id, change)
                if change.read_ids is not None:
                    reads[artifact_id] = change.read_ids
            for artifact_id in doomed:
                service.delete(ARTIFACT_KIND, {"id": artifact_id})
                report.deleted += 1
            replace_reads(writer.connection, report.branch, reads)


def _save(records: ArtifactRecords, definition_id: str, change: _Change) -> str:
    if change.artifact_id is not None:
        records.update(change.artifact_id, change.values)
        return change.artifact_id
    return records.create(change.target_id, definition_id, change.values)
