"""`InfrahubClient`: reads and writes nodes, and holds the schema, branch and store managers."""

from __future__ import annotations

from datetime import datetime
from types import TracebackType
from typing import Any, Literal, TypeVar, overload

import httpx

from infrahub_sdk._branch_data import BranchData
from infrahub_sdk._protocol import user_permissions
from infrahub_sdk.batch import InfrahubBatch
from infrahub_sdk.config import Config
from infrahub_sdk.constants import InfrahubClientMode, Priority
from infrahub_sdk.data import RepositoryBranchInfo, RepositoryData, ServerInfo
from infrahub_sdk.diff import (
    DiffTreeData,
    NodeDiff,
    diff_tree_data,
    diff_tree_node_to_node_diff,
    diff_tree_variables,
    get_diff_summary_query,
    get_diff_tree_query,
)
from infrahub_sdk.exceptions import (
    NodeNotFoundError,
)
from infrahub_sdk.graphql import Mutation, Query
from infrahub_sdk.protocols_base import CoreNode
from infrahub_sdk.queries import QUERY_USER, commit_update_mutation, pool_allocation
from infrahub_sdk.schema.main import NodeSchemaAPI
from infrahub_sdk.store import NodeStore
from infrahub_sdk.timestamp import Timestamp
from infrahub_sdk.types import Order
from infrahub_sdk.utils import is_valid_uuid

from .branch import InfrahubBranchManager
from .connection import ServerConnection
from .group_context import InfrahubGroupContext
from .node import InfrahubNode
from .object_store import ObjectStore
from .schema import InfrahubSchema

# A protocol class given as `kind` (`kind=InfraDevice`) types the result for the type checker.
SchemaType = TypeVar("SchemaType", bound=CoreNode)


class InfrahubClient(ServerConnection):
    """Client for an Infrahub-compatible server. No I/O happens until the first call."""

    def __init__(
        self,
        address: str = "",
        config: Config | dict[str, Any] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(address=address, config=config, transport=transport)
        self.pagination_size = self.config.pagination_size
        self.max_concurrent_execution = self.config.max_concurrent_execution
        self.mode = self.config.mode
        self.schema = InfrahubSchema(self)
        self.branch = InfrahubBranchManager(self)
        self.store = NodeStore(default_branch=self.default_branch)
        self.identifier = self.config.identifier
        self.update_group_context = self.config.update_group_context
        self.group_context = InfrahubGroupContext(self)
        self.object_store = ObjectStore(self)

    async def __aenter__(self) -> InfrahubClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Leaving a tracked block without an error records what it saved in the tracking group."""
        try:
            if exc_type is None and self.mode == InfrahubClientMode.TRACKING:
                await self.group_context.update_group()
            self.mode = InfrahubClientMode.DEFAULT
        finally:
            await self._http.close()

    def start_tracking(
        self,
        identifier: str | None = None,
        params: dict[str, Any] | None = None,
        delete_unused_nodes: bool = False,
        group_type: str | None = None,
        group_params: dict[str, Any] | None = None,
        branch: str | None = None,
    ) -> InfrahubClient:
        """Record every node saved from now on; leaving `async with client` upserts them as a group."""
        self.mode = InfrahubClientMode.TRACKING
        self.set_context_properties(
            identifier=identifier or self.identifier or "python-sdk",
            params=params,
            delete_unused_nodes=delete_unused_nodes,
            group_type=group_type,
            group_params=group_params,
            branch=branch,
        )
        return self

    def set_context_properties(
        self,
        identifier: str,
        params: dict[str, str] | None = None,
        delete_unused_nodes: bool = True,
        reset: bool = True,
        group_type: str | None = None,
        group_params: dict[str, Any] | None = None,
        branch: str | None = None,
    ) -> None:
        if reset:
            self.group_context = InfrahubGroupContext(self)
        self.group_context.set_properties(
            identifier=identifier,
            params=params,
            delete_unused_nodes=delete_unused_nodes,
            group_type=group_type,
            group_params=group_params,
            branch=branch or self.default_branch,
        )

    def clone(self, branch: str | None = None) -> InfrahubClient:
        return InfrahubClient(config=self.config.clone(branch=branch), transport=self._transport)

    async def get_version(self) -> str:
        response = await self.execute_graphql(query="query { InfrahubInfo { version }}")
        return str(response.get("InfrahubInfo", {}).get("version", ""))

    async def get_server_information(self) -> ServerInfo:
        response = await self.execute_graphql(
            query="query { InfrahubInfo { version deployment_id }}", tracker="query-server-info"
        )
        info = response.get("InfrahubInfo", {})
        return ServerInfo(version=info.get("version", ""), deployment_id=info.get("deployment_id", ""))

    async def get_user(self) -> dict[str, Any]:
        return await self.execute_graphql(query=QUERY_USER, operation_name="GET_PROFILE_DETAILS")

    async def get_user_permissions(self) -> dict[str, list[str]]:
        user = await self.get_user()
        return user_permissions(user["AccountProfile"]["member_of_groups"]["edges"])

    # Nodes ---------------------------------------------------------------------------------

    @overload
    async def create(
        self,
        kind: type[SchemaType],
        data: dict[str, Any] | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        **kwargs: Any,
    ) -> SchemaType: ...

    @overload
    async def create(
        self,
        kind: str,
        data: dict[str, Any] | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        **kwargs: Any,
    ) -> InfrahubNode: ...

    async def create(
        self,
        kind: str | type[SchemaType],
        data: dict[str, Any] | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        **kwargs: Any,
    ) -> InfrahubNode | SchemaType:
        """A new, unsaved node (only the schema is read)."""
        branch = branch or self.default_branch
        schema = await self.schema.get(kind=kind, branch=branch)
        if not data and not kwargs:
            raise ValueError("Either data or a list of keywords but be provided")
        return InfrahubNode(client=self, schema=schema, branch=branch, data=data or kwargs)

    async def delete(self, kind: str | type, id: str, branch: str | None = None) -> None:
        branch = branch or self.default_branch
        schema = await self.schema.get(kind=kind, branch=branch)
        await InfrahubNode(client=self, schema=schema, branch=branch, data={"id": id}).delete()

    @overload
    async def get(
        self,
        kind: type[SchemaType],
        raise_when_missing: Literal[False],
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        id: str | None = None,
        hfid: list[str] | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        populate_store: bool = True,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> SchemaType | None: ...

    @overload
    async def get(
        self,
        kind: type[SchemaType],
        raise_when_missing: Literal[True] = True,
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        id: str | None = None,
        hfid: list[str] | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        populate_store: bool = True,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> SchemaType: ...

    @overload
    async def get(
        self,
        kind: str,
        raise_when_missing: Literal[False],
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        id: str | None = None,
        hfid: list[str] | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        populate_store: bool = True,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> InfrahubNode | None: ...

    @overload
    async def get(
        self,
        kind: str,
        raise_when_missing: Literal[True] = True,
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        id: str | None = None,
        hfid: list[str] | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        populate_store: bool = True,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> InfrahubNode: ...

    async def get(
        self,
        kind: str | type[SchemaType],
        raise_when_missing: bool = True,
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        id: str | None = None,
        hfid: list[str] | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        populate_store: bool = True,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> InfrahubNode | SchemaType | None:
        """Exactly one node: `NodeNotFoundError` (or None) when absent, `IndexError` when several match."""
        branch = branch or self.default_branch
        schema = await self.schema.get(kind=kind, branch=branch)
        filters: dict[str, Any] = {}
        if id:
            if not is_valid_uuid(id) and isinstance(schema, NodeSchemaAPI) and schema.default_filter:
                filters[schema.default_filter] = id
            else:
                filters["ids"] = [id]
        if hfid:
            if not (isinstance(schema, NodeSchemaAPI) and schema.human_friendly_id):
                raise ValueError("Cannot filter by HFID if the node doesn't have an HFID defined")
            filters["hfid"] = hfid
        filters.update(kwargs)
        if not filters:
            raise ValueError("At least one filter must be provided to get()")
        nodes = await self.filters(
            kind=kind,
            at=at,
            branch=branch,
            timeout=timeout,
            populate_store=populate_store,
            include=include,
            exclude=exclude,
            fragment=fragment,
            prefetch_relationships=prefetch_relationships,
            property=property,
            include_metadata=include_metadata,
            query_name=query_name or f"Get_{schema.kind}",
            priority=priority,
            **filters,
        )
        if not nodes:
            if raise_when_missing:
                raise NodeNotFoundError(branch_name=branch, node_type=schema.kind, identifier=filters)
            return None
        if len(nodes) > 1:
            raise IndexError("More than 1 node returned")
        return nodes[0]

    @overload
    async def all(
        self,
        kind: type[SchemaType],
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        populate_store: bool = True,
        offset: int | None = None,
        limit: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        parallel: bool = False,
        order: Order | None = None,
        query_name: str | None = None,
        priority: Priority | None = None,
    ) -> list[SchemaType]: ...

    @overload
    async def all(
        self,
        kind: str,
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        populate_store: bool = True,
        offset: int | None = None,
        limit: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        parallel: bool = False,
        order: Order | None = None,
        query_name: str | None = None,
        priority: Priority | None = None,
    ) -> list[InfrahubNode]: ...

    async def all(
        self,
        kind: str | type[SchemaType],
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        populate_store: bool = True,
        offset: int | None = None,
        limit: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        parallel: bool = False,
        order: Order | None = None,
        query_name: str | None = None,
        priority: Priority | None = None,
    ) -> list[InfrahubNode] | list[SchemaType]:
        """Every node of a kind, page by page (`parallel=True`: count first, then all pages at once)."""
        branch = branch or self.default_branch
        schema = await self.schema.get(kind=kind, branch=branch)
        return await self.filters(
            kind=kind,
            at=at,
            branch=branch,
            timeout=timeout,
            populate_store=populate_store,
            offset=offset,
            limit=limit,
            include=include,
            exclude=exclude,
            fragment=fragment,
            prefetch_relationships=prefetch_relationships,
            property=property,
            include_metadata=include_metadata,
            parallel=parallel,
            order=order,
            query_name=query_name or f"All_{schema.kind}",
            priority=priority,
        )

    async def count(
        self,
        kind: str | type,
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        partial_match: bool = False,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> int:
        branch = branch or self.default_branch
        schema = await self.schema.get(kind=kind, branch=branch)
        filters = dict(kwargs)
        if partial_match:
            filters["partial_match"] = True
        name = query_name or f"Count_{schema.kind}"
        response = await self.execute_graphql(
            query=Query(query={schema.kind: {"count": None, "@filters": filters}}, name=name).render(),
            branch_name=branch,
            at=at,
            timeout=timeout,
            operation_name=name,
            priority=priority,
        )
        return int(response.get(schema.kind, {}).get("count", 0))

    @overload
    async def filters(
        self,
        kind: type[SchemaType],
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        populate_store: bool = True,
        offset: int | None = None,
        limit: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        partial_match: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        parallel: bool = False,
        order: Order | None = None,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> list[SchemaType]: ...

    @overload
    async def filters(
        self,
        kind: str,
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        populate_store: bool = True,
        offset: int | None = None,
        limit: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        partial_match: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        parallel: bool = False,
        order: Order | None = None,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> list[InfrahubNode]: ...

    async def filters(
        self,
        kind: str | type[SchemaType],
        at: str | datetime | Timestamp | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        populate_store: bool = True,
        offset: int | None = None,
        limit: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        fragment: bool = False,
        prefetch_relationships: bool = False,
        partial_match: bool = False,
        property: bool = False,
        include_metadata: bool = False,
        parallel: bool = False,
        order: Order | None = None,
        query_name: str | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> list[InfrahubNode] | list[SchemaType]:
        """Nodes matching GraphQL filter arguments passed through as keywords (`name__value=...`)."""
        branch = branch or self.default_branch
        schema = await self.schema.get(kind=kind, branch=branch)
        query_data = await InfrahubNode(client=self, schema=schema, branch=branch).generate_query_data(
            filters=kwargs,
            offset="$offset",
            limit="$limit",
            include=include,
            exclude=exclude,
            fragment=fragment,
            prefetch_relationships=prefetch_relationships,
            partial_match=partial_match,
            property=property,
            order=order,
            include_metadata=include_metadata,
        )
        name = query_name or f"Filters_{schema.kind}"
        query = Query(query=query_data, name=name, variables={"offset": int, "limit": int}).render()
        page_size = self.pagination_size
        inline_peers = prefetch_relationships or bool(
            include and set(include) & set(schema.relationship_names)
        )

        async def read_page(
            page_offset: int, page_number: int
        ) -> tuple[int, list[InfrahubNode], list[InfrahubNode]]:
            response = await self.execute_graphql(
                query=query,
                variables={"offset": page_offset if offset is None else offset, "limit": limit or page_size},
                branch_name=branch,
                at=at,
                tracker=f"query-{schema.kind.lower()}-page{page_number}",
                timeout=timeout,
                operation_name=name,
                priority=priority,
            )
            result = response.get(schema.kind) or {}
            nodes: list[InfrahubNode] = []
            peers: list[InfrahubNode] = []
            for edge in result.get("edges", []):
                node = await InfrahubNode.from_graphql(client=self, branch=branch, data=edge)
                nodes.append(node)
                if inline_peers:
                    await node._process_relationships(node_data=edge, branch=branch, related_nodes=peers)
            return int(result.get("count", 0)), nodes, peers

        nodes: list[InfrahubNode] = []
        peers: list[InfrahubNode] = []
        if parallel:
            total = await self.count(
                kind=schema.kind,
                branch=branch,
                at=at,
                partial_match=partial_match,
                priority=priority,
                **kwargs,
            )
            batch = await self.create_batch()
            for page_number in range(1, (total + page_size - 1) // page_size + 1):
                batch.add(
                    task=read_page,
                    node=page_number,
                    page_offset=(page_number - 1) * page_size,
                    page_number=page_number,
                )
            pages = [item async for item in batch.execute()]
            for _, (_, page_nodes, page_peers) in sorted(pages, key=lambda item: int(item[0])):
                nodes.extend(page_nodes)
                peers.extend(page_peers)
        else:
            page_number = 1
            while True:
                page_offset = (page_number - 1) * page_size
                total, page_nodes, page_peers = await read_page(page_offset, page_number)
                nodes.extend(page_nodes)
                peers.extend(page_peers)
                # A full last page costs one more (empty) request, as in the official SDK.
                if total - (page_offset + page_size) < 0 or offset is not None or limit is not None:
                    break
                page_number += 1
        if populate_store:
            for node in [*nodes, *peers]:
                if node.id:
                    self.store.set(node=node)
        return nodes

    async def create_diff(
        self,
        branch: str,
        name: str,
        from_time: datetime,
        to_time: datetime,
        wait_until_completion: bool = True,
        priority: Priority | None = None,
    ) -> bool | str:
        """Compute (or recompute) a named diff of `branch`; the task id when not waiting for it."""
        if from_time > to_time:
            raise ValueError("from_time must be <= to_time")
        data = {
            "name": name,
            "branch": branch,
            "from_time": from_time.isoformat(),
            "to_time": to_time.isoformat(),
        }
        selection: dict[str, Any] = (
            {"ok": None} if wait_until_completion else {"ok": None, "task": {"id": None}}
        )
        mutation = Mutation(
            mutation="DiffUpdate",
            input_data={"wait_until_completion": wait_until_completion, "data": data},
            query=selection,
        )
        response = await self.execute_graphql(
            query=mutation.render(), tracker="mutation-diff-update", priority=priority
        )
        result = response["DiffUpdate"]
        if not wait_until_completion and "task" in result:
            return str(result["task"]["id"])
        return bool(result["ok"])

    async def get_diff_summary(
        self,
        branch: str,
        name: str | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
        priority: Priority | None = None,
    ) -> list[NodeDiff]:
        """The nodes changed on `branch`, with per-attribute and per-relationship counters."""
        response = await self.execute_graphql(
            query=get_diff_summary_query(),
            branch_name=branch,
            timeout=timeout,
            tracker=tracker,
            variables=diff_tree_variables(branch, name, from_time, to_time),
            operation_name="GetDiffTree",
            priority=priority,
        )
        tree = response["DiffTree"]
        if not tree or "nodes" not in tree:
            return []
        return [diff_tree_node_to_node_diff(node, branch) for node in tree["nodes"]]

    async def get_diff_tree(
        self,
        branch: str,
        name: str | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
        priority: Priority | None = None,
    ) -> DiffTreeData | None:
        """The whole diff of `branch` (counters, times, nodes), or None when there is none."""
        response = await self.execute_graphql(
            query=get_diff_tree_query().render(),
            branch_name=branch,
            timeout=timeout,
            tracker=tracker,
            variables=diff_tree_variables(branch, name, from_time, to_time),
            operation_name="GetDiffTree",
            priority=priority,
        )
        tree = response["DiffTree"]
        return diff_tree_data(tree, branch) if tree is not None else None

    async def allocate_next_ip_address(
        self,
        resource_pool: CoreNode,
        kind: type[SchemaType] | None = None,
        identifier: str | None = None,
        prefix_length: int | None = None,
        address_type: str | None = None,
        data: dict[str, Any] | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
    ) -> InfrahubNode | None:
        """The next address of a `CoreIPAddressPool` (the same one again for the same `identifier`)."""
        if resource_pool.get_kind() != "CoreIPAddressPool":
            raise ValueError("resource_pool is not an IP address pool")
        options = {"identifier": identifier, "prefix_length": prefix_length, "prefix_type": address_type}
        mutation = pool_allocation(
            "AllocateIPAddress", "InfrahubIPAddressPoolGetResource", resource_pool.id, options, data
        )
        return await self._allocate(mutation, branch, timeout, tracker)

    async def allocate_next_ip_prefix(
        self,
        resource_pool: CoreNode,
        kind: type[SchemaType] | None = None,
        identifier: str | None = None,
        prefix_length: int | None = None,
        member_type: str | None = None,
        prefix_type: str | None = None,
        data: dict[str, Any] | None = None,
        branch: str | None = None,
        timeout: int | None = None,
        tracker: str | None = None,
    ) -> InfrahubNode | None:
        """The next prefix of a `CoreIPPrefixPool` (the same one again for the same `identifier`)."""
        if resource_pool.get_kind() != "CoreIPPrefixPool":
            raise ValueError("resource_pool is not an IP prefix pool")
        if member_type and member_type not in {"prefix", "address"}:
            raise ValueError("member_type possible values are 'prefix' or 'address'")
        options = {
            "identifier": identifier,
            "prefix_length": prefix_length,
            "member_type": member_type,
            "prefix_type": prefix_type,
        }
        mutation = pool_allocation(
            "AllocateIPPrefix", "InfrahubIPPrefixPoolGetResource", resource_pool.id, options, data
        )
        return await self._allocate(mutation, branch, timeout, tracker)

    async def _allocate(
        self, mutation: Mutation, branch: str | None, timeout: int | None, tracker: str | None
    ) -> InfrahubNode | None:
        """Send an allocation, then read the allocated node back."""
        branch = branch or self.default_branch
        response = await self.execute_graphql(
            query=mutation.render(), branch_name=branch, timeout=timeout, tracker=tracker
        )
        result = response[mutation.mutation]
        if not result["ok"]:
            return None
        return await self.get(kind=str(result["node"]["kind"]), id=result["node"]["id"], branch=branch)

    async def get_list_repositories(
        self, branches: dict[str, BranchData] | None = None, kind: str = "CoreGenericRepository"
    ) -> dict[str, RepositoryData]:
        """Every repository with its commit on each branch (one query per branch, run as a batch)."""
        branches = branches or await self.branch.all()
        batch = await self.create_batch()
        for branch_name in branches:
            batch.add(
                task=self.all,
                node=branch_name,
                kind=kind,
                branch=branch_name,
                fragment=True,
                include=["id", "name", "location", "commit", "ref", "internal_status"],
            )
        repositories: dict[str, RepositoryData] = {}
        async for branch_name, nodes in batch.execute():
            for repository in nodes:
                data = repositories.setdefault(
                    repository.name.value, RepositoryData(repository=repository, branches={})
                )
                data.branches[branch_name] = repository.commit.value
                data.branch_info[branch_name] = RepositoryBranchInfo(
                    internal_status=repository.internal_status.value
                )
        return repositories

    async def repository_update_commit(
        self, branch_name: str, repository_id: str, commit: str, is_read_only: bool = False
    ) -> bool:
        await self.execute_graphql(
            query=commit_update_mutation(is_read_only=is_read_only),
            variables={"repository_id": str(repository_id), "commit": str(commit)},
            branch_name=branch_name,
            tracker="mutation-repository-update-commit",
        )
        return True

    async def create_batch(self, return_exceptions: bool = False) -> InfrahubBatch:
        return InfrahubBatch(
            max_concurrent_execution=self.max_concurrent_execution, return_exceptions=return_exceptions
        )
