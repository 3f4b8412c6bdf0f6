"""A proposed change as the rules, the pipeline and the merge read it, and its state writes.

Proposed changes are branch-agnostic: every branch sees the same ones, so they are read on the
default branch and written in change sets of the default branch (the store puts agnostic rows on
`-global-`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infrahub_server.errors import NodeNotFoundError
from infrahub_server.store import (
    AttributeFilter,
    AttributeRecord,
    NodeRecord,
    Reader,
    Snapshot,
    Store,
    Writer,
)

PROPOSED_CHANGE = "CoreProposedChange"

OPEN = "open"
MERGING = "merging"
MERGED = "merged"
CLOSED = "closed"
CANCELED = "canceled"


@dataclass(frozen=True, slots=True)
class ProposedChange:
    id: str
    name: str
    source_branch: str
    destination_branch: str
    state: str
    is_draft: bool
    created_by: str | None
    """The account that opened the change (the actor of the change set that created it)."""

    @classmethod
    def from_record(cls, record: NodeRecord) -> ProposedChange:
        def value(name: str, default: Any = None) -> Any:
            found = record.attributes.get(name)
            return default if found is None or found.value is None else found.value

        return cls(
            id=record.id,
            name=str(value("name", "")),
            source_branch=str(value("source_branch", "")),
            destination_branch=str(value("destination_branch", "")),
            state=str(value("state", OPEN)),
            is_draft=bool(value("is_draft", False)),
            created_by=record.created_by,
        )


def read_proposed_change(reader: Reader, change_id: str) -> ProposedChange:
    record = reader.get_nodes([change_id]).get(change_id)
    if record is None or record.kind != PROPOSED_CHANGE:
        raise NodeNotFoundError(
            f"Unable to find the proposed change {change_id}",
            data={"node_type": PROPOSED_CHANGE, "id": change_id},
        )
    return ProposedChange.from_record(record)


def load_proposed_change(store: Store, change_id: str) -> ProposedChange:
    with store.reader(Snapshot(store.default_branch)) as reader:
        return read_proposed_change(reader, change_id)


def changes_of_branch(reader: Reader, branch: str, states: tuple[str, ...]) -> list[ProposedChange]:
    """The proposed changes from `branch` whose state is one of `states`."""
    ids = reader.find_node_ids(
        [PROPOSED_CHANGE],
        [AttributeFilter("source_branch", "eq", branch), AttributeFilter("state", "in", list(states))],
    )
    return [ProposedChange.from_record(record) for record in reader.get_nodes(ids).values()]


def changes_in_state(reader: Reader, state: str) -> list[ProposedChange]:
    ids = reader.find_node_ids([PROPOSED_CHANGE], [AttributeFilter("state", "eq", state)])
    return [ProposedChange.from_record(record) for record in reader.get_nodes(ids).values()]


def write_state(writer: Writer, change_id: str, state: str) -> None:
    """Set the state directly: the transitions of a merge are the server's, not a user's update,
    so they do not go through the rules that refuse `merging` and `merged` from users."""
    writer.set_attributes(change_id, {"state": AttributeRecord(state)})


def set_state(store: Store, change_id: str, state: str, *, actor_id: str | None, message: str) -> None:
    with store.change_set(store.default_branch, actor_id=actor_id, message=message) as writer:
        write_state(writer, change_id, state)
