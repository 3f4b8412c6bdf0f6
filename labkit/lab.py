"""A lab of FRR routers built from a topology: `up`, `down`, `status`, and pushing to its routers."""

from __future__ import annotations

import ipaddress
import logging
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labkit import frr, network, ssh
from labkit.errors import LabError
from labkit.names import DEFAULT_PREFIX, bridge_name, check_prefix, management_port_name, namespace_name
from labkit.prerequisites import FRR_DAEMONS, FRR_DIR, require_prerequisites
from labkit.state import DEFAULT_STATE_ROOT, LabState, RouterRecord, lab_directory
from labkit.system import alive, all_pids, command_line, read_pid_file, terminate
from labkit.topology import Topology

log = logging.getLogger(__name__)

START_WORKERS = 4


@dataclass(frozen=True)
class RouterStatus:
    name: str
    namespace: str
    namespace_exists: bool
    daemons: dict[str, bool]
    sshd: bool | None
    """None when the router has no management address (no sshd)."""
    established: int
    peers: int
    expected_peers: int
    management_address: str | None

    @property
    def healthy(self) -> bool:
        return (
            self.namespace_exists
            and all(self.daemons.values())
            and self.sshd is not False
            and self.established == self.expected_peers
        )


@dataclass
class Cleanup:
    """What `down` removed."""

    namespaces: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    pids: list[int] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)


class Lab:
    """The lab whose namespaces, links, daemons and files all carry `prefix`."""

    def __init__(
        self, prefix: str = DEFAULT_PREFIX, state_root: Path = DEFAULT_STATE_ROOT, *, ssh: bool = True
    ) -> None:
        self.prefix = check_prefix(prefix)
        self.directory = lab_directory(state_root, prefix)
        self.ssh = ssh

    def state(self) -> LabState | None:
        return LabState.load(self.directory)

    def up(self, topology: Topology, *, timeout: float = 30) -> LabState:
        """Builds every router of `topology`; on any failure removes what it made and raises."""
        require_prerequisites(ssh=self.ssh)
        leftovers = network.namespaces_with_prefix(self.prefix)
        if self.state() is not None or leftovers:
            raise LabError(f"a lab with prefix {self.prefix!r} is already up; run `down` first")
        try:
            return self._build(topology, timeout)
        except BaseException:
            log.warning("lab %s failed to come up; removing what it made", self.prefix)
            self.down()
            raise

    def _build(self, topology: Topology, timeout: float) -> LabState:
        namespaces = {router.name: namespace_name(self.prefix, router.name) for router in topology.routers}
        if len(set(namespaces.values())) != len(namespaces):
            raise LabError("two devices map to the same namespace name; rename one of them")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o700)
        state = LabState(prefix=self.prefix, directory=str(self.directory))
        state.save()
        self._build_network(topology, namespaces, state)
        with ThreadPoolExecutor(max_workers=START_WORKERS) as pool:
            started = pool.map(
                lambda record: frr.start_router(record.namespace, record.name, timeout=timeout), state.routers
            )
            for record, pids in zip(state.routers, started, strict=True):
                record.pids.update(pids)
        state.save()
        if self.ssh and state.bridge:
            self._start_ssh(state)
        return state

    def _build_network(self, topology: Topology, namespaces: dict[str, str], state: LabState) -> None:
        """Bridge, namespaces, cables, management links and addresses; the state file is saved before
        each step, so `down` knows what a failed step may have left."""
        management = topology.management_network()
        if management is not None:
            network.check_management_network(management)
            used = [r.management_address for r in topology.routers if r.management_address]
            state.bridge = bridge_name(self.prefix)
            state.bridge_address = network.bridge_address(management, used)
            state.save()
            network.create_bridge(state.bridge, state.bridge_address)
        for router in topology.routers:
            state.routers.append(
                RouterRecord(
                    name=router.name,
                    namespace=namespaces[router.name],
                    management_address=router.management_address,
                    loopbacks=list(router.loopback_addresses),
                    bgp_peers=list(router.bgp_peers),
                    interface_map=router.interface_map,
                )
            )
            state.save()
            network.create_namespace(namespaces[router.name])
        made: dict[str, list[str]] = {router.name: [] for router in topology.routers}
        for link in topology.links:
            network.create_link(link, namespaces)
            made[link.a.router].append(link.a.interface)
            made[link.b.router].append(link.b.interface)
        for index, (router, record) in enumerate(zip(topology.routers, state.routers, strict=True), start=1):
            if state.bridge and router.management:
                record.management_port = management_port_name(self.prefix, index)
                state.save()
                network.attach_management(
                    state.bridge, record.management_port, record.namespace, router.management.linux_name
                )
                made[router.name].append(router.management.linux_name)
            network.configure_router(record.namespace, router, made[router.name])

    def _start_ssh(self, state: LabState) -> None:
        state.ssh_key = str(ssh.prepare_keys(self.directory))
        for record in state.routers:
            if record.management_address:
                record.pids["sshd"] = ssh.start_sshd(
                    self.directory, record.namespace, record.management_address, user=state.ssh_user
                )
        state.save()

    def down(self) -> Cleanup:
        """Removes everything the lab made: by the state file's pids and names, then by name prefix, so
        a lab whose state file is lost (a crash) is removed too."""
        cleanup = Cleanup()
        state = self.state()
        if state is not None:
            cleanup.pids += terminate(pid for record in state.routers for pid in self._own_pids(record))
        namespaces = set(network.namespaces_with_prefix(self.prefix))
        for namespace in sorted(namespaces):
            cleanup.pids += network.delete_namespace(namespace)
            cleanup.namespaces.append(namespace)
        cleanup.pids += terminate(self._stray_pids())
        for link in network.links_with_prefix(self.prefix):
            network.delete_link(link)
            cleanup.links.append(link)
        pattern = f"{self.prefix}*"
        for directory in [*frr.CONFIG_ROOT.glob(pattern), *frr.RUN_ROOT.glob(pattern), self.directory]:
            if directory.exists():
                shutil.rmtree(directory)
                cleanup.directories.append(str(directory))
        cleanup.pids = sorted(set(cleanup.pids))
        return cleanup

    def _own_pids(self, record: RouterRecord) -> list[int]:
        """The recorded pids that still run what the lab started (a pid may have been reused)."""
        return [pid for pid in record.pids.values() if self._is_lab_process(command_line(pid))]

    def _stray_pids(self) -> list[int]:
        return [pid for pid in all_pids() if self._is_lab_process(command_line(pid))]

    def _is_lab_process(self, arguments: list[str]) -> bool:
        if not arguments:
            return False
        program = arguments[0]
        if program.startswith(f"{FRR_DIR}/"):
            pathspaces = [arguments[i + 1] for i, a in enumerate(arguments[:-1]) if a == "-N"]
            return any(pathspace.startswith(self.prefix) for pathspace in pathspaces)
        if Path(program).name == "sshd" or program.startswith("sshd:"):
            # A running sshd rewrites its title into one string that still holds its -f path.
            return f"{self.directory}/" in " ".join(arguments)
        return False

    def status(self) -> list[RouterStatus]:
        """One line per router of the state file, plus namespaces of the prefix it does not know."""
        state = self.state()
        records = list(state.routers) if state else []
        known = {record.namespace for record in records}
        existing = set(network.namespaces_with_prefix(self.prefix))
        records += [RouterRecord(name=ns, namespace=ns) for ns in sorted(existing - known)]
        return [self._router_status(record, record.namespace in existing) for record in records]

    def _router_status(self, record: RouterRecord, exists: bool) -> RouterStatus:
        running = frr.daemon_pids(record.namespace)
        daemons = {daemon: daemon in running for daemon in FRR_DAEMONS}
        sshd = None
        if record.management_address and self.ssh:
            pid = read_pid_file(ssh.pid_file(self.directory, record.namespace))
            sshd = pid is not None and alive(pid)
        states: dict[str, str] = {}
        if exists and all(daemons.values()):
            try:
                states = frr.peer_states(frr.bgp_summary(record.namespace))
            except LabError as exc:
                log.warning("%s: %s", record.name, exc)
        return RouterStatus(
            name=record.name,
            namespace=record.namespace,
            namespace_exists=exists,
            daemons=daemons,
            sshd=sshd,
            established=sum(1 for value in states.values() if value == "Established"),
            peers=len(states),
            expected_peers=len(record.bgp_peers),
            management_address=record.management_address,
        )

    def _record(self, device: str) -> RouterRecord:
        state = self.state()
        record = state.router(device) if state else None
        if record is None:
            raise LabError(f"no router {device!r} in lab {self.prefix!r}; is it up?")
        return record

    def namespace(self, device: str) -> str:
        return self._record(device).namespace

    def push_config(self, device: str, text: str) -> str:
        """Replaces `device`'s running configuration with `text`; returns the lines frr-reload applied."""
        return frr.push_config(self.namespace(device), text)

    def config_diff(self, device: str, text: str) -> str:
        return frr.config_diff(self.namespace(device), text)

    def bgp_summary(self, device: str) -> dict[str, Any]:
        return frr.bgp_summary(self.namespace(device))

    def wait_established(self, *, timeout: float = 60) -> dict[str, dict[str, str]]:
        """Waits until every router has exactly its expected BGP peers, all Established (from FRR's JSON);
        returns the peer states per router."""
        state = self._running()
        deadline = time.monotonic() + timeout
        while True:
            seen = {r.name: frr.peer_states(frr.bgp_summary(r.namespace)) for r in state.routers}
            waiting = {
                r.name: seen[r.name]
                for r in state.routers
                if sorted(seen[r.name]) != sorted(r.bgp_peers)
                or any(value != "Established" for value in seen[r.name].values())
            }
            if not waiting:
                return seen
            if time.monotonic() > deadline:
                raise LabError(f"BGP sessions not Established after {timeout:.0f} s: {waiting}")
            time.sleep(0.25)

    def wait_routes(self, *, timeout: float = 60) -> None:
        """Waits until every router has an installed route to every loopback of the lab (sessions come up
        before their routes arrive)."""
        state = self._running()
        loopbacks = {str(ipaddress.ip_network(a)) for record in state.routers for a in record.loopbacks}
        deadline = time.monotonic() + timeout
        while True:
            missing = {
                record.name: sorted(loopbacks - frr.installed_routes(record.namespace))
                for record in state.routers
            }
            missing = {name: prefixes for name, prefixes in missing.items() if prefixes}
            if not missing:
                return
            if time.monotonic() > deadline:
                raise LabError(f"loopback routes missing after {timeout:.0f} s: {missing}")
            time.sleep(0.25)

    def unreachable_loopbacks(self) -> list[tuple[str, str]]:
        """(router, loopback) pairs where a ping from inside the router's namespace gets no answer."""
        state = self._running()
        loopbacks = [address for record in state.routers for address in record.loopbacks]
        with ThreadPoolExecutor(max_workers=START_WORKERS) as pool:
            pairs = [(record.name, address) for record in state.routers for address in loopbacks]
            answers = pool.map(lambda pair: self.ping(*pair, wait=2), pairs)
            return [pair for pair, answered in zip(pairs, answers, strict=True) if not answered]

    def _running(self) -> LabState:
        state = self.state()
        if state is None:
            raise LabError(f"lab {self.prefix!r} is not up")
        return state

    def ping(self, device: str, address: str, *, count: int = 1, wait: float = 1) -> bool:
        """Pings `address` from inside `device`'s namespace; only addresses of the lab's routers."""
        state = self.state()
        lab_addresses = {
            a for r in (state.routers if state else []) for a in [*r.loopbacks, r.management_address] if a
        }
        if address not in lab_addresses:
            raise LabError(f"{address} is not an address of lab {self.prefix!r}; the lab pings only its own")
        result = subprocess.run(
            [
                "ip",
                "netns",
                "exec",
                self.namespace(device),
                "ping",
                "-q",
                "-n",
                "-c",
                str(count),
                "-W",
                str(wait),
                address,
            ],
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def ssh_command(self, device: str) -> list[str]:
        """An `ssh` command line that reaches `device`'s vtysh over the management network."""
        state = self.state()
        record = self._record(device)
        if state is None or state.ssh_key is None or record.management_address is None:
            raise LabError(f"{device} has no SSH access (no management address, or the lab runs without SSH)")
        return [
            "ssh",
            "-i",
            state.ssh_key,
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            f"{state.ssh_user}@{record.management_address}",
        ]
