"""Namespaces, veth links, addresses and the management bridge, made with iproute2."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable

from labkit.errors import LabError
from labkit.system import run, terminate
from labkit.topology import Link, Router

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def create_namespace(namespace: str) -> None:
    run(["ip", "netns", "add", namespace])
    run(["ip", "-n", namespace, "link", "set", "lo", "up"])
    # Routers forward; FRR then prints no forwarding lines, as the rendered configurations expect.
    run(["ip", "netns", "exec", namespace, "sysctl", "-qw", "net.ipv4.ip_forward=1"])
    run(["ip", "netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"])


def create_link(link: Link, namespaces: dict[str, str]) -> None:
    """Both ends of a cable's veth pair, made straight inside their namespaces."""
    a, b = link.a, link.b
    run(
        [
            "ip",
            "link",
            "add",
            a.interface,
            "netns",
            namespaces[a.router],
            "type",
            "veth",
            "peer",
            "name",
            b.interface,
            "netns",
            namespaces[b.router],
        ]
    )


def configure_router(namespace: str, router: Router, existing: Iterable[str]) -> None:
    """Addresses of every interface; those without a cable or management link become dummies, so each
    interface of the data exists and carries its addresses."""
    existing = set(existing)
    commands = []
    for interface in router.interfaces:
        name = interface.linux_name
        if name != "lo" and name not in existing:
            commands.append(f"link add {name} type dummy")
        for address in interface.addresses:
            commands.append(f"address add {address} dev {name}")
        if interface.enabled:
            commands.append(f"link set {name} up")
    if commands:
        run(["ip", "-n", namespace, "-batch", "-"], input="\n".join(commands) + "\n")


def check_management_network(network: Network) -> None:
    """The management range must be private and unknown to the host, so the bridge is its only way out."""
    if not network.is_private:
        raise LabError(f"management network {network} is not a private range; the lab only uses private ones")
    for route in json.loads(run(["ip", "-j", "route", "show", "table", "all"]) or "[]"):
        destination = route.get("dst", "")
        if destination in ("default", ""):
            continue
        try:
            existing = ipaddress.ip_network(destination, strict=False)
        except ValueError:
            continue
        if existing.version == network.version and existing.overlaps(network) and existing.prefixlen > 0:
            raise LabError(
                f"management network {network} overlaps {existing} (dev {route.get('dev', '?')}) on this "
                "host; run `down` for the lab that made it, or change the fabric's management prefix"
            )


def bridge_address(network: Network, used: Iterable[str]) -> str:
    """The highest host address of `network` no router uses, with the network's prefix length."""
    taken = {ipaddress.ip_address(address) for address in used}
    for host in reversed(list(network.hosts())):
        if host not in taken:
            return f"{host}/{network.prefixlen}"
    raise LabError(f"management network {network} has no address left for the host's bridge")


def create_bridge(bridge: str, address: str) -> None:
    run(["ip", "link", "add", bridge, "type", "bridge"])
    run(["ip", "address", "add", address, "dev", bridge])
    run(["ip", "link", "set", bridge, "up"])


def attach_management(bridge: str, port: str, namespace: str, interface: str) -> None:
    """A veth from the bridge into the router's namespace, named as the data names the management port."""
    run(["ip", "link", "add", port, "type", "veth", "peer", "name", interface, "netns", namespace])
    run(["ip", "link", "set", port, "master", bridge, "up"])


def namespaces_with_prefix(prefix: str) -> list[str]:
    listed = json.loads(run(["ip", "-j", "netns", "list"]) or "[]")
    return sorted(entry["name"] for entry in listed if entry["name"].startswith(prefix))


def links_with_prefix(prefix: str) -> list[str]:
    listed = json.loads(run(["ip", "-j", "link", "show"]) or "[]")
    return sorted(entry["ifname"] for entry in listed if entry["ifname"].startswith(prefix))


def namespace_pids(namespace: str) -> list[int]:
    return [int(pid) for pid in run(["ip", "netns", "pids", namespace]).split()]


def delete_namespace(namespace: str) -> list[int]:
    """Ends every process in the namespace, then deletes it (which deletes the veth ends inside)."""
    killed = terminate(namespace_pids(namespace))
    run(["ip", "netns", "delete", namespace])
    return killed


def delete_link(name: str) -> None:
    """Deletes a host-side link; one that vanished meanwhile (its peer's namespace went) is fine."""
    try:
        run(["ip", "link", "delete", name])
    except LabError:
        if name in links_with_prefix(name):
            raise
