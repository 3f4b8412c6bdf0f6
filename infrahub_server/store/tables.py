"""The store's tables, in one metadata so migrations (Alembic) can be generated from it.

Versioned rows (`node`, `attribute`, `edge`, `schema_version`) are append-only: a change closes the
current row (`to_at`) and inserts a new one. Times are integer microseconds since the epoch (UTC);
`OPEN_END` marks a row that is still current. A row on a user branch with `deleted` set hides the
default branch's row with the same key (a tombstone).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

OPEN_END = 2**62
"""`to_at` of a current row: later than any real timestamp."""

metadata = MetaData()

# PostgreSQL collates text by locale unless told otherwise; ids and values must sort bytewise, as on
# SQLite, so that "order by id" is creation order and orderings agree on both databases.
Key = String(40).with_variant(String(40, collation="C"), "postgresql")
Name = String(255).with_variant(String(255, collation="C"), "postgresql")
SortableText = Text().with_variant(Text(collation="C"), "postgresql")
RowId = BigInteger().with_variant(Integer(), "sqlite")
Micros = BigInteger()

clock = Table(
    "store_clock",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("last_at", Micros, nullable=False),
)

branch = Table(
    "branch",
    metadata,
    Column("id", Key, primary_key=True),
    Column("name", Name, nullable=False, unique=True),
    Column("status", String(32), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("origin_branch", Name, nullable=False),
    Column("branched_from", Micros, nullable=False),
    Column("created_at", Micros, nullable=False),
    Column("is_default", Boolean, nullable=False, default=False),
    Column("sync_with_git", Boolean, nullable=False, default=False),
    Column("is_isolated", Boolean, nullable=False, default=True),
    Column("graph_version", Integer, nullable=True),
    Column("schema_hash", String(64), nullable=True),
)

change_set = Table(
    "change_set",
    metadata,
    Column("id", RowId, primary_key=True, autoincrement=True),
    Column("branch", Name, nullable=False),
    Column("at", Micros, nullable=False, unique=True),
    Column("actor_id", Key, nullable=True),
    Column("message", Text, nullable=True),
    Column("has_global", Boolean, nullable=False, default=False),
    Index("ix_change_set_branch", "branch", "id"),
    Index("ix_change_set_global", "has_global", "id"),
)


def _change_indexes(table: str) -> list[Index]:
    """Rows written (`from_cs`) and closed (`to_cs`) by a change set: diff and merge read a branch's
    changes through its change sets, at a cost proportional to the changes."""
    closed = text("to_cs IS NOT NULL")
    return [
        Index(f"ix_{table}_from_cs", "from_cs"),
        Index(f"ix_{table}_to_cs", "to_cs", sqlite_where=closed, postgresql_where=closed),
    ]


# The versioned tables are clustered by their key on SQLite (WITHOUT ROWID): the rows a batched read
# wants (all attributes of a node, all edges from a node) sit next to each other. A key has at most one
# row per branch and change set, so `from_at` completes the primary key.
node = Table(
    "node",
    metadata,
    Column("node_id", Key, primary_key=True),
    Column("branch", Name, primary_key=True),
    Column("from_at", Micros, primary_key=True),
    Column("to_at", Micros, nullable=False),
    Column("from_cs", RowId, nullable=False),
    Column("to_cs", RowId, nullable=True),
    Column("kind", Name, nullable=False),
    Column("scope", String(1), nullable=False),
    Column("deleted", Boolean, nullable=False),
    Index("ix_node_kind", "kind", "branch", "to_at", "node_id"),
    *_change_indexes("node"),
    sqlite_with_rowid=False,
)

attribute = Table(
    "attribute",
    metadata,
    Column("node_id", Key, primary_key=True),
    Column("name", Name, primary_key=True),
    Column("branch", Name, primary_key=True),
    Column("from_at", Micros, primary_key=True),
    Column("to_at", Micros, nullable=False),
    Column("from_cs", RowId, nullable=False),
    Column("to_cs", RowId, nullable=True),
    Column("kind", Name, nullable=False),
    Column("scope", String(1), nullable=False),
    Column("deleted", Boolean, nullable=False),
    # The value as JSON (NULL for None), plus typed copies that filters and orderings use in SQL:
    # `value_text` holds strings (and canonical JSON of lists and dicts), `value_num` numbers and bools.
    Column("value_json", Text, nullable=True),
    Column("value_text", SortableText, nullable=True),
    Column("value_num", Float, nullable=True),
    Column("is_default", Boolean, nullable=False),
    Column("is_protected", Boolean, nullable=False),
    Column("source_id", Key, nullable=True),
    Column("owner_id", Key, nullable=True),
    Index("ix_attribute_value", "name", "value_text", "kind"),
    *_change_indexes("attribute"),
    sqlite_with_rowid=False,
)

edge = Table(
    "edge",
    metadata,
    Column("source_id", Key, primary_key=True),
    Column("identifier", Name, primary_key=True),
    Column("destination_id", Key, primary_key=True),
    Column("branch", Name, primary_key=True),
    Column("from_at", Micros, primary_key=True),
    Column("to_at", Micros, nullable=False),
    Column("from_cs", RowId, nullable=False),
    Column("to_cs", RowId, nullable=True),
    Column("edge_id", Key, nullable=False),
    Column("scope", String(1), nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("is_protected", Boolean, nullable=False),
    Column("source_prop_id", Key, nullable=True),
    Column("owner_id", Key, nullable=True),
    Index("ix_edge_destination", "destination_id", "identifier", "branch", "to_at"),
    *_change_indexes("edge"),
    sqlite_with_rowid=False,
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("pk", RowId, primary_key=True, autoincrement=True),
    Column("branch", Name, nullable=False),
    Column("schema_hash", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("from_at", Micros, nullable=False),
    Column("to_at", Micros, nullable=False),
    Column("from_cs", RowId, nullable=False),
    Column("to_cs", RowId, nullable=True),
    Index("ix_schema_version_branch", "branch", "to_at"),
)

# --- branch work: stored diffs, conflict resolutions and merge claims -----------------------------

branch_diff = Table(
    "branch_diff",
    metadata,
    Column("branch", Name, primary_key=True),
    Column("name", Name, primary_key=True),
    Column("from_at", Micros, nullable=False),
    Column("to_at", Micros, nullable=False),
    Column("computed_at", Micros, nullable=False),
    Column("payload", Text, nullable=False),
)
"""The last computed diff of a branch under a name (the default diff is named after the branch)."""

diff_resolution = Table(
    "diff_resolution",
    metadata,
    Column("conflict_id", Key, primary_key=True),
    Column("branch", Name, nullable=False),
    Column("selected_branch", String(16), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("resolved_at", Micros, nullable=False),
    Index("ix_diff_resolution_branch", "branch"),
)
"""A conflict's recorded choice; it holds while the values in conflict match `fingerprint`."""

merge_claim = Table(
    "merge_claim",
    metadata,
    Column("branch", Name, primary_key=True),
    Column("owner", String(255), nullable=False),
    Column("started_at", Micros, nullable=False),
)
"""The branch being merged and by which process: writes to it and to the default branch wait."""
