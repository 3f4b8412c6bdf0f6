"""`client.group_context`: the group that records what a tracked run (a generator) saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infrahub_sdk._group_context import InfrahubGroupContextBase, is_tracking
from infrahub_sdk.exceptions import GraphQLError, NodeNotFoundError

if TYPE_CHECKING:
    from .client import InfrahubClient
    from .node import InfrahubNode


class InfrahubGroupContext(InfrahubGroupContextBase):
    def __init__(self, client: InfrahubClient) -> None:
        super().__init__()
        self.client = client

    def _tracking(self) -> bool:
        return is_tracking(self.client.mode, self.client.config.update_group_context)

    async def get_group(self, store_peers: bool = False) -> InfrahubNode | None:
        try:
            group = await self.client.get(
                kind=self.group_type,
                name__value=self._generate_group_name(),
                include=["members"],
                branch=self.branch,
            )
        except NodeNotFoundError:
            return None
        if group is not None and store_peers:
            self.previous_members = list(group.members.peers)
        return group

    async def delete_unused(self) -> None:
        """Delete the members of the previous run that this run did not produce again."""
        for member in self.previous_members or []:
            if member.id in (self.unused_member_ids or []) and member.typename:
                try:
                    await self.client.delete(kind=member.typename, id=member.id, branch=self.branch)
                except GraphQLError as exc:
                    if "Unable to find the node" not in (exc.message or ""):
                        raise

    async def update_group(self) -> None:
        """Upsert the group with every node and group saved in this run as members."""
        members = self.related_group_ids + self.related_node_ids
        if not members:
            return
        schema = await self.client.schema.get(kind=self.group_type, branch=self.branch)
        existing = await self.get_group(store_peers=True) if self.delete_unused_nodes else None
        group = await self.client.create(
            kind=self.group_type,
            name=self._generate_group_name(),
            description=self._generate_group_description(schema),
            members=members,
            branch=self.branch,
            **self.group_params,
        )
        await group.save(allow_upsert=True, update_group_context=False)
        if existing is None:
            return
        self.unused_member_ids = sorted(set(existing.members.peer_ids) - set(members))
        await self.delete_unused()
