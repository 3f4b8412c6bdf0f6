"""Jinja2 transforms rendered locally as the server renders them: sandboxed, a missing variable
fails, netutils' filters available (those that would reach the network excepted)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

OFFLINE_EXCLUDED_FILTERS = frozenset({"fqdn_to_ip", "is_fqdn_resolvable", "tcp_ping"})


@cache
def _netutils_filters() -> dict[str, Callable[..., Any]]:
    from netutils.utils import jinja2_convenience_function

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # netutils imports `crypt` (deprecated)
        available = jinja2_convenience_function()
    return {name: function for name, function in available.items() if name not in OFFLINE_EXCLUDED_FILTERS}


class Jinja2Template:
    """A template file of a repository; includes and imports resolve from `template_directory`."""

    def __init__(self, template: Path | str, template_directory: Path | None = None) -> None:
        self.template = str(template)
        self.environment = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(template_directory or Path())),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters.update(_netutils_filters())

    def get_template(self) -> jinja2.Template:
        return self.environment.get_template(self.template)

    def get_variables(self) -> set[str]:
        """The top-level variables the template reads."""
        from jinja2 import meta

        source, _, _ = self.environment.loader.get_source(self.environment, self.template)  # type: ignore[union-attr]
        return meta.find_undeclared_variables(self.environment.parse(source))

    def render(self, variables: dict[str, Any]) -> str:
        return self.get_template().render(**variables)
