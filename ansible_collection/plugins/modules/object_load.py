#!/usr/bin/python
# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
module: object_load
author:
  - infrahub-lite developers (@infrahub-lite)
version_added: "0.1.0"
short_description: Load object files idempotently
description:
  - "Reads object files in the format of C(infrahubctl object load)
    (C(apiVersion: infrahub.app/v1), C(kind: Object), C(spec.kind), C(spec.data)) and makes every listed object
    exist with the given values, like M(infrahub.lite.node) with O(infrahub.lite.node#module:state=present)."
  - Objects are written only when they are missing or differ, so a second run reports no change.
  - References follow M(infrahub.lite.node); nested objects (a relationship given as a dict with C(data)) are refused;
    put them in their own file, loaded first.
  - Not in C(opsmill.infrahub), which has no object file module.
extends_documentation_fragment:
  - infrahub.lite.connection
  - infrahub.lite.connection.MODULES
attributes:
  check_mode:
    description: Reads and compares every object, writes nothing.
    support: full
  diff_mode:
    description: Shows, per object, the fields before and after.
    support: full
options:
  files:
    description: Object files, or directories of them (walked recursively in name order), on the host running the module.
    type: list
    elements: path
    required: true
seealso:
  - module: infrahub.lite.node
  - module: infrahub.lite.schema
"""

EXAMPLES = r"""
- name: Sites and devices of the demo
  infrahub.lite.object_load:
    files:
      - generators/objects/01-sites.yml
      - generators/objects/02-devices.yml
    branch: add-paris
"""

RETURN = r"""
objects:
  description: One entry per object, in file order, with its kind, what was done and the object's id when known.
  returned: always
  type: list
  elements: dict
  sample: [{"kind": "InfraSite", "action": "create", "file": "objects/sites.yml", "index": 0}]
msg:
  description: Counts of created, updated and unchanged objects.
  returned: always
  type: str
  sample: 2 created, 1 updated, 10 unchanged
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.infrahub.lite.plugins.module_utils.errors import (
    InfrahubCollectionError,
    describe_error,
    is_handled_error,
)
from ansible_collections.infrahub.lite.plugins.module_utils.module import argument_spec, run_module
from ansible_collections.infrahub.lite.plugins.module_utils.node_state import NodeState
from ansible_collections.infrahub.lite.plugins.module_utils.schema_files import expand_paths, read_documents

API_VERSION = "infrahub.app/v1"


def object_specs(path: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """`(kind, objects)` for every `kind: Object` document of a file."""
    specs = []
    for number, document in enumerate(read_documents(path)):
        where = f"{path} (document {number + 1})"
        if not isinstance(document, dict) or document.get("apiVersion") != API_VERSION:
            raise InfrahubCollectionError(f"{where}: apiVersion must be {API_VERSION}")
        if document.get("kind") != "Object":
            raise InfrahubCollectionError(f"{where}: kind must be Object, got {document.get('kind')!r}")
        spec = document.get("spec") or {}
        if not spec.get("kind") or not isinstance(spec.get("data"), list):
            raise InfrahubCollectionError(f"{where}: spec needs a kind and a data list")
        for index, item in enumerate(spec["data"]):
            for name, value in item.items():
                if isinstance(value, dict) and "data" in value:
                    raise InfrahubCollectionError(
                        f"{where}: spec.data[{index}].{name}: nested objects are not supported; load them from their own file"
                    )
        specs.append((spec["kind"], spec["data"]))
    return specs


def load_objects(client: Any, module: AnsibleModule, branch: str) -> dict[str, Any]:
    entries, before, after = [], [], []
    counts = {"create": 0, "update": 0, "none": 0}
    for path in expand_paths(module.params["files"]):
        for kind, objects in object_specs(path):
            for index, data in enumerate(objects):
                try:
                    result = NodeState(client, kind, data, branch).ensure_present(module.check_mode)
                except Exception as exc:  # pylint: disable=broad-exception-caught
                    if not is_handled_error(exc):
                        raise
                    raise InfrahubCollectionError(
                        f"{path}: {kind} spec.data[{index}]: {describe_error(exc)}"
                    ) from exc
                counts[result["action"]] += 1
                entry = {"kind": kind, "action": result["action"], "file": path, "index": index}
                if "object" in result:
                    entry["id"] = result["object"]["id"]
                entries.append(entry)
                if result["changed"]:
                    before.append({"kind": kind, **result["diff"]["before"]})
                    after.append({"kind": kind, **result["diff"]["after"]})
    return {
        "changed": bool(counts["create"] or counts["update"]),
        "objects": entries,
        "diff": {"before": before, "after": after},
        "msg": f"{counts['create']} created, {counts['update']} updated, {counts['none']} unchanged",
    }


def main() -> None:
    module = AnsibleModule(
        argument_spec=argument_spec(files={"type": "list", "elements": "path", "required": True}),
        supports_check_mode=True,
    )
    run_module(module, lambda client, settings: load_objects(client, module, settings["branch"]))


if __name__ == "__main__":
    main()
