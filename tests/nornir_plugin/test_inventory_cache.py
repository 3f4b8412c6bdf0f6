"""The response cache's storage: what it keeps, for how long, and who can read it."""

from __future__ import annotations

import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

from nornir_plugin._cache import ResponseCache, branch_identity_query, cache_key, is_settled

ANSWER = [[{"node": {"id": "d1", "__typename": "InfraDevice", "name": {"value": "r1"}}}]]


def test_an_entry_is_served_until_its_ttl_then_dropped(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache", ttl=60)
    assert cache.get("k") is None
    cache.put("k", ANSWER)
    assert cache.get("k") == ANSWER
    entry = tmp_path / "cache" / "k.json"
    past = time.time() - 61
    os.utime(entry, (past, past))
    assert cache.get("k") is None


def test_entries_are_private_to_their_owner(tmp_path: Path) -> None:
    ResponseCache(tmp_path / "cache", ttl=60).put("k", ANSWER)
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "cache" / "k.json").stat().st_mode) == 0o600


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path, ttl=60)
    (tmp_path / "k.json").write_text("{not json")
    assert cache.get("k") is None


def test_every_part_of_the_key_matters() -> None:
    parts = {"address": "http://a", "branch": "main", "at": None, "marker": {"count": 3}}
    keys = {
        cache_key(parts),
        cache_key({**parts, "address": "http://b"}),
        cache_key({**parts, "branch": "b1"}),
        cache_key({**parts, "at": "2026-01-01T00:00:00.000000Z"}),
        cache_key({**parts, "marker": {"count": 4}}),
    }
    assert len(keys) == 5
    assert cache_key(dict(reversed(parts.items()))) == cache_key(parts)


def test_the_branch_identity_query_names_the_branch() -> None:
    assert 'Branch(name: "feature \\"x\\"") { id branched_from }' in branch_identity_query('feature "x"')


def test_only_snapshots_old_enough_to_be_final_are_cacheable() -> None:
    now = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
    assert is_settled("2026-01-31T11:54:59.000000Z", now)
    assert not is_settled("2026-01-31T11:55:01.000000Z", now)
    assert not is_settled("2026-01-31T13:00:00.000000Z", now)
