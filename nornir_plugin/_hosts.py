"""Nornir hosts and groups built straight from the query's response dicts (no SDK node per host)."""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from nornir.core.inventory import Defaults, Group, Groups, Host, Hosts, ParentGroups

from ._paths import ResolvedPath, Step, StepKind
from ._plan import KindPlan
from ._query import GROUP_MEMBERSHIP

logger = logging.getLogger(__name__)

STANDARD_GROUP = "CoreStandardGroup"
NodeLoader = Callable[[str, str], Any]
"""`(kind, id) -> SDK node`, called the first time a task reads `host.data["InfrahubNode"]`."""


class HostData(dict[str, Any]):
    """A host's data; `["InfrahubNode"]` fetches the SDK node on first use, as nornir-infrahub's tasks expect it."""

    __slots__ = ("_load_node",)

    def __init__(self, values: Mapping[str, Any], load_node: NodeLoader | None) -> None:
        super().__init__(values)
        self._load_node = load_node

    def __missing__(self, key: str) -> Any:
        if key != "InfrahubNode" or self._load_node is None:
            raise KeyError(key)
        identity = self["infrahub"]
        node = self._load_node(identity["kind"], identity["id"])
        self[key] = node
        return node


def add_hosts(
    plan: KindPlan,
    edges: Sequence[Mapping[str, Any]],
    hosts: Hosts,
    groups: Groups,
    defaults: Defaults,
    load_node: NodeLoader | None = None,
) -> None:
    """Add one host per node in `edges` (the `edges` list of the plan's query) to `hosts` and `groups`."""
    name_of = _host_getter(plan.name)
    fields = [(field, _host_getter(path)) for field, path in plan.host_fields.items()]
    group_paths = [(path.path.split(".", 1)[0], _host_getter(path), path.many) for path in plan.groups]
    data_paths = [(key, getter(path.steps)) for key, path in plan.data.items()]
    for edge in edges:
        node = edge["node"]
        name = name_of(node)
        if name is None or name == "":
            logger.warning(
                "%s %s has no name: not added to the inventory", node.get("__typename"), node.get("id")
            )
            continue
        name = str(name)
        if name in hosts:
            logger.warning(
                "host %r is already in the inventory: %s %s skipped", name, node["__typename"], node["id"]
            )
            continue
        data: dict[str, Any] = {"infrahub": {"id": node["id"], "kind": node["__typename"]}}
        for key, read in data_paths:
            data[key] = read(node)
        values = {field: read(node) for field, read in fields}
        host = Host(
            name=name,
            hostname=values.get("hostname"),
            port=values.get("port"),
            username=values.get("username"),
            password=values.get("password"),
            platform=values.get("platform"),
            data=HostData(data, load_node),
            defaults=defaults,
        )
        host.groups = ParentGroups(
            _group(groups, defaults, group) for group in _group_names(node, group_paths)
        )
        hosts[name] = host


def _group_names(node: Mapping[str, Any], group_paths: list[tuple[str, Getter, bool]]) -> list[str]:
    names: dict[str, None] = {}
    membership = node.get(GROUP_MEMBERSHIP)
    if membership:
        for edge in membership["edges"]:
            peer = edge["node"]
            if peer["__typename"] == STANDARD_GROUP and peer["name"]["value"]:
                names[peer["name"]["value"]] = None
    for prefix, read, many in group_paths:
        value = read(node)
        for item in value if many else (value,):
            slug = slugify(item)
            if slug:
                names[f"{prefix}__{slug}"] = None
    return list(names)


def _group(groups: Groups, defaults: Defaults, name: str) -> Group:
    group = groups.get(name)
    if group is None:
        group = groups[name] = Group(name=name, defaults=defaults)
    return group


Getter = Callable[[Mapping[str, Any] | None], Any]


def getter(steps: tuple[Step, ...]) -> Getter:
    """A function reading the value at the end of `steps` from a node dict, compiled once per path.

    A path through a many-relationship gives a list (nulls left out, nested lists flattened).
    """
    step, rest = steps[0], steps[1:]
    name = step.name
    if step.kind is StepKind.ATTRIBUTE:

        def attribute(node: Mapping[str, Any] | None) -> Any:
            value = node.get(name) if node else None
            return value.get("value") if value else None

        return attribute
    if step.kind is StepKind.FIELD:
        return lambda node: node.get(name) if node else None
    inner = getter(rest)
    if step.kind is StepKind.ONE:

        def related_one(node: Mapping[str, Any] | None) -> Any:
            related = node.get(name) if node else None
            return inner(related.get("node")) if related else None

        return related_one
    nested = any(later.kind is StepKind.MANY for later in rest)

    def related_many(node: Mapping[str, Any] | None) -> list[Any]:
        related = node.get(name) if node else None
        values: list[Any] = []
        for edge in (related.get("edges") or ()) if related else ():
            value = inner(edge.get("node"))
            if nested:
                values.extend(value)
            elif value is not None:
                values.append(value)
        return values

    return related_many


def _host_getter(path: ResolvedPath) -> Getter:
    """`getter` with IPHost values reduced to the bare address, as nornir-infrahub does for host fields and groups."""
    read = getter(path.steps)
    if path.value_kind != "IPHost":
        return read
    if path.many:
        return lambda node: [_to_address(value) for value in read(node)]
    return lambda node: _to_address(read(node))


def _to_address(value: Any) -> Any:
    """`10.0.0.1/32` -> `10.0.0.1`: IPHost values name a device by its address alone."""
    return value.partition("/")[0] if isinstance(value, str) else value


_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def _slugify_text(text: str) -> str:
    text = _DIGIT_COMMA.sub("", html.unescape(text).lower())
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded).strip("-")
    # python-slugify transliterates other scripts (Tokyo in kanji -> "dong-jing"); without that
    # table, keep the characters rather than lose the group.
    return slug or _NOT_WORD.sub("-", text).strip("-")


def slugify(value: Any) -> str:
    """Group-name slugs as python-slugify makes them for nornir-infrahub (`New York` -> `new-york`)."""
    if value is None:
        return ""
    return _slugify_text(str(value))
