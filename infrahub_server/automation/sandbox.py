"""The Jinja2 environment user templates render in: Jinja2's sandbox (no attribute access to
Python internals), `StrictUndefined` (a missing variable fails instead of rendering nothing, as
the SDK's `Jinja2Template` does), templates loaded from one directory only, netutils' filters.

netutils' filters that reach the network (DNS lookups, TCP probes) are left out: rendering reads
the query's data and the repository, nothing else.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from netutils.utils import jinja2_convenience_function

_NETWORK_FILTERS = frozenset({"fqdn_to_ip", "is_fqdn_resolvable", "tcp_ping"})


@lru_cache(maxsize=1)
def netutils_filters() -> dict[str, Callable[..., Any]]:
    """netutils' Jinja2 filters, by name, without the ones that reach the network."""
    with warnings.catch_warnings():
        # netutils.password imports the standard library's `crypt`, deprecated since Python 3.11.
        warnings.simplefilter("ignore", DeprecationWarning)
        filters = jinja2_convenience_function()
    return {name: function for name, function in filters.items() if name not in _NETWORK_FILTERS}


class RepositoryLoader(jinja2.FileSystemLoader):
    """Templates from one directory; `..`, absolute names and symbolic links that lead outside it
    are `TemplateNotFound`, so a repository cannot render a file of the server."""

    def __init__(self, directory: Path) -> None:
        self.root = directory.resolve()
        super().__init__(str(self.root))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


def template_environment(directory: Path) -> SandboxedEnvironment:
    """A sandboxed environment whose templates, includes and imports come from `directory` only.

    One environment per directory is kept, so a template compiles once for many renders; a
    template file that changes on disk is compiled again (Jinja2 compares its modification time).
    """
    return _environment(directory.resolve())


@lru_cache(maxsize=64)
def _environment(directory: Path) -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=RepositoryLoader(directory),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters.update(netutils_filters())
    return environment
