"""Fails at import: --recursive reports it and draws the rest."""

raise RuntimeError("this submodule does not import")
