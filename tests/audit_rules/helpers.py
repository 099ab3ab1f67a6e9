"""Run the descriptor, attribute and metaclass rules directly (no audit runner)."""

from __future__ import annotations

import importlib
import types
from collections.abc import Iterable
from typing import Any

from pyinspect_cli.audit.findings import Finding
from pyinspect_cli.audit.rules import all_rules
from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext, Rule
from pyinspect_cli.core import static

FAMILIES = ("descriptor_protocol", "shadowing", "caching", "attributes", "metaclass")
_module_dict: Any = types.ModuleType.__dict__["__dict__"].__get__


def our_rules() -> dict[str, Rule]:
    """The rules of this feature, keyed by id (every other family left out)."""
    return {
        rule_id: rule for rule_id, rule in all_rules().items() if rule.check.__module__.rsplit(".", 1)[-1] in FAMILIES
    }


def classes_in(module: types.ModuleType) -> list[type]:
    """Classes defined in *module* (nested classes too), read from namespaces only."""
    name = _module_dict(module)["__name__"]
    found: list[type] = []
    seen: set[int] = set()

    def walk(ns: Any) -> None:
        for value in list(ns.values()):
            if static.is_class(value) and id(value) not in seen and static.module_of(value) == name:
                seen.add(id(value))
                found.append(value)
                walk(static.dict_of(value))

    walk(_module_dict(module))
    return found


def audit_module(module: types.ModuleType | str, rules: Iterable[Rule]) -> list[Finding]:
    if isinstance(module, str):
        module = importlib.import_module(module)
    ns = _module_dict(module)
    path = ns.get("__file__")
    ctx_module = ModuleContext(module, ns["__name__"], path, path, [])
    ctx_module.classes = classes_in(module)
    rules = list(rules)
    findings: list[Finding] = []
    for cls in ctx_module.classes:
        ctx = ClassContext(cls, ctx_module)
        for rule in rules:
            findings.extend(rule.check(ctx))
    return findings
