"""The rules of `CoreProposedChange` writes (section 5), enforced before anything is written.

- created `open`, from an existing, unmerged branch into the default branch (source != destination);
- one open proposed change per source branch;
- once not `open`, no update, except `closed` -> `open` (the rules above apply again) or `canceled`;
- `merging` and `merged` are set by the merge itself (`CoreProposedChangeMerge`), never by an update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infrahub_server.errors import BranchNotFoundError, ValidationError
from infrahub_server.nodes.inputs import MISSING
from infrahub_server.nodes.kind_hooks import KindHooks, register_kind_hooks
from infrahub_server.proposed_changes.records import (
    CANCELED,
    CLOSED,
    MERGED,
    MERGING,
    OPEN,
    PROPOSED_CHANGE,
    ProposedChange,
    changes_of_branch,
    read_proposed_change,
)
from infrahub_server.store import Writer
from infrahub_server.store.branches import get_branch_row

if TYPE_CHECKING:
    from infrahub_server.nodes.inputs import NodeInput
    from infrahub_server.nodes.service import NodeService
    from infrahub_server.schema.models import KindSchema

_STATES = (OPEN, MERGING, MERGED, CLOSED, CANCELED)


def _refuse(message: str, field: str, value: Any = None) -> ValidationError:
    return ValidationError(message, data={"node_kind": PROPOSED_CHANGE, "field_name": field, "value": value})


def _sent(node_input: NodeInput) -> dict[str, Any]:
    return {name: given.value for name, given in node_input.attributes.items() if given.value is not MISSING}


def check_branches(writer: Writer, source: str, destination: str) -> None:
    """The source exists and can still be merged; the destination is the default branch."""
    if source == destination:
        raise _refuse(
            "The source and the destination branch of a proposed change must differ", "source_branch", source
        )
    source_record = get_branch_row(writer.connection, source)
    if source_record is None:
        raise BranchNotFoundError(f"Branch: {source} not found.", data={"branch": source})
    if source_record.is_default:
        raise _refuse(
            "The source branch of a proposed change cannot be the default branch", "source_branch", source
        )
    if source_record.status in ("MERGED", "MERGING", "DELETING"):
        raise _refuse(
            f"The branch '{source}' is {source_record.status.lower()}: it cannot be proposed for merge",
            "source_branch",
            source,
        )
    destination_record = get_branch_row(writer.connection, destination)
    if destination_record is None or not destination_record.is_default:
        raise _refuse(
            f"The destination branch of a proposed change must be the default branch, not '{destination}'",
            "destination_branch",
            destination,
        )


def check_single_open(writer: Writer, source: str, change_id: str | None) -> None:
    others = [change for change in changes_of_branch(writer, source, (OPEN,)) if change.id != change_id]
    if others:
        raise _refuse(
            f"The branch '{source}' already has an open proposed change: '{others[0].name}' ({others[0].id})",
            "source_branch",
            source,
        )


class ProposedChangeRules(KindHooks):
    kinds = frozenset({PROPOSED_CHANGE})

    def before_write(
        self, service: NodeService, schema: KindSchema, node_id: str | None, node_input: NodeInput
    ) -> None:
        sent = _sent(node_input)
        state = sent.get("state")
        if state is not None and state not in _STATES:
            raise _refuse(f"state must be one of {', '.join(_STATES)}", "state", state)
        writer = service.writer
        if node_id is None:
            if state not in (None, OPEN):
                raise _refuse("A proposed change is created in state open", "state", state)
            source, destination = sent.get("source_branch"), sent.get("destination_branch")
            if source and destination:  # when missing, the mandatory check names the field
                check_branches(writer, str(source), str(destination))
                check_single_open(writer, str(source), None)
            return
        current = read_proposed_change(writer, node_id)
        if current.state != OPEN:
            _check_reopening(writer, current, sent, node_input)
            return
        if state in (MERGING, MERGED):
            raise _refuse(
                "A proposed change is merged with CoreProposedChangeMerge (or an update of state to merged)",
                "state",
                state,
            )
        if "source_branch" in sent or "destination_branch" in sent:
            source = str(sent.get("source_branch", current.source_branch))
            check_branches(writer, source, str(sent.get("destination_branch", current.destination_branch)))
            check_single_open(writer, source, node_id)


def _check_reopening(
    writer: Writer, change: ProposedChange, sent: dict[str, Any], node_input: NodeInput
) -> None:
    others = (set(sent) | set(node_input.relationships)) - {"state"}
    target = sent.get("state")
    if change.state != CLOSED or others or target not in (OPEN, CANCELED, CLOSED):
        raise _refuse(
            f"The proposed change '{change.name}' is {change.state}: it can no longer be updated"
            + (" (a closed change may only be reopened or canceled)" if change.state == CLOSED else ""),
            "state",
            target,
        )
    if target == OPEN:
        check_branches(writer, change.source_branch, change.destination_branch)
        check_single_open(writer, change.source_branch, change.id)


RULES = register_kind_hooks(ProposedChangeRules())
