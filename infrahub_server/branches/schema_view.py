"""What the schema says about stored rows: which relationship an edge is on each side, and labels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from infrahub_server.nodes import edge_side, identity_paths, load_identities
from infrahub_server.nodes.identity import display_label_paths, is_template, path_value
from infrahub_server.schema.models import RelationshipSchema, SchemaBranch
from infrahub_server.store import Reader


class SchemaView:
    def __init__(self, schema: SchemaBranch) -> None:
        self.schema = schema
        self._relationships: dict[tuple[str, str, str], RelationshipSchema | None] = {}

    def relationship(self, kind: str, identifier: str, side: str) -> RelationshipSchema | None:
        """The relationship of `kind` stored as `identifier` edges with the node on `side`
        (`source` or `destination`)."""
        cache_key = (kind, identifier, side)
        if cache_key not in self._relationships:
            self._relationships[cache_key] = self._find(kind, identifier, side)
        return self._relationships[cache_key]

    def _find(self, kind: str, identifier: str, side: str) -> RelationshipSchema | None:
        if not self.schema.has(kind):
            return None
        for rel in self.schema.get(kind).relationships:
            if rel.identifier == identifier and edge_side(rel) in (side, "either"):
                return rel
        return None


def load_labels(
    schema: SchemaBranch, reader: Reader, ids: Iterable[str], kinds: dict[str, str] | None = None
) -> dict[str, str]:
    """Display labels of the nodes `reader` sees among `ids`, reading only the attributes labels
    need; `kinds` spares the lookup of the nodes' kinds."""
    wanted = sorted(set(ids))
    known = kinds or {}
    unknown = [node_id for node_id in wanted if node_id not in known]
    found_kinds = {
        **{node_id: known[node_id] for node_id in wanted if node_id in known},
        **reader.kinds_of(unknown),
    }
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node_id, kind in found_kinds.items():
        if schema.has(kind):
            by_kind[kind].append(node_id)
    labels: dict[str, str] = {}
    for kind, group in by_kind.items():
        kind_schema = schema.get(kind)
        paths = display_label_paths(kind_schema)
        if (
            len(paths) == 1
            and paths[0].relationship is None
            and not is_template(kind_schema.display_label or "")
        ):
            # The common case, a label read from one attribute of the node, costs one query.
            path = paths[0]
            for record in reader.get_nodes(group, [path.attribute]).values():
                value = path_value(path, record, {})
                labels[record.id] = "" if value is None else str(value)
            continue
        names = sorted(identity_paths(kind_schema).attributes)
        records = list(reader.get_nodes(group, names).values())
        identities = load_identities(schema, reader, records)
        labels.update((node_id, identity.display_label or "") for node_id, identity in identities.items())
    return labels
