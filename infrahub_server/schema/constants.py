"""Names and fixed values that schema processing and validation share."""

from __future__ import annotations

RESTRICTED_NAMESPACES = frozenset(
    {
        "Account",
        "Branch",
        "Builtin",
        "Core",
        "Deprecated",
        "Diff",
        "Infrahub",
        "Internal",
        "Lineage",
        "Schema",
        "Profile",
        "Template",
    }
)

# The `parameters` each attribute kind carries once processed; other kinds carry `{}`.
ATTRIBUTE_PARAMETERS: dict[str, tuple[str, ...]] = {
    "Text": ("regex", "min_length", "max_length"),
    "TextArea": ("regex", "min_length", "max_length"),
    "List": ("regex",),
    "Number": ("min_value", "max_value", "excluded_values"),
    "NumberPool": ("start_range", "end_range", "number_pool_id"),
}

# Colours given, in this order, to dropdown choices defined without one.
DROPDOWN_PALETTE = (
    "#ed6a5a",
    "#f4f1bb",
    "#9bc1bc",
    "#5ca4a9",
    "#e6ebe0",
    "#52489c",
    "#4062bb",
    "#59c3c3",
    "#56638a",
    "#5d737e",
    "#55505c",
    "#592941",
    "#498467",
    "#e5d0e3",
    "#748cab",
    "#018e42",
    "#50808e",
    "#7b2d26",
    "#9799ca",
    "#51bbfe",
)
DROPDOWN_FALLBACK_COLOR = "#ff0000"

NODE = "CoreNode"
GROUP = "CoreGroup"
PROFILE = "CoreProfile"
LINEAGE_OWNER = "LineageOwner"
LINEAGE_SOURCE = "LineageSource"
OBJECT_TEMPLATE = "CoreObjectTemplate"
OBJECT_COMPONENT_TEMPLATE = "CoreObjectComponentTemplate"
IP_PREFIX = "BuiltinIPPrefix"
IP_ADDRESS = "BuiltinIPAddress"
IP_PREFIX_AVAILABLE = "InternalIPPrefixAvailable"
IP_RANGE_AVAILABLE = "InternalIPRangeAvailable"

PROFILES_RELATIONSHIP = "profiles"
TEMPLATE_RELATIONSHIP = "object_template"
PROFILE_IDENTIFIER = "node__profile"
PARENT_CHILD_IDENTIFIER = "parent__child"
PROFILES_ORDER_WEIGHT = 99_000

# Field names that would clash with the node API (GraphQL fields, SDK node methods).
RESERVED_FIELD_NAMES = frozenset(
    {
        "any",
        "attribute",
        "attributes",
        "attr",
        "attrs",
        "relationship",
        "relationships",
        "rel",
        "rels",
        "save",
        "hfid",
        "process_pools",
        "node_metadata",
    }
)
# Generics also may not use these: they are the GraphQL `__typename` discriminator on interfaces.
RESERVED_GENERIC_FIELD_NAMES = frozenset({"type"})
