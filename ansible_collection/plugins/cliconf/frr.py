# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations

DOCUMENTATION = r"""
author:
  - infrahub-lite developers (@infrahub-lite)
name: frr
short_description: Cliconf plugin for FRRouting's vtysh
description:
  - Runs commands in and configures FRRouting through C(vtysh), for C(ansible.netcommon.network_cli)
    with C(ansible_network_os=infrahub.lite.frr).
  - C(ansible.netcommon.cli_config) with C(diff_replace=config) replaces the running configuration with
    the one given, the way C(frr-reload.py) does; without it, the lines given are merged (nothing is removed).
  - After a replace, the running configuration is compared again and what FRR dropped with a deleted parent
    is added back (C(frr-reload.py)'s second pass).
  - The difference is computed on the controller with FRR's own C(vtysh -m -f) and C(frr-reload.py)
    (package C(frr-pythontools) on Debian), so the controller needs FRR's tools; the router needs only SSH
    into vtysh. A configuration FRR's parser refuses fails before anything is sent.
version_added: "0.1.0"
"""

import json
import re

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.cliconf import CliconfBase

from ansible_collections.infrahub.lite.plugins.plugin_utils.frr_reload import (
    FrrReloadError,
    change_commands,
    running_text,
)


class Cliconf(CliconfBase):
    __rpc__ = CliconfBase.__rpc__ + ["get_diff", "run_commands"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._device_info = {}
        self._replacing = None

    def get_device_info(self):
        if not self._device_info:
            reply = to_text(self.get("show version"), errors="surrogate_or_strict")
            info = {"network_os": "frr"}
            match = re.search(r"FRRouting (\S+)", reply)
            if match:
                info["network_os_version"] = match.group(1)
            match = re.search(r"FRRouting \S+ \(([^)]+)\)", reply)
            if match:
                info["network_os_hostname"] = match.group(1)
            self._device_info = info
        return self._device_info

    def get_config(self, source="running", flags=None, format=None):
        if source != "running":
            raise ValueError("FRR has only a running configuration (source=running), not %r" % source)
        if format not in (None, "text"):
            raise ValueError("FRR prints its configuration as text only, not %r" % format)
        reply = self.send_command(" ".join(["show running-config"] + list(flags or [])))
        return running_text(to_text(reply, errors="surrogate_or_strict"))

    def edit_config(self, candidate=None, commit=True, replace=None, comment=None):
        operations = self.get_device_operations()
        self.check_edit_config_capability(operations, candidate, commit, replace, comment)
        if not commit:
            raise ValueError("FRR applies each command at once: there is no uncommitted configuration")
        requests = list(_commands(candidate))
        responses = self._apply(requests)
        intended, self._replacing = self._replacing, None
        if intended is not None:
            # frr-reload.py's second pass: deleting a parent line (`no neighbor X remote-as 65104`, to
            # change that neighbor's AS) drops its other lines too; compare again and add back what is missing.
            missing = change_commands(intended, self.get_config(), replace=False)
            requests += missing
            responses += self._apply(missing)
        return {"request": requests, "response": responses}

    def _apply(self, commands):
        if not commands:
            return []
        responses = []
        self.send_command("configure terminal")
        try:
            for command in commands:
                responses.append(self._configure(command))
        finally:
            self.send_command("end")
        return responses

    def _configure(self, command):
        """Sends one configuration command; a refused `no ...` is retried without its last word, as
        frr-reload.py does (`no neighbor X description TEXT` is refused where `no neighbor X description`
        is not)."""
        while True:
            try:
                return self.send_command(command)
            except AnsibleConnectionFailure:
                words = command.split()
                if words[0] != "no" or len(words) <= 2:
                    raise
                command = " ".join(words[:-1])

    def get(self, command=None, prompt=None, answer=None, sendonly=False, newline=True, output=None, check_all=False):
        if not command:
            raise ValueError("must provide value of command to execute")
        if output:
            raise ValueError("'output' value %s is not supported by FRR" % output)
        return self.send_command(
            command=command, prompt=prompt, answer=answer, sendonly=sendonly, newline=newline, check_all=check_all
        )

    def run_commands(self, commands=None, check_rc=True):
        if commands is None:
            raise ValueError("'commands' value is required")
        responses = []
        for command in _as_dicts(commands):
            if command.pop("output", None):
                raise ValueError("'output' is not supported by FRR: ask for JSON with `... json`")
            try:
                reply = self.send_command(**command)
            except AnsibleConnectionFailure as error:
                if check_rc:
                    raise
                reply = getattr(error, "err", to_text(error))
            responses.append(reply)
        return responses

    def get_diff(
        self, candidate=None, running=None, diff_match="line", diff_ignore_lines=None, path=None, diff_replace=None
    ):
        """The commands that make `running` into `candidate`: with `diff_replace=config`, everything
        `candidate` lacks is removed (replace); otherwise only what it adds is sent (merge)."""
        if candidate is None:
            raise ValueError("candidate configuration is required to generate a diff")
        if running is None:
            running = self.get_config()
        replace = diff_replace == "config"
        try:
            commands = change_commands(candidate, running, replace=replace)
        except FrrReloadError as error:
            raise ValueError(to_text(error)) from error
        self._replacing = to_text(candidate) if replace else None
        return {"config_diff": "\n".join(commands), "banner_diff": {}}

    def get_device_operations(self):
        return {
            "supports_diff_replace": True,
            "supports_commit": False,
            "supports_rollback": False,
            "supports_defaults": False,
            "supports_onbox_diff": False,
            "supports_commit_comment": False,
            "supports_multiline_delimiter": False,
            "supports_diff_match": False,
            "supports_diff_ignore_lines": False,
            "supports_generate_diff": True,
            "supports_replace": False,
        }

    def get_option_values(self):
        return {
            "format": ["text"],
            "diff_match": [],
            "diff_replace": ["line", "config"],
            "output": [],
        }

    def get_capabilities(self):
        result = super().get_capabilities()
        result["rpc"] += ["get_diff", "run_commands"]
        result["device_operations"] = self.get_device_operations()
        result.update(self.get_option_values())
        return json.dumps(result)


def _as_dicts(commands):
    for command in commands if isinstance(commands, list) else [commands]:
        yield dict(command) if isinstance(command, dict) else {"command": command}


def _commands(candidate):
    lines = candidate if isinstance(candidate, list) else to_text(candidate).splitlines()
    for line in lines:
        command = line["command"] if isinstance(line, dict) else line
        if command.strip() and command.strip() not in ("end", "!"):
            yield command.strip()
