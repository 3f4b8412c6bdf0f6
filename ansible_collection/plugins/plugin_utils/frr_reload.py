# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
"""The commands that turn one FRR configuration into another, by FRR's own rules.

FRR has no `configure replace`. Its answer is `frr-reload.py`, which runs on the router, reads the
running configuration and applies only the difference. Through `vtysh` alone (network_cli) the same
comparison runs on the controller: both texts are normalised by the controller's `vtysh -m -f` (FRR's
parser: a line it does not know fails here, before anything is sent) and compared with frr-reload.py's
own functions, which know FRR's special cases (a changed `remote-as` is not a delete and re-add, a
changed `router bgp` ASN is)."""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import tempfile
import warnings

FRR_RELOAD_PATHS = ("/usr/lib/frr/frr-reload.py", "/usr/libexec/frr/frr-reload.py")
"""Where FRR's packages install it (Debian's frr-pythontools; Red Hat's frr)."""

RUNNING_HEADER = ("Building configuration...", "Current configuration:")

_module = None


class FrrReloadError(Exception):
    """FRR's tools are missing on the controller, or FRR's parser refused a configuration."""


def frr_reload_module(path=None):
    """frr-reload.py loaded as a module (it is a script with a hyphen in its name); cached."""
    global _module
    if _module is not None and path is None:
        return _module
    candidates = [path] if path else [os.environ.get("FRR_RELOAD_PY")] + list(FRR_RELOAD_PATHS)
    found = next((candidate for candidate in candidates if candidate and os.path.isfile(candidate)), None)
    if found is None:
        raise FrrReloadError(
            "frr-reload.py is not on the controller (looked in %s); install FRR's tools there "
            "(Debian: apt-get install frr frr-pythontools) or set FRR_RELOAD_PY" % ", ".join(FRR_RELOAD_PATHS)
        )
    if shutil.which("vtysh") is None:
        raise FrrReloadError("vtysh is not on the controller's PATH; install FRR there (Debian: apt-get install frr)")
    spec = importlib.util.spec_from_file_location("infrahub_lite_frr_reload", found)
    module = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():
        # FRR's script has regular expressions in plain strings (`"\\S+"`): Python warns when it compiles them.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        spec.loader.exec_module(module)
    if path is None:
        _module = module
    return module


def running_text(show_running):
    """`show running-config` as a configuration file: without the banner vtysh prints first."""
    lines = show_running.replace("\r\n", "\n").split("\n")
    return "\n".join(line for line in lines if line.strip() not in RUNNING_HEADER) + "\n"


def _config(module, text):
    vtysh = module.Vtysh(bindir=None)
    descriptor, path = tempfile.mkstemp(prefix="infrahub-frr-", suffix=".conf")
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        config = module.Config(vtysh)
        try:
            config.load_from_file(path)
        except module.VtyshException as error:
            raise FrrReloadError("FRR's parser refused the configuration: %s" % _vtysh_complaint(error)) from error
        return config
    finally:
        os.unlink(path)


def _vtysh_complaint(error):
    """The lines vtysh printed, out of frr-reload.py's message (which holds them as a bytes repr)."""
    text = str(error)
    raw = text.partition(":\n")[2]
    try:
        detail = ast.literal_eval(raw).decode("utf-8", "replace")
    except (ValueError, SyntaxError, AttributeError):
        detail = raw
    lines = [line.strip() for line in detail.splitlines() if line.strip()]
    return "; ".join(lines) or text


def _changes(module, pairs, delete):
    """(contexts, command) per change, as frr-reload.py writes them; a new context (`router bgp 65101`
    with no line) is entered, without a command of its own."""
    for context_keys, line in pairs:
        if line == "!":
            continue
        lines = [text.strip() for text in module.lines_to_config(list(context_keys), line, delete)]
        if line is None and not delete:
            yield tuple(lines), None
        else:
            yield tuple(lines[:-1]), lines[-1]


def _cli(changes):
    """CLI lines from configure mode: a context is entered once for consecutive changes in it, and left
    with `exit` before the next change outside it, so every change runs where it belongs."""
    commands = []
    entered = ()
    for contexts, command in changes:
        while entered != contexts[: len(entered)]:
            commands.append("exit")
            entered = entered[:-1]
        commands.extend(contexts[len(entered) :])
        if command is not None:
            commands.append(command)
        entered = contexts
    commands.extend(["exit"] * len(entered))
    return commands


def change_commands(intended, running, replace=True, module=None):
    """CLI commands (from configure mode) that make `running` equal to `intended`: deletions first, as
    frr-reload.py applies them; with `replace` false only the additions (a merge)."""
    module = module or frr_reload_module()
    to_add, to_delete = module.compare_context_objects(_config(module, intended), _config(module, running))
    changes = list(_changes(module, to_delete, True)) if replace else []
    changes.extend(_changes(module, to_add, False))
    return _cli(changes)
