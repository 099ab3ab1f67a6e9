"""`mro-explain ... | head -1`: a reader that goes away is not an error, for Rich output too."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import clean_env, installed_command


def _deep_module(tmp_path: Path) -> None:
    lines = ["class C0:\n    def __init__(self):\n        super().__init__()\n"]
    lines += [f"class C{i}(C{i - 1}):\n    def __init__(self):\n        super().__init__()\n" for i in range(1, 800)]
    (tmp_path / "deep.py").write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("super", "deep:C799", "__init__"),
        ("descriptors", "deep:C799"),
        ("deep:C799",),
    ],
)
def test_reader_closes_the_pipe_early(tmp_path: Path, args: tuple[str, ...]) -> None:
    _deep_module(tmp_path)
    proc = subprocess.Popen(
        [installed_command(), *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=clean_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, stderr
    assert stderr == ""
