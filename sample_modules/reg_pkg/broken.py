"""Fails at import: the walk reports it and goes on."""

raise RuntimeError("plugin backend is not configured")
