"""Schema models and the managers behind `client.schema`."""

from infrahub_sdk._async.schema import InfrahubSchema
from infrahub_sdk._sync.schema import InfrahubSchemaSync

from ._base import InfrahubSchemaBase
from .export import NamespaceExport, SchemaExport, schema_to_export_dict
from .main import (
    AttributeKind,
    AttributeSchema,
    AttributeSchemaAPI,
    BranchSchema,
    BranchSupportType,
    GenericSchema,
    GenericSchemaAPI,
    MainSchemaTypesAPI,
    NodeSchema,
    NodeSchemaAPI,
    ProfileSchemaAPI,
    RelationshipCardinality,
    RelationshipDirection,
    RelationshipKind,
    RelationshipSchema,
    RelationshipSchemaAPI,
    SchemaLoadResponse,
    SchemaRoot,
    SchemaRootAPI,
    TemplateSchemaAPI,
)

__all__ = [
    "AttributeKind",
    "AttributeSchema",
    "AttributeSchemaAPI",
    "BranchSchema",
    "BranchSupportType",
    "GenericSchema",
    "GenericSchemaAPI",
    "InfrahubSchema",
    "InfrahubSchemaBase",
    "InfrahubSchemaSync",
    "MainSchemaTypesAPI",
    "NamespaceExport",
    "NodeSchema",
    "NodeSchemaAPI",
    "ProfileSchemaAPI",
    "RelationshipCardinality",
    "RelationshipDirection",
    "RelationshipKind",
    "RelationshipSchema",
    "RelationshipSchemaAPI",
    "SchemaExport",
    "SchemaLoadResponse",
    "SchemaRoot",
    "SchemaRootAPI",
    "TemplateSchemaAPI",
    "schema_to_export_dict",
]
