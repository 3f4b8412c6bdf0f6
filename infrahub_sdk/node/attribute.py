"""`Attribute`: one attribute value of a node, its properties and whether it changed."""

from __future__ import annotations

import ipaddress
import uuid
from typing import TYPE_CHECKING, Any, NamedTuple, get_args

from .constants import IP_ADDRESS_TYPES, IP_TYPES, PROPERTIES_FLAG, PROPERTIES_OBJECT, SAFE_VALUE
from .property import NodeProperty

if TYPE_CHECKING:
    from infrahub_sdk.schema.main import AttributeSchemaAPI

_PARSERS: dict[str, Any] = {
    "IPHost": ipaddress.ip_interface,
    "IPNetwork": ipaddress.ip_network,
    "IPAddress": ipaddress.ip_address,
}


class AttributeInput(NamedTuple):
    """An attribute's part of a mutation: its input object and the variables it binds."""

    payload: dict[str, Any]
    variables: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"data": self.payload, "variables": self.variables}


class Attribute:
    __slots__ = (
        "_from_pool",
        "_loaded",
        "_schema",
        "_value",
        "id",
        "is_default",
        "is_from_profile",
        "is_inherited",
        "is_protected",
        "name",
        "owner",
        "source",
        "updated_at",
        "updated_by",
        "value_has_been_mutated",
    )

    def __init__(self, name: str, schema: AttributeSchemaAPI, data: Any) -> None:
        self.name = name
        self._schema = schema
        self._from_pool: dict[str, Any] | None = None
        if isinstance(data, dict) and "from_pool" in data:
            data = dict(data)
            self._from_pool = data.pop("from_pool")
            data.setdefault("value", None)
        elif not isinstance(data, dict) or "value" not in data:
            data = {"value": data}
        self._loaded: dict[str, Any] = data

        self.id: str | None = data.get("id")
        value = data.get("value")
        self._value: Any = _PARSERS[schema.kind](value) if value and schema.kind in _PARSERS else value
        self.value_has_been_mutated = False
        self.is_default: bool | None = data.get("is_default")
        self.is_from_profile: bool | None = data.get("is_from_profile")
        self.is_inherited: bool | None = data.get("is_inherited")
        self.updated_at: str | None = data.get("updated_at")
        self.is_protected: bool | None = data.get("is_protected")
        self.source: NodeProperty | None = NodeProperty(data["source"]) if data.get("source") else None
        self.owner: NodeProperty | None = NodeProperty(data["owner"]) if data.get("owner") else None
        self.updated_by: NodeProperty | None = (
            NodeProperty(data["updated_by"]) if data.get("updated_by") else None
        )

    @property
    def value(self) -> Any:
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        self._value = value
        self.value_has_been_mutated = True

    def __repr__(self) -> str:
        return f"Attribute({self.name}={self._value!r})"

    def is_from_pool_attribute(self) -> bool:
        return self._from_pool is not None or _is_pool(self._value)

    def _value_payload(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The `value` (or `from_pool`) part of the mutation input, and the variables it binds."""
        if self._from_pool is not None:
            return {"from_pool": self._from_pool}, {}
        if _is_pool(self._value):
            return {"from_pool": {"id": self._value.id}}, {}
        if self._value is None:
            return ({"value": None} if self._schema.optional and self.value_has_been_mutated else {}), {}
        if isinstance(self._value, str) and not SAFE_VALUE.match(self._value):
            name = f"value_{uuid.uuid4().hex}"
            return {"value": f"${name}"}, {name: self._value}
        if isinstance(self._value, get_args(IP_TYPES)):
            return {"value": self._value.with_prefixlen}, {}
        if isinstance(self._value, get_args(IP_ADDRESS_TYPES)):
            return {"value": str(self._value)}, {}
        return {"value": self._value}, {}

    def _properties_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            name: getattr(self, name) for name in PROPERTIES_FLAG if getattr(self, name) is not None
        }
        for name in PROPERTIES_OBJECT:
            prop: NodeProperty | None = getattr(self, name)
            if prop is not None:
                payload[name] = prop._generate_input_data()
        return payload

    def _generate_input_data(self, only_changes: bool = False) -> AttributeInput:
        """Mutation input and variables; with `only_changes`, only what differs from the loaded data."""
        payload, variables = self._value_payload()
        if not payload:
            return AttributeInput({}, {})
        if self._value is not None or self.is_from_pool_attribute():
            # A null value travels alone, without the properties.
            payload.update(self._properties_payload())
        if not only_changes:
            return AttributeInput(payload, variables)
        changed = {
            key: item
            for key, item in payload.items()
            if (key == "value" and self.value_has_been_mutated) or _loaded_property(self._loaded, key) != item
        }
        if "value" not in changed:
            variables = {}
        return AttributeInput(changed, variables)

    def _generate_query_data(self, property: bool = False, include_metadata: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"value": None}
        if property:
            data.update({"is_default": None, "is_from_profile": None})
            data.update(dict.fromkeys(PROPERTIES_FLAG))
            for name in PROPERTIES_OBJECT:
                data[name] = {"id": None, "display_label": None, "__typename": None}
        if include_metadata:
            data["updated_at"] = None
            data["updated_by"] = {"id": None, "display_label": None, "__typename": None}
        return data

    def _generate_mutation_query(self) -> dict[str, Any]:
        return {self.name: {"value": None}} if self.is_from_pool_attribute() else {}


def _is_pool(value: Any) -> bool:
    check = getattr(value, "is_resource_pool", None)
    return bool(callable(check) and check())


def _loaded_property(loaded: dict[str, Any], key: str) -> Any:
    item = loaded.get(key)
    return item.get("id") if isinstance(item, dict) else item
