"""Node operations: validate mutation input, then create, update, upsert and delete nodes and their
relationships through a store writer; compute HFIDs and display labels for reads."""

from infrahub_server.nodes.edges import edge_ends, edge_side, kind_matches, peer_of
from infrahub_server.nodes.hooks import NodeHooks
from infrahub_server.nodes.identity import (
    Identity,
    IdentityPaths,
    compute_display_label,
    compute_hfid,
    identity_paths,
    load_identities,
)
from infrahub_server.nodes.lookup import hfid_filters
from infrahub_server.nodes.service import NodeService

__all__ = [
    "Identity",
    "IdentityPaths",
    "NodeHooks",
    "NodeService",
    "compute_display_label",
    "compute_hfid",
    "edge_ends",
    "edge_side",
    "hfid_filters",
    "identity_paths",
    "kind_matches",
    "load_identities",
    "peer_of",
]
