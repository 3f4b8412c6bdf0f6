"""Account passwords, stored as bcrypt hashes (the `HashedPassword` attribute kind)."""

from __future__ import annotations

import bcrypt

# bcrypt reads at most 72 bytes; older bcrypt releases (and Infrahub's stored hashes) silently
# truncated longer passwords, the current release refuses them, so truncate here on purpose.
_BCRYPT_MAX_BYTES = 72
_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")


def _secret(password: str) -> bytes:
    return password.encode()[:_BCRYPT_MAX_BYTES]


def hash_password(password: str, *, rounds: int = 12) -> str:
    return bcrypt.hashpw(_secret(password), bcrypt.gensalt(rounds)).decode()


def verify_password(password: str, hashed: str) -> bool:
    """True when `password` matches `hashed`; a malformed stored hash never matches."""
    try:
        return bcrypt.checkpw(_secret(password), hashed.encode())
    except ValueError:
        return False


def is_password_hash(value: str) -> bool:
    """True when `value` already is a bcrypt hash (stored as given, like the HashedPassword kind)."""
    return value.startswith(_BCRYPT_PREFIXES)
