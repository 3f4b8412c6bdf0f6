#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: ip_allocate
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Take the next IP address or prefix from a resource pool
description:
  - Asks the pool O(pool_id) for the next free address (C(CoreIPAddressPool)) or prefix (C(CoreIPPrefixPool)).
  - The server answers the same O(identifier) with the same resource, so running the task again returns the
    address or prefix it returned the first time.
  - The protocol does not say whether the resource was new, so the task reports a change whenever it asks.
  - Not in C(opsmill.infrahub).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Asks for nothing.
    support: full
  diff_mode:
    description: Nothing to show.
    support: none
options:
  pool_id:
    description: Id of the pool.
    type: str
    required: true
  resource:
    description: Whether to take an address or a prefix.
    type: str
    choices: [address, prefix]
    default: address
  identifier:
    description: What the resource is for (for example V(paris-edge-1-loopback)); the key of the allocation.
    type: str
    required: true
  prefix_length:
    description: Length of the prefix, or of the address's prefix.
    type: int
  member_type:
    description: For a prefix, whether its members are addresses or prefixes.
    type: str
    choices: [address, prefix]
  data:
    description: Attribute values of the new address or prefix (for example C(description)).
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: A loopback address for the router
  infrahub.lite.ip_allocate:
    pool_id: "{{ loopback_pool_id }}"
    identifier: "{{ inventory_hostname }}-loopback"
    data:
      description: "{{ inventory_hostname }} loopback"
  register: loopback
  delegate_to: localhost
"""

RETURN = r"""
resource:
  description: The allocated address or prefix (id, kind, identifier, display label).
  returned: success, not in check mode
  type: dict
  sample: {"id": "18a6c2c0-5d21-4c2b-9d38-2f8c1a2b3c4d", "kind": "IpamIPAddress", "identifier": "r1-loopback", "display_label": "10.0.0.1/32"}
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module
from ansible_collections.infrahub.lite.plugins.module_utils.graphql import graphql_literal

MUTATIONS = {"address": "InfrahubIPAddressPoolGetResource", "prefix": "InfrahubIPPrefixPoolGetResource"}


def allocation_document(params: dict[str, Any]) -> tuple[str, str]:
    """The mutation name and its text, values inline (the input type's name differs between servers)."""
    mutation = MUTATIONS[params["resource"]]
    data: dict[str, Any] = {"id": params["pool_id"], "identifier": params["identifier"]}
    if params["prefix_length"] is not None:
        data["prefix_length"] = params["prefix_length"]
    if params["member_type"]:
        data["member_type"] = params["member_type"]
    if params["data"]:
        data["data"] = params["data"]
    document = f"mutation AllocateFromPool {{ {mutation}(data: {graphql_literal(data)}) {{ ok node {{ id kind identifier display_label }} }} }}"
    return mutation, document


def allocate(client: Any, params: dict[str, Any], branch: str, check_mode: bool) -> dict[str, Any]:
    if check_mode:
        return {"changed": True, "msg": f"would ask pool {params['pool_id']} for an {params['resource']}"}
    mutation, document = allocation_document(params)
    response = client.execute_graphql(query=document, branch_name=branch)[mutation]
    if not response.get("ok") or not response.get("node"):
        raise InfrahubCollectionError(f"pool_id: pool {params['pool_id']} allocated nothing")
    return {
        "changed": True,
        "resource": response["node"],
        "msg": f"allocated {response['node'].get('display_label')}",
    }


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            pool_id={"type": "str", "required": True},
            resource={"type": "str", "choices": ["address", "prefix"], "default": "address"},
            identifier={"type": "str", "required": True},
            prefix_length={"type": "int"},
            member_type={"type": "str", "choices": ["address", "prefix"]},
            data={"type": "dict", "default": {}},
        ),
        supports_check_mode=True,
    )
    run_module(
        module,
        lambda client, settings: allocate(client, module.params, settings["branch"], module.check_mode),
    )


if __name__ == "__main__":
    main()
