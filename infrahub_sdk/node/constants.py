"""Constants of the node layer (the official module names them the same)."""

from __future__ import annotations

import ipaddress
import re

PROPERTIES_FLAG = ["is_protected", "updated_at"]
PROPERTIES_OBJECT = ["source", "owner"]

# Strings outside this set travel as GraphQL variables rather than inline literals.
SAFE_VALUE = re.compile(r"(^[\. /:a-zA-Z0-9_-]+$)|(^$)")

IP_TYPES = ipaddress.IPv4Interface | ipaddress.IPv6Interface | ipaddress.IPv4Network | ipaddress.IPv6Network
IP_ADDRESS_TYPES = ipaddress.IPv4Address | ipaddress.IPv6Address

HFID_STR_SEPARATOR = "__"

ARTIFACT_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE = (
    "calling artifact_fetch is only supported for nodes that are Artifact Definition target"
)
ARTIFACT_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE = (
    "calling artifact_generate is only supported for nodes that are Artifact Definition targets"
)
ARTIFACT_DEFINITION_GENERATE_FEATURE_NOT_SUPPORTED_MESSAGE = (
    "calling generate is only supported for CoreArtifactDefinition nodes"
)
HIERARCHY_FETCH_FEATURE_NOT_SUPPORTED_MESSAGE = "Hierarchical fields are not supported for this node."
PROFILE_KIND_PREFIX = "Profile"
FILE_UPLOAD_FEATURE_NOT_SUPPORTED_MESSAGE = (
    "File upload is only supported for nodes that inherit from CoreFileObject"
)
FILE_DOWNLOAD_FEATURE_NOT_SUPPORTED_MESSAGE = (
    "calling download_file is only supported for nodes that inherit from CoreFileObject"
)
