"""`total_comments` of a proposed change: its own comments plus those of its threads, counted
again whenever a comment is created or deleted, inside the same change set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infrahub_server.nodes.kind_hooks import KindHooks, register_kind_hooks
from infrahub_server.proposed_changes.records import PROPOSED_CHANGE
from infrahub_server.proposed_changes.validator_nodes import peers_over
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeRecord, Writer

if TYPE_CHECKING:
    from infrahub_server.nodes.service import NodeService
    from infrahub_server.schema.models import KindSchema

CHANGE_COMMENT, THREAD_COMMENT = "CoreChangeComment", "CoreThreadComment"


def _change_of(writer: Writer, schema: SchemaBranch, kind: str, comment_id: str) -> str | None:
    if kind == CHANGE_COMMENT:
        changes = peers_over(writer, schema, CHANGE_COMMENT, comment_id, "change")
    else:
        threads = peers_over(writer, schema, THREAD_COMMENT, comment_id, "thread")
        thread_kinds = writer.kinds_of(threads)
        changes = [c for t in threads for c in peers_over(writer, schema, thread_kinds[t], t, "change")]
    return changes[0] if changes else None


def _recount(writer: Writer, schema: SchemaBranch, change_id: str, leaving: str | None) -> None:
    comments = set(peers_over(writer, schema, PROPOSED_CHANGE, change_id, "comments"))
    threads = peers_over(writer, schema, PROPOSED_CHANGE, change_id, "threads")
    thread_kinds = writer.kinds_of(threads)
    for thread_id in threads:
        comments.update(peers_over(writer, schema, thread_kinds[thread_id], thread_id, "comments"))
    comments.discard(leaving or "")
    writer.set_attributes(change_id, {"total_comments": AttributeRecord(len(comments))})


class CommentCount(KindHooks):
    kinds = frozenset({CHANGE_COMMENT, THREAD_COMMENT})

    def after_write(
        self, service: NodeService, schema: KindSchema, node_id: str, changed: set[str] | None
    ) -> None:
        if changed is None:
            change_id = _change_of(service.writer, service.schema, schema.kind, node_id)
            if change_id is not None:
                _recount(service.writer, service.schema, change_id, None)

    def before_delete(self, service: NodeService, schema: KindSchema, node_id: str) -> None:
        change_id = _change_of(service.writer, service.schema, schema.kind, node_id)
        if change_id is not None:
            _recount(service.writer, service.schema, change_id, node_id)


COMMENT_COUNT = register_kind_hooks(CommentCount())
