# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
author:
  - infrahub-lite developers (@infrahub-lite)
name: frr
short_description: Terminal plugin for FRRouting's vtysh
description:
  - Prompts and error messages of FRRouting's C(vtysh) (C(leaf1#), C(leaf1(config-router)#)), for
    C(ansible.netcommon.network_cli) sessions that land in vtysh.
  - Turns paging off when the session opens.
version_added: "0.1.0"
"""

import re

from ansible.errors import AnsibleConnectionFailure
from ansible.plugins.terminal import TerminalBase


class TerminalModule(TerminalBase):
    terminal_stdout_re = [re.compile(rb"[\r\n]?[\w.\-]+(?:\([\w.\-]+\))?[>#] ?$")]

    # vtysh answers every refused command with a line starting with "% " (unknown command, command
    # incomplete, ambiguous command, a daemon's refusal).
    terminal_stderr_re = [re.compile(rb"(?:^|[\r\n])% [^\r\n]+")]

    ansi_re = TerminalBase.ansi_re + [re.compile(rb"\x1b\[\?2004[hl]")]

    def on_open_shell(self):
        try:
            self._exec_cli_command(b"terminal length 0")
        except AnsibleConnectionFailure as error:
            raise AnsibleConnectionFailure("unable to turn paging off in vtysh: %s" % error)
