"""Filters and orderings compiled to SQL over the visible rows of a snapshot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    Table,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
)

from infrahub_server.store import tables
from infrahub_server.store.clock import to_micros
from infrahub_server.store.types import (
    AnyAttributeFilter,
    AttributeFilter,
    EdgeSide,
    Filter,
    MetadataFilter,
    OrderBy,
    RelationshipFilter,
)
from infrahub_server.store.values import comparable
from infrahub_server.store.visibility import ResolvedSnapshot, visible


@cache
def _pooled_alias(table: Table, ordinal: int) -> FromClause:
    alias = table.alias(f"{table.name}_q{ordinal}")
    _ = alias.c  # built once here, not by whichever threads first use the alias
    return alias


@dataclass(frozen=True, slots=True)
class QueryContext:
    """What building one statement needs; `for_statement` gives each statement its own aliases."""

    snap: ResolvedSnapshot
    dialect: str
    _aliases_taken: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def for_statement(self) -> QueryContext:
        return QueryContext(self.snap, self.dialect)

    def alias(self, table: Table) -> FromClause:
        """An alias of `table` not yet used in this statement. Aliases are shared between
        statements: building an alias's column collection costs more than the rest of a small query."""
        ordinal = self._aliases_taken.get(table.name, 0)
        self._aliases_taken[table.name] = ordinal + 1
        return _pooled_alias(table, ordinal)

    def contains(self, column: ColumnElement[Any], needle: str, *, fold: bool) -> ColumnElement[bool]:
        """Substring test; `fold` ignores case. Not LIKE: SQLite's LIKE always ignores ASCII case."""
        haystack: ColumnElement[Any] = func.lower(column) if fold else column
        operand: ColumnElement[Any] = func.lower(literal(needle)) if fold else literal(needle)
        position = func.instr if self.dialect == "sqlite" else func.strpos
        return position(haystack, operand) > 0


def filter_clause(ctx: QueryContext, flt: Filter, node_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """A condition on the node whose id is `node_id`."""
    if isinstance(flt, AttributeFilter | AnyAttributeFilter):
        return _attribute_clause(ctx, flt, node_id)
    if isinstance(flt, RelationshipFilter):
        return _relationship_clause(ctx, flt, node_id)
    return _metadata_clause(ctx, flt, node_id)


def _attribute_clause(
    ctx: QueryContext, flt: AttributeFilter | AnyAttributeFilter, node_id: ColumnElement[Any]
) -> ColumnElement[bool]:
    attr = ctx.alias(tables.attribute)
    if isinstance(flt, AttributeFilter) and _is_text_lookup(flt):
        # Equality on text: start from the (name, value_text) index rather than test every node.
        matching = select(attr.c.node_id).where(
            attr.c.name == flt.name, _value_comparison(ctx, attr, flt.op, flt.value), visible(attr, ctx.snap)
        )
        return node_id.in_(matching)
    where = [attr.c.node_id == node_id, visible(attr, ctx.snap)]
    if isinstance(flt, AttributeFilter):
        where.append(attr.c.name == flt.name)
    column = attr.c.value_json if flt.prop == "value" else attr.c[flt.prop]
    if flt.op == "isnull":
        return ~exists().where(*where, column.is_not(None))
    if flt.op == "notnull":
        return exists().where(*where, column.is_not(None))
    if flt.prop == "value":
        condition = _value_comparison(ctx, attr, flt.op, flt.value)
    else:
        condition = _scalar_comparison(ctx, attr.c[flt.prop], flt.op, flt.value)
    return exists().where(*where, condition)


def _is_text_lookup(flt: AttributeFilter) -> bool:
    if flt.prop != "value":
        return False
    if flt.op == "eq":
        return isinstance(flt.value, str)
    return flt.op == "in" and bool(flt.value) and all(isinstance(item, str) for item in flt.value)


def _value_comparison(ctx: QueryContext, attr: FromClause, op: str, operand: Any) -> ColumnElement[bool]:
    if op == "in":
        by_column: dict[str, list[Any]] = {}
        for item in operand or ():
            name, value = comparable(item)
            by_column.setdefault(name, []).append(value)
        if not by_column:
            return false()
        return or_(*(attr.c[name].in_(values) for name, values in by_column.items()))
    if op in ("contains", "icontains"):
        return ctx.contains(attr.c.value_text, str(operand), fold=op == "icontains")
    name, value = comparable(operand)
    return _ordered_comparison(attr.c[name], op, value)


def _scalar_comparison(
    ctx: QueryContext, column: ColumnElement[Any], op: str, operand: Any
) -> ColumnElement[bool]:
    if op == "in":
        return column.in_(list(operand or ())) if operand else false()
    if op in ("contains", "icontains"):
        return ctx.contains(column, str(operand), fold=op == "icontains")
    return _ordered_comparison(column, op, operand)


def _ordered_comparison(column: ColumnElement[Any], op: str, operand: Any) -> ColumnElement[bool]:
    comparison: ColumnElement[bool]
    if op == "eq":
        comparison = column == operand
    elif op == "before":
        comparison = column < operand
    elif op == "after":
        comparison = column > operand
    else:
        raise ValueError(f"Unsupported filter operator '{op}'")
    return comparison


def _ends(edge: FromClause, side: EdgeSide) -> list[tuple[ColumnElement[Any], ColumnElement[Any]]]:
    """(near, far) column pairs: the known node's end and the peer's end of an edge."""
    outbound = (edge.c.source_id, edge.c.destination_id)
    inbound = (edge.c.destination_id, edge.c.source_id)
    if side == "source":
        return [outbound]
    if side == "destination":
        return [inbound]
    return [outbound, inbound]


def _relationship_clause(
    ctx: QueryContext, flt: RelationshipFilter, node_id: ColumnElement[Any]
) -> ColumnElement[bool]:
    # `node_id IN (ends of matching edges)`: the database can start from the peers' conditions
    # (an indexed value, given ids) instead of testing every candidate node.
    matches = []
    for near_index, _ in enumerate(_ends(tables.edge, flt.side)):
        edge = ctx.alias(tables.edge)
        near, far = _ends(edge, flt.side)[near_index]
        where = [edge.c.identifier == flt.identifier, visible(edge, ctx.snap)]
        if flt.peer_ids is not None:
            where.append(far.in_(list(flt.peer_ids)))
        if flt.peer_kinds is not None:
            peer = ctx.alias(tables.node)
            where.append(
                exists().where(
                    peer.c.node_id == far, peer.c.kind.in_(list(flt.peer_kinds)), visible(peer, ctx.snap)
                )
            )
        where.extend(filter_clause(ctx, peer_filter, far) for peer_filter in flt.peer_filters)
        matches.append(node_id.in_(select(near).where(*where)))
    if flt.isnull:
        return and_(*(~match for match in matches))
    return or_(*matches)


def _metadata_clause(
    ctx: QueryContext, flt: MetadataFilter, node_id: ColumnElement[Any]
) -> ColumnElement[bool]:
    node = ctx.alias(tables.node)
    where = [node.c.node_id == node_id, visible(node, ctx.snap)]
    moment = node.c.from_at if flt.field.startswith("created") else updated_at_expression(ctx, node)
    if flt.field.endswith("_at"):
        operand = flt.value
        if flt.op in ("isnull", "notnull"):
            return exists().where(*where) if flt.op == "notnull" else false()
        if flt.op == "in":
            return exists().where(*where, moment.in_([to_micros(item) for item in operand or ()]))
        return exists().where(*where, _ordered_comparison(moment, flt.op, to_micros(operand)))
    change = ctx.alias(tables.change_set)
    where.append(change.c.at == moment)
    actor = change.c.actor_id
    if flt.op == "isnull":
        return exists().where(*where, actor.is_(None))
    if flt.op == "notnull":
        return exists().where(*where, actor.is_not(None))
    return exists().where(*where, _scalar_comparison(ctx, actor, flt.op, flt.value))


def updated_at_expression(ctx: QueryContext, node: FromClause) -> ColumnElement[Any]:
    """The latest change to a node: its own row or any of its visible attribute rows."""
    attr = ctx.alias(tables.attribute)
    latest_attribute = (
        select(func.max(attr.c.from_at))
        .where(attr.c.node_id == node.c.node_id, visible(attr, ctx.snap))
        .scalar_subquery()
    )
    return case(
        (latest_attribute > node.c.from_at, latest_attribute),
        else_=node.c.from_at,
    )


def order_columns(ctx: QueryContext, node: FromClause, order: Sequence[OrderBy]) -> list[Any]:
    columns: list[Any] = []
    for item in order:
        for expression in _order_expressions(ctx, node, item):
            if item.descending:
                columns.append(expression.desc().nulls_first())
            else:
                columns.append(expression.asc().nulls_last())
    columns.append(node.c.node_id)
    return columns


def _order_expressions(ctx: QueryContext, node: FromClause, item: OrderBy) -> list[ColumnElement[Any]]:
    if item.metadata == "created_at":
        return [node.c.from_at]
    if item.metadata == "updated_at":
        return [updated_at_expression(ctx, node)]
    if item.attribute is None:
        raise ValueError("OrderBy needs an attribute or a metadata field")
    if item.via is None:
        return [_attribute_value(ctx, node.c.node_id, item.attribute, column) for column in _SORT_COLUMNS]
    identifier, side = item.via
    return [
        _peer_attribute_value(ctx, node.c.node_id, identifier, side, item.attribute, column)
        for column in _SORT_COLUMNS
    ]


_SORT_COLUMNS = ("value_num", "value_text")


def _attribute_value(ctx: QueryContext, node_id: ColumnElement[Any], name: str, column: str) -> Any:
    attr = ctx.alias(tables.attribute)
    return (
        select(attr.c[column])
        .where(attr.c.node_id == node_id, attr.c.name == name, visible(attr, ctx.snap))
        .limit(1)
        .scalar_subquery()
    )


def _peer_attribute_value(
    ctx: QueryContext, node_id: ColumnElement[Any], identifier: str, side: EdgeSide, name: str, column: str
) -> Any:
    edge = ctx.alias(tables.edge)
    attr = ctx.alias(tables.attribute)
    pairs = _ends(edge, side)
    near_matches = or_(*(near == node_id for near, _ in pairs))
    far = pairs[0][1] if len(pairs) == 1 else case((pairs[0][0] == node_id, pairs[0][1]), else_=pairs[1][1])
    return (
        select(attr.c[column])
        .where(
            edge.c.identifier == identifier,
            near_matches,
            visible(edge, ctx.snap),
            attr.c.node_id == far,
            attr.c.name == name,
            visible(attr, ctx.snap),
        )
        .limit(1)
        .scalar_subquery()
    )


def node_selection(
    ctx: QueryContext, kinds: Sequence[str], filters: Sequence[Filter]
) -> tuple[FromClause, list[ColumnElement[bool]]]:
    """The visible node rows of `kinds` passing every filter: a node alias and its WHERE clauses."""
    node = ctx.alias(tables.node)
    where: list[ColumnElement[bool]] = [
        node.c.kind.in_(list(kinds)) if kinds else true(),
        visible(node, ctx.snap),
    ]
    where.extend(filter_clause(ctx, flt, node.c.node_id) for flt in filters)
    return node, where


def find_statement(
    ctx: QueryContext,
    kinds: Sequence[str],
    filters: Sequence[Filter],
    order: Sequence[OrderBy],
    offset: int,
    limit: int | None,
) -> Select[Any]:
    ctx = ctx.for_statement()
    node, where = node_selection(ctx, kinds, filters)
    statement = select(node.c.node_id).where(*where).order_by(*order_columns(ctx, node, order))
    if offset:
        statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return statement


EqualityShape = tuple[tuple[str, str], ...]
"""(attribute name, typed column) of each `eq` filter on a value: the part of a lookup a statement keeps."""


def equality_shape(filters: Sequence[Filter]) -> tuple[EqualityShape, dict[str, Any]] | None:
    """The shape and bound values of filters that are all value equalities (uniqueness checks and
    HFID lookups), or None for any other filter: those statements are built once and reused."""
    shape = []
    values: dict[str, Any] = {}
    for index, flt in enumerate(filters):
        if not isinstance(flt, AttributeFilter) or flt.op != "eq" or flt.prop != "value" or flt.value is None:
            return None
        column, value = comparable(flt.value)
        shape.append((flt.name, column))
        values[f"v{index}"] = value
    return tuple(shape), values


@lru_cache(maxsize=512)
def equality_statement(
    snap: ResolvedSnapshot,
    dialect: str,
    kinds: tuple[str, ...],
    shape: EqualityShape,
    order: tuple[OrderBy, ...],
    paged: bool,
) -> Select[Any]:
    """`find_statement` for equality filters, with the compared values (`v0`, `v1`, ...) and, when
    `paged`, the `offset` and `limit` bound at execution."""
    ctx = QueryContext(snap, dialect)
    node = ctx.alias(tables.node)
    where: list[ColumnElement[bool]] = [
        node.c.kind.in_(list(kinds)) if kinds else true(),
        visible(node, snap),
    ]
    for index, (name, column) in enumerate(shape):
        attr = ctx.alias(tables.attribute)
        comparison = attr.c[column] == bindparam(f"v{index}")
        if column == "value_text":
            # As `_attribute_clause` does for text: start from the (name, value_text) index.
            where.append(
                node.c.node_id.in_(
                    select(attr.c.node_id).where(attr.c.name == name, comparison, visible(attr, snap))
                )
            )
        else:
            where.append(
                exists().where(
                    attr.c.node_id == node.c.node_id, visible(attr, snap), attr.c.name == name, comparison
                )
            )
    statement = select(node.c.node_id).where(*where).order_by(*order_columns(ctx, node, order))
    return statement.offset(bindparam("offset")).limit(bindparam("limit")) if paged else statement


def count_statement(ctx: QueryContext, kinds: Sequence[str], filters: Sequence[Filter]) -> Select[Any]:
    ctx = ctx.for_statement()
    node, where = node_selection(ctx, kinds, filters)
    return select(func.count()).select_from(node).where(*where)
