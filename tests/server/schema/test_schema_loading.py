from __future__ import annotations

from typing import Any

import pytest

from infrahub_server.errors import SchemaError
from infrahub_server.schema import api_payload, core_schema, load_schema_files


def _file(
    *nodes: dict[str, Any], generics: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"version": "1.0", "nodes": list(nodes), "generics": generics or [], **extra}


BOX = {"name": "Box", "namespace": "Test", "attributes": [{"name": "name", "kind": "Text", "unique": True}]}


def test_second_load_of_the_same_files_changes_nothing(network_schema: dict[str, Any]) -> None:
    first = load_schema_files(core_schema(), [network_schema])
    second = load_schema_files(first.schema, [network_schema])
    assert second.schema_updated is False
    assert second.hash == first.hash
    assert second.diff == {"added": {}, "changed": {}, "removed": {}}
    assert api_payload(second.schema) == api_payload(first.schema)


def test_state_absent_removes_a_kind_and_its_profile() -> None:
    loaded = load_schema_files(core_schema(), [_file(BOX)]).schema
    assert "ProfileTestBox" in loaded.profiles
    result = load_schema_files(loaded, [_file({**BOX, "state": "absent"})])
    assert "TestBox" not in result.schema.nodes
    assert "ProfileTestBox" not in result.schema.profiles
    assert sorted(result.diff["removed"]) == ["TestBox"]


def test_state_absent_removes_an_attribute() -> None:
    box = {**BOX, "attributes": [*BOX["attributes"], {"name": "color", "kind": "Text", "optional": True}]}
    loaded = load_schema_files(core_schema(), [_file(box)]).schema
    result = load_schema_files(
        loaded, [_file({**BOX, "attributes": [{"name": "color", "kind": "Text", "state": "absent"}]})]
    )
    assert result.schema.nodes["TestBox"].attribute_names == ["name"]
    assert result.diff["changed"]["TestBox"]["changed"]["attributes"] == {
        "added": {},
        "changed": {},
        "removed": {"color": None},
    }


def test_extensions_add_fields_to_existing_kinds() -> None:
    extension = {
        "nodes": [{"kind": "BuiltinTag", "attributes": [{"name": "color", "kind": "Text", "optional": True}]}]
    }
    result = load_schema_files(core_schema(), [_file(extensions=extension)])
    tag = result.schema.nodes["BuiltinTag"]
    assert tag.get_attribute("color") is not None
    assert tag.get_attribute("color").label == "Color"  # type: ignore[union-attr]
    assert list(result.diff["changed"]) == ["BuiltinTag"]


def test_restricted_namespace_is_refused() -> None:
    with pytest.raises(SchemaError, match="Restricted namespace 'Core' used on 'Box'"):
        load_schema_files(core_schema(), [_file({**BOX, "namespace": "Core"})])


def test_generate_template_adds_a_template_kind() -> None:
    result = load_schema_files(core_schema(), [_file({**BOX, "generate_template": True})])
    template = result.schema.templates["TemplateTestBox"]
    assert template.inherit_from == ["LineageSource", "CoreNode", "CoreObjectTemplate"]
    assert template.attribute_names[0] == "template_name"
    link = result.schema.nodes["TestBox"].get_relationship("object_template")
    assert link is not None
    assert (link.peer, link.cardinality, link.kind) == ("TemplateTestBox", "one", "Template")
    assert [item["kind"] for item in api_payload(result.schema)["templates"]] == ["TemplateTestBox"]


def test_read_only_fields_are_dropped_with_a_warning() -> None:
    box = {**BOX, "hash": "abc", "used_by": [], "attributes": [{**BOX["attributes"][0], "inherited": False}]}
    result = load_schema_files(core_schema(), [_file(box)])
    messages = [warning["message"] for warning in result.warnings]
    assert messages == [
        "'hash' is a read-only field, the submitted value is ignored",
        "'used_by' is a read-only field, the submitted value is ignored",
        "'inherited' is a read-only field, the submitted value is ignored",
    ]
    assert "TestBox" in result.schema.nodes


def test_dropdown_choices_get_palette_colours_and_labels() -> None:
    box = {
        **BOX,
        "attributes": [
            *BOX["attributes"],
            {
                "name": "status",
                "kind": "Dropdown",
                "choices": [{"name": "in_use"}, {"name": "spare", "color": "#ed6a5a"}],
            },
        ],
    }
    status = load_schema_files(core_schema(), [_file(box)]).schema.nodes["TestBox"].get_attribute("status")
    assert status is not None
    assert [choice.model_dump() for choice in status.choices or []] == [
        {"name": "spare", "label": "Spare", "description": "", "color": "#ed6a5a"},
        {"name": "in_use", "label": "In Use", "description": "", "color": "#f4f1bb"},
    ]


def test_hierarchy_with_a_concrete_parent_makes_parent_mandatory(network_schema: dict[str, Any]) -> None:
    result = load_schema_files(core_schema(), [network_schema]).schema
    site_parent = result.nodes["NetSite"].get_relationship("parent")
    region_parent = result.nodes["NetRegion"].get_relationship("parent")
    assert site_parent is not None
    assert region_parent is not None
    assert (site_parent.peer, site_parent.optional, site_parent.min_count) == ("NetRegion", False, 1)
    assert (region_parent.peer, region_parent.optional) == ("NetPlace", True)


def test_template_of_a_node_brings_templates_of_its_components(network_schema: dict[str, Any]) -> None:
    for node in network_schema["nodes"]:
        if node["name"] == "Device":
            node["generate_template"] = True
    schema = load_schema_files(core_schema(), [network_schema]).schema

    assert sorted(schema.templates) == ["TemplateNetDevice", "TemplateNetInterface"]
    interfaces = schema.templates["TemplateNetDevice"].get_relationship("interfaces")
    assert interfaces is not None
    assert interfaces.peer == "TemplateNetInterface"
    component = schema.templates["TemplateNetInterface"]
    assert component.inherit_from == ["LineageSource", "CoreNode", "CoreObjectComponentTemplate"]
    assert component.human_friendly_id == ["device__template_name__value", "template_name__value"]
    profile = schema.profiles["ProfileNetDevice"].get_relationship("related_templates")
    assert profile is not None
    assert profile.peer == "TemplateNetDevice"


def test_schema_read_back_from_the_api_loads_again_unchanged(network_schema: dict[str, Any]) -> None:
    loaded = load_schema_files(core_schema(), [network_schema]).schema
    served = api_payload(loaded, ["Net"])

    result = load_schema_files(
        loaded, [{"version": "1.0", "nodes": served["nodes"], "generics": served["generics"]}]
    )

    assert result.schema_updated is False
    assert {warning["message"].split("'")[1] for warning in result.warnings} == {
        "kind",
        "hash",
        "used_by",
        "inherited",
        "hierarchy",
    }
