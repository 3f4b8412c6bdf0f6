"""Passwords are stored as bcrypt hashes and checked against them."""

from __future__ import annotations

from infrahub_server.auth.passwords import hash_password, verify_password


def test_a_password_matches_its_hash_and_nothing_else() -> None:
    hashed = hash_password("infrahub", rounds=4)

    assert hashed.startswith("$2b$04$")
    assert "infrahub" not in hashed
    assert verify_password("infrahub", hashed)
    assert not verify_password("Infrahub", hashed)


def test_long_passwords_are_accepted_and_a_malformed_hash_never_matches() -> None:
    long_password = "x" * 100

    assert verify_password(long_password, hash_password(long_password, rounds=4))
    assert not verify_password("infrahub", "not-a-bcrypt-hash")
