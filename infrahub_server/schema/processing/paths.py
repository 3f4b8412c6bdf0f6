"""Schema paths such as `name__value` or `device__name__value`, resolved against a kind."""

from __future__ import annotations

from dataclasses import dataclass

from infrahub_server.schema.models import AttributeSchema, KindSchema, RelationshipSchema, SchemaBranch


class PathError(ValueError):
    """A path that does not resolve on its kind; the message is Infrahub's."""


class UnknownKindError(LookupError):
    """A definition names a kind (peer, extension target) that the branch does not have."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def not_found_message(kind: str, branch_name: str) -> str:
    """Infrahub's message for an unknown kind, line breaks and indentation included."""
    return f"\n        Unable to find the schema {kind!r} in the registry\n        {branch_name} | {kind}\n        \n"


def find_kind(branch: SchemaBranch, kind: str) -> KindSchema:
    if not branch.has(kind):
        raise UnknownKindError(kind)
    return branch.get(kind)


@dataclass(frozen=True)
class SchemaPath:
    relationship: RelationshipSchema | None = None
    attribute: AttributeSchema | None = None
    property_name: str | None = None

    @property
    def is_attribute(self) -> bool:
        return self.relationship is None and self.attribute is not None

    @property
    def is_relationship(self) -> bool:
        return self.relationship is not None


def resolve_path(branch: SchemaBranch, schema: KindSchema, path: str) -> SchemaPath:
    parts = path.split("__")
    head = parts[0]
    relationship = schema.get_relationship(head)
    if relationship is not None:
        owner = find_kind(branch, relationship.peer)
        attribute_name, property_name = _at(parts, 1), _at(parts, 2)
    elif schema.get_attribute(head) is not None:
        owner = schema
        attribute_name, property_name = head, _at(parts, 1)
    else:
        raise PathError(f"{path} is invalid on schema {schema.kind}")

    attribute = None
    if attribute_name:
        attribute = owner.get_attribute(attribute_name)
        if attribute is None:
            raise PathError(f"{attribute_name} is not a valid attribute of {owner.kind}")
    return SchemaPath(relationship=relationship, attribute=attribute, property_name=property_name)


def _at(parts: list[str], index: int) -> str | None:
    return parts[index] if len(parts) > index else None
