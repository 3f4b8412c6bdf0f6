"""Branch names follow git's ref rules, so a branch can have a twin in every git repository."""

from __future__ import annotations

from infrahub_server.errors import ValidationError

_MIN_LENGTH = 3
_MAX_LENGTH = 250
_INVALID_CHARACTERS = " ~^:?*["
_INVALID_PATTERNS = (("/.", "/."), ("..", ".."), ("//", "//"), ("@{", "@{"), ("\\", "backslash (\\)"))
_INVALID_ENDINGS = ("/", ".lock", ".")


def check_branch_name(name: str) -> None:
    """Raise ValidationError (field `name`) when `name` cannot be a branch name."""
    problem = _problem(name)
    if problem is not None:
        raise ValidationError(problem, data={"field_name": "name", "value": name})


def _problem(name: str) -> str | None:
    if len(name) < _MIN_LENGTH:
        return f"String should have at least {_MIN_LENGTH} characters"
    if len(name) > _MAX_LENGTH:
        return f"String should have at most {_MAX_LENGTH} characters"
    offending = sorted(set(name) & set(_INVALID_CHARACTERS))
    if offending:
        return f"Branch name contains invalid characters: {', '.join(repr(char) for char in offending)}"
    if name.startswith("/"):
        return "Branch name contains invalid patterns or characters: starting with /"
    for pattern, description in _INVALID_PATTERNS:
        if pattern in name:
            return f"Branch name contains invalid patterns or characters: {description}"
    for ending in _INVALID_ENDINGS:
        if name.endswith(ending):
            return f"Branch name cannot end with '{ending}'"
    return None
