"""Node operations behind the generated GraphQL mutations (create, update, upsert, delete) and the
static RelationshipAdd/RelationshipRemove.

Every operation validates the whole input before its first write, inside the caller's change set,
so a refused mutation leaves nothing behind. Kinds whose uniqueness is checked are locked first
(`Writer.lock_kinds`), so two writers cannot both pass the check.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from infrahub_server.errors import SchemaNotFoundError, ValidationError
from infrahub_server.nodes.attributes import (
    attribute_values,
    changed_attribute_records,
    new_attribute_records,
)
from infrahub_server.nodes.deletion import check_deletion, plan_deletion
from infrahub_server.nodes.edges import peer_of
from infrahub_server.nodes.hooks import NodeHooks
from infrahub_server.nodes.inputs import (
    MISSING,
    AttributeInput,
    NodeInput,
    PeerRef,
    parse_node_input,
    peer_ref,
)
from infrahub_server.nodes.kind_hooks import kind_hooks_for
from infrahub_server.nodes.lookup import NodeLookup, not_found
from infrahub_server.nodes.matching import find_existing
from infrahub_server.nodes.relationships import RelationshipChange, RelationshipPlanner
from infrahub_server.nodes.uniqueness import check_uniqueness
from infrahub_server.schema.models import (
    KindSchema,
    NodeSchema,
    ProfileSchema,
    RelationshipSchema,
    SchemaBranch,
    TemplateSchema,
)
from infrahub_server.store import Writer, new_id

logger = logging.getLogger(__name__)

WritableSchema = NodeSchema | ProfileSchema | TemplateSchema


class NodeService:
    """Mutations of nodes of one branch's schema, written through one change set's writer."""

    def __init__(self, schema: SchemaBranch, writer: Writer, hooks: NodeHooks | None = None) -> None:
        self.schema = schema
        self.writer = writer
        self.hooks = hooks
        self.lookup = NodeLookup(schema, writer)
        self.relationships = RelationshipPlanner(schema, writer, self.lookup)

    # --- generated mutations -------------------------------------------------------------------

    def create(self, kind: str, data: dict[str, Any]) -> str:
        schema = self._writable_schema(kind)
        node_input = parse_node_input(schema, data)
        self.writer.lock_kinds([schema.kind])
        return self._create(schema, node_input)

    def update(self, kind: str, data: dict[str, Any]) -> str:
        """Change the fields `data` names on the node it identifies (`id` or `hfid`).

        `kind` may be a generic: the node is then any kind that implements it.
        """
        node_input = parse_node_input(self._schema(kind), data)
        node_id, node_kind = self._locate(kind, node_input)
        schema = self._writable_schema(node_kind)
        self.writer.lock_kinds([node_kind])
        self._update(schema, node_id, node_input)
        return node_id

    def upsert(self, kind: str, data: dict[str, Any]) -> tuple[str, bool]:
        """Update the node `data` identifies, else create it; returns (id, created).

        Identified by `id`, else `hfid`, else the HFID values in `data`, else the default filter.
        """
        schema = self._writable_schema(kind)
        node_input = parse_node_input(schema, data)
        self.writer.lock_kinds([schema.kind])
        existing = find_existing(self.lookup, self.relationships, schema, node_input)
        if existing is None:
            return self._create(schema, node_input), True
        self._update(schema, existing, node_input)
        return existing, False

    def delete(self, kind: str, data: dict[str, Any]) -> list[str]:
        """Delete the node (`id` or `hfid`) and its cascade; returns every deleted id."""
        node_id, _ = self._locate(kind, NodeInput(id=data.get("id"), hfid=data.get("hfid")))
        doomed = plan_deletion(self.schema, self.writer, self.lookup, node_id)
        check_deletion(self.schema, self.writer, self.lookup, doomed)
        if self.hooks is not None:
            self.hooks.before_delete(self, doomed)
        for doomed_id, doomed_kind in doomed.items():
            doomed_schema = self.schema.get(doomed_kind)
            for kind_hooks in kind_hooks_for(doomed_schema):
                kind_hooks.before_delete(self, doomed_schema, doomed_id)
        for doomed_id in doomed:
            self.writer.delete_node(doomed_id)
        self.relationships.forget(doomed)
        logger.debug("deleted %s with %d cascaded nodes", node_id, len(doomed) - 1)
        return list(doomed)

    # --- RelationshipAdd / RelationshipRemove --------------------------------------------------

    def relationship_add(self, node_id: str, name: str, peers: list[dict[str, Any]]) -> None:
        self._change_peers(node_id, name, peers, "add")

    def relationship_remove(self, node_id: str, name: str, peers: list[dict[str, Any]]) -> None:
        self._change_peers(node_id, name, peers, "remove")

    def _change_peers(
        self, node_id: str, name: str, peers: list[dict[str, Any]], mode: Literal["add", "remove"]
    ) -> None:
        kind = self.lookup.kinds_of([node_id]).get(node_id)
        if kind is None:
            raise not_found(node_id, "Node")
        schema = self._writable_schema(kind)
        rel = schema.get_relationship(name)
        if rel is None:
            raise ValidationError(
                f"{name} is not a valid relationship of {kind} at {name}",
                data={"node_kind": kind, "field_name": name},
            )
        if rel.read_only:
            raise ValidationError(
                f"{name} is read-only for {kind} at {name}", data={"node_kind": kind, "field_name": name}
            )
        if rel.cardinality != "many":
            raise ValidationError(
                f"'{name}' must be a relationship of cardinality Many at {name}",
                data={"node_kind": kind, "field_name": name},
            )
        links = self.relationships.resolve(kind, rel, [peer_ref(kind, name, raw) for raw in peers])
        change = self.relationships.plan(schema, node_id, rel, links, mode)
        self.relationships.write(schema, node_id, change)

    # --- internals -----------------------------------------------------------------------------

    def _schema(self, kind: str) -> KindSchema:
        if not self.schema.has(kind):
            raise SchemaNotFoundError(
                f"Unable to find the schema {kind!r} in the registry", data={"kind": kind}
            )
        return self.schema.get(kind)

    def _writable_schema(self, kind: str) -> WritableSchema:
        schema = self._schema(kind)
        if not isinstance(schema, NodeSchema | ProfileSchema | TemplateSchema):
            raise ValidationError(
                f"{kind} is a generic: create one of {', '.join(self.schema.concrete_kinds(kind))}",
                data={"node_kind": kind},
            )
        return schema

    def _locate(self, kind: str, node_input: NodeInput) -> tuple[str, str]:
        if node_input.id:
            return self.lookup.by_id(kind, node_input.id)
        if node_input.hfid:
            return self.lookup.by_hfid(kind, node_input.hfid)
        raise ValidationError(
            f"Either id or hfid must be provided to identify the {kind}", data={"node_kind": kind}
        )

    def _create(self, schema: WritableSchema, node_input: NodeInput) -> str:
        hooks = kind_hooks_for(schema)
        for kind_hooks in hooks:
            kind_hooks.before_write(self, schema, None, node_input)
        if node_input.id and self.lookup.kinds_of([node_input.id]):
            raise ValidationError(
                f"A node with the id {node_input.id} already exists",
                data={"node_kind": schema.kind, "field_name": "id"},
            )
        if self._wants_pools(schema, node_input, creating=True):
            node_input.id = node_input.id or new_id()
            self._draw_from_pools(schema, node_input.id, node_input, creating=True)
        records = new_attribute_records(schema, node_input.attributes)
        self._check_property_nodes(node_input)
        changes = [
            self._plan_relationship(schema, None, rel, node_input.relationships.get(rel.name, []))
            for rel in schema.relationships
        ]
        peers = {change.rel.name: change.peer_ids for change in changes}
        check_uniqueness(self.writer, schema, None, attribute_values(records), peers)
        node_id = self.writer.create_node(
            schema.kind, scope=schema.branch, node_id=node_input.id, attributes=records
        )
        for change in changes:
            if change.add:
                self.relationships.write(schema, node_id, change)
        if self.hooks is not None:
            self.hooks.after_write(self, schema.kind, node_id, None)
        for kind_hooks in hooks:
            kind_hooks.after_write(self, schema, node_id, None)
        return node_id

    def _update(self, schema: WritableSchema, node_id: str, node_input: NodeInput) -> None:
        hooks = kind_hooks_for(schema)
        for kind_hooks in hooks:
            kind_hooks.before_write(self, schema, node_id, node_input)
        if self._wants_pools(schema, node_input, creating=False):
            self._draw_from_pools(schema, node_id, node_input, creating=False)
        current = self.writer.get_nodes([node_id])[node_id].attributes
        changed = changed_attribute_records(schema, current, node_input.attributes)
        self._check_property_nodes(node_input)
        changes: dict[str, RelationshipChange] = {}
        for name, refs in node_input.relationships.items():
            rel = schema.get_relationship(name)
            assert rel is not None
            changes[name] = self._plan_relationship(schema, node_id, rel, refs)
        touched = set(changed) | {name for name, change in changes.items() if change.add or change.remove}
        if touched:
            values = {**attribute_values(current), **attribute_values(changed)}
            check_uniqueness(
                self.writer,
                schema,
                node_id,
                values,
                self._constraint_peers(schema, node_id, changes),
                touched,
            )
        if changed:
            self.writer.set_attributes(node_id, changed)
        for change in changes.values():
            self.relationships.write(schema, node_id, change)
        if touched and self.hooks is not None:
            self.hooks.after_write(self, schema.kind, node_id, touched)
        if touched:
            for kind_hooks in hooks:
                kind_hooks.after_write(self, schema, node_id, touched)

    def _wants_pools(self, schema: WritableSchema, node_input: NodeInput, *, creating: bool) -> bool:
        """Whether the input asks for pool values; without hooks, `from_pool` is refused."""
        asked = [name for name, given in node_input.attributes.items() if given.from_pool is not None] + [
            name for name, refs in node_input.relationships.items() for ref in refs if ref.from_pool
        ]
        if asked and self.hooks is None:
            raise ValidationError(
                f"from_pool is not supported for {asked[0]} at {asked[0]}",
                data={"node_kind": schema.kind, "field_name": asked[0]},
            )
        return bool(asked) or (
            creating and self.hooks is not None and bool(self._unset_number_pools(schema, node_input))
        )

    def _unset_number_pools(self, schema: WritableSchema, node_input: NodeInput) -> list[str]:
        return [
            attr.name
            for attr in schema.attributes
            if attr.kind == "NumberPool"
            and (attr.name not in node_input.attributes or node_input.attributes[attr.name].value is MISSING)
        ]

    def _draw_from_pools(
        self, schema: WritableSchema, node_id: str, node_input: NodeInput, *, creating: bool
    ) -> None:
        """Replace every `from_pool` (and, on create, every unset NumberPool attribute) by the
        value or peer the pool hands out."""
        assert self.hooks is not None
        for name, given in node_input.attributes.items():
            if given.from_pool is not None:
                attr = schema.get_attribute(name)
                assert attr is not None
                given.value = self.hooks.allocate_attribute(self, schema, node_id, attr, given.from_pool)
        if creating:
            for name in self._unset_number_pools(schema, node_input):
                attr = schema.get_attribute(name)
                assert attr is not None
                value = self.hooks.allocate_attribute(self, schema, node_id, attr, None)
                node_input.attributes[name] = AttributeInput(value=value)
        for name, refs in node_input.relationships.items():
            rel = schema.get_relationship(name)
            assert rel is not None
            node_input.relationships[name] = [
                PeerRef(
                    id=self.hooks.allocate_peer(self, schema, node_input, rel, ref.from_pool),
                    is_protected=ref.is_protected,
                    source=ref.source,
                    owner=ref.owner,
                )
                if ref.from_pool
                else ref
                for ref in refs
            ]

    def _plan_relationship(
        self, schema: KindSchema, node_id: str | None, rel: RelationshipSchema, refs: list[PeerRef]
    ) -> RelationshipChange:
        links = self.relationships.resolve(schema.kind, rel, refs)
        return self.relationships.plan(schema, node_id, rel, links, "replace")

    def _constraint_peers(
        self, schema: KindSchema, node_id: str, changes: dict[str, RelationshipChange]
    ) -> dict[str, list[str]]:
        """Peer ids of the relationships named in uniqueness constraints, after the change."""
        peers: dict[str, list[str]] = {}
        for item in {item for constraint in schema.uniqueness_constraints or [] for item in constraint}:
            rel = schema.get_relationship(item)
            if rel is None:
                continue
            if item in changes:
                peers[item] = changes[item].peer_ids
            else:
                peers[item] = [
                    peer_of(edge, node_id) for edge in self.relationships.current_edges(rel, node_id)
                ]
        return peers

    def _check_property_nodes(self, node_input: NodeInput) -> None:
        """`source` and `owner` name existing nodes."""
        wanted = [
            value
            for given in node_input.attributes.values()
            for value in (given.source, given.owner)
            if value is not MISSING and value
        ]
        wanted += [
            value
            for refs in node_input.relationships.values()
            for ref in refs
            for value in (ref.source, ref.owner)
            if value
        ]
        known = self.lookup.kinds_of(wanted)
        for value in wanted:
            if value not in known:
                raise not_found(value, "Node")
