"""Branches: `BranchData`, `BranchStatus` and the managers behind `client.branch`."""

from ._async.branch import InfrahubBranchManager
from ._branch_data import BranchData, BranchStatus
from ._sync.branch import InfrahubBranchManagerSync

__all__ = ["BranchData", "BranchStatus", "InfrahubBranchManager", "InfrahubBranchManagerSync"]
