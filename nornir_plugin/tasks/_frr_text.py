"""FRR configuration text compared by humans: the noise FRR adds to `show running-config` dropped and
top-level stanzas in one order, so a unified diff shows only what differs."""

from __future__ import annotations

import difflib

_NOISE_PREFIXES = (
    "Building configuration",
    "Current configuration",
    "frr version",
    "frr defaults",
    "service integrated-vtysh-config",
)


def stanzas(text: str) -> list[list[str]]:
    """Top-level commands with their indented lines, without comments, separators and FRR's header."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("!") or stripped == "end" or line.startswith(_NOISE_PREFIXES):
            continue
        if line[0].isspace() or (stripped == "exit" and blocks):
            blocks[-1].append(line.rstrip())
        else:
            blocks.append([line.rstrip()])
    return blocks


def normalised(text: str) -> list[str]:
    """FRR prints interfaces in its own order; sorting stanzas by their first line makes order moot."""
    return [line for block in sorted(stanzas(text), key=lambda block: block[0]) for line in block]


def unified_diff(running: str, intended: str) -> str:
    """`running` -> `intended`: what a replace would change, `""` when they agree."""
    lines = difflib.unified_diff(
        normalised(running), normalised(intended), fromfile="running", tofile="intended", lineterm=""
    )
    return "\n".join(lines)
