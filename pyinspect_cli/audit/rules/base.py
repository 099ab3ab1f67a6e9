"""What a rule is, and what it is given to look at.

Rules read classes through :mod:`pyinspect_cli.core.static` and the analysis
core (descriptors, super chains, hooks), and source through the AST helpers of
:class:`ClassContext`. They never call user code: no ``getattr`` on classes or
instances, no descriptor ``__get__``, no ``repr`` of user objects.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from pyinspect_cli.audit.findings import Finding, Location, Measured, Precision, Severity
from pyinspect_cli.core import static
from pyinspect_cli.core.hooks import parse_source
from pyinspect_cli.core.record import Record, field

#: each rule's documented examples: ``docs/<ID>/bad.py`` ("Wrong") and ``docs/<ID>/good.py`` ("Right"),
#: the very files tests/audit_rules/test_doc_examples.py runs the rule on
DOCS_DIR = Path(__file__).resolve().with_name("docs")


def example(rule_id: str, which: str) -> str:
    """The text of a rule's documented example, ``which`` being ``"bad"`` or ``"good"``."""
    return (DOCS_DIR / rule_id / f"{which}.py").read_text(encoding="utf-8").rstrip("\n")


class RuleDoc(Record):
    """The documentation page of a rule (``mro-explain rules ID``)."""

    what: str
    why: str
    wrong: str
    right: str
    fix: str
    references: tuple[str, ...] = ()


class Rule(Record):
    """One audit rule."""

    id: str
    name: str
    severity: Severity
    summary: str
    doc: RuleDoc
    check: Callable[[Any], Iterable[Finding]]
    scope: str = "class"  # "class": check(ClassContext); "module": check(ModuleContext)
    enabled_by_default: bool = True
    tags: tuple[str, ...] = ()

    @property
    def measured(self) -> Measured | None:
        """The rule's labelled findings on the precision corpus (``None`` for a rule not in the measurement)."""
        from pyinspect_cli.audit.rules.measured import MEASURED

        return MEASURED.get(self.id)

    @property
    def precision(self) -> Precision:
        """The measured precision's level; ``not-measured`` when the corpus gave the rule no finding."""
        measured = self.measured
        return Precision.not_measured if measured is None else measured.level

    @property
    def precision_text(self) -> str:
        """``high, 92% of 25 findings not false (3 real, 20 debatable, 2 false) on the 13-package corpus``."""
        from pyinspect_cli.audit.rules.measured import PACKAGES

        measured = self.measured
        where = f"on the {PACKAGES}-package corpus"
        if measured is None or measured.precision is None:
            return f"not measured (no finding {where})"
        return (
            f"{measured.level.value}, {measured.precision:.0%} of {measured.findings} findings not false "
            f"({measured.real} real, {measured.debatable} debatable, {measured.false} false) {where}"
        )


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add *rule* to the registry (ids are unique)."""
    if rule.id in RULES and RULES[rule.id] is not rule:
        raise ValueError(f"duplicate rule id {rule.id}")
    RULES[rule.id] = rule
    return rule


class ModuleContext(Record, frozen=False):
    """A module being audited (module-scope rules)."""

    module: Any
    name: str
    path: str | None
    display_path: str | None
    classes: list[type] = field(default_factory=list)


class ClassContext:
    """A class being audited, with lazy access to its source."""

    def __init__(self, cls: type, module: ModuleContext) -> None:
        self.cls = cls
        self.module = module

    # -- identity -----------------------------------------------------------

    @property
    def module_name(self) -> str:
        return self.module.name

    @property
    def qualname(self) -> str:
        return static.qualname_of(self.cls)

    @property
    def mro(self) -> tuple[type, ...]:
        return static.mro_of(self.cls)

    @property
    def namespace(self) -> Any:
        return static.dict_of(self.cls)

    # -- source -------------------------------------------------------------

    @cached_property
    def source_file(self) -> str | None:
        """The file the class is defined in, when it is a Python source file."""
        path = self.module.path
        return path if path and path.endswith(".py") else None

    @cached_property
    def tree(self) -> ast.Module | None:
        """The parsed module source (cached per file by linecache)."""
        if self.source_file is None:
            return None
        return parse_file(self.source_file)

    @cached_property
    def class_node(self) -> ast.ClassDef | None:
        """The ``class`` statement of this class in its module's AST, found by qualname."""
        if self.tree is None:
            return None
        return find_class_node(self.tree, self.qualname)

    @property
    def line(self) -> int:
        """The class statement's line; for a class made by ``type(...)`` or a factory, the creating call or
        the class statement of the nearest base defined in the same file; 1 only when neither is found."""
        node = self.class_node
        if node is not None:
            return node.lineno
        return self.creation_line or 1

    @cached_property
    def creation_line(self) -> int | None:
        """Where a class without a class statement of its own was made (see :func:`creation_line`)."""
        if self.tree is None:
            return None
        return creation_line(self.tree, self.cls)

    def function_node(self, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The ``def name`` directly in this class's body (the last one wins, like the class dict)."""
        node = self.class_node
        if node is None:
            return None
        found = None
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
                found = stmt
        return found

    def location(self, line: int | None = None) -> Location | None:
        """A finding location in this class's file (the class line by default)."""
        if self.module.display_path is None:
            return None
        return Location(self.module.display_path, line if line is not None else self.line)

    def finding(
        self,
        rule: Rule,
        message: str,
        *,
        attribute: str | None = None,
        line: int | None = None,
        severity: Severity | None = None,
        notes: Iterable[str] = (),
        symbol: str = "",
        cause: str = "",
    ) -> Finding:
        """A finding of *rule* about this class (*cause*: see :attr:`Finding.cause`)."""
        return Finding(
            rule=rule.id,
            severity=severity or rule.severity,
            message=message,
            module=self.module_name,
            qualname=self.qualname,
            attribute=attribute,
            location=self.location(line),
            notes=tuple(notes),
            symbol=symbol or (attribute or ""),
            cause=cause,
        )


def parse_file(path: str) -> ast.Module | None:
    """The parsed source of *path*: one parse per file and process, shared with the analysis core.

    See :func:`pyinspect_cli.core.hooks.source_file` (``None`` when the file
    cannot be read or does not parse).
    """
    return parse_source(path)


def find_class_node(tree: ast.Module, qualname: str) -> ast.ClassDef | None:
    """The ClassDef for a qualname like ``Outer.Inner`` (``<locals>`` parts are searched in functions)."""
    parts = [p for p in qualname.split(".") if p != "<locals>"]
    scopes: list[list[ast.stmt]] = [tree.body]
    found: ast.ClassDef | None = None
    for i, part in enumerate(parts):
        is_last = i == len(parts) - 1
        next_scopes: list[list[ast.stmt]] = []
        for body in scopes:
            for stmt in body:
                if isinstance(stmt, ast.ClassDef) and stmt.name == part:
                    if is_last:
                        found = stmt
                    next_scopes.append(stmt.body)
                elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == part and not is_last:
                    next_scopes.append(stmt.body)
                elif isinstance(stmt, (ast.If, ast.Try)):
                    # class statements guarded by if/try at the same level
                    for sub in _nested_bodies(stmt):
                        for inner in sub:
                            if isinstance(inner, ast.ClassDef) and inner.name == part:
                                if is_last:
                                    found = inner
                                next_scopes.append(inner.body)
        scopes = next_scopes
    return found


def _type_calls(tree: ast.Module) -> list[ast.Call]:
    """``type(name, bases, ns)`` and ``types.new_class(name, ...)`` calls in a module."""
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (isinstance(func, ast.Name) and func.id == "type" and len(node.args) == 3) or (
            isinstance(func, ast.Attribute) and func.attr == "new_class" and node.args
        ):
            calls.append(node)
    return calls


def creation_line(tree: ast.Module, cls: type) -> int | None:
    """The line that made *cls* when it has no class statement of its own.

    The ``type(...)``/``types.new_class(...)`` call naming it (or the only such
    call in the module); otherwise the class statement of the nearest class of
    its MRO written in the same module (the factory's template class).
    """
    name = static.name_of(cls)
    calls = _type_calls(tree)
    named = [c for c in calls if isinstance(c.args[0], ast.Constant) and c.args[0].value == name]
    if named:
        return named[0].lineno
    if len(calls) == 1:
        return calls[0].lineno
    module = static.module_of(cls)
    for klass in static.mro_of(cls)[1:]:
        if static.module_of(klass) != module:
            continue
        node = find_class_node(tree, static.qualname_of(klass))
        if node is not None:
            return node.lineno
    return None


def _nested_bodies(stmt: ast.stmt) -> list[list[ast.stmt]]:
    bodies: list[list[ast.stmt]] = []
    for name in ("body", "orelse", "finalbody"):
        value = getattr(stmt, name, None)
        if isinstance(value, list):
            bodies.append(value)
    for handler in getattr(stmt, "handlers", []) or []:
        bodies.append(handler.body)
    return bodies


def source_lines(path: str) -> list[str]:
    from pyinspect_cli.core.paths import source_lines as regular_source_lines

    return regular_source_lines(path)
