"""`mro-explain TARGET`, `what-if` and `schema` as users run them: in-process and installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, clean_env, installed_command

DIAMOND_MRO = [
    "sample_modules.diamond:D",
    "sample_modules.diamond:B",
    "sample_modules.diamond:C",
    "sample_modules.diamond:A",
    "builtins:object",
]


def test_default_command_prints_mro_and_trace(cli, golden) -> None:
    result = cli("sample_modules.diamond:D")
    assert result.returncode == 0
    assert "  step 2: skip A: head of L[B], but in the tail of L[C] [C, A, object]" in result.stdout
    golden("explain_diamond.txt", result.stdout)


def test_installed_command_from_another_directory(run_installed, tmp_path: Path, golden) -> None:
    result = run_installed("sample_modules.diamond:D", "--path", str(ROOT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
    golden("explain_diamond.txt", result.stdout)


def test_fast_path_and_full_cli_print_the_same(run_installed) -> None:
    fast = run_installed("sample_modules.diamond:D")
    full = run_installed("sample_modules.diamond:D", MRO_EXPLAIN_NO_FAST_PATH="1")
    assert fast.returncode == full.returncode == 0
    assert fast.stdout == full.stdout
    fast_json = run_installed("sample_modules.diamond:D", "--format", "json")
    full_json = run_installed("explain", "sample_modules.diamond:D", "--format", "json")
    assert json.loads(fast_json.stdout) == json.loads(full_json.stdout)
    assert fast_json.stderr == full_json.stderr == ""


def test_json_document(cli) -> None:
    result = cli("sample_modules.diamond:D", "--format", "json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.0"
    assert doc["command"] == "explain"
    (cls,) = doc["classes"]
    assert cls["module"] == "sample_modules.diamond" and cls["qualname"] == "D"
    assert cls["mro"] == DIAMOND_MRO == cls["runtime_mro"]
    steps = cls["linearization"]["steps"]
    assert [s["taken"] for s in steps] == DIAMOND_MRO[1:]
    assert steps[1]["offsets"] == [1, 0, 1]
    assert steps[1]["tests"][0] == {
        "list": "L[B]",
        "head": "sample_modules.diamond:A",
        "taken": False,
        "blocked_by": ["L[C]"],
    }
    merged = cls["linearization"]["merged"]
    assert merged[1] == {
        "label": "L[C]",
        "items": ["sample_modules.diamond:C", "sample_modules.diamond:A", "builtins:object"],
    }
    assert cls["linearization"]["result"] == DIAMOND_MRO


def test_json_matches_the_published_schema(cli) -> None:
    from pydantic import TypeAdapter

    from pyinspect_cli.render.json.explain import ExplainDocument, WhatIfDocument

    doc = cli("sample_modules.diamond", "--format", "json").stdout
    ExplainDocument.model_validate_json(doc)
    bad = cli("what-if", "sample_modules.diamond:X", "sample_modules.diamond:Y", "--format", "json").stdout
    WhatIfDocument.model_validate_json(bad)
    schema = json.loads(cli("schema").stdout)
    assert {"explain", "what-if"} <= set(schema["documents"])
    TypeAdapter(dict).validate_python(schema["documents"]["explain"])


def test_module_target_lists_every_class(cli) -> None:
    result = cli("sample_modules.diamond")
    assert result.returncode == 0
    assert "  D  [D, B, C, A, object]" in result.stdout
    assert "  Y  [Y, C, B, A, object]" in result.stdout


def test_file_path_targets(cli) -> None:
    result = cli("sample_modules/diamond.py:D", "--no-trace")
    assert result.returncode == 0
    assert "3  C       sample_modules.diamond" in result.stdout


def test_builtins_and_nested_targets(cli) -> None:
    assert "2  object  builtins" in cli("builtins:dict", "--no-trace").stdout
    result = cli("collections:OrderedDict", "--format", "json")
    assert json.loads(result.stdout)["classes"][0]["mro"] == [
        "collections:OrderedDict",
        "builtins:dict",
        "builtins:object",
    ]


def test_what_if_success_and_conflict(cli) -> None:
    ok = cli("what-if", "sample_modules.diamond:B", "sample_modules.diamond:C", "--name", "E")
    assert ok.returncode == 0
    assert "class E(B, C)" in ok.stdout
    bad = cli("what-if", "sample_modules.diamond:A", "sample_modules.diamond:B", "--format", "json")
    assert bad.returncode == 1
    doc = json.loads(bad.stdout)
    assert doc["ok"] is False and doc["mro"] is None
    with pytest.raises(TypeError) as info:
        from sample_modules import diamond

        type("New", (diamond.A, diamond.B), {})
    assert doc["error"]["message"] == str(info.value)
    assert doc["error"]["blocked"] == ["sample_modules.diamond:A", "sample_modules.diamond:B"]
    assert doc["error"]["suggested_bases"] == ["sample_modules.diamond:B", "sample_modules.diamond:A"]


def test_what_if_metaclass_and_layout_conflicts(cli) -> None:
    layout = cli("what-if", "builtins:int", "builtins:str")
    assert layout.returncode == 1
    assert "TypeError: multiple bases have instance lay-out conflict" in layout.stdout
    dup = cli("what-if", "sample_modules.diamond:A", "sample_modules.diamond:A", "--format", "json")
    assert json.loads(dup.stdout)["error"]["message"] == "duplicate base class A"


def test_import_failure_is_explained(cli, golden) -> None:
    result = cli("sample_modules.broken.bad_mro")
    assert result.returncode == 3
    assert result.stdout.startswith("importing sample_modules.broken.bad_mro failed: class Mixed at ")
    assert "class Mixed(A, C)" in result.stdout
    assert "Fix: list the bases as class Mixed(C, A); the MRO would be [Mixed, C, B, A, object]." in result.stdout
    assert "mro-explain: error: importing sample_modules.broken.bad_mro failed" in result.stderr
    doc = json.loads(cli("sample_modules.broken.bad_mro", "--format", "json").stdout)
    assert doc["import_error"]["class_name"] == "Mixed"
    assert doc["import_error"]["line"] == 16
    assert doc["import_error"]["conflict"]["kind"] == "mro"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["no_such_module:X"], 2, "no module named 'no_such_module'"),
        (["sample_modules.diamond:DD"], 2, "did you mean D?"),
        (["sample_modules.diamond:A.nope"], 2, "sample_modules.diamond:A has no class named 'nope'"),
        (["sample_modules.registry:Handler.send"], 2, "is a function, not a class"),
        (["sample_modules.broken.raises"], 3, "RuntimeError: database is not configured"),
        (["sample_modules.broken.exits"], 3, "called sys.exit(3)"),
        (["tests/fixtures/syntax_error.py"], 3, "syntax error at tests/fixtures/syntax_error.py:5"),
        (["nope/missing.py:C"], 2, "no such file: nope/missing.py"),
        (["sample_modules.diamond:f.<locals>.Inner"], 2, "defined inside a function"),
        (["what-if", "sample_modules.diamond"], 2, "needs a class"),
    ],
)
def test_bad_input_gets_a_short_error(cli, run_installed, args: list[str], code: int, needle: str) -> None:
    for result in (cli(*args), run_installed(*args)):
        assert result.returncode == code, result.stderr
        assert needle in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert len(result.stderr.strip().splitlines()) <= 2


def test_a_module_that_loops_at_import_times_out(run_installed) -> None:
    result = run_installed("sample_modules.broken.loops", "--timeout", "0.5")
    assert result.returncode == 3
    assert "did not finish within 0.5 s" in result.stderr
    assert "loops.py" in result.stderr


def test_output_printed_at_import_stays_out_of_stdout(run_installed) -> None:
    result = run_installed("sample_modules.noisy:Louder", "--format", "json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["classes"][0]["qualname"] == "Louder"
    assert "printed 3 lines" in result.stderr


def test_names_print_exactly_as_written(cli) -> None:
    result = cli("sample_modules.weird_names:Child", "--no-trace")
    assert "[bold red]x[/]" in result.stdout
    assert "A<B>&\"q'" in result.stdout
    assert "Ünïcødé" in result.stdout


def test_rich_terminal_output_escapes_markup() -> None:
    import io

    from rich.console import Console

    from pyinspect_cli.core.c3 import explain_linearization
    from pyinspect_cli.render.console import THEME
    from pyinspect_cli.render.explain_view import class_view
    from pyinspect_cli.render.terminal import print_explain
    from sample_modules.weird_names import Child

    console = Console(
        file=io.StringIO(), force_terminal=True, width=120, theme=THEME, record=True, color_system="truecolor"
    )
    print_explain(class_view(Child, explain_linearization(Child)), console=console)
    text = console.export_text()
    assert "[bold red]x[/]" in text
    assert "A<B>&\"q'" in text


def test_hostile_metaclass_is_explained_without_running_it(cli) -> None:
    from sample_modules import hostile

    hostile.CALLS.clear()
    result = cli("sample_modules.hostile:Bottom", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["classes"][0]["mro"][:2] == [
        "sample_modules.hostile:Bottom",
        "sample_modules.hostile:Left",
    ]
    assert hostile.CALLS == []


def test_version_help_and_module_entry_point(run_installed) -> None:
    from pyinspect_cli import __version__

    assert run_installed("--version").stdout.strip() == f"mro-explain {__version__}"
    help_text = run_installed("--help").stdout
    for command in ("explain", "what-if", "schema"):
        assert command in help_text
    proc = subprocess.run(
        [sys.executable, "-m", "pyinspect_cli", "sample_modules.diamond:D", "--no-trace"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
    )
    assert proc.returncode == 0 and "4  A       sample_modules.diamond" in proc.stdout


def test_deep_and_wide_hierarchies_through_the_cli(tmp_path: Path) -> None:
    module = tmp_path / "big_hierarchies.py"
    module.write_text(
        "Chain = object\n"
        "for i in range(3000):\n"
        "    Chain = type(f'C{i}', (Chain,), {})\n"
        "Wide = type('Wide', tuple(type(f'W{i}', (), {}) for i in range(300)), {})\n"
    )
    for target, length in (("big_hierarchies:Chain", 3001), ("big_hierarchies:Wide", 302)):
        proc = subprocess.run(
            # CPython itself takes seconds to create these classes: a generous import timeout
            [installed_command(), target, "--format", "json", "--timeout", "300"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=clean_env(),
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr
        assert len(json.loads(proc.stdout)["classes"][0]["mro"]) == length


def test_module_json_carries_traces_only_when_asked(run_installed) -> None:
    plain = json.loads(run_installed("sample_modules.diamond", "--format", "json").stdout)
    assert all(c["linearization"] is None for c in plain["classes"])
    assert [c["qualname"] for c in plain["classes"]] == ["A", "B", "C", "D", "X", "Y"]
    traced = json.loads(run_installed("sample_modules.diamond", "--format", "json", "--trace").stdout)
    assert all(c["linearization"] is not None for c in traced["classes"])
    one = json.loads(run_installed("sample_modules.diamond:D", "--format", "json").stdout)
    assert one["classes"][0]["linearization"]["steps"]
    bare = json.loads(run_installed("sample_modules.diamond:D", "--format", "json", "--no-trace").stdout)
    assert bare["classes"][0]["linearization"] is None


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    import signal
    import time

    ready = tmp_path / "ready"
    (tmp_path / "slow_import.py").write_text(
        f"import pathlib, time\npathlib.Path({str(ready)!r}).touch()\ntime.sleep(600)\n"
    )
    for extra in ([], ["--format", "json"], ["explain"]):
        ready.unlink(missing_ok=True)
        args = (
            [installed_command(), *extra, "slow_import", "--timeout", "0"]
            if extra == ["explain"]
            else [installed_command(), "slow_import", "--timeout", "0", *extra]
        )
        proc = subprocess.Popen(
            args,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_env(),
            # a shell running the suite in the background ignores SIGINT, and children inherit that
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        # interrupt only once the import is under way (polling a readiness file, not guessing a delay)
        deadline = time.monotonic() + 300
        while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), proc.communicate(timeout=30)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 130, (extra, err)
        assert "interrupted" in err and "Traceback" not in err
