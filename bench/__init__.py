"""Benchmarks: `python -m bench.<name> <size>` prints its figures."""
