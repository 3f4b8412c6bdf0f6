"""Virtualenvs the tests need beside ours (OpsMill's clients share the `infrahub_sdk` import name),
created once outside the repository and reused across runs: keyed by what they install."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "infrahub-lite"


def cached_venv(prefix: str, packages: Sequence[str]) -> Path:
    """A virtualenv with `packages` installed, at `<cache>/<prefix>-<digest of packages>`."""
    digest = hashlib.sha256("\n".join(packages).encode()).hexdigest()[:12]
    venv = cache_dir() / f"{prefix}-{digest}"
    ready = venv / ".ready"
    if not ready.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *packages], check=True
        )
        ready.write_text("\n".join(packages))
    return venv
