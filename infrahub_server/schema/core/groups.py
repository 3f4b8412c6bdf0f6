"""Groups of nodes: standard groups, generator and query groups, repository groups."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

GROUP: Definition = {
    "name": "Group",
    "namespace": "Core",
    "description": "Generic Group Object.",
    "icon": "mdi:group",
    "include_in_menu": False,
    "default_filter": "name__value",
    "display_label": "label__value",
    "order_by": ["name__value"],
    "hierarchical": True,
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {"name": "label", "kind": "Text", "optional": True},
        {"name": "description", "kind": "Text", "optional": True},
        {
            "name": "group_type",
            "kind": "Text",
            "default_value": "default",
            "description": "Type of group (default or internal)",
            "enum": ["default", "internal"],
        },
    ],
    "relationships": [
        {"name": "members", "peer": "CoreNode", "identifier": "group_member"},
        {"name": "subscribers", "peer": "CoreNode", "identifier": "group_subscriber"},
    ],
}

STANDARD_GROUP: Definition = {
    "name": "StandardGroup",
    "namespace": "Core",
    "label": "Standard Group",
    "description": "Group of nodes of any kind.",
    "icon": "mdi:account-group",
    "include_in_menu": False,
    "display_label": "name__value",
    "inherit_from": ["CoreGroup"],
    "generate_profile": False,
}

GENERATOR_GROUP: Definition = {
    "name": "GeneratorGroup",
    "namespace": "Core",
    "label": "Generator Group (local)",
    "description": "Group of nodes that are created by a generator. (local)",
    "icon": "mdi:state-machine",
    "include_in_menu": False,
    "branch": "local",
    "display_label": "name__value",
    "inherit_from": ["CoreGroup"],
    "generate_profile": False,
}

GENERATOR_AWARE_GROUP: Definition = {
    "name": "GeneratorAwareGroup",
    "namespace": "Core",
    "label": "Generator Group (aware)",
    "description": "Group of nodes that are created by a generator. (Aware)",
    "icon": "mdi:state-machine",
    "include_in_menu": False,
    "display_label": "name__value",
    "inherit_from": ["CoreGroup"],
    "generate_profile": False,
}

GRAPHQL_QUERY_GROUP: Definition = {
    "name": "GraphQLQueryGroup",
    "namespace": "Core",
    "label": "GraphQL Query Group",
    "description": "Group of nodes associated with a given GraphQLQuery.",
    "icon": "mdi:account-group",
    "include_in_menu": False,
    "branch": "local",
    "display_label": "name__value",
    "inherit_from": ["CoreGroup"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "parameters",
            "kind": "JSON",
            "description": "GraphQL query parameters for the group",
            "optional": True,
        }
    ],
    "relationships": [
        {
            "name": "query",
            "peer": "CoreGraphQLQuery",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
        }
    ],
}

REPOSITORY_GROUP: Definition = {
    "name": "RepositoryGroup",
    "namespace": "Core",
    "label": "Repository Group",
    "description": "Group of nodes associated with a given repository.",
    "icon": "mdi:account-group",
    "include_in_menu": False,
    "branch": "local",
    "display_label": "name__value",
    "inherit_from": ["CoreGroup"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "content",
            "kind": "Dropdown",
            "choices": [
                {"color": "#ed6a5a", "description": "", "label": "Objects", "name": "object"},
                {"color": "#f4f1bb", "description": "", "label": "Menus", "name": "menu"},
            ],
            "description": "Type of data to load, can be either `object` or `menu`",
        }
    ],
    "relationships": [
        {"name": "repository", "peer": "CoreGenericRepository", "cardinality": "one", "optional": False}
    ],
}

GENERICS: list[Definition] = [GROUP]
NODES: list[Definition] = [
    STANDARD_GROUP,
    GENERATOR_GROUP,
    GENERATOR_AWARE_GROUP,
    GRAPHQL_QUERY_GROUP,
    REPOSITORY_GROUP,
]
