"""References the descriptor tests compare mro-explain with.

* :func:`slot_kind` reads CPython's ``tp_descr_get``/``tp_descr_set`` slots of
  a type with ctypes: the interpreter's own answer to "is this a data
  descriptor?".
* :func:`corpus_classes` collects real classes: many stdlib modules,
  dataclasses with slots, frozen dataclasses, enums, NamedTuples, pydantic
  models, ctypes structures.
* :func:`expected_read` and friends compute, *by running code* (tests may,
  mro-explain may not), what Python returns when it takes a given branch, so
  that the branch mro-explain predicts can be checked against a real access.
"""

from __future__ import annotations

import ctypes
import importlib
import sys
import types
from pathlib import Path
from typing import Any

from pyinspect_cli.core import static

#: the repository root, importable so that the tests can import sample_modules themselves
ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.append(ROOT)

_P = ctypes.c_void_p
_S = ctypes.c_ssize_t


class _TypeObject(ctypes.Structure):
    """The head of ``PyTypeObject`` up to ``tp_dictoffset`` (CPython 3.10-3.13, default build)."""

    _fields_ = [
        ("ob_refcnt", _S),
        ("ob_type", _P),
        ("ob_size", _S),
        ("tp_name", _P),
        ("tp_basicsize", _S),
        ("tp_itemsize", _S),
        ("tp_dealloc", _P),
        ("tp_vectorcall_offset", _S),
        ("tp_getattr", _P),
        ("tp_setattr", _P),
        ("tp_as_async", _P),
        ("tp_repr", _P),
        ("tp_as_number", _P),
        ("tp_as_sequence", _P),
        ("tp_as_mapping", _P),
        ("tp_hash", _P),
        ("tp_call", _P),
        ("tp_str", _P),
        ("tp_getattro", _P),
        ("tp_setattro", _P),
        ("tp_as_buffer", _P),
        ("tp_flags", ctypes.c_ulong),
        ("tp_doc", _P),
        ("tp_traverse", _P),
        ("tp_clear", _P),
        ("tp_richcompare", _P),
        ("tp_weaklistoffset", _S),
        ("tp_iter", _P),
        ("tp_iternext", _P),
        ("tp_methods", _P),
        ("tp_members", _P),
        ("tp_getset", _P),
        ("tp_base", _P),
        ("tp_dict", _P),
        ("tp_descr_get", _P),
        ("tp_descr_set", _P),
        ("tp_dictoffset", _S),
    ]


def _type_struct(tp: type) -> _TypeObject:
    return _TypeObject.from_address(id(tp))


def slots_readable() -> bool:
    """Whether the ctypes layout matches this interpreter (checked on a few types)."""
    for tp in (object, type, int, property, types.FunctionType, static.mro_of(_Probe)[0]):
        struct = _type_struct(tp)
        basicsize, _itemsize, dictoffset, weakrefoffset = static.layout_of(tp)
        if (
            struct.tp_basicsize != basicsize
            or struct.tp_flags != static.flags_of(tp)
            or struct.tp_dictoffset != dictoffset
            or struct.tp_weaklistoffset != weakrefoffset
        ):
            return False
    return True


class _Probe:
    pass


def slot_kind(value: object) -> str:
    """``data``, ``non-data`` or ``plain`` from the C slots of ``type(value)``."""
    struct = _type_struct(type(value))
    if struct.tp_descr_set:
        return "data"
    if struct.tp_descr_get:
        return "non-data"
    return "plain"


class _WrapperDescr(ctypes.Structure):
    """``PyWrapperDescrObject``: the object behind a slot wrapper."""

    _fields_ = [
        ("ob_refcnt", _S),
        ("ob_type", _P),
        ("d_type", _P),
        ("d_name", _P),
        ("d_qualname", _P),
        ("d_base", _P),
        ("d_wrapped", _P),
    ]


def _wrapped(descriptor: object) -> int | None:
    return _WrapperDescr.from_address(id(descriptor)).d_wrapped


def hook_is_generic(tp: type, hook: str) -> bool:
    """Whether the *hook* (``__getattribute__``, ``__setattr__`` ...) instances of *tp* get runs object's C code.

    Found with a ``vars()`` walk of the MRO, then compared by the C function a
    slot wrapper wraps (``d_wrapped``), the pointer CPython itself calls.
    """
    for klass in tp.__mro__:
        if hook in vars(klass):
            value = vars(klass)[hook]
            break
    else:  # pragma: no cover - object defines all of them
        return True
    if type(value) is not types.WrapperDescriptorType:
        return False
    return _wrapped(value) == _wrapped(vars(object)[hook])


# ---------------------------------------------------------------------------
# Real classes

STDLIB_MODULES = (
    "abc argparse array ast asyncio asyncio.events asyncio.futures base64 bisect builtins bz2 calendar cmath "
    "codecs collections collections.abc colorsys concurrent.futures configparser contextlib contextvars copy "
    "copyreg csv ctypes dataclasses datetime decimal difflib dis email email.message email.policy enum "
    "errno fileinput fnmatch fractions ftplib functools gc getopt gettext glob graphlib gzip hashlib heapq "
    "hmac html html.parser http http.client http.cookiejar imaplib importlib importlib.abc importlib.machinery "
    "inspect io ipaddress itertools json json.decoder keyword linecache locale logging logging.handlers lzma "
    "mailbox mimetypes numbers operator optparse os pathlib pickle pkgutil platform plistlib poplib pprint "
    "queue quopri random re reprlib sched secrets selectors shelve shlex shutil signal smtplib socket "
    "socketserver sqlite3 ssl stat statistics string struct subprocess symtable tarfile tempfile textwrap "
    "threading timeit tokenize tomllib trace traceback tracemalloc types typing unittest unittest.mock "
    "urllib.parse urllib.request uuid warnings weakref xml.dom.minidom xml.etree.ElementTree zipfile zipimport "
    "zoneinfo"
).split()


def stdlib_classes() -> list[type]:
    found: dict[int, type] = {}
    for name in STDLIB_MODULES:
        try:
            module = importlib.import_module(name)
        except Exception:  # pragma: no cover - a module missing on this platform
            continue
        for value in list(vars(module).values()):
            if static.is_class(value):
                found.setdefault(id(value), value)
    return list(found.values())


def special_classes() -> list[type]:
    """Dataclasses (slots, frozen), enums, NamedTuples, pydantic models, ctypes structures."""
    import dataclasses
    import enum
    import typing

    @dataclasses.dataclass(slots=True)
    class SlottedPoint:
        x: int = 0
        y: int = 0

    @dataclasses.dataclass(frozen=True)
    class FrozenPoint:
        x: int = 0
        y: int = 0

    @dataclasses.dataclass(frozen=True, slots=True)
    class FrozenSlotted:
        x: int = 0

    class Colour(enum.Enum):
        RED = 1
        GREEN = 2

        @property
        def lower(self) -> str:
            return self.name.lower()

    class Flags(enum.IntFlag):
        A = 1
        B = 2

    class Pair(typing.NamedTuple):
        left: int = 0
        right: int = 0

    class Point(ctypes.Structure):
        _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int)]

    classes: list[type] = [SlottedPoint, FrozenPoint, FrozenSlotted, Colour, Flags, Pair, Point]
    try:
        import pydantic
    except ImportError:  # pragma: no cover
        return classes

    class Model(pydantic.BaseModel):
        name: str = "x"
        size: int = 1
        _private: int = 0

        @pydantic.computed_field  # type: ignore[prop-decorator]
        @property
        def double(self) -> int:
            return self.size * 2

    class Frozen(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True)
        value: int = 0

    classes += [Model, Frozen, pydantic.BaseModel]
    return classes


def corpus_classes() -> list[type]:
    return stdlib_classes() + special_classes()


# ---------------------------------------------------------------------------
# What a branch means, computed by running code


class Raised:
    """An exception captured from an access, compared by type."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def __repr__(self) -> str:
        return f"Raised({type(self.exc).__name__}: {self.exc})"


def run(func: Any) -> Any:
    try:
        return func()
    except Exception as exc:
        return Raised(exc)


def same(actual: Any, expected: Any) -> bool:
    if isinstance(actual, Raised) or isinstance(expected, Raised):
        return isinstance(actual, Raised) and isinstance(expected, Raised) and type(actual.exc) is type(expected.exc)
    if actual is expected:
        return True
    if isinstance(actual, types.MethodType) and isinstance(expected, types.MethodType):
        return actual.__func__ is expected.__func__ and actual.__self__ is expected.__self__
    if type(actual) is not type(expected):
        return False
    if type(actual).__eq__ is object.__eq__:
        # A fresh object without equality (made anew by each __get__): the type must do.
        return True
    try:
        return bool(actual == expected)
    except Exception:
        return False


def _value(owner: type, name: str) -> Any:
    return vars(owner)[name]


def expected_instance_read(branch: Any, obj: Any, cls: type, name: str) -> Any:
    outcome = branch.outcome
    if outcome in ("data-descriptor", "non-data-descriptor"):
        value = _value(branch.defined_in, name)
        return run(lambda: type(value).__get__(value, obj, cls))
    if outcome == "instance-dict":
        return vars(obj)[name]
    if outcome == "class-attribute":
        return _value(branch.defined_in, name)
    if outcome == "getattr":
        return run(lambda: type(obj).__getattr__(obj, name))
    if outcome == "attribute-error":
        return Raised(AttributeError(name))
    raise AssertionError(f"unknown outcome {outcome}")


def expected_class_read(branch: Any, cls: type, name: str) -> Any:
    outcome = branch.outcome
    meta = type(cls)
    if outcome == "metaclass-data-descriptor":
        value = _value(branch.defined_in, name)
        return run(lambda: type(value).__get__(value, cls, meta))
    if outcome == "class-descriptor":
        value = _value(branch.defined_in, name)
        return run(lambda: type(value).__get__(value, None, cls))
    if outcome == "class-attribute":
        return _value(branch.defined_in, name)
    if outcome == "metaclass-attribute":
        value = _value(branch.defined_in, name)
        getter = getattr(type(value), "__get__", None)
        if getter is not None:
            return run(lambda: getter(value, cls, meta))
        return value
    if outcome == "metaclass-getattr":
        return run(lambda: meta.__getattr__(cls, name))
    if outcome == "attribute-error":
        return Raised(AttributeError(name))
    raise AssertionError(f"unknown outcome {outcome}")


def holds(when: str | None, obj: Any, name: str) -> bool:
    """Evaluate a branch condition for a real instance."""
    if when is None:
        return True
    if when == f"the instance's __dict__ has {name!r}":
        try:
            ns = object.__getattribute__(obj, "__dict__")
        except AttributeError:
            return False
        return name in ns
    if when.startswith("type(instance) is "):
        return type(obj).__qualname__ == when.removeprefix("type(instance) is ")
    raise AssertionError(f"unknown condition {when!r}")


def first_branch(branches: Any, obj: Any, name: str) -> Any:
    for branch in branches:
        if holds(branch.when, obj, name):
            return branch
    raise AssertionError("no branch holds")


def sys_modules_snapshot() -> set[str]:
    return set(sys.modules)
