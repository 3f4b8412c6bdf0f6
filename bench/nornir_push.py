"""Nornir closed-loop benchmark on real FRR routers: push time per router, and merge -> verified.

    python -m bench.nornir_push [SIZES] [WORKERS]   e.g. python -m bench.nornir_push 6,12 6   (as root)

One server (temporary SQLite) loaded with `generators/`; per size the fabric gets 2 spines and SIZE - 2
leafs, the lab brings the routers up (no management network or sshd: the routers are reached through
`frr_vtysh` by name), and Nornir, with our inventory reading main, runs:

- initial push: render_config (the repository's template, the server's stored query) then
  push_config (replace) on every router, WORKERS at a time; per-router push time is the task's own;
- merge -> verified: a leaf's ASN changes on a branch (its record and its peers' sessions); timed
  from the merge request to every session Established again: merge, load the inventory, render,
  push (only the 3 affected routers change), verify.
"""

from __future__ import annotations

import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from nornir import InitNornir
from nornir.core import Nornir
from nornir.core.task import AggregatedResult, Result, Task

from bench._server import running_server
from bench.lab_converge import REPOSITORY, grow_fabric, load_repository
from infrahub_sdk import Config, InfrahubClientSync
from labkit import Lab, Topology, read_topology, require_prerequisites
from nornir_plugin.tasks import push_config, render_config, verify

PREFIX = "npush-"


def without_management(topology: Topology) -> Topology:
    """The lab's management range may be in use by another lab; this benchmark does not need it."""
    routers = tuple(
        dataclasses.replace(router, interfaces=tuple(i for i in router.interfaces if i.role != "management"))
        for router in topology.routers
    )
    return dataclasses.replace(topology, routers=routers)


def make_nornir(address: str, token: str, workers: int, defaults_file: Path) -> Nornir:
    return InitNornir(
        runner={"plugin": "threaded", "options": {"num_workers": workers}},
        logging={"enabled": False},
        inventory={
            "plugin": "InfrahubInventory",
            "options": {
                "address": address,
                "token": token,
                "host_node": {"kind": "NetDevice"},
                "schema_mappings": [{"name": "hostname", "mapping": "name"}],
                "defaults_file": str(defaults_file),
            },
        },
    )


def timed_push(task: Task) -> Result:
    began = time.perf_counter()
    result = push_config(task)
    result.seconds = time.perf_counter() - began
    return result


def checked(result: AggregatedResult) -> AggregatedResult:
    if result.failed:
        raise RuntimeError({host: str(multi[0].result) for host, multi in result.failed_hosts.items()})
    return result


def change_asn(client: InfrahubClientSync, branch: str, device: str, asn: int) -> None:
    node = client.get(kind="NetDevice", name__value=device, branch=branch)
    node.asn.value = asn
    node.save()
    for session in client.filters(kind="NetBGPSession", name__value=device, branch=branch):
        session.remote_as.value = asn
        session.save()
    for session in client.filters(kind="NetBGPSession", device__name__value=device, branch=branch):
        session.local_as.value = asn
        session.save()


def measure(
    client: InfrahubClientSync, address: str, token: str, workers: int, folder: Path
) -> dict[str, Any]:
    defaults = folder / "defaults.yaml"
    extras = {"lab_prefix": PREFIX, "lab_state_root": str(folder / "lab")}
    defaults.write_text(yaml.safe_dump({"connection_options": {"frr_vtysh": {"extras": extras}}}))
    lab = Lab(PREFIX, folder / "lab", ssh=False)
    lab.down()
    lab.up(without_management(read_topology(client, "main")))
    try:
        nr = make_nornir(address, token, workers, defaults)
        began = time.perf_counter()
        checked(nr.run(task=render_config, repository=str(folder / "network"), transform="frr_config"))
        rendered = time.perf_counter()
        pushed = checked(nr.run(task=timed_push))
        push_wall = time.perf_counter() - rendered
        checked(nr.run(task=verify, timeout=120))
        initial = time.perf_counter() - began
        per_router = [multi[0].seconds for multi in pushed.values()]

        branch = f"asn-{len(per_router)}"
        client.branch.create(branch_name=branch)
        change_asn(client, branch, "dc1-leaf1", 65201)
        merge_began = time.perf_counter()
        client.branch.merge(branch_name=branch)
        merged = time.perf_counter()
        after = make_nornir(address, token, workers, defaults)
        checked(after.run(task=render_config, repository=str(folder / "network"), transform="frr_config"))
        changed = checked(after.run(task=push_config))
        checked(after.run(task=verify, timeout=120))
        verified = time.perf_counter()
        change_asn(client, "main", "dc1-leaf1", 65101)
    finally:
        lab.down()
    return {
        "routers": len(per_router),
        "render_s": rendered - began,
        "push_wall_s": push_wall,
        "push_mean_s": statistics.mean(per_router),
        "push_max_s": max(per_router),
        "initial_s": initial,
        "merge_s": merged - merge_began,
        "pushed_after_merge": sum(1 for multi in changed.values() if multi[0].changed),
        "merge_to_verified_s": verified - merge_began,
    }


COLUMNS = (
    ("routers", "routers", "{:.0f}"),
    ("render_s", "render all s", "{:.2f}"),
    ("push_wall_s", "push all s", "{:.1f}"),
    ("push_mean_s", "push/router s", "{:.2f}"),
    ("push_max_s", "push max s", "{:.2f}"),
    ("initial_s", "render->verified s", "{:.1f}"),
    ("merge_s", "merge s", "{:.2f}"),
    ("pushed_after_merge", "pushed after merge", "{:.0f}"),
    ("merge_to_verified_s", "merge->verified s", "{:.1f}"),
)


def main(argv: list[str]) -> None:
    require_prerequisites(ssh=False)
    sizes = [int(item) for item in argv[0].split(",")] if argv else [6]
    workers = int(argv[1]) if len(argv) > 1 else 6
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        repository = folder / "network"
        shutil.copytree(REPOSITORY, repository, ignore=shutil.ignore_patterns("__pycache__"))
        with running_server(folder) as server:
            load_repository(server.address, server.token, repository)
            with InfrahubClientSync(config=Config(address=server.address, api_token=server.token)) as client:
                query = (repository / "queries" / "device_config.gql").read_text()
                client.create(kind="CoreGraphQLQuery", name="device_config", query=query).save()
                for size in sizes:
                    grow_fabric(client, server.address, server.token, repository, size)
                    print(f"{size} routers, {workers} Nornir workers", flush=True)
                    rows.append(measure(client, server.address, server.token, workers, folder))
    print("| " + " | ".join(title for _, title, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(form.format(row[key]) for key, _, form in COLUMNS) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
