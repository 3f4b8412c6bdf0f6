"""Branch-agnostic bookkeeping beside the versioned store, written in the same transactions.

`ipam_occupancy`: every prefix and address on every branch, as a span with sortable hex keys, so
"what is used inside this resource, on any branch" is one range scan. A row is keyed by branch and
node: deleting a node on a branch removes that branch's row only.

`pool_allocation`: one row per (pool, identifier), the value handed out and the node holding it.
The unique index on (pool, value) is the last line of defence against handing a value out twice.

`pool_hint`: where the last search of a pool resource (or of a number pool, member `number`)
stopped; everything before it was in use. Removing an occupancy row inside a resource, releasing a
number or changing a number pool forgets the hints concerned.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table
from sqlalchemy.engine import Connection

from infrahub_server.store.tables import Key, Name

metadata = MetaData()

HexKey = String(32).with_variant(String(32, collation="C"), "postgresql")

occupancy = Table(
    "ipam_occupancy",
    metadata,
    Column("branch", Name, primary_key=True),
    Column("node_id", Key, primary_key=True),
    Column("namespace_id", Key, nullable=False),
    Column("member", String(8), nullable=False),
    Column("version", Integer, nullable=False),
    Column("first", HexKey, nullable=False),
    Column("last", HexKey, nullable=False),
    Column("prefixlen", Integer, nullable=False),
    Index("ix_ipam_occupancy_range", "namespace_id", "version", "last", "first"),
    Index("ix_ipam_occupancy_node", "node_id"),
)

allocation = Table(
    "pool_allocation",
    metadata,
    Column("pool_id", Key, primary_key=True),
    Column("identifier", String(255), primary_key=True),
    Column("value", String(64), nullable=False),
    Column("number", BigInteger, nullable=True),
    Column("node_id", Key, nullable=True),
    Column("branch", Name, nullable=False),
    Index("ux_pool_allocation_value", "pool_id", "value", unique=True),
    Index("ix_pool_allocation_number", "pool_id", "number"),
    Index("ix_pool_allocation_node", "node_id"),
)

hint = Table(
    "pool_hint",
    metadata,
    Column("resource_id", Key, primary_key=True),
    Column("member", String(8), primary_key=True),
    Column("prefixlen", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("first", HexKey, nullable=False),
    Column("last", HexKey, nullable=False),
    Column("cursor", HexKey, nullable=False),
)


def create_tables(connection: Connection) -> None:
    """Create the tables if missing; part of the first-start preparation."""
    metadata.create_all(connection, checkfirst=True)
