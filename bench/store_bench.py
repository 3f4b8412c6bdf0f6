"""Store benchmark: bulk writes, then the reads an inventory makes (ids, nodes, three relationships).

    python -m bench.store_bench 10000 [DATABASE_URL]

Without a URL it uses a SQLite file in a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from infrahub_server.store import AttributeRecord, Snapshot, Store

BATCH = 1_000
RELATIONSHIPS = ("device__site", "device__role", "device__platform")
PEERS_PER_RELATIONSHIP = 10


def create_devices(store: Store, size: int) -> tuple[list[str], float, float]:
    """`size` devices with 5 attributes, in change sets of BATCH; returns their ids, nodes per second
    and nodes per second of this process's CPU time."""
    ids: list[str] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for start in range(0, size, BATCH):
        with store.change_set("main", actor_id="bench") as writer:
            ids.extend(
                writer.create_node(
                    "Device",
                    attributes={
                        "name": AttributeRecord(f"device-{index:06d}"),
                        "description": AttributeRecord(f"Device number {index}"),
                        "asn": AttributeRecord(64_512 + index % 1_000),
                        "enabled": AttributeRecord(index % 2 == 0),
                        "tags": AttributeRecord(["edge", "lab"]),
                    },
                )
                for index in range(start, min(start + BATCH, size))
            )
    return ids, size / (time.perf_counter() - started), size / (time.process_time() - cpu_started)


def link_devices(store: Store, devices: list[str]) -> float:
    """Three edges per device to a few peers, in change sets of BATCH devices; returns edges/s."""
    with store.change_set("main", actor_id="bench") as writer:
        peers = {
            identifier: [
                writer.create_node("Peer", attributes={"name": AttributeRecord(f"{identifier}-{index}")})
                for index in range(PEERS_PER_RELATIONSHIP)
            ]
            for identifier in RELATIONSHIPS
        }
    started = time.perf_counter()
    for start in range(0, len(devices), BATCH):
        with store.change_set("main", actor_id="bench") as writer:
            for index in range(start, min(start + BATCH, len(devices))):
                for identifier, choices in peers.items():
                    writer.add_edge(identifier, devices[index], choices[index % len(choices)])
    return len(devices) * len(RELATIONSHIPS) / (time.perf_counter() - started)


def read_inventory(store: Store, clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Seconds for each read of an inventory: every device id, the devices, three relationships."""
    timings: dict[str, float] = {}
    started = clock()
    with store.reader(Snapshot("main")) as reader:
        ids = reader.find_node_ids(["Device"])
        timings["find_node_ids"] = clock() - started
        mark = clock()
        nodes = reader.get_nodes(ids)
        timings["get_nodes"] = clock() - mark
        mark = clock()
        edges = [reader.get_edges(identifier, ids, "source") for identifier in RELATIONSHIPS]
        timings["get_edges x3"] = clock() - mark
    timings["total"] = clock() - started
    if len(nodes) != len(ids) or any(len(found) != len(ids) for found in edges):
        raise RuntimeError("the inventory read back is incomplete")
    return timings


def main(argv: list[str]) -> None:
    size = int(argv[0]) if argv else 10_000
    with tempfile.TemporaryDirectory() as folder:
        url = argv[1] if len(argv) > 1 else f"sqlite:///{Path(folder) / 'bench.db'}"
        store = Store.open(url)
        try:
            devices, node_rate, cpu_rate = create_devices(store, size)
            print(
                f"{store.dialect}: created {size} nodes (5 attributes each) at {node_rate:,.0f} nodes/s"
                f" ({cpu_rate:,.0f} per CPU second)"
            )
            edge_rate = link_devices(store, devices)
            print(f"added {size * len(RELATIONSHIPS)} edges at {edge_rate:,.0f} edges/s")
            started = time.perf_counter()
            store.create_branch(f"bench-{time.time_ns()}")
            print(f"branch create: {(time.perf_counter() - started) * 1000:.1f} ms")
            # This machine is shared: report the best of a few runs next to the first one, and the
            # CPU time of this process (SQLite works in-process), which other processes barely move.
            runs = [read_inventory(store) for _ in range(5)]
            best = {name: min(run[name] for run in runs) for name in runs[0]}
            cpu_runs = [read_inventory(store, time.process_time) for _ in range(5)]
            cpu = {name: min(run[name] for run in cpu_runs) for name in cpu_runs[0]}
            for label, timings in (("first run", runs[0]), ("best of 5", best), ("CPU, best of 5", cpu)):
                figures = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in timings.items())
                print(f"read {size} devices ({label}): {figures}")
        finally:
            store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
