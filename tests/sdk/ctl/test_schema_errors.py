"""How `infrahubctl schema load` reports what Infrahub 1.11.9 refused (golden `schema-errors.json`)."""

from __future__ import annotations

import json
from pathlib import Path

from infrahub_sdk.ctl.schema import schema_load_error_lines

EXPECTED = {
    "namespace-too-short": [
        "  Node: TeBox | namespace (Te) | String should have at least 3 characters (value_error)"
    ],
    "reserved-attribute-name": [
        "  Node: TestBox | Attribute: id (id) | String should have at least 3 characters (value_error)"
    ],
    "bad-cardinality": [
        "  Node: TestBox | Relationship: boxes (several) | Input should be 'one' or 'many' (value_error)"
    ],
    "missing-version": ["  schemas/0/version | Field required (value_error)"],
    "duplicate-attribute": ["  TestBox: Names of attributes and relationships must be unique : ['name']"],
    "unknown-peer": ["  Unable to find the schema 'TestNowhere' in the registry main | TestNowhere"],
}


def test_each_refusal_becomes_readable_lines(golden_dir: Path) -> None:
    cases = {case["case"]: case for case in json.loads((golden_dir / "schema-errors.json").read_text())}
    for name, expected in EXPECTED.items():
        case = cases[name]
        assert schema_load_error_lines(case["body"], case["request"]["schemas"]) == expected, name
