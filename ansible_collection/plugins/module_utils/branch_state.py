# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Bring a branch to a requested state: present, absent, merged, rebased or validated."""

from __future__ import annotations

from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError

MERGED_STATUS = "MERGED"


def branch_facts(branch: Any) -> dict[str, Any]:
    """A branch as plain data (`BranchData` is a pydantic model)."""
    data = branch.model_dump(mode="json") if hasattr(branch, "model_dump") else dict(branch)
    return data


def _find(client: Any, name: str) -> Any:
    from infrahub_sdk.exceptions import BranchNotFoundError  # pylint: disable=import-outside-toplevel

    try:
        return client.branch.get(branch_name=name)
    except BranchNotFoundError:
        return None


def _require(client: Any, name: str, state: str) -> Any:
    branch = _find(client, name)
    if branch is None:
        raise InfrahubCollectionError(f"name: branch '{name}' does not exist, so it cannot be {state}")
    return branch


def _status(branch: Any) -> str:
    status = branch_facts(branch).get("status")
    return str(status).upper()


def ensure_branch(client: Any, params: dict[str, Any], check_mode: bool) -> dict[str, Any]:
    """The module result for `state` (see the branch module's documentation)."""
    name, state = params["name"], params["state"]
    if state == "present":
        return _present(client, params, check_mode)
    if state == "absent":
        branch = _find(client, name)
        if branch is None:
            return {"changed": False, "msg": f"branch {name} is absent"}
        if not check_mode and not client.branch.delete(branch_name=name):
            raise InfrahubCollectionError(f"name: the server did not delete branch '{name}'")
        return {
            "changed": True,
            "msg": f"branch {name} deleted",
            "branch": branch_facts(branch),
            "diff": {"before": {"name": name}, "after": {}},
        }
    branch = _require(client, name, state)
    if state == "validated":
        valid = client.branch.validate(branch_name=name)
        return {
            "changed": False,
            "valid": valid,
            "branch": branch_facts(branch),
            "msg": f"branch {name} is {'valid' if valid else 'not valid'}",
        }
    if state == "merged":
        if _status(branch) == MERGED_STATUS:
            return {
                "changed": False,
                "branch": branch_facts(branch),
                "msg": f"branch {name} is already merged",
            }
        if not check_mode and not client.branch.merge(branch_name=name):
            raise InfrahubCollectionError(f"name: the server refused to merge branch '{name}'")
        after = branch if check_mode else client.branch.get(branch_name=name)
        return {"changed": True, "branch": branch_facts(after), "msg": f"branch {name} merged"}
    if not check_mode and not client.branch.rebase(branch_name=name):
        raise InfrahubCollectionError(f"name: the server refused to rebase branch '{name}'")
    after = branch if check_mode else client.branch.get(branch_name=name)
    return {"changed": True, "branch": branch_facts(after), "msg": f"branch {name} rebased"}


def _present(client: Any, params: dict[str, Any], check_mode: bool) -> dict[str, Any]:
    name = params["name"]
    branch = _find(client, name)
    if branch is not None:
        return {"changed": False, "branch": branch_facts(branch), "msg": f"branch {name} exists"}
    diff = {"before": {}, "after": {"name": name, "description": params["description"] or ""}}
    if check_mode:
        return {"changed": True, "diff": diff, "msg": f"branch {name} would be created"}
    created = client.branch.create(
        branch_name=name, sync_with_git=params["sync_with_git"], description=params["description"] or ""
    )
    return {"changed": True, "branch": branch_facts(created), "diff": diff, "msg": f"branch {name} created"}
