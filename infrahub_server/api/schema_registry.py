"""The processed schema of each branch, as the running server sees it.

The store keeps every branch's processed schema (the `GET /api/schema` payload) and the branch
row carries its hash. Processed schemas are cached here by hash, so a request costs one hash
comparison, and a schema loaded by another server process is picked up on its next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

from infrahub_server.errors import BranchNotFoundError
from infrahub_server.migrations import MigrationPlan, apply_schema_migration, plan_schema_migration
from infrahub_server.schema import core_schema
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import BranchRecord, Snapshot, Store

_CACHED_SCHEMAS = 16


class SchemaRegistry:
    """Synchronous (database reads): call it from a worker thread."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._by_hash: OrderedDict[str, SchemaBranch] = OrderedDict()
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        """Held by a schema load from reading the current schema to saving the new one."""

    def initialise(self) -> SchemaBranch:
        """The default branch's schema; on first start, the core schema, saved."""
        branch = self._store.default_branch
        loaded = self._store.load_schema(branch)
        if loaded is None:
            schema = core_schema()
            self.save(branch, schema, actor_id=None)
            return schema
        return self._processed(*loaded)

    def branch(self, name: str) -> BranchRecord:
        record = self._store.get_branch(name)
        if record is None:
            raise BranchNotFoundError(f"Branch: {name} not found.")
        return record

    def for_branch(self, branch: BranchRecord) -> SchemaBranch:
        cached = self._cached(branch.schema_hash)
        if cached is not None:
            return cached
        loaded = self._store.load_schema(branch.name)
        if loaded is None:
            raise BranchNotFoundError(f"Branch: {branch.name} has no schema.")
        return self._processed(*loaded)

    def for_branch_name(self, name: str) -> SchemaBranch:
        return self.for_branch(self.branch(name))

    def for_branch_at(self, name: str, at: datetime | None) -> SchemaBranch:
        """The schema of branch `name` as it was at `at` (now when None)."""
        if at is None:
            return self.for_branch_name(name)
        self.branch(name)
        loaded = self._store.load_schema(name, at)
        if loaded is None:
            raise BranchNotFoundError(f"Branch: {name} had no schema at {at.isoformat()}.")
        return self._processed(*loaded)

    def _processed(self, payload: dict[str, Any], schema_hash: str) -> SchemaBranch:
        """The schema of a stored payload, built once per hash."""
        schema = self._cached(schema_hash)
        if schema is None:
            schema = SchemaBranch.from_api_payload(payload)
            self._remember(schema_hash, schema)
        return schema

    def save(self, branch: str, schema: SchemaBranch, *, actor_id: str | None) -> None:
        self._store.save_schema(branch, schema.to_api_payload(), schema.hash, actor_id)
        self._remember(schema.hash, schema)

    def check_migration(self, branch: str, current: SchemaBranch, new: SchemaBranch) -> MigrationPlan:
        """The data changes `new` needs on `branch`; raises `SchemaError` when data stands in the way."""
        with self._store.reader(Snapshot(branch)) as reader:
            return plan_schema_migration(current, new, reader)

    def migrate(self, branch: str, current: SchemaBranch, new: SchemaBranch, *, actor_id: str | None) -> None:
        """Replace `current` by `new` on `branch`, changing the existing data to fit it, in one
        change set: the data changes and the schema land together or not at all. The changes are
        planned inside the change set, so the check and the writes see the same data."""
        with self._store.change_set(branch, actor_id=actor_id, message="Update schema") as writer:
            apply_schema_migration(plan_schema_migration(current, new, writer), writer)
            writer.save_schema(new.to_api_payload(), new.hash)
        self._remember(new.hash, new)

    def _cached(self, schema_hash: str | None) -> SchemaBranch | None:
        if schema_hash is None:
            return None
        with self._lock:
            schema = self._by_hash.get(schema_hash)
            if schema is not None:
                self._by_hash.move_to_end(schema_hash)
            return schema

    def _remember(self, schema_hash: str, schema: SchemaBranch) -> None:
        with self._lock:
            self._by_hash[schema_hash] = schema
            self._by_hash.move_to_end(schema_hash)
            while len(self._by_hash) > _CACHED_SCHEMAS:
                self._by_hash.popitem(last=False)
