"""The versioned graph store: append-only rows with validity intervals per branch, on SQL.

store = Store.open("sqlite:///data.db")
with store.change_set("main", actor_id=None) as writer:
    device = writer.create_node("InfraDevice", attributes={"name": AttributeRecord("edge1")})
with store.reader(Snapshot("main")) as reader:
    reader.get_nodes([device])
"""

from infrahub_server.store.clock import new_id
from infrahub_server.store.reader import Reader
from infrahub_server.store.types import (
    GLOBAL_BRANCH,
    AnyAttributeFilter,
    AttributeFilter,
    AttributeRecord,
    BranchRecord,
    BranchScope,
    BranchStatus,
    ChangeSetInfo,
    EdgeRecord,
    EdgeSide,
    Filter,
    MetadataFilter,
    NodeRecord,
    OrderBy,
    RelationshipFilter,
    Snapshot,
)
from infrahub_server.store.versioned_store import Store
from infrahub_server.store.writer import Writer

__all__ = [
    "GLOBAL_BRANCH",
    "AnyAttributeFilter",
    "AttributeFilter",
    "AttributeRecord",
    "BranchRecord",
    "BranchScope",
    "BranchStatus",
    "ChangeSetInfo",
    "EdgeRecord",
    "EdgeSide",
    "Filter",
    "MetadataFilter",
    "NodeRecord",
    "OrderBy",
    "Reader",
    "RelationshipFilter",
    "Snapshot",
    "Store",
    "Writer",
    "new_id",
]
