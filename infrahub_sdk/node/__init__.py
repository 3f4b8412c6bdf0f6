"""Nodes, their attributes and relationships."""

from infrahub_sdk._async.node import InfrahubNode, RelatedNode, RelationshipManager
from infrahub_sdk._multipart import UploadResult
from infrahub_sdk._sync.node import InfrahubNodeSync, RelatedNodeSync, RelationshipManagerSync

from ._core import InfrahubNodeBase
from ._related import RelatedNodeBase, RelationshipManagerBase
from .attribute import Attribute
from .constants import (
    ARTIFACT_DEFINITION_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE,
    ARTIFACT_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE,
    ARTIFACT_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE,
    HFID_STR_SEPARATOR,
    HIERARCHY_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE,
    IP_TYPES,
    PROPERTIES_FLAG,
    PROPERTIES_OBJECT,
    SAFE_VALUE,
)
from .parsers import parse_human_friendly_id
from .property import NodeProperty

__all__ = [
    "ARTIFACT_DEFINITION_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE",
    "ARTIFACT_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE",
    "ARTIFACT_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE",
    "HFID_STR_SEPARATOR",
    "HIERARCHY_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE",
    "IP_TYPES",
    "PROPERTIES_FLAG",
    "PROPERTIES_OBJECT",
    "SAFE_VALUE",
    "Attribute",
    "InfrahubNode",
    "InfrahubNodeBase",
    "InfrahubNodeSync",
    "NodeProperty",
    "RelatedNode",
    "RelatedNodeBase",
    "RelatedNodeSync",
    "RelationshipManager",
    "RelationshipManagerBase",
    "RelationshipManagerSync",
    "UploadResult",
    "parse_human_friendly_id",
]
