"""`diff_config` and `push_config`: intended against running configuration, and replacing or merging it,
through the `frr_vtysh` connection."""

from __future__ import annotations

from typing import Literal

from nornir.core.task import Result, Task

from nornir_plugin.connections import CONNECTION_NAME, FrrCommandError, FrrVtysh

from ._frr_text import normalised, unified_diff
from ._host import failure
from .render import INTENDED_CONFIG, NO_INTENDED_CONFIG

CONFIG_STATE = "config_state"
"""Host data key: the last known comparison of intended and running configuration, for record_compliance."""


def diff_config(task: Task, config: str | None = None, *, connection: str = CONNECTION_NAME) -> Result:
    """Compares the intended configuration (`config`, else what render_config kept) with the running one.

    `result` is `{"compliant": bool, "changes": <what FRR would delete and add>}` and `diff` a unified
    diff running -> intended; whether they agree is FRR's own verdict (`frr-reload.py --test`).
    """
    intended = _intended(task, config)
    if intended is None:
        return failure(task, "diff_config", NO_INTENDED_CONFIG)
    try:
        device = device_connection(task, connection)
        changes = device.replace_changes(intended)
        diff = unified_diff(device.running_config(), intended) if changes else ""
    except (FrrCommandError, ValueError) as error:
        return failure(task, "diff_config", error)
    compliant = not changes
    task.host.data[CONFIG_STATE] = {"in_sync": compliant, "diff": diff or changes}
    return Result(host=task.host, result={"compliant": compliant, "changes": changes}, diff=diff or changes)


def push_config(
    task: Task,
    config: str | None = None,
    *,
    mode: Literal["replace", "merge"] = "replace",
    dry_run: bool | None = None,
    connection: str = CONNECTION_NAME,
) -> Result:
    """Pushes the intended configuration (`config`, else what render_config kept).

    `replace` makes the running configuration exactly `config` (all or nothing, only the difference is
    applied); `merge` adds its lines to the running configuration. With `dry_run` (or Nornir's global
    dry run) nothing is applied: `diff` shows what would change. A bad line refuses the whole push.
    """
    if mode not in ("replace", "merge"):
        raise ValueError(f"push_config: mode must be 'replace' or 'merge', not {mode!r}")
    intended = _intended(task, config)
    if intended is None:
        return failure(task, f"push_config ({mode})", NO_INTENDED_CONFIG)
    dry = task.is_dry_run(dry_run)
    try:
        device = device_connection(task, connection)
        if mode == "replace":
            return _replace(task, device, intended, dry)
        return _merge(task, device, intended, dry)
    except (FrrCommandError, ValueError) as error:
        return failure(task, f"push_config ({mode})", error)


def _replace(task: Task, device: FrrVtysh, intended: str, dry: bool) -> Result:
    changes = device.replace_changes(intended)
    diff = unified_diff(device.running_config(), intended) if changes else ""
    if not dry:
        if changes:
            device.replace(intended)
        task.host.data[CONFIG_STATE] = {"in_sync": True, "diff": ""}
    return Result(host=task.host, changed=bool(changes), diff=diff or changes, result=changes, dry_run=dry)


def _merge(task: Task, device: FrrVtysh, lines: str, dry: bool) -> Result:
    before = device.running_config()
    if dry:
        device.check(lines)
        present = set(normalised(before))
        missing = [line for line in normalised(lines) if line not in present]
        diff = "\n".join(f"+{line}" for line in missing)
        return Result(host=task.host, changed=bool(missing), diff=diff, result=lines, dry_run=dry)
    device.merge(lines)
    diff = unified_diff(before, device.running_config())
    return Result(host=task.host, changed=bool(diff), diff=diff, result=lines, dry_run=dry)


def _intended(task: Task, config: str | None) -> str | None:
    if config is not None:
        return config
    text = task.host.data.get(INTENDED_CONFIG)
    return str(text) if text is not None else None


def device_connection(task: Task, connection: str) -> FrrVtysh:
    """The host's FRR connection, opened on first use."""
    plugin = task.host.get_connection(connection, task.nornir.config)
    if not isinstance(plugin, FrrVtysh):
        raise ValueError(f"connection {connection!r} is not an FRR connection; use its own configure task")
    return plugin
