"""attr's verdicts against what CPython really does when these tests access attributes.

mro-explain predicts, statically, which branch Python takes; here the tests
(which may run code) create instances, read, assign and delete, and check the
prediction: the value Python returns must be the one the predicted branch
yields, and writes and deletes must land where predicted.
"""

from __future__ import annotations

import argparse
import collections
import configparser
import datetime
import decimal
import email.message
import fractions
import functools
import io
import ipaddress
import pathlib
import random
import re
import string
import textwrap
import types
import uuid
from typing import Any

import desc_reference as ref
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import sample_modules.descriptors as samples
import sample_modules.fields as fields
from pyinspect_cli.core.attributes import (
    CLASS_OUTCOMES,
    INSTANCE_OUTCOMES,
    Resolution,
    attribute_names,
    resolve_attribute,
)

CORPUS = ref.corpus_classes()

# Reading every attribute of pydantic models touches its deprecated ones.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _custom_hook(resolution: Resolution, hook: str, *, meta: bool) -> bool:
    return any(h.hook == hook and h.on_metaclass == meta and "frozen dataclass" not in h.note for h in resolution.hooks)


def _getattr_fallback(expected: Any, owner_type: type, target: Any, name: str) -> Any:
    """A descriptor that raises AttributeError hands over to __getattr__ (the notes say so)."""
    if isinstance(expected, ref.Raised) and isinstance(expected.exc, AttributeError):
        hook = next((vars(k)["__getattr__"] for k in owner_type.__mro__ if "__getattr__" in vars(k)), None)
        if hook is not None:
            return ref.run(lambda: hook(target, name))
    return expected


# ---------------------------------------------------------------------------
# Class reads over every class of the corpus


def test_class_reads_over_real_classes() -> None:
    checked = 0
    wrong = []
    for cls in CORPUS:
        for name in [*attribute_names(cls), "no_such_attribute_here"]:
            resolution = resolve_attribute(cls, name)
            if _custom_hook(resolution, "__getattribute__", meta=True):
                continue
            (branch,) = resolution.class_read
            actual = ref.run(lambda: getattr(cls, name))
            expected = ref.expected_class_read(branch, cls, name)
            expected = _getattr_fallback(expected, type(cls), cls, name)
            if not ref.same(actual, expected):
                wrong.append((cls, name, branch.outcome, actual, expected))
            checked += 1
    assert wrong == []
    assert checked > 50000


# ---------------------------------------------------------------------------
# Instance reads, writes and deletes over real instances


def _real_instances() -> list[Any]:
    from enum import Enum

    special = {cls.__name__: cls for cls in ref.special_classes()}
    colour: Any = special["Colour"]
    instances: list[Any] = [
        object(),
        {},
        [],
        set(),
        1,
        "text",
        b"bytes",
        bytearray(b"x"),
        collections.OrderedDict(a=1),
        collections.defaultdict(list),
        collections.Counter("aab"),
        collections.deque([1]),
        collections.ChainMap({}),
        collections.UserDict(a=1),
        collections.UserList([1]),
        fractions.Fraction(1, 3),
        decimal.Decimal("1.5"),
        datetime.date(2020, 1, 2),
        datetime.timedelta(1),
        pathlib.PurePosixPath("a/b.txt"),
        argparse.Namespace(a=1),
        types.SimpleNamespace(a=1),
        email.message.Message(),
        configparser.ConfigParser(),
        string.Formatter(),
        random.Random(1),
        io.StringIO("x"),
        ipaddress.ip_address("10.0.0.1"),
        uuid.UUID(int=1),
        re.compile("x+"),
        textwrap.TextWrapper(),
        functools.partial(print, 1),
        colour.RED,
        special["SlottedPoint"](),
        special["FrozenPoint"](),
        special["FrozenSlotted"](),
        special["Pair"](),
        special["Point"](),
        samples.Zoo(),
        samples.Slotted(),
        fields.Agent("a", 3),
    ]
    if "Model" in special:
        instances += [special["Model"](), special["Frozen"]()]
    assert isinstance(colour.RED, Enum)
    return instances


def _names_of(obj: Any) -> list[str]:
    names = attribute_names(type(obj))
    try:
        names += [n for n in vars(obj) if isinstance(n, str)]
    except TypeError:
        pass
    return [*dict.fromkeys(names), "no_such_attribute_here"]


def test_instance_reads_over_real_instances() -> None:
    checked = 0
    wrong = []
    for obj in _real_instances():
        cls = type(obj)
        for name in _names_of(obj):
            resolution = resolve_attribute(cls, name)
            if _custom_hook(resolution, "__getattribute__", meta=False):
                continue
            branch = ref.first_branch(resolution.read, obj, name)
            actual = ref.run(lambda: getattr(obj, name))
            expected = ref.expected_instance_read(branch, obj, cls, name)
            expected = _getattr_fallback(expected, cls, obj, name)
            if not ref.same(actual, expected):
                wrong.append((cls, name, branch.outcome, actual, expected))
            checked += 1
    assert wrong == []
    assert checked > 2000


_WRITABLE_CHECKS = [
    # (factory, name, expected outcome, expected message or None)
    (lambda: samples.Zoo(), "data", "data-descriptor", None),
    (lambda: samples.Zoo(), "set_only", "data-descriptor", None),
    (lambda: samples.Zoo(), "non_data", "instance-dict", None),
    (lambda: samples.Zoo(), "expensive", "instance-dict", None),
    (lambda: samples.Zoo(), "plain", "instance-dict", None),
    (lambda: samples.Zoo(), "read_only", "attribute-error", "property 'read_only' of 'Zoo' object has no setter"),
    (lambda: samples.Zoo(), "celsius", "data-descriptor", None),
    (lambda: samples.Zoo(), "greet", "instance-dict", None),
    (lambda: samples.Slotted(), "x", "data-descriptor", None),
    (lambda: samples.Slotted(), "z", "attribute-error", "'Slotted' object has no attribute 'z'"),
    (lambda: samples.Slotted(), "__init__", "attribute-error", "'Slotted' object attribute '__init__' is read-only"),
    (lambda: fields.Agent("a", 1), "name", "data-descriptor", None),
    (
        lambda: fractions.Fraction(1, 3),
        "numerator",
        "attribute-error",
        "property 'numerator' of 'Fraction' object has no setter",
    ),
]


@pytest.mark.parametrize(("factory", "name", "outcome", "message"), _WRITABLE_CHECKS)
def test_writes_on_real_instances(factory: Any, name: str, outcome: str, message: str | None) -> None:
    obj = factory()
    (branch,) = [b for b in resolve_attribute(type(obj), name).write if ref.holds(b.when, obj, name)][:1]
    assert branch.outcome == outcome
    assert branch.error == message
    _check_write(obj, name, branch)


class _Recorder:
    """Wrap __set__/__delete__ of a Python descriptor type for the time of one access."""

    def __init__(self, descriptor: Any, method: str) -> None:
        self.tp = type(descriptor)
        self.method = method
        self.calls = 0
        self.patched = self.tp.__flags__ & (1 << 9) and hasattr(self.tp, method)

    def __enter__(self) -> _Recorder:
        if self.patched:
            original = getattr(self.tp, self.method)
            self.had_own = self.method in vars(self.tp)
            self.own = vars(self.tp).get(self.method)

            def record(*args: Any) -> Any:
                self.calls += 1
                return original(*args)

            setattr(self.tp, self.method, record)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.patched:
            if self.had_own:
                setattr(self.tp, self.method, self.own)
            else:
                delattr(self.tp, self.method)


def _inst_dict(obj: Any) -> dict[str, Any] | None:
    try:
        ns = object.__getattribute__(obj, "__dict__")
    except AttributeError:
        return None
    return ns if isinstance(ns, dict) else None


def _descriptor_of(branch: Any, name: str) -> Any:
    return vars(branch.defined_in)[name] if branch.outcome == "data-descriptor" else None


def _check_write(obj: Any, name: str, branch: Any) -> None:
    value = object()
    with _Recorder(_descriptor_of(branch, name), "__set__") as recorder:
        result = ref.run(lambda: setattr(obj, name, value))
    ns = _inst_dict(obj)
    in_dict = ns is not None and ns.get(name) is value
    if branch.outcome == "attribute-error":
        assert isinstance(result, ref.Raised) and isinstance(result.exc, AttributeError)
        if branch.error is not None:
            assert str(result.exc) == branch.error
    elif branch.outcome == "instance-dict":
        assert result is None and in_dict
    else:
        assert branch.outcome == "data-descriptor"
        if recorder.patched:
            assert recorder.calls == 1
        else:
            assert not in_dict


def _check_delete(obj: Any, name: str, branch: Any) -> None:
    ns = _inst_dict(obj)
    had = ns is not None and name in ns
    with _Recorder(_descriptor_of(branch, name), "__delete__") as recorder:
        result = ref.run(lambda: delattr(obj, name))
    if branch.outcome == "attribute-error":
        assert isinstance(result, ref.Raised) and isinstance(result.exc, AttributeError), result
        if branch.error is not None:
            assert str(result.exc) == branch.error
    elif branch.outcome == "instance-dict":
        assert result is None and had and ns is not None and name not in ns
    else:
        assert branch.outcome == "data-descriptor"
        if recorder.patched:
            assert recorder.calls == 1
        elif had:
            assert ns is not None and name in ns


def test_frozen_dataclass_writes() -> None:
    special = {cls.__name__: cls for cls in ref.special_classes()}
    # frozen=True, slots=True on 3.10/3.11: the generated __setattr__ refers to the class dataclass() replaced,
    # so assigning a name that is not a field raises TypeError (a CPython bug, fixed in 3.12); only fields here.
    for cls_name, names in (("FrozenPoint", ("x", "brand_new")), ("FrozenSlotted", ("x",))):
        obj = special[cls_name]()
        for name in names:
            resolution = resolve_attribute(type(obj), name)
            write = ref.first_branch(resolution.write, obj, name)
            assert write.outcome == "attribute-error"
            _check_write(obj, name, write)
            delete = ref.first_branch(resolution.delete, obj, name)
            _check_delete(obj, name, delete)


def test_named_tuple_and_slotted_dataclass_writes() -> None:
    special = {cls.__name__: cls for cls in ref.special_classes()}
    for obj, name in (
        (special["Pair"](), "left"),
        (special["Pair"](), "other"),
        (special["SlottedPoint"](), "x"),
        (special["SlottedPoint"](), "other"),
    ):
        resolution = resolve_attribute(type(obj), name)
        assert not resolution.has_instance_dict
        _check_write(obj, name, ref.first_branch(resolution.write, obj, name))
        _check_delete(type(obj)(), name, ref.first_branch(resolution.delete, type(obj)(), name))


# ---------------------------------------------------------------------------
# Generated hierarchies: every route observed through recording descriptors

LOG: list[tuple[str, int]] = []
SPECS = (
    "get",
    "get+set",
    "get+delete",
    "set",
    "delete",
    "get+set+delete",
    "plain",
    "property-ro",
    "property-rw",
    "property-rwd",
    "cached",
    "function",
    "staticmethod",
    "classmethod",
    "slot",
)
META_SPECS = ("get", "get+set", "set", "plain")


def _descriptor(spec: str, tag: int) -> Any:
    ns: dict[str, Any] = {}
    parts = spec.split("+")
    if "get" in parts:
        ns["__get__"] = lambda self, obj, owner=None: ("get", tag, obj is None)
    if "set" in parts:
        ns["__set__"] = lambda self, obj, value: LOG.append(("set", tag))
    if "delete" in parts:
        ns["__delete__"] = lambda self, obj: LOG.append(("delete", tag))
    return type(f"Desc_{spec}", (), ns)()


def _value(spec: str, tag: int) -> Any:
    if spec == "plain":
        return ("plain", tag)
    if spec.startswith("property"):
        fget = lambda self: ("prop", tag)  # noqa: E731
        fset = (lambda self, v: LOG.append(("pset", tag))) if spec in ("property-rw", "property-rwd") else None
        fdel = (lambda self: LOG.append(("pdel", tag))) if spec == "property-rwd" else None
        return property(fget, fset, fdel)
    if spec == "cached":
        return functools.cached_property(lambda self: ("cached", tag))
    if spec == "function":
        return lambda self: ("function", tag)
    if spec == "staticmethod":
        return staticmethod(lambda: ("static", tag))
    if spec == "classmethod":
        return classmethod(lambda cls: ("classmethod", tag))
    return _descriptor(spec, tag)


@st.composite
def scenarios(draw: st.DrawFn) -> type:
    meta_ns: dict[str, Any] = {}
    meta_spec = draw(st.none() | st.sampled_from(META_SPECS))
    if meta_spec is not None:
        meta_ns["x"] = _value(meta_spec, 1000) if meta_spec == "plain" else _descriptor(meta_spec, 1000)
    if draw(st.booleans()):
        meta_ns["__getattr__"] = lambda cls, name: ("meta-getattr", name)
    meta = type("Meta", (type,), meta_ns) if meta_ns else type
    classes: list[type] = []
    count = draw(st.integers(1, 4))
    for i in range(count):
        if classes:
            picks = draw(st.lists(st.sampled_from(range(len(classes))), min_size=1, max_size=2, unique=True))
            bases = tuple(classes[j] for j in sorted(picks, reverse=True))
        else:
            bases = ()
        spec = draw(st.none() | st.sampled_from(SPECS))
        ns: dict[str, Any] = {}
        if spec == "slot":
            ns["__slots__"] = ("x",)
        else:
            if draw(st.booleans()):
                ns["__slots__"] = ()
            if spec is not None:
                ns["x"] = _value(spec, i)
        if draw(st.integers(0, 5)) == 0:
            ns["__getattr__"] = lambda self, name: ("getattr", name)
        try:
            cls = meta(f"C{i}", bases, ns)
        except TypeError:
            assume(False)
        classes.append(cls)
    return classes[-1]


def _fill_slots(obj: Any) -> None:
    for klass in type(obj).__mro__:
        member = vars(klass).get("x")
        if type(member) is types.MemberDescriptorType:
            member.__set__(obj, ("slot", id(klass)))


def _instances(cls: type) -> list[Any]:
    """Fresh instances in every state the branches depend on."""
    made = []
    for slots_filled in (False, True):
        for in_dict in (False, True):
            obj = object.__new__(cls)
            if slots_filled:
                _fill_slots(obj)
            if in_dict:
                try:
                    object.__getattribute__(obj, "__dict__")["x"] = ("dict", 0)
                except AttributeError:
                    continue
            made.append(obj)
    return made


def _check_scenario(cls: type) -> set[str]:
    """Check every access to ``x`` on *cls* and fresh instances; return the outcomes taken."""
    name = "x"
    seen: set[str] = set()
    resolution = resolve_attribute(cls, name)
    (branch,) = resolution.class_read
    actual = ref.run(lambda: getattr(cls, name))
    expected = _getattr_fallback(ref.expected_class_read(branch, cls, name), type(cls), cls, name)
    assert ref.same(actual, expected), (branch, actual, expected)
    seen.add("class:" + branch.outcome)
    for obj in _instances(cls):
        branch = ref.first_branch(resolution.read, obj, name)
        actual = ref.run(lambda: getattr(obj, name))
        expected = _getattr_fallback(ref.expected_instance_read(branch, obj, cls, name), cls, obj, name)
        assert ref.same(actual, expected), (branch, actual, expected)
        seen.add("read:" + branch.outcome)
    for obj in _instances(cls):
        LOG.clear()
        branch = ref.first_branch(resolution.write, obj, name)
        _check_write(obj, name, branch)
        if branch.outcome == "data-descriptor":
            assert LOG or type(_winning(cls, name)) is types.MemberDescriptorType
        seen.add("write:" + branch.outcome)
    for obj in _instances(cls):
        LOG.clear()
        branch = ref.first_branch(resolution.delete, obj, name)
        _check_delete(obj, name, branch)
        if branch.outcome == "data-descriptor":
            assert LOG or type(_winning(cls, name)) is types.MemberDescriptorType
        seen.add("delete:" + branch.outcome)
    return seen


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(scenarios())
def test_generated_reads_writes_deletes_and_class_reads(cls: type) -> None:
    _check_scenario(cls)


def test_every_outcome_is_observed() -> None:
    """An exhaustive sweep over one class: every outcome of every access shows up, and each is checked."""
    seen: set[str] = set()
    for spec in (None, *SPECS):
        for meta_spec in (None, *META_SPECS):
            for slots in (False, True):
                for with_getattr in (False, True):
                    meta_ns: dict[str, Any] = {}
                    if meta_spec is not None:
                        meta_ns["x"] = _value("plain", 9) if meta_spec == "plain" else _descriptor(meta_spec, 9)
                    if with_getattr:
                        meta_ns["__getattr__"] = lambda cls, name: ("meta-getattr", name)
                    meta = type("Meta", (type,), meta_ns)
                    ns: dict[str, Any] = {}
                    if spec == "slot":
                        ns["__slots__"] = ("x",)
                    elif spec is not None:
                        ns["x"] = _value(spec, 1)
                    if slots and spec != "slot":
                        ns["__slots__"] = ()
                    if with_getattr:
                        ns["__getattr__"] = lambda self, name: ("getattr", name)
                    seen |= _check_scenario(meta("Sweep", (), ns))
    expected = {f"read:{o}" for o in INSTANCE_OUTCOMES if o not in ("setattr-hook", "delattr-hook")}
    expected |= {f"write:{o}" for o in ("data-descriptor", "instance-dict", "attribute-error")}
    expected |= {f"delete:{o}" for o in ("data-descriptor", "instance-dict", "attribute-error")}
    expected |= {f"class:{o}" for o in CLASS_OUTCOMES}
    assert seen == expected


def _winning(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        if name in vars(klass):
            return vars(klass)[name]
    return None


def test_issue_examples() -> None:
    """cached_property: instance-dict, else non-data; a __delete__-only descriptor rejects assignment."""
    zoo = resolve_attribute(samples.Zoo, "expensive")
    assert [(b.when is not None, b.outcome) for b in zoo.read] == [
        (True, "instance-dict"),
        (False, "non-data-descriptor"),
    ]

    class DeleteOnly:
        def __delete__(self, obj: object) -> None:
            pass

    class Host:
        d = DeleteOnly()

    resolution = resolve_attribute(Host, "d")
    assert resolution.found is not None and resolution.found.info.kind == "data"
    (write,) = resolution.write
    assert (write.outcome, write.error) == ("attribute-error", "__set__")
    with pytest.raises(AttributeError, match="__set__"):
        Host().d = 1  # type: ignore[misc]


def test_set_only_descriptor_lets_the_instance_dict_win() -> None:
    resolution = resolve_attribute(samples.Zoo, "set_only")
    assert [b.outcome for b in resolution.read] == ["instance-dict", "class-attribute"]
    zoo = samples.Zoo()
    assert zoo.set_only is vars(samples.Zoo)["set_only"]
    zoo.set_only = 5
    assert zoo.set_only == 5


def test_slots_without_dict_have_no_instance_dict_step() -> None:
    resolution = resolve_attribute(samples.Slotted, "x")
    assert not resolution.has_instance_dict
    assert [b.outcome for b in resolution.read] == ["data-descriptor"]
    assert all(b.outcome != "instance-dict" for b in resolve_attribute(samples.Slotted, "__init__").read)


def test_custom_getattribute_is_reported_with_its_owner() -> None:
    class Loud:
        def __getattribute__(self, name: str) -> Any:
            return 1

    class Child(Loud):
        pass

    resolution = resolve_attribute(Child, "anything")
    (hook,) = [h for h in resolution.hooks if h.hook == "__getattribute__"]
    assert hook.owner is Loud and not hook.on_metaclass
    assert "may not apply" in hook.note


def test_metaclass_order() -> None:
    class Data:
        def __get__(self, obj: Any, owner: Any = None) -> str:
            return "meta data"

        def __set__(self, obj: Any, value: Any) -> None:
            pass

    class NonData:
        def __get__(self, obj: Any, owner: Any = None) -> str:
            return "meta non-data"

    class Meta(type):
        a = Data()
        b = NonData()
        c = "meta plain"

        def __getattr__(cls, name: str) -> str:
            return "meta getattr"

    class K(metaclass=Meta):
        a = "class a"
        b = "class b"

    outcomes = {n: resolve_attribute(K, n).class_read[0].outcome for n in ("a", "b", "c", "zzz")}
    assert outcomes == {
        "a": "metaclass-data-descriptor",
        "b": "class-attribute",
        "c": "metaclass-attribute",
        "zzz": "metaclass-getattr",
    }
    assert (K.a, K.b, K.c, K.zzz) == ("meta data", "class b", "meta plain", "meta getattr")
