"""The child side of `user_code.run_user_code`: run as a script (`python -I user_code_runner.py`),
never imported by the server.

Reads one JSON request on stdin, limits its own address space, imports the user's class from the
repository directory, builds it (giving it an SDK client and the SDK node class when its constructor
takes them), calls the method and writes one JSON answer on the original stdout. Everything the user
code prints goes to stderr, so it cannot corrupt the answer.
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import json
import os
import resource
import sys
import traceback
from pathlib import Path
from typing import Any, TextIO


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _load_class(directory: Path, module_file: str, class_name: str) -> type:
    path = (directory / module_file).resolve()
    if not path.is_relative_to(directory.resolve()) or not path.is_file():
        raise FileNotFoundError(f"{module_file} is not a file of the repository")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{module_file} cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    found = getattr(module, class_name, None)
    if not isinstance(found, type):
        raise AttributeError(f"{module_file} has no class named {class_name!r}")
    return found


def _construct(cls: type, directory: Path, init: dict[str, Any]) -> Any:
    parameters = inspect.signature(cls).parameters
    kwargs = dict(init)
    if "client" in parameters and "client" not in kwargs:
        from infrahub_sdk import InfrahubClient

        kwargs["client"] = InfrahubClient()
    if "infrahub_node" in parameters and "infrahub_node" not in kwargs:
        from infrahub_sdk import InfrahubNode

        kwargs["infrahub_node"] = InfrahubNode
    if "root_directory" in parameters and "root_directory" not in kwargs:
        kwargs["root_directory"] = str(directory)
    return cls(**kwargs)


def _run(request: dict[str, Any]) -> dict[str, Any]:
    directory = Path(request["directory"])
    sys.path.insert(0, str(directory))
    os.chdir(directory)
    cls = _load_class(directory, request["module_file"], request["class_name"])
    instance = _construct(cls, directory, request.get("init") or {})
    value = getattr(instance, request["method"])(**(request.get("call") or {}))
    if inspect.isawaitable(value):
        value = asyncio.run(_awaited(value))
    attributes = {name: getattr(instance, name, None) for name in request.get("collect") or ()}
    return {"ok": True, "value": value, "attributes": attributes}


async def _awaited(value: Any) -> Any:
    return await value


def _answer(out: TextIO, answer: dict[str, Any]) -> None:
    out.write(json.dumps(answer, default=str))
    out.flush()


def main() -> int:
    request = json.loads(sys.stdin.read())
    # The answer goes to the original stdout; fd 1 and sys.stdout now lead to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _limit_memory(int(request["memory_mb"]))
    try:
        answer = _run(request)
    except MemoryError:
        _answer(out, {"ok": False, "memory": True, "error": "MemoryError"})
        return 1
    except BaseException as error:  # every failure of user code is reported, never raised
        traceback.print_exc()
        message = f"{type(error).__name__}: {error}"
        _answer(out, {"ok": False, "memory": False, "error": message})
        return 1
    _answer(out, answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
