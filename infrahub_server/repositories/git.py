"""The git commands the server runs, as a subprocess, against a repository's bare clone.

Credentials for https locations travel in the child's environment (`GIT_CONFIG_*`), never on
the command line or in a log line.
"""

from __future__ import annotations

import base64
import io
import logging
import os
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from infrahub_server.errors import InfrahubError

logger = logging.getLogger(__name__)

GIT_TIMEOUT_SECONDS = 120.0
_USERINFO = re.compile(r"://[^/@\s]+@")


class GitError(InfrahubError):
    """A git command failed; `connectivity` when the remote could not be reached or read."""

    code = "REPOSITORY_GIT_ERROR"
    http_status = 400

    def __init__(self, message: str, *, connectivity: bool = False, credentials: bool = False) -> None:
        super().__init__(_USERINFO.sub("://***@", message))
        self.connectivity = connectivity
        self.credentials = credentials


@dataclass(frozen=True, slots=True)
class GitCredential:
    username: str
    password: str


def remote_url(location: str) -> str:
    """A location as git takes it: URLs as they are, plain paths made absolute. A location that
    git would read as an option is refused."""
    if location.startswith("-"):
        raise GitError(f"not a git location: {location!r}")
    if "://" in location or location.startswith("git@"):
        return location
    return str(Path(location).expanduser().resolve())


def _environment(credential: GitCredential | None) -> dict[str, str]:
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "true",
        "LC_ALL": "C",
    }
    if credential is not None:
        token = base64.b64encode(f"{credential.username}:{credential.password}".encode()).decode()
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="http.extraHeader",
            GIT_CONFIG_VALUE_0=f"Authorization: Basic {token}",
        )
    return env


def run_git(
    args: list[str], *, cwd: Path | None = None, credential: GitCredential | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `git ARGS`; a non-zero exit raises `GitError` with git's own message."""
    logger.debug("git %s", _USERINFO.sub("://***@", " ".join(args)))
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=_environment(credential),
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(
            f"git {args[0]} timed out after {GIT_TIMEOUT_SECONDS:.0f} s", connectivity=True
        ) from None
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip() or f"git {args[0]} failed"
        lowered = message.lower()
        raise GitError(
            message,
            connectivity=any(
                word in lowered
                for word in ("does not appear to be a git repository", "could not read", "unable to access")
            ),
            credentials="authentication failed" in lowered or "401" in lowered,
        )
    return result


def fetch_clone(clone: Path, location: str, credential: GitCredential | None = None) -> None:
    """Create the bare clone of `location` at `clone`, or bring its branches and tags up to date."""
    url = remote_url(location)
    if not (clone / "HEAD").exists():
        clone.parent.mkdir(parents=True, exist_ok=True)
        run_git(["init", "--bare", "--quiet", str(clone)])
    run_git(
        [
            "fetch",
            "--quiet",
            "--prune",
            "--force",
            "--tags",
            url,
            "+refs/heads/*:refs/heads/*",
        ],
        cwd=clone,
        credential=credential,
    )


def resolve_commit(clone: Path, ref: str) -> str:
    """The commit `ref` (branch, tag or commit id) names in the clone."""
    if ref.startswith("-"):
        raise GitError(f"not a branch, tag or commit: {ref!r}")
    try:
        result = run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=clone)
    except GitError:
        raise GitError(f"the repository has no branch, tag or commit named {ref!r}") from None
    return result.stdout.decode().strip()


def has_commit(clone: Path, commit: str) -> bool:
    if not (clone / "HEAD").exists():
        return False
    try:
        run_git(["cat-file", "-e", f"{commit}^{{commit}}"], cwd=clone)
    except GitError:
        return False
    return True


def export_commit(clone: Path, commit: str, destination: Path) -> None:
    """Write the files of `commit` into the empty directory `destination` (no `.git`)."""
    archive = run_git(["archive", "--format=tar", commit], cwd=clone).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
