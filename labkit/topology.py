"""The lab's topology, read from the source of truth: devices, interfaces with addresses, cables, BGP peers."""

from __future__ import annotations

import ipaddress
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from infrahub_sdk import InfrahubClientSync
from labkit.errors import LabError
from labkit.names import linux_interface_names

TOPOLOGY_QUERY = """
query LabTopology {
  NetDevice {
    edges {
      node {
        id
        name { value }
        platform { node { name { value } } }
        interfaces {
          edges {
            node {
              id
              name { value }
              role { value }
              enabled { value }
              ip_addresses { edges { node { address { value } } } }
            }
          }
        }
        bgp_sessions {
          edges {
            node {
              status { value }
              remote_address { node { address { value } } }
            }
          }
        }
      }
    }
  }
  NetCable {
    edges {
      node {
        name { value }
        endpoint_a { node { id } }
        endpoint_b { node { id } }
      }
    }
  }
}
"""


@dataclass(frozen=True)
class Interface:
    name: str
    linux_name: str
    role: str
    enabled: bool
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class Router:
    name: str
    interfaces: tuple[Interface, ...]
    bgp_peers: tuple[str, ...]
    """Remote addresses of the device's active BGP sessions, as the data has them."""

    @property
    def management(self) -> Interface | None:
        return next((i for i in self.interfaces if i.role == "management" and i.addresses), None)

    @property
    def management_address(self) -> str | None:
        interface = self.management
        return interface.addresses[0].split("/")[0] if interface else None

    @property
    def loopback_addresses(self) -> tuple[str, ...]:
        return tuple(
            address.split("/")[0]
            for interface in self.interfaces
            if interface.role == "loopback"
            for address in interface.addresses
        )

    @property
    def interface_map(self) -> dict[str, str]:
        """Only the names that had to change to fit Linux."""
        return {i.name: i.linux_name for i in self.interfaces if i.name != i.linux_name}


@dataclass(frozen=True)
class Endpoint:
    router: str
    interface: str
    """Linux name of the interface."""


@dataclass(frozen=True)
class Link:
    cable: str
    a: Endpoint
    b: Endpoint


@dataclass(frozen=True)
class Topology:
    routers: tuple[Router, ...]
    links: tuple[Link, ...]

    def router(self, name: str) -> Router:
        for router in self.routers:
            if router.name == name:
                return router
        raise LabError(f"no router {name!r} in the lab")

    def management_network(self) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
        """The one network all management addresses belong to; None when no device has one."""
        networks = {
            ipaddress.ip_interface(router.management.addresses[0]).network
            for router in self.routers
            if router.management
        }
        if len(networks) > 1:
            raise LabError(f"management addresses span several networks: {sorted(map(str, networks))}")
        return networks.pop() if networks else None


def read_topology(
    client: InfrahubClientSync, branch: str | None = None, platforms: Collection[str] = ("frr",)
) -> Topology:
    """The devices of `platforms` on `branch` and the cables between them."""
    data = client.execute_graphql(TOPOLOGY_QUERY, branch_name=branch)
    return topology_from_data(data, platforms)


def topology_from_data(data: dict[str, Any], platforms: Collection[str]) -> Topology:
    routers = []
    endpoints: dict[str, Endpoint] = {}
    for edge in data["NetDevice"]["edges"]:
        node = edge["node"]
        platform = (node.get("platform") or {}).get("node") or {}
        if platform.get("name", {}).get("value") not in platforms:
            continue
        router = _router(node)
        routers.append(router)
        interface_ids = [item["node"]["id"] for item in node["interfaces"]["edges"]]
        for interface_id, interface in zip(interface_ids, router.interfaces, strict=True):
            endpoints[interface_id] = Endpoint(router.name, interface.linux_name)
    if not routers:
        raise LabError(f"no device of platform {', '.join(sorted(platforms))} in the source of truth")
    links = []
    for edge in data["NetCable"]["edges"]:
        node = edge["node"]
        a = endpoints.get(((node.get("endpoint_a") or {}).get("node") or {}).get("id", ""))
        b = endpoints.get(((node.get("endpoint_b") or {}).get("node") or {}).get("id", ""))
        if a and b:
            links.append(Link(node["name"]["value"], a, b))
    routers.sort(key=lambda router: router.name)
    links.sort(key=lambda link: link.cable)
    return Topology(tuple(routers), tuple(links))


def _router(node: dict[str, Any]) -> Router:
    raw = [item["node"] for item in node["interfaces"]["edges"]]
    names = linux_interface_names([interface["name"]["value"] for interface in raw])
    interfaces = tuple(
        Interface(
            name=interface["name"]["value"],
            linux_name=names[interface["name"]["value"]],
            role=interface["role"]["value"] or "",
            enabled=bool(interface["enabled"]["value"]),
            addresses=tuple(a["node"]["address"]["value"] for a in interface["ip_addresses"]["edges"]),
        )
        for interface in raw
    )
    peers = []
    for item in node["bgp_sessions"]["edges"]:
        session = item["node"]
        remote = (session.get("remote_address") or {}).get("node")
        if remote and session["status"]["value"] == "active":
            peers.append(remote["address"]["value"].split("/")[0])
    return Router(node["name"]["value"], interfaces, tuple(sorted(peers, key=ipaddress.ip_address)))
