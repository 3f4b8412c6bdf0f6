"""Schemas: the core kinds, schema files, their processing, and what the schema routes serve.

core_schema()                      the processed core schema (cached, do not mutate)
load_schema_files(current, files)  -> SchemaLoadResult (new branch schema, diff, warnings, hashes)
api_payload / kind_payload / summary_payload   bodies of the GET /api/schema routes
SchemaRequestError                 request validation failed (422 `detail`)
infrahub_server.errors.SchemaError processing refused the schema (Infrahub's message)
"""

from __future__ import annotations

from functools import lru_cache

from infrahub_server.schema.core import CORE_GENERICS, CORE_NODES
from infrahub_server.schema.hashing import seal
from infrahub_server.schema.loading import SchemaLoadResult, SchemaRequestError, load_schema_files
from infrahub_server.schema.models import GenericSchema, NodeSchema, SchemaBranch
from infrahub_server.schema.payload import api_payload, kind_payload, summary_payload
from infrahub_server.schema.processing import process_schema


@lru_cache(maxsize=1)
def core_schema() -> SchemaBranch:
    """The core kinds alone, processed. Shared: copy it (`model_copy(deep=True)`) before changing it."""
    branch = SchemaBranch()
    for definition in CORE_NODES:
        node = NodeSchema.model_validate(definition)
        branch.nodes[node.namespace + node.name] = node
    for definition in CORE_GENERICS:
        generic = GenericSchema.model_validate(definition)
        branch.generics[generic.namespace + generic.name] = generic
    process_schema(branch)
    seal(branch)
    return branch


__all__ = [
    "SchemaLoadResult",
    "SchemaRequestError",
    "api_payload",
    "core_schema",
    "kind_payload",
    "load_schema_files",
    "summary_payload",
]
