from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from infrahub_server.schema import api_payload, core_schema, kind_payload, load_schema_files, summary_payload


def _golden_json(golden_dir: Path, name: str) -> Any:
    return json.loads((golden_dir / name).read_text())


def _comparable(payload: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """A `/api/schema` body keyed as golden/README.md says: no `main`/`hash`/`id`, lists by name."""
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for section in ("nodes", "generics", "profiles", "templates"):
        for item in payload[section]:
            entry = {key: value for key, value in item.items() if key not in ("hash", "id")}
            for elements in ("attributes", "relationships"):
                entry[elements] = {
                    element["name"]: {key: value for key, value in element.items() if key != "id"}
                    for element in item[elements]
                }
            items[(section, item["kind"])] = entry
    return items


def test_network_schema_matches_infrahub_output_item_by_item(
    golden_dir: Path, network_schema: dict[str, Any]
) -> None:
    expected = _golden_json(golden_dir, "network.api-schema.json")
    result = load_schema_files(core_schema(), [network_schema])
    served = api_payload(result.schema)

    mine, theirs = _comparable(served), _comparable(expected)
    assert sorted(mine) == sorted(theirs)
    for key, item in theirs.items():
        assert mine[key] == item, key
    assert {name["name"]: name for name in served["namespaces"]} == {
        name["name"]: name for name in expected["namespaces"]
    }


def test_network_schema_counts(network_schema: dict[str, Any]) -> None:
    served = api_payload(load_schema_files(core_schema(), [network_schema]).schema)
    assert {
        key: len(served[key]) for key in ("nodes", "generics", "profiles", "templates", "namespaces")
    } == {
        "nodes": 63,
        "generics": 32,
        "profiles": 12,
        "templates": 0,
        "namespaces": 7,
    }


def test_load_reports_the_added_kinds_like_infrahub(golden_dir: Path, network_schema: dict[str, Any]) -> None:
    log = _golden_json(golden_dir, "network.load-log.json")[0]
    result = load_schema_files(core_schema(), [network_schema])
    assert sorted(result.diff["added"]) == log["diff_added"]
    assert sorted(result.diff["changed"]) == log["diff_changed"]
    assert result.warnings == log["warnings"]
    assert result.schema_updated is True
    assert result.previous_hash == core_schema().hash != result.hash


def test_internal_kinds_exist_but_are_not_served() -> None:
    core = core_schema()
    hidden = {
        "InternalAccountToken",
        "InternalRefreshToken",
        "InternalExternalIdentity",
        "InternalIPPrefixAvailable",
        "InternalIPRangeAvailable",
    }
    assert hidden <= set(core.nodes)
    served = api_payload(core)
    assert not hidden & {item["kind"] for item in served["nodes"]}
    account = next(item for item in served["generics"] if item["kind"] == "CoreGenericAccount")
    assert not [rel for rel in account["relationships"] if rel["peer"].startswith("Internal")]


def test_namespace_filter_and_single_kind(network_schema: dict[str, Any]) -> None:
    schema = load_schema_files(core_schema(), [network_schema]).schema
    served = api_payload(schema, ["Net"])
    assert sorted(item["kind"] for item in served["nodes"]) == [
        "NetAddress",
        "NetCable",
        "NetDevice",
        "NetInterface",
        "NetPlatform",
        "NetRegion",
        "NetSite",
    ]
    assert served["profiles"] == []
    assert kind_payload(schema, "NetDevice")["human_friendly_id"] == ["name__value"]


def test_summary_lists_each_kind_hash(network_schema: dict[str, Any]) -> None:
    schema = load_schema_files(core_schema(), [network_schema]).schema
    summary = summary_payload(schema)
    assert summary["main"] == schema.hash
    assert summary["nodes"]["NetDevice"] == schema.nodes["NetDevice"].hash
    assert "NetPlace" in summary["generics"]


def test_processing_is_fast(network_schema: dict[str, Any]) -> None:
    core_schema()
    started = time.perf_counter()
    load_schema_files(core_schema(), [network_schema])
    assert time.perf_counter() - started < 0.5
