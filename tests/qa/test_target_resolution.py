"""``pkg:Name`` means exactly ``from pkg import Name``, on every path (piped and on a terminal)."""

from __future__ import annotations

from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"

PATHS = [
    pytest.param({}, id="piped"),
    pytest.param({"MRO_EXPLAIN_NO_FAST_PATH": "1"}, id="typer"),
    pytest.param({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}, id="terminal"),
]


@pytest.mark.parametrize("env", PATHS)
def test_a_class_a_module_getattr_imports_lazily(run_installed, env: dict[str, str]) -> None:
    result = run_installed("lazy_getattr:Lazy", "--no-trace", cwd=HOSTILE, **env)
    assert result.returncode == 0, result.stderr
    assert "OrderedDict" in result.stdout


@pytest.mark.parametrize("env", PATHS)
def test_pydantic_base_model_resolves_the_same_everywhere(run_installed, env: dict[str, str]) -> None:
    pytest.importorskip("pydantic")
    from pydantic import BaseModel

    result = run_installed("pydantic:BaseModel", "--format", "json", cwd=HOSTILE, **env)
    assert result.returncode == 0, result.stderr
    import json

    mro = json.loads(result.stdout)["classes"][0]["mro"]
    assert len(mro) == len(BaseModel.__mro__)
    assert mro[0] == "pydantic.main:BaseModel"


@pytest.mark.parametrize(
    ("target", "suggestion"),
    [("collections.OrderedDict", "collections:OrderedDict"), ("dict", "builtins:dict")],
)
@pytest.mark.parametrize("env", PATHS[:2])
def test_a_class_spelled_as_a_module_gets_the_colon_form(run_installed, target, suggestion, env) -> None:
    result = run_installed(target, cwd=HOSTILE, **env)
    assert result.returncode == 2
    assert (
        result.stderr.splitlines()[1]
        == f"  hint: did you mean {suggestion}? a class is named after a colon: MODULE:CLASS"
    )


def test_a_missing_name_is_not_found_by_a_module_getattr(run_installed) -> None:
    result = run_installed("lazy_getattr:Nothing", cwd=HOSTILE)
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: lazy_getattr has no class named 'Nothing'")
