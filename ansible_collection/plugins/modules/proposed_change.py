#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: proposed_change
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Open, validate, approve, merge or close a proposed change
description:
  - A proposed change is found by O(name) and O(source_branch), taking the open one, else the newest closed one,
    else the merged one.
  - V(present) creates the change when there is none, reopens a closed one, and sets O(description) and
    O(draft) when given. A merged change is left as it is.
  - V(absent) closes an open change; a closed, canceled or merged one is left as it is.
  - Then, in this order, O(wait_for_validators) waits for the validators queued by the creation (or by the
    reopening) to finish, O(approve) approves the change as the calling account, and O(merge) merges it.
  - A merge the server refuses (a draft, a failed validator, a conflict without decision, missing approvals)
    fails the task with the server's reason.
  - C(opsmill.infrahub) has no such module.
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Reads the change and reports what would be done; waits for nothing.
    support: full
  diff_mode:
    description: Shows the change's name, source branch, description, draft flag, state and number of approvals.
    support: full
options:
  name:
    description: Name of the proposed change.
    type: str
    required: true
  source_branch:
    description: The branch proposed for merge.
    type: str
    required: true
  destination:
    description: The branch to merge into; the server accepts only the default branch.
    type: str
    default: main
    aliases: [destination_branch]
  description:
    description: Description of the change; left as it is when omitted.
    type: str
  draft:
    description: Whether the change is a draft (a draft cannot be merged); left as it is when omitted.
    type: bool
  state:
    description: V(present) opens the change, V(absent) closes it.
    type: str
    choices: [present, absent]
    default: present
  wait_for_validators:
    description: Wait until the validator runs of the change have finished, then return their conclusions.
    type: bool
    default: false
  validators_timeout:
    description: Seconds to wait for the validators before failing.
    type: int
    default: 300
  approve:
    description: Approve the change as the account of O(token) (the author of a change cannot approve it).
    type: bool
    default: false
  merge:
    description: Merge the change's branch through the change.
    type: bool
    default: false
seealso:
  - module: infrahub.lite.branch
"""

EXAMPLES = r"""
- name: Propose the branch, and wait for its validators
  infrahub.lite.proposed_change:
    name: Add Paris
    source_branch: add-paris
    description: Paris edge routers
    wait_for_validators: true
  register: change

- name: The validators passed
  ansible.builtin.assert:
    that: change.conclusions.values() | difference(['success']) | length == 0

- name: A reviewer approves it
  infrahub.lite.proposed_change:
    name: Add Paris
    source_branch: add-paris
    approve: true
    token: "{{ reviewer_token }}"

- name: Land it
  infrahub.lite.proposed_change:
    name: Add Paris
    source_branch: add-paris
    merge: true

- name: Withdraw a change
  infrahub.lite.proposed_change:
    name: Try Denver
    source_branch: try-denver
    state: absent
"""

RETURN = r"""
id:
  description: Id of the proposed change.
  returned: when the change exists (not for a creation in check mode)
  type: str
state:
  description: State of the change after the task (V(open), V(merged), V(closed), V(canceled)).
  returned: when the change exists
  type: str
  sample: merged
validators:
  description: The change's validators, each with C(kind), C(label), C(state), C(conclusion), C(started_at),
    C(completed_at) and C(checks) (C(kind), C(label), C(conclusion), C(message)).
  returned: when the change exists
  type: list
  elements: dict
conclusions:
  description: Each validator's conclusion by label.
  returned: when the change exists
  type: dict
  sample: {"Data Integrity": "success", "Schema Integrity": "success"}
proposed_change:
  description: The change, with C(id), C(name), C(description), C(state), C(draft), C(source_branch),
    C(destination_branch), C(approved_by) (account ids) and C(validators).
  returned: when the change exists
  type: dict
actions:
  description: What the task did, in order (V(created), V(reopened), V(updated), V(approved), V(merged), V(closed)).
  returned: always
  type: list
  elements: str
msg:
  description: A sentence saying what happened.
  returned: always
  type: str
  sample: proposed change Add Paris created, merged
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module
from ansible_collections.infrahub.lite.plugins.module_utils.proposed_change_state import ensure_proposed_change


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            name={"type": "str", "required": True},
            source_branch={"type": "str", "required": True},
            destination={"type": "str", "default": "main", "aliases": ["destination_branch"]},
            description={"type": "str"},
            draft={"type": "bool"},
            state={"type": "str", "choices": ["present", "absent"], "default": "present"},
            wait_for_validators={"type": "bool", "default": False},
            validators_timeout={"type": "int", "default": 300},
            approve={"type": "bool", "default": False},
            merge={"type": "bool", "default": False},
        ),
        supports_check_mode=True,
    )

    def work(client: Any, settings: dict[str, Any]) -> dict[str, Any]:
        return ensure_proposed_change(client, module.params, module.check_mode)

    run_module(module, work)


if __name__ == "__main__":
    main()
