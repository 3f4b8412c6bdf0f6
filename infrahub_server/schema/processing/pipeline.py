"""The processing pipeline: definitions in, fully resolved kinds out.

The steps and their order follow Infrahub's, because several outputs depend on the order (which
fields count as inherited, the weights of fields added by the server, the kinds a profile copies).
"""

from __future__ import annotations

from collections.abc import Iterator

from infrahub_server.errors import SchemaError
from infrahub_server.schema import constants as c
from infrahub_server.schema.models import (
    AttributeSchema,
    GenericSchema,
    KindSchema,
    NodeSchema,
    RelationshipSchema,
    SchemaBranch,
)
from infrahub_server.schema.processing import checks, identity, inheritance, profiles, templates
from infrahub_server.schema.processing.paths import UnknownKindError, find_kind, not_found_message


def process_schema(branch: SchemaBranch, *, branch_name: str = "main", validate: bool = True) -> None:
    """Resolve every kind of `branch` in place; raises `SchemaError` with Infrahub's message."""
    try:
        _before_validation(branch)
        if validate:
            checks.check_schema(branch)
        _after_validation(branch)
    except UnknownKindError as exc:
        raise SchemaError(not_found_message(exc.kind, branch_name)) from exc


def _before_validation(branch: SchemaBranch) -> None:
    _drop_absent(branch)
    for schema in _all(branch):
        schema.kind = schema.namespace + schema.name
    for schema in _all(branch):
        _fill_identifiers(schema)
        _default_values_are_optional(schema)
        _reconcile_parameters(schema)
        _cardinality_counts(schema)
    for generic in list(branch.generics.values()):
        identity.derive_human_friendly_id(branch, generic, strict=False)
        identity.add_hfid_constraint(branch, generic, strict=False)
        identity.sync_unique_attributes(branch, generic)
    inheritance.apply_inheritance(branch)
    inheritance.resolve_hierarchy(branch)
    _branch_support(branch)
    for schema in _identified(branch):
        identity.derive_human_friendly_id(branch, schema, strict=False)
        identity.add_hfid_constraint(branch, schema, strict=False)
    for schema in _identified(branch):
        identity.sync_unique_attributes(branch, schema)
    for schema in _all(branch):
        _labels(schema)
    _weights(branch)
    templates.generate_templates(branch)
    profiles.generate_profiles(branch)
    profiles.add_profiles_relationship(branch)
    inheritance.add_hierarchy_relationships(branch)
    for schema in _all(branch):
        _reconcile_parameters(schema)
    _branch_support(branch)


def _after_validation(branch: SchemaBranch) -> None:
    _drop_orphaned_inherited_fields(branch)
    _add_group_relationships(branch)
    templates.add_instance_group_relationships(branch)
    _weights(branch)
    for schema in _all(branch):
        _labels(schema)
        _dropdown_choices(schema)
        _on_delete(schema)
    for schema in _identified(branch):
        identity.derive_human_friendly_id(branch, schema, strict=True)
        identity.add_hfid_constraint(branch, schema, strict=True)


def _all(branch: SchemaBranch) -> Iterator[KindSchema]:
    yield from list(branch.nodes.values())
    yield from list(branch.generics.values())
    yield from list(branch.profiles.values())
    yield from list(branch.templates.values())


def _identified(branch: SchemaBranch) -> list[NodeSchema | GenericSchema]:
    return [*branch.generics.values(), *branch.nodes.values()]


def _fields(schema: KindSchema) -> list[AttributeSchema | RelationshipSchema]:
    return [*schema.attributes, *schema.relationships]


def _drop_absent(branch: SchemaBranch) -> None:
    for table in (branch.nodes, branch.generics):
        for kind in [kind for kind, schema in table.items() if schema.state == "absent"]:
            del table[kind]
    for schema in _identified(branch):
        schema.attributes = [attr for attr in schema.attributes if attr.state != "absent"]
        schema.relationships = [rel for rel in schema.relationships if rel.state != "absent"]


def _identifier_for(kind: str, peer: str) -> str:
    return "__".join(sorted([kind, peer])).lower()


def _fill_identifiers(schema: KindSchema) -> None:
    for rel in schema.relationships:
        if not rel.identifier:
            rel.identifier = _identifier_for(schema.kind, rel.peer)


def _default_values_are_optional(schema: KindSchema) -> None:
    for attr in schema.attributes:
        if attr.default_value is not None and not attr.optional:
            attr.optional = True


def _reconcile_parameters(schema: KindSchema) -> None:
    """Fill `parameters` for the attribute kind and keep the legacy top-level fields in step."""
    for attr in schema.attributes:
        names = c.ATTRIBUTE_PARAMETERS.get(attr.kind, ())
        given = attr.parameters or {}
        attr.parameters = {name: given.get(name) for name in names}
        for legacy in ("regex", "min_length", "max_length"):
            if legacy not in names:
                continue
            if attr.parameters[legacy] is not None:
                setattr(attr, legacy, attr.parameters[legacy])
            elif getattr(attr, legacy) is not None:
                attr.parameters[legacy] = getattr(attr, legacy)


def _cardinality_counts(schema: KindSchema) -> None:
    for rel in schema.relationships:
        if rel.cardinality != "one":
            continue
        if rel.optional:
            rel.min_count, rel.max_count = 0, 1
        else:
            rel.min_count = rel.min_count or 1
            rel.max_count = rel.max_count or 1


def _generic_fields(branch: SchemaBranch, schema: KindSchema) -> dict[str, tuple[GenericSchema, object]]:
    """For each field of a node that one of its generics also has: that generic and its field."""
    found: dict[str, tuple[GenericSchema, object]] = {}
    if not isinstance(schema, NodeSchema):
        return found
    names = {item.name for item in _fields(schema)}
    for generic_kind in schema.inherit_from:
        generic = branch.generics[generic_kind]
        for item in _fields(generic):
            if item.name in names:
                found[item.name] = (generic, item)
    return found


def _branch_support(branch: SchemaBranch) -> None:
    """Fields take their kind's branch support; a relationship takes the stricter of both ends."""
    for schema in _all(branch):
        from_generics = _generic_fields(branch, schema)
        for attr in schema.attributes:
            if attr.branch is None or _follows_generic(attr, schema, from_generics):
                attr.branch = schema.branch
        for rel in schema.relationships:
            if rel.branch is not None and not (
                rel.inherited and _follows_generic(rel, schema, from_generics)
            ):
                continue
            peer = find_kind(branch, rel.peer)
            if schema.branch == peer.branch:
                rel.branch = schema.branch
            elif "local" in (schema.branch, peer.branch):
                rel.branch = "local"
            else:
                rel.branch = "aware"


def _follows_generic(
    item: AttributeSchema | RelationshipSchema,
    schema: KindSchema,
    from_generics: dict[str, tuple[GenericSchema, object]],
) -> bool:
    """An inherited field whose branch support only mirrors its generic's takes the node's instead."""
    if not item.inherited or item.name not in from_generics:
        return False
    generic, field = from_generics[item.name]
    field_branch = getattr(field, "branch", None)
    return item.branch == generic.branch == field_branch != schema.branch


def _labels(schema: KindSchema) -> None:
    if not schema.label:
        schema.label = _format_label(schema.name)
    for item in _fields(schema):
        if not item.label:
            item.label = _format_label(item.name)


def _format_label(name: str) -> str:
    return " ".join(word.title() for word in name.split("_"))


def _weights(branch: SchemaBranch) -> None:
    """Fields without `order_weight` get 1000 x their position; inherited ones keep their generic's."""
    for generic in branch.generics.values():
        _number_fields(generic, {})
    numbered: list[KindSchema] = [*branch.nodes.values(), *branch.profiles.values()]
    for schema in numbered:
        from_generics = _generic_fields(branch, schema)
        inherited_weights = {
            name: getattr(field, "order_weight", None) for name, (_generic, field) in from_generics.items()
        }
        _number_fields(schema, inherited_weights)
    templates.template_weights(branch)


def _number_fields(schema: KindSchema, inherited_weights: dict[str, int | None]) -> None:
    for position, item in enumerate(_fields(schema), start=1):
        if item.order_weight:
            continue
        if item.inherited:
            item.order_weight = inherited_weights.get(item.name)
        if not item.order_weight:
            item.order_weight = position * 1000


def _drop_orphaned_inherited_fields(branch: SchemaBranch) -> None:
    """An inherited field that no generic of the node defines any more goes away."""
    for node in branch.nodes.values():
        generics = [branch.generics[kind] for kind in node.inherit_from if kind in branch.generics]
        attr_names = {attr.name for generic in generics for attr in generic.attributes}
        rel_names = {rel.name for generic in generics for rel in generic.relationships}
        node.attributes = [attr for attr in node.attributes if not attr.inherited or attr.name in attr_names]
        node.relationships = [rel for rel in node.relationships if not rel.inherited or rel.name in rel_names]


def _add_group_relationships(branch: SchemaBranch) -> None:
    if c.GROUP not in branch.generics:
        return
    for schema in _all(branch):
        if schema.kind in (c.GROUP, c.LINEAGE_OWNER, c.LINEAGE_SOURCE):
            continue
        if isinstance(schema, NodeSchema) and c.GROUP in schema.inherit_from:
            continue
        for name, identifier in (
            ("member_of_groups", "group_member"),
            ("subscriber_of_groups", "group_subscriber"),
        ):
            if schema.get_relationship(name) is None:
                schema.relationships.append(
                    RelationshipSchema(
                        name=name,
                        identifier=identifier,
                        peer=c.GROUP,
                        kind="Group",
                        cardinality="many",
                        branch="aware",
                    )
                )


def _dropdown_choices(schema: KindSchema) -> None:
    """Choices sorted by name (descending, as Infrahub), each with a label, a colour and a description."""
    for attr in schema.attributes:
        if attr.kind != "Dropdown" or not attr.choices:
            continue
        choices = sorted(attr.choices, key=lambda choice: choice.name, reverse=True)
        used = [choice.color for choice in choices if choice.color]
        for choice in choices:
            if not choice.color:
                choice.color = next((color for color in c.DROPDOWN_PALETTE if color not in used), None)
                choice.color = choice.color or c.DROPDOWN_FALLBACK_COLOR
                used.append(choice.color)
            choice.label = choice.label or _format_label(choice.name)
            choice.description = choice.description or ""
        attr.choices = choices


def _on_delete(schema: KindSchema) -> None:
    for rel in schema.relationships:
        if rel.on_delete is None:
            rel.on_delete = "cascade" if rel.kind == "Component" else "no-action"
