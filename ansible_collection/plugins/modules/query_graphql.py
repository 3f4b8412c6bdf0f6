#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: query_graphql
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Send a GraphQL query and return its data
description:
  - Sends O(query) with O(graph_variables) to the GraphQL endpoint of O(branch), optionally at a point in time.
  - A query changes nothing. A document that starts with C(mutation) is reported as a change and is not sent
    in check mode.
  - With O(update_hostvars), the keys of the response's data become facts of the host.
  - Same options as C(opsmill.infrahub.query_graphql), plus O(at).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Queries run; mutations are not sent.
    support: full
  diff_mode:
    description: Nothing to show.
    support: none
options:
  query:
    description: A GraphQL document, or a dict tree rendered as a query (variable types follow the Python types of O(graph_variables)).
    type: raw
    required: true
  graph_variables:
    description: Variables of the query.
    type: dict
    default: {}
  update_hostvars:
    description: Return the response's top-level keys as facts of the host.
    type: bool
    default: false
  at:
    description: Read the data as it was at this time (ISO 8601).
    type: str
"""

EXAMPLES = r"""
- name: Interfaces of a device
  infrahub.lite.query_graphql:
    query: |
      query ($device: String!) {
        InfraInterface(device__name__value: $device) { edges { node { name { value } } } }
      }
    graph_variables:
      device: paris-edge-1
  register: interfaces
"""

RETURN = r"""
data:
  description: The C(data) of the GraphQL response.
  returned: success (not for a mutation in check mode)
  type: dict
  sample: {"InfraInterface": {"edges": [{"node": {"name": {"value": "eth0"}}}]}}
ansible_facts:
  description: The same keys as RV(data), as host facts.
  returned: when O(update_hostvars) is true
  type: dict
"""

import re
from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.graphql import render_document
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module

MUTATION = re.compile(r"^\s*mutation\b")


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            query={"type": "raw", "required": True},
            graph_variables={"type": "dict", "default": {}},
            update_hostvars={"type": "bool", "default": False},
            at={"type": "str"},
        ),
        supports_check_mode=True,
    )

    def work(client: Any, settings: dict[str, Any]) -> dict[str, Any]:
        variables = module.params["graph_variables"] or {}
        document = render_document(module.params["query"], variables)
        is_mutation = bool(MUTATION.match(document))
        if is_mutation and module.check_mode:
            return {"changed": True, "msg": "mutation not sent in check mode"}
        data = client.execute_graphql(
            query=document,
            variables=variables or None,
            branch_name=settings["branch"],
            at=module.params["at"],
        )
        result: dict[str, Any] = {"changed": is_mutation, "data": data}
        if module.params["update_hostvars"]:
            result["ansible_facts"] = data
        return result

    run_module(module, work)


if __name__ == "__main__":
    main()
