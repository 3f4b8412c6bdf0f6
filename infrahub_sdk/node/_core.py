"""What a node is without any I/O: its data, identity, and the GraphQL it reads and writes with.

`InfrahubNode`/`InfrahubNodeSync` add the client calls on top.
"""

from __future__ import annotations

import abc
import uuid
from copy import deepcopy
from pathlib import Path
from typing import Any, BinaryIO

from infrahub_sdk._multipart import FileUpload
from infrahub_sdk.context import RequestContext
from infrahub_sdk.exceptions import FeatureNotSupportedError, NodeNotFoundError, ResourceNotDefinedError
from infrahub_sdk.graphql import Mutation
from infrahub_sdk.schema.main import (
    MainSchemaTypesAPI,
    RelationshipCardinality,
    RelationshipKind,
    RelationshipSchemaAPI,
)
from infrahub_sdk.types import Order

from ._related import PEER_FIELDS, RelatedNodeBase, RelationshipManagerBase
from .attribute import Attribute
from .constants import FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE, HFID_STR_SEPARATOR
from .metadata import NodeMetadata


class InfrahubNodeBase(abc.ABC):
    """Schema-driven state shared by `InfrahubNode` and `InfrahubNodeSync`."""

    _schema: MainSchemaTypesAPI
    _metadata: NodeMetadata | None
    _branch: str
    _data: dict[str, Any] | None
    _internal_id: str
    _existing: bool
    _pending_upload: FileUpload | None
    _attributes: list[str]
    _relationships: list[str]
    _attribute_data: dict[str, Attribute]
    _relationship_data: dict[str, Any]
    id: Any
    display_label: str | None
    typename: str | None

    def __init__(
        self,
        schema: MainSchemaTypesAPI,
        branch: str,
        data: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        values: dict[str, Any] = data if isinstance(data, dict) else {}
        node_id = values.get("id")
        # Straight into __dict__: __setattr__ routes names to attributes and relationships, and a
        # listing of 10,000 nodes pays for every assignment.
        self.__dict__.update(
            _schema=schema,
            _metadata=NodeMetadata(metadata) if metadata else None,
            _branch=branch,
            _data=data,
            _internal_id=uuid.uuid4().hex,
            id=node_id,
            display_label=values.get("display_label"),
            typename=values.get("__typename", schema.kind),
            _existing=bool(node_id),
            _pending_upload=None,
            _attributes=[item.name for item in schema.attributes],
            _relationships=[item.name for item in schema.relationships],
            _attribute_data={
                item.name: Attribute(item.name, item, values.get(item.name)) for item in schema.attributes
            },
            _relationship_data={},
        )
        for rel_schema in [*schema.relationships, *self._hierarchy_relationships()]:
            self._relationship_data[rel_schema.name] = self._new_relationship(
                rel_schema, values.get(rel_schema.name)
            )

    @property
    def _hierarchy_support(self) -> bool:
        return self._schema.supports_hierarchy

    def _hierarchy_relationships(self, declared_too: bool = False) -> list[RelationshipSchemaAPI]:
        """`parent`, `children`, `ancestors`, `descendants` of hierarchical kinds (those the schema
        does not declare, unless `declared_too`)."""
        hierarchy = getattr(self._schema, "hierarchy", None)
        if not hierarchy:
            return []
        one, many = RelationshipCardinality.ONE, RelationshipCardinality.MANY
        fields = [
            ("parent", one, False),
            ("children", many, False),
            ("ancestors", many, True),
            ("descendants", many, True),
        ]
        return [
            RelationshipSchemaAPI(
                name=name,
                peer=hierarchy,
                kind=RelationshipKind.HIERARCHY,
                cardinality=cardinality,
                read_only=read_only,
            )
            for name, cardinality, read_only in fields
            if declared_too or name not in self._relationships
        ]

    @abc.abstractmethod
    def _new_relationship(self, schema: RelationshipSchemaAPI, data: Any) -> Any:
        """A related node (cardinality one) or a relationship manager (many) bound to the client."""

    @abc.abstractmethod
    def _new_related_node(self, schema: RelationshipSchemaAPI, data: Any) -> RelatedNodeBase:
        """A related node bound to the client, for assigning a cardinality-one relationship."""

    def __getattr__(self, name: str) -> Any:
        for store in ("_attribute_data", "_relationship_data"):
            items = self.__dict__.get(store)
            if items is not None and name in items:
                return items[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        attributes = self.__dict__.get("_attribute_data")
        if attributes is not None and name in attributes:
            attributes[name].value = value
            return
        relationships = self.__dict__.get("_relationship_data")
        if relationships is not None and name in relationships:
            rel_schema = relationships[name].schema
            if rel_schema.cardinality == RelationshipCardinality.ONE:
                related = self._new_related_node(rel_schema, value)
                related._peer_has_been_mutated = True
                relationships[name] = related
                return
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._attributes, *self._relationships]

    def __repr__(self) -> str:
        if self.display_label:
            return self.display_label
        return f"{self._schema.kind} ({self.id})"

    def __hash__(self) -> int:
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InfrahubNodeBase):
            return NotImplemented
        return bool(self.id == other.id)

    # identity ----------------------------------------------------------------------------

    def get_kind(self) -> str:
        return self._schema.kind

    def get_all_kinds(self) -> list[str]:
        return [self._schema.kind, *self._schema.inherits]

    def get_branch(self) -> str:
        return self._branch

    def get_raw_graphql_data(self) -> dict[str, Any] | None:
        return self._data

    def get_node_metadata(self) -> NodeMetadata | None:
        return self._metadata

    def is_ip_prefix(self) -> bool:
        return "BuiltinIPPrefix" in self.get_all_kinds()

    def is_ip_address(self) -> bool:
        return "BuiltinIPAddress" in self.get_all_kinds()

    def is_resource_pool(self) -> bool:
        return "CoreResourcePool" in self.get_all_kinds()

    # --- file objects (kinds inheriting CoreFileObject) -------------------------------------------

    def upload_from_path(self, path: Path) -> None:
        """Attach a file on disk to upload with the next `save()`; it is streamed, not read into memory."""
        self._require(self._schema.supports_file_object, FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE)
        self._pending_upload = FileUpload(path, path.name)

    def upload_from_bytes(self, content: bytes | BinaryIO, name: str) -> None:
        """Attach content (bytes or a binary stream) under the file name `name` to upload with the next `save()`."""
        self._require(self._schema.supports_file_object, FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE)
        self._pending_upload = FileUpload.from_source(content, name)

    def clear_file(self) -> None:
        """Forget a file attached for upload and not saved yet."""
        self._pending_upload = None

    def _server_checksum(self) -> str:
        checksum = self._attribute_data.get("checksum")
        if checksum is None or checksum.value is None:
            raise ValueError(
                f"{self._schema.kind} node has no server-side checksum; save it with a file attached first"
            )
        return str(checksum.value)

    @staticmethod
    def _require(supported: bool, message: str) -> None:
        if not supported:
            raise FeatureNotSupportedError(message)

    def _get_attribute(self, name: str) -> Attribute:
        if name in self._attribute_data:
            return self._attribute_data[name]
        raise ResourceNotDefinedError(message=f"The node doesn't have an attribute for {name}")

    def get_path_value(self, path: str) -> Any:
        """Resolve `name__value`, `site__name__value` or `site` (the peer's hfid or id)."""
        first, *rest = path.split("__")
        if first in self._attribute_data:
            attribute = self._attribute_data[first]
            return getattr(attribute, rest[0], None) if rest else attribute
        if first not in self._relationships:
            return None
        related = self._relationship_data[first]
        if not isinstance(related, RelatedNodeBase) or not related.initialized:
            return None
        try:
            peer = related.get()
        except (NodeNotFoundError, ValueError):
            return None
        if not rest:
            return peer.hfid or peer.id
        peer_attribute = getattr(peer, rest[0], None)
        return getattr(peer_attribute, rest[1], None) if len(rest) > 1 else peer_attribute

    def get_human_friendly_id(self) -> list[str] | None:
        paths = self._schema.human_friendly_id
        if not paths:
            return None
        parts = [self.get_path_value(path) for path in paths]
        if any(part is None for part in parts):
            return None
        return [str(part) for part in parts]

    def get_human_friendly_id_as_string(self, include_kind: bool = False) -> str | None:
        hfid = self.get_human_friendly_id()
        if not hfid:
            return None
        return HFID_STR_SEPARATOR.join([self.get_kind(), *hfid] if include_kind else hfid)

    @property
    def hfid(self) -> list[str] | None:
        return self.get_human_friendly_id()

    @property
    def hfid_str(self) -> str | None:
        return self.get_human_friendly_id_as_string(include_kind=True)

    # reads --------------------------------------------------------------------------------

    def generate_query_data_init(
        self,
        filters: dict[str, Any] | None = None,
        offset: int | str | None = None,
        limit: int | str | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        partial_match: bool = False,
        order: Order | None = None,
        include_metadata: bool = False,
    ) -> dict[str, Any]:
        """The `count` / `edges { node }` skeleton with the query's arguments."""
        both = sorted(set(include or []) & set(exclude or []))
        if both:
            raise ValueError(f"{both} are part of both include and exclude")
        arguments: dict[str, Any] = deepcopy(filters) if filters else {}
        if order:
            arguments["order"] = order
        if offset is not None:
            arguments["offset"] = offset
        if limit is not None:
            arguments["limit"] = limit
        if partial_match:
            arguments["partial_match"] = True
        edges: dict[str, Any] = {"node": dict(PEER_FIELDS)}
        if include_metadata:
            edges["node_metadata"] = NodeMetadata._generate_query_data()
        return {"count": None, "edges": edges, "@filters": arguments}

    def _attribute_query_data(
        self, exclude: list[str] | None, inherited: bool, property: bool, include_metadata: bool
    ) -> dict[str, Any]:
        return {
            name: attribute._generate_query_data(property=property, include_metadata=include_metadata)
            for name, attribute in self._attribute_data.items()
            if not (exclude and name in exclude) and (inherited or not attribute._schema.inherited)
        }

    def _queried_relationships(
        self, include: list[str] | None, exclude: list[str] | None, inherited: bool
    ) -> list[RelationshipSchemaAPI]:
        """Cardinality-one always; cardinality-many only for Attribute/Parent kinds or when included."""
        selected = []
        for rel_schema in self._schema.relationships:
            if (exclude and rel_schema.name in exclude) or (not inherited and rel_schema.inherited):
                continue
            if (
                rel_schema.cardinality == RelationshipCardinality.MANY
                and rel_schema.kind not in {RelationshipKind.ATTRIBUTE, RelationshipKind.PARENT}
                and not (include and rel_schema.name in include)
            ):
                continue
            selected.append(rel_schema)
        return selected

    def _queried_hierarchy(
        self, include: list[str] | None, exclude: list[str] | None, prefetch_relationships: bool
    ) -> list[RelationshipSchemaAPI]:
        """The four hierarchy fields of a hierarchical kind, only when included or prefetched."""
        return [
            rel_schema
            for rel_schema in self._hierarchy_relationships(declared_too=True)
            if not (exclude and rel_schema.name in exclude)
            and (prefetch_relationships or (include is not None and rel_schema.name in include))
        ]

    @staticmethod
    def _relationship_query_data(
        rel_schema: RelationshipSchemaAPI,
        peer_data: dict[str, Any],
        property: bool,
        include_metadata: bool = False,
    ) -> dict[str, Any]:
        """A relationship's selection; hierarchy peers go through a fragment on the concrete kind."""
        if rel_schema.cardinality == RelationshipCardinality.ONE:
            data = RelatedNodeBase._generate_query_data(peer_data, property, include_metadata)
            holder = data
        else:
            data = RelationshipManagerBase._generate_query_data(peer_data, property, include_metadata)
            holder = data["edges"]
        if rel_schema.kind == RelationshipKind.HIERARCHY:
            holder["node"] = {f"...on {rel_schema.peer}": holder["node"]}
        return data

    @staticmethod
    def _strip_alias(data: dict[str, Any]) -> dict[str, Any]:
        """Undo the `__alias__<Kind>__<field>` aliases of generic queries with fragments."""
        node = data.get("node", data)
        clean = {(key.split("__")[-1] if "__alias__" in key else key): value for key, value in node.items()}
        if "node" in data:
            return {**{k: v for k, v in data.items() if k != "node"}, "node": clean}
        return clean

    # writes -------------------------------------------------------------------------------

    def _relationship_input(self, name: str, only_changes: bool) -> tuple[bool, Any]:
        """Whether `name` goes into the mutation, and its value."""
        rel_schema = self._schema.get_relationship(name)
        related = self._relationship_data[name]
        if rel_schema.read_only:
            return False, None
        if isinstance(related, RelatedNodeBase):
            if not related.initialized:
                cleared = self._existing and rel_schema.optional and related._peer_has_been_mutated
                return cleared, None
            if only_changes and not self._one_peer_changed(name, related):
                return False, None
            allocate = (
                related.is_resource_pool
                and related._peer is not None
                and (rel_schema.peer != related._peer.get_kind())
            )
            return True, related._generate_input_data(allocate_from_pool=allocate)
        if not related.initialized or (only_changes and not related.has_update):
            return False, None
        return True, related._generate_input_data()

    def _one_peer_changed(self, name: str, related: RelatedNodeBase) -> bool:
        if not related._peer_has_been_mutated:
            return False
        loaded = (self._data or {}).get(name) or {}
        loaded_node = loaded.get("node", loaded) if isinstance(loaded, dict) else {}
        loaded_node = loaded_node or {}
        if related.id is not None:
            return bool(related.id != loaded_node.get("id"))
        return bool(related.hfid != loaded_node.get("hfid"))

    def _generate_input_data(
        self,
        exclude_unmodified: bool = False,
        exclude_hfid: bool = False,
        request_context: RequestContext | None = None,
    ) -> dict[str, Any]:
        """`{"data": {"data": {...}, "context"?: {...}}, "variables": {...}, "mutation_variables": {...}}`."""
        data: dict[str, Any] = {}
        variables: dict[str, Any] = {}
        for name, attribute in self._attribute_data.items():
            if attribute._schema.read_only:
                continue
            payload, bound = attribute._generate_input_data(only_changes=exclude_unmodified)
            if payload:
                data[name] = payload
                variables.update(bound)
        for name in self._relationships:
            included, value = self._relationship_input(name, only_changes=exclude_unmodified)
            if included:
                data[name] = value
        if self.id is not None:
            data["id"] = self.id
        elif not exclude_hfid and self.hfid is not None:
            data["hfid"] = self.hfid
        arguments: dict[str, Any] = {"data": data}
        context = self._request_context_input(request_context)
        if context:
            arguments["context"] = context
        mutation_variables: dict[str, Any] = {key: type(value) for key, value in variables.items()}
        if self._pending_upload is not None:
            # The file travels as part of a multipart request, bound to `$file` beside `data`.
            arguments["file"] = "$file"
            mutation_variables["file"] = bytes
        return {"data": arguments, "variables": variables, "mutation_variables": mutation_variables}

    def _generate_mutation_query(self) -> dict[str, Any]:
        selection: dict[str, Any] = {"id": None}
        for attribute in self._attribute_data.values():
            selection.update(attribute._generate_mutation_query())
        for related in self._relationship_data.values():
            if isinstance(related, RelatedNodeBase):
                selection.update(related._generate_mutation_query())
        return {"ok": None, "object": selection}

    def _mutation(self, action: str, input_data: dict[str, Any]) -> Mutation:
        return Mutation(
            mutation=f"{self._schema.kind}{action}",
            input_data=input_data["data"],
            query=self._generate_mutation_query(),
            variables=input_data["mutation_variables"],
        )

    def _delete_mutation(self, request_context: RequestContext | None = None) -> Mutation:
        input_data: dict[str, Any] = {"data": {"id": self.id}}
        context = self._request_context_input(request_context)
        if context:
            input_data["context"] = context
        return Mutation(mutation=f"{self._schema.kind}Delete", input_data=input_data, query={"ok": None})

    def _request_context_input(self, request_context: RequestContext | None) -> dict[str, Any] | None:
        """The mutation's `context` argument: the one given, else the client's (priority travels as a header)."""
        context = request_context or self._client_request_context()
        if context is None:
            return None
        return context.model_dump(exclude_none=True, exclude={"priority"}) or None

    @abc.abstractmethod
    def _client_request_context(self) -> RequestContext | None:
        """The request context set on the client, if any."""

    def _relationship_mutation(self, action: str, relation_to_update: str, related_nodes: list[str]) -> str:
        nodes = ", ".join('{ id: "' + node + '" }' for node in related_nodes)
        return (
            f"\nmutation {{\n    Relationship{action}(\n        data: {{\n"
            f'            id: "{self.id}",\n            name: "{relation_to_update}",\n'
            f"            nodes: [{nodes}]\n        }}\n    ) {{\n        ok\n    }}\n}}\n"
        )

    def _tracker(self, action: str) -> str:
        return f"mutation-{self._schema.kind.lower()}-{action}"

    def _apply_mutation_result(self, mutation_name: str, response: dict[str, Any]) -> None:
        result = response[mutation_name]["object"]
        self.id = result["id"]
        self._existing = True
        for name, attribute in self._attribute_data.items():
            if name in result and attribute.is_from_pool_attribute():
                attribute.value = result[name]["value"]
