"""The state file: what `up` made, so `down` and `status` find it again (by name too, if the file is lost)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_STATE_ROOT = Path("/run/infrahub-lab")


@dataclass
class RouterRecord:
    name: str
    namespace: str
    management_port: str | None = None
    management_address: str | None = None
    loopbacks: list[str] = field(default_factory=list)
    bgp_peers: list[str] = field(default_factory=list)
    interface_map: dict[str, str] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)


@dataclass
class LabState:
    prefix: str
    directory: str
    bridge: str | None = None
    bridge_address: str | None = None
    ssh_user: str = "root"
    ssh_key: str | None = None
    routers: list[RouterRecord] = field(default_factory=list)

    def router(self, name: str) -> RouterRecord | None:
        return next((router for router in self.routers if router.name == name), None)

    def save(self) -> None:
        path = state_file(Path(self.directory))
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2))
        os.replace(temporary, path)

    @classmethod
    def load(cls, directory: Path) -> LabState | None:
        try:
            raw: dict[str, Any] = json.loads(state_file(directory).read_text())
        except (OSError, ValueError):
            return None
        routers = [RouterRecord(**router) for router in raw.pop("routers", [])]
        return cls(**raw, routers=routers)


def lab_directory(state_root: Path, prefix: str) -> Path:
    return state_root / prefix.rstrip("-")


def state_file(directory: Path) -> Path:
    return directory / "state.json"
