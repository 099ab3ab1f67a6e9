"""`mro-explain registries` and `mro-explain metaclass`, in-process (CliRunner) and installed."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def no_ansi(text: str) -> None:
    assert "\x1b[" not in text


# ---------------------------------------------------------------------------
# registries


def test_registries_text_tree(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # piped, the tree fits COLUMNS: wide enough to read each line whole
    result = cli("registries", "sample_modules.reg_seed", "--path", str(ROOT))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    no_ansi(out)
    assert out.startswith("sample_modules.reg_seed  11 classes\n")
    assert "├── Metaclasses (2)" in out
    assert "registry: RegistryMeta.__new__ stores each new class in mcs._registry" in out
    assert (
        "singleton: SingletonMeta.__call__ caches one instance per class in cls._instances, "
        "not guarded by a lock" in out
    )
    assert "__init_subclass__ on Plugin  parameters: plugin_name, **kwargs" in out
    assert 'class keywords: class MarkdownParser(…, plugin_name="markdown") → Plugin.__init_subclass__' in out
    assert "RegistryMeta._registry  dict, 3 entries" in out
    assert "'email' → EmailHandler" in out
    assert "AgentRuntime → <AgentRuntime instance>" in out
    assert "Plugin._plugins  dict, 3 entries" in out
    assert result.stderr == ""


def test_registries_json(cli):
    result = cli("registries", "sample_modules.reg_weak", "--format", "json", "--path", str(ROOT))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    m = "sample_modules.reg_weak"
    assert doc["command"] == "registries"
    assert doc["modules"] == [{"name": m, "status": "ok", "message": None, "classes": 12}]
    metas = {meta["name"]: meta for meta in doc["metaclasses"]}
    service = metas[f"{m}:ServiceMeta"]
    assert service["hooks"] == [{"name": "__call__", "defined_in": f"{m}:ServiceMeta"}]
    assert service["classes"] == [f"{m}:Cache", f"{m}:Queue"]
    (pattern,) = service["patterns"]
    assert pattern["kind"] == "singleton" and pattern["guarded"] is True
    assert pattern["lock"] == "cls._lock (_thread:RLock)"
    assert pattern["source"] == "sample_modules/reg_weak.py:37"
    regs = {(r["owner"], r["attribute"]): r for r in doc["registries"]}
    tool = regs[(f"{m}:Tool", "registry")]
    assert tool["container"] == "WeakValueDictionary"
    assert tool["filled_by"] == [f"{m}:Tool.__init_subclass__"]
    assert tool["entries"] == [
        {"key": "'search'", "value": f"{m}:Search", "kind": "class", "key_class": None, "value_class": f"{m}:Search"},
        {
            "key": "'calc'",
            "value": f"{m}:Calculator",
            "kind": "class",
            "key_class": None,
            "value_class": f"{m}:Calculator",
        },
    ]
    assert regs[(f"{m}:ServiceMeta", "_instances")]["role"] == "instances"
    hooks = doc["hooks"]
    assert hooks["init_subclass"][0]["stores_in"] == ["cls.registry", "cls.seen"]
    assert hooks["class_keywords"][0] == {
        "cls": f"{m}:Search",
        "keywords": [{"name": "tool_name", "value": '"search"'}],
        "received_by": [f"{m}:Tool.__init_subclass__"],
    }


def test_registries_json_matches_schema(cli):
    from pyinspect_cli.render.json.registries import MetaclassDocument, RegistriesDocument

    for module in ("sample_modules.reg_hooks", "sample_modules.reg_abc", "sample_modules.reg_frameworks"):
        result = cli("registries", module, "-f", "json", "--path", str(ROOT))
        assert result.returncode == 0, result.stderr
        RegistriesDocument.model_validate_json(result.stdout)
    result = cli("metaclass", "sample_modules.reg_choice:Weaker", "-f", "json", "--path", str(ROOT))
    MetaclassDocument.model_validate_json(result.stdout)
    result = cli("schema")
    assert result.returncode == 0
    documents = json.loads(result.stdout)["documents"]
    assert {"registries", "metaclass"} <= set(documents)
    assert {"metaclasses", "registries", "modules"} <= set(documents["registries"]["properties"])


def test_decoys_and_hostile_run_nothing(cli):
    for name in ("sample_modules.reg_decoys", "sample_modules.reg_hostile", "sample_modules.hostile"):
        result = cli("registries", name, "--path", str(ROOT))
        assert result.returncode == 0, result.stderr
        result = cli("registries", name, "-f", "json", "--path", str(ROOT))
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout)
        assert importlib.import_module(name).CALLS == []
        if name.endswith("decoys"):
            attributes = {r["attribute"] for r in doc["registries"]}
            assert attributes == {"opaque_list", "opaque_dict"}
            assert {s["attribute"] for s in doc["skipped"]} == {"special", "view"}
    result = cli("metaclass", "sample_modules.hostile:Bottom", "--path", str(ROOT))
    assert result.returncode == 0
    assert "mro(): overridden by Hostile" in result.stdout
    result = cli("metaclass", "sample_modules.reg_hostile:Leaf", "-f", "json", "--path", str(ROOT))
    assert result.returncode == 0
    assert importlib.import_module("sample_modules.hostile").CALLS == []
    assert importlib.import_module("sample_modules.reg_hostile").CALLS == []


def test_markup_in_names_is_printed_as_written(cli, tmp_path):
    (tmp_path / "markup_mod.py").write_text(
        "class Meta(type):\n"
        "    reg = {}\n"
        "    def __new__(mcs, name, bases, ns):\n"
        "        cls = super().__new__(mcs, name, bases, ns)\n"
        "        mcs.reg['[bold red]x[/]'] = cls\n"
        "        return cls\n"
        "class Base(metaclass=Meta):\n"
        "    pass\n"
        "Weird = type('[bold red]x[/]', (Base,), {})\n",
        encoding="utf-8",
    )
    result = cli("registries", "markup_mod", "--path", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "'[bold red]x[/]' → [bold red]x[/]" in result.stdout


def test_recursive_package(cli):
    result = cli("registries", "sample_modules.reg_pkg", "--recursive", "-f", "json", "--path", str(ROOT))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    status = {m["name"]: m["status"] for m in doc["modules"]}
    assert status == {
        "sample_modules.reg_pkg": "ok",
        "sample_modules.reg_pkg.base": "ok",
        "sample_modules.reg_pkg.plugins": "ok",
        "sample_modules.reg_pkg.plugins.farewell": "ok",
        "sample_modules.reg_pkg.plugins.greet": "ok",
        "sample_modules.reg_pkg.broken": "error",
    }
    assert "sample_modules.reg_pkg.__main__" not in status
    (registry,) = doc["registries"]
    assert registry["owner"] == "sample_modules.reg_pkg.base:Command"
    assert [(e["key"], e["value"]) for e in registry["entries"]] == [
        ("'bye'", "sample_modules.reg_pkg.plugins.farewell:Farewell"),
        ("'greet'", "sample_modules.reg_pkg.plugins.greet:Greet"),
    ]
    assert "skipped sample_modules.reg_pkg.broken" in result.stderr
    assert "plugin backend is not configured" in result.stderr
    # Without --recursive: only the package's __init__, and a note.
    result = cli("registries", "sample_modules.reg_pkg", "--path", str(ROOT))
    assert result.returncode == 0
    assert "add --recursive" in result.stderr


def test_registries_bad_input(cli):
    result = cli("registries", "no_such_module_xyz")
    assert result.returncode == 2
    assert "no module named 'no_such_module_xyz'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    result = cli("registries", "sample_modules.broken.raises", "--path", str(ROOT))
    assert result.returncode == 3
    assert "database is not configured" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    result = cli("registries", "sample_modules.registry:Handler", "--path", str(ROOT))
    assert result.returncode == 2
    assert "mro-explain metaclass sample_modules.registry:Handler" in result.stderr


# ---------------------------------------------------------------------------
# metaclass


def test_metaclass_text(cli):
    result = cli("metaclass", "sample_modules.reg_choice:Weaker", "--path", str(ROOT))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    no_ansi(out)
    assert out.splitlines() == [
        "Weaker  metaclass: SubMeta",
        "├── class statement: metaclass=Meta",
        "├── How CPython chose it: the most derived of these candidates",
        "│   ├── 1. metaclass= keyword → Meta  start",
        "│   ├── 2. base MostDerived → SubMeta  switch: it is a subclass of the winner so far",
        "│   └── winner: SubMeta  = type(Weaker)",
        "├── MRO of the metaclass: SubMeta → Meta → type → object",
        "└── mro(): not overridden (type.mro, the C3 merge)",
    ]


def test_metaclass_json(cli):
    result = cli("metaclass", "sample_modules.reg_seed:AgentRuntime", "-f", "json", "--path", str(ROOT))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    m = "sample_modules.reg_seed"
    assert doc["cls"] == f"{m}:AgentRuntime"
    assert doc["metaclass"] == f"{m}:SingletonMeta"
    assert doc["explicit"] == {
        "source_found": True,
        "written": "SingletonMeta",
        "resolved": f"{m}:SingletonMeta",
        "inferred": False,
    }
    assert doc["candidates"] == [
        {
            "source": "metaclass= keyword",
            "base": None,
            "metaclass": f"{m}:SingletonMeta",
            "decision": "start",
            "winner": f"{m}:SingletonMeta",
        }
    ]
    assert doc["winner"] == f"{m}:SingletonMeta" and doc["matches"] is True
    assert doc["patterns"][0]["kind"] == "singleton" and doc["patterns"][0]["guarded"] is False


def test_metaclass_bad_input(cli):
    result = cli("metaclass", "sample_modules.registry", "--path", str(ROOT))
    assert result.returncode == 2
    assert "needs a class" in result.stderr
    result = cli("metaclass", "sample_modules.registry:Nope", "--path", str(ROOT))
    assert result.returncode == 2
    result = cli("metaclass", "sample_modules.broken.bad_metaclass:Square", "--path", str(ROOT))
    assert result.returncode == 3
    assert "metaclass conflict" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# ---------------------------------------------------------------------------
# The installed command, from another directory, piped


def test_installed_registries_from_elsewhere(run_installed, tmp_path):
    result = run_installed("registries", "sample_modules.registry", "--path", str(ROOT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    no_ansi(result.stdout)
    assert "HandlerMeta.channels  dict, 3 entries" in result.stdout
    assert "'slack' → SlackHandler" in result.stdout
    result = run_installed("registries", str(ROOT / "sample_modules" / "plugins.py"), "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["registries"][0]["owner"] == "sample_modules.plugins:Plugin"
    result = run_installed("registries", "sample_modules/reg_pkg", "-r", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert {m["status"] for m in json.loads(result.stdout)["modules"]} == {"ok", "error"}


def test_installed_metaclass_and_errors(run_installed, tmp_path):
    result = run_installed("metaclass", "sample_modules.reg_choice:Custom", "--path", str(ROOT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "mro(): overridden by ReversedMeta" in result.stdout
    result = run_installed("registries", "missing_module_abc", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: no module named 'missing_module_abc'")
    result = run_installed("registries", "sample_modules.broken.raises")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    result = run_installed("metaclass", "sample_modules.noisy", cwd=tmp_path)
    assert result.returncode == 2


@pytest.mark.parametrize(
    "module", ["sample_modules.hostile", "sample_modules.reg_hostile", "sample_modules.reg_decoys"]
)
def test_installed_hostile(run_installed, module):
    result = run_installed("registries", module, "-f", "json")
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr


def test_long_registries_are_cut_in_text_only(cli, tmp_path):
    (tmp_path / "many_mod.py").write_text(
        "class Base:\n"
        "    table = {}\n"
        "    def __init_subclass__(cls, **kw):\n"
        "        Base.table[cls.__name__] = cls\n"
        "for i in range(50):\n"
        "    type(f'C{i}', (Base,), {})\n",
        encoding="utf-8",
    )
    result = cli("registries", "many_mod", "--path", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Base.table  dict, 50 entries" in result.stdout
    assert "… and 10 more (--format json lists them all)" in result.stdout
    result = cli("registries", "many_mod", "-f", "json", "--path", str(tmp_path))
    assert len(json.loads(result.stdout)["registries"][0]["entries"]) == 50


def test_module_that_replaces_itself(cli, tmp_path):
    try:
        _replaced_module(cli, tmp_path)
    finally:
        # The Lazy instance must not stay in sys.modules: hypothesis walks sys.modules with getattr.
        sys.modules.pop("replaced_mod", None)


def _replaced_module(cli, tmp_path):
    (tmp_path / "replaced_mod.py").write_text(
        "import sys\n"
        "class Meta(type):\n"
        "    kinds = {}\n"
        "    def __new__(mcs, name, bases, ns):\n"
        "        cls = super().__new__(mcs, name, bases, ns)\n"
        "        mcs.kinds[name] = cls\n"
        "        return cls\n"
        "class Lazy(metaclass=Meta):\n"
        "    def __getattr__(self, name):\n"
        "        raise RuntimeError('lazy attribute ran')\n"
        "sys.modules[__name__] = Lazy()\n",
        encoding="utf-8",
    )
    result = cli("registries", "replaced_mod", "--path", str(tmp_path))
    # The classes are read from the module the import executed; the instance is never asked.
    assert result.returncode == 0, result.stderr
    assert "'Lazy' → Lazy" in result.stdout
    assert "import replaced_mod gives a <replaced_mod:Lazy instance>" in result.stderr
    assert "lazy attribute ran" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_installed_styles_on_a_terminal(run_installed):
    result = run_installed("registries", "sample_modules.reg_seed", FORCE_COLOR="1", TTY_COMPATIBLE="1")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "RegistryMeta._registry  dict, 3 entries" in plain
    assert "'email' → EmailHandler" in plain
    result = run_installed("metaclass", "sample_modules.reg_choice:Weaker", FORCE_COLOR="1", TTY_COMPATIBLE="1")
    assert result.returncode == 0, result.stderr
    assert "winner: SubMeta" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
