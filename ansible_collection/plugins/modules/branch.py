#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: branch
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Create, delete, merge, rebase or validate a branch
description:
  - V(present) creates the branch when it does not exist; an existing branch is left as it is.
  - V(absent) deletes the branch when it exists.
  - V(merged) merges the branch into the default branch unless its status is already C(MERGED).
  - V(rebased) moves the branch's start to now on the default branch (always reported as a change).
  - V(validated) asks the server whether the branch can be merged and returns RV(valid); it changes nothing.
  - Same options as C(opsmill.infrahub.branch), which knows only V(present) and V(absent).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Reads the branch and reports what would change; V(validated) still asks the server (it writes nothing).
    support: full
  diff_mode:
    description: Shows the branch created or deleted.
    support: partial
options:
  name:
    description: Name of the branch.
    type: str
    required: true
  description:
    description: Description given to a new branch.
    type: str
  sync_with_git:
    description: Whether a new branch is synchronised with the Git repositories.
    type: bool
    default: false
  state:
    description: What the branch should be (see the description).
    type: str
    choices: [present, absent, merged, rebased, validated]
    default: present
seealso:
  - module: infrahub.lite.node
"""

EXAMPLES = r"""
- name: Work on a branch
  infrahub.lite.branch:
    name: add-paris
    description: Paris edge routers

- name: Can it be merged?
  infrahub.lite.branch:
    name: add-paris
    state: validated
  register: validation

- name: Land it
  infrahub.lite.branch:
    name: add-paris
    state: merged
  when: validation.valid
"""

RETURN = r"""
branch:
  description: The branch as the server describes it (after the change).
  returned: when the branch exists or was created (not in check mode)
  type: dict
  sample: {"name": "add-paris", "status": "OPEN", "is_default": false, "branched_from": "2026-01-31T12:00:00Z"}
valid:
  description: Whether the branch can be merged.
  returned: when O(state=validated)
  type: bool
  sample: true
msg:
  description: A sentence saying what happened.
  returned: always
  type: str
  sample: branch add-paris merged
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.branch_state import ensure_branch
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            name={"type": "str", "required": True},
            description={"type": "str"},
            sync_with_git={"type": "bool", "default": False},
            state={
                "type": "str",
                "choices": ["present", "absent", "merged", "rebased", "validated"],
                "default": "present",
            },
        ),
        supports_check_mode=True,
    )

    def work(client: Any, settings: dict[str, Any]) -> dict[str, Any]:
        return ensure_branch(client, module.params, module.check_mode)

    run_module(module, work)


if __name__ == "__main__":
    main()
