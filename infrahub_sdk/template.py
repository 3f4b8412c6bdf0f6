"""Jinja2 transforms rendered locally as the server renders them: sandboxed, a missing variable fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment


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

    def get_template(self) -> jinja2.Template:
        return self.environment.get_template(self.template)

    def get_variables(self) -> set[str]:
        """The top-level variables the template reads."""
        from jinja2 import meta

        source, _, _ = self.environment.loader.get_source(self.environment, self.template)  # type: ignore[union-attr]
        return meta.find_undeclared_variables(self.environment.parse(source))

    def render(self, variables: dict[str, Any]) -> str:
        return self.get_template().render(**variables)
