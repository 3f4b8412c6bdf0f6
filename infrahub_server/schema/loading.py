"""Loading schema files onto a branch's schema: validate, merge, process, and report the change."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from infrahub_server.errors import SchemaError
from infrahub_server.schema.diff import schema_diff
from infrahub_server.schema.files import SchemaFile, read_only_warnings, validate_schema_file
from infrahub_server.schema.hashing import seal
from infrahub_server.schema.models import (
    AttributeSchema,
    GenericSchema,
    KindSchema,
    NodeSchema,
    RelationshipSchema,
    SchemaBranch,
)
from infrahub_server.schema.processing import process_schema
from infrahub_server.schema.processing.paths import not_found_message
from infrahub_server.schema.restrictions import deprecation_warnings, restriction_errors

logger = logging.getLogger(__name__)


class SchemaRequestError(Exception):
    """Schema files that fail request validation; `detail` is the body's 422 `detail` list."""

    def __init__(self, detail: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(detail)} schema validation error(s)")
        self.detail = detail


@dataclass
class SchemaLoadResult:
    schema: SchemaBranch
    previous_hash: str
    hash: str
    diff: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def schema_updated(self) -> bool:
        return self.hash != self.previous_hash


def parse_schema_files(files: list[Any]) -> tuple[list[SchemaFile], list[dict[str, Any]]]:
    """Validate every file.

    Raises `SchemaRequestError` with the request-validation errors of all files, then
    `SchemaError` with every restricted definition (messages joined as Infrahub does).
    """
    parsed: list[SchemaFile] = []
    read_only: list[list[dict[str, Any]]] = []
    detail: list[dict[str, Any]] = []
    for index, raw in enumerate(files):
        cleaned, found = read_only_warnings(raw) if isinstance(raw, dict) else (raw, [])
        schema_file, errors = validate_schema_file(cleaned, index)
        detail.extend(errors)
        if schema_file is not None:
            parsed.append(schema_file)
            read_only.append(found)
    if detail:
        raise SchemaRequestError(detail)

    errors_found = [error for schema_file in parsed for error in restriction_errors(schema_file)]
    if errors_found:
        raise SchemaError(", ".join(errors_found))
    warnings = [
        warning
        for schema_file, found in zip(parsed, read_only, strict=True)
        for warning in [*deprecation_warnings(schema_file), *found]
    ]
    return parsed, warnings


def load_schema_files(
    current: SchemaBranch, files: list[Any], *, branch_name: str = "main"
) -> SchemaLoadResult:
    parsed, warnings = parse_schema_files(files)
    candidate = current.model_copy(deep=True)
    for schema_file in parsed:
        _merge_file(candidate, schema_file, branch_name)
    process_schema(candidate, branch_name=branch_name)
    seal(candidate)
    result = SchemaLoadResult(
        schema=candidate,
        previous_hash=current.hash,
        hash=candidate.hash,
        diff=schema_diff(current, candidate),
        warnings=warnings,
    )
    if not result.schema_updated:
        result.schema = current
    logger.info(
        "schema load on %s: %s", branch_name, {key: sorted(value) for key, value in result.diff.items()}
    )
    return result


def _merge_file(branch: SchemaBranch, schema_file: SchemaFile, branch_name: str) -> None:
    for generic in schema_file.generics:
        _merge_kind(branch.generics, GenericSchema.model_validate(_explicit(generic)))
    for node in schema_file.nodes:
        _merge_kind(branch.nodes, NodeSchema.model_validate(_explicit(node)))
    for extension in schema_file.extensions.nodes:
        if not branch.has(extension.kind):
            raise SchemaError(not_found_message(extension.kind, branch_name))
        target = branch.get(extension.kind)
        for attr in extension.attributes:
            _merge_element(target.attributes, AttributeSchema.model_validate(_explicit(attr)))
        for rel in extension.relationships:
            _merge_element(target.relationships, RelationshipSchema.model_validate(_explicit(rel)))


def _explicit(item: BaseModel) -> dict[str, Any]:
    return item.model_dump(mode="json", exclude_unset=True)


def _merge_kind(table: dict[str, Any], incoming: KindSchema) -> None:
    kind = incoming.namespace + incoming.name
    incoming.kind = kind
    existing = table.get(kind)
    if existing is None:
        table[kind] = incoming
        return
    for name in incoming.model_fields_set - {"attributes", "relationships"}:
        setattr(existing, name, getattr(incoming, name))
    for attr in incoming.attributes:
        _merge_element(existing.attributes, attr)
    for rel in incoming.relationships:
        _merge_element(existing.relationships, rel)


def _merge_element(elements: list[Any], incoming: AttributeSchema | RelationshipSchema) -> None:
    """Explicit fields of `incoming` win over those of the element of the same name."""
    for index, element in enumerate(elements):
        if element.name != incoming.name:
            continue
        if incoming.state == "absent":
            del elements[index]
            return
        for name in incoming.model_fields_set:
            setattr(element, name, getattr(incoming, name))
        return
    if incoming.state != "absent":
        elements.append(incoming)
