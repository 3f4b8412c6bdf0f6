"""Lab benchmark: FRR routers from the source of truth, up and converged, for 6, 12 and 24 routers.

    python -m bench.lab_converge [SIZES]        e.g. python -m bench.lab_converge 6,12,24   (as root)

One server on a temporary SQLite file, loaded with the `generators/` repository; for each size the
fabric design gets 2 spines and SIZE - 2 leafs and the fabric generator runs. Then, timed: `up`
(namespaces, links, FRR, sshd), rendering every configuration from main, pushing them one router
after the other (replace with frr-reload.py), every BGP session Established (FRR's JSON), and every
loopback answering a ping from every router. Memory is the RSS and PSS of each router's processes
(zebra, staticd, bgpd, sshd) once converged. Prints one table.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._server import running_server
from infrahub_sdk import Config, InfrahubClientSync
from labkit import Lab, read_topology, require_prerequisites
from labkit.network import namespace_pids
from labkit.render import render_configs

REPOSITORY = Path(__file__).resolve().parents[1] / "generators"
INFRAHUBCTL = Path(sys.executable).parent / "infrahubctl"
SPINES = 2
PREFIX = "bench-"


def load_repository(address: str, token: str, repository: Path) -> None:
    env = {
        "INFRAHUB_ADDRESS": address,
        "INFRAHUB_API_TOKEN": token,
        "HOME": str(repository),
        "PATH": "/usr/bin:/bin",
    }
    for arguments in (["schema", "load", "schemas/network.yml"], ["object", "load", "objects/"]):
        subprocess.run(
            [str(INFRAHUBCTL), *arguments], cwd=repository, env=env, check=True, capture_output=True
        )


def grow_fabric(client: InfrahubClientSync, address: str, token: str, repository: Path, routers: int) -> None:
    design = client.get(kind="NetFabricDesign", name__value="dc1")
    design.spine_count.value = SPINES
    design.leaf_count.value = routers - SPINES
    design.save()
    env = {
        "INFRAHUB_ADDRESS": address,
        "INFRAHUB_API_TOKEN": token,
        "HOME": str(repository),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(
        [str(INFRAHUBCTL), "generator", "fabric", "name=dc1"],
        cwd=repository,
        env=env,
        check=True,
        capture_output=True,
    )


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process, in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key] = int(rest.split()[0])
    return values["Rss"], values["Pss"]


def measure(client: InfrahubClientSync, repository: Path) -> dict[str, float]:
    topology = read_topology(client, "main")
    lab = Lab(PREFIX)
    lab.down()
    started = time.perf_counter()
    state = lab.up(topology)
    up_seconds = time.perf_counter() - started
    try:
        began = time.perf_counter()
        configs = render_configs(client, repository, [router.name for router in state.routers])
        render_seconds = time.perf_counter() - began
        push_times = []
        for device, text in configs.items():
            began = time.perf_counter()
            lab.push_config(device, text)
            push_times.append(time.perf_counter() - began)
        pushed = time.perf_counter()
        lab.wait_established(timeout=120)
        established_seconds = time.perf_counter() - pushed
        lab.wait_routes(timeout=120)
        routed_seconds = time.perf_counter() - pushed
        unreachable = lab.unreachable_loopbacks()
        if unreachable:
            raise RuntimeError(f"loopbacks not reachable: {unreachable[:5]}")
        verified_seconds = time.perf_counter() - pushed
        total_seconds = time.perf_counter() - started
        memory = [[memory_kib(pid) for pid in namespace_pids(record.namespace)] for record in state.routers]
    finally:
        lab.down()
    return {
        "routers": len(state.routers),
        "sessions": sum(len(record.bgp_peers) for record in state.routers) / 2,
        "up_s": up_seconds,
        "render_s": render_seconds,
        "push_total_s": sum(push_times),
        "push_mean_s": statistics.mean(push_times),
        "push_max_s": max(push_times),
        "established_s": established_seconds,
        "routed_s": routed_seconds,
        "verified_s": verified_seconds,
        "total_s": total_seconds,
        "rss_mib": statistics.mean(sum(rss for rss, _ in router) for router in memory) / 1024,
        "pss_mib": statistics.mean(sum(pss for _, pss in router) for router in memory) / 1024,
    }


COLUMNS = (
    ("routers", "routers", "{:.0f}"),
    ("sessions", "eBGP", "{:.0f}"),
    ("up_s", "up s", "{:.1f}"),
    ("render_s", "render s", "{:.2f}"),
    ("push_total_s", "push all s", "{:.1f}"),
    ("push_mean_s", "push/router s", "{:.2f}"),
    ("push_max_s", "push max s", "{:.2f}"),
    ("established_s", "Established s", "{:.1f}"),
    ("routed_s", "loopbacks in RIB s", "{:.1f}"),
    ("verified_s", "all pinged s", "{:.1f}"),
    ("total_s", "up->verified s", "{:.1f}"),
    ("rss_mib", "RSS/router MiB", "{:.1f}"),
    ("pss_mib", "PSS/router MiB", "{:.1f}"),
)


def print_table(results: list[dict[str, float]]) -> None:
    print("| " + " | ".join(title for _, title, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for result in results:
        print("| " + " | ".join(form.format(result[key]) for key, _, form in COLUMNS) + " |")


def main(argv: list[str]) -> None:
    require_prerequisites()
    sizes = [int(item) for item in argv[0].split(",")] if argv else [6, 12, 24]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        repository = Path(folder) / "network"
        shutil.copytree(REPOSITORY, repository, ignore=shutil.ignore_patterns("__pycache__"))
        with running_server(Path(folder)) as server:
            load_repository(server.address, server.token, repository)
            config = Config(address=server.address, api_token=server.token)
            with InfrahubClientSync(config=config) as client:
                for size in sizes:
                    grow_fabric(client, server.address, server.token, repository, size)
                    print(f"{size} routers", flush=True)
                    results.append(measure(client, repository))
    print_table(results)


if __name__ == "__main__":
    main(sys.argv[1:])
