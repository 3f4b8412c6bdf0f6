"""Accounts, their tokens and identities, roles, groups, permissions and credentials."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

GENERIC_ACCOUNT: Definition = {
    "name": "GenericAccount",
    "namespace": "Core",
    "label": "Account",
    "description": "User Account for Infrahub",
    "icon": "mdi:account",
    "documentation": "/topics/auth",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "name__value",
    "display_label": "label__value",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {"name": "password", "kind": "HashedPassword"},
        {"name": "label", "kind": "Text", "optional": True},
        {"name": "description", "kind": "Text", "optional": True},
        {
            "name": "account_type",
            "kind": "Text",
            "default_value": "User",
            "description": "Type of account (user, script, etc.)",
            "enum": ["User", "Script", "Bot", "Git"],
        },
        {
            "name": "status",
            "kind": "Dropdown",
            "choices": [
                {
                    "color": "#e74c3c",
                    "description": "Account is not allowed to login",
                    "label": "Inactive",
                    "name": "inactive",
                },
                {
                    "color": "#52be80",
                    "description": "Account is allowed to login",
                    "label": "Active",
                    "name": "active",
                },
            ],
            "default_value": "active",
        },
    ],
    "relationships": [
        {
            "name": "tokens",
            "peer": "InternalAccountToken",
            "identifier": "account__token",
            "on_delete": "cascade",
        },
        {
            "name": "refresh_tokens",
            "peer": "InternalRefreshToken",
            "identifier": "account__refreshtoken",
            "on_delete": "cascade",
        },
        {
            "name": "external_identities",
            "peer": "InternalExternalIdentity",
            "identifier": "account__external_identity",
            "on_delete": "cascade",
        },
    ],
}

ACCOUNT: Definition = {
    "name": "Account",
    "namespace": "Core",
    "description": "User Account for Infrahub",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["LineageOwner", "LineageSource", "CoreGenericAccount"],
    "generate_profile": False,
}

ACCOUNT_GROUP: Definition = {
    "name": "AccountGroup",
    "namespace": "Core",
    "label": "Account group",
    "description": "A group of users to manage common permissions",
    "icon": "mdi:account-group",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "name__value",
    "inherit_from": ["LineageOwner", "LineageSource", "CoreGroup"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "origin",
            "kind": "Text",
            "allow_override": "none",
            "description": "Identity provider name that auto-created this group; null on manual / bootstrap / pre-upgrade groups.",
            "display": "extra",
            "optional": True,
            "read_only": True,
        }
    ],
    "relationships": [
        {"name": "roles", "peer": "CoreAccountRole", "kind": "Attribute", "identifier": "role__accountgroups"}
    ],
}

ACCOUNT_ROLE: Definition = {
    "name": "AccountRole",
    "namespace": "Core",
    "label": "Account role",
    "description": "A role defines a set of permissions to grant to a group of accounts",
    "icon": "mdi:user-badge",
    "include_in_menu": False,
    "display_label": "name__value",
    "order_by": ["name__value"],
    "generate_profile": False,
    "attributes": [{"name": "name", "kind": "Text", "unique": True}],
    "relationships": [
        {
            "name": "groups",
            "peer": "CoreAccountGroup",
            "kind": "Attribute",
            "identifier": "role__accountgroups",
        },
        {
            "name": "permissions",
            "peer": "CoreBasePermission",
            "kind": "Attribute",
            "identifier": "role__permissions",
        },
    ],
}

BASE_PERMISSION: Definition = {
    "name": "BasePermission",
    "namespace": "Core",
    "label": "Base permission",
    "description": "A permission grants right to an account",
    "icon": "mdi:user-key",
    "include_in_menu": False,
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "attributes": [
        {"name": "description", "kind": "Text", "optional": True},
        {
            "name": "identifier",
            "kind": "Text",
            "allow_override": "none",
            "description": "Identifier for the permission",
            "optional": True,
            "read_only": True,
        },
    ],
    "relationships": [
        {"name": "roles", "peer": "CoreAccountRole", "kind": "Attribute", "identifier": "role__permissions"}
    ],
}

GLOBAL_PERMISSION: Definition = {
    "name": "GlobalPermission",
    "namespace": "Core",
    "label": "Global permission",
    "description": "A permission that grants global rights to perform actions in Infrahub",
    "include_in_menu": False,
    "branch": "agnostic",
    "human_friendly_id": ["action__value", "decision__value"],
    "display_label": "global:{{ action__value | lower }}:{{ decision__value | value_to_permission_decision_name | lower }}",
    "order_by": ["action__value", "decision__value"],
    "inherit_from": ["CoreBasePermission"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "action",
            "kind": "Dropdown",
            "choices": [
                {
                    "color": "#ed6a5a",
                    "description": "",
                    "label": "Update Object Hfid Display Label",
                    "name": "update_object_hfid_display_label",
                },
                {"color": "#f4f1bb", "description": "", "label": "Super Admin", "name": "super_admin"},
                {
                    "color": "#9bc1bc",
                    "description": "",
                    "label": "Review Proposed Change",
                    "name": "review_proposed_change",
                },
                {"color": "#5ca4a9", "description": "", "label": "Rebase Branch", "name": "rebase_branch"},
                {"color": "#e6ebe0", "description": "", "label": "Read Telemetry", "name": "read_telemetry"},
                {
                    "color": "#52489c",
                    "description": "",
                    "label": "Override Context",
                    "name": "override_context",
                },
                {
                    "color": "#4062bb",
                    "description": "",
                    "label": "Merge Proposed Change",
                    "name": "merge_proposed_change",
                },
                {"color": "#59c3c3", "description": "", "label": "Merge Branch", "name": "merge_branch"},
                {"color": "#56638a", "description": "", "label": "Manage Schema", "name": "manage_schema"},
                {
                    "color": "#5d737e",
                    "description": "",
                    "label": "Manage Repositories",
                    "name": "manage_repositories",
                },
                {
                    "color": "#55505c",
                    "description": "",
                    "label": "Manage Permissions",
                    "name": "manage_permissions",
                },
                {
                    "color": "#592941",
                    "description": "",
                    "label": "Manage Global Preferences",
                    "name": "manage_global_preferences",
                },
                {
                    "color": "#498467",
                    "description": "",
                    "label": "Manage Accounts",
                    "name": "manage_accounts",
                },
                {
                    "color": "#e5d0e3",
                    "description": "",
                    "label": "Edit Default Branch",
                    "name": "edit_default_branch",
                },
                {"color": "#748cab", "description": "", "label": "Delete Branch", "name": "delete_branch"},
            ],
            "description": "The global action this permission grants or denies",
            "order_weight": 2000,
        },
        {
            "name": "decision",
            "kind": "Number",
            "default_value": 6,
            "description": "Decide to deny or allow the action at a global level",
            "enum": [1, 2, 4, 6],
            "order_weight": 3000,
        },
    ],
}

OBJECT_PERMISSION: Definition = {
    "name": "ObjectPermission",
    "namespace": "Core",
    "label": "Object permission",
    "description": "A permission that grants rights to perform actions on objects",
    "include_in_menu": False,
    "human_friendly_id": ["namespace__value", "name__value", "action__value", "decision__value"],
    "display_label": "object:{{ namespace__value }}:{{ name__value }}:{{ action__value | value_to_permission_action_name | lower }}:{{ decision__value | value_to_permission_decision_name | lower }}",
    "order_by": ["namespace__value", "name__value", "action__value", "decision__value"],
    "inherit_from": ["CoreBasePermission"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "namespace",
            "kind": "Text",
            "description": "Namespace of the object type this permission applies to",
            "order_weight": 2000,
        },
        {"name": "name", "kind": "Text", "order_weight": 3000},
        {
            "name": "action",
            "kind": "Text",
            "default_value": "any",
            "description": "The action this permission grants or denies",
            "enum": ["any", "create", "update", "delete", "view"],
            "order_weight": 4000,
        },
        {
            "name": "decision",
            "kind": "Number",
            "default_value": 6,
            "description": "Decide to deny or allow the action.If allowed, it can be configured for the default branch, any other branches or all branches",
            "enum": [1, 2, 4, 6],
            "order_weight": 5000,
        },
    ],
}

CREDENTIAL: Definition = {
    "name": "Credential",
    "namespace": "Core",
    "description": "A credential that could be referenced to access external services.",
    "icon": "mdi:key-variant",
    "documentation": "/topics/auth",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "name__value",
    "display_label": "label__value",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {"name": "label", "kind": "Text", "optional": True},
        {"name": "description", "kind": "Text", "optional": True},
    ],
}

PASSWORD_CREDENTIAL: Definition = {
    "name": "PasswordCredential",
    "namespace": "Core",
    "label": "Username / Password",
    "description": "Username/Password based credential",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCredential"],
    "generate_profile": False,
    "attributes": [
        {"name": "username", "kind": "Text", "optional": True, "order_weight": 6000},
        {"name": "password", "kind": "Password", "optional": True, "order_weight": 7000},
    ],
}

INTERNAL_ACCOUNT_TOKEN: Definition = {
    "name": "AccountToken",
    "namespace": "Internal",
    "label": "Account Token",
    "description": "Token for User Account",
    "documentation": "/topics/auth",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "token__value",
    "display_label": "token__value",
    "uniqueness_constraints": [["token__value"]],
    "generate_profile": False,
    "attributes": [
        {"name": "name", "kind": "Text", "optional": True},
        {"name": "token", "kind": "Text", "description": "The authentication token value", "unique": True},
        {
            "name": "expiration",
            "kind": "DateTime",
            "description": "Date and time when the token expires",
            "optional": True,
        },
    ],
    "relationships": [
        {
            "name": "account",
            "peer": "CoreGenericAccount",
            "optional": False,
            "cardinality": "one",
            "identifier": "account__token",
        }
    ],
}

INTERNAL_REFRESH_TOKEN: Definition = {
    "name": "RefreshToken",
    "namespace": "Internal",
    "label": "Refresh Token",
    "description": "Refresh Token",
    "include_in_menu": False,
    "branch": "agnostic",
    "generate_profile": False,
    "attributes": [
        {
            "name": "expiration",
            "kind": "DateTime",
            "description": "Date and time when the refresh token expires",
        }
    ],
    "relationships": [
        {
            "name": "account",
            "peer": "CoreGenericAccount",
            "optional": False,
            "cardinality": "one",
            "identifier": "account__refreshtoken",
        }
    ],
}

INTERNAL_EXTERNAL_IDENTITY: Definition = {
    "name": "ExternalIdentity",
    "namespace": "Internal",
    "label": "External Identity",
    "description": "External authentication provider identity linked to an account",
    "include_in_menu": False,
    "branch": "agnostic",
    "human_friendly_id": ["protocol__value", "provider_name__value", "sub__value"],
    "display_label": "{{ protocol__value }}:{{ provider_name__value }}:{{ sub__value }}",
    "uniqueness_constraints": [["sub__value", "provider_name__value", "protocol__value"]],
    "generate_profile": False,
    "attributes": [
        {"name": "sub", "kind": "Text", "description": "The provider-issued subject identifier"},
        {
            "name": "provider_name",
            "kind": "Text",
            "description": "The provider name as configured in Infrahub, e.g. 'google', 'provider1'",
        },
        {
            "name": "protocol",
            "kind": "Text",
            "description": "The authentication protocol used, e.g. 'oidc', 'oauth2', 'ldap'",
        },
    ],
    "relationships": [
        {
            "name": "account",
            "peer": "CoreGenericAccount",
            "optional": False,
            "cardinality": "one",
            "identifier": "account__external_identity",
        }
    ],
}

GENERICS: list[Definition] = [GENERIC_ACCOUNT, BASE_PERMISSION, CREDENTIAL]
NODES: list[Definition] = [
    ACCOUNT,
    ACCOUNT_GROUP,
    ACCOUNT_ROLE,
    GLOBAL_PERMISSION,
    OBJECT_PERMISSION,
    PASSWORD_CREDENTIAL,
    INTERNAL_ACCOUNT_TOKEN,
    INTERNAL_REFRESH_TOKEN,
    INTERNAL_EXTERNAL_IDENTITY,
]
