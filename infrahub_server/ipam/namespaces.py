"""IP namespaces: the `default` namespace every prefix and address lands in unless told otherwise."""

from __future__ import annotations

import logging

from sqlalchemy import inspect

from infrahub_server.errors import ValidationError
from infrahub_server.ipam import tables
from infrahub_server.store import AttributeFilter, AttributeRecord, Reader, Snapshot, Store, Writer

logger = logging.getLogger(__name__)

NAMESPACE_KIND = "IpamNamespace"
DEFAULT_NAMESPACE = "default"


def default_namespace_id(reader: Reader) -> str | None:
    found = reader.find_node_ids(
        [NAMESPACE_KIND], [AttributeFilter("name", "eq", DEFAULT_NAMESPACE)], limit=1
    )
    return found[0] if found else None


def ensure_default_namespace(writer: Writer) -> str:
    """The id of the `default` namespace, created (with `default: true`) when missing."""
    writer.lock_kinds([NAMESPACE_KIND])
    existing = default_namespace_id(writer)
    if existing is not None:
        return existing
    namespace_id = writer.create_node(
        NAMESPACE_KIND,
        attributes={
            "name": AttributeRecord(DEFAULT_NAMESPACE),
            "description": AttributeRecord(None, is_default=True),
            "default": AttributeRecord(True),
        },
    )
    logger.info("Created the default IP namespace %s", namespace_id)
    return namespace_id


def prepare_ipam(store: Store) -> None:
    """First start: the IPAM and pool tables and the default namespace. Cheap and idempotent: once
    both exist it only reads."""
    with store.engine.connect() as connection:
        ready = inspect(connection).has_table(tables.allocation.name)
    if ready:
        with store.reader(Snapshot(store.default_branch)) as reader:
            if default_namespace_id(reader) is not None:
                return
    with store.change_set(store.default_branch, actor_id=None, message="Prepare IPAM") as writer:
        writer.lock_kinds([NAMESPACE_KIND])
        tables.create_tables(writer.connection)
        ensure_default_namespace(writer)


def check_namespace_deletion(reader: Reader, namespace_ids: list[str]) -> None:
    """The default namespace cannot be deleted."""
    for node_id, node in reader.get_nodes(namespace_ids, ["default"]).items():
        record = node.attributes.get("default")
        if record is not None and record.value:
            raise ValidationError(
                f"Unable to delete the default IP namespace {node_id}",
                data={"node_kind": node.kind, "field_name": "default"},
            )
