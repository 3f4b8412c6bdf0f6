"""Ansible on the FRR lab: push time per router and time from merge to a verified network, 6 routers.

    python -m bench.ansible_push        (as root, with FRR and the `ansible` package installed)

One server on a temporary SQLite file, loaded with the `generators/` repository (2 spines, 4 leafs), and a
lab of those routers. Every figure is a real `ansible-playbook` run of the collection's loop playbook
(`ansible_collection/playbooks/frr_lab/frr_loop.yml`: render, replace through network_cli into vtysh,
verify from `show bgp summary json`, record compliance), read from the `ansible.posix.json` callback:

- push per router, serial (`--forks 1`): the replace task's time divided by the routers, once from empty
  routers and once with every router already in sync (read, compare, nothing sent); it includes the SSH
  login, which a play pays once per router;
- merge to verified (`--forks 6`): a branch changes leaf4's ASN (3 routers affected); the clock starts at
  the merge and stops when the playbook has pushed and seen every session Established.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench._server import running_server
from bench.lab_converge import load_repository
from infrahub_sdk import Config, InfrahubClientSync
from labkit import Lab, read_topology, require_prerequisites

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = ROOT / "generators"
LAB_PLAYBOOKS = ROOT / "ansible_collection" / "playbooks" / "frr_lab"
BIN = Path(sys.executable).parent
PREFIX = "anbench-"
PUSH_TASK = "Replace the running configuration"
VERIFY_TASK = "Every BGP session is Established"


def bundled_collections() -> Path:
    """Where the `ansible` package keeps its collections (ansible.netcommon): site-packages, beside ansible-core."""
    spec = importlib.util.find_spec("ansible")
    if spec is None or spec.origin is None:
        raise RuntimeError("ansible is not installed")
    return Path(spec.origin).parents[1]


def ansible_env(folder: Path, address: str, token: str, lab: Lab) -> dict[str, str]:
    state = lab.state()
    if state is None or state.ssh_key is None:
        raise RuntimeError("the lab has no SSH key")
    namespace = folder / "collections" / "ansible_collections" / "infrahub"
    namespace.mkdir(parents=True)
    (namespace / "lite").symlink_to(ROOT / "ansible_collection", target_is_directory=True)
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("INFRAHUB_", "ANSIBLE_"))
    }
    env.update(
        ANSIBLE_COLLECTIONS_PATH=f"{folder / 'collections'}:{bundled_collections()}",
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_INVENTORY_ENABLED="infrahub.lite.inventory",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_HOME=str(folder / "ansible-home"),
        ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
        ANSIBLE_REMOTE_USER=state.ssh_user,
        ANSIBLE_PRIVATE_KEY_FILE=state.ssh_key,
        ANSIBLE_HOST_KEY_CHECKING="False",
        INFRAHUB_ADDRESS=address,
        INFRAHUB_API_TOKEN=token,
    )
    return env


def run_loop(env: dict[str, str], inventory: Path, forks: int) -> dict[str, Any]:
    completed = subprocess.run(
        [
            str(BIN / "ansible-playbook"),
            "-i",
            str(inventory),
            str(LAB_PLAYBOOKS / "frr_loop.yml"),
            "--forks",
            str(forks),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the loop failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(completed.stdout)
    return report


def task_seconds(report: dict[str, Any], name: str) -> float:
    for play in report["plays"]:
        for entry in play["tasks"]:
            if entry["task"]["name"] == name:
                duration = entry["task"]["duration"]
                start = datetime.fromisoformat(duration["start"].replace("Z", "+00:00"))
                end = datetime.fromisoformat(duration["end"].replace("Z", "+00:00"))
                return (end - start).total_seconds()
    raise RuntimeError(f"no task {name!r} in the report")


def changed_hosts(report: dict[str, Any], name: str) -> list[str]:
    for play in report["plays"]:
        for entry in play["tasks"]:
            if entry["task"]["name"] == name:
                return sorted(host for host, result in entry["hosts"].items() if result.get("changed"))
    return []


def change_leaf4_asn(client: InfrahubClientSync, branch: str, asn: int) -> None:
    client.branch.create(branch_name=branch)
    device = client.get(kind="NetDevice", name__value="dc1-leaf4", branch=branch)
    device.asn.value = asn
    device.save()
    for session in client.filters(kind="NetBGPSession", name__value="dc1-leaf4", branch=branch):
        session.remote_as.value = asn
        session.save()


def main() -> None:
    require_prerequisites()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        repository = folder / "network"
        shutil.copytree(REPOSITORY, repository, ignore=shutil.ignore_patterns("__pycache__"))
        with running_server(folder) as server:
            load_repository(server.address, server.token, repository)
            subprocess.run(
                [str(BIN / "infrahubctl"), "generator", "fabric", "name=dc1"],
                cwd=repository,
                env={
                    "INFRAHUB_ADDRESS": server.address,
                    "INFRAHUB_API_TOKEN": server.token,
                    "HOME": str(repository),
                    "PATH": "/usr/bin:/bin",
                },
                check=True,
                capture_output=True,
            )
            config = Config(address=server.address, api_token=server.token)
            with InfrahubClientSync(config=config) as client:
                lab = Lab(PREFIX)
                lab.down()
                state = lab.up(read_topology(client, "main"))
                try:
                    env = ansible_env(folder, server.address, server.token, lab)
                    inventory = folder / "inventory.infrahub.yml"
                    inventory.write_text((LAB_PLAYBOOKS / "inventory.infrahub.yml").read_text())
                    routers = len(state.routers)

                    cold = run_loop(env, inventory, forks=1)
                    in_sync = run_loop(env, inventory, forks=1)

                    change_leaf4_asn(client, "bench-leaf4-asn", 65204)
                    started = time.perf_counter()
                    client.branch.merge(branch_name="bench-leaf4-asn")
                    merged = run_loop(env, inventory, forks=routers)
                    merge_to_verified = time.perf_counter() - started
                finally:
                    lab.down()
    print(f"| {routers} routers | seconds |")
    print("|---|---|")
    print(f"| push per router, serial, from empty | {task_seconds(cold, PUSH_TASK) / routers:.2f} |")
    print(f"| push per router, serial, already in sync | {task_seconds(in_sync, PUSH_TASK) / routers:.2f} |")
    print(
        f"| merge -> verified (leaf4 ASN, {len(changed_hosts(merged, PUSH_TASK))} routers pushed) | {merge_to_verified:.1f} |"
    )
    print(f"| of which the replace task (forks {routers}) | {task_seconds(merged, PUSH_TASK):.1f} |")
    print(f"| of which waiting for Established | {task_seconds(merged, VERIFY_TASK):.1f} |")


if __name__ == "__main__":
    main()
