"""The `data` of a mutation, read against the kind's schema.

GraphQL hands over plain dicts: `{"id"?, "hfid"?, <attr>: {"value", "is_default", "is_protected",
"source", "owner"}, <rel one>: RelatedNodeInput | None, <rel many>: [RelatedNodeInput] | None}`.
Unknown and read-only fields are refused here, naming the field, before anything is looked up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from infrahub_server.errors import ValidationError
from infrahub_server.schema.models import KindSchema

MISSING: Any = object()
"""An input key that was not sent (as opposed to one sent as null)."""

_ATTRIBUTE_KEYS = {"value", "is_default", "is_protected", "is_visible", "source", "owner", "from_pool"}
_PEER_KEYS = {
    "id",
    "hfid",
    "kind",
    "from_pool",
    "_relation__is_protected",
    "_relation__owner",
    "_relation__source",
}


@dataclass(slots=True)
class AttributeInput:
    value: Any = MISSING
    is_default: bool = False
    is_protected: bool | None = None
    source: str | None = MISSING
    owner: str | None = MISSING
    from_pool: dict[str, Any] | None = None
    """`{"id": <pool id or name>, "identifier"?}`: the value is drawn from that pool."""


@dataclass(frozen=True, slots=True)
class PeerRef:
    """A RelatedNodeInput: the peer by `id`, or by `hfid` (with `kind` when the peer is a generic)."""

    id: str | None = None
    hfid: tuple[str, ...] | None = None
    kind: str | None = None
    is_protected: bool | None = None
    source: str | None = None
    owner: str | None = None
    from_pool: dict[str, Any] | None = field(default=None, compare=False)
    """The peer is allocated from this pool (`{"id", "identifier"?, "data"?, ...}`) before it is resolved."""


@dataclass(slots=True)
class NodeInput:
    id: str | None = None
    hfid: list[str] | None = None
    attributes: dict[str, AttributeInput] = field(default_factory=dict)
    relationships: dict[str, list[PeerRef]] = field(default_factory=dict)
    """Per relationship sent: the new peers (a cardinality-one relationship has 0 or 1)."""


def _refuse(kind: str, name: str, reason: str) -> ValidationError:
    return ValidationError(f"{reason} at {name}", data={"node_kind": kind, "field_name": name})


def parse_node_input(schema: KindSchema, data: dict[str, Any]) -> NodeInput:
    parsed = NodeInput(id=data.get("id"), hfid=data.get("hfid"))
    for name, raw in data.items():
        if name in ("id", "hfid"):
            continue
        attr = schema.get_attribute(name)
        rel = schema.get_relationship(name)
        element = attr or rel
        if element is None:
            raise _refuse(schema.kind, name, f"{name} is not a valid field of {schema.kind}")
        if element.read_only:
            raise _refuse(schema.kind, name, f"{name} is read-only for {schema.kind}")
        if attr is not None:
            parsed.attributes[name] = _attribute_input(schema.kind, name, raw)
        elif rel is not None:
            parsed.relationships[name] = _peer_refs(schema.kind, name, rel.cardinality, raw)
    return parsed


def _attribute_input(kind: str, name: str, raw: Any) -> AttributeInput:
    if raw is None:
        return AttributeInput(value=None)
    if not isinstance(raw, dict):
        raise _refuse(kind, name, f"{name} must be an object with a value")
    unknown = sorted(set(raw) - _ATTRIBUTE_KEYS)
    if unknown:
        raise _refuse(kind, name, f"{', '.join(unknown)} is not supported for {name}")
    return AttributeInput(
        value=raw.get("value", MISSING),
        is_default=bool(raw.get("is_default")),
        is_protected=raw.get("is_protected"),
        source=raw.get("source", MISSING),
        owner=raw.get("owner", MISSING),
        from_pool=_pool_request(kind, name, raw.get("from_pool")),
    )


def _peer_refs(kind: str, name: str, cardinality: str, raw: Any) -> list[PeerRef]:
    if raw is None:
        return []
    if cardinality == "one":
        if isinstance(raw, list):
            raise _refuse(kind, name, f"{name} takes one related node, not a list")
        return [peer_ref(kind, name, raw)]
    if not isinstance(raw, list):
        raise _refuse(kind, name, f"{name} takes a list of related nodes")
    return [peer_ref(kind, name, item) for item in raw if item is not None]


def peer_ref(kind: str, name: str, raw: Any) -> PeerRef:
    if isinstance(raw, str):
        return PeerRef(id=raw)
    if not isinstance(raw, dict):
        raise _refuse(kind, name, f"{raw!r} is not a valid related node for {name}")
    unknown = sorted(set(raw) - _PEER_KEYS)
    if unknown:
        raise _refuse(kind, name, f"{', '.join(unknown)} is not supported for {name}")
    hfid = raw.get("hfid")
    from_pool = _pool_request(kind, name, raw.get("from_pool"))
    if not raw.get("id") and not hfid and from_pool is None:
        raise _refuse(kind, name, f"an id or an hfid is required for {name}")
    return PeerRef(
        id=raw.get("id") or None,
        hfid=tuple(str(part) for part in hfid) if hfid else None,
        kind=raw.get("kind"),
        is_protected=raw.get("_relation__is_protected"),
        source=raw.get("_relation__source"),
        owner=raw.get("_relation__owner"),
        from_pool=from_pool,
    )


def _pool_request(kind: str, name: str, raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not (raw.get("id") or raw.get("hfid")):
        raise _refuse(kind, name, f"from_pool of {name} needs the id of a resource pool")
    return raw
