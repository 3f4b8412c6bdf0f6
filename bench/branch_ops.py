"""Branch benchmark: create, diff and merge at database sizes of 10k and 100k objects.

    python -m bench.branch_ops [SIZES] [DATABASE_URL]      e.g. python -m bench.branch_ops 10000,100000

For each size, a fresh database of that many devices (written with the store's writer, not HTTP),
then: branch create (median of 5), and for 100 / 1,000 / 10,000 changed objects on new branches
(90% description updates, 10% new devices with their site), DiffUpdate and merge (median of 3). Prints the table
and the ratio of each figure at the largest size to the smallest.
Without a URL each size gets a SQLite file in a temporary folder; a URL (one size) must name an
empty database.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.dataset import SCHEMA
from infrahub_server.branches import create_branch, merge_branch, update_diff
from infrahub_server.nodes import edge_ends
from infrahub_server.schema import core_schema, load_schema_files
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeRecord, Store

CHANGES = (100, 1_000, 10_000)
REPEATS = 3
"""Each diff and merge is timed on this many branches; the table shows the median."""
SITES = 50
BATCH = 5_000


def bench_schema() -> SchemaBranch:
    return load_schema_files(core_schema(), [SCHEMA]).schema


def _device_attributes(index: int) -> dict[str, AttributeRecord]:
    return {
        "name": AttributeRecord(f"dev{index:07d}"),
        "role": AttributeRecord("leaf"),
        "asn": AttributeRecord(65_000 + index % 1_000),
        "serial": AttributeRecord(f"SN{index:08d}"),
        "status": AttributeRecord("active", is_default=True),
        "description": AttributeRecord(None),
    }


def build(store: Store, schema: SchemaBranch, size: int) -> tuple[list[str], list[str]]:
    """`size` devices spread over SITES sites; returns (site ids, device ids)."""
    store.save_schema("main", schema.to_api_payload(), schema.hash, None)
    site_rel = schema.get("BenchDevice").get_relationship("site")
    assert site_rel is not None
    assert site_rel.identifier is not None
    with store.change_set("main", actor_id="bench") as writer:
        sites = [
            writer.create_node(
                "BenchSite", node_id=None, attributes={"name": AttributeRecord(f"site{i:03d}")}
            )
            for i in range(SITES)
        ]
    devices: list[str] = []
    for start in range(0, size, BATCH):
        with store.change_set("main", actor_id="bench") as writer:
            for index in range(start, min(start + BATCH, size)):
                device = writer.create_node("BenchDevice", attributes=_device_attributes(index))
                writer.add_edge(site_rel.identifier, *edge_ends(site_rel, device, sites[index % SITES]))
                devices.append(device)
    return sites, devices


def change_on_branch(
    store: Store,
    schema: SchemaBranch,
    branch: str,
    devices: list[str],
    sites: list[str],
    count: int,
    tag: str,
) -> None:
    site_rel = schema.get("BenchDevice").get_relationship("site")
    assert site_rel is not None
    assert site_rel.identifier is not None
    added = count // 10
    with store.change_set(branch, actor_id="bench") as writer:
        for device in devices[: count - added]:
            writer.set_attributes(device, {"description": AttributeRecord(f"changed on {branch}")})
        for index in range(added):
            attributes = _device_attributes(0) | {"name": AttributeRecord(f"{tag}-{index:06d}")}
            device = writer.create_node("BenchDevice", attributes=attributes)
            writer.add_edge(site_rel.identifier, *edge_ends(site_rel, device, sites[index % SITES]))


def run_size(url: str, size: int) -> dict[str, float]:
    store = Store.open(url)
    schema = bench_schema()
    started = time.perf_counter()
    sites, devices = build(store, schema, size)
    print(f"  built {size:,} devices in {time.perf_counter() - started:.1f} s", flush=True)
    figures: dict[str, float] = {}
    creates = []
    for attempt in range(5):
        mark = time.perf_counter()
        create_branch(store, f"create-{attempt}")
        creates.append(time.perf_counter() - mark)
    figures["create"] = statistics.median(creates)
    for count in CHANGES:
        diffs, merges = [], []
        for attempt in range(REPEATS):
            branch = f"change-{count}-{attempt}"
            create_branch(store, branch)
            change_on_branch(store, schema, branch, devices, sites, count, branch)
            mark = time.perf_counter()
            tree = update_diff(store, branch, schema=schema)
            diffs.append(time.perf_counter() - mark)
            if tree["num_added"] + tree["num_updated"] != count:
                raise RuntimeError(f"the diff of {branch} lists {len(tree['nodes'])} nodes, not {count}")
            mark = time.perf_counter()
            merge_branch(store, branch, schema=schema)
            merges.append(time.perf_counter() - mark)
        figures[f"diff {count}"] = statistics.median(diffs)
        figures[f"merge {count}"] = statistics.median(merges)
    store.close()
    return figures


def main(argv: list[str]) -> None:
    sizes = [int(item) for item in argv[0].split(",")] if argv else [10_000, 100_000]
    url = argv[1] if len(argv) > 1 else None
    if url and len(sizes) > 1:
        raise SystemExit("with a DATABASE_URL, give one size: each size needs an empty database")
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            print(f"database of {size:,} objects", flush=True)
            target = url or f"sqlite:///{Path(folder) / f'branch-{size}.db'}"
            results[size] = run_size(target, size)
    names = list(results[sizes[0]])
    header = f"{'operation':<14}" + "".join(f"{f'{size:,} objects':>16}" for size in sizes)
    if len(sizes) > 1:
        header += f"{'ratio':>8}"
    print(header)
    for name in names:
        line = f"{name:<14}" + "".join(f"{results[size][name] * 1000:>13.1f} ms" for size in sizes)
        if len(sizes) > 1:
            line += f"{results[sizes[-1]][name] / results[sizes[0]][name]:>8.2f}"
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
