"""Rules and bookkeeping that other parts of the server attach to kinds: a stored query analysed
when it is saved, a proposed change whose state may only move one way, a repository imported on
create. `NodeService` calls every registered `KindHooks` whose `applies_to` accepts the kind.

Hooks run inside the caller's change set: raising an `infrahub_server.errors` exception refuses
the operation and nothing of it is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infrahub_server.nodes.inputs import NodeInput
    from infrahub_server.nodes.service import NodeService
    from infrahub_server.schema.models import KindSchema


class KindHooks:
    """Override what you need; every method does nothing by default."""

    kinds: frozenset[str] = frozenset()

    def applies_to(self, schema: KindSchema) -> bool:
        """By default: the kind, or one of the generics it inherits from, is in `kinds`."""
        return schema.kind in self.kinds or any(
            name in self.kinds for name in getattr(schema, "inherit_from", ())
        )

    def before_write(
        self, service: NodeService, schema: KindSchema, node_id: str | None, node_input: NodeInput
    ) -> None:
        """Before a create (`node_id` None) or an update is checked and written; may adjust the input."""

    def after_write(
        self, service: NodeService, schema: KindSchema, node_id: str, changed: set[str] | None
    ) -> None:
        """After a create (`changed` None) or an update that changed the fields `changed`."""

    def before_delete(self, service: NodeService, schema: KindSchema, node_id: str) -> None:
        """Before the node is deleted (after the deletion was checked)."""


_REGISTERED: list[KindHooks] = []


def register_kind_hooks(hooks: KindHooks) -> KindHooks:
    """Attach `hooks` to every node service from now on; returns it (usable as a decorator result)."""
    _REGISTERED.append(hooks)
    return hooks


def kind_hooks_for(schema: KindSchema) -> list[KindHooks]:
    return [hooks for hooks in _REGISTERED if hooks.applies_to(schema)]
