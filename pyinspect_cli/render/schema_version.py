"""The version of every JSON document's schema (``schema_version``), importable without pydantic.

``MAJOR.MINOR``: adding a field bumps MINOR; renaming or removing one, or
changing its meaning, bumps MAJOR. The models are in :mod:`pyinspect_cli.render.json`.
"""

from __future__ import annotations

SCHEMA_VERSION = "1.0"
