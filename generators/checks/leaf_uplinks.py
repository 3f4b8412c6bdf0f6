"""Check: every leaf has two enabled uplinks."""

from __future__ import annotations

from typing import Any

from checks.fabric_rules import leaf_uplink_findings
from infrahub_sdk.checks import InfrahubCheck


class LeafUplinks(InfrahubCheck):
    query = "leaf_uplinks"

    def validate(self, data: dict[str, Any]) -> None:
        for finding in leaf_uplink_findings(data):
            self.log_error(
                message=finding.message, object_id=finding.object_id, object_type=finding.object_type
            )
