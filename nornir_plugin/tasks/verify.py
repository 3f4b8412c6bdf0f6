"""`verify`: operational checks read from the device's own JSON, not from the source of truth."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from nornir.core.task import Result, Task

from nornir_plugin.connections import CONNECTION_NAME, FrrCommandError, FrrVtysh

from ._host import failure
from .config import device_connection

VERIFICATION = "verification"
"""Host data key: the last verify's outcome, for record_compliance."""

Check = Callable[[FrrVtysh], tuple[dict[str, Any], list[str]]]
"""connection -> (what was observed, one line per problem)."""


def bgp_established(device: FrrVtysh) -> tuple[dict[str, Any], list[str]]:
    """Every BGP session FRR knows is Established, and there is at least one (`show bgp summary json`)."""
    summary: dict[str, Any] = device.run_json("show bgp summary json")
    peers: dict[str, dict[str, Any]] = {}
    for family in summary.values():
        if isinstance(family, dict):
            peers.update(family.get("peers", {}))
    observed = {address: peer.get("state", "") for address, peer in sorted(peers.items())}
    problems = [
        f"BGP neighbor {address} (AS {peer.get('remoteAs')}, {peer.get('desc') or 'no description'}) is "
        f"{peer.get('state') or 'unknown'}, not Established"
        for address, peer in sorted(peers.items())
        if peer.get("state") != "Established"
    ]
    if not peers:
        problems.append("no BGP session is configured")
    return observed, problems


CHECKS: dict[str, Check] = {"bgp": bgp_established}


def verify(
    task: Task,
    checks: Sequence[str] = ("bgp",),
    *,
    timeout: float = 0,
    interval: float = 1.0,
    connection: str = CONNECTION_NAME,
) -> Result:
    """Runs `checks` (names of `CHECKS`) until they all pass or `timeout` seconds have gone by (once
    with the default 0: sessions take seconds to come up after a push). Fails with one line per problem.
    """
    unknown = sorted(set(checks) - set(CHECKS))
    if unknown:
        raise ValueError(f"verify: unknown checks {unknown}; known: {sorted(CHECKS)}")
    deadline = time.monotonic() + timeout
    try:
        device = device_connection(task, connection)
        while True:
            observed: dict[str, Any] = {}
            problems: list[str] = []
            for name in checks:
                observed[name], found = CHECKS[name](device)
                problems += found
            if not problems or time.monotonic() >= deadline:
                break
            time.sleep(interval)
    except (FrrCommandError, ValueError) as error:
        task.host.data[VERIFICATION] = {"passed": False, "problems": [str(error)]}
        return failure(task, "verify", error)
    task.host.data[VERIFICATION] = {"passed": not problems, "problems": problems}
    if problems:
        return failure(task, "verify", "; ".join(problems), observed=observed)
    return Result(host=task.host, result=observed)
