"""Modules that fail at import in the ways users meet (one per module)."""
