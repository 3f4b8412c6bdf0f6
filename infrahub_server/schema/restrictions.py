"""Rules on a schema file as written: restricted namespaces, reserved names, deprecated fields."""

from __future__ import annotations

from typing import Any

from infrahub_server.schema.constants import RESTRICTED_NAMESPACES
from infrahub_server.schema.files import GenericInput, NodeInput, SchemaFile

# Relationships named `<attribute>_from_resource_pool` are generated for templates.
RESOURCE_POOL_SUFFIX = "_from_resource_pool"


def restriction_errors(schema_file: SchemaFile) -> list[str]:
    """Infrahub's messages for every definition this file may not contain."""
    models: list[NodeInput | GenericInput] = [*schema_file.nodes, *schema_file.generics]
    errors = [
        f"Restricted namespace '{model.namespace}' used on '{model.name}'"
        for model in models
        if model.namespace in RESTRICTED_NAMESPACES
    ]
    owners: list[tuple[str, Any]] = [(model.namespace + model.name, model) for model in models]
    owners += [(extension.kind, extension) for extension in schema_file.extensions.nodes]
    for kind, owner in owners:
        for attr in owner.attributes:
            if attr.name.endswith(RESOURCE_POOL_SUFFIX):
                errors.append(
                    f"Reserved suffix '{RESOURCE_POOL_SUFFIX}' used on attribute '{attr.name}' in '{kind}'"
                )
        for rel in owner.relationships:
            if rel.name.endswith(RESOURCE_POOL_SUFFIX):
                errors.append(
                    f"Reserved suffix '{RESOURCE_POOL_SUFFIX}' used on relationship '{rel.name}' in '{kind}'"
                )
    return errors


def deprecation_warnings(schema_file: SchemaFile) -> list[dict[str, Any]]:
    warnings: list[dict[str, Any]] = []
    models: list[NodeInput | GenericInput] = [*schema_file.nodes, *schema_file.generics]
    for model in models:
        kind = model.namespace + model.name
        if model.display_labels is not None:
            warnings.append(_warning(kind, None, "display_labels are deprecated, use display_label instead"))
        if model.default_filter is not None:
            warnings.append(_warning(kind, None, "default_filter is deprecated"))
        for attr in model.attributes:
            for legacy in ("max_length", "min_length"):
                if getattr(attr, legacy) is not None:
                    message = f"Use of '{legacy}' on attributes is deprecated, use parameters instead"
                    warnings.append(_warning(kind, attr.name, message))
    return warnings


def _warning(kind: str, field: str | None, message: str) -> dict[str, Any]:
    return {"type": "deprecation", "kinds": [{"kind": kind, "field": field}], "message": message}
