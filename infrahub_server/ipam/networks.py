"""IP arithmetic on integer spans: containment, supernets, free space and the next free block.

A span is the inclusive range [first, last] of one IP version. Prefixes and addresses are turned into
spans once, so containment and free-space questions are integer comparisons.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPInterface = ipaddress.IPv4Interface | ipaddress.IPv6Interface

_BITS = {4: 32, 6: 128}
KEY_WIDTH = 32
"""Hex digits of a sortable key: enough for an IPv6 address."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    version: int
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def contains(self, other: Span) -> bool:
        return self.version == other.version and self.first <= other.first and other.last <= self.last


def bits(version: int) -> int:
    return _BITS[version]


def network_span(network: IPNetwork) -> Span:
    return Span(network.version, int(network.network_address), int(network.broadcast_address))


def address_span(interface: IPInterface) -> Span:
    value = int(interface.ip)
    return Span(interface.version, value, value)


def parse_network(text: str) -> IPNetwork:
    return ipaddress.ip_network(text, strict=False)


def parse_interface(text: str) -> IPInterface:
    return ipaddress.ip_interface(text)


def sort_key(value: int) -> str:
    """`value` as fixed-width hex: text order is numeric order, for IPv4 and IPv6 alike."""
    return format(value, f"0{KEY_WIDTH}x")


def supernets(version: int, value: int, prefixlen: int) -> list[str]:
    """Every network containing the block (`value`, `prefixlen`), itself excluded, longest first."""
    found = []
    for length in range(prefixlen - 1, -1, -1):
        network = ipaddress.ip_network((_address(version, value), length), strict=False)
        found.append(network.with_prefixlen)
    return found


def _address(version: int, value: int) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.IPv4Address(value) if version == 4 else ipaddress.IPv6Address(value)


def network_text(version: int, first: int, prefixlen: int) -> str:
    return f"{_address(version, first)}/{prefixlen}"


def address_text(version: int, value: int, prefixlen: int) -> str:
    return f"{_address(version, value)}/{prefixlen}"


def free_spans(container: Span, used: Iterable[Span]) -> Iterator[Span]:
    """The parts of `container` that no span of `used` (sorted by `first`) covers."""
    cursor = container.first
    for span in used:
        if span.last < cursor:
            continue
        if span.first > container.last:
            break
        if span.first > cursor:
            yield Span(container.version, cursor, span.first - 1)
        cursor = max(cursor, span.last + 1)
    if cursor <= container.last:
        yield Span(container.version, cursor, container.last)


def next_free_block(
    container: Span, used: Iterable[Span], prefixlen: int, start: int | None = None
) -> int | None:
    """The first address of the lowest aligned /`prefixlen` block of `container` that no span of
    `used` (sorted by `first`) overlaps, searching from `start`; None when there is none."""
    size = 1 << (bits(container.version) - prefixlen)
    cursor = _align_up(max(container.first, start or container.first), size)
    for span in used:
        if span.last < cursor:
            continue
        if cursor + size - 1 < span.first:
            break
        cursor = _align_up(span.last + 1, size)
        if cursor + size - 1 > container.last:
            return None
    return cursor if cursor + size - 1 <= container.last else None


def _align_up(value: int, size: int) -> int:
    return (value + size - 1) // size * size


def block_networks(span: Span) -> list[IPNetwork]:
    """The fewest CIDR networks that exactly cover `span`."""
    first, last = _address(span.version, span.first), _address(span.version, span.last)
    return list(ipaddress.summarize_address_range(first, last))


def usable_addresses(network: IPNetwork, *, is_pool: bool) -> Span:
    """The addresses a subnet hands out: IPv4 subnets keep their network and broadcast addresses
    back, unless the prefix is a pool or too small to have them (/31, /32)."""
    span = network_span(network)
    if network.version == 4 and not is_pool and network.prefixlen < 31:
        return Span(4, span.first + 1, span.last - 1)
    return span
