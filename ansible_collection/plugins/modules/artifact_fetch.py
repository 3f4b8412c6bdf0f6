#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: artifact_fetch
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Read the content of an artifact
description:
  - Finds the artifact by O(artifact_id), or by O(artifact_name) and O(target_id), and returns its stored content.
  - Same options and return values as C(opsmill.infrahub.artifact_fetch).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Reads only, so it runs in check mode too.
    support: full
  diff_mode:
    description: Nothing to show.
    support: none
options:
  artifact_id:
    description: Id of the artifact.
    type: str
  artifact_name:
    description: Name of the artifact, with O(target_id).
    type: str
  target_id:
    description: Id of the node the artifact was rendered for.
    type: str
"""

EXAMPLES = r"""
- name: Startup configuration of a device
  infrahub.lite.artifact_fetch:
    artifact_name: startup-config
    target_id: "{{ hostvars[inventory_hostname].id }}"
  register: config
  delegate_to: localhost
"""

RETURN = r"""
text:
  description: The stored content.
  returned: success
  type: str
json:
  description: The content parsed, for C(application/json) artifacts.
  returned: when the artifact is JSON
  type: raw
storage_id:
  description: Where the content is stored.
  returned: success
  type: str
checksum:
  description: Checksum of the content.
  returned: success
  type: str
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.artifacts import find_artifact, read_content
from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module


def fetch(client: Any, params: dict[str, Any], branch: str) -> dict[str, Any]:
    artifact = find_artifact(client, branch, params)
    if artifact is None:
        raise InfrahubCollectionError("artifact_name, target_id: no such artifact")
    return {"changed": False, **read_content(client, artifact)}


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            artifact_id={"type": "str"}, artifact_name={"type": "str"}, target_id={"type": "str"}
        ),
        required_one_of=[("artifact_id", "artifact_name")],
        required_by={"artifact_name": "target_id"},
        supports_check_mode=True,
    )
    run_module(module, lambda client, settings: fetch(client, module.params, settings["branch"]))


if __name__ == "__main__":
    main()
