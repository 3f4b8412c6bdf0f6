"""Generators and checks run by the server: the user's classes from a repository, in subprocesses,
as tasks of the "generator" and "check" stages."""

from infrahub_server.generator_runs.checks import CheckRunReport, run_check_definition
from infrahub_server.generator_runs.generators import GeneratorRunReport, run_generator_definition

__all__ = ["CheckRunReport", "GeneratorRunReport", "run_check_definition", "run_generator_definition"]
