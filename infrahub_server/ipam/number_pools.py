"""Allocation from CoreNumberPool, including the `Schema` pools behind `NumberPool` attributes.

The lowest number of [start_range, end_range] (narrowed by the attribute's min/max) that no branch
was given, that is not excluded, and, for a unique attribute, that no node of this branch holds.
"""

from __future__ import annotations

from infrahub_server.errors import ValidationError
from infrahub_server.ipam.allocations import (
    ALLOCATION_LOCK,
    find_allocation,
    forget_number_hint,
    lowest_free_number,
    number_hint,
    record_allocation,
    save_number_hint,
)
from infrahub_server.ipam.pool_nodes import exhausted, find_pool, pool_value
from infrahub_server.schema.models import AttributeSchema, KindSchema, SchemaBranch
from infrahub_server.store import AttributeFilter, AttributeRecord, Writer

NUMBER_POOL_KIND = "CoreNumberPool"


def allocate_number(
    writer: Writer,
    schema: KindSchema,
    attr: AttributeSchema,
    node_id: str,
    pool_ref: str | None,
    identifier: str | None = None,
) -> int:
    """The number for `attr` of the node `node_id`, from the pool `pool_ref` (id or name), or from
    the attribute's own schema pool when `pool_ref` is None. Idempotent per identifier (default:
    the node id)."""
    writer.lock_kinds([ALLOCATION_LOCK])
    if pool_ref is None:
        pool_id = schema_pool(writer, schema, attr)
        pool = writer.get_nodes([pool_id])[pool_id]
    else:
        pool = find_pool(writer, pool_ref, (NUMBER_POOL_KIND,))
    _check_target(pool.id, pool_value(pool, "node"), pool_value(pool, "node_attribute"), schema, attr)
    connection = writer.connection
    identifier = identifier or node_id
    known = find_allocation(connection, pool.id, identifier)
    if known is not None:
        return int(known.value)
    params = attr.parameters or {}
    start = max(int(pool_value(pool, "start_range")), params.get("min_value") or 0)
    end = int(pool_value(pool, "end_range"))
    if params.get("max_value") is not None:
        end = min(end, int(params["max_value"]))
    excluded = _excluded(params.get("excluded_values"))
    cursor = max(start, number_hint(connection, pool.id) or start)
    while True:
        number = lowest_free_number(connection, pool.id, cursor, end)
        if number is None:
            raise exhausted(pool, f"{schema.kind}.{attr.name}")
        if not _excluded_number(number, excluded) and not _held(writer, schema, attr, number):
            break
        cursor = _after_exclusion(number, excluded)
    save_number_hint(connection, pool.id, number)
    record_allocation(
        connection,
        pool_id=pool.id,
        identifier=identifier,
        value=str(number),
        number=number,
        node_id=node_id,
        branch=writer.branch,
    )
    return number


def schema_pool(writer: Writer, schema: KindSchema, attr: AttributeSchema) -> str:
    """The `Schema` pool of a `NumberPool` attribute, created on first use."""
    name = f"{schema.kind}.{attr.name}"
    found = writer.find_node_ids([NUMBER_POOL_KIND], [AttributeFilter("name", "eq", name)], limit=1)
    if found:
        return found[0]
    params = attr.parameters or {}
    return writer.create_node(
        NUMBER_POOL_KIND,
        scope="agnostic",
        attributes={
            "name": AttributeRecord(name),
            "description": AttributeRecord(f"Pool for {name}"),
            "node": AttributeRecord(schema.kind),
            "node_attribute": AttributeRecord(attr.name),
            "start_range": AttributeRecord(int(params.get("start_range", 1))),
            "end_range": AttributeRecord(int(params.get("end_range", 2**31 - 1))),
            "pool_type": AttributeRecord("Schema"),
        },
    )


def check_number_pool(writer: Writer, schema: SchemaBranch, pool_id: str, changed: set[str] | None) -> None:
    """A number pool's range is ordered and its target a Number attribute; the target is fixed."""
    pool = writer.get_nodes([pool_id])[pool_id]

    def refuse(field: str, message: str) -> ValidationError:
        return ValidationError(
            f"{message} at {field}", data={"node_kind": NUMBER_POOL_KIND, "field_name": field}
        )

    if changed is not None and changed & {"node", "node_attribute"}:
        raise refuse("node", "The node and node_attribute of a number pool cannot be changed")
    if changed is not None:
        forget_number_hint(writer.connection, pool_id)
    if int(pool_value(pool, "start_range")) > int(pool_value(pool, "end_range")):
        raise refuse("start_range", "start_range can't be larger than end_range")
    kind, name = pool_value(pool, "node"), pool_value(pool, "node_attribute")
    attr = schema.get(kind).get_attribute(name) if kind and schema.has(kind) else None
    if attr is None or attr.kind not in ("Number", "NumberPool"):
        raise refuse("node_attribute", f"{kind}.{name} is not a Number attribute")


def _check_target(
    pool_id: str, node: str | None, node_attribute: str | None, schema: KindSchema, attr: AttributeSchema
) -> None:
    kinds = {schema.kind, *getattr(schema, "inherit_from", [])}
    if (node and node not in kinds) or (node_attribute and node_attribute != attr.name):
        raise ValidationError(
            f"The number pool {pool_id} serves {node}.{node_attribute}, not {schema.kind}.{attr.name}",
            data={"node_kind": schema.kind, "field_name": attr.name},
        )


def _excluded(text: str | None) -> list[tuple[int, int]]:
    ranges = []
    for part in str(text or "").split(","):
        start, _, end = part.strip().partition("-")
        if start:
            ranges.append((int(start), int(end or start)))
    return ranges


def _after_exclusion(number: int, ranges: list[tuple[int, int]]) -> int:
    """The next number worth trying after `number`: past the end of an excluded range holding it."""
    return max([end + 1 for start, end in ranges if start <= number <= end], default=number + 1)


def _excluded_number(number: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= number <= end for start, end in ranges)


def _held(writer: Writer, schema: KindSchema, attr: AttributeSchema, number: int) -> bool:
    if not attr.unique:
        return False
    return bool(writer.find_node_ids([schema.kind], [AttributeFilter(attr.name, "eq", number)], limit=1))
