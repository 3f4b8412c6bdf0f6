#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: node
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Create, update or delete one node
description:
  - Makes one node of O(kind) on O(branch) match O(data), or removes it.
  - The node is found by C(id) or C(hfid) in O(data), else by the human-friendly id (HFID) built from O(data),
    else by a unique attribute in O(data).
  - Only the fields named in O(data) are compared; a write happens only when one of them differs.
  - A new node is written with the kind's C(Upsert) mutation, a changed one with C(Update) carrying only the
    changed fields.
  - The options are those of C(opsmill.infrahub.node).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Reads and compares, writes nothing.
    support: full
  diff_mode:
    description: Shows the named fields before and after.
    support: full
options:
  kind:
    description: Kind of the node, for example V(InfraDevice) or V(BuiltinTag).
    type: str
    required: true
  data:
    description:
      - Attribute values and relationships of the node, plus optional C(id) or C(hfid) to find it.
      - An attribute is a value, or a dict with C(value) and properties such as C(is_protected); only the value
        is compared, and properties are sent when the node is created.
      - A cardinality-one relationship is an id (UUID string), a one-part HFID (other string), an HFID (list),
        or a dict with C(id) or C(hfid); a cardinality-many relationship is a list of those.
    type: dict
    required: true
  state:
    description: Whether the node should exist.
    type: str
    choices: [present, absent]
    default: present
  file_path:
    description:
      - For a kind that inherits C(CoreFileObject), a local file the node should hold.
      - It is uploaded when the node is created, and again when its SHA-1 differs from the node's C(checksum).
      - The server sets C(file_name), C(file_type), C(file_size) and C(checksum) from the upload.
    type: path
  fetch_file:
    description:
      - For a kind that inherits C(CoreFileObject), download the node's file (after any change) and return it
        as RV(file).
    type: bool
    default: false
seealso:
  - module: infrahub.lite.object_load
  - plugin: infrahub.lite.inventory
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: A tag exists
  infrahub.lite.node:
    kind: BuiltinTag
    data:
      name: edge

- name: A device with its site (by HFID) and tags
  infrahub.lite.node:
    kind: InfraDevice
    branch: add-paris
    data:
      name: paris-edge-1
      role: edge
      site: paris
      tags: [[edge], [blue]]

- name: A rendered configuration kept as a file object
  infrahub.lite.node:
    kind: NetConfigFile
    data:
      name: paris-edge-1.conf
    file_path: build/paris-edge-1.conf

- name: Read it back
  infrahub.lite.node:
    kind: NetConfigFile
    data:
      name: paris-edge-1.conf
    fetch_file: true
  register: config_file

- name: The device is gone
  infrahub.lite.node:
    kind: InfraDevice
    branch: add-paris
    data:
      name: paris-edge-1
    state: absent
"""

RETURN = r"""
object:
  description: The node's id, kind, display label and the fields named in O(data), as read before any change.
  returned: when the node existed or was created (not in check mode)
  type: dict
  sample: {"id": "18a6c2c0-5d21-4c2b-9d38-2f8c1a2b3c4d", "kind": "InfraDevice", "display_label": "paris-edge-1", "role": "core"}
action:
  description: What was (or in check mode would be) done.
  returned: always
  type: str
  sample: update
file:
  description:
    - The node's file, with C(file_name), C(file_type), C(file_size), C(checksum) (SHA-1), C(binary) (base64) and
      C(text) (when the content is UTF-8).
  returned: when O(fetch_file=true) and the node exists
  type: dict
  sample:
    file_name: paris-edge-1.conf
    file_type: text/plain
    file_size: 22
    checksum: 5f0c0a4e0c3a1cbf1d8bd0bb1ed6c8ad4e0f3c59
    binary: aG9zdG5hbWUgcGFyaXMtZWRnZS0xCg==
    text: "hostname paris-edge-1\n"
msg:
  description: A sentence saying what happened.
  returned: always
  type: str
  sample: InfraDevice updated (role)
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module
from ansible_collections.infrahub.lite.plugins.module_utils.node_state import NodeState

PAST = {"create": "created", "update": "updated", "delete": "deleted", "none": "unchanged"}


def ensure_node(module: AnsibleModule) -> Any:
    def work(client: Any, settings: dict[str, Any]) -> dict[str, Any]:
        params = module.params
        state = NodeState(client, params["kind"], params["data"], settings["branch"], params["file_path"])
        ensure = state.ensure_absent if params["state"] == "absent" else state.ensure_present
        result = ensure(module.check_mode)
        if params["fetch_file"] and params["state"] == "present":
            fetched = state.fetch_file()
            if fetched is not None:
                result["file"] = fetched
        fields = ", ".join(result["diff"]["after"]) if result["action"] == "update" else ""
        result["msg"] = f"{module.params['kind']} {PAST[result['action']]}" + (
            f" ({fields})" if fields else ""
        )
        return result

    return work


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            kind={"type": "str", "required": True},
            data={"type": "dict", "required": True},
            state={"type": "str", "choices": ["present", "absent"], "default": "present"},
            file_path={"type": "path"},
            fetch_file={"type": "bool", "default": False},
        ),
        supports_check_mode=True,
    )
    run_module(module, ensure_node(module))


if __name__ == "__main__":
    main()
