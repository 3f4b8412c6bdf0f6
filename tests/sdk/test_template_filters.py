"""`Jinja2Template` renders with netutils' filters, as `infrahubctl render` and the server do."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from infrahub_sdk.template import Jinja2Template


def test_netutils_filters_render_in_local_templates(tmp_path: Path) -> None:
    (tmp_path / "interface.j2").write_text(
        "interface {{ name | canonical_interface_name }}\n", encoding="utf-8"
    )
    rendered = Jinja2Template("interface.j2", tmp_path).render({"name": "Gi0/1"})
    assert rendered == "interface GigabitEthernet0/1"


def test_filters_that_reach_the_network_are_not_offered(tmp_path: Path) -> None:
    (tmp_path / "probe.j2").write_text("{{ 'example.com' | fqdn_to_ip }}", encoding="utf-8")
    with pytest.raises(jinja2.TemplateAssertionError, match="fqdn_to_ip"):
        Jinja2Template("probe.j2", tmp_path).render({})
