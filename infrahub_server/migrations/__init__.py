"""What happens to existing data when a changed schema is loaded on a branch.

plan = plan_schema_migration(old, new, reader)   reads the branch's data; raises SchemaError naming
                                                 the kind, the field and the count of objects in the way
apply_schema_migration(plan, writer)             writes the data changes (defaults, conversions,
                                                 removed values and edges) in the schema's change set
"""

from infrahub_server.migrations.changes import (
    AttributeRemoval,
    AttributeWrite,
    EdgeRemoval,
    MigrationPlan,
    Refusal,
)
from infrahub_server.migrations.planner import apply_schema_migration, plan_schema_migration

__all__ = [
    "AttributeRemoval",
    "AttributeWrite",
    "EdgeRemoval",
    "MigrationPlan",
    "Refusal",
    "apply_schema_migration",
    "plan_schema_migration",
]
