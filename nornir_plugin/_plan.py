"""A host kind's options checked against the schema: the paths to read and the query that fetches them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._options import HostKind
from ._paths import ResolvedPath, SchemaLookup, Step, StepKind, attribute_kind, relationship, resolve_path
from ._query import GROUP_MEMBERSHIP, build_query


@dataclass(frozen=True)
class KindPlan:
    host_kind: HostKind
    name: ResolvedPath
    host_fields: Mapping[str, ResolvedPath]
    """Nornir host fields other than the name (`hostname`, `platform`...)."""
    groups: tuple[ResolvedPath, ...]
    data: Mapping[str, ResolvedPath]
    query: str
    schema_hashes: Mapping[str, str | None]
    """Hash of every kind the paths touch, for cache keys."""

    @property
    def kind(self) -> str:
        return self.host_kind.kind


def plan_host_kind(where: str, host_kind: HostKind, schema_of: SchemaLookup) -> KindPlan:
    """Resolve every mapping of `host_kind`; `where` names the option (`host_node`, `host_nodes[1]`)."""
    kind = host_kind.kind
    schema = schema_of(kind)

    def resolve(option: str, path: str) -> ResolvedPath:
        return resolve_path(f"{where} {option}", path, kind, schema_of)

    fields = {name: resolve("schema_mappings", path) for name, path in host_kind.schema_mappings.items()}
    for name, resolved in fields.items():
        if resolved.many:
            raise ValueError(
                f"{where} schema_mappings {resolved.path!r}: goes through a many-relationship, but host field "
                f"{name!r} takes one value; use data_mappings to get the list"
            )
    name_path = fields.pop("name", None)
    if name_path is None:
        name_kind = attribute_kind(schema, "name")
        if name_kind is None:
            raise ValueError(
                f"{where}: {kind} has no 'name' attribute; add a schema_mappings entry "
                "{'name': 'name', 'mapping': <path>} to name the hosts"
            )
        name_path = ResolvedPath("name", (Step("name", StepKind.ATTRIBUTE),), name_kind, (kind,))
    groups = tuple(resolve("group_mappings", path) for path in host_kind.group_mappings)
    data = {key: resolve("data_mappings", path) for key, path in host_kind.data_mappings.items()}

    paths = [name_path, *fields.values(), *groups, *data.values()]
    hashes = {touched: schema_of(touched).hash for path in paths for touched in path.kinds}
    query = build_query(
        kind,
        (path.steps for path in paths),
        host_kind.filters,
        groups=relationship(schema, GROUP_MEMBERSHIP) is not None,
    )
    return KindPlan(host_kind, name_path, fields, groups, data, query, hashes)
