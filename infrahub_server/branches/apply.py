"""How an analysed branch's changes are written: onto the default branch by a merge, and which of
the branch's own rows a rebase reverts. Choices recorded for conflicts decide what is left out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from infrahub_server.branches.analysis import BranchAnalysis
from infrahub_server.branches.changes import decoded
from infrahub_server.branches.rows import Row
from infrahub_server.branches.tree import BASE_BRANCH
from infrahub_server.store import AttributeRecord, BranchScope, Writer

SCOPES: dict[str, BranchScope] = {"a": "aware", "g": "agnostic", "l": "local"}


@dataclass(slots=True)
class Skips:
    """What the base branch's side of resolved conflicts keeps out of the merge."""

    nodes: set[str] = field(default_factory=set)
    keys: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)

    def node(self, node_id: str) -> bool:
        return node_id in self.nodes

    def key(self, table: str, key: tuple[str, ...]) -> bool:
        return (table, key) in self.keys


def skips_for(analysis: BranchAnalysis, choices: dict[str, str]) -> Skips:
    skips = Skips()
    for conflict in analysis.conflicts:
        if choices.get(conflict.id) != BASE_BRANCH:
            continue
        for table, key in conflict.skips:
            if table == "node":
                skips.nodes.add(key[0])
            else:
                skips.keys.add((table, key))
    return skips


def attribute_record(row: Row) -> AttributeRecord:
    return AttributeRecord(decoded(row), row.is_default, row.is_protected, row.prop_source, row.prop_owner)


def write_onto_default(analysis: BranchAnalysis, writer: Writer, skips: Skips) -> int:
    """Write the branch's net changes through `writer` (a change set on the default branch);
    returns the number of keys written."""
    changes = analysis.changes
    added = {node_id for node_id in changes.added_nodes() if not skips.node(node_id)}
    removed = {node_id for node_id in changes.removed_nodes() if not skips.node(node_id)}
    writer.known_nodes({node_id: (row.kind or "", row.scope) for node_id, row in changes.main_nodes.items()})
    new_attributes: dict[str, dict[str, AttributeRecord]] = defaultdict(dict)
    set_attributes: dict[str, dict[str, AttributeRecord]] = defaultdict(dict)
    removed_attributes: dict[str, list[str]] = defaultdict(list)
    for (node_id, name), change in changes.attributes.items():
        if not change.changed or skips.node(node_id) or skips.key("attribute", change.key):
            continue
        if node_id in added:
            if not change.branch.deleted:
                new_attributes[node_id][name] = attribute_record(change.branch)
        elif node_id in removed or not changes.exists_on_main(node_id):
            continue
        elif change.branch.deleted:
            removed_attributes[node_id].append(name)
        else:
            set_attributes[node_id][name] = attribute_record(change.branch)
    written = 0
    for node_id in sorted(added):
        row = changes.nodes[node_id].branch
        writer.create_node(
            row.kind or "", scope=SCOPES[row.scope], node_id=node_id, attributes=new_attributes[node_id]
        )
        written += 1
    for node_id, records in set_attributes.items():
        writer.set_attributes(node_id, records)
        written += len(records)
    for node_id, names in removed_attributes.items():
        writer.remove_attributes(node_id, names)
        written += len(names)
    written += _write_edges(analysis, writer, skips, added, removed)
    for node_id in sorted(removed):
        if changes.exists_on_main(node_id):
            writer.delete_node(node_id)
            written += 1
    return written


def _write_edges(
    analysis: BranchAnalysis, writer: Writer, skips: Skips, added: set[str], removed: set[str]
) -> int:
    changes = analysis.changes

    def exists_after(node_id: str) -> bool:
        return node_id in added or (changes.exists_on_main(node_id) and node_id not in removed)

    written = 0
    gone: set[tuple[str, ...]] = set()
    for key, change in sorted(changes.edges.items()):
        identifier, source, destination = key
        if not change.changed or skips.key("edge", key) or skips.node(source) or skips.node(destination):
            continue
        if change.branch.deleted:
            if source not in removed and destination not in removed and change.main is not None:
                writer.remove_edge(identifier, source, destination)
                gone.add(key)
                written += 1
            continue
        if not (exists_after(source) and exists_after(destination)):
            continue
        # A cardinality-one relationship holds one peer: the branch's replaces main's current one.
        for node_id in (source, destination):
            one = analysis.scan.one_relationships.get((node_id, identifier))
            for row in one.main_current if one else []:
                if row.key != key and row.key not in gone:
                    writer.remove_edge(*row.key)
                    gone.add(row.key)
        row = change.branch
        writer.add_edge(
            identifier,
            source,
            destination,
            scope=SCOPES[row.scope],
            is_protected=row.is_protected,
            source_prop_id=row.prop_source,
            owner_id=row.prop_owner,
        )
        written += 1
    return written


def revert_on_branch(analysis: BranchAnalysis, writer: Writer, skips: Skips) -> None:
    """For a rebase: drop the branch's rows that resolved conflicts give to the base branch, and hide
    main's newer peer of each cardinality-one relationship the branch set itself."""
    changes = analysis.changes
    nodes = [node_id for node_id in changes.nodes if skips.node(node_id)]
    attributes = [key for key in changes.attributes if skips.node(key[0]) or skips.key("attribute", key)]
    edges = [
        key for key in changes.edges if skips.node(key[1]) or skips.node(key[2]) or skips.key("edge", key)
    ]
    writer.revert_to_default(nodes=nodes, attributes=attributes, edges=edges)
    reverted = set(edges)
    for one in analysis.scan.one_relationships.values():
        kept = [
            change
            for change in one.branch_changes
            if change.key not in reverted and change.changed and not change.branch.deleted
        ]
        if not kept:
            continue
        for row in one.main_current:
            if row.key not in changes.edges:
                writer.hide_edge(*row.key, scope=SCOPES[row.scope])
