"""`ansible-doc` renders every plugin and module of the collection."""

from __future__ import annotations

import json

import pytest
from ansible_harness import COLLECTION_SOURCE, Ansible

MODULES = sorted(
    f"infrahub.lite.{path.stem}" for path in (COLLECTION_SOURCE / "plugins" / "modules").glob("*.py")
)
PLUGINS = {"module": MODULES, "inventory": ["infrahub.lite.inventory"], "lookup": ["infrahub.lite.lookup"]}


def test_the_collection_lists_its_modules(ansible: Ansible) -> None:
    listed = json.loads(ansible.run("ansible-doc", "--list", "infrahub.lite", "--json").stdout)

    assert sorted(listed) == MODULES
    assert len(MODULES) == 10


@pytest.mark.parametrize("plugin_type", sorted(PLUGINS))
def test_every_plugin_has_options_examples_and_return_values(ansible: Ansible, plugin_type: str) -> None:
    names = PLUGINS[plugin_type]
    docs = json.loads(ansible.run("ansible-doc", "--json", "-t", plugin_type, *names).stdout)

    assert sorted(docs) == names
    for name, doc in docs.items():
        assert {"api_endpoint", "token", "branch", "timeout", "validate_certs"} <= set(
            doc["doc"]["options"]
        ), name
        assert doc["examples"].strip(), name
        if plugin_type != "inventory":
            assert doc["return"], name


def test_a_module_renders_as_text(ansible: Ansible) -> None:
    rendered = ansible.run("ansible-doc", "infrahub.lite.branch").stdout

    assert "merged" in rendered
    assert "check_mode" in rendered
