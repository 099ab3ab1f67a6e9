"""Evidence that code is deliberate: what a rule must look for before it says "this never runs".

An implementation that does not call ``super()`` ends a chain. That is a bug
only when the author meant the chain to go on; these helpers recognise the
implementations whose author plainly meant it to end:

* it always raises (``raise NotImplementedError``, ``raise TypeError("immutable")``),
  directly or by calling a helper function or method that always raises;
* it is abstract (``@abstractmethod``);
* it is an intended no-op (``pass``, ``...``, ``return``, ``return None``, a docstring);
* it delegates to a wrapped object (``return self._obj.method(...)``);
* it is a copy constructor (``self.__dict__ = other.__dict__.copy()``).

The same tests tell that skipping an implementation loses nothing: a stub
that raises, an abstract method or a no-op.

Everything is read from source and function ``__dict__`` entries; nothing is
called.
"""

from __future__ import annotations

import ast
import types
from typing import Any

from pyinspect_cli.audit.rules.analysis import (
    docstring_free,
    function_node,
)
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import dotted, function_of, resolve_in_function

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

#: how deep calls to helpers are followed when deciding that a function always raises
_DEPTH = 2


def _body(func: types.FunctionType) -> list[ast.stmt] | None:
    node = function_node(func)
    return None if node is None else docstring_free(node.body)


def _called(stmt: ast.stmt) -> ast.Call | None:
    """The call a statement consists of (``f(...)``, ``return f(...)``), or ``None``."""
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Return)) else None
    return value if isinstance(value, ast.Call) else None


def _callee(call: ast.Call, func: types.FunctionType, owner: type | None) -> types.FunctionType | None:
    """The plain function a call names: a module-level name, ``module.name``, or ``self.method``/``cls.method``."""
    parts = dotted(call.func)
    if not parts:
        return None
    node = function_node(func)
    first = node.args.args[0].arg if node is not None and node.args.args else None
    if owner is not None and len(parts) == 2 and parts[0] == first:
        found = static.static_lookup(owner, parts[1])
        return function_of(found[1]) if found is not None else None
    value: Any = resolve_in_function(parts, func)
    return function_of(value)


def always_raises(func: types.FunctionType, owner: type | None = None, depth: int = _DEPTH) -> bool:
    """Whether every run of *func* ends in an exception: a top-level ``raise`` before any ``return``,
    or a top-level call to a function that always raises (followed *depth* levels)."""
    body = _body(func)
    if not body:
        return False
    for stmt in body:
        if isinstance(stmt, ast.Raise):
            return True
        if isinstance(stmt, ast.Return) and _called(stmt) is None:
            return False
        call = _called(stmt)
        if call is not None and depth > 0:
            callee = _callee(call, func, owner)
            if callee is not None and callee is not func and always_raises(callee, owner, depth - 1):
                return True
        if isinstance(stmt, ast.Return):
            return False
        if isinstance(stmt, (ast.If, ast.Try, ast.For, ast.While, ast.With, ast.Match)):
            continue  # may return or raise inside; a later top-level raise still decides
    return False


def is_no_op(func: types.FunctionType) -> bool:
    """``pass``, ``...``, a bare ``return``/``return None`` or only a docstring."""
    node = function_node(func)
    if node is None:
        return False
    for stmt in docstring_free(node.body):
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis:
            continue
        if isinstance(stmt, ast.Return) and (
            stmt.value is None or (isinstance(stmt.value, ast.Constant) and stmt.value.value is None)
        ):
            continue
        return False
    return True


def delegates(func: types.FunctionType, method: str) -> bool:
    """Whether *func* hands the call to a wrapped object: its only statement calls ``self.<x>.<method>(...)``."""
    body = _body(func)
    node = function_node(func)
    if not body or len(body) != 1 or node is None or not node.args.args:
        return False
    call = _called(body[0])
    if call is None:
        return False
    parts = dotted(call.func)
    return parts is not None and len(parts) >= 3 and parts[0] == node.args.args[0].arg and parts[-1] == method


def copies_state(func: types.FunctionType) -> bool:
    """Whether *func* replaces the instance's state wholesale (``self.__dict__ = other.__dict__.copy()``):
    a copy constructor, which takes over what the other implementations would have set."""
    node = function_node(func)
    if node is None or not node.args.args:
        return False
    first = node.args.args[0].arg
    for stmt in ast.walk(node):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        for target in targets:
            if dotted(target) == [first, "__dict__"]:
                return True
    return False


def deliberate_end(value: object, method: str, owner: type | None = None) -> str | None:
    """Why an implementation that does not call ``super()`` may end its chain on purpose, or ``None``.

    *value* is the class attribute (a function, staticmethod, classmethod);
    *owner* is the class that defines it (to follow ``self.helper()`` calls).
    """
    func = function_of(value)
    if func is None:
        return None
    if func.__dict__.get("__isabstractmethod__") is True:
        return "abstract"
    if always_raises(func, owner):
        return "always raises"
    if is_no_op(func):
        return "no-op"
    if delegates(func, method):
        return "delegates to a wrapped object"
    if method == "__init__" and copies_state(func):
        return "copies another object's state"
    return None
