"""Start a real server subprocess on loopback for a benchmark, and read its memory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

BENCH_TOKEN = "3f1a6a52-0d6c-4b44-9a55-bench0000001"


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    address: str
    token: str
    start_seconds: float

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmRSS not found")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(workdir: Path, database_url: str | None = None) -> Iterator[RunningServer]:
    port = _free_port()
    env = {
        **os.environ,
        "INFRAHUB_DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.db'}",
        "INFRAHUB_INITIAL_ADMIN_TOKEN": BENCH_TOKEN,
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "infrahub_server.cli", "start", "--host", "127.0.0.1", "--port", str(port)],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError("server exited during start")
            try:
                if httpx.get(f"{address}/api/info", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.01)
            if time.perf_counter() - started > 30:
                raise RuntimeError("server did not start in 30 s")
        yield RunningServer(process, address, BENCH_TOKEN, time.perf_counter() - started)
    finally:
        process.terminate()
        process.wait(timeout=30)
