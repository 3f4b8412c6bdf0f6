"""Ansible inventory benchmark (issue #6): `ansible-inventory --list` with infrahub.lite.inventory.

    python -m bench.ansible_inventory [devices]        # default 10000

Starts a server, loads the benchmark network (`bench.dataset`: site, role, platform, primary
address and 4 interfaces per device), then times the real `ansible-inventory --list` command, cold
(no inventory cache), and reads the plugin's own request count from its `-v` line. For scale, it
also times `ansible-inventory --list` on an empty static inventory and on a static YAML inventory
holding exactly the hosts, variables and groups the plugin produced: what ansible-core costs alone.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench import dataset
from bench._server import running_server

REPO_ROOT = Path(__file__).resolve().parents[1]
ANSIBLE_BIN = Path(sys.executable).parent
INVENTORY = """\
plugin: infrahub.lite.inventory
nodes:
  BenchDevice:
    include: [role, asn, site.name, platform.name, platform.nornir_platform, primary_address.address, interfaces.name]
hostnames: [name]
compose:
  ansible_host: primary_address.address
keyed_groups:
  - {prefix: site, key: site.name}
  - {prefix: role, key: role}
  - {prefix: platform, key: platform.name}
"""
COUNT_LINE = re.compile(r"(\d+) hosts from (\d+) kind\(s\) in (\d+) requests")


def ansible_environment(workdir: Path) -> dict[str, str]:
    """Our collection only (linked into a collections path), no user configuration, no cache."""
    namespace = workdir / "collections" / "ansible_collections" / "infrahub"
    namespace.mkdir(parents=True, exist_ok=True)
    if not (namespace / "lite").exists():
        (namespace / "lite").symlink_to(REPO_ROOT / "ansible_collection", target_is_directory=True)
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("ANSIBLE_", "INFRAHUB_"))
    }
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(workdir / "collections"),
        ANSIBLE_INVENTORY_ENABLED="infrahub.lite.inventory,host_list,yaml",
        ANSIBLE_HOME=str(workdir / "ansible-home"),
    )
    return env


def _trusted(value: dict[str, Any]) -> Any:
    return value["__ansible_unsafe"] if set(value) == {"__ansible_unsafe"} else value


def static_copy(listed: Path, target: Path) -> None:
    """The hosts, variables and groups of an `ansible-inventory --list` output as a static inventory."""
    data = json.loads(listed.read_text(), object_hook=_trusted)
    hostvars = data.pop("_meta")["hostvars"]
    children = {
        group: {"hosts": dict.fromkeys(members["hosts"])}
        for group, members in data.items()
        if group not in ("all", "ungrouped") and "hosts" in members
    }
    target.write_text(json.dumps({"all": {"hosts": hostvars, "children": children}}))


def time_inventory(source: str, env: dict[str, str], output: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system, ansible-inventory alone) and the command's output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(
        [str(ANSIBLE_BIN / "ansible-inventory"), "-v", "-i", source, "--list", "--output", str(output)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, completed.stdout + completed.stderr


def measure(address: str, token: str, workdir: Path) -> None:
    """Time the plugin against a loaded server, then ansible-core alone on the same result."""
    env = ansible_environment(workdir)
    env.update(INFRAHUB_ADDRESS=address, INFRAHUB_API_TOKEN=token)
    config = workdir / "bench.infrahub.yml"
    config.write_text(INVENTORY)
    empty = workdir / "empty.yml"
    empty.write_text("all: {}\n")
    wall, cpu, _ = time_inventory(str(empty), env, workdir / "empty.json")
    print(f"ansible-inventory --list, empty static inventory: {wall:.2f} s ({cpu:.2f} s CPU)")
    print(f"{'run':<10} {'seconds':>8} {'cpu s':>6} {'hosts':>6} {'requests':>8}  output")
    timings = []
    for run in range(3):
        output = workdir / "inventory.json"
        wall, cpu, log = time_inventory(str(config), env, output)
        match = COUNT_LINE.search(log)
        if match is None:
            raise RuntimeError(f"no request count in the plugin's output:\n{log}")
        timings.append(wall)
        size = output.stat().st_size / 1e6
        print(f"{f'cold {run + 1}':<10} {wall:8.2f} {cpu:6.2f} {match[1]:>6} {match[3]:>8}  {size:.1f} MB")
    static = workdir / "static.yml"
    static_copy(workdir / "inventory.json", static)
    wall, cpu, _ = time_inventory(str(static), env, workdir / "static.json")
    print(
        f"ansible-inventory --list, static inventory with the same hosts, variables and groups: {wall:.2f} s ({cpu:.2f} s CPU)"
    )
    print(f"cold median {statistics.median(timings):.2f} s, best {min(timings):.2f} s (target 5 s at 10,000)")


def main(devices: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp)) as server:
        with httpx.Client(base_url=server.address, headers={"X-INFRAHUB-KEY": server.token}) as client:
            started = time.perf_counter()
            dataset.load(client, devices)
            print(f"dataset: {devices} devices loaded in {time.perf_counter() - started:.1f} s")
        measure(server.address, server.token, Path(tmp))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
