"""Finding nodes the way mutations name them: by id, by HFID, or by the kind's default filter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from infrahub_server.errors import InfrahubError, NodeNotFoundError, ValidationError
from infrahub_server.nodes.edges import edge_side, kind_matches
from infrahub_server.nodes.identity import parse_path
from infrahub_server.nodes.inputs import PeerRef
from infrahub_server.nodes.values import check_value
from infrahub_server.schema.models import AttributeSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import Reader
from infrahub_server.store.types import AttributeFilter, Filter, RelationshipFilter


def not_found(identifier: Any, kind: str) -> NodeNotFoundError:
    return NodeNotFoundError(
        f"Unable to find the node {identifier} / {kind} in the database.",
        data={"node_type": kind, "identifier": identifier},
    )


def filter_operand(attr: AttributeSchema | None, text: str) -> Any:
    """An HFID part (always a string on the wire) in the terms of the attribute it stands for."""
    if attr is None:
        return text
    if attr.kind in ("Number", "NumberPool", "Bandwidth"):
        try:
            return int(text)
        except ValueError:
            return text
    if attr.kind in ("Boolean", "Checkbox"):
        return text.lower() == "true"
    if attr.kind in ("IPHost", "IPNetwork", "MacAddress"):
        # stored in normal form: "10.0.0.1" finds "10.0.0.1/32"
        try:
            return check_value("", attr, text)
        except InfrahubError:
            return text
    return text


def hfid_filters(schema: SchemaBranch, kind: str, hfid: list[str] | tuple[str, ...]) -> list[Filter] | None:
    """Store filters selecting the `kind` nodes whose HFID is `hfid` (None if it has the wrong length).

    Relationship parts (`device__name__value`) filter on the peer's attribute.
    """
    kind_schema = schema.get(kind)
    if not kind_schema.human_friendly_id:
        raise ValidationError(f"{kind} has no human friendly id: use its id", data={"node_kind": kind})
    if len(hfid) != len(kind_schema.human_friendly_id):
        return None
    filters: list[Filter] = []
    for item, part in zip(kind_schema.human_friendly_id, hfid, strict=True):
        path = parse_path(kind_schema, item)
        if path.relationship is None:
            attr = kind_schema.get_attribute(path.attribute)
            filters.append(AttributeFilter(path.attribute, "eq", filter_operand(attr, part)))
            continue
        rel = kind_schema.get_relationship(path.relationship)
        assert rel is not None
        assert rel.identifier is not None
        peer_attr = schema.get(rel.peer).get_attribute(path.attribute)
        filters.append(
            RelationshipFilter(
                rel.identifier,
                edge_side(rel),
                peer_filters=(AttributeFilter(path.attribute, "eq", filter_operand(peer_attr, part)),),
                peer_kinds=tuple(schema.concrete_kinds(rel.peer)),
            )
        )
    return filters


class NodeLookup:
    """Resolves node references against one reader, remembering the kinds it has seen."""

    def __init__(self, schema: SchemaBranch, reader: Reader) -> None:
        self.schema = schema
        self.reader = reader
        self._kinds: dict[str, str] = {}

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The kind of each existing node among `ids` (absent ids are left out)."""
        wanted = [node_id for node_id in dict.fromkeys(ids) if node_id not in self._kinds]
        if wanted:
            self._kinds.update(self.reader.kinds_of(wanted))
        return {node_id: self._kinds[node_id] for node_id in ids if node_id in self._kinds}

    def forget(self, ids: Iterable[str]) -> None:
        for node_id in ids:
            self._kinds.pop(node_id, None)

    def by_id(self, kind: str, node_id: str) -> tuple[str, str]:
        """(id, concrete kind) of the node `node_id`, which must be a `kind`."""
        found = self.kinds_of([node_id]).get(node_id)
        if found is None or not kind_matches(self.schema, found, kind):
            raise not_found(node_id, kind)
        return node_id, found

    def by_hfid(self, kind: str, hfid: list[str] | tuple[str, ...]) -> tuple[str, str]:
        filters = hfid_filters(self.schema, kind, hfid)
        if filters is None:
            raise not_found(list(hfid), kind)
        return self._single(kind, filters, list(hfid))

    def find(self, kind: str, filters: list[Filter]) -> list[str]:
        return list(self.reader.find_node_ids(self.schema.concrete_kinds(kind), filters))

    def peer(self, rel: RelationshipSchema, ref: PeerRef) -> tuple[str, str]:
        """(id, kind) of the node a RelatedNodeInput names; its kind is checked by the caller."""
        if ref.id:
            kind = self.kinds_of([ref.id]).get(ref.id)
            if kind is None:
                raise not_found(ref.id, rel.peer)
            return ref.id, kind
        lookup_kind = ref.kind or rel.peer
        if not self.schema.has(lookup_kind):
            raise not_found(list(ref.hfid or ()), lookup_kind)
        return self.by_hfid(lookup_kind, ref.hfid or ())

    def _single(self, kind: str, filters: list[Filter], identifier: Any) -> tuple[str, str]:
        kinds = self.schema.concrete_kinds(kind)
        ids = list(self.reader.find_node_ids(kinds, filters))
        if len(ids) != 1:
            raise not_found(identifier, kind)
        if len(kinds) == 1:
            # The query kept only nodes of this kind: no need to ask the store for it.
            self._kinds[ids[0]] = kinds[0]
            return ids[0], kinds[0]
        return ids[0], self.kinds_of(ids)[ids[0]]
