# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Bring a proposed change to a requested state: opened or closed, validated, approved, merged."""

from __future__ import annotations

import time
from typing import Any

from ansible_collections.infrahub.lite.plugins.module_utils.errors import InfrahubCollectionError

KIND = "CoreProposedChange"
RUN_CHECKS = "proposed_change.run_checks"
ACTIVE = ("open", "merging")
POLL_SECONDS = 0.2

CHANGE_FIELDS = """
id name { value } description { value } state { value } is_draft { value }
source_branch { value } destination_branch { value }
approved_by { edges { node { id } } }
validations { edges { node {
  __typename label { value } state { value } conclusion { value } started_at { value } completed_at { value }
  checks { edges { node { __typename label { value } conclusion { value } message { value } } } }
} } }
"""
FIND = f"""query($name: String!, $source: String!) {{
  {KIND}(name__value: $name, source_branch__value: $source) {{ edges {{ node {{ {CHANGE_FIELDS} }} }} }}
}}"""
GET = f"query($id: ID!) {{ {KIND}(ids: [$id]) {{ edges {{ node {{ {CHANGE_FIELDS} }} }} }} }}"
CREATE = f"""mutation($data: {KIND}CreateInput!) {{ {KIND}Create(data: $data) {{ ok object {{ id }} }} }}"""
UPDATE = f"""mutation($data: {KIND}UpdateInput!) {{ {KIND}Update(data: $data) {{ ok }} }}"""
REVIEW = """mutation($id: String!) { CoreProposedChangeReview(data: {id: $id, decision: APPROVE}) { ok } }"""
MERGE = """mutation($id: String!) { CoreProposedChangeMerge(data: {id: $id}) { ok } }"""
PROFILE = "query { AccountProfile { id } }"
RUNNING_CHECKS = f"""query($id: String!) {{
  InfrahubTask(related_node__ids: [$id], workflow: ["{RUN_CHECKS}"], state: [PENDING, RUNNING]) {{ count }}
}}"""


def _value(node: dict[str, Any], name: str) -> Any:
    return (node.get(name) or {}).get("value")


def _validator(node: dict[str, Any]) -> dict[str, Any]:
    checks = [edge["node"] for edge in node["checks"]["edges"]]
    return {
        "kind": node["__typename"],
        "label": _value(node, "label"),
        "state": _value(node, "state"),
        "conclusion": _value(node, "conclusion"),
        "started_at": _value(node, "started_at"),
        "completed_at": _value(node, "completed_at"),
        "checks": [
            {
                "kind": check["__typename"],
                "label": _value(check, "label"),
                "conclusion": _value(check, "conclusion"),
                "message": _value(check, "message"),
            }
            for check in checks
        ],
    }


def change_facts(node: dict[str, Any]) -> dict[str, Any]:
    """A proposed change as the module returns it."""
    return {
        "id": node["id"],
        "name": _value(node, "name"),
        "description": _value(node, "description") or "",
        "state": _value(node, "state"),
        "draft": bool(_value(node, "is_draft")),
        "source_branch": _value(node, "source_branch"),
        "destination_branch": _value(node, "destination_branch"),
        "approved_by": [edge["node"]["id"] for edge in node["approved_by"]["edges"]],
        "validators": sorted(
            (_validator(edge["node"]) for edge in node["validations"]["edges"]), key=lambda v: v["label"] or ""
        ),
    }


def _find(client: Any, name: str, source: str) -> dict[str, Any] | None:
    """The active change of that name on that branch, else the newest closed or merged one."""
    found = client.execute_graphql(query=FIND, variables={"name": name, "source": source})[KIND]["edges"]
    changes = [change_facts(edge["node"]) for edge in found]
    for wanted in (ACTIVE, ("closed",), ("merged",)):
        matching = [change for change in changes if change["state"] in wanted]
        if matching:
            return matching[-1]
    return None


def _get(client: Any, change_id: str) -> dict[str, Any]:
    edges = client.execute_graphql(query=GET, variables={"id": change_id})[KIND]["edges"]
    return change_facts(edges[0]["node"])


def _update(client: Any, change_id: str, values: dict[str, Any]) -> None:
    data = {"id": change_id, **{name: {"value": value} for name, value in values.items()}}
    client.execute_graphql(query=UPDATE, variables={"data": data})


def wait_for_validators(client: Any, change_id: str, timeout: int) -> None:
    """Wait until no validator run of the change is pending or running."""
    deadline = time.monotonic() + timeout
    while client.execute_graphql(query=RUNNING_CHECKS, variables={"id": change_id})["InfrahubTask"]["count"]:
        if time.monotonic() > deadline:
            raise InfrahubCollectionError(
                f"wait_for_validators: the validators of proposed change {change_id} did not finish within {timeout} s"
            )
        time.sleep(POLL_SECONDS)


def _wanted_fields(params: dict[str, Any]) -> dict[str, Any]:
    wanted: dict[str, Any] = {}
    if params.get("description") is not None:
        wanted["description"] = params["description"]
    if params.get("draft") is not None:
        wanted["is_draft"] = params["draft"]
    return wanted


def _open(
    client: Any, params: dict[str, Any], change: dict[str, Any] | None, check_mode: bool
) -> tuple[dict[str, Any] | None, list[str]]:
    """Create, reopen or update the change; returns it (None when only planned) and what changed."""
    name, source = params["name"], params["source_branch"]
    wanted = _wanted_fields(params)
    if change is None:
        if check_mode:
            return None, ["created"]
        data = {
            "name": {"value": name},
            "source_branch": {"value": source},
            "destination_branch": {"value": params["destination"]},
            **{field: {"value": value} for field, value in wanted.items()},
        }
        created = client.execute_graphql(query=CREATE, variables={"data": data})[f"{KIND}Create"]
        return _get(client, created["object"]["id"]), ["created"]
    if change["state"] == "merged":
        return change, []
    actions = []
    current = {"description": change["description"], "is_draft": change["draft"]}
    values = {field: value for field, value in wanted.items() if current[field] != value}
    if change["state"] == "closed":
        actions.append("reopened")
        if not check_mode:
            # A closed change accepts no other update: reopen it first.
            _update(client, change["id"], {"state": "open"})
    if values:
        actions.append("updated")
        if not check_mode:
            _update(client, change["id"], values)
    if actions and not check_mode:
        change = _get(client, change["id"])
    return change, actions


def _approve(client: Any, change: dict[str, Any], check_mode: bool) -> bool:
    account = client.execute_graphql(query=PROFILE)["AccountProfile"]["id"]
    if account in change["approved_by"]:
        return False
    if not check_mode:
        client.execute_graphql(query=REVIEW, variables={"id": change["id"]})
    return True


def ensure_proposed_change(client: Any, params: dict[str, Any], check_mode: bool) -> dict[str, Any]:
    """The module result for the options (see the proposed_change module's documentation)."""
    found = _find(client, params["name"], params["source_branch"])
    if params["state"] == "absent":
        return _close(client, params, found, check_mode)
    change, actions = _open(client, params, found, check_mode)
    if change is None:
        return _result(params, found, None, actions, check_mode)
    if params["wait_for_validators"] and change["state"] == "open" and not check_mode:
        wait_for_validators(client, change["id"], params["validators_timeout"])
        change = _get(client, change["id"])
    if params["approve"] and change["state"] == "open" and _approve(client, change, check_mode):
        actions.append("approved")
    if params["merge"] and change["state"] != "merged":
        if not check_mode:
            client.execute_graphql(query=MERGE, variables={"id": change["id"]})
        actions.append("merged")
    if not check_mode and actions:
        change = _get(client, change["id"])
    return _result(params, found, change, actions, check_mode)


def _close(
    client: Any, params: dict[str, Any], change: dict[str, Any] | None, check_mode: bool
) -> dict[str, Any]:
    if change is None or change["state"] != "open":
        return _result(params, change, change, [], check_mode)
    found = change
    if not check_mode:
        _update(client, change["id"], {"state": "closed"})
        change = _get(client, change["id"])
    return _result(params, found, change, ["closed"], check_mode)


def _shown(change: dict[str, Any] | None) -> dict[str, Any]:
    """What `--diff` shows of a change."""
    if change is None:
        return {}
    fields = ("name", "source_branch", "description", "draft", "state")
    return {**{field: change[field] for field in fields}, "approvals": len(change["approved_by"])}


def _planned(params: dict[str, Any], before: dict[str, Any], actions: list[str]) -> dict[str, Any]:
    """In check mode, the change as the actions would leave it."""
    after = dict(before) or {
        "name": params["name"],
        "source_branch": params["source_branch"],
        "description": "",
        "draft": False,
        "approvals": 0,
    }
    if params["state"] == "present":
        after.update({field: params[field] for field in ("description", "draft") if params[field] is not None})
    states = {"created": "open", "reopened": "open", "merged": "merged", "closed": "closed"}
    for action in actions:
        after["state"] = states.get(action, after.get("state"))
        after["approvals"] += action == "approved"
    return after


def _result(
    params: dict[str, Any],
    found: dict[str, Any] | None,
    change: dict[str, Any] | None,
    actions: list[str],
    check_mode: bool,
) -> dict[str, Any]:
    before = _shown(found)
    after = _planned(params, before, actions) if check_mode else _shown(change)
    result: dict[str, Any] = {
        "changed": bool(actions),
        "actions": actions,
        "diff": {"before": before, "after": after if actions else before},
        "msg": f"proposed change {params['name']} {', '.join(actions) if actions else 'unchanged'}",
    }
    if change is not None:
        result.update(
            proposed_change=change,
            id=change["id"],
            state=change["state"],
            validators=change["validators"],
            conclusions={v["label"]: v["conclusion"] for v in change["validators"]},
        )
    return result
