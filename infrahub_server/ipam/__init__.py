"""IP address management and resource pools.

prepare_ipam(store)                      first start: tables and the `default` namespace
ipam_node_service(schema, writer)        NodeService with reconciliation and `from_pool` support
reconcile_nodes(schema, writer, nodes)   reconcile again (on main after a merge)
allocate_prefix / allocate_address       InfrahubIPPrefixPoolGetResource / ...AddressPoolGetResource
allocate_number                          a Number attribute's `from_pool`
prefix_utilization, available_space,     utilization fields, `include_available` listings,
next_available_prefix/address, pool_...  InfrahubIP*GetNextAvailable, InfrahubResourcePool*
"""

from infrahub_server.ipam.hooks import IpamHooks, ipam_node_service, reconcile_nodes
from infrahub_server.ipam.ip_pools import Allocated, allocate_address, allocate_prefix
from infrahub_server.ipam.namespaces import default_namespace_id, ensure_default_namespace, prepare_ipam
from infrahub_server.ipam.number_pools import allocate_number
from infrahub_server.ipam.pool_nodes import PoolExhaustedError
from infrahub_server.ipam.views import (
    AvailableSpace,
    PoolUtilization,
    available_space,
    next_available_address,
    next_available_prefix,
    pool_allocated,
    pool_utilization,
    prefix_utilization,
)

__all__ = [
    "Allocated",
    "AvailableSpace",
    "IpamHooks",
    "PoolExhaustedError",
    "PoolUtilization",
    "allocate_address",
    "allocate_number",
    "allocate_prefix",
    "available_space",
    "default_namespace_id",
    "ensure_default_namespace",
    "ipam_node_service",
    "next_available_address",
    "next_available_prefix",
    "pool_allocated",
    "pool_utilization",
    "prefix_utilization",
    "prepare_ipam",
    "reconcile_nodes",
]
