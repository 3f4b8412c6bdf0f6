"""Human-friendly IDs and uniqueness constraints, derived from each other and from `unique`."""

from __future__ import annotations

from infrahub_server.errors import SchemaError
from infrahub_server.schema.models import GenericSchema, NodeSchema, SchemaBranch
from infrahub_server.schema.processing.paths import PathError, resolve_path

Identified = NodeSchema | GenericSchema


def derive_human_friendly_id(branch: SchemaBranch, schema: Identified, *, strict: bool) -> None:
    """Give a kind without an HFID one from its first unique attribute or single-attribute constraint."""
    if schema.human_friendly_id:
        return
    unique = [attr for attr in schema.attributes if attr.unique]
    if unique:
        schema.human_friendly_id = [f"{unique[0].name}__value"]
        return
    for constraint in schema.uniqueness_constraints or []:
        if len(constraint) != 1:
            continue
        try:
            path = resolve_path(branch, schema, constraint[0])
        except PathError:
            if strict:
                raise
            continue
        if path.is_attribute and path.property_name == "value" and path.attribute is not None:
            schema.human_friendly_id = [f"{path.attribute.name}__value"]
            return


def add_hfid_constraint(branch: SchemaBranch, schema: Identified, *, strict: bool) -> None:
    """Make the HFID a uniqueness constraint (relationship parts reduced to the relationship name)."""
    if not schema.human_friendly_id:
        return
    constraint: list[str] = []
    try:
        for item in schema.human_friendly_id:
            path = resolve_path(branch, schema, item)
            if path.is_relationship and path.relationship is not None:
                constraint.append(path.relationship.name)
            elif path.is_attribute:
                constraint.append(item)
    except PathError:
        if strict:
            raise
        return
    if not constraint:
        return
    existing = schema.uniqueness_constraints or []
    if not any(set(item) == set(constraint) for item in existing):
        schema.uniqueness_constraints = [*existing, constraint]


def sync_unique_attributes(branch: SchemaBranch, schema: Identified) -> None:
    """Keep `unique: true` attributes and single-attribute constraints in step with each other."""
    constrained: set[str] = set()
    for constraint in schema.uniqueness_constraints or []:
        if len(constraint) != 1:
            continue
        try:
            path = resolve_path(branch, schema, constraint[0])
        except PathError as exc:
            raise SchemaError(
                f"{schema.kind}: Requested unique constraint not found within node. (`{constraint[0]}`)"
            ) from exc
        if path.is_attribute and path.property_name == "value" and path.attribute is not None:
            constrained.add(path.attribute.name)

    declared = {attr.name for attr in schema.attributes if attr.unique and not attr.inherited}
    if declared == constrained:
        return
    for attr in schema.attributes:
        if attr.name in constrained - declared:
            attr.unique = True
    missing = declared - constrained
    if missing:
        schema.uniqueness_constraints = [
            *(schema.uniqueness_constraints or []),
            *sorted([f"{name}__value"] for name in missing),
        ]
