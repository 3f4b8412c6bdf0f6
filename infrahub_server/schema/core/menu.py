"""The UI menu."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

MENU: Definition = {
    "name": "Menu",
    "namespace": "Core",
    "description": "Element of the Menu",
    "include_in_menu": False,
    "human_friendly_id": ["namespace__value", "name__value"],
    "display_label": "label__value",
    "hierarchical": True,
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "namespace",
            "kind": "Text",
            "description": "Namespace for the menu item",
            "parameters": {"regex": "^[A-Z][a-z0-9]+$"},
        },
        {"name": "name", "kind": "Text", "order_weight": 1000},
        {"name": "label", "kind": "Text", "optional": True, "order_weight": 2000},
        {
            "name": "kind",
            "kind": "Text",
            "description": "Kind of object this menu item links to",
            "optional": True,
            "order_weight": 2500,
        },
        {
            "name": "path",
            "kind": "Text",
            "description": "URL path for the menu item",
            "optional": True,
            "order_weight": 2500,
        },
        {"name": "description", "kind": "Text", "optional": True, "order_weight": 3000},
        {
            "name": "icon",
            "kind": "Text",
            "description": "Icon identifier for the menu item",
            "optional": True,
            "order_weight": 4000,
        },
        {
            "name": "protected",
            "kind": "Boolean",
            "default_value": False,
            "description": "Whether the menu item is protected from modification",
            "read_only": True,
            "order_weight": 5000,
        },
        {
            "name": "order_weight",
            "kind": "Number",
            "default_value": 2000,
            "description": "Ordering weight for menu item placement",
            "order_weight": 6000,
        },
        {
            "name": "required_permissions",
            "kind": "List",
            "description": "List of permissions required to view this menu item",
            "optional": True,
            "order_weight": 7000,
        },
        {
            "name": "section",
            "kind": "Text",
            "default_value": "object",
            "description": "Section where the menu item appears",
            "enum": ["object", "internal"],
            "order_weight": 8000,
        },
    ],
}

MENU_ITEM: Definition = {
    "name": "MenuItem",
    "namespace": "Core",
    "label": "Menu Item",
    "description": "Menu Item",
    "include_in_menu": False,
    "inherit_from": ["CoreMenu"],
    "generate_profile": False,
}

GENERICS: list[Definition] = [MENU]
NODES: list[Definition] = [MENU_ITEM]
