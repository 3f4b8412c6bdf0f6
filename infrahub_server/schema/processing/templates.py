"""`Template<Kind>`: object templates for nodes with `generate_template`, and the templates they need.

A node's template needs a template of each node it owns (`Component` peers): those sub-templates
inherit `CoreObjectComponentTemplate` and keep the fields' optionality, where the requested template
makes every field optional.
"""

from __future__ import annotations

from infrahub_server.schema import constants as c
from infrahub_server.schema.models import (
    AttributeSchema,
    NodeSchema,
    RelationshipSchema,
    SchemaBranch,
    TemplateSchema,
)

_COPIED_RELATIONSHIP_KINDS = frozenset({"Component", "Parent", "Attribute", "Generic"})
_OWNED_RELATIONSHIP_KINDS = frozenset({"Component", "Parent"})
# Pools are used as they are: a template points to the pool itself.
_NOT_TEMPLATED = frozenset({"CoreNumberPool", "CoreIPAddressPool", "CoreIPPrefixPool", "CoreResourcePool"})
_INSTANCE_GROUP_RELATIONSHIPS = (
    ("member_of_groups_for_instances", "template_group_member_for_instances"),
    ("subscriber_of_groups_for_instances", "template_group_subscriber_for_instances"),
)


def template_kind(kind: str) -> str:
    return f"Template{kind}"


def generate_templates(branch: SchemaBranch) -> None:
    needed: dict[str, NodeSchema] = {}
    for node in branch.nodes.values():
        if _requested(node):
            _link_to_template(node)
            _collect(branch, node, needed)
        else:
            node.relationships = [rel for rel in node.relationships if rel.name != c.TEMPLATE_RELATIONSHIP]

    branch.templates = {
        template_kind(kind): _template_for(branch, node, needed) for kind, node in needed.items()
    }
    if not branch.templates:
        return
    if c.OBJECT_TEMPLATE in branch.generics:
        branch.generics[c.OBJECT_TEMPLATE].used_by = sorted(branch.templates)
    if c.NODE in branch.generics:
        core_node = branch.generics[c.NODE]
        core_node.used_by = sorted({*core_node.used_by, *branch.templates})


def _requested(node: NodeSchema) -> bool:
    return node.namespace not in c.RESTRICTED_NAMESPACES and node.generate_template and node.state != "absent"


def _collect(branch: SchemaBranch, node: NodeSchema, needed: dict[str, NodeSchema]) -> None:
    """The node and, recursively, the nodes it owns or is owned by."""
    if node.kind in needed or node.kind in _NOT_TEMPLATED:
        return
    needed[node.kind] = node
    for rel in node.relationships:
        if rel.kind not in _OWNED_RELATIONSHIP_KINDS or rel.peer in (c.GROUP, c.PROFILE):
            continue
        if rel.kind == "Parent" and node.generate_template:
            continue
        peer = branch.nodes.get(rel.peer)
        if peer is not None:
            _collect(branch, peer, needed)


def _template_for(branch: SchemaBranch, node: NodeSchema, needed: dict[str, NodeSchema]) -> TemplateSchema:
    requested = node.generate_template
    core_kind = c.OBJECT_TEMPLATE if requested else c.OBJECT_COMPONENT_TEMPLATE
    attributes: list[AttributeSchema] = []
    core = branch.generics.get(core_kind)
    name_attr = core.get_attribute("template_name") if core else None
    if name_attr is not None:
        attributes.append(
            name_attr.model_copy(deep=True, update={"id": None, "inherited": False, "branch": node.branch})
        )
    for attr in node.attributes:
        if attr.read_only or attr.unique:
            continue
        optional = True if requested else attr.optional
        attributes.append(
            attr.model_copy(deep=True, update={"id": None, "optional": optional, "order_weight": None})
        )

    template = TemplateSchema(
        name=node.kind,
        namespace="Template",
        kind=template_kind(node.kind),
        label=f"Object template {node.label}",
        description=f"Object template for {node.kind}",
        branch=node.branch,
        include_in_menu=False,
        display_label="template_name__value",
        human_friendly_id=["template_name__value"],
        uniqueness_constraints=[["template_name__value"]],
        inherit_from=[c.LINEAGE_SOURCE, c.NODE, core_kind],
        attributes=attributes,
        relationships=[
            RelationshipSchema(
                name="related_nodes",
                identifier="node__objecttemplate",
                peer=node.kind,
                kind="Template",
                cardinality="many",
                branch="aware",
            )
        ],
    )
    for rel in node.relationships:
        if rel.kind in _COPIED_RELATIONSHIP_KINDS and rel.peer not in (c.GROUP, c.PROFILE):
            template.relationships.append(_template_relationship(rel, requested, needed))
            if rel.kind == "Parent" and not requested:
                template.human_friendly_id = [
                    f"{rel.name}__template_name__value",
                    *(template.human_friendly_id or []),
                ]
                template.uniqueness_constraints = [["template_name__value", rel.name]]
    if node.generate_profile:
        template.relationships.append(
            RelationshipSchema(
                name=c.PROFILES_RELATIONSHIP,
                identifier="template__profile",
                peer=c.PROFILE,
                kind="Profile",
                cardinality="many",
                branch="aware",
                order_weight=c.PROFILES_ORDER_WEIGHT,
            )
        )
    return template


def _template_relationship(
    rel: RelationshipSchema, requested: bool, needed: dict[str, NodeSchema]
) -> RelationshipSchema:
    owned = rel.kind in _OWNED_RELATIONSHIP_KINDS
    peer = template_kind(rel.peer) if owned and rel.peer in needed else rel.peer
    return RelationshipSchema(
        name=rel.name,
        peer=peer,
        kind=rel.kind,
        optional=rel.kind != "Parent" if requested else rel.optional,
        cardinality=rel.cardinality,
        direction=rel.direction,
        branch=rel.branch,
        identifier=f"template_{rel.identifier}" if rel.identifier else None,
        min_count=rel.min_count,
        max_count=rel.max_count,
        # Infrahub title-cases the raw name here (`Primary_Address`), unlike other labels.
        label=f"{rel.name} template".title() if owned else rel.name.title(),
        inherited=rel.inherited,
    )


def _link_to_template(node: NodeSchema) -> None:
    settings = {
        "name": c.TEMPLATE_RELATIONSHIP,
        "identifier": "node__objecttemplate",
        "peer": template_kind(node.kind),
        "kind": "Template",
        "cardinality": "one",
        "branch": "aware",
        "order_weight": 1,
        "min_count": 0,
        "max_count": 1,
    }
    existing = node.get_relationship(c.TEMPLATE_RELATIONSHIP)
    if existing is None:
        node.relationships.append(RelationshipSchema.model_validate(settings))
    else:
        for field, value in settings.items():
            setattr(existing, field, value)


def template_weights(branch: SchemaBranch) -> None:
    """Template fields sit 10000 after the node's own field of the same name; others have no weight."""
    for template in branch.templates.values():
        node = branch.nodes.get(template.name)
        if node is None:
            continue
        weights = {item.name: item.order_weight for item in _fields(node)}
        for item in _fields(template):
            if item.order_weight:
                continue
            weight = weights.get(item.name)
            item.order_weight = weight + 10_000 if weight else None


def _fields(schema: NodeSchema | TemplateSchema) -> list[AttributeSchema | RelationshipSchema]:
    return [*schema.attributes, *schema.relationships]


def add_instance_group_relationships(branch: SchemaBranch) -> None:
    """Groups a template's future instances join: their own identifiers keep the template out of them."""
    for template in branch.templates.values():
        for name, identifier in _INSTANCE_GROUP_RELATIONSHIPS:
            if template.get_relationship(name) is None:
                template.relationships.append(
                    RelationshipSchema(
                        name=name,
                        identifier=identifier,
                        peer=c.GROUP,
                        kind="Generic",
                        cardinality="many",
                        optional=True,
                        branch="aware",
                    )
                )
