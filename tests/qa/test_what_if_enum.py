"""what-if on enumerations: one with members cannot be extended; CPython's message, computed without creating it."""

from __future__ import annotations

import enum
import json

import pytest

from pyinspect_cli.core.creation import EnumMembersError, check_bases


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Perm(enum.Flag):
    R = 4
    W = 2


class Empty(enum.Enum):
    def describe(self) -> str:
        return self.name


class Mixin:
    pass


def _cpython_error(*bases: type) -> str | None:
    try:
        type(enum.Enum)("New", bases, type(enum.Enum).__prepare__("New", bases))  # type: ignore[call-arg]
    except TypeError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize(
    "bases",
    [(Color,), (Mixin, Color), (int, Perm), (Perm,)],
    ids=["enum", "mixin-first", "int-flag", "flag"],
)
def test_extending_an_enum_with_members_fails_like_cpython(bases: tuple[type, ...]) -> None:
    result = check_bases(bases)
    assert isinstance(result.error, EnumMembersError)
    assert result.error.kind == "base-type"
    assert result.error.message == _cpython_error(*bases)


@pytest.mark.parametrize("bases", [(Empty,), (enum.Enum,), (Mixin, Empty), (int, enum.Flag)])
def test_enums_without_members_can_be_extended(bases: tuple[type, ...]) -> None:
    assert _cpython_error(*bases) is None
    assert check_bases(bases).error is None


def test_what_if_cli_on_an_enum_with_members(run_installed) -> None:
    result = run_installed("what-if", "enum:Enum", "tests.qa.test_what_if_enum:Color", "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["error"]["kind"] == "base-type"
    assert document["error"]["message"] == _cpython_error(enum.Enum, Color)
    text = run_installed("what-if", "tests.qa.test_what_if_enum:Color")
    assert text.returncode == 1
    assert "Color is an enumeration with members (RED, GREEN)" in text.stdout
