"""The layers stay honest: a pure core, a light default path, every command registered."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, clean_env

HEAVY = ("typer", "rich", "graphviz", "pydantic", "click")


def imported_after(code: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
    )
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_core_imports_no_presentation_library() -> None:
    modules = imported_after(
        "import pyinspect_cli.core.c3, pyinspect_cli.core.creation, pyinspect_cli.core.static, "
        "pyinspect_cli.core.descriptors, pyinspect_cli.core.attributes, pyinspect_cli.core.super_chain, "
        "pyinspect_cli.core.hooks, pyinspect_cli.core.registries, pyinspect_cli.core.hierarchy"
    )
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
    assert not {
        m for m in modules if m.startswith(("pyinspect_cli.render", "pyinspect_cli.cli", "pyinspect_cli.audit"))
    }


def test_the_piped_default_command_loads_no_heavy_module() -> None:
    code = (
        "import io, sys\n"
        "sys.argv = ['mro-explain', 'sample_modules.diamond:D']\n"
        "from pyinspect_cli.fastpath import run_fast_path\n"
        "out = sys.stdout; sys.stdout = io.StringIO(); code = run_fast_path(sys.argv[1:]); sys.stdout = out\n"
        "assert code == 0, code\n"
    )
    modules = imported_after(code)
    assert not {m for m in modules if m.split(".")[0] in HEAVY}


def test_import_linter_contracts_hold() -> None:
    linter = ROOT / ".venv" / "bin" / "lint-imports"
    exe = str(linter) if linter.exists() else "lint-imports"
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, env=clean_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 2 kept, 0 broken." in proc.stdout


def test_package_root_is_light() -> None:
    modules = imported_after("import pyinspect_cli")
    assert "pyinspect_cli.core.c3" not in modules
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
