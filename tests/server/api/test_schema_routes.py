"""`/api/schema*` and `/schema.graphql`: status codes and body shapes of each route."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
SITE_SCHEMA = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Site",
            "namespace": "Lab",
            "human_friendly_id": ["name__value"],
            "attributes": [{"name": "name", "kind": "Text", "unique": True}],
        }
    ],
}


async def _load(client: httpx.AsyncClient, schema: dict[str, Any], branch: str = "main") -> httpx.Response:
    return await client.post(f"/api/schema/load?branch={branch}", json={"schemas": [schema]}, headers=ADMIN)


async def test_the_full_schema_lists_every_served_kind(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/schema")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"main", "nodes", "generics", "profiles", "templates", "namespaces"}
    kinds = {item["kind"] for section in ("nodes", "generics") for item in body[section]}
    assert {"CoreAccount", "BuiltinTag", "CoreStandardGroup", "CoreNode"} <= kinds
    assert not any(kind.startswith("Internal") for kind in kinds)
    assert {"name": "Core", "user_editable": False} in body["namespaces"]


async def test_loading_a_schema_reports_the_change_then_no_change(client: httpx.AsyncClient) -> None:
    before = (await client.get("/api/schema/summary")).json()["main"]

    first = await _load(client, SITE_SCHEMA)
    second = await _load(client, SITE_SCHEMA)

    assert first.status_code == 200
    assert set(first.json()) == {"hash", "previous_hash", "diff", "warnings", "schema_updated"}
    assert first.json()["previous_hash"] == before
    assert first.json()["schema_updated"] is True
    assert "LabSite" in first.json()["diff"]["added"]
    assert second.status_code == 200
    assert second.json()["schema_updated"] is False
    assert second.json()["hash"] == second.json()["previous_hash"] == first.json()["hash"]
    assert (await client.get("/api/schema/summary")).json()["main"] == first.json()["hash"]


async def test_a_kind_and_the_summary_are_served_after_a_load(client: httpx.AsyncClient) -> None:
    await _load(client, SITE_SCHEMA)

    kind = await client.get("/api/schema/LabSite")
    summary = await client.get("/api/schema/summary")
    only_lab = await client.get("/api/schema?namespaces=Lab")

    assert kind.status_code == 200
    assert (kind.json()["kind"], kind.json()["human_friendly_id"]) == ("LabSite", ["name__value"])
    assert set(summary.json()) == {"main", "nodes", "generics"}
    assert summary.json()["nodes"]["LabSite"] == kind.json()["hash"]
    assert [item["kind"] for item in only_lab.json()["nodes"]] == ["LabSite"]
    assert only_lab.json()["generics"] == []


async def test_check_reports_the_diff_without_saving(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/schema/check", json={"schemas": [SITE_SCHEMA]}, headers=ADMIN)

    assert response.status_code == 202
    assert set(response.json()) == {"diff", "warnings"}
    assert "LabSite" in response.json()["diff"]["added"]
    assert (await client.get("/api/schema/LabSite")).status_code == 422


async def test_an_unknown_kind_is_a_422_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/schema/LabNowhere")

    assert response.status_code == 422
    assert response.json() == {
        "data": None,
        "errors": [
            {"message": "Unable to find the schema 'LabNowhere' in the registry", "extensions": {"code": 422}}
        ],
    }


@pytest.mark.parametrize("path", ["/api/schema", "/api/schema/summary", "/schema.graphql"])
async def test_an_unknown_branch_is_a_400(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(f"{path}?branch=nowhere")

    assert response.status_code == 400
    assert response.json() == {
        "data": None,
        "errors": [{"message": "Branch: nowhere not found.", "extensions": {"code": 400}}],
    }


async def test_loading_needs_credentials(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/schema/load", json={"schemas": [SITE_SCHEMA]})

    assert response.status_code == 401
    assert (await client.get("/api/schema/LabSite")).status_code == 422


def _error_cases(golden_dir: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((golden_dir / "schema-errors.json").read_text())
    return cases


async def test_invalid_schema_files_are_refused_like_infrahub(
    client: httpx.AsyncClient, golden_dir: Path
) -> None:
    for case in _error_cases(golden_dir):
        response = await client.post("/api/schema/load", json=case["request"], headers=ADMIN)

        assert response.status_code == case["status"], case["case"]
        if "detail" in case["body"]:
            assert [entry["loc"] for entry in response.json()["detail"]] == [
                entry["loc"] for entry in case["body"]["detail"]
            ], case["case"]
        else:
            assert set(response.json()) == {"data", "errors"}, case["case"]
            assert response.json()["errors"][0]["extensions"] == {"code": 422}, case["case"]
    assert (await client.get("/api/schema?namespaces=Test")).json()["nodes"] == []


async def test_the_graphql_sdl_describes_the_loaded_kinds(
    client: httpx.AsyncClient, golden_dir: Path
) -> None:
    network = yaml.safe_load((golden_dir / "network-schema.yml").read_text())
    assert (
        await client.post("/api/schema/load", json={"schemas": [network]}, headers=ADMIN)
    ).status_code == 200

    response = await client.get("/schema.graphql")
    ordered = await client.get("/schema.graphql?sorted=true")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "type NetDevice implements" in response.text
    assert ordered.status_code == 200
    assert "type NetDevice implements" in ordered.text


def _with_attribute(attribute: dict[str, Any]) -> dict[str, Any]:
    node = {**SITE_SCHEMA["nodes"][0], "attributes": [*SITE_SCHEMA["nodes"][0]["attributes"], attribute]}
    return {**SITE_SCHEMA, "nodes": [node]}


async def _create_site(client: httpx.AsyncClient, name: str) -> None:
    mutation = f'mutation {{ LabSiteCreate(data: {{name: {{value: "{name}"}}}}) {{ ok }} }}'
    response = await client.post("/graphql/main", json={"query": mutation}, headers=ADMIN)
    assert response.json() == {"data": {"LabSiteCreate": {"ok": True}}}


async def test_a_schema_that_existing_data_cannot_follow_is_refused_with_the_count(
    client: httpx.AsyncClient,
) -> None:
    await _load(client, SITE_SCHEMA)
    await _create_site(client, "paris")
    await _create_site(client, "lyon")
    mandatory = _with_attribute({"name": "code", "kind": "Text"})

    checked = await client.post("/api/schema/check", json={"schemas": [mandatory]}, headers=ADMIN)
    loaded = await _load(client, mandatory)

    for response in (checked, loaded):
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["extensions"] == {"code": 422}
        assert "LabSite" in error["message"]
        assert "2 objects" in error["message"]
    assert (await client.get("/api/schema/LabSite")).json()["attributes"][-1]["name"] != "code"


async def test_a_new_attribute_with_a_default_reaches_the_existing_objects(client: httpx.AsyncClient) -> None:
    await _load(client, SITE_SCHEMA)
    await _create_site(client, "paris")

    loaded = await _load(client, _with_attribute({"name": "region", "kind": "Text", "default_value": "eu"}))
    sites = await client.post(
        "/graphql/main", json={"query": "{ LabSite { edges { node { region { value } } } } }"}
    )

    assert loaded.status_code == 200
    assert sites.json() == {"data": {"LabSite": {"edges": [{"node": {"region": {"value": "eu"}}}]}}}
