"""mro-explain: see how Python classes really work.

The package root stays light: ``import pyinspect_cli`` loads nothing but the
version until one of the public names below is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Linearization",
    "MROConflictError",
    "__version__",
    "linearize",
    "linearize_graph",
]

if TYPE_CHECKING:  # pragma: no cover
    from pyinspect_cli.core.c3 import MROConflictError, linearize, linearize_graph
    from pyinspect_cli.core.model import Linearization


def __getattr__(name: str) -> Any:
    if name in {"linearize", "linearize_graph", "MROConflictError"}:
        from pyinspect_cli.core import c3

        return getattr(c3, name)
    if name == "Linearization":
        from pyinspect_cli.core.model import Linearization

        return Linearization
    raise AttributeError(f"module 'pyinspect_cli' has no attribute {name!r}")
