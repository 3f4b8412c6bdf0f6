"""The I/O shells, written async; `scripts/unasync.py` generates their blocking twins in `_sync/`."""
