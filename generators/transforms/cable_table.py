"""Cable plan tables from a `cable_plan` query response, without I/O: rows, CSV and Markdown."""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass, fields
from typing import Any


@dataclass(frozen=True, order=True)
class CableRow:
    cable: str
    site_a: str
    device_a: str
    interface_a: str
    site_b: str
    device_b: str
    interface_b: str
    status: str


HEADERS = tuple(field.name for field in fields(CableRow))


def _endpoint(cable: dict[str, Any], side: str) -> tuple[str, str, str]:
    """Site, device and interface of one end; empty when the end is not connected."""
    interface = (cable[f"endpoint_{side}"] or {}).get("node")
    if not interface:
        return "", "", ""
    device = interface["device"]["node"]
    return device["site"]["node"]["name"]["value"], device["name"]["value"], interface["name"]["value"]


def cable_rows(data: dict[str, Any]) -> list[CableRow]:
    """One row per cable, sorted by cable name, so the plan is the same whatever the query order."""
    rows = []
    for edge in data["NetCable"]["edges"]:
        cable = edge["node"]
        rows.append(
            CableRow(
                cable["name"]["value"],
                *_endpoint(cable, "a"),
                *_endpoint(cable, "b"),
                cable["status"]["value"],
            )
        )
    return sorted(rows)


def render_csv(rows: list[CableRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(astuple(row) for row in rows)
    return buffer.getvalue()


def render_markdown(rows: list[CableRow], title: str = "Cable plan") -> str:
    lines = [f"# {title}", "", "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines.extend(
        "| " + " | ".join(value.replace("|", "\\|") for value in astuple(row)) + " |" for row in rows
    )
    lines.append("")
    lines.append(f"{len(rows)} cables")
    return "\n".join(lines) + "\n"
