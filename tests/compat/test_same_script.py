"""One user script, unchanged, run with OpsMill's SDK and with ours against the same server: both
runs must leave the same data (each under its own name prefix)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from infrahub_sdk import Config, InfrahubClientSync

from .conftest import LiveServer, OfficialClients, run_official
from .test_official_sdk import SCHEMA

pytestmark = [pytest.mark.compat, pytest.mark.e2e]

SCRIPT = """
import asyncio
import sys

import yaml
from infrahub_sdk import InfrahubClient, InfrahubClientSync

SCHEMA = {schema!r}
prefix = sys.argv[1]
client = InfrahubClientSync()
client.schema.load(schemas=[yaml.safe_load(SCHEMA)], wait_until_converged=True)

site = client.create(kind="LabSite", name=f"{{prefix}}-ams")
site.save()
tags = []
for colour in ("red", "blue"):
    tag = client.create(kind="BuiltinTag", name=f"{{prefix}}-{{colour}}")
    tag.save()
    tags.append(tag)
batch = client.create_batch()
for index in range(1, 5):
    router = client.create(kind="LabRouter", name=f"{{prefix}}-r{{index}}", asn=65000 + index, site=site)
    batch.add(task=router.save, node=router)
list(batch.execute())

r1 = client.get(kind="LabRouter", name__value=f"{{prefix}}-r1", include=["tags"])
r1.description.value = "edge router"
r1.tags.extend(tags)
r1.save()
client.get(kind="LabRouter", name__value=f"{{prefix}}-r4").delete()

branch = f"{{prefix}}-change"
client.branch.create(branch_name=branch, wait_until_completion=True)
r2 = client.get(kind="LabRouter", name__value=f"{{prefix}}-r2", branch=branch)
r2.asn.value = 64999
r2.save()
client.branch.merge(branch_name=branch)


async def count() -> int:
    async_client = InfrahubClient()
    routers = await async_client.filters(kind="LabRouter", name__values=[f"{{prefix}}-r{{i}}" for i in range(1, 5)])
    return len(routers)


print("routers:", asyncio.run(count()))
"""


def _state(server: LiveServer, prefix: str) -> list[dict[str, Any]]:
    """What a run left on main, names without their prefix."""
    config = Config(address=server.address, api_token=server.token)
    with InfrahubClientSync(config=config) as client:
        routers = client.filters(kind="LabRouter", prefetch_relationships=True, include=["tags"], name__values=[
            f"{prefix}-r{index}" for index in range(1, 5)
        ])  # fmt: skip
        return sorted(
            (
                {
                    "name": str(router.name.value).removeprefix(f"{prefix}-"),
                    "asn": router.asn.value,
                    "description": router.description.value,
                    "site": str(router.site.peer.name.value).removeprefix(f"{prefix}-"),
                    "tags": sorted(
                        str(tag.peer.name.value).removeprefix(f"{prefix}-") for tag in router.tags
                    ),
                }
                for router in routers
            ),
            key=lambda row: row["name"],
        )


def test_one_script_leaves_the_same_data_with_either_sdk(
    official_clients: OfficialClients, live_server: LiveServer, tmp_path: Path
) -> None:
    script = SCRIPT.format(schema=SCHEMA)
    official = run_official(official_clients, live_server, script.replace("sys.argv[1]", '"off"'), tmp_path)
    path = tmp_path / "ours.py"
    path.write_text(script)
    ours = subprocess.run(
        [sys.executable, str(path), "our"], env=live_server.env(), cwd=tmp_path,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ours.returncode == 0, ours.stdout + ours.stderr
    assert official.stdout.strip() == ours.stdout.strip() == "routers: 3"
    expected = [
        {"name": "r1", "asn": 65001, "description": "edge router", "site": "ams", "tags": ["blue", "red"]},
        {"name": "r2", "asn": 64999, "description": None, "site": "ams", "tags": []},
        {"name": "r3", "asn": 65003, "description": None, "site": "ams", "tags": []},
    ]
    assert _state(live_server, "off") == expected
    assert _state(live_server, "our") == json.loads(json.dumps(expected))
