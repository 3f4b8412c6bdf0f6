"""The processed-schema models carry Infrahub's `/api/schema` items without losing a field."""

from __future__ import annotations

import json
from pathlib import Path

from infrahub_server.schema.models import SchemaBranch


def _by_kind(items: list[dict]) -> dict[str, dict]:
    return {item["kind"]: item for item in items}


def test_golden_api_schema_round_trips_through_the_models(golden_dir: Path) -> None:
    payload = json.loads((golden_dir / "network.api-schema.json").read_text())

    schema = SchemaBranch.from_api_payload(payload)
    again = schema.to_api_payload()

    for section in ("nodes", "generics", "profiles", "templates"):
        assert _by_kind(again[section]) == _by_kind(payload[section]), section
    assert again["namespaces"] == payload["namespaces"]
    assert again["main"] == payload["main"]


def test_generic_lists_the_kinds_that_implement_it(golden_dir: Path) -> None:
    schema = SchemaBranch.from_api_payload(json.loads((golden_dir / "network.api-schema.json").read_text()))

    assert sorted(schema.concrete_kinds("NetPlace")) == ["NetRegion", "NetSite"]
    assert schema.concrete_kinds("NetDevice") == ["NetDevice"]
    assert schema.get("NetDevice").get_relationship("site").identifier == "netdevice__netsite"
