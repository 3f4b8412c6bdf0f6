"""`Profile<Kind>`: generated for user kinds, and the `profiles` relationship of every user kind."""

from __future__ import annotations

from infrahub_server.schema import constants as c
from infrahub_server.schema.models import (
    AttributeSchema,
    GenericSchema,
    NodeSchema,
    ProfileSchema,
    RelationshipSchema,
    SchemaBranch,
)

_PROFILES_RELATIONSHIP = {
    "name": c.PROFILES_RELATIONSHIP,
    "identifier": c.PROFILE_IDENTIFIER,
    "peer": c.PROFILE,
    "kind": "Profile",
    "cardinality": "many",
    "branch": "aware",
    "order_weight": c.PROFILES_ORDER_WEIGHT,
}
_PROFILE_COPIED_RELATIONSHIP_KINDS = frozenset({"Generic", "Attribute"})


def _has_profile(schema: NodeSchema | GenericSchema) -> bool:
    restricted = schema.namespace in c.RESTRICTED_NAMESPACES and schema.namespace != "Builtin"
    return not restricted and schema.generate_profile and schema.state != "absent"


def generate_profiles(branch: SchemaBranch) -> None:
    if c.PROFILE not in branch.generics:
        return
    core_profile = branch.generics[c.PROFILE]
    generated: dict[str, ProfileSchema] = {}
    schemas: list[NodeSchema | GenericSchema] = [*branch.nodes.values(), *branch.generics.values()]
    for schema in schemas:
        if _has_profile(schema):
            template_kind = f"Template{schema.kind}"
            profile = _profile_for(
                schema, core_profile, template_kind if template_kind in branch.templates else None
            )
            generated[profile.kind] = profile
    branch.profiles = generated
    if not generated:
        return
    core_profile.used_by = sorted(generated)
    if c.NODE in branch.generics:
        core_node = branch.generics[c.NODE]
        core_node.used_by = sorted({*core_node.used_by, *generated})


def _profile_attribute(source: AttributeSchema, branch_support: str) -> AttributeSchema:
    return source.model_copy(deep=True, update={"id": None, "inherited": False, "branch": branch_support})


def _profile_for(
    schema: NodeSchema | GenericSchema, core_profile: GenericSchema, template_kind: str | None
) -> ProfileSchema:
    fixed = [core_profile.get_attribute(name) for name in ("profile_name", "profile_priority")]
    attributes = [_profile_attribute(attr, schema.branch) for attr in fixed if attr is not None]
    constraint_paths = {path for constraint in schema.uniqueness_constraints or [] for path in constraint}
    constrained = {path.split("__")[0] for path in constraint_paths}
    for attr in schema.attributes:
        if attr.read_only or attr.unique or attr.name in constrained:
            continue
        attributes.append(
            attr.model_copy(
                deep=True,
                update={"id": None, "inherited": False, "optional": True, "default_value": None},
            )
        )

    relationships = [
        RelationshipSchema(
            name="related_nodes",
            identifier=c.PROFILE_IDENTIFIER,
            peer=schema.kind,
            kind="Profile",
            cardinality="many",
            branch="aware",
        )
    ]
    if template_kind is not None:
        relationships.append(
            RelationshipSchema(
                name="related_templates",
                identifier="template__profile",
                peer=template_kind,
                kind="Profile",
                cardinality="many",
                branch="aware",
            )
        )
    for rel in schema.relationships:
        if (
            rel.read_only
            or rel.kind not in _PROFILE_COPIED_RELATIONSHIP_KINDS
            or rel.name in constraint_paths
        ):
            continue
        relationships.append(
            RelationshipSchema(
                name=rel.name,
                peer=rel.peer,
                kind=rel.kind,
                cardinality=rel.cardinality,
                direction=rel.direction,
                branch=rel.branch,
                identifier=f"profile_{rel.identifier}",
                min_count=rel.min_count,
                max_count=rel.max_count,
                label=rel.label,
                order_weight=rel.order_weight,
            )
        )

    return ProfileSchema(
        name=schema.kind,
        namespace="Profile",
        kind=f"Profile{schema.kind}",
        label=f"Profile {schema.label}",
        description=f"Profile for {schema.kind}",
        branch=schema.branch,
        include_in_menu=False,
        display_label="profile_name__value",
        human_friendly_id=["profile_name__value"],
        default_filter="profile_name__value",
        inherit_from=[c.LINEAGE_SOURCE, c.PROFILE, c.NODE],
        attributes=attributes,
        relationships=relationships,
    )


def add_profiles_relationship(branch: SchemaBranch) -> None:
    """Every user kind (and the two synthetic IPAM kinds) points to the profiles applied to it."""
    schemas: list[NodeSchema | GenericSchema] = [*branch.nodes.values(), *branch.generics.values()]
    for schema in schemas:
        restricted = schema.namespace in c.RESTRICTED_NAMESPACES and schema.namespace != "Builtin"
        if restricted and schema.kind not in (c.IP_PREFIX_AVAILABLE, c.IP_RANGE_AVAILABLE):
            continue
        existing = schema.get_relationship(c.PROFILES_RELATIONSHIP)
        if existing is None:
            schema.relationships.append(RelationshipSchema.model_validate(_PROFILES_RELATIONSHIP))
        else:
            for field, value in _PROFILES_RELATIONSHIP.items():
                setattr(existing, field, value)
