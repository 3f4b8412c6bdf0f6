"""Values that cross the store's boundary: snapshots, records, filters and orderings.

The store is schema-agnostic: it knows kinds (strings), attribute names and relationship
identifiers. Callers (node operations, GraphQL) translate the processed schema into these terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

GLOBAL_BRANCH = "-global-"

BranchScope = Literal["aware", "agnostic", "local"]
"""Where a kind's rows live: on the branch written to (`aware`, `local`) or on `-global-`."""

EdgeSide = Literal["source", "destination", "either"]
"""Which end of an edge the known node is on. Outbound relationships read with `source`, inbound
with `destination`, bidirectional with `either` (the peer is the other end)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A consistent view: `branch` as of `at` (None = now)."""

    branch: str
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ChangeSetInfo:
    id: int
    branch: str
    at: datetime
    actor_id: str | None
    message: str | None = None


@dataclass(slots=True)
class AttributeRecord:
    """One attribute value of a node, with its properties and change metadata."""

    value: Any
    is_default: bool = False
    is_protected: bool = False
    source_id: str | None = None
    owner_id: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None


@dataclass(slots=True)
class NodeRecord:
    id: str
    kind: str
    branch: str
    created_at: datetime
    created_by: str | None
    updated_at: datetime
    updated_by: str | None
    attributes: dict[str, AttributeRecord] = field(default_factory=dict)


@dataclass(slots=True)
class EdgeRecord:
    """A relationship instance: `identifier` between `source_id` and `destination_id`."""

    id: str
    identifier: str
    source_id: str
    destination_id: str
    branch: str
    is_protected: bool = False
    source_prop_id: str | None = None
    owner_id: str | None = None
    created_at: datetime | None = None
    created_by: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None


# --- Filters ---------------------------------------------------------------------------------

FilterOp = Literal["eq", "in", "isnull", "notnull", "contains", "icontains", "before", "after"]


@dataclass(frozen=True, slots=True)
class AttributeFilter:
    """`name` compared with `value`; `in` takes a list; text ops are case-sensitive unless `i`."""

    name: str
    op: FilterOp
    value: Any = None
    prop: Literal["value", "is_protected", "source_id", "owner_id"] = "value"


@dataclass(frozen=True, slots=True)
class AnyAttributeFilter:
    """Matches when any attribute of the node satisfies the comparison."""

    op: FilterOp
    value: Any = None
    prop: Literal["value", "is_protected", "source_id", "owner_id"] = "value"


@dataclass(frozen=True, slots=True)
class RelationshipFilter:
    """The node has (or, with `isnull`, lacks) a peer over `identifier` matching `peer_filters`.

    `peer_ids` restricts peers to those ids; `peer_kinds`, when set, restricts them to those kinds.
    """

    identifier: str
    side: EdgeSide
    peer_filters: tuple[Filter, ...] = ()
    peer_ids: tuple[str, ...] | None = None
    isnull: bool | None = None
    peer_kinds: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class MetadataFilter:
    field: Literal["created_at", "updated_at", "created_by", "updated_by"]
    op: FilterOp
    value: Any = None


Filter = AttributeFilter | AnyAttributeFilter | RelationshipFilter | MetadataFilter


@dataclass(frozen=True, slots=True)
class OrderBy:
    """Order by an attribute of the node (`path=("name",)`) or of a cardinality-one peer
    (`path=("site", "name")` with `via` the relationship identifier and side), or metadata."""

    attribute: str | None = None
    via: tuple[str, EdgeSide] | None = None
    metadata: Literal["created_at", "updated_at"] | None = None
    descending: bool = False


# --- Branches --------------------------------------------------------------------------------

BranchStatus = Literal[
    "OPEN", "NEED_REBASE", "NEED_UPGRADE_REBASE", "DELETING", "MERGING", "MERGE_FAILED", "MERGED"
]


@dataclass(slots=True)
class BranchRecord:
    """A branch as stored: `branched_from` is the instant main is read at (moved by rebase)."""

    id: str
    name: str
    status: BranchStatus
    description: str
    origin_branch: str
    branched_from: datetime
    created_at: datetime
    is_default: bool
    sync_with_git: bool
    is_isolated: bool
    graph_version: int | None
    schema_hash: str | None
