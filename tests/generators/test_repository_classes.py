"""The repository's transforms and checks run on our SDK's classes, as the official pytest plugin runs them."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from generators_repository import REPOSITORY, read_json

CASES = REPOSITORY / "tests"


def _repository_class(module: str, name: str, sdk_module: str) -> Any:
    pytest.importorskip(sdk_module, reason=f"our SDK has no {sdk_module} yet")
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(
    ("class_name", "output"), [("CablePlanCsv", "output.csv"), ("CablePlanMarkdown", "output.md")]
)
async def test_cable_plan_transforms(repository_on_path: Path, class_name: str, output: str) -> None:
    transform_class = _repository_class("transforms.cable_plan", class_name, "infrahub_sdk.transforms")
    from infrahub_sdk import InfrahubClient, InfrahubNode

    transform = transform_class(client=InfrahubClient(), infrahub_node=InfrahubNode)
    rendered = await transform.run(data=read_json(CASES / "cable_plan" / "input.json"))
    assert rendered == (CASES / "cable_plan" / output).read_text()


@pytest.mark.parametrize(
    ("module", "class_name", "case", "errors"),
    [
        ("checks.leaf_uplinks", "LeafUplinks", "leaf_uplinks/pass", []),
        (
            "checks.leaf_uplinks",
            "LeafUplinks",
            "leaf_uplinks/fail",
            ["dc1-leaf2 needs 2 enabled uplinks, has 1 (eth2)"],
        ),
        ("checks.duplicate_addresses", "DuplicateAddresses", "duplicate_addresses/pass", []),
        (
            "checks.duplicate_addresses",
            "DuplicateAddresses",
            "duplicate_addresses/fail",
            ["10.254.0.1 is used 2 times: 10.254.0.1/24 on dc1-spine1 eth0; 10.254.0.1/32"] * 2,
        ),
    ],
)
async def test_checks(
    repository_on_path: Path, module: str, class_name: str, case: str, errors: list[str]
) -> None:
    check = _repository_class(module, class_name, "infrahub_sdk.checks")()
    passed = await check.run(data=read_json(CASES / case / "input.json"))
    assert passed is (errors == [])
    assert [log["message"] for log in check.logs if log["level"] == "ERROR"] == errors
