# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""Filters that read FRRouting's JSON output against what the source of truth expects."""

from __future__ import annotations

import json

from ansible.errors import AnsibleFilterError

ESTABLISHED = "Established"


def _expected_peers(sessions, active_status):
    """Neighbor address -> (AS, name) of the sessions expected up."""
    peers = {}
    for session in sessions or []:
        if not isinstance(session, dict):
            raise AnsibleFilterError("frr_bgp_problems: each session must be a dict, got %r" % (session,))
        if session.get("status") and session["status"] != active_status:
            continue
        address = session.get("remote_address")
        if isinstance(address, dict):
            address = address.get("address")
        if address:
            peers[str(address).split("/", maxsplit=1)[0]] = (session.get("remote_as"), session.get("name"))
    return peers


def _peer_states(summary):
    """Neighbor address -> (state, AS) over every address family of `show bgp summary json`."""
    if isinstance(summary, str):
        try:
            summary = json.loads(summary) if summary.strip() else {}
        except ValueError:
            raise AnsibleFilterError("frr_bgp_problems: not JSON: %s" % summary[:200])
    states = {}
    for family in summary.values():
        if isinstance(family, dict):
            for address, peer in family.get("peers", {}).items():
                states[address] = (peer.get("state") or "down", peer.get("remoteAs"))
    return states


def frr_bgp_problems(summary, sessions, active_status="active"):
    """One line per BGP session that is not as the source of truth expects; empty when all are Established."""
    expected = _expected_peers(sessions, active_status)
    states = _peer_states(summary)
    problems = []
    for address, (asn, name) in sorted(expected.items()):
        state, configured_as = states.get(address, (None, None))
        label = ", ".join(part for part in ("AS %s" % (configured_as or asn), name) if part)
        if state is None:
            problems.append("BGP neighbor %s (%s) is not configured" % (address, label))
        elif state != ESTABLISHED:
            problems.append("BGP neighbor %s (%s) is %s, not Established" % (address, label, state))
    for address in sorted(set(states) - set(expected)):
        problems.append("BGP neighbor %s is configured but not expected by the source of truth" % address)
    return problems


class FilterModule:
    def filters(self):
        return {"frr_bgp_problems": frr_bgp_problems}
