"""The fabric a design describes, computed without I/O: names, ASNs, addresses, links, sessions.

Numbering is stable when a fabric grows by leafs: spine N and leaf N keep their ordinal (N and
100 + N), so their ASN, loopback and management address never move. Link addresses are numbered
leaf by leaf, so adding a leaf appends /31s; changing the number of spines renumbers the links.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any

LEAF_ORDINAL_OFFSET = 100
MAX_SPINES = 99

INTERFACE_NAMES = {
    "eos": {"ethernet": "Ethernet{port}", "loopback": "Loopback0", "management": "Management1"},
}
DEFAULT_INTERFACE_NAMES = {"ethernet": "eth{port}", "loopback": "lo", "management": "eth0"}


class DesignError(ValueError):
    """The design cannot be built (sizes out of range, prefixes too small)."""


@dataclass(frozen=True)
class FabricDesign:
    name: str
    spine_count: int
    leaf_count: int
    asn_base: int
    loopback_prefix: str
    p2p_prefix: str
    sites: tuple[str, ...]
    platform: str
    management_prefix: str | None = None
    mtu: int = 1500


@dataclass(frozen=True)
class PlannedInterface:
    name: str
    role: str
    description: str
    address: str | None
    mtu: int


@dataclass(frozen=True)
class PlannedDevice:
    name: str
    role: str
    ordinal: int
    asn: int
    site: str
    loopback: str
    management: str | None
    interfaces: tuple[PlannedInterface, ...]


@dataclass(frozen=True)
class PlannedLink:
    """A spine-leaf cable; endpoint A is the spine side, which holds the even /31 address."""

    index: int
    spine: str
    spine_interface: str
    spine_address: str
    leaf: str
    leaf_interface: str
    leaf_address: str

    @property
    def cable_name(self) -> str:
        return f"{self.spine}:{self.spine_interface} <> {self.leaf}:{self.leaf_interface}"

    @property
    def prefix(self) -> str:
        return str(ipaddress.ip_interface(self.spine_address).network)


@dataclass(frozen=True)
class PlannedSession:
    device: str
    remote_device: str
    local_as: int
    remote_as: int
    local_address: str
    remote_address: str


@dataclass(frozen=True)
class FabricPlan:
    design: FabricDesign
    devices: tuple[PlannedDevice, ...]
    links: tuple[PlannedLink, ...]
    sessions: tuple[PlannedSession, ...]


def device_ordinal(role: str, index: int) -> int:
    """Spines are numbered 1..99 and leafs 101.. so that adding either never renumbers the other."""
    if role == "spine":
        return index
    return LEAF_ORDINAL_OFFSET + index


def device_name(design_name: str, role: str, index: int) -> str:
    return f"{design_name}-{role}{index}"


def device_asn(asn_base: int, role: str, index: int) -> int:
    """Every device has its own AS, so spine loopbacks stay reachable from each other through leafs."""
    return asn_base + device_ordinal(role, index)


def host_address(prefix: str, ordinal: int, *, host_length: bool) -> str:
    """The address `ordinal` hosts into `prefix`, as `/32` (`/128`) or with the prefix's own length."""
    network = ipaddress.ip_network(prefix)
    if ordinal >= network.num_addresses:
        raise DesignError(f"{prefix} has no host number {ordinal}")
    length = network.max_prefixlen if host_length else network.prefixlen
    return f"{network.network_address + ordinal}/{length}"


def link_index(spine_count: int, spine: int, leaf: int) -> int:
    """Links are numbered leaf by leaf, so the /31s of a new leaf come after those of the others."""
    return (leaf - 1) * spine_count + (spine - 1)


def p2p_addresses(prefix: str, index: int) -> tuple[str, str]:
    """The two ends of the `index`th /31 (IPv4) or /127 (IPv6) of `prefix`: even side first."""
    network = ipaddress.ip_network(prefix)
    length = network.max_prefixlen - 1
    first = network.network_address + 2 * index
    if 2 * index + 1 >= network.num_addresses:
        raise DesignError(f"{prefix} is too small for point-to-point link {index + 1}")
    return f"{first}/{length}", f"{first + 1}/{length}"


def interface_name(platform: str, kind: str, port: int = 0) -> str:
    names = INTERFACE_NAMES.get(platform, DEFAULT_INTERFACE_NAMES)
    return names[kind].format(port=port)


def site_for(sites: tuple[str, ...], count: int, index: int) -> str:
    """Spreads `count` devices over the sites in contiguous blocks (leafs 1-2 in the first of two sites)."""
    return sites[(index - 1) * len(sites) // count]


def validate_design(design: FabricDesign) -> None:
    if not 1 <= design.spine_count <= MAX_SPINES:
        raise DesignError(f"spine_count must be between 1 and {MAX_SPINES}, not {design.spine_count}")
    if design.leaf_count < 1:
        raise DesignError(f"leaf_count must be at least 1, not {design.leaf_count}")
    if not design.sites:
        raise DesignError(f"fabric {design.name} has no site")
    host_address(design.loopback_prefix, device_ordinal("leaf", design.leaf_count), host_length=True)
    if design.management_prefix:
        host_address(design.management_prefix, device_ordinal("leaf", design.leaf_count), host_length=False)
    p2p_addresses(design.p2p_prefix, link_index(design.spine_count, design.spine_count, design.leaf_count))


def plan_links(design: FabricDesign) -> tuple[PlannedLink, ...]:
    links = []
    for leaf in range(1, design.leaf_count + 1):
        for spine in range(1, design.spine_count + 1):
            index = link_index(design.spine_count, spine, leaf)
            spine_address, leaf_address = p2p_addresses(design.p2p_prefix, index)
            links.append(
                PlannedLink(
                    index=index,
                    spine=device_name(design.name, "spine", spine),
                    spine_interface=interface_name(design.platform, "ethernet", leaf),
                    spine_address=spine_address,
                    leaf=device_name(design.name, "leaf", leaf),
                    leaf_interface=interface_name(design.platform, "ethernet", spine),
                    leaf_address=leaf_address,
                )
            )
    return tuple(links)


def _fabric_interfaces(device: str, links: tuple[PlannedLink, ...], mtu: int) -> list[PlannedInterface]:
    interfaces = []
    for link in links:
        if link.spine == device:
            description = f"to {link.leaf} {link.leaf_interface}"
            interfaces.append(
                PlannedInterface(link.spine_interface, "downlink", description, link.spine_address, mtu)
            )
        elif link.leaf == device:
            description = f"to {link.spine} {link.spine_interface}"
            interfaces.append(
                PlannedInterface(link.leaf_interface, "uplink", description, link.leaf_address, mtu)
            )
    return interfaces


def _plan_device(
    design: FabricDesign, role: str, index: int, links: tuple[PlannedLink, ...]
) -> PlannedDevice:
    name = device_name(design.name, role, index)
    ordinal = device_ordinal(role, index)
    loopback = host_address(design.loopback_prefix, ordinal, host_length=True)
    interfaces = [
        PlannedInterface(interface_name(design.platform, "loopback"), "loopback", "router id", loopback, 1500)
    ]
    management = None
    if design.management_prefix:
        management = host_address(design.management_prefix, ordinal, host_length=False)
        interfaces.append(
            PlannedInterface(
                interface_name(design.platform, "management"), "management", "management", management, 1500
            )
        )
    interfaces.extend(_fabric_interfaces(name, links, design.mtu))
    count = design.spine_count if role == "spine" else design.leaf_count
    return PlannedDevice(
        name=name,
        role=role,
        ordinal=ordinal,
        asn=device_asn(design.asn_base, role, index),
        site=site_for(design.sites, count, index),
        loopback=loopback,
        management=management,
        interfaces=tuple(interfaces),
    )


def plan_sessions(
    devices: tuple[PlannedDevice, ...], links: tuple[PlannedLink, ...]
) -> tuple[PlannedSession, ...]:
    """Both sides of the eBGP session of every link, spine side first."""
    asn = {device.name: device.asn for device in devices}
    sessions = []
    for link in links:
        sessions.append(
            PlannedSession(
                link.spine, link.leaf, asn[link.spine], asn[link.leaf], link.spine_address, link.leaf_address
            )
        )
        sessions.append(
            PlannedSession(
                link.leaf, link.spine, asn[link.leaf], asn[link.spine], link.leaf_address, link.spine_address
            )
        )
    return tuple(sessions)


def plan_fabric(design: FabricDesign) -> FabricPlan:
    validate_design(design)
    links = plan_links(design)
    spines = [_plan_device(design, "spine", index, links) for index in range(1, design.spine_count + 1)]
    leafs = [_plan_device(design, "leaf", index, links) for index in range(1, design.leaf_count + 1)]
    devices = (*spines, *leafs)
    return FabricPlan(design=design, devices=devices, links=links, sessions=plan_sessions(devices, links))


def design_from_response(data: dict[str, Any]) -> FabricDesign:
    """The design of a `fabric_design` query response (the first design it returns)."""
    edges = data["NetFabricDesign"]["edges"]
    if not edges:
        raise DesignError("the query returned no fabric design")
    node = edges[0]["node"]
    management = node["management_prefix"]["value"]
    return FabricDesign(
        name=node["name"]["value"],
        spine_count=int(node["spine_count"]["value"]),
        leaf_count=int(node["leaf_count"]["value"]),
        asn_base=int(node["asn_base"]["value"]),
        loopback_prefix=node["loopback_prefix"]["value"],
        p2p_prefix=node["p2p_prefix"]["value"],
        management_prefix=management or None,
        mtu=int(node["mtu"]["value"]),
        sites=tuple(sorted(edge["node"]["name"]["value"] for edge in node["sites"]["edges"])),
        platform=node["platform"]["node"]["name"]["value"],
    )
