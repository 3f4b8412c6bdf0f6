"""IP address management and resource pools."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

IP_NAMESPACE: Definition = {
    "name": "IPNamespace",
    "namespace": "Builtin",
    "label": "IP Namespace",
    "description": "A generic container for IP prefixes and IP addresses",
    "icon": "mdi:format-list-group",
    "include_in_menu": False,
    "default_filter": "name__value",
    "display_label": "name__value",
    "order_by": ["name__value"],
    "generate_profile": False,
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {"name": "description", "kind": "Text", "optional": True},
    ],
    "relationships": [
        {
            "name": "ip_prefixes",
            "peer": "BuiltinIPPrefix",
            "allow_override": "none",
            "identifier": "ip_namespace__ip_prefix",
            "on_delete": "cascade",
            "label": "IP Prefixes",
        },
        {
            "name": "ip_addresses",
            "peer": "BuiltinIPAddress",
            "allow_override": "none",
            "identifier": "ip_namespace__ip_address",
            "on_delete": "cascade",
            "label": "IP Addresses",
        },
    ],
}

IPAM_NAMESPACE: Definition = {
    "name": "Namespace",
    "namespace": "Ipam",
    "label": "IPAM Namespace",
    "description": "A namespace that segments IPAM",
    "include_in_menu": False,
    "inherit_from": ["BuiltinIPNamespace"],
    "attributes": [
        {
            "name": "default",
            "kind": "Boolean",
            "description": "Whether this is the default IPAM namespace",
            "optional": True,
            "read_only": True,
            "order_weight": 9000,
        }
    ],
}

IP_PREFIX: Definition = {
    "name": "IPPrefix",
    "namespace": "Builtin",
    "label": "IP Prefix",
    "description": "IPv4 or IPv6 prefix also referred as network",
    "icon": "mdi:ip-network",
    "include_in_menu": False,
    "default_filter": "prefix__value",
    "display_label": "prefix__value",
    "order_by": ["prefix__version", "prefix__binary_address", "prefix__prefixlen"],
    "hierarchical": True,
    "attributes": [
        {"name": "prefix", "kind": "IPNetwork", "description": "The IP prefix in CIDR notation"},
        {"name": "description", "kind": "Text", "optional": True},
        {
            "name": "member_type",
            "kind": "Dropdown",
            "choices": [
                {
                    "color": "#ed6a5a",
                    "description": "Prefix serves as container for other prefixes",
                    "label": "Prefix",
                    "name": "prefix",
                },
                {
                    "color": "#f4f1bb",
                    "description": "Prefix serves as subnet for IP addresses",
                    "label": "Address",
                    "name": "address",
                },
            ],
            "default_value": "address",
            "description": "Whether this prefix contains other prefixes or IP addresses",
        },
        {
            "name": "is_pool",
            "kind": "Boolean",
            "default_value": False,
            "description": "All IP addresses within this prefix are considered usable",
        },
        {
            "name": "is_top_level",
            "kind": "Boolean",
            "allow_override": "none",
            "description": "Whether this prefix has no parent prefix",
            "optional": True,
            "read_only": True,
        },
        {
            "name": "utilization",
            "kind": "Number",
            "allow_override": "none",
            "description": "Percentage of the prefix that is allocated",
            "optional": True,
            "read_only": True,
        },
        {
            "name": "netmask",
            "kind": "Text",
            "allow_override": "none",
            "description": "Subnet mask in dotted decimal notation",
            "optional": True,
            "read_only": True,
        },
        {
            "name": "hostmask",
            "kind": "Text",
            "allow_override": "none",
            "description": "Wildcard mask in dotted decimal notation",
            "optional": True,
            "read_only": True,
        },
        {
            "name": "network_address",
            "kind": "Text",
            "allow_override": "none",
            "description": "Network address of the prefix",
            "optional": True,
            "read_only": True,
        },
        {
            "name": "broadcast_address",
            "kind": "Text",
            "allow_override": "none",
            "description": "Broadcast address of the prefix",
            "optional": True,
            "read_only": True,
        },
    ],
    "relationships": [
        {
            "name": "ip_namespace",
            "peer": "BuiltinIPNamespace",
            "allow_override": "none",
            "cardinality": "one",
            "identifier": "ip_namespace__ip_prefix",
            "label": "IP Namespace",
        },
        {
            "name": "ip_addresses",
            "peer": "BuiltinIPAddress",
            "allow_override": "none",
            "read_only": True,
            "identifier": "ip_prefix__ip_address",
            "label": "IP Addresses",
        },
        {
            "name": "resource_pool",
            "peer": "CoreIPPool",
            "read_only": True,
            "identifier": "ippool__resource",
            "branch": "agnostic",
        },
    ],
}

IP_ADDRESS: Definition = {
    "name": "IPAddress",
    "namespace": "Builtin",
    "label": "IP Address",
    "description": "IPv4 or IPv6 address",
    "icon": "mdi:ip-outline",
    "include_in_menu": False,
    "default_filter": "address__value",
    "display_label": "address__value",
    "order_by": ["address__version", "address__binary_address"],
    "attributes": [
        {"name": "address", "kind": "IPHost", "description": "The IP address with prefix length"},
        {"name": "description", "kind": "Text", "optional": True},
    ],
    "relationships": [
        {
            "name": "ip_namespace",
            "peer": "BuiltinIPNamespace",
            "allow_override": "none",
            "cardinality": "one",
            "identifier": "ip_namespace__ip_address",
            "label": "IP Namespace",
        },
        {
            "name": "ip_prefix",
            "peer": "BuiltinIPPrefix",
            "allow_override": "none",
            "cardinality": "one",
            "read_only": True,
            "identifier": "ip_prefix__ip_address",
            "label": "IP Prefix",
        },
    ],
}

IP_PREFIX_AVAILABLE: Definition = {
    "name": "IPPrefixAvailable",
    "namespace": "Internal",
    "label": "Available IP Prefix",
    "description": "IPv4 or IPv6 prefix also referred as network which has not been allocated yet",
    "include_in_menu": False,
    "display_label": "prefix__value",
    "inherit_from": ["BuiltinIPPrefix"],
    "generate_profile": False,
}

IP_RANGE_AVAILABLE: Definition = {
    "name": "IPRangeAvailable",
    "namespace": "Internal",
    "label": "Available IP Range",
    "description": "Range of IPv4 or IPv6 addresses which has not been allocated yet",
    "include_in_menu": False,
    "display_label": "{{ address__value }} {{ last_address__value }}",
    "inherit_from": ["BuiltinIPAddress"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "last_address",
            "kind": "IPHost",
            "description": "Last IP address in the available range",
            "order_weight": 2000,
        }
    ],
}

RESOURCE_POOL: Definition = {
    "name": "ResourcePool",
    "namespace": "Core",
    "label": "Resource Pool",
    "description": "The resource manager contains pools of resources to allow for automatic assignments.",
    "icon": "mdi:view-grid-outline",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "name__value",
    "display_label": "name__value",
    "order_by": ["name__value"],
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
    "attributes": [
        {"name": "name", "kind": "Text", "unique": True},
        {"name": "description", "kind": "Text", "optional": True},
    ],
}

IP_POOL: Definition = {
    "name": "IPPool",
    "namespace": "Core",
    "label": "IP Pool",
    "description": "A pool of IP resources (prefixes or addresses).",
    "include_in_menu": False,
    "branch": "agnostic",
    "restricted_namespaces": ["Core"],
    "generate_profile": False,
}

WEIGHTED_POOL_RESOURCE: Definition = {
    "name": "WeightedPoolResource",
    "namespace": "Core",
    "label": "Weighted Pool Resource",
    "description": "Resource to be used in a pool, its weight is used to determine its priority on allocation.",
    "include_in_menu": False,
    "generate_profile": False,
    "attributes": [
        {
            "name": "allocation_weight",
            "kind": "Number",
            "description": "Weight determines allocation priority, resources with higher values are selected first.",
            "optional": True,
            "label": "Weight",
            "order_weight": 10000,
        }
    ],
}

IP_PREFIX_POOL: Definition = {
    "name": "IPPrefixPool",
    "namespace": "Core",
    "label": "IP Prefix Pool",
    "description": "A pool of IP prefix resources",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreResourcePool", "LineageSource", "CoreIPPool"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "default_prefix_length",
            "kind": "Number",
            "description": "The default prefix length as an integer for prefixes allocated from this pool.",
            "optional": True,
            "order_weight": 5000,
        },
        {
            "name": "default_member_type",
            "kind": "Text",
            "default_value": "prefix",
            "description": "Default member type for allocated prefixes",
            "enum": ["prefix", "address"],
            "order_weight": 3000,
        },
        {
            "name": "default_prefix_type",
            "kind": "Text",
            "description": "Default prefix type schema to use when allocating",
            "optional": True,
            "order_weight": 4000,
        },
    ],
    "relationships": [
        {
            "name": "resources",
            "peer": "BuiltinIPPrefix",
            "kind": "Attribute",
            "optional": False,
            "identifier": "ippool__resource",
            "branch": "agnostic",
        },
        {
            "name": "ip_namespace",
            "peer": "BuiltinIPNamespace",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
            "identifier": "prefixpool__ipnamespace",
            "branch": "agnostic",
        },
    ],
}

IP_ADDRESS_POOL: Definition = {
    "name": "IPAddressPool",
    "namespace": "Core",
    "label": "IP Address Pool",
    "description": "A pool of IP address resources",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreResourcePool", "LineageSource", "CoreIPPool"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "default_address_type",
            "kind": "Text",
            "description": "The object type to create when reserving a resource in the pool",
            "order_weight": 3000,
        },
        {
            "name": "default_prefix_length",
            "kind": "Number",
            "description": "The default prefix length as an integer for addresses allocated from this pool.",
            "optional": True,
            "order_weight": 4000,
        },
    ],
    "relationships": [
        {
            "name": "resources",
            "peer": "BuiltinIPPrefix",
            "kind": "Attribute",
            "optional": False,
            "identifier": "ippool__resource",
            "branch": "agnostic",
        },
        {
            "name": "ip_namespace",
            "peer": "BuiltinIPNamespace",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
            "identifier": "ipaddresspool__ipnamespace",
            "branch": "agnostic",
        },
    ],
}

NUMBER_POOL: Definition = {
    "name": "NumberPool",
    "namespace": "Core",
    "label": "Number Pool",
    "description": "A pool of number resources",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreResourcePool", "LineageSource"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "node",
            "kind": "Text",
            "description": "The model of the object that requires integers to be allocated",
            "order_weight": 3000,
        },
        {
            "name": "node_attribute",
            "kind": "Text",
            "description": "The attribute of the selected model",
            "order_weight": 4000,
        },
        {
            "name": "start_range",
            "kind": "Number",
            "description": "The start range for the pool",
            "order_weight": 5000,
        },
        {
            "name": "end_range",
            "kind": "Number",
            "description": "The end range for the pool",
            "order_weight": 6000,
        },
        {
            "name": "pool_type",
            "kind": "Text",
            "default_value": "User",
            "description": "Defines how this number pool was created",
            "enum": ["User", "Schema"],
            "read_only": True,
        },
    ],
}

GENERICS: list[Definition] = [
    IP_NAMESPACE,
    IP_PREFIX,
    IP_ADDRESS,
    RESOURCE_POOL,
    IP_POOL,
    WEIGHTED_POOL_RESOURCE,
]
NODES: list[Definition] = [
    IPAM_NAMESPACE,
    IP_PREFIX_AVAILABLE,
    IP_RANGE_AVAILABLE,
    IP_PREFIX_POOL,
    IP_ADDRESS_POOL,
    NUMBER_POOL,
]
