"""IPAM reconciliation: after a prefix or an address is written or deleted, every prefix's `parent`
is the most specific prefix containing it in its namespace, and every address's `ip_prefix` is the
most specific prefix containing it.

Lookups are index scans: the prefixes containing a block are found by their exact text among the
block's supernets (at most 129), and the candidates for re-parenting are the children of one
prefix (or the top-level prefixes of the namespace), never every prefix.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from infrahub_server.ipam.namespaces import default_namespace_id
from infrahub_server.ipam.networks import (
    IPInterface,
    IPNetwork,
    Span,
    address_span,
    bits,
    network_span,
    parse_interface,
    parse_network,
    supernets,
)
from infrahub_server.ipam.occupancy import anything_inside, record_span, remove_spans
from infrahub_server.nodes import edge_ends, edge_side, peer_of
from infrahub_server.schema.models import RelationshipSchema, SchemaBranch
from infrahub_server.store import AttributeFilter, AttributeRecord, RelationshipFilter, Writer

PREFIX_GENERIC = "BuiltinIPPrefix"
_SCOPE_CODES = {"aware": "a", "agnostic": "g", "local": "l"}
"""How the store codes a kind's branch scope (`Writer.known_nodes`)."""
ADDRESS_GENERIC = "BuiltinIPAddress"


@dataclass(frozen=True, slots=True)
class PrefixNode:
    id: str
    kind: str
    network: IPNetwork

    @property
    def span(self) -> Span:
        return network_span(self.network)


@dataclass(frozen=True, slots=True)
class Expected:
    """A prefix or address a pool is about to create: its namespace, value, and, when the pool
    knows it, the most specific prefix containing it."""

    namespace_id: str
    value: str
    container: PrefixNode | None = None


class Reconciler:
    """Keeps the IPAM hierarchy of one change set's branch consistent."""

    def __init__(self, schema: SchemaBranch, writer: Writer) -> None:
        self.schema = schema
        self.writer = writer
        self.prefix_kinds = schema.concrete_kinds(PREFIX_GENERIC) if schema.has(PREFIX_GENERIC) else []
        self.address_kinds = schema.concrete_kinds(ADDRESS_GENERIC) if schema.has(ADDRESS_GENERIC) else []
        self._default_namespace: str | None = None
        self._expected: dict[str, Expected] = {}

    def expect(self, node_id: str, expected: Expected) -> None:
        """What the node about to be created will be: no need to read it back."""
        self._expected[node_id] = expected

    def is_prefix(self, kind: str) -> bool:
        return kind in self.prefix_kinds

    def is_address(self, kind: str) -> bool:
        return kind in self.address_kinds

    # --- relationship schemas --------------------------------------------------------------------

    def _rel(self, kind: str, name: str) -> RelationshipSchema:
        rel = self.schema.get(kind).get_relationship(name)
        assert rel is not None
        assert rel.identifier is not None
        return rel

    def _peers(self, kind: str, name: str, node_id: str) -> list[str]:
        rel = self._rel(kind, name)
        assert rel.identifier is not None
        edges = self.writer.get_edges(rel.identifier, [node_id], edge_side(rel)).get(node_id, [])
        return [peer_of(edge, node_id) for edge in edges]

    def _link(self, kind: str, name: str, node_id: str, old: str | None, new: str | None) -> None:
        rel = self._rel(kind, name)
        assert rel.identifier is not None
        if old == new:
            return
        if old is not None:
            self.writer.remove_edge(rel.identifier, *edge_ends(rel, node_id, old))
        if new is not None:
            self.writer.add_edge(rel.identifier, *edge_ends(rel, node_id, new))

    # --- namespaces ------------------------------------------------------------------------------

    def namespace_of(self, kind: str, node_id: str) -> str:
        """The node's namespace; a node without one is put in the default namespace."""
        if node_id in self._expected:
            return self._expected[node_id].namespace_id
        found = self._peers(kind, "ip_namespace", node_id)
        if found:
            return found[0]
        if self._default_namespace is None:
            self._default_namespace = default_namespace_id(self.writer)
        if self._default_namespace is None:
            raise RuntimeError("The default IP namespace is missing: prepare_ipam() was not run")
        self._link(kind, "ip_namespace", node_id, None, self._default_namespace)
        return self._default_namespace

    def _in_namespace(self, identifier_of: str, namespace_id: str) -> RelationshipFilter:
        kind = self.prefix_kinds[0] if identifier_of == "prefix" else self.address_kinds[0]
        rel = self._rel(kind, "ip_namespace")
        assert rel.identifier is not None
        return RelationshipFilter(rel.identifier, edge_side(rel), peer_ids=(namespace_id,))

    # --- reads -----------------------------------------------------------------------------------

    def prefixes(self, ids: Iterable[str]) -> list[PrefixNode]:
        ids = list(ids)
        if len(ids) == 1 and ids[0] in self._expected:
            kind = self.writer.kinds_of(ids)[ids[0]]
            return [PrefixNode(ids[0], kind, parse_network(self._expected[ids[0]].value))]
        nodes = self.writer.get_nodes(ids, ["prefix"])
        # re-parenting writes `is_top_level` on many of these: the writer need not look each one up
        self.writer.known_nodes(
            {
                node_id: (node.kind, _SCOPE_CODES[self.schema.get(node.kind).branch])
                for node_id, node in nodes.items()
            }
        )
        return [
            PrefixNode(node_id, node.kind, parse_network(node.attributes["prefix"].value))
            for node_id, node in nodes.items()
            if node.kind in self.prefix_kinds and node.attributes.get("prefix") is not None
        ]

    def _addresses(self, ids: Iterable[str]) -> list[tuple[str, str, IPInterface]]:
        ids = list(ids)
        if len(ids) == 1 and ids[0] in self._expected:
            kind = self.writer.kinds_of(ids)[ids[0]]
            return [(ids[0], kind, parse_interface(self._expected[ids[0]].value))]
        nodes = self.writer.get_nodes(ids, ["address"])
        return [
            (node_id, node.kind, parse_interface(node.attributes["address"].value))
            for node_id, node in nodes.items()
            if node.kind in self.address_kinds and node.attributes.get("address") is not None
        ]

    def containing_prefix(
        self, namespace_id: str, span: Span, prefixlen: int, exclude: frozenset[str] = frozenset()
    ) -> PrefixNode | None:
        """The most specific prefix of the namespace that strictly contains the block."""
        for node_id in exclude:
            expected = self._expected.get(node_id)
            if expected is not None and expected.container is not None:
                return expected.container
        texts = supernets(span.version, span.first, prefixlen)
        if not texts or not self.prefix_kinds:
            return None
        ids = self.writer.find_node_ids(
            self.prefix_kinds,
            [AttributeFilter("prefix", "in", texts), self._in_namespace("prefix", namespace_id)],
        )
        found = [prefix for prefix in self.prefixes(ids) if prefix.id not in exclude]
        return max(found, key=lambda prefix: prefix.network.prefixlen, default=None)

    def _children(self, prefix: PrefixNode | None, namespace_id: str) -> list[PrefixNode]:
        if prefix is not None:
            return self.prefixes(self._peers(prefix.kind, "children", prefix.id))
        parent = self._rel(self.prefix_kinds[0], "parent")
        assert parent.identifier is not None
        top = self.writer.find_node_ids(
            self.prefix_kinds,
            [
                RelationshipFilter(parent.identifier, edge_side(parent), isnull=True),
                self._in_namespace("prefix", namespace_id),
            ],
        )
        return self.prefixes(top)

    def _member_addresses(self, prefix: PrefixNode | None, namespace_id: str) -> list[str]:
        if prefix is not None:
            return self._peers(prefix.kind, "ip_addresses", prefix.id)
        if not self.address_kinds:
            return []
        rel = self._rel(self.address_kinds[0], "ip_prefix")
        assert rel.identifier is not None
        return self.writer.find_node_ids(
            self.address_kinds,
            [
                RelationshipFilter(rel.identifier, edge_side(rel), isnull=True),
                self._in_namespace("address", namespace_id),
            ],
        )

    # --- writes ----------------------------------------------------------------------------------

    def _set_parent(self, prefix: PrefixNode, old: str | None, new: str | None) -> None:
        if old == new:
            return
        self._link(prefix.kind, "parent", prefix.id, old, new)
        self.writer.set_attributes(prefix.id, {"is_top_level": AttributeRecord(new is None)})

    def _set_address_prefix(self, node_id: str, kind: str, old: str | None, new: str | None) -> None:
        self._link(kind, "ip_prefix", node_id, old, new)

    # --- events ----------------------------------------------------------------------------------

    def prefix_written(self, node_id: str, *, created: bool) -> None:
        """Place a created or changed prefix, adopt what now falls under it, release what does not."""
        (prefix,) = self.prefixes([node_id])
        namespace_id = self.namespace_of(prefix.kind, node_id)
        span, network = prefix.span, prefix.network
        record_span(
            self.writer.connection,
            branch=self.writer.branch,
            node_id=node_id,
            namespace_id=namespace_id,
            member="prefix",
            span=span,
            prefixlen=network.prefixlen,
        )
        self.writer.set_attributes(node_id, _derived_attributes(network))
        parent = self.containing_prefix(namespace_id, span, network.prefixlen, frozenset({node_id}))
        current = [] if created else self._peers(prefix.kind, "parent", node_id)
        old_parent = current[0] if current else None
        self._set_parent(prefix, old_parent, parent.id if parent else None)
        self.writer.set_attributes(node_id, {"is_top_level": AttributeRecord(parent is None)})
        if created and not anything_inside(self.writer.connection, namespace_id, span, node_id):
            return
        for sibling in self._children(parent, namespace_id):
            if sibling.id != node_id and _strictly_inside(sibling.network, network):
                self._set_parent(sibling, parent.id if parent else None, node_id)
        if not created:
            for child in self._children(prefix, namespace_id):
                if not _strictly_inside(child.network, network):
                    self._place_prefix(child, namespace_id, node_id)
        self._adopt_addresses(prefix, parent, namespace_id, created=created)

    def _place_prefix(self, prefix: PrefixNode, namespace_id: str, old: str | None) -> None:
        found = self.containing_prefix(
            namespace_id, prefix.span, prefix.network.prefixlen, frozenset({prefix.id})
        )
        self._set_parent(prefix, old, found.id if found else None)

    def _adopt_addresses(
        self, prefix: PrefixNode, parent: PrefixNode | None, namespace_id: str, *, created: bool
    ) -> None:
        span = prefix.span
        for node_id, kind, interface in self._addresses(self._member_addresses(parent, namespace_id)):
            if span.contains(address_span(interface)):
                self._set_address_prefix(node_id, kind, parent.id if parent else None, prefix.id)
        if created:
            return
        for node_id, kind, interface in self._addresses(self._member_addresses(prefix, namespace_id)):
            if not span.contains(address_span(interface)):
                found = self.containing_prefix(
                    namespace_id, address_span(interface), bits(interface.version) + 1
                )
                self._set_address_prefix(node_id, kind, prefix.id, found.id if found else None)

    def address_written(self, node_id: str, *, created: bool) -> None:
        ((_, kind, interface),) = self._addresses([node_id])
        namespace_id = self.namespace_of(kind, node_id)
        span = address_span(interface)
        record_span(
            self.writer.connection,
            branch=self.writer.branch,
            node_id=node_id,
            namespace_id=namespace_id,
            member="address",
            span=span,
            prefixlen=interface.network.prefixlen,
        )
        found = self.containing_prefix(namespace_id, span, bits(interface.version) + 1, frozenset({node_id}))
        current = [] if created else self._peers(kind, "ip_prefix", node_id)
        self._set_address_prefix(node_id, kind, current[0] if current else None, found.id if found else None)

    def before_delete(self, doomed: dict[str, str]) -> None:
        """Hand the children and addresses of deleted prefixes to the nearest surviving ancestor."""
        for prefix in self.prefixes(node_id for node_id, kind in doomed.items() if self.is_prefix(kind)):
            heir = self._surviving_ancestor(prefix, doomed)
            namespace_id = self.namespace_of(prefix.kind, prefix.id)
            for child in self._children(prefix, namespace_id):
                if child.id not in doomed:
                    self._set_parent(child, prefix.id, heir)
            for node_id, kind, _ in self._addresses(self._member_addresses(prefix, namespace_id)):
                if node_id not in doomed:
                    self._set_address_prefix(node_id, kind, prefix.id, heir)
        ipam_ids = [
            node_id for node_id, kind in doomed.items() if self.is_prefix(kind) or self.is_address(kind)
        ]
        if ipam_ids:
            remove_spans(self.writer.connection, self.writer.branch, ipam_ids)

    def _surviving_ancestor(self, prefix: PrefixNode, doomed: dict[str, str]) -> str | None:
        current = prefix
        while True:
            parents = self.prefixes(self._peers(current.kind, "parent", current.id))
            if not parents:
                return None
            current = parents[0]
            if current.id not in doomed:
                return current.id


_RECONCILERS: weakref.WeakKeyDictionary[Writer, Reconciler] = weakref.WeakKeyDictionary()


def reconciler_for(schema: SchemaBranch, writer: Writer) -> Reconciler:
    """The reconciler of a change set: one per writer, so what it learnt is shared by every hook."""
    found = _RECONCILERS.get(writer)
    if found is None or found.schema is not schema:
        found = _RECONCILERS[writer] = Reconciler(schema, writer)
    return found


def _strictly_inside(inner: IPNetwork, outer: IPNetwork) -> bool:
    return (
        inner.version == outer.version
        and inner.prefixlen > outer.prefixlen
        and network_span(outer).contains(network_span(inner))
    )


def _derived_attributes(network: IPNetwork) -> dict[str, AttributeRecord]:
    return {
        "netmask": AttributeRecord(str(network.netmask)),
        "hostmask": AttributeRecord(str(network.hostmask)),
        "network_address": AttributeRecord(str(network.network_address)),
        "broadcast_address": AttributeRecord(str(network.broadcast_address)),
    }
