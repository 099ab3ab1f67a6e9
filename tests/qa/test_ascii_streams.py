"""Streams that cannot encode every character (PYTHONIOENCODING=ascii, a cp1252 console)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SOURCE = "class Base:\n    pass\n\nclass Ünïcödé(Base):\n    def método(self):\n        return 1\n"


@pytest.mark.parametrize(
    "args",
    [
        ("uni:Ünïcödé",),
        ("descriptors", "uni:Ünïcödé"),
        ("attr", "uni:Ünïcödé", "método"),
        ("metaclass", "uni:Ünïcödé"),
        ("what-if", "uni:Ünïcödé"),
        ("graph", "uni:Ünïcödé", "--format", "dot"),
        ("super", "uni:Ünïcödé", "método"),
    ],
)
def test_text_output_escapes_what_the_stream_cannot_encode(
    run_installed, tmp_path: Path, args: tuple[str, ...]
) -> None:
    (tmp_path / "uni.py").write_text(SOURCE, encoding="utf-8")
    result = run_installed(*args, cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "\\u00dcn\\u00efc\\u00f6d\\u00e9" in result.stdout


@pytest.mark.parametrize(
    ("command", "key"), [((), "target"), (("descriptors",), "target"), (("super",), "target"), (("metaclass",), "cls")]
)
def test_json_stays_valid_on_an_ascii_stream(run_installed, tmp_path: Path, command: tuple[str, ...], key: str) -> None:
    (tmp_path / "uni.py").write_text(SOURCE, encoding="utf-8")
    result = run_installed(*command, "uni:Ünïcödé", "--format", "json", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[key] == "uni:Ünïcödé"


def test_registries_on_an_ascii_stream(run_installed, tmp_path: Path) -> None:
    (tmp_path / "uni.py").write_text(
        SOURCE + "class Meta(type):\n    pass\nclass Ärger(metaclass=Meta):\n    pass\n", encoding="utf-8"
    )
    result = run_installed("registries", "uni", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert "\\u00c4rger" in result.stdout


def test_errors_on_an_ascii_stream(run_installed, tmp_path: Path) -> None:
    result = run_installed("nosuchmodüle", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: no module named 'nosuchmod\\u00fcle'")
