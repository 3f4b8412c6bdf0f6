"""Bookkeeping on repository nodes: a deleted repository's per-branch sync records go with it
(its imported definitions go by the schema's cascade)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from infrahub_server.nodes.kind_hooks import KindHooks, register_kind_hooks
from infrahub_server.repositories.records import REPOSITORY_KINDS
from infrahub_server.repositories.sync_state import forget_repository, repository_sync

if TYPE_CHECKING:
    from infrahub_server.nodes.service import NodeService
    from infrahub_server.schema.models import KindSchema


class RepositoryHooks(KindHooks):
    kinds = frozenset(REPOSITORY_KINDS)

    def before_delete(self, service: NodeService, schema: KindSchema, node_id: str) -> None:
        connection = service.writer.connection
        if sa.inspect(connection).has_table(repository_sync.name):
            forget_repository(connection, node_id)


register_kind_hooks(RepositoryHooks())
