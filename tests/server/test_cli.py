"""`infrahub-server start`: refuses bad settings in one line, starts within a second, keeps data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

StartServer = Callable[..., Any]
ADMIN = {"X-INFRAHUB-KEY": "06438eb2-8019-4776-878c-0941b1f1d1ec"}
SCHEMA = {
    "version": "1.0",
    "nodes": [
        {"name": "Site", "namespace": "Lab", "attributes": [{"name": "name", "kind": "Text", "unique": True}]}
    ],
}


def _run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {name: value for name, value in os.environ.items() if not name.startswith("INFRAHUB_")}
    return subprocess.run(
        [sys.executable, "-m", "infrahub_server.cli", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--workers", "2"], {}, "workers: 2 workers need PostgreSQL"),
        ([], {"INFRAHUB_PORT": "http"}, "INFRAHUB_PORT: expected an integer, got 'http'"),
        (
            [],
            {"INFRAHUB_DATABASE_URL": "mysql://db/infrahub"},
            "INFRAHUB_DATABASE_URL: expected sqlite:///path",
        ),
        (["--config", "missing.toml"], {}, "config file missing.toml: cannot be read"),
        (
            [],
            {"INFRAHUB_DATABASE_URL": "sqlite:////nonexistent/infrahub.db"},
            "INFRAHUB_DATABASE_URL: cannot open sqlite:////nonexistent/infrahub.db: unable to open database file",
        ),
        (
            [],
            {"INFRAHUB_DATABASE_URL": "postgresql://infrahub:secret@127.0.0.1:1/infrahub"},
            "INFRAHUB_DATABASE_URL: cannot open postgresql://infrahub:***@127.0.0.1:1/infrahub: connection failed",
        ),
    ],
)
def test_a_bad_setting_stops_the_start_with_one_line(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    result = _run_cli("start", *args, cwd=tmp_path, **env)

    assert result.returncode == 2
    assert result.stderr.startswith(f"infrahub-server: error: {message}")
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_help_lists_the_start_options(tmp_path: Path) -> None:
    result = _run_cli("start", "--help", cwd=tmp_path, COLUMNS="200")

    assert result.returncode == 0
    for option in ("--host", "--port", "--workers", "--config"):
        assert option in result.stdout


def test_a_first_start_creates_the_database_and_answers(start_server: StartServer, tmp_path: Path) -> None:
    server = start_server(workdir=tmp_path)
    server.wait_until_answering(timeout=30)

    assert (tmp_path / "infrahub.db").is_file()
    assert httpx.get(f"{server.address}/api/info").json()["version"]


def test_a_restart_keeps_the_data(start_server: StartServer) -> None:
    server = start_server()
    server.wait_until_answering(timeout=30)
    info = httpx.get(f"{server.address}/api/info").json()
    loaded = httpx.post(f"{server.address}/api/schema/load", json={"schemas": [SCHEMA]}, headers=ADMIN)
    assert loaded.status_code == 200, loaded.text
    server.stop()
    assert "Application shutdown complete" in server.output()

    again = start_server()
    again.wait_until_answering(timeout=30)
    login = httpx.post(f"{again.address}/api/auth/login", json={"username": "admin", "password": "infrahub"})
    site = httpx.get(f"{again.address}/api/schema/LabSite")

    assert httpx.get(f"{again.address}/api/info").json() == info
    assert login.status_code == 200
    assert site.status_code == 200
    assert site.json()["kind"] == "LabSite"


@pytest.mark.postgres
def test_several_workers_share_one_postgresql_database(
    start_server: StartServer, database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several workers need PostgreSQL")
    server = start_server("--workers", "2", INFRAHUB_DATABASE_URL=database_url)
    server.wait_until_answering(timeout=60)

    answers = [httpx.get(f"{server.address}/api/info").json() for _ in range(6)]
    accounts = httpx.post(
        f"{server.address}/graphql/main", json={"query": "{ CoreAccount { count } }"}, headers=ADMIN
    )

    assert len({answer["deployment_id"] for answer in answers}) == 1
    assert accounts.json() == {"data": {"CoreAccount": {"count": 1}}}
    assert server.output().count("Application startup complete") == 2
    assert list(tmp_path.glob("*.db")) == []


def test_importing_the_server_modules_opens_nothing(tmp_path: Path) -> None:
    code = "import infrahub_server.app, infrahub_server.cli, infrahub_server.api.routes, infrahub_server.auth.seed"
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, env={"INFRAHUB_DATABASE_URL": "x"})

    assert list(tmp_path.iterdir()) == []
