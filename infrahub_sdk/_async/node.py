"""`InfrahubNode`, `RelatedNode`, `RelationshipManager`: nodes bound to a client."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from infrahub_sdk._multipart import FileUpload, UploadResult, sha1_of_source
from infrahub_sdk.constants import InfrahubClientMode, Priority
from infrahub_sdk.context import RequestContext
from infrahub_sdk.exceptions import Error, UninitializedError
from infrahub_sdk.node._core import InfrahubNodeBase
from infrahub_sdk.node._related import RelatedNodeBase, RelationshipManagerBase
from infrahub_sdk.node.constants import (
    ARTIFACT_DEFINITION_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE,
    ARTIFACT_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE,
    ARTIFACT_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE,
    FILE_DOWNLOAD_FEATURE_NOT_SUPPORTED_MESSAGE,
    FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE,
)
from infrahub_sdk.schema.main import (
    GenericSchemaAPI,
    MainSchemaTypesAPI,
    RelationshipCardinality,
    RelationshipSchemaAPI,
)
from infrahub_sdk.types import Order

if TYPE_CHECKING:
    from .client import InfrahubClient


class RelatedNode(RelatedNodeBase):
    def __init__(
        self,
        client: InfrahubClient,
        branch: str,
        schema: RelationshipSchemaAPI,
        data: Any,
        name: str | None = None,
    ) -> None:
        self._client = client
        super().__init__(branch=branch, schema=schema, data=data, name=name)

    async def fetch(self, timeout: int | None = None, priority: Priority | None = None) -> None:
        """Read the peer from the server (and put it in the store)."""
        if not self.id or not self.typename:
            raise Error("Unable to fetch the peer, id and/or typename are not defined")
        self._peer = await self._client.get(
            kind=self.typename,
            id=self.id,
            branch=self._branch,
            populate_store=True,
            timeout=timeout,
            priority=priority,
        )

    @property
    def peer(self) -> InfrahubNode:
        return self.get()

    def get(self) -> InfrahubNode:
        if self._peer is not None:
            return self._peer  # type: ignore[return-value]
        key = self.id or self.hfid_str or (self.hfid and "__".join([self.typename or "", *self.hfid]))
        if key:
            node: InfrahubNode = self._client.store.get(key=key, branch=self._branch)
            return node
        raise ValueError("Node must have at least one identifier (ID or HFID) to query it.")


class RelationshipManager(RelationshipManagerBase):
    def __init__(
        self,
        name: str,
        client: InfrahubClient,
        node: InfrahubNode,
        branch: str,
        schema: RelationshipSchemaAPI,
        data: Any,
    ) -> None:
        self.client = client
        self.node = node
        super().__init__(name=name, branch=branch, schema=schema)
        self.initialized = data is not None
        if data is None:
            return
        if isinstance(data, dict) and "edges" in data:
            data = data["edges"]
        if not isinstance(data, list):
            raise ValueError(
                f"Relationship '{name}' expects a list of nodes (cardinality many), "
                f"but received a single {type(data).__name__}. Wrap the value in a list, e.g. {name}=[value]."
            )
        self.peers = [self._related(item) for item in data]

    def _related(self, data: Any) -> RelatedNode:
        return RelatedNode(
            client=self.client, branch=self.branch, schema=self.schema, data=data, name=self.name
        )

    def __getitem__(self, item: int) -> RelatedNode:
        peer: RelatedNode = self.peers[item]
        return peer

    async def fetch(self) -> None:
        """Load the peer list if needed, then every peer (one query per peer kind)."""
        if not self.initialized:
            names = [*self.node._schema.relationship_names, *self.node._schema.attribute_names]
            exclude = [name for name in names if name != self.schema.name]
            node = await self.client.get(
                kind=self.node._schema.kind,
                id=self.node.id,
                branch=self.branch,
                include=[self.name],
                exclude=exclude,
            )
            self.peers = getattr(node, self.name).peers
            self.initialized = True
        ids_per_kind: dict[str, list[str]] = defaultdict(list)
        for peer in self.peers:
            if not peer.id or not peer.typename:
                raise Error("Unable to fetch the peer, id and/or typename are not defined")
            ids_per_kind[peer.typename].append(peer.id)
        batch = await self.client.create_batch()
        for kind, ids in ids_per_kind.items():
            batch.add(
                task=self.client.filters,
                kind=kind,
                ids=ids,
                populate_store=True,
                branch=self.branch,
                parallel=True,
                order=Order(disable=True),
            )
        async for _ in batch.execute():
            pass

    def add(self, data: str | RelatedNode | dict[str, Any] | InfrahubNodeBase) -> None:
        if not self.initialized:
            raise UninitializedError("Must call fetch() on RelationshipManager before editing members")
        new = data if isinstance(data, RelatedNode) else self._related(data)
        if (new.id and new.id not in self.peer_ids) or (new.hfid and new.hfid not in self.peer_hfids):
            self.peers.append(new)
            self._has_update = True

    def extend(self, data: Iterable[str | RelatedNode | dict[str, Any] | InfrahubNodeBase]) -> None:
        for item in data:
            self.add(item)

    def remove(self, data: str | RelatedNode | dict[str, Any] | InfrahubNodeBase) -> None:
        if not self.initialized:
            raise UninitializedError("Must call fetch() on RelationshipManager before editing members")
        gone = data if isinstance(data, RelatedNode) else self._related(data)
        for index, peer in enumerate(self.peers):
            if (gone.id and peer.id == gone.id) or (gone.hfid and peer.hfid == gone.hfid):
                self.peers.pop(index)
                self._has_update = True
                return


class InfrahubNode(InfrahubNodeBase):
    def __init__(
        self,
        client: InfrahubClient,
        schema: MainSchemaTypesAPI,
        branch: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        self._client = client
        metadata = data.get("node_metadata") if isinstance(data, dict) else None
        if isinstance(data, dict) and isinstance(data.get("node"), dict):
            data = data["node"]
        super().__init__(schema=schema, branch=branch or client.default_branch, data=data, metadata=metadata)

    def _new_relationship(
        self, schema: RelationshipSchemaAPI, data: Any
    ) -> RelatedNode | RelationshipManager:
        if schema.cardinality == RelationshipCardinality.ONE:
            return self._new_related_node(schema, data)
        return RelationshipManager(
            name=schema.name, client=self._client, node=self, branch=self._branch, schema=schema, data=data
        )

    def _new_related_node(self, schema: RelationshipSchemaAPI, data: Any) -> RelatedNode:
        return RelatedNode(
            client=self._client, branch=self._branch, schema=schema, data=data, name=schema.name
        )

    def _client_request_context(self) -> RequestContext | None:
        return self._client.request_context

    @classmethod
    async def from_graphql(
        cls,
        client: InfrahubClient,
        branch: str,
        data: dict[str, Any],
        schema: MainSchemaTypesAPI | None = None,
        timeout: int | None = None,
    ) -> InfrahubNode:
        if schema is None:
            kind = data.get("__typename") or (data.get("node") or {}).get("__typename")
            if not kind:
                raise ValueError("Unable to determine the type of the node, __typename not present in data")
            schema = await client.schema.get(kind=kind, branch=branch)
        return cls(client=client, schema=schema, branch=branch, data=cls._strip_alias(data))

    async def _peer_query_data(
        self,
        rel_schema: RelationshipSchemaAPI,
        property: bool,
        include_metadata: bool,
        exclude: list[str] | None,
    ) -> dict[str, Any]:
        peer_schema = await self._client.schema.get(kind=rel_schema.peer, branch=self._branch)
        peer_node = InfrahubNode(client=self._client, schema=peer_schema, branch=self._branch)
        return await peer_node.generate_query_data_node(
            exclude=exclude, property=property, include_metadata=include_metadata
        )

    async def generate_query_data_node(
        self,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        inherited: bool = True,
        insert_alias: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
    ) -> dict[str, Any]:
        """The fields of one node: attributes, then relationships (peers inlined when prefetched)."""
        data = self._attribute_query_data(exclude, inherited, property, include_metadata)
        for rel_schema in self._queried_relationships(include, exclude, inherited):
            peer_data: dict[str, Any] = {}
            if prefetch_relationships or (include and rel_schema.name in include):
                peer_data = await self._peer_query_data(rel_schema, property, include_metadata, None)
            data[rel_schema.name] = self._relationship_query_data(
                rel_schema, peer_data, property, include_metadata
            )
        for rel_schema in self._queried_hierarchy(include, exclude, prefetch_relationships):
            # The peer's own hierarchy fields stay out, or the query would recurse forever.
            peer_exclude = [*(exclude or []), "parent", "children", "ancestors", "descendants"]
            peer_data = await self._peer_query_data(rel_schema, property, False, peer_exclude)
            data[rel_schema.name] = self._relationship_query_data(rel_schema, peer_data, property)
        if insert_alias:
            for name, value in data.items():
                value["@alias"] = f"__alias__{self._schema.kind}__{name}"
        return data

    async def generate_query_data(
        self,
        filters: dict[str, Any] | None = None,
        offset: int | str | None = None,
        limit: int | str | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        partial_match: bool = False,
        property: bool = False,
        order: Order | None = None,
        include_metadata: bool = False,
    ) -> dict[str, Any]:
        data = self.generate_query_data_init(
            filters, offset, limit, include, exclude, partial_match, order, include_metadata
        )
        node_fields = data["edges"]["node"]
        node_fields.update(
            await self.generate_query_data_node(
                include=include,
                exclude=exclude,
                prefetch_relationships=prefetch_relationships,
                property=property,
                include_metadata=include_metadata,
            )
        )
        if isinstance(self._schema, GenericSchemaAPI) and fragment:
            own_fields = self._attributes + self._relationships
            for child_kind in self._schema.used_by:
                child_schema = await self._client.schema.get(kind=child_kind, branch=self._branch)
                child = InfrahubNode(client=self._client, schema=child_schema, branch=self._branch)
                child_exclude = [name for name in own_fields if name not in (include or [])] + (exclude or [])
                child_data = await child.generate_query_data_node(
                    include=include,
                    exclude=child_exclude,
                    inherited=False,
                    insert_alias=True,
                    prefetch_relationships=prefetch_relationships,
                    property=property,
                    include_metadata=include_metadata,
                )
                if child_data:
                    node_fields[f"...on {child_kind}"] = child_data
        return {self._schema.kind: data}

    async def save(
        self,
        allow_upsert: bool = False,
        update_group_context: bool | None = None,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None:
        """Create (or upsert) a new node, or update an existing one with its changed fields."""
        if not self._existing or allow_upsert:
            await self.create(
                allow_upsert=allow_upsert, timeout=timeout, request_context=request_context, priority=priority
            )
        else:
            await self.update(timeout=timeout, request_context=request_context, priority=priority)
        if update_group_context is None and self._client.mode == InfrahubClientMode.TRACKING:
            update_group_context = True
        if "CoreGroup" in self.get_all_kinds():
            self._client.group_context.add_related_groups(
                ids=[self.id], update_group_context=update_group_context
            )
        else:
            self._client.group_context.add_related_nodes(
                ids=[self.id], update_group_context=update_group_context
            )
        self._client.store.set(node=self)

    async def create(
        self,
        allow_upsert: bool = False,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None:
        action = "Upsert" if allow_upsert else "Create"
        input_data = self._generate_input_data(exclude_hfid=True, request_context=request_context)
        await self._send_mutation(action, input_data, timeout, priority)

    async def update(
        self,
        do_full_update: bool = False,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None:
        input_data = self._generate_input_data(
            exclude_unmodified=not do_full_update, request_context=request_context
        )
        await self._send_mutation("Update", input_data, timeout, priority)

    async def _send_mutation(
        self, action: str, input_data: dict[str, Any], timeout: int | None, priority: Priority | None
    ) -> None:
        mutation = self._mutation(action, input_data)
        upload = self._pending_upload
        if upload is None:
            response = await self._client.execute_graphql(
                query=mutation.render(),
                branch_name=self._branch,
                tracker=self._tracker(action.lower()),
                variables=input_data["variables"],
                timeout=timeout,
                priority=priority,
            )
        else:
            response = await self._client.execute_graphql_with_file(
                query=mutation.render(),
                file_content=upload.content,
                file_name=upload.name,
                branch_name=self._branch,
                tracker=self._tracker(action.lower()),
                variables=input_data["variables"],
                timeout=timeout,
                priority=priority,
            )
            self._pending_upload = None
        self._apply_mutation_result(mutation.mutation, response)
        for name, related in self._relationship_data.items():
            result = response[mutation.mutation]["object"].get(name)
            if isinstance(related, RelatedNode) and related.is_resource_pool and result:
                # The pool allocated a peer: point the relationship at it.
                allocated = self._new_related_node(related.schema, result)
                await allocated.fetch(timeout=timeout, priority=priority)
                self._relationship_data[name] = allocated

    async def download_file(self, dest: Path | None = None, skip_if_unchanged: bool = False) -> bytes | int:
        """The file of this saved file object: its bytes, or with `dest` the number of bytes written there
        With `skip_if_unchanged`, a `dest` whose SHA-1 equals the node's checksum is kept
        and 0 is returned without a request."""
        self._require(self._schema.supports_file_object, FILE_DOWNLOAD_FEATURE_NOT_SUPPORTED_MESSAGE)
        if not self.id:
            raise ValueError("Cannot download the file of a node that has not been saved yet")
        if skip_if_unchanged:
            if dest is None:
                raise ValueError("skip_if_unchanged requires dest")
            if dest.is_file() and sha1_of_source(dest) == self._server_checksum():
                return 0
        return await self._client.object_store.download_file(self.id, branch=self._branch, dest=dest)

    async def matches_local_checksum(self, source: bytes | Path | BinaryIO) -> bool:
        """Whether `source` has the SHA-1 the server recorded for this node's file (as last fetched)."""
        self._require(self._schema.supports_file_object, FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE)
        return sha1_of_source(source) == self._server_checksum()

    async def upload_if_changed(
        self, source: bytes | Path | BinaryIO, name: str | None = None
    ) -> UploadResult:
        """Upload `source` and save, unless the node already holds that content (same SHA-1)."""
        self._require(self._schema.supports_file_object, FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE)
        if name is None and not isinstance(source, Path):
            raise ValueError("name is required when source is bytes or a stream")
        upload = FileUpload.from_source(source, name)
        checksum = upload.sha1()
        current = self._attribute_data.get("checksum")
        if self.id and current is not None and current.value == checksum:
            return UploadResult(was_uploaded=False, checksum=checksum)
        self._pending_upload = upload
        await self.save()
        return UploadResult(was_uploaded=True, checksum=checksum)

    async def delete(
        self,
        timeout: int | None = None,
        request_context: RequestContext | None = None,
        priority: Priority | None = None,
    ) -> None:
        await self._client.execute_graphql(
            query=self._delete_mutation(request_context).render(),
            branch_name=self._branch,
            tracker=self._tracker("delete"),
            timeout=timeout,
            priority=priority,
        )

    async def generate(self, nodes: list[str] | None = None) -> None:
        """Ask the server to (re)generate this artifact definition's artifacts, for `nodes` or all targets."""
        self._require(
            self._schema.supports_artifact_definition,
            ARTIFACT_DEFINITION_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE,
        )
        response = await self._client._post(
            f"{self._client.address}/api/artifact/generate/{self.id}", payload={"nodes": nodes or []}
        )
        response.raise_for_status()

    async def artifact_generate(self, name: str) -> None:
        """Regenerate this node's artifact `name` through its definition."""
        self._require(self._schema.supports_artifacts, ARTIFACT_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE)
        artifact = await self._client.get(kind="CoreArtifact", name__value=name, object__ids=[self.id])
        definition = artifact.definition
        await definition.fetch()
        await definition.peer.generate([artifact.id])

    async def artifact_fetch(self, name: str) -> str:
        """The content of this node's artifact `name`, from the object store."""
        self._require(self._schema.supports_artifacts, ARTIFACT_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE)
        artifact = await self._client.get(kind="CoreArtifact", name__value=name, object__ids=[self.id])
        storage_id = artifact._get_attribute("storage_id").value
        return await self._client.object_store.get(identifier=storage_id)

    async def add_relationships(self, relation_to_update: str, related_nodes: list[str]) -> None:
        await self._client.execute_graphql(
            query=self._relationship_mutation("Add", relation_to_update, related_nodes),
            branch_name=self._branch,
            tracker=f"{self._tracker('relationshipadd')}-{relation_to_update}",
        )

    async def remove_relationships(self, relation_to_update: str, related_nodes: list[str]) -> None:
        await self._client.execute_graphql(
            query=self._relationship_mutation("Remove", relation_to_update, related_nodes),
            branch_name=self._branch,
            tracker=f"{self._tracker('relationshipremove')}-{relation_to_update}",
        )

    async def get_flat_value(self, key: str, separator: str = "__") -> Any:
        """`name__value` on this node, `site__name__value` through a cardinality-one peer (fetched)."""
        if separator not in key:
            return getattr(self, key)
        first, remaining = key.split(separator, maxsplit=1)
        if first in self._attributes:
            value = getattr(self, first)
            for part in remaining.split(separator):
                value = getattr(value, part)
            return value
        rel_schema = self._schema.get_relationship_or_none(first)
        if rel_schema is None:
            raise ValueError(f"No attribute or relationship named '{first}' for '{self._schema.kind}'")
        if rel_schema.cardinality != RelationshipCardinality.ONE:
            raise ValueError("Can only look up flat value for relationships of cardinality one")
        related: RelatedNode = getattr(self, first)
        await related.fetch()
        return await related.peer.get_flat_value(key=remaining, separator=separator)

    async def extract(self, params: dict[str, str]) -> dict[str, Any]:
        """`{"label": "name__value", "site": "site__name__value"}` -> the values, peers fetched per hop."""
        return {label: await self.get_flat_value(key=path) for label, path in params.items()}

    async def _process_relationships(
        self,
        node_data: dict[str, Any],
        branch: str,
        related_nodes: list[InfrahubNode],
        timeout: int | None = None,
        recursive: bool = False,
    ) -> None:
        """Collect the peers inlined in a response (prefetch or include) as nodes for the store."""
        for name in self._relationship_data:
            value = (node_data.get("node") or {}).get(name)
            if not value:
                continue
            for entry in value.get("edges", [value]):
                if not entry.get("node"):
                    continue
                peer = await InfrahubNode.from_graphql(
                    client=self._client, branch=branch, data=entry, timeout=timeout
                )
                related_nodes.append(peer)
                if recursive:
                    await peer._process_relationships(entry, branch, related_nodes, timeout, recursive)
