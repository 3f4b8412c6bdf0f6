"""Server benchmark (issue #3): start time, memory, bulk create, HFID get latency, 10k list query.

    python -m bench.server_api [devices]        # default 10000 devices (6 objects each)

Prints one line per figure. Creates go through GraphQL requests of 50 devices (300 aliased
create mutations); the list and get queries are the SDK's own query shapes.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench import dataset
from bench._server import running_server

GET_BY_HFID = """
query Get_BenchDevice($offset: Int!, $limit: Int!) {
  BenchDevice(hfid: ["%s"], offset: $offset, limit: $limit) {
    count
    edges { node {
      id hfid display_label __typename
      name { value } role { value } asn { value } serial { value } status { value }
      site { node { id hfid display_label __typename } }
      platform { node { id hfid display_label __typename } }
      primary_address { node { id hfid display_label __typename } }
    } }
  }
}
"""

LIST_ALL = """
query All_BenchDevice {
  BenchDevice {
    count
    edges { node {
      id hfid display_label __typename
      name { value } role { value } asn { value } serial { value } status { value }
      site { node { id hfid display_label __typename } }
      platform { node { id hfid display_label __typename } }
      primary_address { node { id hfid display_label __typename } }
    } }
  }
}
"""


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main(devices: int) -> None:
    with tempfile.TemporaryDirectory() as workdir, running_server(Path(workdir)) as server:
        print(f"server start: {server.start_seconds:.3f} s")
        print(f"RSS idle: {server.rss_mb():.0f} MB")
        headers = {"X-INFRAHUB-KEY": server.token}
        with httpx.Client(base_url=server.address, headers=headers) as client:
            started = time.perf_counter()
            created = dataset.load(client, devices)
            elapsed = time.perf_counter() - started
            print(f"create: {created} objects in {elapsed:.1f} s = {created / elapsed:.0f} objects/s")
            print(f"RSS after load: {server.rss_mb():.0f} MB")

            samples = []
            for index in range(1000):
                query = GET_BY_HFID % f"dev{index * 7919 % devices:06d}"
                started = time.perf_counter()
                response = client.post(
                    "/graphql/main", json={"query": query, "variables": {"offset": 0, "limit": 50}}
                )
                samples.append((time.perf_counter() - started) * 1000)
                assert response.json()["data"]["BenchDevice"]["count"] == 1
            print(
                f"get one device by HFID (3 relationships), 1000 requests: "
                f"p50 {statistics.median(samples):.2f} ms, p99 {_percentile(samples, 0.99):.2f} ms"
            )

            timings = []
            for _ in range(3):
                started = time.perf_counter()
                response = client.post("/graphql/main", json={"query": LIST_ALL}, timeout=120)
                timings.append(time.perf_counter() - started)
                assert response.json()["data"]["BenchDevice"]["count"] == devices
            print(
                f"list {devices} devices (5 attributes, 3 relationships), request time: "
                f"best {min(timings):.3f} s, median {statistics.median(timings):.3f} s"
            )
            print(f"RSS end: {server.rss_mb():.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
