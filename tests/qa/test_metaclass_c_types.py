"""metaclass on a C type: there is no class statement whose source could be missing."""

from __future__ import annotations

import json


def test_c_type_has_no_class_statement(run_installed) -> None:
    result = run_installed("metaclass", "builtins:dict")
    assert result.returncode == 0, result.stderr
    assert "class statement: none (a C type)" in result.stdout
    assert "source not available" not in result.stdout
    assert "dict is a C type: no class statement created it" in result.stdout


def test_c_type_note_in_json(run_installed) -> None:
    result = run_installed("metaclass", "builtins:dict", "--format", "json")
    document = json.loads(result.stdout)
    assert any("is a C type" in note for note in document["notes"])
