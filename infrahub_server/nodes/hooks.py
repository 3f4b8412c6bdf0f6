"""What node operations let another part of the server add: values drawn from resource pools
(`from_pool`), and bookkeeping after writes and before deletes (IPAM reconciliation).

`NodeService` works without hooks; it then refuses `from_pool` inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from infrahub_server.schema.models import AttributeSchema, KindSchema, RelationshipSchema

if TYPE_CHECKING:
    from infrahub_server.nodes.inputs import NodeInput
    from infrahub_server.nodes.service import NodeService


class NodeHooks(Protocol):
    def allocate_attribute(
        self,
        service: NodeService,
        schema: KindSchema,
        node_id: str,
        attr: AttributeSchema,
        request: dict[str, Any] | None,
    ) -> Any:
        """The value of `attr` drawn from the pool `request` names (None: the attribute's own pool)."""

    def allocate_peer(
        self,
        service: NodeService,
        schema: KindSchema,
        node_input: NodeInput,
        rel: RelationshipSchema,
        request: dict[str, Any],
    ) -> str:
        """The id of a peer for `rel` allocated from the pool `request` names."""

    def after_write(self, service: NodeService, kind: str, node_id: str, changed: set[str] | None) -> None:
        """Called after a node is created (`changed` None) or its fields `changed` are written."""

    def before_delete(self, service: NodeService, doomed: dict[str, str]) -> None:
        """Called once the deletion of `doomed` (id -> kind) is checked, before its first write."""
