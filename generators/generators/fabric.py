"""The `fabric` generator: builds a spine/leaf fabric from a `NetFabricDesign`.

Every object is saved with `allow_upsert=True` under its human-friendly id, so a re-run updates in
place; the generator's tracking group deletes what a smaller design no longer produces.
"""

from __future__ import annotations

from typing import Any

from generators.fabric_plan import FabricPlan, PlannedDevice, design_from_response, plan_fabric
from infrahub_sdk.generator import InfrahubGenerator


class FabricGenerator(InfrahubGenerator):
    async def generate(self, data: dict[str, Any]) -> None:
        plan = plan_fabric(design_from_response(data))
        design = data["NetFabricDesign"]["edges"][0]["node"]
        refs = _references(data, design)
        addresses = await self._save_addresses(plan)
        devices = {device.name: await self._save_device(device, refs, addresses) for device in plan.devices}
        interfaces = await self._save_interfaces(plan, devices, addresses)
        for link in plan.links:
            await self._save(
                "NetCable",
                name=link.cable_name,
                endpoint_a=interfaces[link.spine, link.spine_interface],
                endpoint_b=interfaces[link.leaf, link.leaf_interface],
                fabric=refs["fabric"],
            )
        for session in plan.sessions:
            await self._save(
                "NetBGPSession",
                device=devices[session.device],
                name=session.remote_device,
                remote_device=devices[session.remote_device],
                local_as=session.local_as,
                remote_as=session.remote_as,
                local_address=addresses[session.local_address],
                remote_address=addresses[session.remote_address],
            )

    async def _save(self, kind: str, **data: Any) -> str:
        node = await self.client.create(kind=kind, **data)
        await node.save(allow_upsert=True)
        return str(node.id)

    async def _save_addresses(self, plan: FabricPlan) -> dict[str, str]:
        """Pool and link prefixes, then every address of the plan; returns address -> node id."""
        design = plan.design
        prefixes = [(design.loopback_prefix, "loopback"), (design.p2p_prefix, "p2p")]
        if design.management_prefix:
            prefixes.append((design.management_prefix, "management"))
        prefixes.extend((link.prefix, "p2p") for link in plan.links)
        for prefix, role in prefixes:
            await self._save("IpamIPPrefix", prefix=prefix, role=role)
        addresses: dict[str, str] = {}
        for device in plan.devices:
            for interface in device.interfaces:
                if interface.address:
                    addresses[interface.address] = await self._save(
                        "IpamIPAddress",
                        address=interface.address,
                        description=f"{device.name} {interface.name}",
                    )
        return addresses

    async def _save_device(
        self, device: PlannedDevice, refs: dict[str, str], addresses: dict[str, str]
    ) -> str:
        data: dict[str, Any] = {
            "name": device.name,
            "asn": device.asn,
            "role": refs[f"role:{device.role}"],
            "site": refs[f"site:{device.site}"],
            "platform": refs["platform"],
            "fabric": refs["fabric"],
            "loopback_address": addresses[device.loopback],
        }
        if device.management:
            data["primary_address"] = addresses[device.management]
        if "device_group" in refs:
            data["member_of_groups"] = [refs["device_group"]]
        return await self._save("NetDevice", **data)

    async def _save_interfaces(
        self, plan: FabricPlan, devices: dict[str, str], addresses: dict[str, str]
    ) -> dict[tuple[str, str], str]:
        """Every interface of the plan; returns (device name, interface name) -> node id."""
        interfaces = {}
        for device in plan.devices:
            for interface in device.interfaces:
                interfaces[device.name, interface.name] = await self._save(
                    "NetInterface",
                    device=devices[device.name],
                    name=interface.name,
                    description=interface.description,
                    role=interface.role,
                    mtu=interface.mtu,
                    enabled=True,
                    ip_addresses=[addresses[interface.address]] if interface.address else [],
                )
        return interfaces


def _references(data: dict[str, Any], design: dict[str, Any]) -> dict[str, str]:
    """Ids of what generated objects point to: `fabric`, `platform`, `device_group`, `role:<name>`, `site:<name>`."""
    refs = {"fabric": design["id"], "platform": design["platform"]["node"]["id"]}
    group = (design.get("device_group") or {}).get("node")
    if group:
        refs["device_group"] = group["id"]
    refs.update(
        {
            f"role:{edge['node']['name']['value']}": edge["node"]["id"]
            for edge in data["NetDeviceRole"]["edges"]
        }
    )
    refs.update(
        {f"site:{edge['node']['name']['value']}": edge["node"]["id"] for edge in design["sites"]["edges"]}
    )
    for role in ("spine", "leaf"):
        if f"role:{role}" not in refs:
            raise ValueError(f"device role {role!r} does not exist; load the repository's objects first")
    return refs
