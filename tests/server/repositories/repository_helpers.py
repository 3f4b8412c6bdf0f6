"""Git repositories made in a test's temporary directory, and GraphQL against the app."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import httpx

from tests.live_server import ADMIN_TOKEN

ADMIN = {"X-INFRAHUB-KEY": ADMIN_TOKEN}
GENERATORS = Path(__file__).resolve().parents[3] / "generators"


class GitRepository:
    """A working git repository: write files, commit, read the commit id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
            cwd=self.path,
            capture_output=True,
            check=True,
            text=True,
        )
        return result.stdout.strip()

    def write(self, relative: str, text: str) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)

    def remove(self, relative: str) -> None:
        (self.path / relative).unlink()

    def commit(self, message: str = "change") -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, branch: str = "main"
) -> dict[str, Any]:
    response = await client.post(
        f"/graphql/{branch}", json={"query": query, "variables": variables or {}}, headers=ADMIN
    )
    body: dict[str, Any] = response.json()
    return body
