"""Configurations rendered from a branch with a repository's Jinja2 transform (as `infrahubctl render`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from infrahub_sdk import InfrahubClientSync
from infrahub_sdk.schema.repository import InfrahubRepositoryConfig
from infrahub_sdk.template import Jinja2Template
from labkit.errors import LabError


def render_configs(
    client: InfrahubClientSync,
    repository: Path,
    devices: Iterable[str],
    *,
    transform: str = "frr_config",
    branch: str | None = None,
) -> dict[str, str]:
    """Device name -> configuration, from the transform's query with `device=<name>`."""
    config_path = repository / ".infrahub.yml"
    try:
        config = InfrahubRepositoryConfig(**yaml.safe_load(config_path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise LabError(f"cannot read the repository configuration {config_path}: {exc}") from exc
    if not config.has_jinja2_transform(transform):
        raise LabError(f"{config_path} has no Jinja2 transform {transform!r}")
    definition = config.get_jinja2_transform(transform)
    query = config.get_query(definition.query).load_query(str(repository))
    template = Jinja2Template(definition.template_path, repository)
    rendered = {}
    for device in devices:
        data = client.execute_graphql(query, variables={"device": device}, branch_name=branch)
        rendered[device] = template.render({"data": data})
    return rendered
