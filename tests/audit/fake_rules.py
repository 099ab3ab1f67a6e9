"""Small rules the framework tests run (registered by the ``fake_rules`` fixture, found by the workers)."""

from __future__ import annotations

import ast

from pyinspect_cli.audit.findings import Severity
from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext, Rule, RuleDoc
from pyinspect_cli.core import static

DOC = RuleDoc(what="A test rule.", why="Tests.", wrong="class FlaggedX: ...", right="class X: ...", fix="Rename it.")


def check_flagged(ctx: ClassContext):
    name = static.name_of(ctx.cls)
    if name.startswith("Flagged"):
        yield ctx.finding(FAKE001, f"{ctx.qualname} has a flagged name", symbol=name)


def check_bad_methods(ctx: ClassContext):
    node = ctx.class_node
    if node is None:
        return
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name.startswith("bad_"):
            yield ctx.finding(FAKE002, f"{ctx.qualname}.{stmt.name} is bad", attribute=stmt.name, line=stmt.lineno)


def check_boom(ctx: ClassContext):
    if static.name_of(ctx.cls) == "Boom":
        raise ValueError("the rule fell over")
    return ()


def check_module(ctx: ModuleContext):
    return ()


FAKE001 = Rule(
    id="FAKE001",
    name="flagged-name",
    severity=Severity.error,
    summary="A class name starts with Flagged",
    doc=DOC,
    check=check_flagged,
    tags=("test",),
)
FAKE002 = Rule(
    id="FAKE002",
    name="bad-method",
    severity=Severity.warning,
    summary="A method name starts with bad_",
    doc=DOC,
    check=check_bad_methods,
)
FAKE003 = Rule(
    id="FAKE003",
    name="crashes",
    severity=Severity.note,
    summary="Raises on Boom",
    doc=DOC,
    check=check_boom,
)
FAKE004 = Rule(
    id="FAKE004",
    name="module-noop",
    severity=Severity.note,
    summary="A module-scope rule that finds nothing",
    doc=DOC,
    check=check_module,
    scope="module",
    enabled_by_default=False,
)

FAKE_RULES = (FAKE001, FAKE002, FAKE003, FAKE004)
