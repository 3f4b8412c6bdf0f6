"""Cable plan transforms: the cables of a fabric as CSV and as Markdown."""

from __future__ import annotations

from typing import Any

from infrahub_sdk.transforms import InfrahubTransform
from transforms.cable_table import cable_rows, render_csv, render_markdown


class CablePlanCsv(InfrahubTransform):
    query = "cable_plan"

    async def transform(self, data: dict[str, Any]) -> str:
        return render_csv(cable_rows(data))


class CablePlanMarkdown(InfrahubTransform):
    query = "cable_plan"

    async def transform(self, data: dict[str, Any]) -> str:
        return render_markdown(cable_rows(data))
