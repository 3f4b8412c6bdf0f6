"""`InfrahubOperation`: what transforms and generators share (their client, branch and query results)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import git_branch

if TYPE_CHECKING:
    from ._async.client import InfrahubClient
    from ._async.node import InfrahubNode
    from .store import NodeStore


class InfrahubOperation:
    def __init__(
        self,
        client: InfrahubClient,
        infrahub_node: type[InfrahubNode],
        convert_query_response: bool,
        branch: str,
        root_directory: str,
    ) -> None:
        self.branch = branch
        self.convert_query_response = convert_query_response
        self.root_directory = root_directory or str(Path.cwd())
        self.infrahub_node = infrahub_node
        self._nodes: list[InfrahubNode] = []
        self._related_nodes: list[InfrahubNode] = []
        self._init_client = client.clone(branch=self.branch_name)

    @property
    def branch_name(self) -> str:
        """The branch given, else the one checked out in `root_directory`."""
        if not self.branch:
            self.branch = git_branch(self.root_directory) or "main"
        return self.branch

    @property
    def store(self) -> NodeStore:
        return self._init_client.store

    @property
    def nodes(self) -> list[InfrahubNode]:
        return self._nodes

    @property
    def related_nodes(self) -> list[InfrahubNode]:
        return self._related_nodes

    async def process_nodes(self, data: dict[str, Any]) -> None:
        """With `convert_query_response`, turn the query result into nodes (and their peers) in the store."""
        if not self.convert_query_response:
            return
        kinds = await self._init_client.schema.all(branch=self.branch_name)
        for kind, result in data.items():
            if kind not in kinds:
                continue
            for edge in result.get("edges", []):
                node = await self.infrahub_node.from_graphql(
                    client=self._init_client, branch=self.branch_name, data=edge
                )
                self._nodes.append(node)
                await node._process_relationships(
                    node_data=edge, branch=self.branch_name, related_nodes=self._related_nodes, recursive=True
                )
        for node in self._nodes + self._related_nodes:
            if node.id:
                self._init_client.store.set(node=node)
