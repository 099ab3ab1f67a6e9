"""`mro-explain descriptors` and `mro-explain attr` as users run them: in-process and installed."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import desc_reference as ref
import pytest

from pyinspect_cli.core.attributes import attribute_names

ZOO = "sample_modules.descriptors:Zoo"


def _rows(stdout: str) -> dict[str, list[str]]:
    """Table rows of piped `descriptors` output: name -> the other cells."""
    rows = {}
    for line in stdout.splitlines():
        cells = line.split()
        if len(cells) >= 4 and cells[1] in ("data", "non-data", "plain"):
            rows[cells[0]] = cells[1:]
    return rows


def _json(result: Any) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------------------
# descriptors


def test_descriptors_table(cli, golden) -> None:
    result = cli("descriptors", ZOO)
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert rows["data"][:3] == ["data", "Data", "Zoo"]
    assert rows["set_only"][:3] == ["data", "SetOnly", "Zoo"]
    assert rows["non_data"][:3] == ["non-data", "NonData", "Zoo"]
    assert rows["plain"][:3] == ["plain", "int", "Zoo"]
    assert rows["expensive"][:3] == ["non-data", "cached_property", "Zoo"]
    assert rows["greet"][:3] == ["non-data", "function", "Base"]
    assert rows["__init__"][:5] == ["non-data", "function", "Zoo", "overrides", "object"]
    assert "__class__" not in rows  # object's members hidden without --all
    assert "\x1b[" not in result.stdout
    golden("descriptors_zoo.txt", result.stdout)


def test_descriptors_filters(cli) -> None:
    rows = _rows(cli("descriptors", ZOO, "--kind", "data").stdout)
    assert set(rows) == {"data", "set_only", "read_only", "celsius", "__dict__", "__weakref__"}
    own = _rows(cli("descriptors", ZOO, "--own").stdout)
    assert "greet" not in own and "shared" not in own and "data" in own
    assert set(_rows(cli("descriptors", ZOO, "*_only").stdout)) == {"set_only", "read_only"}
    assert set(_rows(cli("descriptors", ZOO, "data").stdout)) == {"data", "non_data"}
    everything = _rows(cli("descriptors", ZOO, "--all").stdout)
    assert everything["__class__"][:3] == ["data", "getset", "descriptor"]
    assert everything["__new__"][:3] == ["plain", "builtin", "function"]
    empty = cli("descriptors", ZOO, "--kind", "plain", "nothing_like_this")
    assert empty.returncode == 0
    assert "no attribute matches" in empty.stderr


def test_descriptors_json(cli) -> None:
    from pyinspect_cli.render.json.descriptors import DescriptorsDocument

    document = _json(cli("descriptors", ZOO, "--format", "json"))
    DescriptorsDocument.model_validate(document)
    assert document["command"] == "descriptors"
    assert document["target"] == ZOO
    entries = {entry["name"]: entry for entry in document["attributes"]}
    for entry in entries.values():
        assert {"name", "defined_in", "kind", "type"} <= set(entry)
    assert entries["read_only"] == {
        "name": "read_only",
        "defined_in": ZOO,
        "overrides": [],
        "kind": "data",
        "type": "property",
        "has_get": True,
        "has_set": True,
        "has_delete": True,
        "has_set_name": True,
        "accessors": ["getter"],
        "value": "<builtins:property instance>",
    }
    assert entries["set_only"]["type"] == "sample_modules.descriptors:SetOnly"
    assert entries["__doc__"]["overrides"] == ["sample_modules.descriptors:Base", "builtins:object"]
    filtered = _json(cli("descriptors", ZOO, "--format", "json", "--kind", "non-data", "--own"))
    assert filtered["kind_filter"] == "non-data" and filtered["own_only"] is True
    assert {e["kind"] for e in filtered["attributes"]} == {"non-data"}
    assert {e["defined_in"] for e in filtered["attributes"]} == {ZOO}


def test_slots_and_fields(cli) -> None:
    rows = _rows(cli("descriptors", "sample_modules.descriptors:Slotted").stdout)
    assert rows["x"][:3] == ["data", "slot", "member"]
    assert "__dict__" not in rows
    document = _json(cli("descriptors", "sample_modules.fields:Agent", "--format", "json"))
    entries = {entry["name"]: entry for entry in document["attributes"]}
    assert entries["max_steps"]["type"] == "sample_modules.fields:Positive"
    assert entries["max_steps"]["has_set_name"] is True
    assert entries["temperature"]["kind"] == "plain"


# ---------------------------------------------------------------------------
# attr


def test_attr_text(cli, golden) -> None:
    result = cli("attr", ZOO, "expensive")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. if the instance's __dict__ has 'expensive': instance-dict" in out
    assert "2. otherwise: non-data-descriptor (sample_modules.descriptors:Zoo)" in out
    assert "← the search stops here" in out
    golden("attr_zoo_expensive.txt", out)


def test_attr_json(cli) -> None:
    from pyinspect_cli.render.json.descriptors import AttrDocument

    document = _json(cli("attr", ZOO, "expensive", "--format", "json"))
    AttrDocument.model_validate(document)
    assert [(b["when"], b["outcome"], b["defined_in"]) for b in document["read"]] == [
        ("the instance's __dict__ has 'expensive'", "instance-dict", None),
        (None, "non-data-descriptor", ZOO),
    ]
    assert [b["outcome"] for b in document["write"]] == ["instance-dict"]
    assert [b["outcome"] for b in document["delete"]] == ["instance-dict", "attribute-error"]
    assert [b["outcome"] for b in document["class_read"]] == ["class-descriptor"]
    assert document["mro_walk"][0] == {
        "cls": ZOO,
        "holds": True,
        "kind": "non-data",
        "type": "functools.cached_property",
    }

    read_only = _json(cli("attr", ZOO, "read_only", "--format", "json"))
    assert read_only["write"] == [
        {
            "when": None,
            "outcome": "attribute-error",
            "defined_in": ZOO,
            "explanation": "the property Zoo.read_only has no setter: AttributeError",
            "error": "property 'read_only' of 'Zoo' object has no setter",
        }
    ]
    delete_only = _json(cli("attr", "sample_modules.desc_hostile:Target", "delete_only", "--format", "json"))
    # Target.__setattr__ runs first and never calls object.__setattr__; the default path is conditional on it.
    assert [(b["outcome"], b["error"]) for b in delete_only["write"]] == [
        ("setattr-hook", None),
        ("attribute-error", "__set__"),
    ]
    assert delete_only["write"][1]["when"] == "Target.__setattr__ calls object.__setattr__"
    setattr_hook = next(h for h in delete_only["hooks"] if h["hook"] == "__setattr__")
    assert (setattr_hook["kind"], setattr_hook["falls_back"]) == ("python", False)
    assert [b["outcome"] for b in delete_only["delete"]] == ["data-descriptor"]
    assert {h["hook"] for h in delete_only["hooks"]} >= {"__getattribute__", "__getattr__", "__setattr__"}


def test_attr_slots_and_class_reads(cli) -> None:
    slotted = _json(cli("attr", "sample_modules.descriptors:Slotted", "x", "--format", "json"))
    assert slotted["instance_dict"] is False
    assert [b["outcome"] for b in slotted["read"]] == ["data-descriptor"]
    name = _json(cli("attr", ZOO, "__name__", "--format", "json"))
    assert name["class_read"][0]["outcome"] == "metaclass-data-descriptor"
    assert name["class_read"][0]["defined_in"] == "builtins:type"
    getattr_meta = _json(cli("attr", "sample_modules.hostile:Bottom", "anything", "--format", "json"))
    assert getattr_meta["class_read"][0]["outcome"] == "metaclass-getattr"
    assert getattr_meta["class_read"][0]["defined_in"] == "sample_modules.hostile:Hostile"


# ---------------------------------------------------------------------------
# Never run user code


def _hostile_targets() -> list[tuple[str, type]]:
    import sample_modules.desc_hostile as dh
    import sample_modules.hostile as h

    return [
        ("sample_modules.desc_hostile:Target", dh.Target),
        ("sample_modules.desc_hostile:Child", dh.Child),
        ("sample_modules.desc_hostile:ViaMeta", dh.ViaMeta),
        ("sample_modules.desc_hostile:Nested", dh.Nested),
        ("sample_modules.hostile:Bottom", h.Bottom),
    ]


def test_nothing_runs_on_hostile_classes(cli) -> None:
    import sample_modules.desc_hostile as dh
    import sample_modules.hostile as h
    from pyinspect_cli.core.attributes import resolve_attribute
    from pyinspect_cli.core.descriptors import class_attributes
    from pyinspect_cli.render.console import make_console
    from pyinspect_cli.render.descriptors import attr_view
    from pyinspect_cli.render.json.descriptors import attr_document

    dh.CALLS.clear()
    h.CALLS.clear()
    for target, cls in _hostile_targets():
        for args in ((), ("--all",), ("--all", "--format", "json"), ("--kind", "data")):
            result = cli("descriptors", target, *args)
            assert result.returncode == 0, result.stderr
        names = [a.name for a in class_attributes(cls)] + ["__name__", "__doc__", "__class__"]
        names += [a.name for a in class_attributes(type(cls), own_only=True)]
        for name in names:
            for fmt in ("text", "json"):
                result = cli("attr", target, name, "--format", fmt)
                assert result.returncode == 0, (name, result.stderr)
        assert cli("attr", target, "missing_name").returncode in (0, 2)
        # every other name, through the core and both renderers directly
        for name in attribute_names(cls):
            resolution = resolve_attribute(cls, name)
            attr_document(resolution).model_dump_json()
            console = make_console(width=100)
            with console.capture():
                console.print(attr_view(resolution))
    assert dh.CALLS == []
    assert h.CALLS == []


def test_hostile_classification(cli) -> None:
    document = _json(cli("descriptors", "sample_modules.desc_hostile:Target", "--format", "json"))
    kinds = {e["name"]: (e["kind"], e["type"]) for e in document["attributes"]}
    assert kinds["data"] == ("data", "sample_modules.desc_hostile:SpyData")
    assert kinds["non_data"] == ("non-data", "sample_modules.desc_hostile:SpyNonData")
    assert kinds["delete_only"] == ("data", "sample_modules.desc_hostile:SpyDeleteOnly")
    assert kinds["plain"] == ("plain", "sample_modules.desc_hostile:SpyPlain")  # __get__ on the instance only
    assert kinds["nested"] == ("non-data", "class")  # its metaclass defines __get__
    text = cli("attr", "sample_modules.desc_hostile:Target", "data").stdout
    assert "sample_modules.desc_hostile:Target defines __getattribute__" in text
    assert "may not apply" in text


def test_markup_prints_literally(cli) -> None:
    result = cli("descriptors", "sample_modules.desc_hostile:Child")
    assert re.search(r"^\[bold red\]x\[/\] +non-data +SpyNonData +Child", result.stdout, re.MULTILINE)
    attr = cli("attr", "sample_modules.desc_hostile:Child", "[bold red]x[/]")
    assert attr.returncode == 0, attr.stderr
    assert "Attribute '[bold red]x[/]' of sample_modules.desc_hostile:Child" in attr.stdout
    weird = cli("descriptors", "sample_modules.weird_names:Child", "--all")
    assert "MRO: Child → [bold red]x[/] → A<B>&\"q' → Ünïcødé → Normal → object" in weird.stdout


# ---------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("descriptors", "no_such_module:X"), "no module named 'no_such_module'", "check the spelling"),
        (("descriptors", "sample_modules.descriptors:Zooo"), "has no class named 'Zooo'", "did you mean Zoo?"),
        (("descriptors", "sample_modules.descriptors"), "names a module; this command needs a class", "MODULE:CLASS"),
        (("attr", ZOO, "dta"), "has no attribute 'dta'", "did you mean data"),
        (("attr", ZOO, "EXPENSIVE"), "has no attribute 'EXPENSIVE'", "did you mean expensive"),
        (("attr", "sample_modules.descriptors:Nope", "x"), "has no class named 'Nope'", None),
    ],
)
def test_bad_input(cli, args: tuple[str, ...], message: str, hint: str | None) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    if hint:
        assert hint in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_kind_is_a_usage_error(cli) -> None:
    result = cli("descriptors", ZOO, "--kind", "weird")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_import_output_stays_off_stdout(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # Another test of the session may have imported it already (nothing would print then).
    monkeypatch.delitem(sys.modules, "sample_modules.noisy", raising=False)
    result = cli("descriptors", "sample_modules.noisy:Louder", "--format", "json")
    document = _json(result)
    assert document["target"] == "sample_modules.noisy:Louder"
    assert "printed" in result.stderr


# ---------------------------------------------------------------------------
# The installed command


def test_installed_from_another_directory(run_installed, tmp_path: Path) -> None:
    table = run_installed("descriptors", ZOO, "--path", ref.ROOT, cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert table.stderr == ""
    assert "\x1b[" not in table.stdout
    assert _rows(table.stdout)["set_only"][:3] == ["data", "SetOnly", "Zoo"]
    attr = run_installed("attr", ZOO, "set_only", "--format", "json", "--path", ref.ROOT, cwd=tmp_path)
    document = _json(attr)
    assert [b["outcome"] for b in document["read"]] == ["instance-dict", "class-attribute"]
    assert [b["outcome"] for b in document["write"]] == ["data-descriptor"]
    assert [(b["outcome"], b["error"]) for b in document["delete"]] == [("attribute-error", "__delete__")]
    plain = run_installed("attr", ZOO, "set_only", "--path", ref.ROOT, cwd=tmp_path)
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout
    assert not any(line != line.rstrip() for line in plain.stdout.splitlines())


def test_installed_file_target_and_bad_input(run_installed, tmp_path: Path) -> None:
    source = tmp_path / "mine.py"
    source.write_text(
        "class Base:\n    x = property(lambda self: 1)\n\nclass Mine(Base):\n    __slots__ = ()\n",
        encoding="utf-8",
    )
    result = run_installed("attr", "mine.py:Mine", "x", "--format", "json", cwd=tmp_path)
    document = _json(result)
    assert document["target"] == "mine:Mine"
    assert document["write"][0]["error"] == "property 'x' of 'Mine' object has no setter"
    for args, code in (
        (("descriptors", "nope.py:X"), 2),
        (("descriptors", "mine:Nope"), 2),
        (("attr", "mine:Mine", "y"), 2),
        (("descriptors", "mine"), 2),
    ):
        bad = run_installed(*args, cwd=tmp_path)
        assert bad.returncode == code, (args, bad.stderr)
        assert bad.stdout == ""
        assert bad.stderr.startswith("mro-explain: error:")
        assert "Traceback" not in bad.stderr


def test_installed_hostile_leaves_no_trace(run_installed, tmp_path: Path) -> None:
    """In a fresh process: the target re-exports the hostile classes and prints what they recorded at exit."""
    probe = tmp_path / "probe_calls.py"
    probe.write_text(
        "import atexit, sys\n"
        "import sample_modules.desc_hostile as dh, sample_modules.hostile as h\n"
        "from sample_modules.desc_hostile import Child, Target, ViaMeta\n"
        "from sample_modules.hostile import Bottom\n"
        "atexit.register(lambda: sys.stderr.write(f'CALLS={dh.CALLS + h.CALLS}\\n'))\n",
        encoding="utf-8",
    )
    runs = [
        ("descriptors", "probe_calls:Child", "--all"),
        ("descriptors", "probe_calls:Bottom", "--all", "--format", "json"),
        ("attr", "probe_calls:Child", "data"),
        ("attr", "probe_calls:Target", "nested", "--format", "json"),
        ("attr", "probe_calls:ViaMeta", "meta_data"),
        ("attr", "probe_calls:Bottom", "spy"),
        ("attr", "probe_calls:Child", "[bold red]x[/]"),
    ]
    for args in runs:
        result = run_installed(*args, "--path", ref.ROOT, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "CALLS=[]" in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        if "json" in args:
            json.loads(result.stdout)


def test_documents_registered() -> None:
    from pyinspect_cli.render.json import DOCUMENTS, document_model

    assert DOCUMENTS["descriptors"].endswith(":DescriptorsDocument")
    assert DOCUMENTS["attr"].endswith(":AttrDocument")
    schema = document_model("attr").model_json_schema()
    assert {"read", "write", "delete", "class_read"} <= set(schema["properties"])
    branch = schema["$defs"]["InstanceBranch"]["properties"]
    assert set(branch["outcome"]["enum"]) == {
        "data-descriptor",
        "instance-dict",
        "non-data-descriptor",
        "class-attribute",
        "getattr",
        "attribute-error",
        "setattr-hook",
        "delattr-hook",
    }
    assert "attributes" in document_model("descriptors").model_json_schema()["properties"]


def test_attr_of_an_instance_only_name(cli) -> None:
    """A name assigned as self.NAME in a method is explained (found in the source, never run)."""
    text = cli("attr", ZOO, "_celsius")
    assert text.returncode == 0, text.stderr
    assert "set on instances by Zoo.__init__ (sample_modules/descriptors.py:" in text.stdout
    document = _json(cli("attr", ZOO, "_celsius", "--format", "json"))
    assert [a["function"] for a in document["instance_assignments"]] == ["__init__", "celsius"]
    assert document["attribute"] is None
    assert [b["outcome"] for b in document["read"]] == ["instance-dict", "attribute-error"]
    assert [b["outcome"] for b in document["write"]] == ["instance-dict"]
