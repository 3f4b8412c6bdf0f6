from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infrahub_server.errors import SchemaError
from infrahub_server.schema import SchemaRequestError, core_schema, load_schema_files

# Read at collection time to name one test per case; the same folder as the `golden_dir` fixture.
GOLDEN_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "golden"
CASES: list[dict[str, Any]] = json.loads((GOLDEN_DIR / "schema-errors.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_invalid_schema_is_refused_like_infrahub(case: dict[str, Any]) -> None:
    files = case["request"]["schemas"]
    if "detail" in case["body"]:
        with pytest.raises(SchemaRequestError) as request_error:
            load_schema_files(core_schema(), files)
        assert {"detail": request_error.value.detail} == case["body"]
    else:
        with pytest.raises(SchemaError) as processing_error:
            load_schema_files(core_schema(), files)
        error = processing_error.value
        body = {
            "data": None,
            "errors": [{"message": error.message, "extensions": {"code": error.http_status}}],
        }
        assert body == case["body"]
    assert case["status"] == 422
