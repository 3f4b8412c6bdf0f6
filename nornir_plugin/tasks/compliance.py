"""`record_compliance`: a device's compliance written back to the source of truth.

The model is the `NetConfigCompliance` kind of `generators/schemas/network.yml`: one record per device
(its name is the device's), rewritten by every run, so the current state is one query away and earlier
results are in the history (time travel, `at`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from nornir.core.task import Result, Task

from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.exceptions import Error

from ._host import failure, get_client, node_identity
from .config import CONFIG_STATE
from .verify import VERIFICATION

COMPLIANCE_KIND = "NetConfigCompliance"


def record_compliance(task: Task, *, kind: str = COMPLIANCE_KIND, branch: str | None = None) -> Result:
    """Writes what diff_config or push_config and verify found for the host in this Nornir run:
    `status` is `compliant` when the configuration is in sync and every check passed."""
    config_state: dict[str, Any] | None = task.host.data.get(CONFIG_STATE)
    verification: dict[str, Any] | None = task.host.data.get(VERIFICATION)
    if config_state is None and verification is None:
        return failure(
            task, "record_compliance", "nothing to record: run diff_config, push_config or verify first"
        )
    in_sync = None if config_state is None else bool(config_state["in_sync"])
    verified = None if verification is None else bool(verification["passed"])
    compliant = in_sync is not False and verified is not False
    data: dict[str, Any] = {
        "name": task.host.name,
        "device": node_identity(task)["id"],
        "status": "compliant" if compliant else "non_compliant",
        "config_in_sync": in_sync,
        "verified": verified,
        "diff": (config_state or {}).get("diff") or None,
        "problems": "\n".join((verification or {}).get("problems", [])) or None,
        "checked_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    try:
        with get_client(task) as client:
            _write(client, kind, data, branch or client.default_branch)
    except (Error, httpx.HTTPError) as error:
        return failure(task, "record_compliance", f"writing {kind} {task.host.name!r}: {error}")
    summary = {key: value for key, value in data.items() if key not in {"device", "name"}}
    return Result(host=task.host, changed=True, result=summary)


def _write(client: InfrahubClientSync, kind: str, data: dict[str, Any], branch: str) -> None:
    """Updates the device's record, or creates it. An upsert would leave out the values that are now
    empty (the SDK sends only set values), so an earlier run's diff or problems would stay."""
    found = client.filters(kind=kind, name__value=data["name"], branch=branch)
    if not found:
        client.create(kind=kind, data=data, branch=branch).save()
        return
    record = found[0]
    for name, value in data.items():
        if name == "device":
            record.device = value
        elif name != "name":
            getattr(record, name).value = value
    record.save()
