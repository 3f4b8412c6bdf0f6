"""Attribute values: type checks, constraints and normalisation per attribute kind.

`check_value` is called for every value a mutation writes. It returns the value as it is stored
(addresses in Infrahub's normal form, JSON text parsed) or raises the protocol's error naming the
kind and the attribute. Messages follow Infrahub's wording: "<value> is not a valid <Kind> at <attr>".
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

import netaddr

from infrahub_server.auth.passwords import hash_password, is_password_hash
from infrahub_server.errors import AttributeConstraintError, AttributeInvalidTypeError, AttributeRequiredError
from infrahub_server.schema.models import AttributeSchema

# Infrahub refuses longer Text values (a Neo4j index limit it keeps as a user-facing rule).
MAX_TEXT_LENGTH = 4096
_LONG_TEXT_KINDS = {"TextArea", "JSON", "List", "Any", "File"}


def check_value(kind: str, attr: AttributeSchema, value: Any) -> Any:
    """The value of `attr` on `kind` as stored, after checking its type and constraints.

    `None` is accepted for optional attributes only.
    """
    if value is None:
        if not attr.optional:
            raise AttributeRequiredError(
                f"A value must be provided for {attr.name} at {attr.name}", kind=kind, field=attr.name
            )
        return None
    normalise = _NORMALISERS.get(attr.kind, _any_value)
    try:
        stored = normalise(value)
    except (TypeError, ValueError) as exc:
        raise AttributeInvalidTypeError(
            f"{value} is not a valid {attr.kind} at {attr.name}",
            kind=kind,
            field=attr.name,
            data={"expected_type": attr.kind, "received_type": type(value).__name__},
        ) from exc
    _check_constraints(kind, attr, stored)
    return stored


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _integer(value: Any) -> int:
    # bool is an int subclass; a Number refuses it like Infrahub does
    if type(value) is not int:
        raise TypeError(value)
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _datetime(value: Any) -> str:
    text = _text(value)
    datetime.fromisoformat(text)
    return text


def _url(value: Any) -> str:
    text = _text(value)
    if "://" not in text:
        if not text.startswith("/"):
            raise ValueError(text)
        return text
    parsed = urlparse(text)
    if not (parsed.scheme and parsed.netloc):
        raise ValueError(text)
    return text


def _ip_host(value: Any) -> str:
    return ipaddress.ip_interface(_text(value)).with_prefixlen


def _ip_network(value: Any) -> str:
    return ipaddress.ip_network(_text(value)).with_prefixlen


def _ip_address(value: Any) -> str:
    return str(ipaddress.ip_address(_text(value)))


def _mac_address(value: Any) -> str:
    text = _text(value)
    if not netaddr.valid_mac(text):
        raise ValueError(text)
    return str(netaddr.EUI(text))


def _json_text(value: Any) -> Any:
    if isinstance(value, str):
        return json.loads(value)
    return value


def _list(value: Any) -> list[Any]:
    parsed = _json_text(value)
    if not isinstance(parsed, list):
        raise TypeError(value)
    return parsed


def _json(value: Any) -> dict[str, Any] | list[Any]:
    parsed = _json_text(value)
    if not isinstance(parsed, dict | list):
        raise TypeError(value)
    return parsed


def _hashed_password(value: Any) -> str:
    text = _text(value)
    return text if is_password_hash(text) else hash_password(text)


def _any_value(value: Any) -> Any:
    return value


_NORMALISERS: dict[str, Callable[[Any], Any]] = {
    "Text": _text,
    "TextArea": _text,
    "Password": _text,
    "Color": _text,
    "Email": _text,
    "File": _text,
    "ID": _text,
    "Dropdown": _text,
    "HashedPassword": _hashed_password,
    "Number": _integer,
    "NumberPool": _integer,
    "Bandwidth": _integer,
    "Boolean": _boolean,
    "Checkbox": _boolean,
    "DateTime": _datetime,
    "URL": _url,
    "IPHost": _ip_host,
    "IPNetwork": _ip_network,
    "IPAddress": _ip_address,
    "MacAddress": _mac_address,
    "List": _list,
    "JSON": _json,
    "Any": _any_value,
}


def _parameter(attr: AttributeSchema, name: str) -> Any:
    legacy = getattr(attr, name, None)
    if legacy is not None:
        return legacy
    return (attr.parameters or {}).get(name)


def _check_constraints(kind: str, attr: AttributeSchema, value: Any) -> None:
    def refuse(reason: str) -> AttributeConstraintError:
        return AttributeConstraintError(f"{reason} at {attr.name}", kind=kind, field=attr.name)

    if (
        isinstance(value, str)
        and attr.kind not in _LONG_TEXT_KINDS
        and len(value.encode()) + 3 >= MAX_TEXT_LENGTH
    ):
        raise refuse(f"Text attribute length should be less than {MAX_TEXT_LENGTH} characters.")
    _check_text_parameters(attr, value, refuse)
    if attr.kind in ("Number", "Bandwidth"):
        _check_number_parameters(attr, value, refuse)
    if attr.enum and value not in attr.enum:
        raise refuse(f"{value} must be one of {attr.enum!r}")
    if attr.kind == "Dropdown":
        names = sorted(choice.name for choice in attr.choices or [])
        if value not in names:
            raise refuse(f"{value} must be one of {', '.join(names)!r}")


def _check_text_parameters(
    attr: AttributeSchema, value: Any, refuse: Callable[[str], AttributeConstraintError]
) -> None:
    regex = _parameter(attr, "regex")
    if regex:
        items = value if attr.kind == "List" else [value]
        for item in items:
            if not re.match(regex, str(item)):
                raise refuse(f"{item} must conform with the regex: {regex!r}")
    min_length = _parameter(attr, "min_length")
    if min_length and len(value) < min_length:
        raise refuse(f"{value} must have a minimum length of {min_length!r}")
    max_length = _parameter(attr, "max_length")
    if max_length and len(value) > max_length:
        raise refuse(f"{value} must have a maximum length of {max_length!r}")


def _check_number_parameters(
    attr: AttributeSchema, value: int, refuse: Callable[[str], AttributeConstraintError]
) -> None:
    params = attr.parameters or {}
    min_value, max_value = params.get("min_value"), params.get("max_value")
    if min_value is not None and value < min_value:
        raise refuse(f"{value} is lower than the minimum allowed value {min_value!r}")
    if max_value is not None and value > max_value:
        raise refuse(f"{value} is higher than the maximum allowed value {max_value!r}")
    for part in str(params.get("excluded_values") or "").split(","):
        start, _, end = part.strip().partition("-")
        if not start:
            continue
        if not end and value == int(start):
            raise refuse(f"{value} is in the excluded values")
        if end and int(start) <= value <= int(end):
            raise refuse(f"{value} is in the excluded range {start}-{end}")
