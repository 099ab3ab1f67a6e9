"""The examples in docs/descriptors.md are real output of the installed command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import desc_reference as ref

DOC = Path(ref.ROOT) / "docs" / "descriptors.md"


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in re.findall(r"```\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        command: list[str] | None = None
        output: list[str] = []
        for line in block.split("\n"):
            if line.startswith("$ mro-explain "):
                if command is not None:
                    examples.append((command[0], "\n".join(output).rstrip()))
                command, output = [line[2:]], []
            elif command is not None:
                output.append(line)
        if command is not None and not any(line.startswith("(the decision lists") for line in output):
            examples.append((command[0], "\n".join(output).rstrip()))
    return examples


def test_doc_examples_are_current(run_installed) -> None:
    examples = _examples()
    assert len(examples) >= 10
    for command, expected in examples:
        args = shlex.split(command)[1:]
        result = run_installed(*args, COLUMNS="80")
        assert (result.stdout + result.stderr).rstrip() == expected, command
