"""Helpers for running real Ansible against a real server (used by the fixtures in conftest.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infrahub_sdk import Config, InfrahubClientSync

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTION_SOURCE = REPO_ROOT / "ansible_collection"
ANSIBLE_BIN = Path(sys.executable).parent

HERE = Path(__file__).parent


@dataclass
class RunningServer:
    address: str
    token: str

    def client(self, branch: str = "main") -> InfrahubClientSync:
        return InfrahubClientSync(
            config=Config(address=self.address, api_token=self.token, default_branch=branch)
        )


def _trusted(value: dict[str, Any]) -> Any:
    """ansible-inventory marks strings from inventory plugins as untrusted: `{"__ansible_unsafe": "x"}`."""
    return value["__ansible_unsafe"] if set(value) == {"__ansible_unsafe"} else value


@dataclass
class Ansible:
    env: dict[str, str]
    cwd: Path

    def run(
        self, tool: str, *args: str, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        completed = subprocess.run(
            [str(ANSIBLE_BIN / tool), *args],
            cwd=self.cwd,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and completed.returncode != 0:
            pytest.fail(
                f"{tool} {' '.join(args)} exited {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
            )
        return completed

    def playbook(
        self, name: str, *args: str, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        playbook = str(HERE / "playbooks" / name)
        return self.run("ansible-playbook", "-i", "localhost,", playbook, *args, env=env, check=check)

    def inventory(self, config: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
        completed = self.run("ansible-inventory", "-i", str(config), "--list", env=env)
        inventory: dict[str, Any] = json.loads(completed.stdout, object_hook=_trusted)
        return inventory
