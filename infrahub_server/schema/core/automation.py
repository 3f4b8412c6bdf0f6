"""Event-driven automation: webhooks with their headers, trigger rules, matches and actions."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

KEY_VALUE: Definition = {
    "name": "KeyValue",
    "namespace": "Core",
    "label": "Key Value",
    "description": "A reusable key-value pair for associating named values with other objects",
    "icon": "mdi:key-variant",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "{{ name__value }}",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "name",
            "kind": "Text",
            "description": "Unique name identifying this key-value pair",
            "unique": True,
        },
        {"name": "key", "kind": "Text", "description": "The key portion of the key-value pair"},
        {
            "name": "description",
            "kind": "Text",
            "description": "Optional description of this key-value pair",
            "optional": True,
        },
        {"name": "value", "kind": "Text", "description": "The value portion of the key-value pair"},
    ],
}

STATIC_KEY_VALUE: Definition = {
    "name": "StaticKeyValue",
    "namespace": "Core",
    "label": "Static Key Value",
    "description": "A key-value pair with a plain-text value",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreKeyValue"],
    "generate_profile": False,
}

ENV_KEY_VALUE: Definition = {
    "name": "EnvKeyValue",
    "namespace": "Core",
    "label": "Environment Variable Key Value",
    "description": "A key-value pair whose value is resolved from an environment variable at send time",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreKeyValue"],
    "generate_profile": False,
}

WEBHOOK: Definition = {
    "name": "Webhook",
    "namespace": "Core",
    "description": "A webhook that connects to an external integration",
    "icon": "mdi:webhook",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "name__value",
    "display_label": "name__value",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {
            "name": "event_type",
            "kind": "Text",
            "default_value": "all",
            "description": "The event type that triggers the webhook",
            "enum": [
                "all",
                "infrahub.branch.created",
                "infrahub.branch.deleted",
                "infrahub.branch.merged",
                "infrahub.branch.migrated",
                "infrahub.branch.rebased",
                "infrahub.schema.updated",
                "infrahub.node.created",
                "infrahub.node.updated",
                "infrahub.node.deleted",
                "infrahub.group.member_added",
                "infrahub.group.member_removed",
                "infrahub.group.auto_created",
                "infrahub.group.auto_create_rejected",
                "infrahub.group.auto_create_capped",
                "infrahub.proposed_change.merged",
                "infrahub.proposed_change.review_requested",
                "infrahub.proposed_change.approved",
                "infrahub.proposed_change.rejected",
                "infrahub.proposed_change.approval_revoked",
                "infrahub.proposed_change.approvals_revoked",
                "infrahub.proposed_change.rejection_revoked",
                "infrahub.proposed_change_thread.created",
                "infrahub.proposed_change_thread.updated",
                "infrahub.repository.update_commit",
                "infrahub.artifact.created",
                "infrahub.artifact.updated",
                "infrahub.validator.started",
                "infrahub.validator.passed",
                "infrahub.validator.failed",
                "infrahub.account.logged_in",
                "infrahub.account.logged_out",
            ],
            "order_weight": 1500,
        },
        {
            "name": "active",
            "kind": "Boolean",
            "default_value": True,
            "description": "Indicates if this webhook is enabled",
            "order_weight": 1750,
        },
        {
            "name": "branch_scope",
            "kind": "Dropdown",
            "allow_override": "none",
            "choices": [
                {
                    "color": "#e5e7eb",
                    "description": "All branches except the default branch",
                    "label": "Other Branches",
                    "name": "other_branches",
                },
                {
                    "color": "#86efac",
                    "description": "Only the default branch",
                    "label": "Default Branch",
                    "name": "default_branch",
                },
                {
                    "color": "#fef08a",
                    "description": "All branches",
                    "label": "All Branches",
                    "name": "all_branches",
                },
            ],
            "default_value": "default_branch",
            "description": "Which branches should trigger this webhook",
            "order_weight": 2000,
        },
        {
            "name": "node_kind",
            "kind": "Text",
            "description": "Only send node mutation events for nodes of this kind",
            "optional": True,
            "order_weight": 2250,
        },
        {"name": "description", "kind": "Text", "optional": True, "order_weight": 2500},
        {
            "name": "url",
            "kind": "URL",
            "description": "Target URL to send webhook requests to",
            "order_weight": 3000,
        },
        {
            "name": "validate_certificates",
            "kind": "Boolean",
            "description": "Whether to validate SSL/TLS certificates",
            "optional": True,
            "order_weight": 5000,
        },
    ],
    "relationships": [
        {
            "name": "headers",
            "peer": "CoreKeyValue",
            "description": "Custom HTTP headers sent with webhook requests",
            "kind": "Attribute",
            "identifier": "webhook__headers",
            "order_weight": 6000,
        }
    ],
}

STANDARD_WEBHOOK: Definition = {
    "name": "StandardWebhook",
    "namespace": "Core",
    "label": "Standard Webhook",
    "description": "A webhook that connects to an external integration",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreWebhook", "CoreTaskTarget"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "shared_key",
            "kind": "Password",
            "description": "Shared secret key for webhook authentication",
            "order_weight": 4000,
        }
    ],
}

CUSTOM_WEBHOOK: Definition = {
    "name": "CustomWebhook",
    "namespace": "Core",
    "label": "Custom Webhook",
    "description": "A webhook that connects to an external integration",
    "icon": "mdi:cog-outline",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreWebhook", "CoreTaskTarget"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "shared_key",
            "kind": "Password",
            "description": "Shared secret key for webhook authentication",
            "optional": True,
            "order_weight": 4000,
        }
    ],
    "relationships": [
        {
            "name": "transformation",
            "peer": "CoreTransformPython",
            "cardinality": "one",
            "kind": "Attribute",
            "identifier": "webhook___transformation",
            "order_weight": 7000,
        }
    ],
}

ACTION: Definition = {
    "name": "Action",
    "namespace": "Core",
    "label": "Core Action",
    "description": "An action that can be executed by a trigger",
    "icon": "mdi:cards-diamond-outline",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "name__value",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "name",
            "kind": "Text",
            "description": "Short descriptive name",
            "unique": True,
            "order_weight": 100,
        },
        {
            "name": "description",
            "kind": "Text",
            "description": "A detailed description of the action",
            "optional": True,
            "order_weight": 200,
        },
    ],
    "relationships": [
        {
            "name": "triggers",
            "peer": "CoreTriggerRule",
            "description": "The triggers that would execute this action once the triggering condition is met",
            "kind": "Attribute",
            "identifier": "core_action__core_triggerrule",
            "order_weight": 1000,
        }
    ],
}

GENERATOR_ACTION: Definition = {
    "name": "GeneratorAction",
    "namespace": "Core",
    "label": "Generator Action",
    "description": "An action that runs a generator definition once triggered",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreAction"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "generator",
            "peer": "CoreGeneratorDefinition",
            "cardinality": "one",
            "description": "The generator definition to execute once this action gets triggered",
            "kind": "Attribute",
            "optional": False,
            "identifier": "core_generator_action__generator_definition",
            "order_weight": 400,
        }
    ],
}

GROUP_ACTION: Definition = {
    "name": "GroupAction",
    "namespace": "Core",
    "label": "Group Action",
    "description": "A group action that adds or removes members from a group once triggered",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreAction"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "member_action",
            "kind": "Dropdown",
            "choices": [
                {
                    "color": "#ff2d55",
                    "description": "Remove impacted member from the selected group",
                    "label": "Remove member",
                    "name": "remove_member",
                },
                {
                    "color": "#4cd964",
                    "description": "Add impacted member to the selected group",
                    "label": "Add member",
                    "name": "add_member",
                },
            ],
            "default_value": "add_member",
            "description": "Defines if the action should add or remove members from a group when triggered",
            "order_weight": 300,
        }
    ],
    "relationships": [
        {
            "name": "group",
            "peer": "CoreGroup",
            "cardinality": "one",
            "description": "The target group of this action",
            "kind": "Attribute",
            "optional": False,
            "identifier": "core_action__group",
            "order_weight": 400,
        }
    ],
}

TRIGGER_RULE: Definition = {
    "name": "TriggerRule",
    "namespace": "Core",
    "label": "Trigger Rule",
    "description": "A rule that allows you to define a trigger and map it to an action that runs once the trigger condition is met.",
    "icon": "mdi:filter-cog-outline",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "name__value",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "name",
            "kind": "Text",
            "description": "The name of the trigger rule",
            "unique": True,
            "order_weight": 100,
        },
        {
            "name": "description",
            "kind": "Text",
            "description": "A longer description to define the purpose of this trigger",
            "optional": True,
            "order_weight": 200,
        },
        {
            "name": "active",
            "kind": "Boolean",
            "default_value": True,
            "description": "Indicates if this trigger is enabled or if it's just prepared, could be useful as you are setting up a trigger",
            "order_weight": 250,
        },
        {
            "name": "branch_scope",
            "kind": "Dropdown",
            "allow_override": "none",
            "choices": [
                {
                    "color": "#ff2d55",
                    "description": "All branches except the default branch",
                    "label": "Other Branches",
                    "name": "other_branches",
                },
                {
                    "color": "#5ac8fa",
                    "description": "Only the default branch",
                    "label": "Default Branch",
                    "name": "default_branch",
                },
                {
                    "color": "#4cd964",
                    "description": "All branches",
                    "label": "All Branches",
                    "name": "all_branches",
                },
            ],
            "default_value": "default_branch",
            "description": "Limits the scope with regards to what kind of branches to match against",
            "order_weight": 260,
        },
    ],
    "relationships": [
        {
            "name": "action",
            "peer": "CoreAction",
            "cardinality": "one",
            "description": "The action to execute once the trigger conditions has been met",
            "kind": "Attribute",
            "optional": False,
            "identifier": "core_action__core_triggerrule",
            "order_weight": 1000,
        }
    ],
}

NODE_TRIGGER_RULE: Definition = {
    "name": "NodeTriggerRule",
    "namespace": "Core",
    "label": "Node Trigger Rule",
    "description": "A trigger rule that evaluates modifications to nodes within the Infrahub database",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreTriggerRule"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "node_kind",
            "kind": "Text",
            "description": "The kind of node to match against",
            "order_weight": 300,
        },
        {
            "name": "mutation_action",
            "kind": "Text",
            "description": "The type of modification to match against",
            "enum": ["created", "updated"],
            "order_weight": 400,
        },
    ],
    "relationships": [
        {
            "name": "matches",
            "peer": "CoreNodeTriggerMatch",
            "description": "Use matches to configure the match condition for the selected node kind",
            "kind": "Component",
            "identifier": "core_node_trigger_match__core_trigger_rule",
            "order_weight": 800,
        }
    ],
}

GROUP_TRIGGER_RULE: Definition = {
    "name": "GroupTriggerRule",
    "namespace": "Core",
    "label": "Group Trigger Rule",
    "description": "A trigger rule that matches against updates to memberships within groups",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreTriggerRule"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "member_update",
            "kind": "Dropdown",
            "choices": [
                {
                    "color": "#ff2d55",
                    "description": "Trigger when members are removed from this group",
                    "label": "Removed",
                    "name": "removed",
                },
                {
                    "color": "#4cd964",
                    "description": "Trigger when members are added to this group",
                    "label": "Added",
                    "name": "added",
                },
            ],
            "default_value": "added",
            "description": "Indicate if the match should be for when members are added or removed",
            "order_weight": 300,
        }
    ],
    "relationships": [
        {
            "name": "group",
            "peer": "CoreGroup",
            "cardinality": "one",
            "description": "The group to match against",
            "kind": "Attribute",
            "optional": False,
            "identifier": "core_group_trigger__group",
            "order_weight": 400,
        }
    ],
}

NODE_TRIGGER_MATCH: Definition = {
    "name": "NodeTriggerMatch",
    "namespace": "Core",
    "label": "Node Trigger Match",
    "description": "A trigger match condition related to changes to nodes within the Infrahub database",
    "icon": "mdi:match",
    "include_in_menu": False,
    "branch": "agnostic",
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "trigger",
            "peer": "CoreNodeTriggerRule",
            "cardinality": "one",
            "description": "The node trigger that this match is connected to",
            "kind": "Parent",
            "optional": False,
            "identifier": "core_node_trigger_match__core_trigger_rule",
        }
    ],
}

NODE_TRIGGER_ATTRIBUTE_MATCH: Definition = {
    "name": "NodeTriggerAttributeMatch",
    "namespace": "Core",
    "label": "Node Trigger Attribute Match",
    "description": "A trigger match that matches against attribute changes on a node",
    "include_in_menu": False,
    "branch": "agnostic",
    "human_friendly_id": ["trigger__name__value", "attribute_name__value"],
    "display_label": "attribute_name__value",
    "inherit_from": ["CoreNodeTriggerMatch"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "attribute_name",
            "kind": "Text",
            "description": "The attribue to match against",
            "order_weight": 100,
        },
        {
            "name": "value",
            "kind": "Text",
            "description": "The value the attribute is updated to",
            "optional": True,
            "order_weight": 200,
        },
        {
            "name": "value_previous",
            "kind": "Text",
            "description": "The previous value of the targeted attribute",
            "optional": True,
            "order_weight": 300,
        },
        {
            "name": "value_match",
            "kind": "Dropdown",
            "choices": [
                {
                    "color": "#ff2d55",
                    "description": "Match against the previous value",
                    "label": "Value Previous",
                    "name": "value_previous",
                },
                {
                    "color": "#5ac8fa",
                    "description": "Match against both the current and previous values",
                    "label": "Full value match",
                    "name": "value_full",
                },
                {
                    "color": "#4cd964",
                    "description": "Match against the current value",
                    "label": "Value",
                    "name": "value",
                },
                {"color": "#276cc2", "description": "Match against any value", "label": "Any", "name": "any"},
            ],
            "default_value": "value",
            "description": "The value_match defines how the update will be evaluated, if it has to match the new value, the previous value or both",
            "order_weight": 500,
        },
    ],
}

NODE_TRIGGER_RELATIONSHIP_MATCH: Definition = {
    "name": "NodeTriggerRelationshipMatch",
    "namespace": "Core",
    "label": "Node Trigger Relationship Match",
    "description": "A trigger match that matches against relationship changes on a node",
    "include_in_menu": False,
    "branch": "agnostic",
    "human_friendly_id": ["trigger__name__value", "relationship_name__value"],
    "display_label": "{{ relationship_name__value }} {{ modification_type__value }}",
    "inherit_from": ["CoreNodeTriggerMatch"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "relationship_name",
            "kind": "Text",
            "description": "The name of the relationship to match against",
            "order_weight": 100,
        },
        {
            "name": "modification_type",
            "kind": "Dropdown",
            "allow_override": "none",
            "choices": [
                {
                    "color": "#5ac8fa",
                    "description": "Check if the selected relationship was updated, added or removed.",
                    "label": "Updated",
                    "name": "updated",
                },
                {
                    "color": "#ff2d55",
                    "description": "Check if the selected relationship was removed",
                    "label": "Removed",
                    "name": "removed",
                },
                {
                    "color": "#4cd964",
                    "description": "Check if the selected relationship was added",
                    "label": "Added",
                    "name": "added",
                },
            ],
            "default_value": "added",
            "description": "Indicates if the relationship was added or removed or just updated in any way",
            "order_weight": 200,
        },
        {
            "name": "peer",
            "kind": "Text",
            "description": "The node_id of the relationship peer to match against",
            "optional": True,
            "order_weight": 300,
        },
    ],
}

GENERICS: list[Definition] = [KEY_VALUE, WEBHOOK, ACTION, TRIGGER_RULE, NODE_TRIGGER_MATCH]
NODES: list[Definition] = [
    STATIC_KEY_VALUE,
    ENV_KEY_VALUE,
    STANDARD_WEBHOOK,
    CUSTOM_WEBHOOK,
    GENERATOR_ACTION,
    GROUP_ACTION,
    NODE_TRIGGER_RULE,
    GROUP_TRIGGER_RULE,
    NODE_TRIGGER_ATTRIBUTE_MATCH,
    NODE_TRIGGER_RELATIONSHIP_MATCH,
]
