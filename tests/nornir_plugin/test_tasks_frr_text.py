"""The unified diff of diff_config and push_config: FRR's `show running-config` against a rendered file."""

from __future__ import annotations

from nornir_plugin.tasks._frr_text import unified_diff

RUNNING = """Building configuration...

Current configuration:
!
frr version 8.4.4
frr defaults traditional
hostname dc1-leaf1
service integrated-vtysh-config
!
interface eth1
 ip address 10.0.0.1/31
exit
!
interface lo
 ip address 10.255.0.101/32
exit
!
router bgp 65101
 neighbor 10.0.0.0 remote-as 65001
 !
 address-family ipv4 unicast
  network 10.255.0.101/32
 exit-address-family
exit
!
end
"""

RENDERED = """hostname dc1-leaf1
!
interface lo
 ip address 10.255.0.101/32
exit
!
interface eth1
 ip address 10.0.0.1/31
exit
!
router bgp 65101
 neighbor 10.0.0.0 remote-as 65001
 !
 address-family ipv4 unicast
  network 10.255.0.101/32
 exit-address-family
exit
!
end
"""


def test_frrs_header_comments_and_interface_order_make_no_difference() -> None:
    assert unified_diff(RUNNING, RENDERED) == ""


def test_a_changed_line_shows_in_its_stanza() -> None:
    intended = RENDERED.replace("remote-as 65001", "remote-as 65002")

    assert unified_diff(RUNNING, intended).splitlines() == [
        "--- running",
        "+++ intended",
        "@@ -6,7 +6,7 @@",
        "  ip address 10.255.0.101/32",
        " exit",
        " router bgp 65101",
        "- neighbor 10.0.0.0 remote-as 65001",
        "+ neighbor 10.0.0.0 remote-as 65002",
        "  address-family ipv4 unicast",
        "   network 10.255.0.101/32",
        "  exit-address-family",
    ]
