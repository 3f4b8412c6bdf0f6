"""The built-in validators: data integrity (conflicts with the default branch, one `CoreDataCheck`
per conflict carrying its `keep_branch` decision) and schema integrity (what the branch's data
would break on the default branch: uniqueness and mandatory constraints, one `CoreSchemaCheck`
each)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from infrahub_server.proposed_changes.validators import (
    FAILURE,
    SUCCESS,
    CheckOutcome,
    ValidationInput,
    ValidatorOutcome,
    register_validator,
)

DATA_VALIDATOR = "CoreDataValidator"
SCHEMA_VALIDATOR = "CoreSchemaValidator"
KEEP_BRANCH = {"BASE_BRANCH": "target", "DIFF_BRANCH": "source"}
"""A conflict resolution's selected branch as a data check's `keep_branch`, and back."""
SELECTED_BRANCH = {keep: selected for selected, keep in KEEP_BRANCH.items()}


def diff_conflicts(diff: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every conflict of a DiffTree with a path naming the kind, label, id and field."""
    for node in diff["nodes"]:
        where = f"{node['kind']} '{node['label'] or node['uuid']}' ({node['uuid']})"
        if node["conflict"]:
            yield where, node["conflict"]
        for attribute in node["attributes"]:
            for prop in attribute["properties"]:
                if prop["conflict"]:
                    yield f"{where} {attribute['name']}", prop["conflict"]
        for relationship in node["relationships"]:
            for element in relationship["elements"]:
                if element["conflict"]:
                    yield f"{where} {relationship['name']}", element["conflict"]


def _data_check(diff: dict[str, Any], path: str, conflict: dict[str, Any]) -> CheckOutcome:
    keep = KEEP_BRANCH.get(conflict["selected_branch"] or "")
    base, branch = diff["base_branch"], diff["diff_branch"]
    message = (
        f"{path}: {base} {conflict['base_branch_action'].lower()} ({conflict['base_branch_value']}), "
        f"{branch} {conflict['diff_branch_action'].lower()} ({conflict['diff_branch_value']})"
    )
    values: dict[str, Any] = {
        "conflicts": [{"path": path, **conflict}],
        "enriched_conflict_id": conflict["uuid"],
    }
    if keep is not None:
        values["keep_branch"] = keep
    return CheckOutcome(
        kind="CoreDataCheck",
        label=f"Conflict on {path}",
        conclusion=SUCCESS if keep else FAILURE,
        check_kind="DataIntegrity",
        severity="critical",
        message=message,
        values=values,
    )


def data_integrity(run: ValidationInput) -> list[ValidatorOutcome]:
    checks = [_data_check(run.diff, path, conflict) for path, conflict in diff_conflicts(run.diff)]
    return [ValidatorOutcome(DATA_VALIDATOR, "Data Integrity", checks)]


def schema_integrity(run: ValidationInput) -> list[ValidatorOutcome]:
    checks = [
        CheckOutcome(
            kind="CoreSchemaCheck",
            label=f"{violation['constraint'].capitalize()} of {violation['kind']} {violation['field']}",
            conclusion=FAILURE,
            check_kind="SchemaIntegrity",
            severity="error",
            message=violation["message"],
            values={"conflicts": [violation]},
        )
        for violation in run.diff.get("constraint_violations", [])
    ]
    return [ValidatorOutcome(SCHEMA_VALIDATOR, "Schema Integrity", checks)]


register_validator("DATA", (DATA_VALIDATOR,), data_integrity)
register_validator("SCHEMA", (SCHEMA_VALIDATOR,), schema_integrity)
