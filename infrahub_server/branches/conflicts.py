"""Conflicts: the same node, attribute or relationship changed on both sides since `branched_from`.

Four shapes, each with a stable id (so a recorded resolution survives a diff refresh) and a
fingerprint of the values in conflict (a resolution holds only while they stay the same):
- node: removed on one side, changed on the other;
- attribute: both sides changed a property to different values;
- relationship (cardinality one): both sides moved the peer, to different peers;
- element: both sides changed the same edge (cardinality many) differently.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
from sqlalchemy import Connection

from infrahub_server.branches.changes import BranchChanges, KeyChange
from infrahub_server.branches.rows import Row, rows_by_key, state_of
from infrahub_server.branches.schema_view import SchemaView

_NAMESPACE = uuid.UUID("5c1d9f2e-8a4b-4c3d-9e7f-0a1b2c3d4e5f")
PROPERTY_TYPES = ("HAS_VALUE", "IS_PROTECTED", "HAS_SOURCE", "HAS_OWNER")
"""Property types in the order of an attribute row's state."""

Level = Literal["node", "attribute", "relationship", "element"]
SkipKey = tuple[str, tuple[str, ...]]
"""("node", (node_id,)) skips every change the branch made to the node; ("attribute", key) and
("edge", key) skip one key."""


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    level: Level
    node_id: str
    name: str | None
    property_type: str | None
    peer_id: str | None
    base_action: str
    base_value: Any
    base_changed_at: int | None
    diff_action: str
    diff_value: Any
    diff_changed_at: int | None
    fingerprint: str
    skips: tuple[SkipKey, ...]
    """What choosing the base branch leaves out of the merge."""
    branch_resolvable: bool = True
    """False when the branch's side cannot be kept (it changed a node main deleted)."""


@dataclass(slots=True)
class OneRelationship:
    """A node's cardinality-one relationship touched by the branch, with main's edges for it."""

    node_id: str
    identifier: str
    name: str
    main_base_peers: set[str] = field(default_factory=set)
    main_current: list[Row] = field(default_factory=list)
    branch_changes: list[KeyChange] = field(default_factory=list)


@dataclass(slots=True)
class ConflictScan:
    conflicts: list[Conflict]
    one_relationships: dict[tuple[str, str], OneRelationship]


def action(before: tuple[Any, ...] | None, after: tuple[Any, ...] | None) -> str:
    if before is None:
        return "ADDED" if after is not None else "UNCHANGED"
    if after is None:
        return "REMOVED"
    return "UPDATED" if before != after else "UNCHANGED"


def peer_of_key(key: tuple[str, ...], node_id: str) -> str:
    return key[2] if key[1] == node_id else key[1]


def find_conflicts(
    connection: Connection, changes: BranchChanges, view: SchemaView, kinds: dict[str, str]
) -> ConflictScan:
    scan = ConflictScan([], _one_relationships(connection, changes, view, kinds))
    branch_id = changes.record.id
    in_node_conflict = _node_conflicts(changes, branch_id, scan.conflicts)
    for (node_id, name), change in changes.attributes.items():
        if node_id in in_node_conflict or not change.conflicting:
            continue
        scan.conflicts.append(_attribute_conflict(branch_id, node_id, name, change))
    covered: set[tuple[str, ...]] = set()
    for one in scan.one_relationships.values():
        if one.node_id in in_node_conflict:
            continue
        conflict = _one_relationship_conflict(branch_id, changes, one)
        if conflict is not None:
            scan.conflicts.append(conflict)
            covered.update(change.key for change in one.branch_changes)
    for key, change in changes.edges.items():
        if key in covered or not change.conflicting or in_node_conflict & {key[1], key[2]}:
            continue
        scan.conflicts.append(_edge_conflict(branch_id, key, change))
    return scan


def _node_conflicts(changes: BranchChanges, branch_id: str, into: list[Conflict]) -> set[str]:
    found: set[str] = set()
    for node_id in sorted(changes.removed_nodes()):
        if changes.exists_on_main(node_id) and node_id in changes.main_touched_removed:
            base_time = max(
                (row.from_at for row in changes.removed_attributes.get(node_id, [])), default=None
            )
            into.append(
                _conflict(
                    branch_id,
                    "node",
                    node_id,
                    None,
                    None,
                    None,
                    ("UPDATED", None, base_time),
                    ("REMOVED", None, changes.nodes[node_id].branch.from_at),
                    [changes.main_nodes[node_id].state, "removed"],
                    skips=(("node", (node_id,)),),
                )
            )
            found.add(node_id)
    changed_on_branch: dict[str, int] = {}
    for (node_id, _), change in changes.attributes.items():
        if change.changed:
            changed_on_branch[node_id] = max(changed_on_branch.get(node_id, 0), change.branch.from_at)
    for node_id, changed_at in sorted(changed_on_branch.items()):
        if node_id in changes.base_nodes and not changes.exists_on_main(node_id) and node_id not in found:
            into.append(
                _conflict(
                    branch_id,
                    "node",
                    node_id,
                    None,
                    None,
                    None,
                    ("REMOVED", None, None),
                    ("UPDATED", None, changed_at),
                    ["removed", changed_at],
                    skips=(("node", (node_id,)),),
                    branch_resolvable=False,
                )
            )
            found.add(node_id)
    return found


def _attribute_conflict(branch_id: str, node_id: str, name: str, change: KeyChange) -> Conflict:
    branch_state, main_state = change.branch.state, state_of(change.main)
    index = 0
    if branch_state is not None and main_state is not None:
        index = next(i for i, (a, b) in enumerate(zip(branch_state, main_state, strict=True)) if a != b)
    base_state = state_of(change.base)

    def value(state: tuple[Any, ...] | None) -> Any:
        if state is None:
            return None
        return orjson.loads(state[0]) if index == 0 and state[0] is not None else state[index]

    return _conflict(
        branch_id,
        "attribute",
        node_id,
        name,
        PROPERTY_TYPES[index],
        None,
        (action(base_state, main_state), value(main_state), change.main.from_at if change.main else None),
        (action(base_state, branch_state), value(branch_state), change.branch.from_at),
        [main_state, branch_state],
        skips=(("attribute", change.key),),
    )


def _one_relationship_conflict(
    branch_id: str, changes: BranchChanges, one: OneRelationship
) -> Conflict | None:
    main_now = {peer_of_key(row.key, one.node_id) for row in one.main_current}
    if main_now == one.main_base_peers:
        return None
    branch_changes = [change for change in one.branch_changes if change.changed]
    if not branch_changes:
        return None
    removed = {peer_of_key(c.key, one.node_id) for c in branch_changes if c.branch.deleted}
    added = {peer_of_key(c.key, one.node_id) for c in branch_changes if not c.branch.deleted}
    branch_final = (one.main_base_peers - removed) | added
    if branch_final == main_now:
        return None
    main_peer = min(main_now) if main_now else None
    branch_peer = min(branch_final) if branch_final else None
    return _conflict(
        branch_id,
        "relationship",
        one.node_id,
        one.name,
        "IS_RELATED",
        branch_peer or main_peer,
        (
            "UPDATED" if main_now else "REMOVED",
            main_peer,
            max((r.from_at for r in one.main_current), default=None),
        ),
        (
            "UPDATED" if branch_final else "REMOVED",
            branch_peer,
            max(c.branch.from_at for c in branch_changes),
        ),
        [sorted(main_now), sorted(branch_final)],
        skips=tuple(("edge", change.key) for change in one.branch_changes),
    )


def _edge_conflict(branch_id: str, key: tuple[str, ...], change: KeyChange) -> Conflict:
    base_state, main_state, branch_state = state_of(change.base), state_of(change.main), change.branch.state
    return _conflict(
        branch_id,
        "element",
        key[1],
        key[0],
        "IS_RELATED",
        key[2],
        (
            action(base_state, main_state),
            main_state is not None,
            change.main.from_at if change.main else None,
        ),
        (action(base_state, branch_state), branch_state is not None, change.branch.from_at),
        [main_state, branch_state],
        skips=(("edge", key),),
    )


def _conflict(
    branch_id: str,
    level: Level,
    node_id: str,
    name: str | None,
    property_type: str | None,
    peer_id: str | None,
    base: tuple[str, Any, int | None],
    diff: tuple[str, Any, int | None],
    values: list[Any],
    *,
    skips: tuple[SkipKey, ...],
    branch_resolvable: bool = True,
) -> Conflict:
    path = f"{branch_id}/{level}/{node_id}/{name}/{peer_id if level == 'element' else ''}"
    fingerprint = hashlib.sha256(orjson.dumps(values, default=str)).hexdigest()
    return Conflict(
        id=str(uuid.uuid5(_NAMESPACE, path)),
        level=level,
        node_id=node_id,
        name=name,
        property_type=property_type,
        peer_id=peer_id,
        base_action=base[0],
        base_value=base[1],
        base_changed_at=base[2],
        diff_action=diff[0],
        diff_value=diff[1],
        diff_changed_at=diff[2],
        fingerprint=fingerprint,
        skips=skips,
        branch_resolvable=branch_resolvable,
    )


def _one_relationships(
    connection: Connection, changes: BranchChanges, view: SchemaView, kinds: dict[str, str]
) -> dict[tuple[str, str], OneRelationship]:
    ones: dict[tuple[str, str], OneRelationship] = {}
    for key, change in changes.edges.items():
        identifier = key[0]
        for node_id, side in ((key[1], "source"), (key[2], "destination")):
            rel = view.relationship(kinds.get(node_id, ""), identifier, side)
            if rel is None or rel.cardinality != "one":
                continue
            one = ones.get((node_id, identifier))
            if one is None:
                one = ones[(node_id, identifier)] = OneRelationship(node_id, identifier, rel.name)
            one.branch_changes.append(change)
    if not ones:
        return ones
    pairs = sorted(ones)
    rows: list[Row] = []
    for column in ("source_id", "destination_id"):
        rows.extend(
            rows_by_key(
                connection,
                "edge",
                (column, "identifier"),
                pairs,
                branch=changes.default_branch,
                valid_after=changes.base_at,
            )
        )
    by_pair: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        for node_id in (row.key[1], row.key[2]):
            if (node_id, row.key[0]) in ones:
                by_pair[(node_id, row.key[0])].append(row)
    for pair, one in ones.items():
        _fill_main_side(
            one, _same_side(view, kinds, pair, by_pair.get(pair, []), one.branch_changes), changes.base_at
        )
    return ones


def _same_side(
    view: SchemaView,
    kinds: dict[str, str],
    pair: tuple[str, str],
    rows: Iterable[Row],
    branch_changes: list[KeyChange],
) -> list[Row]:
    """Main's edges of the pair that sit on the same relationship as the branch's (a hierarchy
    holds `parent` and `children` under one identifier, on opposite sides)."""
    node_id, identifier = pair
    kind = kinds.get(node_id, "")
    wanted = {change.key[1] == node_id for change in branch_changes}
    rel_names = {
        rel.name
        for is_source in wanted
        if (rel := view.relationship(kind, identifier, "source" if is_source else "destination")) is not None
    }
    kept = []
    for row in dict.fromkeys(rows):
        rel = view.relationship(kind, identifier, "source" if row.key[1] == node_id else "destination")
        if rel is not None and rel.name in rel_names:
            kept.append(row)
    return kept


def _fill_main_side(one: OneRelationship, rows: list[Row], base_at: int) -> None:
    for row in rows:
        if row.valid_at(base_at):
            one.main_base_peers.add(peer_of_key(row.key, one.node_id))
        if row.current:
            one.main_current.append(row)
