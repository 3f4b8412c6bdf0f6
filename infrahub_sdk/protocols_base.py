"""Types for generated protocol classes (`infrahubctl protocols`): attributes and node behaviour.

Nothing here runs: `await client.get(kind=InfraDevice, ...)` returns an `InfrahubNode`, and these
classes only tell the type checker which attributes it has. They are plain classes, not `Protocol`s,
so that a generated class can be passed where `type[...]` is expected.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from infrahub_sdk.constants import Priority
    from infrahub_sdk.context import RequestContext
    from infrahub_sdk.node.metadata import NodeMetadata
    from infrahub_sdk.schema.main import MainSchemaTypesAPI


@runtime_checkable
class RelatedNodeBase(Protocol):
    @property
    def id(self) -> str | None: ...

    @property
    def hfid(self) -> list[Any] | None: ...

    @property
    def hfid_str(self) -> str | None: ...

    @property
    def is_resource_pool(self) -> bool:
        raise NotImplementedError

    @property
    def initialized(self) -> bool: ...

    @property
    def display_label(self) -> str | None: ...

    @property
    def typename(self) -> str | None: ...


@runtime_checkable
class RelatedNode(RelatedNodeBase, Protocol): ...


@runtime_checkable
class RelatedNodeSync(RelatedNodeBase, Protocol): ...


@runtime_checkable
class Attribute(Protocol):
    name: str
    id: str | None
    is_default: bool | None
    is_from_profile: bool | None
    is_inherited: bool | None
    updated_at: str | None
    is_protected: bool | None


class String(Attribute):
    value: str


class StringOptional(Attribute):
    value: str | None


class DateTime(Attribute):
    value: str


class DateTimeOptional(Attribute):
    value: str | None


class HashedPassword(Attribute):
    value: str


class HashedPasswordOptional(Attribute):
    value: str | None


class URL(Attribute):
    value: str


class URLOptional(Attribute):
    value: str | None


class MacAddress(Attribute):
    value: str


class MacAddressOptional(Attribute):
    value: str | None


class Dropdown(Attribute):
    value: str


class DropdownOptional(Attribute):
    value: str | None


class Enum(Attribute):
    value: str


class EnumOptional(Attribute):
    value: str | None


class Integer(Attribute):
    value: int


class IntegerOptional(Attribute):
    value: int | None


class IPHost(Attribute):
    value: ipaddress.IPv4Interface | ipaddress.IPv6Interface


class IPHostOptional(Attribute):
    value: ipaddress.IPv4Interface | ipaddress.IPv6Interface | None


class IPNetwork(Attribute):
    value: ipaddress.IPv4Network | ipaddress.IPv6Network


class IPNetworkOptional(Attribute):
    value: ipaddress.IPv4Network | ipaddress.IPv6Network | None


class IPAddress(Attribute):
    value: ipaddress.IPv4Address | ipaddress.IPv6Address


class IPAddressOptional(Attribute):
    value: ipaddress.IPv4Address | ipaddress.IPv6Address | None


class Boolean(Attribute):
    value: bool


class BooleanOptional(Attribute):
    value: bool | None


class ListAttribute(Attribute):
    value: list[Any]


class ListAttributeOptional(Attribute):
    value: list[Any] | None


class JSONAttribute(Attribute):
    value: Any


class JSONAttributeOptional(Attribute):
    value: Any | None


class AnyAttribute(Attribute):
    value: Any


class AnyAttributeOptional(Attribute):
    value: Any | None


class CoreNodeBase:
    _schema: MainSchemaTypesAPI
    _internal_id: str
    id: str
    display_label: str | None
    typename: str | None

    @property
    def hfid(self) -> list[str] | None: ...

    @property
    def hfid_str(self) -> str | None: ...

    def get_human_friendly_id(self) -> list[str] | None: ...

    def get_human_friendly_id_as_string(self, include_kind: bool = False) -> str | None: ...

    def get_kind(self) -> str:
        raise NotImplementedError

    def get_all_kinds(self) -> list[str]:
        raise NotImplementedError

    def get_branch(self) -> str:
        raise NotImplementedError

    def is_ip_prefix(self) -> bool:
        raise NotImplementedError

    def is_ip_address(self) -> bool:
        raise NotImplementedError

    def is_resource_pool(self) -> bool:
        raise NotImplementedError

    def get_raw_graphql_data(self) -> dict[str, Any] | None: ...

    def get_node_metadata(self) -> NodeMetadata | None: ...


class CoreNode(CoreNodeBase):
    async def save(
        self,
        allow_upsert: bool = False,
        update_group_context: bool | None = None,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    async def delete(
        self,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    async def update(
        self,
        do_full_update: bool = False,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    async def create(
        self,
        allow_upsert: bool = False,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    async def add_relationships(self, relation_to_update: str, related_nodes: list[str]) -> None: ...

    async def remove_relationships(self, relation_to_update: str, related_nodes: list[str]) -> None: ...


class CoreNodeSync(CoreNodeBase):
    def save(
        self,
        allow_upsert: bool = False,
        update_group_context: bool | None = None,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    def delete(
        self,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    def update(
        self,
        do_full_update: bool = False,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    def create(
        self,
        allow_upsert: bool = False,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None: ...

    def add_relationships(self, relation_to_update: str, related_nodes: list[str]) -> None: ...

    def remove_relationships(self, relation_to_update: str, related_nodes: list[str]) -> None: ...
