"""Check: no IP address (host part) is used twice."""

from __future__ import annotations

from typing import Any

from checks.fabric_rules import duplicate_address_findings
from infrahub_sdk.checks import InfrahubCheck


class DuplicateAddresses(InfrahubCheck):
    query = "ip_addresses"

    def validate(self, data: dict[str, Any]) -> None:
        for finding in duplicate_address_findings(data):
            self.log_error(
                message=finding.message, object_id=finding.object_id, object_type=finding.object_type
            )
