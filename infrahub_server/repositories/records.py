"""A repository node as the sync reads it, and the status attributes the sync writes on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infrahub_server.errors import NodeNotFoundError
from infrahub_server.nodes.edges import edge_side, peer_of
from infrahub_server.repositories.git import GitCredential
from infrahub_server.schema.models import SchemaBranch
from infrahub_server.store import AttributeRecord, Reader, Writer

READ_WRITE_KIND = "CoreRepository"
READ_ONLY_KIND = "CoreReadOnlyRepository"
REPOSITORY_KINDS = (READ_WRITE_KIND, READ_ONLY_KIND)


@dataclass(frozen=True, slots=True)
class RepositoryRecord:
    id: str
    kind: str
    name: str
    location: str
    ref: str | None
    """The pinned ref of a read-only repository; None for a read-write one (it follows branches)."""
    default_branch: str
    credential: GitCredential | None

    @property
    def read_only(self) -> bool:
        return self.kind == READ_ONLY_KIND


def _value(attributes: dict[str, AttributeRecord], name: str) -> Any:
    record = attributes.get(name)
    return record.value if record is not None else None


def read_repository(reader: Reader, schema: SchemaBranch, repository_id: str) -> RepositoryRecord:
    node = reader.get_nodes([repository_id]).get(repository_id)
    if node is None or node.kind not in REPOSITORY_KINDS:
        raise NodeNotFoundError(
            f"Unable to find the repository {repository_id!r}", data={"node_id": repository_id}
        )
    attributes = node.attributes
    return RepositoryRecord(
        id=node.id,
        kind=node.kind,
        name=str(_value(attributes, "name")),
        location=str(_value(attributes, "location")),
        ref=str(_value(attributes, "ref") or "main") if node.kind == READ_ONLY_KIND else None,
        default_branch=str(_value(attributes, "default_branch") or "main"),
        credential=_credential(reader, schema, node.kind, repository_id),
    )


def _credential(reader: Reader, schema: SchemaBranch, kind: str, repository_id: str) -> GitCredential | None:
    rel = schema.get(kind).get_relationship("credential")
    if rel is None or rel.identifier is None:
        return None
    edges = reader.get_edges(rel.identifier, [repository_id], edge_side(rel)).get(repository_id, [])
    if not edges:
        return None
    credential_id = peer_of(edges[0], repository_id)
    node = reader.get_nodes([credential_id], ["username", "password"]).get(credential_id)
    if node is None or not _value(node.attributes, "password"):
        return None
    return GitCredential(
        username=str(_value(node.attributes, "username") or ""),
        password=str(_value(node.attributes, "password")),
    )


def set_repository_status(writer: Writer, repository_id: str, **values: str | None) -> None:
    """Write the named status attributes (`commit`, `sync_status`, `operational_status`) that changed."""
    current = writer.get_nodes([repository_id], list(values)).get(repository_id)
    if current is None:
        return
    changed = {
        name: AttributeRecord(value)
        for name, value in values.items()
        if _value(current.attributes, name) != value
    }
    if changed:
        writer.set_attributes(repository_id, changed)
