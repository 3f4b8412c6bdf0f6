"""The FRRouting and EOS templates render whole, expected configurations from `device_config` responses."""

from __future__ import annotations

import copy
from typing import Any

import jinja2
import pytest
from generators_repository import FIXTURES, REPOSITORY, read_json, read_yaml
from jinja2.sandbox import SandboxedEnvironment


def sandbox() -> SandboxedEnvironment:
    """How the server renders Jinja2 transforms: sandboxed, and a missing variable is an error."""
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(REPOSITORY),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, data: dict[str, Any]) -> str:
    return sandbox().get_template(f"templates/{template}.j2").render(data)


@pytest.mark.parametrize("case", ["frr_spine", "frr_leaf", "eos_spine", "eos_leaf"])
def test_renders_the_expected_configuration(case: str) -> None:
    template = case.split("_")[0]
    assert render(template, read_json(FIXTURES / f"{case}.json")) == (FIXTURES / f"{case}.conf").read_text()


def _plugin_render_tests() -> list[tuple[str, str]]:
    config = read_yaml(REPOSITORY / ".infrahub.yml")
    templates = {item["name"]: item["template_path"] for item in config["jinja2_transforms"]}
    cases = []
    for group in read_yaml(REPOSITORY / "tests" / "test_config_templates.yml")["infrahub_tests"]:
        for test in group["tests"]:
            if test["spec"]["kind"] == "jinja2-transform-unit-render":
                cases.append((templates[group["resource_name"]], test["spec"]["directory"]))
    return cases


@pytest.mark.parametrize(("template_path", "directory"), _plugin_render_tests())
def test_the_repository_unit_tests_hold(template_path: str, directory: str) -> None:
    """The official plugin renders with a plain file-system environment (trim_blocks, lstrip_blocks)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPOSITORY), trim_blocks=True, lstrip_blocks=True
    )
    folder = REPOSITORY / "tests" / directory
    rendered = environment.get_template(template_path).render(read_json(folder / "input.json"))
    assert rendered == (folder / "output.conf").read_text()


def _bare_leaf() -> dict[str, Any]:
    """A leaf without ASN or loopback, one uplink shut, one session planned: every optional path."""
    data = copy.deepcopy(read_json(FIXTURES / "frr_leaf.json"))
    device = data["data"]["NetDevice"]["edges"][0]["node"]
    device["loopback_address"] = None
    device["asn"]["value"] = None
    device["interfaces"]["edges"] = device["interfaces"]["edges"][1:3]
    device["interfaces"]["edges"][0]["node"]["description"]["value"] = None
    device["interfaces"]["edges"][1]["node"]["enabled"]["value"] = False
    device["interfaces"]["edges"][1]["node"]["ip_addresses"]["edges"] = []
    return data


def test_frr_without_asn_or_loopback_renders_interfaces_only() -> None:
    assert render("frr", _bare_leaf()) == (
        "hostname dc1-leaf3\n!\ninterface eth1\n ip address 10.0.0.9/31\nexit\n!\n"
        "interface eth2\n description to dc1-spine2 eth3\n shutdown\nexit\n!\nend\n"
    )


def test_a_session_that_is_not_active_is_shut_down() -> None:
    data = read_json(FIXTURES / "frr_leaf.json")
    device = data["data"]["NetDevice"]["edges"][0]["node"]
    device["bgp_sessions"]["edges"][1]["node"]["status"]["value"] = "planned"
    assert " neighbor 10.0.0.10 shutdown\n" in render("frr", data)
    assert "   neighbor 10.0.0.10 shutdown\n" in render("eos", data)


def test_a_missing_field_is_an_error_not_an_empty_line() -> None:
    data = read_json(FIXTURES / "frr_spine.json")
    del data["data"]["NetDevice"]["edges"][0]["node"]["asn"]
    with pytest.raises(jinja2.UndefinedError):
        render("frr", data)


@pytest.mark.parametrize("template", ["frr", "eos"])
def test_a_session_without_remote_address_is_left_out(template: str) -> None:
    data = read_json(FIXTURES / f"{template}_leaf.json")
    data["data"]["NetDevice"]["edges"][0]["node"]["bgp_sessions"]["edges"][0]["node"]["remote_address"] = None
    rendered = render(template, data)
    assert "neighbor 10.0.0.8 " not in rendered
    assert "neighbor 10.0.0.10 remote-as 65002\n" in rendered
