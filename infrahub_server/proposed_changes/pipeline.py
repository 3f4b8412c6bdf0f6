"""The validator pipeline of a proposed change: refresh the source branch's diff, run the
registered validators and record what they found as validator nodes with their checks.

It runs when a proposed change is created, on `CoreProposedChangeRunCheck`, and before a merge
when the source branch changed since the validators started (`validation_is_stale`). Runs are
synchronous here; `run_pipeline` is the unit a task queue can run.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from infrahub_server.branches import update_diff
from infrahub_server.errors import ValidationError
from infrahub_server.nodes.service import NodeService
from infrahub_server.proposed_changes import artifact_validation as _artifacts  # noqa: F401  (registers ARTIFACT)
from infrahub_server.proposed_changes import integrity as _integrity  # noqa: F401  (registers DATA, SCHEMA)
from infrahub_server.proposed_changes.activity import branch_changed_at
from infrahub_server.proposed_changes.decisions import record_decisions
from infrahub_server.proposed_changes.records import (
    OPEN,
    ProposedChange,
    load_proposed_change,
)
from infrahub_server.proposed_changes.validator_nodes import validators_of
from infrahub_server.proposed_changes.validators import (
    FAILURE,
    CheckOutcome,
    RegisteredValidator,
    ValidationInput,
    ValidatorOutcome,
    registered_validators,
)
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Snapshot, Store
from infrahub_server.store.clock import from_micros, now_micros

if TYPE_CHECKING:
    from infrahub_server.api.context import ServerContext

logger = logging.getLogger(__name__)


def run_pipeline(
    store: Store,
    schema: SchemaBranch,
    change_id: str,
    *,
    check_type: str = "ALL",
    actor_id: str | None = None,
    server: ServerContext | None = None,
) -> list[str]:
    """Run the validators of `check_type` (ALL: every registered one) on an open proposed change,
    replacing what they recorded before; returns the new validators' ids. Without `server`, the
    runners that need it (artefacts) do not run."""
    change = load_proposed_change(store, change_id)
    if change.state != OPEN:
        raise ValidationError(
            f"The proposed change '{change.name}' is {change.state}: its checks no longer run",
            data={"id": change_id, "state": change.state},
        )
    runners = [r for r in registered_validators(check_type) if server is not None or not r.needs_server]
    if not runners:
        return []
    # Decisions live on the checks about to be replaced: keep them as conflict resolutions first.
    record_decisions(store, schema, change_id)
    started = now_micros()
    diff = update_diff(store, change.source_branch)
    run = ValidationInput(store, schema, change, diff, server)
    outcomes = [outcome for registered in runners for outcome in _run(registered, run)]
    completed = now_micros()
    replaced = {kind for registered in runners for kind in registered.validator_kinds}
    message = f"Validate proposed change {change.name}"
    with store.change_set(store.default_branch, actor_id=actor_id, message=message) as writer:
        service = NodeService(schema, writer)
        for validator in validators_of(writer, schema, change_id):
            if validator.kind in replaced:
                service.delete(validator.kind, {"id": validator.id})
        ids = [_record(service, change_id, outcome, started, completed) for outcome in outcomes]
    logger.info(
        "validated proposed change %s (%s): %s",
        change.name,
        check_type,
        ", ".join(f"{outcome.label} {outcome.conclusion}" for outcome in outcomes),
    )
    return ids


def _needs_peers(schema: SchemaBranch, kind: str) -> bool:
    return any(not rel.optional and rel.name != "proposed_change" for rel in schema.get(kind).relationships)


def _run(registered: RegisteredValidator, run: ValidationInput) -> list[ValidatorOutcome]:
    """A runner that breaks fails its own validator rather than the pipeline, where that validator
    can be recorded without the peers only the runner knows."""
    try:
        return registered.run(run)
    except Exception as exc:
        logger.exception("the %s validator of %s failed", registered.check_type, run.change.name)
        if _needs_peers(run.schema, registered.validator_kinds[0]):
            raise
        failure = CheckOutcome(
            kind="CoreStandardCheck",
            label=f"{registered.check_type.capitalize()} validator error",
            conclusion=FAILURE,
            check_kind="ValidatorError",
            severity="critical",
            message=str(exc),
        )
        label = f"{registered.check_type.capitalize()} validator"
        return [ValidatorOutcome(registered.validator_kinds[0], label, [failure], failed=True)]


def _iso(micros: int) -> str:
    return from_micros(micros).isoformat()


def _record(
    service: NodeService, change_id: str, outcome: ValidatorOutcome, started: int, completed: int
) -> str:
    validator_id = service.create(
        outcome.kind,
        {
            "label": {"value": outcome.label},
            "state": {"value": "completed"},
            "conclusion": {"value": outcome.conclusion},
            "started_at": {"value": _iso(started)},
            "completed_at": {"value": _iso(completed)},
            "proposed_change": {"id": change_id},
            **{name: {"id": peer_id} for name, peer_id in outcome.peers.items()},
        },
    )
    for check in outcome.checks:
        service.create(
            check.kind,
            {
                "validator": {"id": validator_id},
                "label": {"value": check.label},
                "origin": {"value": "internal"},
                "kind": {"value": check.check_kind},
                "conclusion": {"value": check.conclusion},
                "severity": {"value": check.severity},
                "message": {"value": check.message},
                "created_at": {"value": _iso(completed)},
                **{name: {"value": value} for name, value in check.values.items()},
            },
        )
    return validator_id


def validation_is_stale(store: Store, schema: SchemaBranch, change: ProposedChange) -> bool:
    """True when the built-in validators never ran, or the source branch changed since they started."""
    with store.reader(Snapshot(store.default_branch)) as reader:
        validators = validators_of(reader, schema, change.id)
    started = [validator.started_at for validator in validators if validator.started_at is not None]
    if not started:
        return True
    return branch_changed_at(store, change.source_branch) > min(started)
