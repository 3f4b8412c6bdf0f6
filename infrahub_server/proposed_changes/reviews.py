"""Reviews (`CoreProposedChangeReview`): approve, reject and cancel either, recorded as the
read-only `approved_by` / `rejected_by` relationships of the proposed change; and the revocation
of approvals given before the source branch last changed."""

from __future__ import annotations

import logging

from infrahub_server.errors import ValidationError
from infrahub_server.nodes.edges import edge_ends, edge_scope, edge_side, peer_of
from infrahub_server.proposed_changes.activity import branch_changed_at
from infrahub_server.proposed_changes.records import (
    OPEN,
    PROPOSED_CHANGE,
    ProposedChange,
    read_proposed_change,
)
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import EdgeRecord, Reader, Snapshot, Store, Writer

logger = logging.getLogger(__name__)

APPROVE, REJECT, CANCEL_APPROVE, CANCEL_REJECT = "APPROVE", "REJECT", "CANCEL_APPROVE", "CANCEL_REJECT"
DECISIONS = (APPROVE, REJECT, CANCEL_APPROVE, CANCEL_REJECT)
APPROVED_BY, REJECTED_BY = "approved_by", "rejected_by"


def review_edges(reader: Reader, schema: SchemaBranch, change_id: str, relationship: str) -> list[EdgeRecord]:
    rel = schema.get(PROPOSED_CHANGE).get_relationship(relationship)
    assert rel is not None
    return reader.get_edges(rel.identifier or "", [change_id], edge_side(rel)).get(change_id, [])


def reviewers(reader: Reader, schema: SchemaBranch, change_id: str, relationship: str) -> list[str]:
    """The accounts in `approved_by` or `rejected_by`."""
    edges = review_edges(reader, schema, change_id, relationship)
    return list(dict.fromkeys(peer_of(edge, change_id) for edge in edges))


def _link(
    writer: Writer, schema: SchemaBranch, change_id: str, relationship: str, account_id: str, add: bool
) -> None:
    node_schema = schema.get(PROPOSED_CHANGE)
    rel = node_schema.get_relationship(relationship)
    assert rel is not None
    source, destination = edge_ends(rel, change_id, account_id)
    if add:
        writer.add_edge(rel.identifier or "", source, destination, scope=edge_scope(rel, node_schema))
    else:
        writer.remove_edge(rel.identifier or "", source, destination)


def review(
    store: Store, schema: SchemaBranch, change_id: str, decision: str, *, account_id: str | None
) -> ProposedChange:
    """Record `account_id`'s decision on an open proposed change it did not create."""
    if decision not in DECISIONS:
        raise ValidationError(
            f"decision must be one of {', '.join(DECISIONS)}",
            data={"field_name": "decision", "value": decision},
        )
    if account_id is None:
        raise ValidationError("A review needs an authenticated account", data={"field_name": "decision"})
    message = f"Review proposed change: {decision}"
    with store.change_set(store.default_branch, actor_id=account_id, message=message) as writer:
        change = read_proposed_change(writer, change_id)
        if change.state != OPEN:
            raise ValidationError(
                f"The proposed change '{change.name}' is {change.state}: it can no longer be reviewed",
                data={"id": change_id, "state": change.state},
            )
        if change.created_by == account_id:
            raise ValidationError(
                f"You cannot review your own proposed change '{change.name}'",
                data={"id": change_id, "account": account_id},
            )
        approved = account_id in reviewers(writer, schema, change_id, APPROVED_BY)
        rejected = account_id in reviewers(writer, schema, change_id, REJECTED_BY)
        if decision == APPROVE:
            _link(writer, schema, change_id, REJECTED_BY, account_id, add=False)
            if not approved:
                _link(writer, schema, change_id, APPROVED_BY, account_id, add=True)
        elif decision == REJECT:
            _link(writer, schema, change_id, APPROVED_BY, account_id, add=False)
            if not rejected:
                _link(writer, schema, change_id, REJECTED_BY, account_id, add=True)
        else:
            relationship = APPROVED_BY if decision == CANCEL_APPROVE else REJECTED_BY
            if account_id not in reviewers(writer, schema, change_id, relationship):
                noun = "approval" if decision == CANCEL_APPROVE else "rejection"
                raise ValidationError(
                    f"You have no {noun} to cancel on the proposed change '{change.name}'",
                    data={"id": change_id, "decision": decision},
                )
            _link(writer, schema, change_id, relationship, account_id, add=False)
    return change


def revoke_outdated_approvals(
    store: Store, schema: SchemaBranch, change: ProposedChange, *, actor_id: str | None = None
) -> list[str]:
    """Remove the approvals given before the source branch's newest change; returns the accounts."""
    changed_at = branch_changed_at(store, change.source_branch)
    with store.reader(Snapshot(store.default_branch)) as reader:
        outdated = [
            peer_of(edge, change.id)
            for edge in review_edges(reader, schema, change.id, APPROVED_BY)
            if edge.created_at is not None and edge.created_at < changed_at
        ]
    if not outdated:
        return []
    message = f"Revoke approvals of proposed change {change.name}"
    with store.change_set(store.default_branch, actor_id=actor_id, message=message) as writer:
        for account_id in outdated:
            _link(writer, schema, change.id, APPROVED_BY, account_id, add=False)
    logger.info("revoked %d approvals of %s: its branch changed", len(outdated), change.name)
    return outdated
