"""A store on SQLite (and PostgreSQL when available) holding the golden network schema, and a small
façade that writes through NodeService on any branch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from branch_harness import Lab

from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import Store

GOLDEN_SCHEMA = (
    Path(__file__).resolve().parents[4] / "shared" / "reference" / "golden" / "network.api-schema.json"
)


@pytest.fixture(scope="session")
def network_payload() -> dict[str, object]:
    if not GOLDEN_SCHEMA.is_file():
        pytest.fail(
            f"golden schema not found at {GOLDEN_SCHEMA}: the shared/ folder must sit beside the repository"
        )
    payload: dict[str, object] = json.loads(GOLDEN_SCHEMA.read_text())
    return payload


@pytest.fixture
def lab(database_url: str, network_payload: dict[str, object]) -> Iterator[Lab]:
    store = Store.open(database_url)
    schema = SchemaBranch.from_api_payload(network_payload)
    store.save_schema("main", network_payload, schema.hash or "network", None)
    try:
        yield Lab(store, schema)
    finally:
        store.close()
