"""Relationship changes: added or made mandatory, fewer peers allowed, removed (edges closed)."""

from __future__ import annotations

from infrahub_server.migrations.changes import EdgeRemoval, MigrationPlan
from infrahub_server.migrations.reading import has_peer, pages, peer_counts
from infrahub_server.nodes.edges import edge_side
from infrahub_server.schema.models import KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import RelationshipFilter


def plan_relationships(
    plan: MigrationPlan, reader: Reader, schema: SchemaBranch, old: KindSchema, new: KindSchema
) -> None:
    for rel in new.relationships:
        before = old.get_relationship(rel.name)
        if before is None or before.identifier != rel.identifier:
            _plan_added(plan, reader, schema, new.kind, rel)
        elif before != rel:
            _plan_changed(plan, reader, schema, new.kind, before, rel)
    kept = {(rel.identifier, edge_side(rel)) for rel in new.relationships}
    for before in old.relationships:
        if (before.identifier, edge_side(before)) not in kept:
            _plan_removed(plan, reader, new.kind, before)


def _plan_added(
    plan: MigrationPlan, reader: Reader, schema: SchemaBranch, kind: str, rel: RelationshipSchema
) -> None:
    if not rel.optional:
        plan.refuse(
            kind,
            rel.name,
            reader.count_nodes([kind], [has_peer(schema, rel, missing=True)]),
            f"{{verb}} no peer for the new mandatory relationship '{rel.name}'",
        )


def _plan_changed(
    plan: MigrationPlan,
    reader: Reader,
    schema: SchemaBranch,
    kind: str,
    before: RelationshipSchema,
    after: RelationshipSchema,
) -> None:
    became_mandatory = before.optional and not after.optional
    if became_mandatory:
        plan.refuse(
            kind,
            after.name,
            reader.count_nodes([kind], [has_peer(schema, after, missing=True)]),
            f"{{verb}} no peer for the relationship '{after.name}', which becomes mandatory",
        )
    old_max, new_max = _max_peers(before), _max_peers(after)
    lowered_max = new_max is not None and (old_max is None or new_max < old_max)
    # A relationship made mandatory gets a min_count of 1, which the check above already covers.
    raised_min = after.min_count > max(before.min_count, 1 if became_mandatory else 0)
    if not (lowered_max or raised_min):
        return
    counts = peer_counts(reader, schema, kind, after)
    if lowered_max and new_max is not None:
        if after.cardinality == "one" and before.cardinality == "many":
            reason = f"more than one peer for the relationship '{after.name}', which becomes cardinality one"
        else:
            reason = f"more than {new_max} peers for the relationship '{after.name}' (new max_count)"
        plan.refuse(
            kind, after.name, sum(1 for count in counts.values() if count > new_max), f"{{verb}} {reason}"
        )
    if raised_min:
        # Nodes without a peer are already refused when the relationship becomes mandatory.
        without = (
            0 if became_mandatory else reader.count_nodes([kind], [has_peer(schema, after, missing=True)])
        )
        plan.refuse(
            kind,
            after.name,
            without + sum(1 for count in counts.values() if count < after.min_count),
            f"{{verb}} fewer than {after.min_count} peers for the relationship '{after.name}' (new min_count)",
        )


def _max_peers(rel: RelationshipSchema) -> int | None:
    """How many peers a node may have over `rel`, None for any number."""
    if rel.cardinality == "one":
        return 1
    return rel.max_count or None


def _plan_removed(plan: MigrationPlan, reader: Reader, kind: str, rel: RelationshipSchema) -> None:
    """Close every edge of the relationship that touches a node of `kind` on its side."""
    if rel.identifier is None:
        return
    side = edge_side(rel)
    linked = reader.find_node_ids([kind], [RelationshipFilter(rel.identifier, side)])
    seen: set[tuple[str, str]] = set()
    for page in pages(linked):
        for edges in reader.get_edges(rel.identifier, page, side).values():
            for edge in edges:
                if (edge.source_id, edge.destination_id) not in seen:
                    seen.add((edge.source_id, edge.destination_id))
                    plan.edge_removals.append(
                        EdgeRemoval(rel.identifier, edge.source_id, edge.destination_id)
                    )
