"""The class of a failing class statement is of its module; the class what-if imagines is in none."""

from __future__ import annotations

import json


def test_suggested_mro_names_the_module_of_the_failing_class(run_installed) -> None:
    result = run_installed("sample_modules.broken.bad_mro", "--format", "json")
    assert result.returncode == 3
    conflict = json.loads(result.stdout)["import_error"]["conflict"]
    assert conflict["suggested_mro"][0] == "sample_modules.broken.bad_mro:Mixed"
    assert not any(c.startswith("__main__:") for c in conflict["suggested_mro"])


def test_what_if_class_is_in_no_module(run_installed) -> None:
    result = run_installed("what-if", "sample_modules.diamond:B", "sample_modules.diamond:C", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == "2.0"
    assert document["mro"] == [
        ":New",
        "sample_modules.diamond:B",
        "sample_modules.diamond:C",
        "sample_modules.diamond:A",
        "builtins:object",
    ]
    # the same id wherever the class appears: a consumer can match the trace to the MRO
    assert document["linearization"]["result"] == document["mro"]


def test_what_if_conflict_names_the_imagined_class_without_a_module(run_installed) -> None:
    # class New(A, B) where B derives from A: CPython refuses it; the suggested order starts with New
    result = run_installed("what-if", "sample_modules.diamond:A", "sample_modules.diamond:B", "--format", "json")
    assert result.returncode != 0
    document = json.loads(result.stdout)
    assert document["ok"] is False and document["mro"] is None
    assert document["error"]["suggested_mro"][0] == ":New"
    assert "__main__" not in result.stdout
