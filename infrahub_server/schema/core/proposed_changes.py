"""Proposed changes with their threads, comments, validators and checks."""

from __future__ import annotations

from infrahub_server.schema.core.definition import Definition

PROPOSED_CHANGE: Definition = {
    "name": "ProposedChange",
    "namespace": "Core",
    "label": "Proposed Change",
    "description": "Metadata related to a proposed change",
    "icon": "mdi:file-replace-outline",
    "documentation": "/topics/proposed-change",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "name__value",
    "display_label": "name__value",
    "inherit_from": ["CoreTaskTarget"],
    "generate_profile": False,
    "attributes": [
        {"name": "name", "kind": "Text"},
        {"name": "description", "kind": "TextArea", "optional": True},
        {"name": "source_branch", "kind": "Text", "description": "Name of the branch containing the changes"},
        {
            "name": "destination_branch",
            "kind": "Text",
            "description": "Name of the branch to merge changes into",
        },
        {
            "name": "state",
            "kind": "Text",
            "default_value": "open",
            "description": "Current state of the proposed change",
            "enum": ["open", "merged", "merging", "closed", "canceled"],
        },
        {
            "name": "is_draft",
            "kind": "Boolean",
            "default_value": False,
            "description": "Whether the proposed change is still a draft",
        },
        {
            "name": "total_comments",
            "kind": "Number",
            "description": "Total number of comments on this proposed change",
            "optional": True,
            "read_only": True,
        },
    ],
    "relationships": [
        {
            "name": "approved_by",
            "peer": "CoreGenericAccount",
            "kind": "Attribute",
            "read_only": True,
            "identifier": "coreaccount__proposedchange_approved_by",
        },
        {
            "name": "rejected_by",
            "peer": "CoreGenericAccount",
            "kind": "Attribute",
            "read_only": True,
            "identifier": "coreaccount__proposedchange_rejected_by",
        },
        {
            "name": "reviewers",
            "peer": "CoreGenericAccount",
            "kind": "Attribute",
            "identifier": "coreaccount__proposedchange_reviewed_by",
        },
        {"name": "comments", "peer": "CoreChangeComment", "kind": "Component"},
        {
            "name": "threads",
            "peer": "CoreThread",
            "kind": "Component",
            "identifier": "proposedchange__thread",
        },
        {
            "name": "validations",
            "peer": "CoreValidator",
            "kind": "Component",
            "identifier": "proposed_change__validator",
        },
    ],
}

THREAD: Definition = {
    "name": "Thread",
    "namespace": "Core",
    "description": "A thread on a Proposed Change",
    "include_in_menu": False,
    "branch": "agnostic",
    "restricted_namespaces": ["Core"],
    "attributes": [
        {"name": "label", "kind": "Text", "optional": True},
        {
            "name": "resolved",
            "kind": "Boolean",
            "default_value": False,
            "description": "Whether the thread has been marked as resolved",
        },
    ],
    "relationships": [
        {
            "name": "change",
            "peer": "CoreProposedChange",
            "cardinality": "one",
            "kind": "Parent",
            "optional": False,
            "identifier": "proposedchange__thread",
        },
        {
            "name": "comments",
            "peer": "CoreThreadComment",
            "kind": "Component",
            "identifier": "thread__threadcomment",
        },
    ],
}

CHANGE_THREAD: Definition = {
    "name": "ChangeThread",
    "namespace": "Core",
    "label": "Change Thread",
    "description": "A thread on proposed change",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreThread"],
    "generate_profile": False,
}

FILE_THREAD: Definition = {
    "name": "FileThread",
    "namespace": "Core",
    "label": "Thread - File",
    "description": "A thread related to a file on a proposed change",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreThread"],
    "generate_profile": False,
    "attributes": [
        {"name": "file", "kind": "Text", "description": "Path to the file being discussed", "optional": True},
        {
            "name": "commit",
            "kind": "Text",
            "description": "Git commit hash the thread refers to",
            "optional": True,
        },
        {
            "name": "line_number",
            "kind": "Number",
            "description": "Line number in the file being discussed",
            "optional": True,
        },
    ],
    "relationships": [
        {"name": "repository", "peer": "CoreRepository", "cardinality": "one", "optional": False}
    ],
}

ARTIFACT_THREAD: Definition = {
    "name": "ArtifactThread",
    "namespace": "Core",
    "label": "Thread - Artifact",
    "description": "A thread related to an artifact on a proposed change",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreThread"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "artifact_id",
            "kind": "Text",
            "description": "Unique identifier of the artifact being discussed",
            "optional": True,
        },
        {
            "name": "storage_id",
            "kind": "Text",
            "description": "ID of the artifact in the object store",
            "optional": True,
        },
        {
            "name": "line_number",
            "kind": "Number",
            "description": "Line number in the artifact being discussed",
            "optional": True,
        },
    ],
}

OBJECT_THREAD: Definition = {
    "name": "ObjectThread",
    "namespace": "Core",
    "label": "Thread - Object",
    "description": "A thread related to an object on a proposed change",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreThread"],
    "generate_profile": False,
    "attributes": [
        {"name": "object_path", "kind": "Text", "description": "Path to the object being discussed"}
    ],
}

COMMENT: Definition = {
    "name": "Comment",
    "namespace": "Core",
    "description": "A comment on a Proposed Change",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "text__value",
    "restricted_namespaces": ["Core"],
    "attributes": [{"name": "text", "kind": "TextArea", "description": "Content of the comment"}],
}

CHANGE_COMMENT: Definition = {
    "name": "ChangeComment",
    "namespace": "Core",
    "label": "Change Comment",
    "description": "A comment on proposed change",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "text__value",
    "inherit_from": ["CoreComment"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "change",
            "peer": "CoreProposedChange",
            "cardinality": "one",
            "kind": "Parent",
            "optional": False,
        }
    ],
}

THREAD_COMMENT: Definition = {
    "name": "ThreadComment",
    "namespace": "Core",
    "label": "Thread Comment",
    "description": "A comment on thread within a Proposed Change",
    "include_in_menu": False,
    "branch": "agnostic",
    "default_filter": "text__value",
    "inherit_from": ["CoreComment"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "thread",
            "peer": "CoreThread",
            "cardinality": "one",
            "kind": "Parent",
            "optional": False,
            "identifier": "thread__threadcomment",
        }
    ],
}

VALIDATOR: Definition = {
    "name": "Validator",
    "namespace": "Core",
    "description": "A validator that runs checks against a proposed change",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "label__value",
    "order_by": ["started_at__value"],
    "restricted_namespaces": ["Core"],
    "attributes": [
        {"name": "label", "kind": "Text", "optional": True},
        {
            "name": "state",
            "kind": "Text",
            "default_value": "queued",
            "description": "Current execution state of the validator",
            "enum": ["queued", "in_progress", "completed"],
        },
        {
            "name": "conclusion",
            "kind": "Text",
            "default_value": "unknown",
            "description": "Final outcome of the validation",
            "enum": ["unknown", "failure", "success"],
        },
        {
            "name": "completed_at",
            "kind": "DateTime",
            "description": "Timestamp when the validator finished",
            "optional": True,
        },
        {
            "name": "started_at",
            "kind": "DateTime",
            "description": "Timestamp when the validator started",
            "optional": True,
        },
    ],
    "relationships": [
        {
            "name": "proposed_change",
            "peer": "CoreProposedChange",
            "cardinality": "one",
            "kind": "Parent",
            "optional": False,
            "identifier": "proposed_change__validator",
        },
        {"name": "checks", "peer": "CoreCheck", "kind": "Component", "identifier": "validator__check"},
    ],
}

DATA_VALIDATOR: Definition = {
    "name": "DataValidator",
    "namespace": "Core",
    "label": "Data Validator",
    "description": "A check to validate the data integrity between two branches",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreValidator"],
    "generate_profile": False,
}

REPOSITORY_VALIDATOR: Definition = {
    "name": "RepositoryValidator",
    "namespace": "Core",
    "label": "Repository Validator",
    "description": "A Validator related to a specific repository",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreValidator"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "repository",
            "peer": "CoreGenericRepository",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
        }
    ],
}

USER_VALIDATOR: Definition = {
    "name": "UserValidator",
    "namespace": "Core",
    "label": "User Validator",
    "description": "A Validator related to a user defined checks in a repository",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreValidator"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "check_definition",
            "peer": "CoreCheckDefinition",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
            "branch": "agnostic",
        },
        {
            "name": "repository",
            "peer": "CoreGenericRepository",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
        },
    ],
}

SCHEMA_VALIDATOR: Definition = {
    "name": "SchemaValidator",
    "namespace": "Core",
    "label": "Schema Validator",
    "description": "A validator related to the schema",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreValidator"],
    "generate_profile": False,
}

ARTIFACT_VALIDATOR: Definition = {
    "name": "ArtifactValidator",
    "namespace": "Core",
    "label": "Artifact Validator",
    "description": "A validator related to the artifacts",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreValidator"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "definition",
            "peer": "CoreArtifactDefinition",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
            "branch": "agnostic",
        }
    ],
}

GENERATOR_VALIDATOR: Definition = {
    "name": "GeneratorValidator",
    "namespace": "Core",
    "label": "Generator Validator",
    "description": "A validator related to generators",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreValidator"],
    "generate_profile": False,
    "relationships": [
        {
            "name": "definition",
            "peer": "CoreGeneratorDefinition",
            "cardinality": "one",
            "kind": "Attribute",
            "optional": False,
            "branch": "agnostic",
        }
    ],
}

CHECK: Definition = {
    "name": "Check",
    "namespace": "Core",
    "description": "A check result within a validator that reports on specific validation outcomes",
    "include_in_menu": False,
    "branch": "agnostic",
    "display_label": "label__value",
    "attributes": [
        {"name": "name", "kind": "Text", "optional": True},
        {"name": "label", "kind": "Text", "optional": True},
        {"name": "origin", "kind": "Text", "description": "Source that created this check"},
        {
            "name": "kind",
            "kind": "Text",
            "description": "Type of check being performed",
            "parameters": {"max_length": 64, "min_length": 3, "regex": "^[A-Z][a-zA-Z0-9]+$"},
        },
        {
            "name": "message",
            "kind": "TextArea",
            "description": "Detailed message about the check result",
            "optional": True,
        },
        {
            "name": "conclusion",
            "kind": "Text",
            "default_value": "unknown",
            "description": "Outcome of the check",
            "enum": ["unknown", "failure", "success"],
        },
        {
            "name": "severity",
            "kind": "Text",
            "default_value": "info",
            "description": "Severity level of any issues found",
            "enum": ["success", "info", "warning", "error", "critical"],
        },
        {
            "name": "created_at",
            "kind": "DateTime",
            "description": "Timestamp when the check was created",
            "optional": True,
        },
    ],
    "relationships": [
        {
            "name": "validator",
            "peer": "CoreValidator",
            "cardinality": "one",
            "kind": "Parent",
            "optional": False,
            "identifier": "validator__check",
        }
    ],
}

DATA_CHECK: Definition = {
    "name": "DataCheck",
    "namespace": "Core",
    "label": "Data Check",
    "description": "A check related to some Data",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCheck"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "conflicts",
            "kind": "JSON",
            "description": "Details of detected data conflicts between branches",
        },
        {
            "name": "keep_branch",
            "kind": "Text",
            "description": "Which branch data to keep when resolving conflicts",
            "enum": ["target", "source"],
            "optional": True,
        },
        {
            "name": "enriched_conflict_id",
            "kind": "Text",
            "description": "Unique identifier for the enriched conflict",
            "optional": True,
        },
    ],
}

STANDARD_CHECK: Definition = {
    "name": "StandardCheck",
    "namespace": "Core",
    "label": "Standard Check",
    "description": "A standard check",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCheck"],
    "generate_profile": False,
}

SCHEMA_CHECK: Definition = {
    "name": "SchemaCheck",
    "namespace": "Core",
    "label": "Schema Check",
    "description": "A check related to the schema",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCheck"],
    "generate_profile": False,
    "attributes": [
        {"name": "conflicts", "kind": "JSON", "description": "Details of detected schema conflicts"},
        {
            "name": "enriched_conflict_id",
            "kind": "Text",
            "description": "Unique identifier for the enriched conflict",
            "optional": True,
        },
    ],
}

FILE_CHECK: Definition = {
    "name": "FileCheck",
    "namespace": "Core",
    "label": "File Check",
    "description": "A check related to a file in a Git Repository",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCheck"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "files",
            "kind": "List",
            "description": "List of files involved in this check",
            "optional": True,
        },
        {
            "name": "commit",
            "kind": "Text",
            "description": "Git commit hash associated with this check",
            "optional": True,
        },
    ],
}

ARTIFACT_CHECK: Definition = {
    "name": "ArtifactCheck",
    "namespace": "Core",
    "label": "Artifact Check",
    "description": "A check related to an artifact",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCheck"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "changed",
            "kind": "Boolean",
            "description": "Whether the artifact content has changed",
            "optional": True,
        },
        {
            "name": "checksum",
            "kind": "Text",
            "description": "Hash checksum of the artifact content",
            "optional": True,
        },
        {
            "name": "artifact_id",
            "kind": "Text",
            "description": "Unique identifier of the artifact",
            "optional": True,
        },
        {
            "name": "storage_id",
            "kind": "Text",
            "description": "ID of the artifact in the object store",
            "optional": True,
        },
        {
            "name": "line_number",
            "kind": "Number",
            "description": "Line number reference for artifact issues",
            "optional": True,
        },
    ],
}

GENERATOR_CHECK: Definition = {
    "name": "GeneratorCheck",
    "namespace": "Core",
    "label": "Generator Check",
    "description": "A check related to a Generator instance",
    "include_in_menu": False,
    "branch": "agnostic",
    "inherit_from": ["CoreCheck"],
    "generate_profile": False,
    "attributes": [
        {
            "name": "instance",
            "kind": "Text",
            "description": "Identifier of the generator instance being checked",
        }
    ],
}

GENERICS: list[Definition] = [THREAD, COMMENT, VALIDATOR, CHECK]
NODES: list[Definition] = [
    PROPOSED_CHANGE,
    CHANGE_THREAD,
    FILE_THREAD,
    ARTIFACT_THREAD,
    OBJECT_THREAD,
    CHANGE_COMMENT,
    THREAD_COMMENT,
    DATA_VALIDATOR,
    REPOSITORY_VALIDATOR,
    USER_VALIDATOR,
    SCHEMA_VALIDATOR,
    ARTIFACT_VALIDATOR,
    GENERATOR_VALIDATOR,
    DATA_CHECK,
    STANDARD_CHECK,
    SCHEMA_CHECK,
    FILE_CHECK,
    ARTIFACT_CHECK,
    GENERATOR_CHECK,
]
