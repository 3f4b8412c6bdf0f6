"""A server loaded with the `generators/` fabric, for the lab tests: how to reach it and read it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from live_server import LiveServer

from infrahub_sdk import Config, InfrahubClientSync
from labkit import Topology, read_topology
from labkit.render import render_configs

REPOSITORY = Path(__file__).resolve().parents[2] / "generators"
INFRAHUBCTL = Path(sys.executable).parent / "infrahubctl"


@dataclass(frozen=True)
class FabricServer:
    server: LiveServer
    repository: Path

    @contextmanager
    def client(self) -> Iterator[InfrahubClientSync]:
        config = Config(address=self.server.address, api_token=self.server.token)
        with InfrahubClientSync(config=config) as client:
            yield client

    def infrahubctl(self, *arguments: str) -> str:
        result = subprocess.run(
            [str(INFRAHUBCTL), *arguments],
            cwd=self.repository,
            env=self.server.env(HOME=str(self.repository)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"infrahubctl {arguments}: {result.stdout}{result.stderr}"
        return result.stdout

    def topology(self) -> Topology:
        with self.client() as client:
            return read_topology(client, "main")

    def render(self, devices: list[str]) -> dict[str, str]:
        """FRR configurations rendered from main with the repository's `frr_config` transform."""
        with self.client() as client:
            return render_configs(client, self.repository, devices)
