"""A merge killed with SIGKILL at random moments leaves main untouched or fully merged, and the
merge can be run again to completion (SQLite files; PostgreSQL databases copied from a template)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from branch_harness import Lab
from crash_harness import killed_run, main_checksum

from infrahub_server.branches import create_branch
from infrahub_server.nodes import NodeService
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store

_MERGE = (
    "import sys; from infrahub_server.store import Store; from infrahub_server.branches import merge_branch; "
)
_MERGE += "merge_branch(Store.open(sys.argv[1]), 'large')"
_KILLS = 20


class Databases:
    """Named databases that can be copied whole: files on SQLite, template copies on PostgreSQL."""

    def __init__(self, folder: Path, admin_url: str | None) -> None:
        self.folder = folder
        self.admin_url = admin_url
        self.prefix = f"crash_{uuid.uuid4().hex[:8]}_"
        self.created: list[str] = []

    def url(self, name: str) -> str:
        if self.admin_url is None:
            return f"sqlite:///{self.folder / f'{name}.db'}"
        return f"{self.admin_url.rpartition('/')[0]}/{self.prefix}{name}"

    def create(self, name: str) -> None:
        if self.admin_url is not None:
            self._admin(f'CREATE DATABASE "{self.prefix}{name}"')
            self.created.append(name)

    def copy(self, source: str, target: str) -> None:
        if self.admin_url is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.folder / target}.db{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.folder / f"{source}.db", self.folder / f"{target}.db")
            return
        self._admin(f'DROP DATABASE IF EXISTS "{self.prefix}{target}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self.prefix}{target}" TEMPLATE "{self.prefix}{source}"')
        self.created.append(target)

    def drop_all(self) -> None:
        for name in set(self.created):
            self._admin(f'DROP DATABASE IF EXISTS "{self.prefix}{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        assert self.admin_url is not None
        url = self.admin_url.replace("postgresql://", "postgresql+psycopg://", 1)
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(sa.text(statement))
        finally:
            engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    admin_url = None
    if request.param == "postgresql":
        admin_url = os.environ.get("INFRAHUB_TEST_POSTGRES_URL")
        if not admin_url:
            pytest.skip("PostgreSQL not available: set INFRAHUB_TEST_POSTGRES_URL (scripts/test starts one)")
    found = Databases(tmp_path, admin_url)
    try:
        yield found
    finally:
        if admin_url is not None:
            found.drop_all()


def _build(url: str, payload: dict[str, object], devices: int) -> None:
    store = Store.open(url)
    schema = SchemaBranch.from_api_payload(payload)
    store.save_schema("main", payload, schema.hash or "network", None)
    lab = Lab(store, schema)
    region = lab.create("NetRegion", {"name": {"value": "americas"}})
    site = lab.create("NetSite", {"name": {"value": "atl1"}, "parent": {"id": region}})
    existing = [
        lab.create(
            "NetDevice", {"name": {"value": f"old{i}"}, "role": {"value": "leaf"}, "site": {"id": site}}
        )
        for i in range(20)
    ]
    create_branch(store, "large")
    with store.change_set("large", actor_id=None) as writer:
        service = NodeService(schema, writer)
        for index in range(devices):
            data = {"name": {"value": f"d{index}"}, "role": {"value": "leaf"}, "site": {"id": site}}
            service.create("NetDevice", data)
        for device in existing:
            service.update("NetDevice", {"id": device, "description": {"value": "merged"}})
    store.close()


def _checksum(url: str) -> str:
    store = Store.open(url)
    try:
        return main_checksum(store)
    finally:
        store.close()


def _status(url: str) -> str | None:
    store = Store.open(url)
    try:
        record = store.get_branch("large")
        return None if record is None else record.status
    finally:
        store.close()


def _command(url: str) -> list[str]:
    return [sys.executable, "-c", _MERGE, url]


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}


def _merge_to_completion(url: str) -> None:
    finished = subprocess.run(
        _command(url), env=_environment(), capture_output=True, timeout=120, check=False
    )
    assert finished.returncode == 0, finished.stderr.decode()


@pytest.mark.slow
def test_killed_merges_leave_main_untouched_or_fully_merged(
    databases: Databases, network_payload: dict[str, object]
) -> None:
    databases.create("pristine")
    _build(databases.url("pristine"), network_payload, devices=2000)
    before = _checksum(databases.url("pristine"))
    databases.copy("pristine", "merged")
    started = time.monotonic()
    _merge_to_completion(databases.url("merged"))
    full_run = time.monotonic() - started
    after = _checksum(databases.url("merged"))
    assert after != before

    work = databases.url("work")
    databases.copy("pristine", "work")
    rng = random.Random(4)
    outcomes = {before: 0, after: 0}
    for _ in range(_KILLS):
        killed_run(_command(work), _environment(), rng.uniform(0.2 * full_run, 1.05 * full_run))
        state = _checksum(work)
        assert state in outcomes, "main is neither untouched nor fully merged"
        outcomes[state] += 1
        assert (state == after) == (_status(work) == "MERGED")
        if state == after:
            databases.copy("pristine", "work")
    assert outcomes[before] > 0
    if _checksum(work) == before:
        _merge_to_completion(work)
    assert _checksum(work) == after
    assert _status(work) == "MERGED"
