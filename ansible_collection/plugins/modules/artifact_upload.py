#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: artifact_upload
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Store content rendered by Ansible as an artifact
description:
  - Stores O(content) (or the file O(src)) as the content of the artifact O(artifact_name) of O(target_id),
    creating the artifact from an artifact definition when it does not exist yet.
  - Idempotent by checksum, computed locally; nothing is sent when the artifact already holds the same content.
  - Not in C(opsmill.infrahub) (see opsmill/infrahub-ansible#251).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Compares checksums, stores nothing.
    support: full
  diff_mode:
    description: Shows the checksum before and after.
    support: full
options:
  artifact_id:
    description: Id of an existing artifact.
    type: str
  artifact_name:
    description: Name of the artifact.
    type: str
  target_id:
    description: Id of the node the content belongs to; needed unless O(artifact_id) is given.
    type: str
  definition_name:
    description:
      - Artifact definition of a new artifact.
      - If not set, the definition whose C(artifact_name) is O(artifact_name).
    type: str
  content:
    description: The content to store.
    type: str
  src:
    description: A file on the host running the module whose content is stored.
    type: path
  content_type:
    description: Content type of the artifact.
    type: str
    default: text/plain
"""

EXAMPLES = r"""
- name: Keep the configuration Ansible rendered
  infrahub.lite.artifact_upload:
    artifact_name: startup-config
    target_id: "{{ hostvars[inventory_hostname].id }}"
    content: "{{ lookup('ansible.builtin.template', 'frr.conf.j2') }}"
  delegate_to: localhost
"""

RETURN = r"""
artifact_id:
  description: Id of the artifact.
  returned: success, except for a new artifact in check mode
  type: str
checksum:
  description: Checksum of the content (MD5, as the server records it).
  returned: success
  type: str
storage_id:
  description: Where the new content is stored.
  returned: when the content was stored
  type: str
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.artifacts import upload_artifact
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module


def upload(client: Any, module: AnsibleModule, branch: str) -> dict[str, Any]:
    text = module.params["content"]
    if module.params["src"]:
        with open(module.params["src"], encoding="utf-8") as stream:
            text = stream.read()
    return upload_artifact(client, branch, module.params, text, module.check_mode)


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            artifact_id={"type": "str"},
            artifact_name={"type": "str"},
            target_id={"type": "str"},
            definition_name={"type": "str"},
            content={"type": "str"},
            src={"type": "path"},
            content_type={"type": "str", "default": "text/plain"},
        ),
        required_one_of=[("artifact_id", "artifact_name"), ("content", "src")],
        mutually_exclusive=[("content", "src")],
        required_by={"artifact_name": "target_id"},
        supports_check_mode=True,
    )
    run_module(module, lambda client, settings: upload(client, module, settings["branch"]))


if __name__ == "__main__":
    main()
