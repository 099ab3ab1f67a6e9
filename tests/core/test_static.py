"""Reading classes and values without running their code."""

from __future__ import annotations

import functools

from pyinspect_cli.core import static
from sample_modules import hostile


def test_class_facts_bypass_the_metaclass() -> None:
    hostile.CALLS.clear()
    cls = hostile.Bottom
    assert static.name_of(cls) == "Bottom"
    assert static.qualname_of(cls) == "Bottom"
    assert static.module_of(cls) == "sample_modules.hostile"
    assert static.class_id(cls) == "sample_modules.hostile:Bottom"
    assert [static.name_of(k) for k in static.mro_of(cls)] == ["Bottom", "Left", "Right", "Root", "object"]
    assert static.static_lookup(cls, "spy")[0] is hostile.Root
    assert static.is_subclass(cls, hostile.Root)
    assert static.is_class(cls)
    assert hostile.CALLS == []


def test_describe_never_calls_user_code() -> None:
    hostile.CALLS.clear()
    assert static.describe(hostile.Bottom) == "sample_modules.hostile:Bottom"
    assert static.describe(static.dict_of(hostile.Root)["spy"]) == "<sample_modules.hostile:Spy instance>"
    # An instance of a class whose metaclass raises in __eq__ and __hash__.
    instance = object.__new__(hostile.Left)
    assert static.describe(instance) == "<sample_modules.hostile:Left instance>"
    assert hostile.CALLS == []


def test_describe_builtin_values() -> None:
    assert static.describe(42) == "42"
    assert static.describe("x" * 100).endswith("…")
    assert static.describe([1, 2, 3]) == "<list of 3 items>"
    assert static.describe(functools.reduce) == "<builtin_function_or_method reduce>"
    assert static.describe(test_describe_builtin_values) == "<function test_describe_builtin_values>"


def test_tp_name_matches_cpython_messages() -> None:
    assert static.tp_name(bool) == "bool"
    import operator
    import re

    for c_type in (operator.itemgetter, re.Pattern, functools._lru_cache_wrapper, bool, type(None)):
        try:
            type("X", (c_type,), {})
        except TypeError as exc:
            assert str(exc) == f"type '{static.tp_name(c_type)}' is not an acceptable base type"
        else:  # pragma: no cover
            raise AssertionError(f"{c_type} accepted subclasses")
    assert static.tp_name(hostile.Left) == "Left"
