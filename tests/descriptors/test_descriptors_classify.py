"""classify() and class_attributes() against CPython's own type slots."""

from __future__ import annotations

import functools
import types

import desc_reference as ref
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyinspect_cli.core import static
from pyinspect_cli.core.descriptors import AttributeInfo, DescriptorInfo, class_attributes, classify

CORPUS = ref.corpus_classes()

pytestmark = pytest.mark.skipif(not ref.slots_readable(), reason="PyTypeObject layout not readable with ctypes here")


def _values(classes: list[type]) -> list[tuple[type, str, object]]:
    return [(cls, name, value) for cls in classes for name, value in list(vars(cls).items())]


def test_corpus_is_large() -> None:
    assert len(CORPUS) > 1000
    assert len(_values(CORPUS)) > 10000


def test_kind_agrees_with_type_slots_over_real_classes() -> None:
    """Every value in the __dict__ of >1000 stdlib/pydantic/dataclass/enum/NamedTuple classes."""
    wrong = []
    for cls, name, value in _values(CORPUS):
        info = classify(value)
        if info.kind != ref.slot_kind(value):
            wrong.append((cls, name, info.kind, ref.slot_kind(value)))
    assert wrong == []


def test_special_methods_agree_with_the_type() -> None:
    """has_get/has_set/has_delete/has_set_name are what the *type* has (inspect-style, on type(value))."""
    wrong = []
    for cls, name, value in _values(CORPUS):
        info = classify(value)
        tp = type(value)
        expected = (
            hasattr(tp, "__get__"),
            hasattr(tp, "__set__"),
            hasattr(tp, "__delete__"),
            hasattr(tp, "__set_name__"),
        )
        if (info.has_get, info.has_set, info.has_delete, info.has_set_name) != expected:
            wrong.append((cls, name))
    assert wrong == []


def test_kind_matches_inspect_on_real_descriptors() -> None:
    import inspect

    for cls, _name, value in _values(CORPUS):
        if static.is_class(value) or inspect.ismethod(value) or inspect.isfunction(value):
            continue
        if inspect.isdatadescriptor(value):
            assert classify(value).kind == "data", (cls, _name)
        elif inspect.ismethoddescriptor(value):
            assert classify(value).kind == "non-data", (cls, _name)


# ---------------------------------------------------------------------------
# The traps named in the issue


class _MetaGet(type):
    def __get__(cls, obj: object, owner: object = None) -> str:
        return "bound"


class _WithGetMeta(metaclass=_MetaGet):
    pass


class _DeleteOnly:
    def __delete__(self, obj: object) -> None:
        pass


class _SetOnly:
    def __set__(self, obj: object, value: object) -> None:
        pass


class _Decoy:
    """An object with __get__ on the instance: not a descriptor."""

    def __init__(self) -> None:
        self.__get__ = lambda *a: "instance attribute"
        self.__set__ = lambda *a: None


class _Slotted:
    __slots__ = ("a",)


class _Plain:
    pass


class _Host:
    func = lambda self: 1  # noqa: E731
    builtin = len
    cls_value = _Plain
    meta_cls_value = _WithGetMeta
    decoy = _Decoy()
    delete_only = _DeleteOnly()
    set_only = _SetOnly()
    prop = property(lambda self: 1)
    full_prop = property(lambda self: 1, lambda self, v: None, lambda self: None)
    cached = functools.cached_property(lambda self: 1)
    partial = functools.partialmethod(lambda self, x: x, 1)
    dispatch = functools.singledispatchmethod(lambda self, x: x)
    cm = classmethod(lambda cls: cls)
    sm = staticmethod(lambda: 1)


@pytest.mark.parametrize(
    ("name", "kind", "type_name"),
    [
        ("func", "non-data", "function"),
        ("builtin", "plain", "builtin function"),
        ("cls_value", "plain", "class"),
        ("meta_cls_value", "non-data", "class"),
        ("decoy", "plain", "test_descriptors_classify:_Decoy"),
        ("delete_only", "data", "test_descriptors_classify:_DeleteOnly"),
        ("set_only", "data", "test_descriptors_classify:_SetOnly"),
        ("prop", "data", "property"),
        ("cached", "non-data", "functools.cached_property"),
        ("partial", "non-data", "functools.partialmethod"),
        ("dispatch", "non-data", "functools.singledispatchmethod"),
        ("cm", "non-data", "classmethod"),
        ("sm", "non-data", "staticmethod"),
    ],
)
def test_traps(name: str, kind: str, type_name: str) -> None:
    info = classify(vars(_Host)[name])
    assert (info.kind, info.type_name) == (kind, type_name)
    assert info.kind == ref.slot_kind(vars(_Host)[name])


def test_slots_dict_and_weakref_are_data() -> None:
    assert classify(vars(_Slotted)["a"]) == DescriptorInfo("data", "slot member", True, True, True, False, ())
    for name in ("__dict__", "__weakref__"):
        info = classify(vars(_Plain)[name])
        assert (info.kind, info.type_name) == ("data", "getset descriptor")


def test_builtin_descriptor_names() -> None:
    assert classify(vars(list)["append"]).type_name == "builtin method descriptor"
    assert classify(vars(dict)["fromkeys"]).type_name == "builtin classmethod descriptor"
    assert classify(vars(object)["__init__"]).type_name == "slot wrapper"
    assert classify(vars(object)["__new__"]).kind == "plain"


def test_property_accessors() -> None:
    assert classify(vars(_Host)["prop"]).accessors == ("getter",)
    assert classify(vars(_Host)["full_prop"]).accessors == ("getter", "setter", "deleter")
    assert classify(vars(_Host)["cached"]).accessors == ()
    sub = type("SubProperty", (property,), {})

    assert classify(sub(lambda s: 1, None, lambda s: None)).accessors == ("getter", "deleter")
    assert classify(types.DynamicClassAttribute(lambda s: 1)).accessors == ()  # not a property subclass


def test_set_name() -> None:
    assert classify(vars(_Host)["cached"]).has_set_name
    assert not classify(vars(_Host)["set_only"]).has_set_name


# ---------------------------------------------------------------------------
# Generated descriptor classes

METHODS = ("__get__", "__set__", "__delete__", "__set_name__")


def _method(name: str):  # type: ignore[no-untyped-def]
    def method(self, *args):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{name} must never be called")

    method.__name__ = name
    return method


@st.composite
def descriptor_values(draw: st.DrawFn) -> object:
    """A value whose type hierarchy defines a random mix of the descriptor methods."""
    base_methods = draw(st.sets(st.sampled_from(METHODS)))
    sub_methods = draw(st.sets(st.sampled_from(METHODS)))
    base = type("GenBase", (), {m: _method(m) for m in base_methods})
    mixin_methods = draw(st.sets(st.sampled_from(METHODS)))
    mixin = type("GenMixin", (), {m: _method(m) for m in mixin_methods})
    bases = draw(st.sampled_from([(base,), (base, mixin), (mixin, base)]))
    sub = type("GenSub", bases, {m: _method(m) for m in sub_methods})
    # Methods added and removed after the class exists update the C slots too.
    for m in draw(st.sets(st.sampled_from(METHODS))):
        setattr(sub, m, _method(m))
    for m in draw(st.sets(st.sampled_from(METHODS))):
        if m in vars(sub):
            delattr(sub, m)
    value = object.__new__(sub)
    if draw(st.booleans()):
        # Attributes of the instance itself never make a descriptor.
        for m in draw(st.sets(st.sampled_from(METHODS))):
            value.__dict__[m] = _method(m)
    return value


@settings(max_examples=300, deadline=None)
@given(descriptor_values())
def test_generated_descriptors_agree_with_type_slots(value: object) -> None:
    info = classify(value)
    assert info.kind == ref.slot_kind(value)
    tp = type(value)
    assert info.has_get == hasattr(tp, "__get__")
    assert info.has_set == hasattr(tp, "__set__")
    assert info.has_delete == hasattr(tp, "__delete__")
    assert info.has_set_name == hasattr(tp, "__set_name__")


@st.composite
def metaclass_classes(draw: st.DrawFn) -> object:
    """A class stored as an attribute: a descriptor only through its metaclass."""
    meta_methods = draw(st.sets(st.sampled_from(METHODS[:3])))
    meta = type("GenMeta", (type,), {m: _method(m) for m in meta_methods})
    cls = meta("GenClass", (), {m: _method(m) for m in draw(st.sets(st.sampled_from(METHODS[:3])))})
    return cls


@settings(max_examples=100, deadline=None)
@given(metaclass_classes())
def test_classes_as_attributes_follow_their_metaclass(value: object) -> None:
    info = classify(value)
    assert info.kind == ref.slot_kind(value)
    assert info.type_name == "class"


# ---------------------------------------------------------------------------
# class_attributes


def _reference_attributes(cls: type) -> dict[str, tuple[type, list[type]]]:
    found: dict[str, tuple[type, list[type]]] = {}
    for klass in cls.__mro__:
        for name in vars(klass):
            if name in found:
                found[name][1].append(klass)
            else:
                found[name] = (klass, [])
    return found


def test_class_attributes_agree_with_dir_and_mro_walk() -> None:
    checked = 0
    for cls in CORPUS:
        if type(cls).__dir__ is not type.__dir__:
            continue
        rows = class_attributes(cls, include_object=True)
        names = [row.name for row in rows]
        assert len(names) == len(set(names))
        assert set(names) == {n for n in dir(cls) if isinstance(n, str)}, cls
        reference = _reference_attributes(cls)
        for row in rows:
            owner, overridden = reference[row.name]
            assert row.owner is owner
            assert list(row.overrides) == overridden
            assert row.value is vars(owner)[row.name]
        checked += 1
    assert checked > 1000


def test_object_members_hidden_and_own_only() -> None:
    rows = class_attributes(_Host)
    assert all(row.owner is not object for row in rows)
    assert {row.name for row in class_attributes(_Host, include_object=True)} >= set(vars(object))
    own = class_attributes(_Slotted, own_only=True)
    assert {row.name for row in own} == set(vars(_Slotted))
    everything = class_attributes(object)
    assert {row.name for row in everything} == set(vars(object))


def test_first_definition_wins() -> None:
    class A:
        x = 1

        def f(self) -> None: ...

    class B(A):
        x = property(lambda self: 2)

    class C(B, A):
        pass

    rows = {row.name: row for row in class_attributes(C)}
    assert rows["x"].owner is B
    assert rows["x"].overrides == (A,)
    assert rows["x"].info.kind == "data"
    assert rows["f"].owner is A and rows["f"].overrides == ()
    assert isinstance(rows["x"], AttributeInfo)
