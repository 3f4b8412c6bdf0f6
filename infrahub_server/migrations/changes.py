"""A migration plan: the data changes a schema change needs, and the reasons it cannot be applied."""

from __future__ import annotations

from dataclasses import dataclass, field

from infrahub_server.errors import SchemaError
from infrahub_server.store.types import AttributeRecord


@dataclass(frozen=True, slots=True)
class AttributeWrite:
    """Give `name` of `node_id` a new record: a default or a converted value."""

    node_id: str
    name: str
    record: AttributeRecord


@dataclass(frozen=True, slots=True)
class AttributeRemoval:
    """The value of an attribute the schema no longer has."""

    node_id: str
    name: str


@dataclass(frozen=True, slots=True)
class EdgeRemoval:
    identifier: str
    source_id: str
    destination_id: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why the schema cannot be applied: `count` objects of `kind` stand in the way at `field`."""

    kind: str
    field: str
    count: int
    reason: str

    @property
    def message(self) -> str:
        noun, verb = ("object", "has") if self.count == 1 else ("objects", "have")
        return f"{self.count} {noun} of kind {self.kind} {self.reason.format(verb=verb)}"


@dataclass(slots=True)
class MigrationPlan:
    branch: str
    attribute_writes: list[AttributeWrite] = field(default_factory=list)
    attribute_removals: list[AttributeRemoval] = field(default_factory=list)
    edge_removals: list[EdgeRemoval] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.attribute_writes or self.attribute_removals or self.edge_removals)

    def refuse(self, kind: str, field: str, count: int, reason: str) -> None:
        """Record a refusal when objects stand in the way; `reason` may use `{verb}` (has/have)."""
        if count:
            self.refusals.append(Refusal(kind, field, count, reason))

    def raise_refusals(self) -> None:
        if not self.refusals:
            return
        message = "Unable to apply the schema: " + "; ".join(refusal.message for refusal in self.refusals)
        raise SchemaError(
            message,
            data={
                "refusals": [
                    {"kind": item.kind, "field": item.field, "count": item.count, "message": item.message}
                    for item in self.refusals
                ]
            },
        )
