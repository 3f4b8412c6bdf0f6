"""The rules behind the repository's checks, without I/O: each returns the findings of a query response."""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

REQUIRED_UPLINKS = 2


@dataclass(frozen=True)
class Finding:
    message: str
    object_id: str
    object_type: str


def leaf_uplink_findings(data: dict[str, Any], required: int = REQUIRED_UPLINKS) -> list[Finding]:
    """Leafs of a `leaf_uplinks` response without exactly `required` enabled uplink interfaces."""
    findings = []
    for edge in data["NetDevice"]["edges"]:
        device = edge["node"]
        uplinks = sorted(
            interface["node"]["name"]["value"]
            for interface in device["interfaces"]["edges"]
            if interface["node"]["role"]["value"] == "uplink" and interface["node"]["enabled"]["value"]
        )
        if len(uplinks) != required:
            listed = ", ".join(uplinks) or "none"
            findings.append(
                Finding(
                    f"{device['name']['value']} needs {required} enabled uplinks, has {len(uplinks)} ({listed})",
                    device["id"],
                    "NetDevice",
                )
            )
    return findings


def _usage(node: dict[str, Any]) -> str:
    interface = (node.get("interface") or {}).get("node")
    if not interface:
        return str(node["address"]["value"])
    device = interface["device"]["node"]["name"]["value"]
    return f"{node['address']['value']} on {device} {interface['name']['value']}"


def duplicate_address_findings(data: dict[str, Any]) -> list[Finding]:
    """Addresses of an `ip_addresses` response whose host part is used more than once, whatever the mask."""
    by_host: dict[ipaddress.IPv4Address | ipaddress.IPv6Address, list[dict[str, Any]]] = defaultdict(list)
    for edge in data["IpamIPAddress"]["edges"]:
        by_host[ipaddress.ip_interface(edge["node"]["address"]["value"]).ip].append(edge["node"])
    findings = []
    for host, nodes in sorted(by_host.items(), key=lambda item: (item[0].version, item[0])):
        if len(nodes) < 2:
            continue
        usages = "; ".join(sorted(_usage(node) for node in nodes))
        for node in nodes:
            findings.append(
                Finding(f"{host} is used {len(nodes)} times: {usages}", node["id"], "IpamIPAddress")
            )
    return findings
