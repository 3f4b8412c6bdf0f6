"""`infrahubctl` behaviour that needs no server: version, bad input, unreachable server."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from infrahub_sdk import __version__
from infrahub_sdk.ctl import config
from infrahub_sdk.ctl.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert f"Python SDK: v{__version__}" in result.output


def test_schema_load_of_a_missing_file_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "load", str(tmp_path / "absent.yml")])
    assert result.exit_code == 1
    assert "does not exist" in " ".join(result.output.split())


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "SETTINGS", config.ConfiguredSettings())


def test_unreachable_server_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_ADDRESS", "http://127.0.0.1:9")
    result = runner.invoke(app, ["branch", "list"])
    assert result.exit_code == 1
    assert result.output.strip() == "Unable to connect to 'http://127.0.0.1:9'."


def test_config_file_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFRAHUB_ADDRESS", "http://127.0.0.1:9")
    config_file = tmp_path / "infrahubctl.toml"
    config_file.write_text('server_address = "http://127.0.0.1:7/"\n')
    result = runner.invoke(app, ["branch", "delete", "feat", "--config-file", str(config_file)])
    assert result.exit_code == 1
    assert result.output.strip() == "Unable to connect to 'http://127.0.0.1:7'."


SCHEMA_FILE = """
version: "1.0"
generics:
  - {name: Endpoint, namespace: Infra, attributes: [{name: label, kind: Text}]}
nodes:
  - name: Device
    namespace: Infra
    inherit_from: [InfraEndpoint, CoreArtifactTarget]
    attributes: [{name: name, kind: Text}]
    relationships: [{name: site, peer: InfraSite, cardinality: one}]
"""


def test_protocols_from_schema_files(tmp_path: Path) -> None:
    schema = tmp_path / "schema.yml"
    schema.write_text(SCHEMA_FILE)
    out = tmp_path / "schema_protocols.py"
    result = runner.invoke(app, ["protocols", "--schemas", str(schema), "--sync", "--out", str(out)])
    assert result.exit_code == 0, result.output
    source = out.read_text()
    assert "from infrahub_sdk.protocols import CoreArtifactTargetSync\n" in source
    assert "class InfraDeviceSync(InfraEndpointSync, CoreArtifactTargetSync):\n    name: String\n" in source
    assert "    site: RelatedNodeSync\n" in source


def test_schema_load_refuses_an_invalid_file_before_sending_it(tmp_path: Path) -> None:
    schema = tmp_path / "bad.yml"
    schema.write_text(
        'version: "1.0"\nnodes:\n  - {name: Box, namespace: OuT, attributes: [{name: name, kind: Text}]}\n'
    )
    result = runner.invoke(app, ["schema", "load", str(schema)])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert f"Schema not valid, found '1' error(s) in {schema}" in output
    assert "nodes[0].namespace: String should match pattern '^[A-Z][a-z0-9]+$' (received: 'OuT')" in output


def test_empty_schema_files_are_reported_as_the_official_cli_does(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("")
    (tmp_path / "b.yml").write_text("---\n")
    result = runner.invoke(app, ["schema", "check", str(tmp_path)])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert f"Invalid YAML/JSON file ({tmp_path / 'a.yml'})" in output
    assert f"Invalid YAML/JSON file ({tmp_path / 'b.yml'})" in output


def test_info_reports_an_unreachable_server_and_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_ADDRESS", "http://127.0.0.1:9")
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    output = " ".join(result.output.split())
    assert "Address: http://127.0.0.1:9" in output
    assert "Connection Error: Unable to connect to 'http://127.0.0.1:9'. (ServerNotReachableError)" in output
    assert f"SDK Version: {__version__}" in output


def test_each_document_of_a_multi_document_file_is_a_schema(tmp_path: Path) -> None:
    schema = tmp_path / "two.yml"
    schema.write_text(
        '---\nversion: "1.0"\nnodes: [{name: Box, namespace: Test}]\n'
        '---\nversion: "1.0"\nnodes: [{name: Crate, namespace: te}]\n'
    )
    result = runner.invoke(app, ["schema", "load", str(schema)])
    assert result.exit_code == 1
    assert "nodes[0].namespace: String should have at least 3 characters (received: 'te')" in " ".join(
        result.output.split()
    )


def test_run_awaits_the_script_with_a_client_and_the_variables(tmp_path: Path) -> None:
    script = tmp_path / "sdk_test_script.py"
    out = tmp_path / "out.txt"
    script.write_text(
        "from pathlib import Path\n\n"
        "async def run(client, log, branch, **variables):\n"
        f"    Path({str(out)!r}).write_text(f'{{type(client).__name__}} {{branch}} {{sorted(variables.items())}}')\n"
    )
    result = runner.invoke(app, ["run", str(script), "--branch", "feat", "site=atl1", "note=a=b"])
    assert result.exit_code == 0, result.output
    assert out.read_text() == "InfrahubClient feat [('note', 'a=b'), ('site', 'atl1')]"
