"""Human-friendly ids and display labels, computed from loaded records.

Both are built from paths: `name__value` (an attribute of the node) or `site__name__value` (an
attribute of the node's cardinality-one peer over `site`). Callers load what `identity_paths` lists,
for many nodes at once, then call `compute_hfid` / `compute_display_label` per node;
`load_identities` does both with one query per relationship involved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment

from infrahub_server.nodes.edges import edge_side, kind_matches, peer_of
from infrahub_server.schema.models import KindSchema, SchemaBranch
from infrahub_server.store import NodeRecord, Reader

_PERMISSION_DECISIONS = {1: "DENY", 2: "ALLOW_DEFAULT", 4: "ALLOW_OTHER", 6: "ALLOW_ALL"}


def _permission_decision_name(value: Any) -> str:
    """Infrahub's name for a permission decision bit set (`6` -> `ALLOW_ALL`)."""
    return _PERMISSION_DECISIONS.get(value, str(value)) if isinstance(value, int) else str(value)


def _permission_action_name(value: Any) -> str:
    return str(value).upper()


# The core permission kinds' display labels use these two filters, as Infrahub's do.
_jinja = SandboxedEnvironment(autoescape=False)
_jinja.filters["value_to_permission_decision_name"] = _permission_decision_name
_jinja.filters["value_to_permission_action_name"] = _permission_action_name


@dataclass(frozen=True, slots=True)
class Path:
    """`relationship` is None for a path on the node itself."""

    relationship: str | None
    attribute: str
    prop: str = "value"


@dataclass(slots=True)
class IdentityPaths:
    """What to load to compute the identity of nodes of one kind."""

    attributes: set[str] = field(default_factory=set)
    peer_attributes: dict[str, set[str]] = field(default_factory=dict)

    def add(self, path: Path) -> None:
        if path.relationship is None:
            self.attributes.add(path.attribute)
        else:
            self.peer_attributes.setdefault(path.relationship, set()).add(path.attribute)


def parse_path(schema: KindSchema, path: str) -> Path:
    """`site__name__value` -> Path("site", "name"); `name__value` -> Path(None, "name")."""
    parts = path.split("__")
    if (
        len(parts) >= 2
        and schema.get_relationship(parts[0]) is not None
        and schema.get_attribute(parts[0]) is None
    ):
        return Path(parts[0], parts[1], parts[2] if len(parts) > 2 else "value")
    return Path(None, parts[0], parts[1] if len(parts) > 1 else "value")


def is_template(display_label: str) -> bool:
    return "{{" in display_label or "{%" in display_label


@lru_cache(maxsize=512)
def _template_variables(template: str) -> frozenset[str]:
    return frozenset(meta.find_undeclared_variables(_jinja.parse(template)))


@lru_cache(maxsize=512)
def _compiled(template: str) -> Any:
    return _jinja.from_string(template)


def display_label_paths(schema: KindSchema) -> list[Path]:
    if not schema.display_label:
        return []
    if is_template(schema.display_label):
        return [parse_path(schema, name) for name in sorted(_template_variables(schema.display_label))]
    return [parse_path(schema, schema.display_label)]


def identity_paths(schema: KindSchema) -> IdentityPaths:
    """The attributes and peer attributes the HFID and the display label of `schema` read."""
    paths = IdentityPaths()
    for path in [parse_path(schema, item) for item in schema.human_friendly_id or []] + display_label_paths(
        schema
    ):
        paths.add(path)
    return paths


def path_value(path: Path, node: NodeRecord, peers: Mapping[str, NodeRecord | None]) -> Any:
    holder = node if path.relationship is None else peers.get(path.relationship)
    if holder is None:
        return None
    record = holder.attributes.get(path.attribute)
    if record is None:
        return None
    if path.prop == "value":
        return record.value
    return getattr(record, path.prop, None)


def compute_hfid(
    schema: KindSchema, node: NodeRecord, peers: Mapping[str, NodeRecord | None] | None = None
) -> list[str] | None:
    """The node's HFID as strings, or None when the kind has none or a part is unset.

    `peers` maps a relationship name to the node's cardinality-one peer over it.
    """
    if not schema.human_friendly_id:
        return None
    values = [path_value(parse_path(schema, item), node, peers or {}) for item in schema.human_friendly_id]
    if any(value is None for value in values):
        return None
    return [str(value) for value in values]


def compute_display_label(
    schema: KindSchema, node: NodeRecord, peers: Mapping[str, NodeRecord | None] | None = None
) -> str | None:
    """The node's display label: one path's value, or the rendered template."""
    if not schema.display_label:
        return f"{node.kind}(ID: {node.id})"
    if not is_template(schema.display_label):
        value = path_value(parse_path(schema, schema.display_label), node, peers or {})
        return None if value is None else str(value)
    variables = {}
    for name in _template_variables(schema.display_label):
        value = path_value(parse_path(schema, name), node, peers or {})
        variables[name] = "" if value is None else value
    return str(_compiled(schema.display_label).render(variables))


@dataclass(frozen=True, slots=True)
class Identity:
    hfid: list[str] | None
    display_label: str | None


def load_identities(schema: SchemaBranch, reader: Reader, nodes: Sequence[NodeRecord]) -> dict[str, Identity]:
    """HFID and display label of each node, by id.

    The nodes must carry the attributes `identity_paths` names; the peers' attributes are loaded
    here, one query per relationship and kind.
    """
    identities: dict[str, Identity] = {}
    by_kind: dict[str, list[NodeRecord]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node)
    for kind, records in by_kind.items():
        kind_schema = schema.get(kind)
        peers = _load_peers(schema, reader, kind_schema, [record.id for record in records])
        for record in records:
            own_peers = {name: found.get(record.id) for name, found in peers.items()}
            identities[record.id] = Identity(
                compute_hfid(kind_schema, record, own_peers),
                compute_display_label(kind_schema, record, own_peers),
            )
    return identities


def _load_peers(
    schema: SchemaBranch, reader: Reader, kind_schema: KindSchema, ids: list[str]
) -> dict[str, dict[str, NodeRecord]]:
    """Per relationship an identity reads: node id -> its peer's record."""
    loaded: dict[str, dict[str, NodeRecord]] = {}
    for name, attributes in identity_paths(kind_schema).peer_attributes.items():
        rel = kind_schema.get_relationship(name)
        if rel is None or rel.identifier is None:
            continue
        edges = reader.get_edges(rel.identifier, ids, edge_side(rel))
        peer_ids = {node_id: [peer_of(edge, node_id) for edge in items] for node_id, items in edges.items()}
        records = reader.get_nodes(
            sorted({peer for found in peer_ids.values() for peer in found}), sorted(attributes)
        )
        loaded[name] = {}
        for node_id, candidates in peer_ids.items():
            matching = [
                records[peer]
                for peer in candidates
                if peer in records and kind_matches(schema, records[peer].kind, rel.peer)
            ]
            if matching:
                loaded[name][node_id] = matching[0]
    return loaded
