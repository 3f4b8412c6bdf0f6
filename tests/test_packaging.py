"""The distribution: what `pip install infrahub-lite` gives a user."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path


def test_console_scripts_and_plugin_entry_points_are_declared() -> None:
    entry_points = {(ep.group, ep.name): ep.value for ep in distribution("infrahub-lite").entry_points}

    assert entry_points[("console_scripts", "infrahub-server")] == "infrahub_server.cli:main"
    assert entry_points[("console_scripts", "infrahubctl")] == "infrahub_sdk.ctl.cli:main"
    assert entry_points[("nornir.plugins.inventory", "InfrahubInventory")] == (
        "nornir_plugin.inventory:InfrahubInventory"
    )


def test_sdk_ships_its_type_information() -> None:
    import infrahub_sdk

    assert (Path(infrahub_sdk.__file__).parent / "py.typed").is_file()


def test_importing_the_server_opens_nothing(tmp_path: Path) -> None:
    code = "import infrahub_server, infrahub_server.errors, infrahub_server.schema.models"
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, env={"INFRAHUB_DATABASE_URL": "x"})

    assert list(tmp_path.iterdir()) == []


def test_nornir_finds_our_inventory_plugin_by_name() -> None:
    from nornir.core.plugins.inventory import InventoryPluginRegister

    from nornir_plugin.inventory import InfrahubInventory

    InventoryPluginRegister.auto_register()

    assert InventoryPluginRegister.get_plugin("InfrahubInventory") is InfrahubInventory
