"""The YAML test files: `version`, then `infrahub_tests`, a list of resources with their tests."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class InfrahubTestExpectedResult(StrEnum):
    PASS = "PASS"
    FAIL = "FAIL"


class InfrahubTestResource(StrEnum):
    CHECK = "Check"
    JINJA2_TRANSFORM = "Jinja2Transform"
    PYTHON_TRANSFORM = "PythonTransform"
    GRAPHQL_QUERY = "GraphQLQuery"


class InfrahubTestSpec(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str
    directory: Path | None = None
    path: Path | None = None
    input: Path = Path("input.json")
    output: Path | None = None
    query: str | None = None
    variables: dict[str, Any] | Path = Field(default_factory=dict)

    @property
    def category(self) -> str:
        """`smoke`, `unit` or `integration`, read from the kind (`check-unit-process` -> `unit`)."""
        return next(part for part in ("smoke", "unit", "integration") if part in self.kind)


class InfrahubTest(BaseModel):
    name: str
    expect: InfrahubTestExpectedResult = InfrahubTestExpectedResult.PASS
    spec: InfrahubTestSpec


class InfrahubTestGroup(BaseModel):
    resource: InfrahubTestResource
    resource_name: str
    tests: list[InfrahubTest]


class InfrahubTestFileV1(BaseModel):
    version: str = "1.0"
    infrahub_tests: list[InfrahubTestGroup]
