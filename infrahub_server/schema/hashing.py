"""Content hashes: one per kind (md5 of its resolved definition) and one for a whole branch."""

from __future__ import annotations

import hashlib
import json

from infrahub_server.schema.models import KindSchema, SchemaBranch


def kind_hash(schema: KindSchema) -> str:
    content = schema.model_dump(mode="json", exclude={"hash", "id"})
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.md5(encoded, usedforsecurity=False).hexdigest()


def seal(branch: SchemaBranch) -> None:
    """Stamp every kind with its hash, then the branch with the hash of all of them."""
    digest = hashlib.md5(usedforsecurity=False)
    for kind, schema in sorted(branch.all_kinds().items()):
        schema.hash = kind_hash(schema)
        digest.update(kind.encode())
        digest.update(schema.hash.encode())
    branch.hash = digest.hexdigest()
