"""The audit rules and their registry.

A rule is a :class:`~pyinspect_cli.audit.rules.base.Rule`: a stable id
(``DESC001``), a name, a default severity, documentation, and a ``check``
function called once per class (``scope="class"``) or once per module
(``scope="module"``). Rule modules register themselves with :func:`register`
when imported; :func:`all_rules` imports every rule module and returns the
registry sorted by id.
"""

from __future__ import annotations

import importlib

from pyinspect_cli.audit.rules.base import RULES, ClassContext, ModuleContext, Rule, RuleDoc, register

__all__ = ["RULES", "RULE_MODULES", "ClassContext", "ModuleContext", "Rule", "RuleDoc", "all_rules", "register"]

#: rule modules under pyinspect_cli.audit.rules, imported by all_rules()
RULE_MODULES: list[str] = [
    "imports",
    "descriptor_protocol",
    "shadowing",
    "caching",
    "attributes",
    "metaclass",
    "cooperation",
]


def all_rules() -> dict[str, Rule]:
    """Every rule, keyed by id, in id order."""
    for name in RULE_MODULES:
        importlib.import_module(f"pyinspect_cli.audit.rules.{name}")
    return dict(sorted(RULES.items()))
