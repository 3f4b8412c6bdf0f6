#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: artifact_generate
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Ask the server to render an artifact again
description:
  - Finds the artifact definition (from the artifact, or the one producing O(artifact_name)) and asks the server
    to render it for O(target_id). Rendering is queued work, so the task always reports a change.
  - Same options as C(opsmill.infrahub.artifact_generate).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Finds the definition, asks for nothing.
    support: full
  diff_mode:
    description: Nothing to show.
    support: none
options:
  artifact_id:
    description: Id of an existing artifact.
    type: str
  artifact_name:
    description: Name of the artifact.
    type: str
  target_id:
    description: Id of the node to render the artifact for.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Render the startup configuration again
  infrahub.lite.artifact_generate:
    artifact_name: startup-config
    target_id: "{{ hostvars[inventory_hostname].id }}"
  delegate_to: localhost
"""

RETURN = r"""
definition_id:
  description: The artifact definition asked to render.
  returned: success
  type: str
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.artifacts import find_artifact, find_definition
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module


def generate(client: Any, params: dict[str, Any], branch: str, check_mode: bool) -> dict[str, Any]:
    artifact = find_artifact(client, branch, params)
    definition = find_definition(client, branch, artifact, params)
    if not check_mode:
        definition.generate(nodes=[params["target_id"]])
    return {"changed": True, "definition_id": definition.id, "msg": "artifact generation requested"}


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            artifact_id={"type": "str"},
            artifact_name={"type": "str"},
            target_id={"type": "str", "required": True},
        ),
        required_one_of=[("artifact_id", "artifact_name")],
        supports_check_mode=True,
    )
    run_module(
        module,
        lambda client, settings: generate(client, module.params, settings["branch"], module.check_mode),
    )


if __name__ == "__main__":
    main()
