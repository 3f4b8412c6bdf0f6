"""A file cache of query answers for inventories pinned to a moment in the past (`at`).

Only a past snapshot can be cached without ever serving stale data: history is not rewritten, so
the answer for (branch, at) stays the same, unless the branch is rebased (`branched_from` moves) or
deleted and created again (new id). Each load therefore first asks for the branch's `id` and
`branched_from` (one small request) and keys the entry on them together with the server, the
account, `at`, the options, the queries and the schema hashes. Live reads are never cached: the
protocol has no cheap marker that moves on every change (a node's `node_metadata.updated_at` does
not move when only one of its relationships changes), and a stale inventory is worse than a slow
one. The TTL bounds how long an entry is reused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ._query import render_value

logger = logging.getLogger(__name__)

SETTLE = timedelta(minutes=5)
"""How far in the past `at` must be: a write stamped just before `at` may still be committing
(servers bound a request to about a minute), and client and server clocks may differ a little."""


def is_settled(at: str, now: datetime | None = None) -> bool:
    """Whether no write can still change what the server answers at `at`."""
    return datetime.fromisoformat(at) <= (now or datetime.now(UTC)) - SETTLE


def branch_identity_query(branch: str) -> str:
    return f"query NornirInventoryBranch {{ Branch(name: {render_value(branch)}) {{ id branched_from }} }}\n"


def cache_key(parts: dict[str, Any]) -> str:
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


class ResponseCache:
    """Entries are JSON files named by their key, readable by their owner only."""

    def __init__(self, directory: Path, ttl: float) -> None:
        self.directory = directory
        self.ttl = ttl

    def get(self, key: str) -> Any:
        """The stored value, or None when absent or older than the TTL."""
        path = self.directory / f"{key}.json"
        try:
            if time.time() - path.stat().st_mtime > self.ttl:
                return None
            with path.open(encoding="utf-8") as stream:
                return json.load(stream)
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(value, stream, separators=(",", ":"))
            os.replace(temporary, self.directory / f"{key}.json")
        except OSError as error:
            logger.warning("inventory cache not written to %s: %s", self.directory, error)
