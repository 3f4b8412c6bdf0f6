"""The entry points: plan the data changes of a schema change on one branch, then write them."""

from __future__ import annotations

import logging
from collections import defaultdict

from infrahub_server.migrations.attributes import plan_attributes
from infrahub_server.migrations.changes import MigrationPlan
from infrahub_server.migrations.relationships import plan_relationships
from infrahub_server.migrations.uniqueness import plan_uniqueness
from infrahub_server.schema.models import KindSchema, SchemaBranch
from infrahub_server.store import Reader, Writer
from infrahub_server.store.types import AttributeRecord

logger = logging.getLogger(__name__)


def plan_schema_migration(old: SchemaBranch, new: SchemaBranch, reader: Reader) -> MigrationPlan:
    """What the branch `reader` reads must change for `new` to replace `old`.

    Raises SchemaError listing every refusal (kind, field, count of objects in the way). Pass the
    change set's writer as `reader` so that the check and the writes see the same data.
    """
    plan = MigrationPlan(reader.branch)
    before_kinds, after_kinds = _kinds_with_objects(old), _kinds_with_objects(new)
    for kind in before_kinds:
        if kind not in after_kinds:
            plan.refuse(
                kind,
                "state",
                reader.count_nodes([kind]),
                "{verb} to be deleted before the kind can be removed",
            )
    for kind, after in after_kinds.items():
        before = before_kinds.get(kind)
        if before is None or before == after or not reader.count_nodes([kind]):
            continue
        plan_attributes(plan, reader, before, after)
        plan_relationships(plan, reader, new, before, after)
        plan_uniqueness(plan, reader, new, before, after)
    plan.raise_refusals()
    logger.info(
        "schema migration on %s: %d attribute values written, %d removed, %d edges removed",
        plan.branch,
        len(plan.attribute_writes),
        len(plan.attribute_removals),
        len(plan.edge_removals),
    )
    return plan


def _kinds_with_objects(schema: SchemaBranch) -> dict[str, KindSchema]:
    """Nodes, profiles and templates: generics have no objects of their own."""
    return {**schema.nodes, **schema.profiles, **schema.templates}


def apply_schema_migration(plan: MigrationPlan, writer: Writer) -> None:
    """Write the plan through the change set that saves the schema, on the plan's branch."""
    if writer.branch != plan.branch:
        raise ValueError(f"a migration planned on {plan.branch} cannot be written on {writer.branch}")
    by_node: dict[str, dict[str, AttributeRecord]] = defaultdict(dict)
    for write in plan.attribute_writes:
        by_node[write.node_id][write.name] = write.record
    for node_id, records in by_node.items():
        writer.set_attributes(node_id, records)
    removed: dict[str, list[str]] = defaultdict(list)
    for gone in plan.attribute_removals:
        removed[gone.node_id].append(gone.name)
    for node_id, names in removed.items():
        writer.remove_attributes(node_id, names)
    for removal in plan.edge_removals:
        writer.remove_edge(removal.identifier, removal.source_id, removal.destination_id)
