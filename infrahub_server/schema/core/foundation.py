"""Base kinds every schema builds on: the node interface, lineage, profiles, templates, files and tags."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

NODE: Definition = {
    "name": "Node",
    "namespace": "Core",
    "description": "Base Node in Infrahub.",
    "include_in_menu": False,
}

LINEAGE_OWNER: Definition = {
    "name": "Owner",
    "namespace": "Lineage",
    "description": "Any Entities that is responsible for some data.",
    "documentation": "/topics/metadata",
    "include_in_menu": False,
    "display_labels": [],
}

LINEAGE_SOURCE: Definition = {
    "name": "Source",
    "namespace": "Lineage",
    "description": "Any Entities that stores or produces data.",
    "documentation": "/topics/metadata",
    "include_in_menu": False,
    "display_labels": [],
}

TASK_TARGET: Definition = {
    "name": "TaskTarget",
    "namespace": "Core",
    "label": "Task Target",
    "description": "Extend a node to be associated with tasks",
    "include_in_menu": False,
}

PROFILE: Definition = {
    "name": "Profile",
    "namespace": "Core",
    "description": "Base Profile in Infrahub.",
    "icon": "mdi:shape-plus-outline",
    "include_in_menu": False,
    "default_filter": "profile_name__value",
    "display_label": "profile_name__value",
    "attributes": [
        {
            "name": "profile_name",
            "kind": "Text",
            "description": "Unique name identifier for the profile",
            "unique": True,
            "parameters": {"max_length": 32, "min_length": 3},
        },
        {
            "name": "profile_priority",
            "kind": "Number",
            "default_value": 1000,
            "description": "Priority level for profile application (lower numbers have higher priority)",
        },
    ],
}

OBJECT_TEMPLATE: Definition = {
    "name": "ObjectTemplate",
    "namespace": "Core",
    "label": "Object Templates",
    "description": "Template to create pre-shaped objects.",
    "icon": "mdi:pencil-ruler",
    "include_in_menu": False,
    "default_filter": "template_name__value",
    "display_label": "template_name__value",
    "attributes": [
        {
            "name": "template_name",
            "kind": "Text",
            "description": "Unique name identifier for the template",
            "unique": True,
        }
    ],
}

OBJECT_COMPONENT_TEMPLATE: Definition = {
    "name": "ObjectComponentTemplate",
    "namespace": "Core",
    "label": "Object Component Templates",
    "description": "Component template to create pre-shaped objects.",
    "icon": "mdi:pencil-ruler",
    "include_in_menu": False,
    "default_filter": "template_name__value",
    "display_label": "template_name__value",
    "attributes": [
        {"name": "template_name", "kind": "Text", "description": "Name identifier for the component template"}
    ],
}

FILE_OBJECT: Definition = {
    "name": "FileObject",
    "namespace": "Core",
    "label": "File Object",
    "description": "A file object for storing and managing file attachments",
    "include_in_menu": False,
    "attributes": [
        {
            "name": "file_name",
            "kind": "Text",
            "allow_override": "none",
            "description": "The name of the file as uploaded by the user",
            "display": "extra",
            "read_only": True,
            "order_weight": 99990,
        },
        {
            "name": "checksum",
            "kind": "Text",
            "allow_override": "none",
            "description": "SHA-1 checksum calculated on the uploaded file",
            "display": "extra",
            "read_only": True,
            "order_weight": 99991,
        },
        {
            "name": "file_size",
            "kind": "Number",
            "allow_override": "none",
            "description": "The size of the file in bytes",
            "display": "extra",
            "read_only": True,
            "order_weight": 99992,
        },
        {
            "name": "file_type",
            "kind": "Text",
            "allow_override": "none",
            "description": "The MIME type of the file",
            "display": "extra",
            "read_only": True,
            "order_weight": 99993,
        },
        {
            "name": "storage_id",
            "kind": "Text",
            "allow_override": "none",
            "description": "The ID of the uploaded file in Infrahub's storage",
            "display": "extra",
            "read_only": True,
            "order_weight": 99994,
        },
    ],
}

TAG: Definition = {
    "name": "Tag",
    "namespace": "Builtin",
    "description": "Standard Tag object to attach to other objects to provide some context.",
    "icon": "mdi:tag-multiple",
    "include_in_menu": True,
    "default_filter": "name__value",
    "display_label": "name__value",
    "order_by": ["name__value"],
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {"name": "description", "kind": "Text", "optional": True},
    ],
}

GENERICS: list[Definition] = [
    NODE,
    LINEAGE_OWNER,
    LINEAGE_SOURCE,
    TASK_TARGET,
    PROFILE,
    OBJECT_TEMPLATE,
    OBJECT_COMPONENT_TEMPLATE,
    FILE_OBJECT,
]
NODES: list[Definition] = [TAG]
