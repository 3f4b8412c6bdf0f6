"""Nornir tasks: nornir-infrahub's (same names and arguments) and the render / diff / push / verify /
record loop. Importing this package registers the `frr_vtysh` connection plugin."""

from nornir_plugin.connections import register_connections

from ._host import get_client
from .artifacts import generate_artifacts, get_artifact, regenerate_host_artifact
from .compliance import COMPLIANCE_KIND, record_compliance
from .config import diff_config, push_config
from .files import download_file_object, upload_file_object
from .progress import RichProgress, run_with_progress
from .render import render_config
from .verify import CHECKS, verify

register_connections()

__all__ = [
    "CHECKS",
    "COMPLIANCE_KIND",
    "RichProgress",
    "diff_config",
    "download_file_object",
    "generate_artifacts",
    "get_artifact",
    "get_client",
    "push_config",
    "record_compliance",
    "regenerate_host_artifact",
    "render_config",
    "run_with_progress",
    "upload_file_object",
    "verify",
]
