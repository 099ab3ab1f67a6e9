"""A module whose class statement fails: the class in the JSON is of that module, not __main__."""

from __future__ import annotations

import json


def test_suggested_mro_names_the_module_of_the_failing_class(run_installed) -> None:
    result = run_installed("sample_modules.broken.bad_mro", "--format", "json")
    assert result.returncode == 3
    conflict = json.loads(result.stdout)["import_error"]["conflict"]
    assert conflict["suggested_mro"][0] == "sample_modules.broken.bad_mro:Mixed"
    assert not any(c.startswith("__main__:") for c in conflict["suggested_mro"])


def test_what_if_class_is_still_in_main(run_installed) -> None:
    result = run_installed("what-if", "sample_modules.diamond:B", "sample_modules.diamond:C", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["mro"][0] == "__main__:New"
