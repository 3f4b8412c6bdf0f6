"""The compiled read path: a validated selection over nodes resolved level by level.

Every level of the selection costs a fixed number of store calls whatever the number of nodes:
one `get_nodes` for all the level's ids, one `get_edges` per relationship field (and per
relationship the HFIDs or display labels read through), then the peers are the next level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLObjectType

from infrahub_server.errors import ValidationError
from infrahub_server.graphql.attribute_fields import ATTRIBUTE_NODE_REFERENCES, format_datetime, scalar_part
from infrahub_server.graphql.filters import attribute_filters, query_filters, query_order
from infrahub_server.graphql.list_path import ListPath
from infrahub_server.graphql.node_plan import (
    HIERARCHY_WALKS,
    FieldStep,
    KindPlan,
    Planner,
    node_display_label,
    node_hfid,
)
from infrahub_server.graphql.selection import Request, project
from infrahub_server.ipam.graphql_listing import fill_prefix_utilization, listing_with_available
from infrahub_server.nodes import edge_side, peer_of
from infrahub_server.schema.models import KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import EdgeRecord, EdgeSide, NodeRecord

_ALLOW = "ALLOW"
_PERMISSION = {"update_value": _ALLOW}

Peers = dict[str, list[tuple[str, EdgeRecord]]]
"""Per parent node: its peers over one relationship, with the edge that links them."""


@dataclass(slots=True)
class _Reference:
    """A node id in a built response whose selection is resolved with others of its kind."""

    target: dict[str, Any]
    key: str
    node_id: str | None
    nodes: list[FieldNode]


class NodeResolver:
    compiled_lists = True
    """Kind queries whose selection `ListPath` covers are answered by it (the differential test
    turns it off to compare both paths)."""

    def __init__(self, request: Request, schema: SchemaBranch, reader: Reader) -> None:
        self.request = request
        self.schema = schema
        self.reader = reader
        self.planner = Planner(request, schema)
        # Within one request the snapshot does not change, so what was read once is reused: node
        # records, and the edge each peer was reached through (a cardinality-one HFID path of an
        # interface is usually the edge its device listed it by).
        self._records: dict[str, NodeRecord] = {}
        self._reached_by: dict[tuple[str, str], EdgeRecord] = {}
        self.kind_permissions: Callable[[list[str]], dict[str, Any]] = _permissions  # the caller's report

    # --- entry points ------------------------------------------------------------------------

    def kind_query(self, kind_name: str, nodes: list[FieldNode], arguments: dict[str, Any]) -> dict[str, Any]:
        kind = self.schema.get(kind_name)
        kinds = self.schema.concrete_kinds(kind_name)
        offset, limit = _paging(arguments)
        filters = query_filters(self.schema, kind, arguments)
        order = query_order(kind, arguments.get("order"))
        if arguments.get("include_available"):
            return listing_with_available(self, kind_name, kinds, filters, nodes, arguments)
        fields = self.request.sub_fields(nodes, f"Paginated{kind_name}")
        names = {sub[0].name.value for sub in fields.values()}
        total: int | None = None
        page: list[str] = []
        if not kinds:
            total = 0
        elif arguments.get("ids") is not None:
            wanted = set(arguments["ids"])
            matching = [i for i in self.reader.find_node_ids(kinds, filters, order) if i in wanted]
            total = len(matching)
            page = matching[offset : None if limit is None else offset + limit]
        else:
            if "edges" in names:
                page = self.reader.find_node_ids(kinds, filters, order, offset, limit)
            if "count" in names:
                total = _count_from_page(page, offset, limit) if "edges" in names else None
                if total is None:
                    total = self.reader.count_nodes(kinds, filters)
        result: dict[str, Any] = {}
        for key, sub in fields.items():
            name = sub[0].name.value
            if name == "count":
                result[key] = total
            elif name == "edges":
                result[key] = self._page_edges(kinds, page, sub, f"Edged{kind_name}")
            elif name == "permissions":
                result[key] = project(self.request, self.kind_permissions(kinds or [kind_name]), sub, "")
            elif name == "__typename":
                result[key] = f"Paginated{kind_name}"
        return result

    def _page_edges(
        self, kinds: list[str], page: list[str], nodes: list[FieldNode], edge_type: str
    ) -> list[dict[str, Any]]:
        """A page of a kind query: on the compiled list path when it covers the selection."""
        if self.compiled_lists:
            edges = ListPath(self.request, self.schema, self.reader).edges(kinds, page, nodes, edge_type)
            if edges is not None:
                return edges
        return [edge for _, edge in self._edges(page, nodes, edge_type)]

    def node_by_id(self, node_id: str | None, nodes: list[FieldNode]) -> dict[str, Any] | None:
        """One node (for example a mutation's `object`) shaped by `nodes`' selection."""
        if node_id is None:
            return None
        built, _ = self.resolve([node_id], nodes)
        return built.get(node_id)

    # --- one level -----------------------------------------------------------------------------

    def _edges(
        self, ids: Sequence[str], nodes: list[FieldNode], edge_type: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """(node id, `{node, node_metadata}`) for the visible nodes among `ids`, in order."""
        edge_fields = self.request.sub_fields(nodes, edge_type)
        built: dict[str, dict[str, Any]] = {}
        records: dict[str, NodeRecord] = {}
        node_fields = [sub for sub in edge_fields.values() if sub[0].name.value == "node"]
        for sub in node_fields:
            built, records = self.resolve(ids, sub)
        if not node_fields:
            records = self._get_nodes(ids)
        references: list[_Reference] = []
        result = []
        for node_id in ids:
            if node_id not in records:
                continue
            edge: dict[str, Any] = {}
            for key, sub in edge_fields.items():
                name = sub[0].name.value
                if name == "node":
                    edge[key] = built[node_id]
                elif name == "node_metadata":
                    edge[key] = self._metadata(records[node_id], sub, references)
                elif name == "__typename":
                    edge[key] = edge_type
                else:
                    edge[key] = None
            result.append((node_id, edge))
        self._resolve_references(references)
        return result

    def resolve(
        self, ids: Sequence[str], nodes: list[FieldNode]
    ) -> tuple[dict[str, dict[str, Any]], dict[str, NodeRecord]]:
        """Build the selection of `nodes` for every visible node in `ids`."""
        records = self._get_nodes(ids)
        plans = {kind: self.planner.plan(nodes, kind) for kind in {r.kind for r in records.values()}}
        identity_peers = self._identity_peers(records, plans)
        references: list[_Reference] = []
        built: dict[str, dict[str, Any]] = {}
        relationship_groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        no_peers: dict[str, NodeRecord | None] = {}
        for node_id, record in records.items():
            plan = plans[record.kind]
            out: dict[str, Any] = {}
            for step in plan.steps:
                action = step.action
                if action == "attribute":
                    out[step.key] = self._attribute(step, record, references)
                elif action == "id":
                    out[step.key] = node_id
                elif action == "typename":
                    out[step.key] = record.kind
                elif action == "hfid":
                    out[step.key] = node_hfid(plan, record, identity_peers.get(node_id, no_peers))
                elif action == "display_label":
                    out[step.key] = node_display_label(plan, record, identity_peers.get(node_id, no_peers))
                elif action == "false":
                    out[step.key] = False
                else:
                    relationship_groups[(step.key, record.kind)].append(node_id)
                    out[step.key] = None
            built[node_id] = out
        fill_prefix_utilization(self.reader, self.schema, plans, records, built)
        self._resolve_relationships(plans, relationship_groups, built)
        self._resolve_references(references)
        return built, records

    def _get_nodes(self, ids: Sequence[str]) -> dict[str, NodeRecord]:
        cache = self._records
        missing = [node_id for node_id in ids if node_id not in cache]
        if missing:
            cache.update(self.reader.get_nodes(missing))
        return {node_id: cache[node_id] for node_id in ids if node_id in cache}

    def _attribute(self, step: FieldStep, record: NodeRecord, references: list[_Reference]) -> dict[str, Any]:
        assert step.attribute is not None
        value = record.attributes.get(step.name)
        out: dict[str, Any] = {}
        for part in step.parts:
            if part.name in ATTRIBUTE_NODE_REFERENCES:
                ref_id = getattr(value, ATTRIBUTE_NODE_REFERENCES[part.name]) if value is not None else None
                out[part.key] = None
                references.append(_Reference(out, part.key, ref_id, part.nodes))
            elif part.name == "permissions":
                out[part.key] = project(self.request, _PERMISSION, part.nodes, "PermissionType")
            else:
                out[part.key] = scalar_part(step.attribute, value, part.name)
        return out

    # --- identity --------------------------------------------------------------------------------

    def _identity_peers(
        self, records: dict[str, NodeRecord], plans: dict[str, KindPlan]
    ) -> dict[str, dict[str, NodeRecord | None]]:
        """The cardinality-one peers that HFIDs and display labels read, per node asking."""
        wanted: dict[tuple[str, EdgeSide], list[str]] = defaultdict(list)
        names: dict[tuple[str, EdgeSide, str], str] = {}
        peer_by_node: dict[str, dict[str, str]] = defaultdict(dict)
        for node_id, record in records.items():
            for rel in plans[record.kind].identity_relationships:
                assert rel.identifier is not None
                known = self._reached_by.get((rel.identifier, node_id))
                if known is not None:
                    peer_by_node[node_id][rel.name] = peer_of(known, node_id)
                    continue
                group = (rel.identifier, edge_side(rel))
                wanted[group].append(node_id)
                names[(*group, record.kind)] = rel.name
        if not wanted and not peer_by_node:
            return {}
        for group, node_ids in wanted.items():
            for node_id, edges in self.reader.get_edges(group[0], node_ids, group[1]).items():
                if edges:
                    name = names[(*group, records[node_id].kind)]
                    peer_by_node[node_id][name] = peer_of(edges[0], node_id)
        peer_ids = list(dict.fromkeys(peer for peers in peer_by_node.values() for peer in peers.values()))
        peer_records = self._get_nodes(peer_ids)
        return {
            node_id: {name: peer_records.get(peer) for name, peer in peers.items()}
            for node_id, peers in peer_by_node.items()
        }

    # --- relationships -------------------------------------------------------------------------------

    def _resolve_relationships(
        self,
        plans: dict[str, KindPlan],
        groups: dict[tuple[str, str], list[str]],
        built: dict[str, dict[str, Any]],
    ) -> None:
        """One store call per (response key, relationship) for all the nodes that selected it."""
        merged: dict[tuple[str, str, EdgeSide, str], list[str]] = defaultdict(list)
        steps: dict[tuple[str, str, EdgeSide, str], tuple[FieldStep, str]] = {}
        for (key, kind_name), node_ids in groups.items():
            step = next(s for s in plans[kind_name].steps if s.key == key)
            rel = step.relationship
            assert rel is not None
            if rel.identifier is None:
                raise ValidationError(f"The relationship {rel.name} of {kind_name} has no identifier")
            walk = rel.name if rel.name in HIERARCHY_WALKS and rel.kind == "Hierarchy" else ""
            group = (key, rel.identifier, edge_side(rel), walk)
            merged[group].extend(node_ids)
            steps[group] = (step, kind_name)
        loaded: dict[tuple[str, str, EdgeSide, str], Peers] = {}
        for group, node_ids in merged.items():
            _, identifier, side, walk = group
            if walk:
                loaded[group] = self._walk_hierarchy(
                    identifier, node_ids, "source" if walk == "ancestors" else "destination"
                )
                continue
            edges = self.reader.get_edges(identifier, node_ids, side)
            peers = {n: [(peer_of(e, n), e) for e in edges.get(n, [])] for n in node_ids}
            for items in peers.values():
                for peer, edge in items:
                    self._reached_by[(identifier, peer)] = edge
            loaded[group] = peers
        self._prefetch_peers(loaded, steps)
        for group, node_ids in merged.items():
            step, kind_name = steps[group]
            assert step.relationship is not None
            if step.relationship.cardinality == "one":
                self._fill_one(step, node_ids, loaded[group], built)
            else:
                self._fill_many(step, kind_name, node_ids, loaded[group], built)

    def _prefetch_peers(
        self, loaded: dict[tuple[str, str, EdgeSide, str], Peers], steps: dict[Any, tuple[FieldStep, str]]
    ) -> None:
        """Read the peers of every relationship field of a level in one call (not one per field),
        leaving out fields whose arguments may page or filter most of their peers away."""
        if len(loaded) < 2:
            return
        wanted: dict[str, None] = {}
        for group, peers in loaded.items():
            step = steps[group][0]
            if step.nodes[0].arguments:
                continue
            for items in peers.values():
                wanted.update(dict.fromkeys(peer for peer, _ in items))
        self._get_nodes(list(wanted))

    def _walk_hierarchy(self, identifier: str, node_ids: list[str], side: EdgeSide) -> Peers:
        """Ancestors (`side="source"`, nearest first) or descendants of each node: one store call
        per hierarchy level, for all the nodes at once."""
        found: Peers = {n: [] for n in node_ids}
        seen: dict[str, set[str]] = {n: {n} for n in node_ids}
        frontier: dict[str, list[str]] = {n: [n] for n in node_ids}
        while frontier:
            edges = self.reader.get_edges(identifier, list(frontier), side)
            following: dict[str, list[str]] = defaultdict(list)
            for current, origins in frontier.items():
                for edge in edges.get(current, []):
                    peer = peer_of(edge, current)
                    for origin in origins:
                        if peer not in seen[origin]:
                            seen[origin].add(peer)
                            found[origin].append((peer, edge))
                            following[peer].append(origin)
            frontier = following
        return found

    def _nested_edges(
        self, nodes: list[FieldNode], peer_type: str, pages: dict[str, list[tuple[str, EdgeRecord]]]
    ) -> dict[str, list[dict[str, Any]]]:
        """`NestedEdged` entries per parent: shared peer data plus the parent's own edge fields."""
        edge_type = f"NestedEdged{peer_type}"
        edge_fields = self.request.sub_fields(nodes, edge_type)
        peer_ids = list(dict.fromkeys(peer for page in pages.values() for peer, _ in page))
        shared = dict(self._edges(peer_ids, nodes, edge_type))
        edge_only = [
            (key, sub)
            for key, sub in edge_fields.items()
            if sub[0].name.value in ("properties", "relationship_metadata")
        ]
        references: list[_Reference] = []
        result: dict[str, list[dict[str, Any]]] = {}
        for parent, page in pages.items():
            entries = []
            for peer, edge in page:
                if peer not in shared:
                    continue
                entry = shared[peer] if not edge_only else dict(shared[peer])
                for key, sub in edge_only:
                    if sub[0].name.value == "properties":
                        entry[key] = self._properties(edge, sub, references)
                    else:
                        entry[key] = self._metadata(edge, sub, references)
                entries.append(entry)
            result[parent] = entries
        self._resolve_references(references)
        return result

    def _fill_one(
        self, step: FieldStep, node_ids: list[str], peers: Peers, built: dict[str, dict[str, Any]]
    ) -> None:
        rel = step.relationship
        assert rel is not None
        pages = {n: peers[n][:1] for n in node_ids}
        entries = self._nested_edges(step.nodes, rel.peer, pages)
        empty = dict.fromkeys(self.request.sub_fields(step.nodes, f"NestedEdged{rel.peer}"))
        for node_id in node_ids:
            found = entries.get(node_id)
            built[node_id][step.key] = found[0] if found else dict(empty)

    def _fill_many(
        self,
        step: FieldStep,
        kind_name: str,
        node_ids: list[str],
        peers: Peers,
        built: dict[str, dict[str, Any]],
    ) -> None:
        rel = step.relationship
        assert rel is not None
        owner_type = self.request.schema.get_type(kind_name)
        assert isinstance(owner_type, GraphQLObjectType)
        arguments = self.request.arguments(owner_type.fields[step.name], step.nodes[0])
        offset, limit = _paging(arguments)
        allowed = self._allowed_peers(rel, peers, arguments)
        counts: dict[str, int] = {}
        pages: dict[str, list[tuple[str, EdgeRecord]]] = {}
        for node_id in node_ids:
            kept = [item for item in peers[node_id] if allowed is None or item[0] in allowed]
            counts[node_id] = len(kept)
            pages[node_id] = kept[offset : None if limit is None else offset + limit]
        fields = self.request.sub_fields(step.nodes, f"NestedPaginated{rel.peer}")
        entries = {
            key: self._nested_edges(sub, rel.peer, pages)
            for key, sub in fields.items()
            if sub[0].name.value == "edges"
        }
        for node_id in node_ids:
            out: dict[str, Any] = {}
            for key, sub in fields.items():
                name = sub[0].name.value
                if name == "count":
                    out[key] = counts[node_id]
                elif name == "edges":
                    out[key] = entries[key][node_id]
                elif name == "permissions":
                    out[key] = project(self.request, self.kind_permissions([rel.peer]), sub, "")
                elif name == "__typename":
                    out[key] = f"NestedPaginated{rel.peer}"
            built[node_id][step.key] = out

    def _allowed_peers(
        self, rel: RelationshipSchema, peers: Peers, arguments: dict[str, Any]
    ) -> set[str] | None:
        """Peers passing the nested filters (ids, attribute values), or None when unfiltered."""
        allowed: set[str] | None = None
        if arguments.get("ids") is not None:
            allowed = set(arguments["ids"])
        peer_kind: KindSchema = self.schema.get(rel.peer)
        filters = attribute_filters(peer_kind, arguments)
        if not filters:
            return allowed
        candidates = sorted({p for items in peers.values() for p, _ in items})
        if allowed is not None:
            candidates = [c for c in candidates if c in allowed]
        kinds = sorted(set(self.reader.kinds_of(candidates).values()))
        matching = set(self.reader.find_node_ids(kinds, filters)) if kinds else set()
        return {c for c in candidates if c in matching}

    # --- properties and metadata --------------------------------------------------------------------

    def _properties(
        self, edge: EdgeRecord, nodes: list[FieldNode], references: list[_Reference]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, sub in self.request.sub_fields(nodes, "RelationshipProperty").items():
            name = sub[0].name.value
            if name == "is_protected":
                out[key] = edge.is_protected
            elif name == "updated_at":
                out[key] = format_datetime(edge.updated_at)
            elif name in ("source", "owner"):
                out[key] = None
                ref_id = edge.source_prop_id if name == "source" else edge.owner_id
                references.append(_Reference(out, key, ref_id, sub))
            elif name == "__typename":
                out[key] = "RelationshipProperty"
        return out

    def _metadata(
        self, record: NodeRecord | EdgeRecord, nodes: list[FieldNode], references: list[_Reference]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, sub in self.request.sub_fields(nodes, "InfrahubNodeMetadata").items():
            name = sub[0].name.value
            if name in ("created_at", "updated_at"):
                out[key] = format_datetime(getattr(record, name))
            elif name in ("created_by", "updated_by"):
                out[key] = None
                references.append(_Reference(out, key, getattr(record, name), sub))
        return out

    def _resolve_references(self, references: list[_Reference]) -> None:
        """Resolve collected node references, one batch per selection."""
        by_selection: dict[tuple[int, ...], list[_Reference]] = defaultdict(list)
        for ref in references:
            if ref.node_id is not None:
                by_selection[tuple(map(id, ref.nodes))].append(ref)
        for refs in by_selection.values():
            ids = list(dict.fromkeys(ref.node_id for ref in refs if ref.node_id))
            built, _ = self.resolve(ids, refs[0].nodes)
            for ref in refs:
                ref.target[ref.key] = built.get(ref.node_id or "")


def _paging(arguments: dict[str, Any]) -> tuple[int, int | None]:
    offset, limit = arguments.get("offset") or 0, arguments.get("limit")
    if offset < 0 or (limit is not None and limit < 0):
        raise ValidationError("offset and limit must not be negative")
    return offset, limit


def _count_from_page(page: list[str], offset: int, limit: int | None) -> int | None:
    """The total when the page itself proves it: a short, non-empty (or first) page is the last one."""
    if (limit is None or len(page) < limit) and (page or offset == 0):
        return offset + len(page)
    return None


def _permissions(kinds: list[str]) -> dict[str, Any]:
    return {
        "count": len(kinds),
        "edges": [
            {"node": {"kind": kind, "view": _ALLOW, "create": _ALLOW, "update": _ALLOW, "delete": _ALLOW}}
            for kind in kinds
        ],
    }
