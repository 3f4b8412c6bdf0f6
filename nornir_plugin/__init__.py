"""Nornir inventory plugin and tasks backed by an Infrahub-compatible server."""
