"""The kinds every Infrahub server has from its first start, written as schema-file definitions.

Only what differs from the defaults is written; processing fills in the rest, exactly as for a
user's schema. Grouped by topic; `CORE_GENERICS`/`CORE_NODES` are in load order.
"""

from __future__ import annotations

from infrahub_server.schema.core import (
    accounts,
    automation,
    foundation,
    groups,
    ipam,
    menu,
    proposed_changes,
    repositories,
)
from infrahub_server.schema.core.definition import Definition

_TOPICS = (menu, foundation, groups, accounts, repositories, proposed_changes, ipam, automation)

CORE_GENERICS: list[Definition] = [definition for topic in _TOPICS for definition in topic.GENERICS]
CORE_NODES: list[Definition] = [definition for topic in _TOPICS for definition in topic.NODES]

__all__ = ["CORE_GENERICS", "CORE_NODES", "Definition"]
