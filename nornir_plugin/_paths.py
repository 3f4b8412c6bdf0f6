"""Dotted mapping paths (`site.region.name`) checked against the schema and turned into steps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

# Node-level fields a path may end at besides attributes.
NODE_FIELDS = ("id", "display_label", "hfid")


class AttributeLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...


class RelationshipLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def peer(self) -> str: ...
    @property
    def cardinality(self) -> str: ...


class SchemaLike(Protocol):
    """What the plugin reads from the SDK's `NodeSchemaAPI` / `GenericSchemaAPI`."""

    @property
    def kind(self) -> str: ...
    @property
    def hash(self) -> str | None: ...
    @property
    def attributes(self) -> Sequence[AttributeLike]: ...
    @property
    def relationships(self) -> Sequence[RelationshipLike]: ...


SchemaLookup = Callable[[str], SchemaLike]


class StepKind(Enum):
    ONE = "one"
    MANY = "many"
    ATTRIBUTE = "attribute"
    FIELD = "field"


@dataclass(frozen=True)
class Step:
    name: str
    kind: StepKind


@dataclass(frozen=True)
class ResolvedPath:
    path: str
    steps: tuple[Step, ...]
    value_kind: str | None
    """The attribute kind at the end (`IPHost`, `Text`...), None for node fields such as `id`."""
    kinds: tuple[str, ...]
    """Every schema kind the path walks through, host kind first."""

    @property
    def many(self) -> bool:
        return any(step.kind is StepKind.MANY for step in self.steps)


def attribute_kind(schema: SchemaLike, name: str) -> str | None:
    return next((item.kind for item in schema.attributes if item.name == name), None)


def relationship(schema: SchemaLike, name: str) -> RelationshipLike | None:
    return next((item for item in schema.relationships if item.name == name), None)


def resolve_path(option: str, path: str, kind: str, schema_of: SchemaLookup) -> ResolvedPath:
    """Check `path` against the schema of `kind`; `option` names the option in error messages."""
    *hops, last = path.split(".")
    steps: list[Step] = []
    kinds = [kind]
    schema = schema_of(kind)
    for segment in hops:
        rel = relationship(schema, segment)
        if rel is None:
            if attribute_kind(schema, segment) is not None or segment in NODE_FIELDS:
                raise ValueError(
                    f"{option} {path!r}: {segment!r} is an attribute of {schema.kind}, nothing can follow it"
                )
            raise ValueError(
                f"{option} {path!r}: {segment!r} is neither an attribute nor a relationship of {schema.kind}"
            )
        steps.append(Step(segment, StepKind.MANY if rel.cardinality == "many" else StepKind.ONE))
        schema = schema_of(rel.peer)
        kinds.append(schema.kind)
    rel = relationship(schema, last)
    if rel is not None:
        raise ValueError(
            f"{option} {path!r}: ends at the relationship {last!r} of {schema.kind}; "
            f"name an attribute of {rel.peer} after it (e.g. '{path}.name')"
        )
    value_kind = attribute_kind(schema, last)
    if value_kind is None and last not in NODE_FIELDS:
        raise ValueError(
            f"{option} {path!r}: {last!r} is neither an attribute nor a relationship of {schema.kind}"
        )
    steps.append(Step(last, StepKind.FIELD if value_kind is None else StepKind.ATTRIBUTE))
    return ResolvedPath(path, tuple(steps), value_kind, tuple(kinds))
