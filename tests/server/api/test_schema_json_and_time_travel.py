"""`/api/schema/json_schema/{kind}` (JSON Schema of a kind's attributes) and `?at=` on the schema
routes (the schema as it was)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
DEVICES = {
    "version": "1.0",
    "nodes": [
        {
            "name": "Device",
            "namespace": "Lab",
            "description": "A network device",
            "attributes": [
                {"name": "name", "kind": "Text", "unique": True, "min_length": 3},
                {"name": "asn", "kind": "Number", "optional": True},
                {"name": "role", "kind": "Dropdown", "choices": [{"name": "spine"}, {"name": "leaf"}]},
                {"name": "status", "kind": "Text", "default_value": "active"},
            ],
        }
    ],
}


async def test_json_schema_describes_types_constraints_and_required_fields(client: httpx.AsyncClient) -> None:
    assert (
        await client.post("/api/schema/load", json={"schemas": [DEVICES]}, headers=ADMIN)
    ).status_code == 200

    response = await client.get("/api/schema/json_schema/LabDevice")

    assert response.status_code == 200
    document = response.json()
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert document["description"] == "A network device"
    properties = document["properties"]
    assert properties["name"]["type"] == "string"
    assert properties["name"]["minLength"] == 3
    assert properties["asn"]["type"] == "integer"
    assert properties["role"]["enum"] == ["spine", "leaf"]
    assert properties["status"]["default"] == "active"
    assert set(document["required"]) == {"name", "role"}
    unknown = await client.get("/api/schema/json_schema/LabNothing")
    assert unknown.status_code == 422
    assert "LabNothing" in unknown.json()["errors"][0]["message"]


async def test_schema_routes_answer_as_of_a_time(client: httpx.AsyncClient) -> None:
    summary_before = (await client.get("/api/schema/summary")).json()
    at = datetime.now(UTC).isoformat()
    assert (
        await client.post("/api/schema/load", json={"schemas": [DEVICES]}, headers=ADMIN)
    ).status_code == 200

    then = await client.get("/api/schema", params={"at": at})
    now = await client.get("/api/schema")

    kinds_then = {node["kind"] for node in then.json()["nodes"]}
    kinds_now = {node["kind"] for node in now.json()["nodes"]}
    assert "LabDevice" in kinds_now
    assert "LabDevice" not in kinds_then
    assert (await client.get("/api/schema/summary", params={"at": at})).json()["main"] == summary_before[
        "main"
    ]
    bad = await client.get("/api/schema", params={"at": "yesterday-ish"})
    assert bad.status_code in (400, 422)
