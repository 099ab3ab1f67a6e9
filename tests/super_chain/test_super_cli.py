"""`mro-explain super` in-process (CliRunner) and as the installed command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sample_modules import hostile

ROOT = Path(__file__).resolve().parents[2]


def test_seed_chain_text(cli: Any) -> None:
    result = cli("super", "sample_modules.cooperative:Model", "setup")
    assert result.returncode == 0, result.stderr
    assert "Model → Loggable → Serializable → Base\n" in result.stdout
    assert "cooperative: every implementation runs, once each (4 of 4)" in result.stdout


def test_broken_chain_headline(cli: Any) -> None:
    result = cli("super", "sample_modules.coop_broken:TrackedWidget", "__init__")
    assert result.returncode == 0
    assert "Never runs:" in result.stdout
    assert "TrackingMixin.__init__" in result.stdout
    # the reason wraps at the width (COLUMNS=100), between words
    assert "Widget.__init__ ends the chain before it" in " ".join(result.stdout.split())


def test_json_links_and_runs(cli: Any) -> None:
    result = cli("super", "sample_modules.coop_broken:Model", "setup", "--format", "json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert [(link["defined_in"].split(":")[1], link["continues"]) for link in doc["links"]] == [
        ("Model", "super"),
        ("Loggable", "super"),
        ("Serializable", "none"),
        ("Base", "none"),
    ]
    assert [r.split(":")[1] for r in doc["runs"]] == ["Model", "Loggable", "Serializable"]
    assert doc["skipped"] == ["sample_modules.coop_broken:Base"]
    assert (doc["verdict"], doc["verdict_at"]) == ("broken", "sample_modules.coop_broken:Serializable")
    assert doc["methods"] == []


def test_summary_without_method(cli: Any) -> None:
    result = cli("super", "sample_modules.coop_mixins:Wrong")
    assert result.returncode == 0
    assert "save  broken at Model  runs Model; never runs: LoggingMixin, AuditMixin" in result.stdout
    doc = json.loads(cli("super", "sample_modules.coop_mixins:Wrong", "-f", "json").stdout)
    assert doc["method"] is None and doc["links"] == []
    assert doc["methods"][0]["method"] == "save"
    assert (doc["methods"][0]["verdict"], doc["methods"][0]["verdict_at"]) == (
        "broken",
        "sample_modules.coop_mixins:Model",
    )


def test_missing_method_suggests_close_names(cli: Any) -> None:
    result = cli("super", "sample_modules.cooperative:Model", "setpu")
    assert result.returncode == 2
    assert "no class in the MRO of sample_modules.cooperative:Model defines 'setpu'" in result.stderr
    assert "did you mean setup?" in result.stderr
    assert result.stdout == ""


def test_module_without_class_is_a_usage_error(cli: Any) -> None:
    result = cli("super", "sample_modules.cooperative")
    assert result.returncode == 2
    assert "needs a class" in result.stderr


def test_animate_without_terminal_prints_the_result(cli: Any) -> None:
    result = cli("super", "sample_modules.cooperative:Model", "setup", "--animate", "--delay", "0")
    assert result.returncode == 0
    assert "--animate needs an interactive terminal" in result.stderr
    assert "Model → Loggable → Serializable → Base\n" in result.stdout


def test_hostile_module_runs_nothing(cli: Any) -> None:
    hostile.CALLS.clear()
    for args in (("method",), (), ("method", "--format", "json")):
        result = cli("super", "sample_modules.hostile:Bottom", *args)
        assert result.returncode == 0, result.stderr
    assert hostile.CALLS == []


def test_installed_from_another_directory_piped(run_installed: Any, tmp_path: Path) -> None:
    (tmp_path / "shapes.py").write_text(
        "class Base:\n"
        "    def __init__(self, **kw):\n"
        "        self.kw = kw\n"
        "class Mixin:\n"
        "    def __init__(self, **kw):\n"
        "        super().__init__(**kw)\n"
        "class Shape(Base, Mixin):\n"
        "    def __init__(self, **kw):\n"
        "        super().__init__(**kw)\n"
        "print('imported')\n",
        encoding="utf-8",
    )
    result = run_installed("super", "shapes:Shape", "__init__", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "Shape → Base\n" in result.stdout
    assert "Mixin.__init__" in result.stdout and "Never runs:" in result.stdout
    assert "imported" not in result.stdout and "printed 1 line," in result.stderr
    doc = json.loads(run_installed("super", "shapes:Shape", "__init__", "-f", "json", cwd=tmp_path).stdout)
    assert doc["skipped"] == ["shapes:Mixin"]


def test_installed_with_path_and_bad_input(run_installed: Any, tmp_path: Path) -> None:
    ok = run_installed("super", "sample_modules.coop_explicit:Diamond", "--path", str(ROOT), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "__init__  mixed" in ok.stdout
    missing = run_installed("super", "sample_modules.coop_explicit:Diamond", "nope", "--path", str(ROOT), cwd=tmp_path)
    assert missing.returncode == 2
    assert "defines 'nope'" in missing.stderr
    no_module = run_installed("super", "no_such_module_xyz:C", "m", cwd=tmp_path)
    assert no_module.returncode == 2
    assert no_module.stdout == ""


def test_installed_hostile(run_installed: Any) -> None:
    result = run_installed("super", "sample_modules.hostile:Bottom", "method", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["runs"] == ["sample_modules.hostile:Bottom"]
