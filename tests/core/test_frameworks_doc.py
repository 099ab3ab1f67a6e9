"""The examples in docs/frameworks.md are real output of the installed command.

Each ``$ mro-explain ...`` block is run (piped, 80 columns, with the fixtures'
Django settings); a ``...`` line in the document stands for lines left out.
Paths into the virtual environment are compared from ``site-packages/`` on.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "frameworks.md"
DJANGO_SETTINGS = "tests.fixtures.frameworks.django_settings"
_SITE = re.compile(r"\S*site-packages/")


def _examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        lines = block.rstrip("\n").split("\n")
        assert lines[0].startswith("$ mro-explain "), lines[0]
        examples.append((lines[0][2:], lines[1:]))
    return examples


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether *actual* is *expected* with each ``...`` line standing for any run of lines."""
    norm = [_SITE.sub("site-packages/", line.rstrip()) for line in actual]
    want = [_SITE.sub("site-packages/", line.rstrip()) for line in expected]
    position = 0
    gap = False
    for line in want:
        if line == "...":
            gap = True
            continue
        if gap:
            while position < len(norm) and norm[position] != line:
                position += 1
        if position >= len(norm) or norm[position] != line:
            return False
        position += 1
        gap = False
    return gap or position == len(norm)


@pytest.mark.parametrize(("command", "expected"), _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_frameworks_doc_example(run_installed: Any, command: str, expected: list[str]) -> None:
    args = shlex.split(command)[1:]
    # The one example of a failing import shows what happens without the Django settings.
    env = {} if any("error:" in line for line in expected) else {"DJANGO_SETTINGS_MODULE": DJANGO_SETTINGS}
    result = run_installed(*args, COLUMNS="80", timeout=180, **env)
    actual = (result.stderr + result.stdout).rstrip("\n").split("\n")
    assert _matches(expected, actual), "\n".join(actual)


def test_the_doc_has_examples_for_every_framework() -> None:
    commands = " ".join(command for command, _ in _examples())
    for fixture in ("shop.models", "shop.views", "sadecl", "pmodels", "schemas", "records", "pandas.core.frame"):
        assert fixture in commands
