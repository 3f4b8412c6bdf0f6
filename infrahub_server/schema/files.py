"""Schema files as users load them (`version`, `generics`, `nodes`, `extensions`), and their validation.

Validation errors are reported the way Infrahub's `POST /api/schema/load` reports them: one
FastAPI-style entry per problem, located under `["body", "schemas", <file index>, ...]`, with
pydantic's message repeated as `ctx.reason` and `type` always `value_error`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, TypeAdapter, create_model
from pydantic import ValidationError as PydanticValidationError

KindName = Annotated[str, Field(pattern=r"^[A-Z][a-zA-Z0-9]+$", min_length=2, max_length=32)]
NamespaceName = Annotated[str, Field(pattern=r"^[A-Z][a-z0-9]+$", min_length=3, max_length=32)]
FieldName = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=3, max_length=32)]
BranchSupport = Literal["aware", "agnostic", "local"]
State = Literal["present", "absent"]

# Fields of the read format (`GET /api/schema`) that a payload may carry back; dropped with a warning.
READ_ONLY_KIND_FIELDS = ("kind", "hash", "used_by", "hierarchy")
READ_ONLY_ELEMENT_FIELDS = ("inherited",)


class AttributeKind(enum.StrEnum):
    """Member names and order give the tags Infrahub lists when an attribute kind is unknown."""

    TEXT = "Text"
    TEXTAREA = "TextArea"
    NUMBER = "Number"
    LIST = "List"
    NUMBERPOOL = "NumberPool"
    ID = "ID"
    DROPDOWN = "Dropdown"
    DATETIME = "DateTime"
    EMAIL = "Email"
    PASSWORD = "Password"
    HASHEDPASSWORD = "HashedPassword"
    URL = "URL"
    FILE = "File"
    MAC_ADDRESS = "MacAddress"
    COLOR = "Color"
    BANDWIDTH = "Bandwidth"
    IPHOST = "IPHost"
    IPNETWORK = "IPNetwork"
    IPADDRESS = "IPAddress"
    BOOLEAN = "Boolean"
    CHECKBOX = "Checkbox"
    JSON = "JSON"
    ANY = "Any"


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DropdownChoiceInput(_Input):
    name: str
    label: str | None = None
    description: str | None = None
    color: str | None = None


class _AttributeInput(_Input):
    id: str | None = None
    name: FieldName
    label: str | None = None
    description: str | None = None
    optional: bool = False
    unique: bool = False
    read_only: bool = False
    default_value: Any = None
    enum: list[Any] | None = None
    choices: list[DropdownChoiceInput] | None = None
    regex: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    parameters: dict[str, Any] | None = None
    order_weight: int | None = None
    ordered: bool = True
    branch: BranchSupport | None = None
    allow_override: Literal["any", "none"] = "any"
    state: State = "present"
    display: str = "default"
    computed_attribute: dict[str, Any] | None = None
    deprecation: str | None = None


def _attribute_model(member: AttributeKind) -> Any:
    kind_field: Any = (Literal[member], ...)
    return create_model(f"Attribute{member.value}", __base__=_AttributeInput, kind=kind_field)


if TYPE_CHECKING:
    AttributeInput = _AttributeInput
else:
    # One model per attribute kind, tagged by `kind`, so errors are located under the kind (`["Text", "name"]`).
    AttributeInput = Annotated[
        Union[tuple(_attribute_model(member) for member in AttributeKind)],  # noqa: UP007
        Discriminator("kind"),
    ]


class RelationshipInput(_Input):
    id: str | None = None
    name: FieldName
    peer: KindName
    kind: Literal[
        "Generic", "Attribute", "Component", "Parent", "Group", "Hierarchy", "Profile", "Template"
    ] = "Generic"
    label: str | None = None
    description: str | None = None
    identifier: str | None = None
    cardinality: Literal["one", "many"] = "many"
    min_count: int = 0
    max_count: int = 0
    optional: bool = True
    direction: Literal["bidirectional", "outbound", "inbound"] = "bidirectional"
    hierarchical: str | None = None
    on_delete: Literal["cascade", "no-action"] | None = None
    common_parent: str | None = None
    common_relatives: list[str] | None = None
    read_only: bool = False
    branch: BranchSupport | None = None
    order_weight: int | None = None
    allow_override: Literal["any", "none"] = "any"
    state: State = "present"
    display: str = "default"
    deprecation: str | None = None


class _KindInput(_Input):
    id: str | None = None
    name: KindName
    namespace: NamespaceName
    label: str | None = None
    description: str | None = None
    icon: str | None = None
    documentation: str | None = None
    include_in_menu: bool | None = None
    menu_placement: str | None = None
    branch: BranchSupport = "aware"
    default_filter: str | None = None
    human_friendly_id: list[str] | None = None
    display_label: str | None = None
    display_labels: list[str] | None = None
    order_by: list[str] | None = None
    uniqueness_constraints: list[list[str]] | None = None
    generate_profile: bool = True
    state: State = "present"
    attributes: list[AttributeInput] = Field(default_factory=list)
    relationships: list[RelationshipInput] = Field(default_factory=list)


class NodeInput(_KindInput):
    inherit_from: list[KindName] = Field(default_factory=list)
    generate_template: bool = False
    parent: str | None = None
    children: str | None = None


class GenericInput(_KindInput):
    hierarchical: bool = False
    restricted_namespaces: list[str] | None = None


class NodeExtensionInput(_Input):
    kind: KindName
    attributes: list[AttributeInput] = Field(default_factory=list)
    relationships: list[RelationshipInput] = Field(default_factory=list)


class ExtensionsInput(_Input):
    nodes: list[NodeExtensionInput] = Field(default_factory=list)


class SchemaFile(_Input):
    version: str
    generics: list[GenericInput] = Field(default_factory=list)
    nodes: list[NodeInput] = Field(default_factory=list)
    extensions: ExtensionsInput = Field(default_factory=ExtensionsInput)


_FILE = TypeAdapter(SchemaFile)


def read_only_warnings(raw: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Strip read-format fields from a raw schema file; one warning per field name."""
    cleaned = dict(raw)
    found: dict[str, list[dict[str, Any]]] = {}

    def strip(item: Any, fields: tuple[str, ...], kind: str, element: str | None) -> Any:
        if not isinstance(item, dict):
            return item
        item = dict(item)
        for field in fields:
            if field in item:
                del item[field]
                entry = {"kind": kind, "field": element}
                if entry not in found.setdefault(field, []):
                    found[field].append(entry)
        return item

    for section in ("generics", "nodes"):
        items = cleaned.get(section)
        if not isinstance(items, list):
            continue
        stripped = []
        for item in items:
            if not isinstance(item, dict):
                stripped.append(item)
                continue
            kind = f"{item.get('namespace', '')}{item.get('name', '')}"
            item = strip(item, READ_ONLY_KIND_FIELDS, kind, None)
            for elements in ("attributes", "relationships"):
                if isinstance(item.get(elements), list):
                    item[elements] = [
                        strip(element, READ_ONLY_ELEMENT_FIELDS, kind, element.get("name"))
                        if isinstance(element, dict)
                        else element
                        for element in item[elements]
                    ]
            stripped.append(item)
        cleaned[section] = stripped

    warnings = [
        {
            "type": "deprecation",
            "kinds": kinds,
            "message": f"'{field}' is a read-only field, the submitted value is ignored",
        }
        for field, kinds in found.items()
    ]
    return cleaned, warnings


def validate_schema_file(raw: Any, index: int) -> tuple[SchemaFile | None, list[dict[str, Any]]]:
    """Validate one file; returns it, or the 422 `detail` entries located under `body.schemas[index]`."""
    try:
        return _FILE.validate_python(raw), []
    except PydanticValidationError as exc:
        return None, [
            {
                "type": "value_error",
                "loc": ["body", "schemas", index, *error["loc"]],
                "msg": error["msg"],
                "input": error["input"],
                "ctx": {"reason": error["msg"]},
            }
            for error in exc.errors(include_url=False)
        ]
