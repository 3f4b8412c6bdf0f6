"""Import a repository's Python file (a check, transform or generator) by path, reloading it when it changed."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from .exceptions import ModuleImportError

_loaded_mtimes: dict[str, float] = {}


def import_module(
    module_path: Path, import_root: str | None = None, relative_path: str | None = None
) -> ModuleType:
    """`transforms/cable_plan.py` under `import_root` -> module `transforms.cable_plan` (or `cable_plan`)."""
    root = str(import_root or module_path.parent)
    on_disk = Path(root, relative_path, module_path.name) if import_root and relative_path else module_path
    if root not in sys.path:
        sys.path.append(root)
    name = f"{relative_path.replace('/', '.')}.{module_path.stem}" if relative_path else module_path.stem
    try:
        if name in sys.modules:
            module = sys.modules[name]
            if _loaded_mtimes.get(name) == on_disk.stat().st_mtime:
                return module
            module = importlib.reload(module)
        else:
            module = importlib.import_module(name)
        _loaded_mtimes[name] = on_disk.stat().st_mtime
    except ModuleNotFoundError as exc:
        raise ModuleImportError(message=f"{exc!s} ({module_path})") from exc
    except SyntaxError as exc:
        raise ModuleImportError(message=str(exc)) from exc
    return module
