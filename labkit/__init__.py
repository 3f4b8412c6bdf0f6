"""A lab of FRRouting routers in Linux network namespaces, built from the source of truth."""

from labkit.errors import LabError, PrerequisiteError
from labkit.frr import bgp_summary, config_diff, peer_states, push_config
from labkit.lab import Cleanup, Lab, RouterStatus
from labkit.prerequisites import missing_prerequisites, require_prerequisites
from labkit.topology import Topology, read_topology, topology_from_data

__all__ = [
    "Cleanup",
    "Lab",
    "LabError",
    "PrerequisiteError",
    "RouterStatus",
    "Topology",
    "bgp_summary",
    "config_diff",
    "missing_prerequisites",
    "peer_states",
    "push_config",
    "read_topology",
    "require_prerequisites",
    "topology_from_data",
]
