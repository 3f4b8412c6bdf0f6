#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: schema
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Load, check or export schema
description:
  - V(load) sends the schemas to the server; it is a change when the schema hash moves.
  - V(check) asks the server whether the schemas are valid and what they would change; it changes nothing.
  - V(export) returns the user schema, by namespace.
  - Same options and return values as C(opsmill.infrahub.schema).
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: V(load) runs as V(check) and reports a change when the check's diff is not empty.
    support: full
  diff_mode:
    description: The server's schema diff is returned as RV(schema_diff) by V(check) and by V(load) in check mode.
    support: none
options:
  action:
    description: What to do.
    type: str
    choices: [load, check, export]
    default: load
  schemas:
    description: Schema documents given inline (each with C(version) and C(nodes) or C(generics)).
    type: list
    elements: dict
    default: []
  schema_files:
    description: Schema files or directories of them (YAML or JSON), read on the host running the module.
    type: list
    elements: path
    default: []
  namespaces:
    description: For V(export), the namespaces to export (all user namespaces if empty).
    type: list
    elements: str
    default: []
  wait_until_converged:
    description: For V(load), wait until every server process uses the new schema.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Is the network schema valid?
  infrahub.lite.schema:
    action: check
    schema_files: [generators/schemas]
  register: checked

- name: Load it
  infrahub.lite.schema:
    schema_files: [generators/schemas]

- name: Export the Infra namespace
  infrahub.lite.schema:
    action: export
    namespaces: [Infra]
  register: exported
"""

RETURN = r"""
schema_updated:
  description: Whether the load changed the schema.
  returned: O(action=load), not in check mode
  type: bool
hash:
  description: The schema hash after the load.
  returned: O(action=load), not in check mode
  type: str
previous_hash:
  description: The schema hash before the load.
  returned: O(action=load), not in check mode
  type: str
load_warnings:
  description: Warnings the server gave with the load (C(warnings) in C(opsmill.infrahub.schema)).
  returned: O(action=load), not in check mode
  type: list
  elements: dict
valid:
  description: Whether the server accepts the schemas.
  returned: O(action=check), or O(action=load) in check mode
  type: bool
schema_diff:
  description: The server's schema diff (C(added), C(changed), C(removed)).
  returned: O(action=check) when valid
  type: dict
errors:
  description: Why the server refused the schemas.
  returned: when the server refused them
  type: raw
schemas:
  description: The exported schema, by namespace.
  returned: O(action=export)
  type: dict
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module
from ansible_collections.infrahub.lite.plugins.module_utils.schema_files import (
    diff_is_empty,
    expand_paths,
    read_documents,
)


def _schemas(params: dict[str, Any]) -> list[dict[str, Any]]:
    documents = list(params["schemas"])
    for path in expand_paths(params["schema_files"]):
        documents.extend(read_documents(path))
    return documents


def _check(client: Any, module: AnsibleModule, schemas: list[dict[str, Any]], branch: str) -> dict[str, Any]:
    valid, body = client.schema.check(schemas=schemas, branch=branch)
    if not valid:
        module.fail_json(
            msg="The server refused the schemas", valid=False, errors=(body or {}).get("errors", body)
        )
    diff = (body or {}).get("diff", {})
    changed = module.params["action"] == "load" and not diff_is_empty(body)
    return {"changed": changed, "valid": True, "schema_diff": diff}


def run(client: Any, module: AnsibleModule, branch: str) -> dict[str, Any]:
    action = module.params["action"]
    if action == "export":
        exported = client.schema.export(branch=branch, namespaces=module.params["namespaces"] or None)
        return {"changed": False, "schemas": exported.model_dump(mode="json")}
    schemas = _schemas(module.params)
    if not schemas:
        module.fail_json(msg="schemas, schema_files: give at least one schema")
    if action == "check" or module.check_mode:
        return _check(client, module, schemas, branch)
    response = client.schema.load(
        schemas=schemas, branch=branch, wait_until_converged=module.params["wait_until_converged"]
    )
    if response.errors:
        module.fail_json(msg="The server refused the schemas", errors=response.errors)
    return {
        "changed": response.schema_updated,
        "schema_updated": response.schema_updated,
        "hash": response.hash,
        "previous_hash": response.previous_hash,
        "load_warnings": response.warnings,
    }


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(
            action={"type": "str", "choices": ["load", "check", "export"], "default": "load"},
            schemas={"type": "list", "elements": "dict", "default": []},
            schema_files={"type": "list", "elements": "path", "default": []},
            namespaces={"type": "list", "elements": "str", "default": []},
            wait_until_converged={"type": "bool", "default": False},
        ),
        supports_check_mode=True,
    )
    run_module(module, lambda client, settings: run(client, module, settings["branch"]))


if __name__ == "__main__":
    main()
