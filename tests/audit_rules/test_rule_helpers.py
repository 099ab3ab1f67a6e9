"""The static helpers the rules share: stores in method bodies, def lookup, bytecode prefilter, dedupe."""

from __future__ import annotations

import ast
import functools
import textwrap
import types
from typing import Any

from pyinspect_cli.audit.rules import analysis as d
from pyinspect_cli.audit.rules import descriptor_protocol, shadowing


def _def(source: str) -> d.FunctionNode:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    return node


def test_self_stores_sees_every_assignment_form() -> None:
    node = _def(
        """
        def __init__(me, value):
            me.a = 1
            me.b, (me.c, other) = value
            me.d: int = 2
            me.e += 1
            setattr(me, "f", value)
            if value is not None:
                me.g = value
            try:
                me.h = value
            except AttributeError:
                pass
            def inner(me):
                me.skipped = 1
            other.not_self = 1
        """
    )
    stores = {s.name: s for s in d.self_stores(node)}
    assert sorted(stores) == ["a", "b", "c", "d", "e", "f", "g", "h"]
    assert isinstance(stores["a"].value, ast.Constant)
    assert stores["b"].value is None  # unpacked: no single value
    assert stores["e"].aug
    assert stores["g"].tests and not stores["g"].guarded
    assert stores["h"].guarded
    assert not stores["a"].guarded and not stores["a"].tests


def test_function_node_finds_decorated_and_nested_defs() -> None:
    def outer() -> Any:
        @functools.wraps(print)
        def inner() -> None:
            pass

        return inner

    node = d.function_node(outer)
    assert node is not None and node.name == "outer"
    inner = d.function_of(outer())
    assert inner is not None
    found = d.function_node(inner)
    assert found is not None and found.name == "inner"


def test_function_of_unwraps_by_identity_only() -> None:
    def f(self: Any) -> None:
        pass

    @functools.wraps(f)
    def wrapper(self: Any) -> None:
        pass

    assert d.function_of(staticmethod(f)) is f
    assert d.function_of(classmethod(wrapper)) is f
    assert d.function_of(property(f)) is None
    assert d.function_of(42) is None


def test_might_store_reads_store_attr_from_bytecode_even_past_256_names() -> None:
    names = [f"n{i}" for i in range(300)]
    body = "\n".join(f"    self.{n} = 1" for n in names)
    namespace: dict[str, Any] = {}
    exec(f"def many(self):\n    x = self.loaded\n{body}\n    setattr(self, 'dynamic', 2)\n", namespace)
    func = namespace["many"]
    assert type(func) is types.FunctionType
    assert d.might_store(func, {"n299"})
    assert d.might_store(func, {"n0"})
    assert d.might_store(func, {"dynamic"})
    assert not d.might_store(func, {"loaded"})


def test_new_here_reports_at_the_class_that_causes_the_finding() -> None:
    class Base:
        pass

    class Child(Base):
        pass

    class Mixin:
        pass

    class Both(Child, Mixin):
        pass

    def compute(cls: type) -> dict[str, int]:
        keys = {"base-bug": 1} if Base in cls.__mro__ else {}
        if Mixin in cls.__mro__ and Base in cls.__mro__:
            keys["combination"] = 2
        return keys

    memo = d.Memo(compute)
    assert d.new_here(Base, memo) == {"base-bug": 1}
    assert d.new_here(Child, memo) == {}
    assert d.new_here(Both, memo) == {"combination": 2}


def test_read_only_reason() -> None:
    class Desc:
        def __get__(self, obj: Any, objtype: Any = None) -> Any:
            return self

        def __set__(self, obj: Any, value: Any) -> None:
            raise AttributeError("read-only")

    class DeleteOnly:
        def __get__(self, obj: Any, objtype: Any = None) -> Any:
            return self

        def __delete__(self, obj: Any) -> None:
            pass

    class Writable:
        def __get__(self, obj: Any, objtype: Any = None) -> Any:
            return self

        def __set__(self, obj: Any, value: Any) -> None:
            obj.__dict__["x"] = value

    assert shadowing.read_only_reason(property(lambda self: 1)) == "a read-only property (no setter)"
    assert shadowing.read_only_reason(property(lambda self: 1, lambda self, v: None)) is None
    assert "always raises" in (shadowing.read_only_reason(Desc()) or "")
    assert "without __set__" in (shadowing.read_only_reason(DeleteOnly()) or "")
    assert shadowing.read_only_reason(Writable()) is None
    assert shadowing.read_only_reason(functools.cached_property(lambda self: 1)) is None
    assert shadowing.read_only_reason(42) is None


def test_super_only_dereferenced_reads_every_use_of_super() -> None:
    class Base:
        def __init__(self) -> None:
            self.ready = True

    class Calls(Base):
        def __init__(self) -> None:
            super().__init__()
            self.name = super(Calls, self).__class__.__name__  # noqa: UP008 - the two-argument form

    class Stores(Base):
        def __init__(self) -> None:
            super().__init__()
            self.parent = super()

    class Passes(Base):
        def __init__(self) -> None:
            self.parent = list(super().__dict__)
            self.items = [super(Passes, self) for _ in range(2)]

    assert descriptor_protocol._super_only_dereferenced(Calls.__init__.__code__)
    assert not descriptor_protocol._super_only_dereferenced(Stores.__init__.__code__)
    assert not descriptor_protocol._super_only_dereferenced(Passes.__init__.__code__)  # super named in a comprehension
    assert not descriptor_protocol._builds_descriptor(Calls.__init__)  # type: ignore[arg-type]
    assert descriptor_protocol._builds_descriptor(Stores.__init__)  # type: ignore[arg-type]


def test_desc013_still_reports_a_stored_super_object() -> None:
    from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext

    class Base:
        pass

    class Keeps(Base):
        def __init__(self) -> None:
            super().__init__()
            self.parent = super()

    ctx = ClassContext(Keeps, ModuleContext(None, __name__, __file__, __file__, [Base, Keeps]))
    found = list(descriptor_protocol.check_desc013(ctx))
    assert [f.attribute for f in found] == ["parent"]
