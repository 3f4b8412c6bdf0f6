"""The peers of a node without any I/O: one related node, or the manager of a cardinality-many list."""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

from infrahub_sdk.schema.main import RelationshipSchemaAPI

from .constants import PROFILE_KIND_PREFIX, PROPERTIES_FLAG, PROPERTIES_OBJECT
from .metadata import NodeMetadata, RelationshipMetadata


@runtime_checkable
class PeerNode(Protocol):
    """What a related node needs from a node object given as its peer."""

    id: Any
    display_label: str | None
    typename: str | None

    @property
    def hfid(self) -> list[str] | None: ...

    def get_kind(self) -> str: ...

    def get_human_friendly_id_as_string(self, include_kind: bool = False) -> str | None: ...

    def is_resource_pool(self) -> bool: ...


# Each relationship property, and the key it has in mutation input (`_relation__is_protected`).
_PROPERTY_KEYS = [(prop, f"_relation__{prop}") for prop in PROPERTIES_FLAG + PROPERTIES_OBJECT]

PEER_FIELDS: dict[str, Any] = {"id": None, "hfid": None, "display_label": None, "__typename": None}
_PROPERTY_OBJECT_FIELDS: dict[str, Any] = {"id": None, "display_label": None, "__typename": None}


def _relationship_properties_query() -> dict[str, Any]:
    properties: dict[str, Any] = dict.fromkeys(PROPERTIES_FLAG)
    for name in PROPERTIES_OBJECT:
        properties[name] = dict(_PROPERTY_OBJECT_FIELDS)
    return properties


class RelatedNodeBase:
    """The peer of a cardinality-one relationship (or one member of a cardinality-many one)."""

    def __init__(
        self, branch: str, schema: RelationshipSchemaAPI, data: Any, name: str | None = None
    ) -> None:
        self.schema = schema
        self.name = name
        self._branch = branch
        self._peer: PeerNode | None = None
        self._id: str | None = None
        self._hfid: list[str] | None = None
        self._display_label: str | None = None
        self._typename: str | None = None
        self._kind: str | None = None
        self._peer_has_been_mutated = False
        self._relationship_metadata: RelationshipMetadata | None = None
        self._source_typename: str | None = None
        self.is_protected: bool | None = None
        self.updated_at: str | None = None
        self.source: str | None = None
        self.owner: str | None = None

        # The cheap type checks come first: a Protocol isinstance check is slow, and most data is a dict.
        if isinstance(data, list):
            data = {"hfid": data}
        elif isinstance(data, RelatedNodeBase):
            data = data._identity()
        elif not isinstance(data, dict | str) and isinstance(data, PeerNode):
            self._peer = data
            return
        elif not isinstance(data, dict):
            data = {"id": data}

        node_data = data.get("node", data) or {}
        properties = data.get("properties", data) or {}
        if data.get("relationship_metadata"):
            self._relationship_metadata = RelationshipMetadata(data["relationship_metadata"])
        self._id = node_data.get("id")
        self._hfid = node_data.get("hfid")
        self._kind = node_data.get("kind")
        self._display_label = node_data.get("display_label")
        self._typename = node_data.get("__typename")
        if properties is data and data.keys() == {"node"}:
            # The usual shape of a read ({"node": {...}}) carries no properties: nothing more to look at.
            return
        for prop, input_key in _PROPERTY_KEYS:
            value = properties.get(prop, properties.get(input_key))
            if isinstance(value, dict):
                if prop == "source":
                    self._source_typename = value.get("__typename")
                value = value.get("id")
            if isinstance(value, str | bool):
                setattr(self, prop, value)

    def _identity(self) -> dict[str, Any]:
        """What identifies the peer, to build another related node pointing at it."""
        fields = {
            "id": self.id,
            "hfid": self.hfid,
            "__typename": self.typename,
            "kind": self.kind,
            "display_label": self.display_label,
        }
        return {key: value for key, value in fields.items() if value is not None}

    @property
    def is_from_profile(self) -> bool:
        """The relationship was set by a profile (its `source` is a `Profile<Kind>` node)."""
        return bool(
            self._source_typename and re.match(rf"^{PROFILE_KIND_PREFIX}[A-Z]", self._source_typename)
        )

    @property
    def id(self) -> str | None:
        return self._peer.id if self._peer is not None else self._id

    @property
    def hfid(self) -> list[Any] | None:
        return self._peer.hfid if self._peer is not None else self._hfid

    @property
    def hfid_str(self) -> str | None:
        if self._peer is not None and self.hfid:
            return self._peer.get_human_friendly_id_as_string(include_kind=True)
        return None

    @property
    def display_label(self) -> str | None:
        return self._peer.display_label if self._peer is not None else self._display_label

    @property
    def typename(self) -> str | None:
        return self._peer.typename if self._peer is not None else self._typename

    @property
    def kind(self) -> str | None:
        return self._peer.get_kind() if self._peer is not None else self._kind

    @property
    def initialized(self) -> bool:
        return bool(self.id) or bool(self.hfid)

    @property
    def is_resource_pool(self) -> bool:
        return self._peer.is_resource_pool() if self._peer is not None else False

    def get_relationship_metadata(self) -> RelationshipMetadata | None:
        return self._relationship_metadata

    def get(self) -> Any:
        """The peer node given to this object; the client-bound classes also look in the client's store."""
        if self._peer is None:
            raise ValueError("The peer node is not available: fetch it first")
        return self._peer

    def _generate_input_data(self, allocate_from_pool: bool = False) -> dict[str, Any]:
        if allocate_from_pool and self.is_resource_pool:
            return {"from_pool": {"id": self.id}}
        data: dict[str, Any] = {}
        if self.id is not None:
            data["id"] = self.id
        elif self.hfid is not None:
            data["hfid"] = self.hfid
            if self._kind is not None:
                data["kind"] = self._kind
        for prop in PROPERTIES_FLAG + PROPERTIES_OBJECT:
            if getattr(self, prop) is not None:
                data[f"_relation__{prop}"] = getattr(self, prop)
        return data

    def _generate_mutation_query(self) -> dict[str, Any]:
        if self.name and self.is_resource_pool:
            return {self.name: {"node": {"id": None, "display_label": None, "__typename": None}}}
        return {}

    @classmethod
    def _generate_query_data(
        cls, peer_data: dict[str, Any] | None = None, property: bool = False, include_metadata: bool = False
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"node": {**PEER_FIELDS, **(peer_data or {})}}
        if property:
            data["properties"] = _relationship_properties_query()
        if include_metadata:
            data["node_metadata"] = NodeMetadata._generate_query_data()
            data["relationship_metadata"] = RelationshipMetadata._generate_query_data()
        return data

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.typename} {self.id or self.hfid})"


class RelationshipManagerBase:
    """The peers of a cardinality-many relationship."""

    def __init__(self, name: str, branch: str, schema: RelationshipSchemaAPI) -> None:
        self.name = name
        self.branch = branch
        self.schema = schema
        self.initialized = False
        self._has_update = False
        self.peers: list[Any] = []

    @property
    def peer_ids(self) -> list[str]:
        return [peer.id for peer in self.peers if peer.id]

    @property
    def peer_hfids(self) -> list[list[Any]]:
        return [peer.hfid for peer in self.peers if peer.hfid]

    @property
    def peer_hfids_str(self) -> list[str]:
        return [peer.hfid_str for peer in self.peers if peer.hfid_str]

    @property
    def has_update(self) -> bool:
        return self._has_update

    @property
    def is_from_profile(self) -> bool:
        """Every peer was set by a profile (false without peers)."""
        return bool(self.peers) and all(peer.is_from_profile for peer in self.peers)

    def __len__(self) -> int:
        return len(self.peers)

    def _generate_input_data(self, allocate_from_pool: bool = False) -> list[dict[str, Any]]:
        return [peer._generate_input_data(allocate_from_pool=allocate_from_pool) for peer in self.peers]

    @classmethod
    def _generate_query_data(
        cls, peer_data: dict[str, Any] | None = None, property: bool = False, include_metadata: bool = False
    ) -> dict[str, Any]:
        edges: dict[str, Any] = {"node": {**PEER_FIELDS, **(peer_data or {})}}
        if property:
            edges["properties"] = _relationship_properties_query()
        if include_metadata:
            edges["node_metadata"] = NodeMetadata._generate_query_data()
            edges["relationship_metadata"] = RelationshipMetadata._generate_query_data()
        return {"edges": edges}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name}: {self.peers})"
