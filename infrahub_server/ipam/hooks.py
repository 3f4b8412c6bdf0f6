"""`IpamHooks`: what node operations call for IPAM and resource pools (see `nodes.hooks`)."""

from __future__ import annotations

from typing import Any

from infrahub_server.errors import ValidationError
from infrahub_server.ipam.allocations import release_allocations
from infrahub_server.ipam.ip_pools import allocate_address, allocate_prefix
from infrahub_server.ipam.namespaces import NAMESPACE_KIND, check_namespace_deletion
from infrahub_server.ipam.number_pools import NUMBER_POOL_KIND, allocate_number, check_number_pool
from infrahub_server.ipam.reconcile import ADDRESS_GENERIC, PREFIX_GENERIC, Reconciler, reconciler_for
from infrahub_server.nodes import NodeService
from infrahub_server.nodes.inputs import MISSING, NodeInput
from infrahub_server.schema.models import AttributeSchema, KindSchema, RelationshipSchema, SchemaBranch
from infrahub_server.store import Writer

_PREFIX_FIELDS = {"prefix", "ip_namespace"}
_ADDRESS_FIELDS = {"address", "ip_namespace"}


class IpamHooks:
    """Reconciles prefixes and addresses, draws values from pools, releases them on delete."""

    def reconciler(self, service: NodeService) -> Reconciler:
        return reconciler_for(service.schema, service.writer)

    def allocate_attribute(
        self,
        service: NodeService,
        schema: KindSchema,
        node_id: str,
        attr: AttributeSchema,
        request: dict[str, Any] | None,
    ) -> Any:
        if attr.kind not in ("Number", "NumberPool"):
            raise ValidationError(
                f"from_pool is not supported for {attr.name} at {attr.name}",
                data={"node_kind": schema.kind, "field_name": attr.name},
            )
        pool = None if request is None else request.get("id") or _first(request.get("hfid"))
        identifier = None if request is None else request.get("identifier")
        return allocate_number(service.writer, schema, attr, node_id, pool, identifier)

    def allocate_peer(
        self,
        service: NodeService,
        schema: KindSchema,
        node_input: NodeInput,
        rel: RelationshipSchema,
        request: dict[str, Any],
    ) -> str:
        pool = request.get("id") or request.get("hfid")
        identifier = request.get("identifier") or _default_identifier(schema, node_input, rel)
        data = request.get("data")
        length = request.get("prefix_length", request.get("prefixlen", request.get("size")))
        peer_kinds = service.schema.concrete_kinds(rel.peer) if service.schema.has(rel.peer) else [rel.peer]
        prefixes = service.schema.concrete_kinds(PREFIX_GENERIC)
        if any(kind in prefixes for kind in peer_kinds):
            return allocate_prefix(
                service,
                pool,
                identifier=identifier,
                prefix_length=length,
                member_type=request.get("member_type"),
                prefix_type=request.get("prefix_type"),
                data=data,
            ).id
        if any(kind in service.schema.concrete_kinds(ADDRESS_GENERIC) for kind in peer_kinds):
            return allocate_address(
                service,
                pool,
                identifier=identifier,
                prefix_length=length,
                address_type=request.get("address_type"),
                prefix_type=request.get("prefix_type"),
                data=data,
            ).id
        raise ValidationError(
            f"from_pool is not supported for {rel.name} at {rel.name}",
            data={"node_kind": schema.kind, "field_name": rel.name},
        )

    def after_write(self, service: NodeService, kind: str, node_id: str, changed: set[str] | None) -> None:
        if kind == NUMBER_POOL_KIND:
            check_number_pool(service.writer, service.schema, node_id, changed)
            return
        reconciler = self.reconciler(service)
        if reconciler.is_prefix(kind) and (changed is None or changed & _PREFIX_FIELDS):
            reconciler.prefix_written(node_id, created=changed is None)
        elif reconciler.is_address(kind) and (changed is None or changed & _ADDRESS_FIELDS):
            reconciler.address_written(node_id, created=changed is None)

    def before_delete(self, service: NodeService, doomed: dict[str, str]) -> None:
        namespaces = [node_id for node_id, kind in doomed.items() if kind == NAMESPACE_KIND]
        if namespaces:
            check_namespace_deletion(service.writer, namespaces)
        self.reconciler(service).before_delete(doomed)
        release_on_delete(service.writer, list(doomed))


def release_on_delete(writer: Writer, node_ids: list[str]) -> None:
    """Values held by nodes deleted on the branch that allocated them go back to their pools."""
    release_allocations(writer.connection, writer.branch, node_ids)


def reconcile_nodes(schema: SchemaBranch, writer: Writer, nodes: dict[str, str]) -> None:
    """Reconcile the prefixes and addresses among `nodes` (id -> kind) again, widest prefixes first:
    what a merge calls on the default branch for the nodes it brought."""
    reconciler = reconciler_for(schema, writer)
    prefixes = [node_id for node_id, kind in nodes.items() if reconciler.is_prefix(kind)]
    for prefix in sorted(reconciler.prefixes(prefixes), key=lambda found: found.network.prefixlen):
        reconciler.prefix_written(prefix.id, created=False)
    for node_id, kind in nodes.items():
        if reconciler.is_address(kind):
            reconciler.address_written(node_id, created=False)


def ipam_node_service(schema: SchemaBranch, writer: Writer) -> NodeService:
    """A node service with IPAM reconciliation and pool allocation: what mutations should use."""
    return NodeService(schema, writer, hooks=IpamHooks())


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _default_identifier(schema: KindSchema, node_input: NodeInput, rel: RelationshipSchema) -> str | None:
    """Infrahub's identifier for an inline allocation: `hfid=<Kind>__<hfid> rel=<rel>`, when the
    node's HFID is made of attributes given in the input."""
    parts = []
    for path in schema.human_friendly_id or []:
        name, _, prop = path.partition("__")
        given = node_input.attributes.get(name)
        if prop != "value" or given is None or given.value is MISSING:
            return None
        parts.append(str(given.value))
    if not parts:
        return None
    return f"hfid={schema.kind}__{'__'.join(parts)} rel={rel.name}"
