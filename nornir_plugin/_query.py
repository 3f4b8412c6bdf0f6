"""The one GraphQL query per host kind: only the fields the mappings need, no pagination."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ._paths import Step, StepKind

Selection = dict[str, "Selection"]

GROUP_MEMBERSHIP = "member_of_groups"


def build_query(
    kind: str, paths: Iterable[tuple[Step, ...]], filters: Mapping[str, Any], groups: bool
) -> str:
    """`query { <kind>(<filters>) { edges { node { id __typename ... } } } }` for the given paths.

    `groups` adds the node's group memberships (`member_of_groups`), which become Nornir groups.
    """
    node: Selection = {"id": {}, "__typename": {}}
    for steps in paths:
        _add_path(node, steps)
    if groups:
        peer = node.setdefault(GROUP_MEMBERSHIP, {}).setdefault("edges", {}).setdefault("node", {})
        peer.setdefault("__typename", {})
        peer.setdefault("name", {}).setdefault("value", {})
    arguments = ", ".join(f"{name}: {render_value(value)}" for name, value in filters.items())
    field = f"{kind}({arguments})" if arguments else kind
    lines = [f"query NornirInventory_{kind} {{", f"  {field} {{", "    edges {", "      node {"]
    _render(node, 4, lines)
    lines += ["      }", "    }", "  }", "}"]
    return "\n".join(lines) + "\n"


def _add_path(node: Selection, steps: tuple[Step, ...]) -> None:
    for step in steps:
        if step.kind is StepKind.ONE:
            node = node.setdefault(step.name, {}).setdefault("node", {})
        elif step.kind is StepKind.MANY:
            node = node.setdefault(step.name, {}).setdefault("edges", {}).setdefault("node", {})
        elif step.kind is StepKind.ATTRIBUTE:
            node.setdefault(step.name, {}).setdefault("value", {})
        else:
            node.setdefault(step.name, {})


def _render(selection: Selection, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    for name, children in selection.items():
        if not children:
            lines.append(f"{indent}{name}")
        elif list(children) == ["value"]:
            lines.append(f"{indent}{name} {{ value }}")
        else:
            lines.append(f"{indent}{name} {{")
            _render(children, depth + 1, lines)
            lines.append(f"{indent}}}")


def render_value(value: Any) -> str:
    """A Python value as a GraphQL literal (strings are JSON-escaped, which GraphQL accepts)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {render_value(item)}" for key, item in value.items()) + "}"
    return "[" + ", ".join(render_value(item) for item in value) + "]"
