"""Reading a namespace never compares a name with a non-string key.

A class body or a module may store a non-string key whose hash equals a name
the analysis looks up (``vars()[K("__getattr__")] = 1``); looking that name up
in the dict would call ``K.__eq__``. These tests plant such keys for every name
the analysis reads and assert that no ``__eq__`` ran; the recording metaclass
test asserts that identity tests stay identity tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pyinspect_cli.core import functions, static
from pyinspect_cli.core.attributes import resolve_attribute
from pyinspect_cli.core.creation import check_bases
from pyinspect_cli.core.descriptors import class_attributes
from pyinspect_cli.core.hooks import find_hooks
from pyinspect_cli.core.metaclasses import explain_metaclass, metaclass_usage
from pyinspect_cli.core.registries import analyse_classes
from pyinspect_cli.core.super_chain import chain_methods, shared_methods, super_chain
from tests.conftest import clean_env, installed_command
from tests.fixtures import colliding_keys as ck

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clear() -> None:
    ck.CALLS.clear()


def test_the_planted_keys_really_collide() -> None:
    # The premise of every test below: a plain dict lookup of a planted name calls Key.__eq__.
    assert "missing" not in {ck.Key("missing"): 1}
    assert ("eq", "missing") in ck.CALLS


def test_static_reads_compare_strings_only() -> None:
    for cls in (ck.Base, ck.Child, ck.Plain, ck.Meta):
        defined = {k for k in static.raw_dict_of(cls) if type(k) is str}
        for name in ck.NAMES:
            static.static_lookup(cls, name)
            assert (name in static.dict_of(cls)) is (name in defined)
    ns = static.module_dict(ck)
    assert ns is not None
    for name in ck.NAMES:
        ns.get(name)
    assert functions.resolve_in_module(["missing"], ck.__name__) is functions.MISSING
    assert functions.resolve_in_module(["Base", "speak"], ck.__name__) is static.dict_of(ck.Child.__base__)["speak"]
    assert ck.CALLS == []


def test_the_raw_namespace_keeps_every_key() -> None:
    raw = static.raw_dict_of(ck.Plain)
    assert sum(1 for k in raw if type(k) is ck.Key) == len(ck.NAMES)
    assert all(type(k) is str for k in static.dict_of(ck.Plain))
    assert ck.CALLS == []


def test_analyses_never_call_a_colliding_key() -> None:
    classes = [ck.Base, ck.Child, ck.Plain]
    for cls in classes:
        for name in ("speak", "missing", "value", "__init__", "registry"):
            resolve_attribute(cls, name)
        class_attributes(cls)
        explain_metaclass(cls)
        for method in chain_methods(cls):
            super_chain(cls, method)
        shared_methods(cls)
        check_bases((cls,))
    super_chain(ck.Child, "speak")
    find_hooks(classes)
    metaclass_usage(classes)
    analyse_classes(classes, module_names=[ck.__name__])
    assert ck.CALLS == []


def test_the_super_chain_is_still_read() -> None:
    chain = super_chain(ck.Child, "speak")
    assert [static.name_of(k) for k in chain.runs] == ["Child", "Base"]
    assert ck.CALLS == []


class RecordingMeta(type):
    """A metaclass that records every comparison and hash of its classes."""

    calls: list[tuple[str, object]] = []

    def __eq__(cls, other: object) -> bool:
        RecordingMeta.calls.append(("eq", other))
        return NotImplemented

    def __ne__(cls, other: object) -> bool:
        RecordingMeta.calls.append(("ne", other))
        return NotImplemented

    def __hash__(cls) -> int:
        RecordingMeta.calls.append(("hash", None))
        return id(cls)


class Slots(tuple, metaclass=RecordingMeta):  # type: ignore[misc]
    pass


def test_identity_tests_do_not_call_a_metaclass_eq() -> None:
    namespace = {"__slots__": Slots(("a", "b")), "_member_names_": Slots(("x",))}
    cls = RecordingMeta("WithSlots", (), namespace)
    RecordingMeta.calls.clear()
    from pyinspect_cli.core.creation import enum_with_members
    from pyinspect_cli.render.conflicts import _slots_text, describe_failure

    _slots_text(cls)
    enum_with_members((cls,), type)
    check_bases((cls, object))
    class_attributes(cls)
    resolve_attribute(cls, "a")
    explain_metaclass(cls)
    find_hooks([cls])
    describe_failure(check_bases((cls, object)))
    assert RecordingMeta.calls == []


@pytest.mark.parametrize(
    "args",
    [
        ("tests.fixtures.colliding_keys:Child",),
        ("attr", "tests.fixtures.colliding_keys:Child", "speak"),
        ("attr", "tests.fixtures.colliding_keys:Plain", "missing"),
        ("super", "tests.fixtures.colliding_keys:Child"),
        ("super", "tests.fixtures.colliding_keys:Child", "speak"),
        ("metaclass", "tests.fixtures.colliding_keys:Child"),
        ("registries", "tests.fixtures.colliding_keys"),
        ("descriptors", "tests.fixtures.colliding_keys:Child"),
        ("tests.fixtures.colliding_keys",),
    ],
)
def test_the_installed_command_never_calls_a_colliding_key(args: tuple[str, ...]) -> None:
    proc = subprocess.run(
        [installed_command(), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(COLLIDING_KEYS_EXIT="1", PYTHONPATH=str(ROOT)),
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode != 97, f"a key's __eq__ ran: {args}"
    expected = 2 if "missing" in args else 0  # `attr Plain missing`: no such attribute, a usage error
    assert proc.returncode == expected, proc.stderr


def test_the_fixture_stops_the_process_when_a_key_is_compared() -> None:
    # The subprocess tests above can fail: a lookup of a planted name ends the process with 97.
    code = "import tests.fixtures.colliding_keys as m; 'missing' in vars(m.Plain)"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "COLLIDING_KEYS_EXIT": "1"},
        timeout=60,
    )
    assert proc.returncode == 97
