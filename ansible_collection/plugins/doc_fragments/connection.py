# Copyright (c) 2026 infrahub-lite developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every module (MODULES) and by the inventory and lookup (PLUGINS)."""

    DOCUMENTATION = r"""
options:
  api_endpoint:
    description:
      - Address of the Infrahub-compatible server, for example V(http://127.0.0.1:8000).
      - If not set, the environment variable E(INFRAHUB_ADDRESS) is used, then V(http://localhost:8000).
    type: str
  token:
    description:
      - API token, sent as the C(X-INFRAHUB-KEY) header.
      - If not set, the environment variable E(INFRAHUB_API_TOKEN) is used.
    type: str
  branch:
    description:
      - Branch the request reads from or writes to.
      - If not set, the environment variable E(INFRAHUB_DEFAULT_BRANCH) is used, then V(main).
    type: str
  timeout:
    description:
      - Seconds to wait for each request.
    type: int
    default: 10
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
    type: bool
    default: true
"""

    MODULES = r"""
options: {}
requirements:
  - infrahub-lite (its C(infrahub_sdk) package) on the host that runs the module, usually the controller.
attributes:
  action_group:
    description: Use C(group/infrahub.lite.infrahub) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - infrahub.lite.infrahub
"""

    PLUGINS = r"""
options:
  api_endpoint:
    env:
      - name: INFRAHUB_ADDRESS
    ini:
      - section: infrahub
        key: api_endpoint
    vars:
      - name: infrahub_api_endpoint
  token:
    env:
      - name: INFRAHUB_API_TOKEN
    ini:
      - section: infrahub
        key: token
    vars:
      - name: infrahub_token
  branch:
    env:
      - name: INFRAHUB_DEFAULT_BRANCH
    ini:
      - section: infrahub
        key: branch
    vars:
      - name: infrahub_branch
  timeout:
    env:
      - name: INFRAHUB_TIMEOUT
    ini:
      - section: infrahub
        key: timeout
  validate_certs:
    env:
      - name: INFRAHUB_VALIDATE_CERTS
    ini:
      - section: infrahub
        key: validate_certs
"""
