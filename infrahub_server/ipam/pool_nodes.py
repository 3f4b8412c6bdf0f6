"""Finding a pool by id, name or HFID, and the errors allocation raises."""

from __future__ import annotations

from typing import Any

from infrahub_server.errors import InfrahubError, NodeNotFoundError, ValidationError
from infrahub_server.store import AttributeFilter, NodeRecord, Reader

POOL_KINDS = ("CoreIPPrefixPool", "CoreIPAddressPool", "CoreNumberPool")


class PoolExhaustedError(InfrahubError):
    """The pool has no free value left; the message names the pool."""

    code = "POOL_EXHAUSTED"
    http_status = 409


def find_pool(reader: Reader, ref: str | list[str] | None, expected: tuple[str, ...]) -> NodeRecord:
    """The pool `ref` names (an id, a name, or an HFID `[name]`), which must be of an expected kind."""
    if isinstance(ref, list):
        ref = ref[0] if len(ref) == 1 else None
    if not ref:
        raise ValidationError("A resource pool id or hfid is required", data={"field_name": "id"})
    pool = reader.get_nodes([ref]).get(ref)
    if pool is None:
        ids = reader.find_node_ids(list(POOL_KINDS), [AttributeFilter("name", "eq", ref)], limit=1)
        pool = reader.get_nodes(ids).get(ids[0]) if ids else None
    if pool is None:
        raise NodeNotFoundError(f"Unable to find the resource pool {ref}", data={"node_id": ref})
    if pool.kind not in expected:
        raise ValidationError(
            f"{ref} is a {pool.kind}, not a {' or '.join(expected)}",
            data={"node_kind": pool.kind, "field_name": "id"},
        )
    return pool


def pool_value(pool: NodeRecord, name: str) -> Any:
    record = pool.attributes.get(name)
    return None if record is None else record.value


def pool_name(pool: NodeRecord) -> str:
    return str(pool_value(pool, "name") or pool.id)


def exhausted(pool: NodeRecord, what: str) -> PoolExhaustedError:
    return PoolExhaustedError(
        f"No more resources available in the pool {pool_name(pool)!r} ({pool.kind} {pool.id}) for {what}",
        data={"pool_id": pool.id, "pool_name": pool_name(pool)},
    )
