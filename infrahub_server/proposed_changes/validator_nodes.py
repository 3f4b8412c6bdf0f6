"""The validator nodes of a proposed change as recorded: each validator's kind, label, state,
conclusion and start, and the peers of a node over one relationship."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from infrahub_server.nodes.edges import edge_side, peer_of
from infrahub_server.proposed_changes.records import PROPOSED_CHANGE
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Reader


@dataclass(frozen=True, slots=True)
class ValidatorState:
    id: str
    kind: str
    label: str
    state: str
    conclusion: str
    started_at: datetime | None


def peers_over(reader: Reader, schema: SchemaBranch, kind: str, node_id: str, relationship: str) -> list[str]:
    """The ids of the peers of `node_id` over one of its kind's relationships."""
    rel = schema.get(kind).get_relationship(relationship)
    assert rel is not None, f"{kind} has no relationship {relationship}"
    edges = reader.get_edges(rel.identifier or "", [node_id], edge_side(rel)).get(node_id, [])
    return list(dict.fromkeys(peer_of(edge, node_id) for edge in edges))


def validators_of(reader: Reader, schema: SchemaBranch, change_id: str) -> list[ValidatorState]:
    ids = peers_over(reader, schema, PROPOSED_CHANGE, change_id, "validations")
    found = []
    for record in reader.get_nodes(ids).values():
        values = {name: attribute.value for name, attribute in record.attributes.items()}
        started = values.get("started_at")
        found.append(
            ValidatorState(
                id=record.id,
                kind=record.kind,
                label=str(values.get("label") or ""),
                state=str(values.get("state") or ""),
                conclusion=str(values.get("conclusion") or ""),
                started_at=datetime.fromisoformat(started) if started else None,
            )
        )
    return sorted(found, key=lambda validator: (validator.kind, validator.label))
