"""The errors the lab raises: each says what went wrong and what to do about it."""

from __future__ import annotations


class LabError(Exception):
    """A lab step failed; the message names the command or the router."""


class PrerequisiteError(LabError):
    """The machine cannot run a lab: not root, or FRR, iproute2 or OpenSSH missing."""
