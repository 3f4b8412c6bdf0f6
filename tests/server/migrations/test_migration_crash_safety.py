"""A schema migration killed with SIGKILL at random moments leaves main with the old schema and the
old data, or the new schema and all of its data changes; loading again completes it (SQLite)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_harness import killed_run, main_checksum
from migration_harness import DEVICE, SITE, initial_schema, schema_file

from infrahub_server.nodes import NodeService
from infrahub_server.schema import load_schema_files
from infrahub_server.store import Store

_KILLS = 20
_MIGRATE = """
import json, sys
from infrahub_server.api.schema_registry import SchemaRegistry
from infrahub_server.schema import load_schema_files
from infrahub_server.store import Store
registry = SchemaRegistry(Store.open(sys.argv[1]))
current = registry.for_branch_name("main")
new = load_schema_files(current, [json.loads(sys.argv[2])]).schema
registry.migrate("main", current, new, actor_id=None)
"""


def _changed_schema() -> dict[str, object]:
    """Every device gains a mandatory `tier` (filled with its default) and loses `code`."""
    attributes = [dict(attr) for attr in DEVICE["attributes"] if attr["name"] != "code"]
    attributes.append({"name": "tier", "kind": "Text", "default_value": "gold"})
    return schema_file(SITE, {**DEVICE, "attributes": attributes})


def _build(url: str, devices: int) -> None:
    store = Store.open(url)
    schema = initial_schema()
    store.save_schema("main", schema.to_api_payload(), schema.hash, None)
    with store.change_set("main", actor_id=None) as writer:
        service = NodeService(schema, writer)
        for index in range(devices):
            service.create("TestDevice", {"name": {"value": f"d{index}"}, "code": {"value": f"c{index}"}})
    store.close()


def _state(url: str) -> tuple[str, str]:
    store = Store.open(url)
    try:
        loaded = store.load_schema("main")
        assert loaded is not None
        return loaded[1], main_checksum(store)
    finally:
        store.close()


def _command(url: str) -> list[str]:
    return [sys.executable, "-c", _MIGRATE, url, json.dumps(_changed_schema())]


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}


def _migrate_to_completion(url: str) -> None:
    finished = subprocess.run(
        _command(url), env=_environment(), capture_output=True, timeout=120, check=False
    )
    assert finished.returncode == 0, finished.stderr.decode()


def _copy(folder: Path, source: str, target: str) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / target}.db{suffix}").unlink(missing_ok=True)
    shutil.copyfile(folder / f"{source}.db", folder / f"{target}.db")
    return f"sqlite:///{folder / target}.db"


@pytest.mark.slow
def test_killed_schema_migrations_leave_old_or_new_schema_with_matching_data(tmp_path: Path) -> None:
    pristine = f"sqlite:///{tmp_path / 'pristine.db'}"
    _build(pristine, devices=2000)
    before = _state(pristine)
    migrated = _copy(tmp_path, "pristine", "migrated")
    started = time.monotonic()
    _migrate_to_completion(migrated)
    full_run = time.monotonic() - started
    after = _state(migrated)
    assert after[0] != before[0]
    assert after[1] != before[1]
    new_schema = load_schema_files(initial_schema(), [_changed_schema()]).schema
    assert after[0] == new_schema.hash

    work = _copy(tmp_path, "pristine", "work")
    rng = random.Random(7)
    outcomes = {before: 0, after: 0}
    for _ in range(_KILLS):
        killed_run(_command(work), _environment(), rng.uniform(0.2 * full_run, 1.05 * full_run))
        state = _state(work)
        assert state in outcomes, "the schema and the data disagree after a killed migration"
        outcomes[state] += 1
        if state == after:
            work = _copy(tmp_path, "pristine", "work")
    assert outcomes[before] > 0
    if _state(work) == before:
        _migrate_to_completion(work)
    assert _state(work) == after
