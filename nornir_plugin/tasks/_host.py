"""What every task needs from its host: the SDK client the inventory configured, the node's identity,
and failed results that say which step failed and why."""

from __future__ import annotations

import threading
import weakref
from typing import Any

from nornir.core.inventory import Hosts
from nornir.core.task import Result, Task

from infrahub_sdk import Config, InfrahubClientSync

_lock = threading.Lock()
_configs: dict[int, tuple[weakref.ref[Hosts], Config]] = {}


def get_client(task: Task) -> InfrahubClientSync:
    """A new SDK client configured as the inventory's (address, credentials, branch, TLS, timeout);
    `with get_client(task) as client:` closes its connections at the end.

    The first call for an inventory reads one host's `InfrahubNode` to find the inventory's client
    and copies its configuration. Tasks do not share the inventory's client itself: it closes its
    connections after each node it fetches, which would cut requests other hosts' threads have in
    flight on it.
    """
    return InfrahubClientSync(config=_inventory_config(task))


def _inventory_config(task: Task) -> Config:
    hosts = task.nornir.inventory.hosts
    with _lock:
        known = _configs.get(id(hosts))
        if known is not None and known[0]() is hosts:
            return known[1]
        inventory_client: InfrahubClientSync = task.host.data["InfrahubNode"]._client
        key = id(hosts)
        _configs[key] = (weakref.ref(hosts, lambda _: _configs.pop(key, None)), inventory_client.config)
        return inventory_client.config


def node_identity(task: Task) -> dict[str, str]:
    """`{"id", "kind"}` of the host's node, from the inventory (no request)."""
    identity: dict[str, str] = task.host.data["infrahub"]
    return identity


def failure(task: Task, step: str, reason: object, **extra: Any) -> Result:
    """A failed result for `step` whose text names the host, the step and the reason."""
    return Result(host=task.host, failed=True, result=f"{task.host.name}: {step} failed: {reason}", **extra)
