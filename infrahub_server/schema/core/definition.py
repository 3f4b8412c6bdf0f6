"""The form of a core kind's definition: a schema-file node or generic, as a plain dict."""

from __future__ import annotations

from typing import Any

Definition = dict[str, Any]
