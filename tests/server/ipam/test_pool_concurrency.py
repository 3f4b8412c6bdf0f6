"""Eight clients on four branches draw from the same pools at once: no value is handed out twice."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from ipam_harness import Ipam

from infrahub_server.ipam import allocate_address, allocate_prefix

CLIENTS = 8
BRANCHES = 4
ADDRESSES = 2_000
PREFIXES = 500


def _pools(ipam: Ipam) -> tuple[str, str]:
    addresses = ipam.prefix("10.100.0.0/21")
    prefixes = ipam.prefix("10.200.0.0/22", member_type={"value": "prefix"})
    namespace = ipam.peer("IpamIPPrefix", addresses, "ip_namespace")
    address_pool = ipam.create(
        "CoreIPAddressPool",
        {
            "name": {"value": "hosts"},
            "default_address_type": {"value": "IpamIPAddress"},
            "resources": [{"id": addresses}],
            "ip_namespace": {"id": namespace},
        },
    )
    prefix_pool = ipam.create(
        "CoreIPPrefixPool",
        {
            "name": {"value": "links"},
            "default_prefix_length": {"value": 31},
            "default_prefix_type": {"value": "IpamIPPrefix"},
            "resources": [{"id": prefixes}],
            "ip_namespace": {"id": namespace},
        },
    )
    return address_pool, prefix_pool


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_eight_clients_on_four_branches(ipam: Ipam) -> None:
    address_pool, prefix_pool = _pools(ipam)
    branches = [f"branch{index}" for index in range(BRANCHES)]
    for branch in branches:
        ipam.store.create_branch(branch)
    work = [("address", f"a{index}") for index in range(ADDRESSES)] + [
        ("prefix", f"p{index}") for index in range(PREFIXES)
    ]

    def allocate(kind: str, identifier: str, branch: str) -> str:
        if kind == "address":
            return ipam.run(
                lambda service: allocate_address(service, address_pool, identifier=identifier).value, branch
            )
        return ipam.run(
            lambda service: allocate_prefix(service, prefix_pool, identifier=identifier).value, branch
        )

    def client(number: int, *, shift: int) -> dict[str, str]:
        branch = branches[(number + shift) % BRANCHES]
        return {identifier: allocate(kind, identifier, branch) for kind, identifier in work[number::CLIENTS]}

    with ThreadPoolExecutor(CLIENTS) as executor:
        first = {
            k: v
            for part in executor.map(lambda n: client(n, shift=0), range(CLIENTS))
            for k, v in part.items()
        }
    assert len(first) == ADDRESSES + PREFIXES
    assert len(set(first.values())) == len(first), "a value was handed out twice"

    with ThreadPoolExecutor(CLIENTS) as executor:
        again = {
            k: v
            for part in executor.map(lambda n: client(n, shift=0), range(CLIENTS))
            for k, v in part.items()
        }
    assert again == first
    # asked again from another branch, an identifier still gets its value (a node there holds it)
    elsewhere = {kind_id: allocate(kind, kind_id, branches[-1]) for kind, kind_id in work[:: len(work) // 40]}
    assert elsewhere == {identifier: first[identifier] for identifier in elsewhere}
