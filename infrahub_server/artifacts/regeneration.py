"""Change-proportional regeneration: after a merge (or any set of changed nodes on a branch), only
the artefacts that can have changed are rendered again.

An artefact is affected when its last rendering read a changed node (`reads`), when its target
changed, or when its definition, transformation or query changed (then the whole definition is
regenerated). A changed node that belongs to a definition's targets group but has no artefact yet
(a new member) gets one.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from infrahub_server.artifacts.definitions import (
    DEFINITION_EDGE,
    DEFINITION_KIND,
    MEMBER_EDGE,
    TARGET_EDGE,
    edge_peers,
    read_transformation,
)
from infrahub_server.artifacts.generation import GenerationReport, generate_artifacts
from infrahub_server.artifacts.reads import artifacts_reading, prepare_reads_table
from infrahub_server.automation.lookup import peer_id
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Reader, Snapshot

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

ALL_TARGETS: None = None


def _definition_inputs(reader: Reader, schema: SchemaBranch, definition_id: str) -> set[str]:
    """The definition and the nodes that say how it renders: its transformation and query."""
    record = reader.get_nodes([definition_id]).get(definition_id)
    if record is None:
        return set()
    inputs = {definition_id}
    transformation_id = peer_id(reader, schema, record, "transformation")
    if transformation_id:
        inputs.add(transformation_id)
        inputs.add(read_transformation(reader, schema, transformation_id).query_id)
    return inputs


def affected_targets(
    server: ServerContext, branch: str, changed: Collection[str]
) -> dict[str, list[str] | None]:
    """Per definition id, the targets to render again (None: all of them). The work follows the
    changed nodes and the (few) definitions, never the number of artefacts."""
    changed_ids = sorted(set(changed))
    schema = server.schemas.for_branch_name(branch)
    if not changed_ids or not schema.has(DEFINITION_KIND):
        return {}
    prepare_reads_table(server.store.engine)
    changed_set = set(changed_ids)
    affected: dict[str, set[str] | None] = {}
    with server.store.reader(Snapshot(branch)) as reader:
        definitions_of_group: dict[str, list[str]] = {}
        for definition_id in reader.find_node_ids([DEFINITION_KIND]):
            if _definition_inputs(reader, schema, definition_id) & changed_set:
                affected[definition_id] = ALL_TARGETS
                continue
            record = reader.get_nodes([definition_id]).get(definition_id)
            group_id = peer_id(reader, schema, record, "targets") if record else None
            if group_id:
                definitions_of_group.setdefault(group_id, []).append(definition_id)
        pairs: set[tuple[str, str]] = set()
        for target_id, groups in edge_peers(reader, MEMBER_EDGE, changed_ids).items():
            pairs.update(
                (definition_id, target_id)
                for g in groups
                for definition_id in definitions_of_group.get(g, [])
            )
        stale = sorted(artifacts_reading(reader.connection, branch, changed_set))
        definitions = edge_peers(reader, DEFINITION_EDGE, stale)
        objects = edge_peers(reader, TARGET_EDGE, stale)
        for artifact_id in stale:
            pairs.update(
                (d, t) for d in definitions.get(artifact_id, []) for t in objects.get(artifact_id, [])
            )
    for definition_id, target_id in pairs:
        if definition_id in affected and affected[definition_id] is ALL_TARGETS:
            continue
        targets = affected.setdefault(definition_id, set())
        assert targets is not None
        targets.add(target_id)
    return {d: None if targets is None else sorted(targets) for d, targets in affected.items()}


def regenerate_changed(
    server: ServerContext, branch: str, changed: Collection[str], *, account_id: str | None = None
) -> list[GenerationReport]:
    """Render again the artefacts of `branch` that `changed` node ids can have altered."""
    return [
        generate_artifacts(server, definition_id, branch=branch, nodes=targets, account_id=account_id)
        for definition_id, targets in affected_targets(server, branch, changed).items()
    ]
