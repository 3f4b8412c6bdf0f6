"""Option parsing: what a config file may say, and the error a user reads when it is wrong."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from nornir_plugin._options import HostKind, parse_options
from nornir_plugin.inventory import InfrahubInventory, _config

NO_OPTIONS: dict[str, Any] = {
    "host_node": None,
    "host_nodes": None,
    "address": None,
    "token": None,
    "username": None,
    "password": None,
    "branch": None,
    "at": None,
    "timeout": None,
    "tls_insecure": None,
    "tls_ca_file": None,
    "schema_mappings": None,
    "group_mappings": None,
    "data_mappings": None,
    "filters": None,
    "defaults_file": "defaults.yaml",
    "group_file": "group.yaml",
    "cache_ttl": 0,
    "cache_dir": None,
}


def parse(**options: Any) -> Any:
    return parse_options(**{**NO_OPTIONS, **options})


def test_shared_mappings_apply_to_every_host_kind_and_each_kind_overrides_them() -> None:
    options = parse(
        host_nodes=[
            {"kind": "InfraDevice", "filters": {"role__value": "spine"}},
            {
                "kind": "InfraFirewall",
                "include": ["tags"],
                "schema_mappings": [{"name": "hostname", "mapping": "management_ip.address"}],
                "group_mappings": ["zone.name"],
                "data_mappings": {"asn": "asn"},
            },
        ],
        schema_mappings=[
            {"name": "hostname", "mapping": "primary_address.address"},
            {"name": "platform", "mapping": "platform.nornir_platform"},
        ],
        group_mappings=["site.name"],
        data_mappings=[{"name": "interfaces", "mapping": "interfaces.name"}],
        filters={"status__value": "active"},
    )
    assert options.host_kinds == (
        HostKind(
            kind="InfraDevice",
            filters={"status__value": "active", "role__value": "spine"},
            schema_mappings={"hostname": "primary_address.address", "platform": "platform.nornir_platform"},
            group_mappings=("site.name",),
            data_mappings={"interfaces": "interfaces.name"},
        ),
        HostKind(
            kind="InfraFirewall",
            include=("tags",),
            filters={"status__value": "active"},
            schema_mappings={"hostname": "management_ip.address", "platform": "platform.nornir_platform"},
            group_mappings=("site.name", "zone.name"),
            data_mappings={"interfaces": "interfaces.name", "asn": "asn"},
        ),
    )


def test_connection_options_become_sdk_config_keywords(tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    ca_file.write_text("")
    options = parse(
        host_node={"kind": "InfraDevice"},
        address="https://infrahub.example:8443",
        username="admin",
        password="infrahub",
        branch="feature-1",
        timeout=2.5,
        tls_ca_file=str(ca_file),
        at="2026-01-31T13:00:00+01:00",
    )
    assert dict(options.connection.config) == {
        "address": "https://infrahub.example:8443",
        "default_branch": "feature-1",
        "timeout": 2,
        "username": "admin",
        "password": "infrahub",
        "tls_ca_file": str(ca_file),
    }
    assert options.at == "2026-01-31T12:00:00.000000Z"
    assert options.cache_ttl == 0
    from_yaml = parse(host_node={"kind": "InfraDevice"}, at=datetime(2026, 1, 31, 12, 0, tzinfo=UTC))
    assert from_yaml.at == "2026-01-31T12:00:00.000000Z"


def test_options_left_out_come_from_infrahub_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAHUB_ADDRESS", "http://sot.example:8000")
    monkeypatch.setenv("INFRAHUB_API_TOKEN", "env-token")
    monkeypatch.setenv("INFRAHUB_DEFAULT_BRANCH", "env-branch")
    from_env = _config(parse(host_node={"kind": "InfraDevice"}).connection.config)
    assert (from_env.address, from_env.api_token, from_env.default_branch) == (
        "http://sot.example:8000",
        "env-token",
        "env-branch",
    )
    explicit = _config(
        parse(host_node={"kind": "InfraDevice"}, username="admin", password="x", branch="b").connection.config
    )
    assert (explicit.api_token, explicit.username, explicit.default_branch) == (None, "admin", "b")


def test_connection_errors_name_the_plugin_options() -> None:
    with pytest.raises(
        ValueError, match=r"^connection options: address: The configured address is not a valid url$"
    ):
        _config(parse(host_node={"kind": "InfraDevice"}, address="localhost").connection.config)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"host_node": None}, "host_node: required"),
        ({"host_nodes": [{"kind": "A"}]}, "host_node and host_nodes: give one of them"),
        ({"host_node": None, "host_nodes": []}, "host_nodes: the list is empty"),
        ({"host_node": None, "host_nodes": "InfraDevice"}, "host_nodes: expected a list"),
        ({"host_node": {"include": ["tags"]}}, "host_node.kind: required"),
        ({"host_node": {"kind": "A", "filter": {}}}, "host_node: unknown key(s) 'filter'"),
        (
            {"host_node": None, "host_nodes": [{"kind": "A"}, {"kind": "B", "group_mappings": "site.name"}]},
            "host_nodes[1].group_mappings: expected a list",
        ),
        (
            {"schema_mappings": [{"name": "site", "mapping": "site.name"}]},
            "schema_mappings[0]: name 'site' is not a host field",
        ),
        ({"schema_mappings": [{"name": "hostname"}]}, "schema_mappings[0]: expected {'name'"),
        ({"group_mappings": ["site..name"]}, "group_mappings[0]: expected a dotted path"),
        ({"data_mappings": {"infrahub": "id"}}, "data_mappings: data key 'infrahub' is reserved"),
        ({"filters": {"ids": {1, 2}}}, "filters.ids: {1, 2} cannot be sent as a GraphQL value"),
        ({"token": "t", "username": "u", "password": "p"}, "token and username/password"),
        ({"username": "u"}, "username and password: give both"),
        ({"tls_insecure": True, "tls_ca_file": "/etc/hosts"}, "tls_insecure and tls_ca_file"),
        ({"tls_ca_file": "/nonexistent/ca.pem"}, "tls_ca_file: '/nonexistent/ca.pem' is not a file"),
        ({"tls_insecure": "maybe"}, "tls_insecure: expected true or false"),
        ({"timeout": 0}, "timeout: must be positive"),
        ({"timeout": "soon"}, "timeout: expected a number of seconds"),
        ({"at": "yesterday"}, "at: expected an ISO 8601 timestamp"),
        ({"at": "2026-01-31T12:00:00"}, "at: the timestamp needs a time zone"),
        ({"cache_ttl": -1}, "cache_ttl: must be 0 (off) or more"),
        ({"address": ""}, "address: expected a non-empty string"),
    ],
)
def test_invalid_options_raise_value_error_naming_the_option(options: dict[str, Any], message: str) -> None:
    arguments = {"host_node": {"kind": "InfraDevice"}, **options}
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        InfrahubInventory(**arguments)
