"""Conflict decisions: a data check's `keep_branch` (`source` or `target`) is recorded as the
resolution of its conflict (`ResolveDiffConflict`'s store), which the branch merge follows and
which survives the pipeline replacing the check with a new one."""

from __future__ import annotations

from typing import Any

from infrahub_server.branches import resolve_conflict
from infrahub_server.errors import NodeNotFoundError
from infrahub_server.proposed_changes.integrity import DATA_VALIDATOR, SELECTED_BRANCH
from infrahub_server.proposed_changes.validator_nodes import peers_over, validators_of
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Reader, Snapshot, Store


def data_checks(reader: Reader, schema: SchemaBranch, change_id: str) -> list[dict[str, Any]]:
    """The attribute values of every `CoreDataCheck` of the change's data validators."""
    validator_ids = [v.id for v in validators_of(reader, schema, change_id) if v.kind == DATA_VALIDATOR]
    check_ids = [
        check_id
        for validator_id in validator_ids
        for check_id in peers_over(reader, schema, DATA_VALIDATOR, validator_id, "checks")
    ]
    return [
        {name: attribute.value for name, attribute in record.attributes.items()}
        for record in reader.get_nodes(check_ids).values()
        if record.kind == "CoreDataCheck"
    ]


def record_decisions(store: Store, schema: SchemaBranch, change_id: str) -> int:
    """Record every decided data check's choice as its conflict's resolution; returns how many."""
    with store.reader(Snapshot(store.default_branch)) as reader:
        checks = data_checks(reader, schema, change_id)
    recorded = 0
    for check in checks:
        keep, conflict_id = check.get("keep_branch"), check.get("enriched_conflict_id")
        if keep in SELECTED_BRANCH and conflict_id:
            try:
                resolve_conflict(store, str(conflict_id), SELECTED_BRANCH[str(keep)])
            except NodeNotFoundError:
                continue  # the conflict is gone from the branch's diff: nothing left to decide
            recorded += 1
    return recorded
