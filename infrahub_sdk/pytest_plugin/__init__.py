"""The pytest plugin: runs the YAML tests (`test_*.yml`) of an Infrahub repository.

Register it with `-p infrahub_sdk.pytest_plugin.plugin`, or through the `pytest11` entry point.
"""
