"""The core analysis of metaclasses, class-creation hooks and registries, on the sample modules."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import pytest

from pyinspect_cli.core import static
from pyinspect_cli.core.registries import RegistriesReport, analyse_classes, read_container
from pyinspect_cli.loading import classes_defined_in

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def analyse(name: str) -> RegistriesReport:
    module = importlib.import_module(name)
    ns = vars(module)
    imported = [v for v in ns.values() if static.is_class(v)]
    return analyse_classes(classes_defined_in(module, name), module_names=[name], imported=imported)


def registries(report: RegistriesReport) -> dict[tuple[str, str], list[tuple[str | None, str]]]:
    return {(static.class_id(r.owner), r.attribute): [(e.key, e.value) for e in r.entries] for r in report.registries}


def registry(report: RegistriesReport, owner: str, attribute: str):
    for r in report.registries:
        if static.class_id(r.owner) == owner and r.attribute == attribute:
            return r
    raise AssertionError(f"no registry {owner}.{attribute} in {sorted(registries(report))}")


def patterns(report: RegistriesReport) -> dict[str, list[tuple[str, str, str | None]]]:
    return {
        static.class_id(u.metaclass): [(p.kind, p.container, p.lock) for p in u.patterns] for u in report.metaclasses
    }


# ---------------------------------------------------------------------------
# The seed chapter's three patterns


def test_seed_registry_metaclass():
    report = analyse("sample_modules.reg_seed")
    m = "sample_modules.reg_seed"
    reg = registry(report, f"{m}:RegistryMeta", "_registry")
    assert [(e.key, e.value) for e in reg.entries] == [
        ("'email'", f"{m}:EmailHandler"),
        ("'sms'", f"{m}:SMSHandler"),
        ("'slack'", f"{m}:SlackHandler"),
    ]
    assert reg.filled_by == (f"{m}:RegistryMeta.__new__",)
    assert reg.role == "classes"
    assert patterns(report)[f"{m}:RegistryMeta"] == [("registry", "mcs._registry", None)]
    usage = next(u for u in report.metaclasses if static.name_of(u.metaclass) == "RegistryMeta")
    assert [static.name_of(c) for c in usage.classes] == ["BaseHandler", "EmailHandler", "SMSHandler", "SlackHandler"]
    assert [h.name for h in usage.hooks] == ["__new__"]


def test_seed_singleton_without_lock_is_flagged():
    report = analyse("sample_modules.reg_seed")
    m = "sample_modules.reg_seed"
    assert patterns(report)[f"{m}:SingletonMeta"] == [("singleton", "cls._instances", None)]
    reg = registry(report, f"{m}:SingletonMeta", "_instances")
    assert reg.role == "instances"
    (entry,) = reg.entries
    assert entry.key == f"{m}:AgentRuntime"
    assert entry.value == f"<{m}:AgentRuntime instance>"
    assert entry.kind == "instance"


def test_seed_init_subclass_plugins_and_keywords():
    report = analyse("sample_modules.reg_seed")
    m = "sample_modules.reg_seed"
    (hook,) = report.hooks.init_subclass
    assert static.class_id(hook.owner) == f"{m}:Plugin"
    assert hook.parameters == ("plugin_name", "**kwargs")
    assert [w.holder for w in hook.body.records] == ["cls._plugins"]
    keywords = {static.name_of(k.cls): (k.keywords, k.receivers) for k in report.hooks.keywords}
    assert keywords["MarkdownParser"] == ((("plugin_name", '"markdown"'),), (f"{m}:Plugin.__init_subclass__",))
    assert set(keywords) == {"MarkdownParser", "JSONParser", "XMLParser"}
    assert registries(report)[(f"{m}:Plugin", "_plugins")] == [
        ("'markdown'", f"{m}:MarkdownParser"),
        ("'json'", f"{m}:JSONParser"),
        ("'xml'", f"{m}:XMLParser"),
    ]


def test_existing_samples():
    report = analyse("sample_modules.singleton")
    m = "sample_modules.singleton"
    assert patterns(report) == {
        f"{m}:SingletonMeta": [("singleton", "cls._instances", None)],
        f"{m}:LockedSingletonMeta": [("singleton", "cls._instances", "cls._lock (_thread:lock)")],
    }
    # Database was never instantiated: its cache is empty, still reported because __call__ fills it.
    assert registry(report, f"{m}:LockedSingletonMeta", "_instances").entries == ()
    report = analyse("sample_modules.plugins")
    assert [e.key for e in registry(report, "sample_modules.plugins:Plugin", "plugins").entries] == [
        "'upper'",
        "'reverse'",
        "'strip'",
    ]
    report = analyse("sample_modules.registry")
    assert len(registry(report, "sample_modules.registry:HandlerMeta", "channels").entries) == 3


# ---------------------------------------------------------------------------
# Weak references, locks, __init__ registries, ABCs, enum, pydantic


def test_weak_containers_and_rlock():
    report = analyse("sample_modules.reg_weak")
    m = "sample_modules.reg_weak"
    found = registries(report)
    assert found[(f"{m}:Tool", "registry")] == [("'search'", f"{m}:Search"), ("'calc'", f"{m}:Calculator")]
    assert found[(f"{m}:Tool", "seen")] == [(None, f"{m}:Calculator"), (None, f"{m}:Search")]
    assert found[(f"{m}:ServiceMeta", "options")] == [(f"{m}:Cache", "'lru'")]
    assert found[(f"{m}:ListenerMeta", "listeners")] == [(None, f"{m}:OnStart"), (None, f"{m}:OnStop")]
    assert registry(report, f"{m}:Tool", "registry").container == "WeakValueDictionary"
    assert patterns(report)[f"{m}:ServiceMeta"] == [("singleton", "cls._instances", "cls._lock (_thread:RLock)")]
    assert patterns(report)[f"{m}:ListenerMeta"] == [("registry", "ListenerMeta.listeners", None)]
    # cls._instance = super().__call__() under OnceMeta._guard.acquire()
    assert patterns(report)[f"{m}:OnceMeta"] == [("singleton", "cls._instance", "OnceMeta._guard (_thread:lock)")]


def test_abc_virtual_subclasses():
    report = analyse("sample_modules.reg_abc")
    m = "sample_modules.reg_abc"
    reg = registry(report, f"{m}:Serializer", "_abc_registry")
    assert [e.value for e in reg.entries] == [f"{m}:LegacyXML", f"{m}:Yaml"]
    assert reg.role == "virtual subclasses"
    assert reg.filled_by == ("abc:ABCMeta.register",)
    # A standard-library ABC: only the module's own classes are listed (not tuple, str, range ...).
    reg = registry(report, "collections.abc:Sequence", "_abc_registry")
    assert [e.value for e in reg.entries] == [f"{m}:Row"]
    abc_usage = next(u for u in report.metaclasses if static.class_id(u.metaclass) == "abc:ABCMeta")
    assert {h.name for h in abc_usage.hooks} >= {"__new__", "__instancecheck__", "__subclasscheck__", "register"}


def test_enum_and_pydantic():
    report = analyse("sample_modules.reg_frameworks")
    m = "sample_modules.reg_frameworks"
    metas = {static.class_id(u.metaclass): u for u in report.metaclasses}
    enum_meta = metas["enum:EnumType"]
    assert [static.name_of(c) for c in enum_meta.classes] == ["Color", "Permission"]
    assert "__prepare__" in {h.name for h in enum_meta.hooks}
    pydantic_meta = next(u for k, u in metas.items() if k.endswith(":ModelMetaclass"))
    assert [static.name_of(c) for c in pydantic_meta.classes] == ["AgentConfig", "AnthropicConfig", "OpenAIConfig"]
    assert "abc:ABCMeta" in [static.class_id(k) for k in pydantic_meta.metaclass_mro]
    # Enum members (_member_map_ ...) and pydantic internals (__pydantic_fields__ ...) are not registries.
    assert registries(report) == {
        (f"{m}:AgentConfig", "providers"): [("'anthropic'", f"{m}:AnthropicConfig"), ("'openai'", f"{m}:OpenAIConfig")]
    }
    keywords = {static.name_of(k.cls): k.receivers for k in report.hooks.keywords}
    assert keywords["AnthropicConfig"][-1] == f"{m}:AgentConfig.__init_subclass__"


def test_class_creation_hooks():
    report = analyse("sample_modules.reg_hooks")
    m = "sample_modules.reg_hooks"
    hooks = report.hooks
    assert [(static.name_of(s.owner), s.attribute, static.name_of(s.descriptor)) for s in hooks.set_name] == [
        ("User", "name", "Field"),
        ("User", "email", "Field"),
    ]
    assert [(static.name_of(g.cls), static.class_id(g.hook_owner)) for g in hooks.class_getitem] == [
        ("Box", "typing:Generic"),
        ("Matrix", f"{m}:Matrix"),
    ]
    entries = {static.name_of(e.cls): e for e in hooks.mro_entries}
    assert entries["Box"].written == ("typing:Generic[…] (_GenericAlias)",)
    assert [static.class_id(b) for b in entries["Box"].bases] == ["typing:Generic"]
    assert entries["Marker"].defines
    assert entries["Tagged"].written == (f"<{m}:Marker instance>",)
    keywords = {static.name_of(k.cls): k for k in hooks.keywords}
    assert keywords["AuditLog"].keywords == (("table", '"audit"'), ("**", "OPTIONS"))
    assert keywords["User"].receivers == (
        f"{m}:OrderedMeta.__prepare__",
        f"{m}:OrderedMeta.__new__",
        f"{m}:OrderedMeta.__init__",
        f"{m}:Model.__init_subclass__",
    )
    # registry.setdefault(kind, []).append(cls): a dict of lists of classes
    assert registries(report)[(f"{m}:Model", "kinds")] == [("'plain'", f"[{m}:User]"), ("'audit'", f"[{m}:AuditLog]")]


# ---------------------------------------------------------------------------
# Decoys and hostile code


def test_decoys_are_not_registries_and_run_nothing():
    module = importlib.import_module("sample_modules.reg_decoys")
    report = analyse("sample_modules.reg_decoys")
    m = "sample_modules.reg_decoys"
    found = registries(report)
    for attribute in (
        "DEFAULTS",
        "NAMES",
        "LEVELS",
        "NESTED",
        "CALLBACKS",
        "RETRY_ON",
        "TYPE_MAP",
        "EMPTY",
        "factory",
        "opaque_keys",
    ):
        assert not any(attr == attribute for _, attr in found), attribute
    # LoggingMeta's __call__ creates without caching; its __new__ records strings, not classes.
    assert patterns(report)[f"{m}:LoggingMeta"] == []
    # Instances of the module's classes count (described by type, never repr()).
    assert found[(f"{m}:Holder", "opaque_dict")] == [("'o'", f"<{m}:Opaque instance>")]
    # Unknown container types are listed as skipped, never iterated.
    assert sorted((s.attribute, s.container) for s in report.skipped) == [
        ("special", f"{m}:RecordingDict"),
        ("view", f"{m}:RecordingMapping"),
    ]
    assert module.CALLS == []


@pytest.mark.parametrize("name", ["sample_modules.hostile", "sample_modules.reg_hostile"])
def test_hostile_metaclass_runs_nothing(name: str):
    module = importlib.import_module(name)
    report = analyse(name)
    assert module.CALLS == []
    usage = report.metaclasses[0]
    assert {"__getattribute__", "__repr__", "__eq__", "__hash__"} <= {h.name for h in usage.hooks}
    if name.endswith("reg_hostile"):
        m = name
        assert registries(report) == {
            (f"{m}:HostileRegistry", "kinds"): [("'node'", f"{m}:Node"), ("'leaf'", f"{m}:Leaf")],
            (f"{m}:HostileRegistry", "order"): [(None, f"{m}:Node"), (None, f"{m}:Leaf")],
            (f"{m}:HostileRegistry", "spares"): [(None, f"<{m}:Leaf instance>")],
        }
    assert module.CALLS == []


def test_read_container_refuses_unknown_types():
    class MyDict(dict):
        def items(self):  # pragma: no cover - must not run
            raise AssertionError("items() ran")

    assert read_container(MyDict(a=1)) is None
    assert read_container({"a": int}) == ("dict", [("a", int)])
    assert read_container("text") is None
    assert read_container(types.SimpleNamespace()) is None


def test_keywords_are_read_where_they_can_have_been_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A class made by ``type`` whose ``__init_subclass__`` takes no keyword (``object``'s, or a plain
    ``def __init_subclass__(cls)``) took none, so its source is not parsed for them; one that takes some is
    read, and so is a callable ``metaclass=`` that swallows keywords and calls ``type()``."""
    from pyinspect_cli.core import hooks

    (tmp_path / "kw_plain.py").write_text(
        "class A:\n    pass\n\n\nclass B(A):\n    pass\n\n\n"
        "class Registered:\n    def __init_subclass__(cls):\n        pass\n\n\n"
        "class One(Registered):\n    pass\n"
    )
    (tmp_path / "kw_taken.py").write_text(
        "class Base:\n    def __init_subclass__(cls, flag=False):\n        pass\n\n\n"
        "class Flagged(Base, flag=True):\n    pass\n"
    )
    (tmp_path / "kw_callable.py").write_text(
        "def meta(name, bases, ns, **options):\n"
        "    return type(name, bases, ns)\n\n\n"
        "class Made(metaclass=meta, flag=True):\n"
        "    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    looked_up: list[str] = []
    real = hooks.class_statement

    def recording(cls: type) -> object:
        looked_up.append(static.name_of(cls))
        return real(cls)

    monkeypatch.setattr(hooks, "class_statement", recording)
    plain = analyse("kw_plain")
    assert not plain.hooks.keywords
    assert looked_up == []
    taken = analyse("kw_taken")
    assert [(static.name_of(k.cls), k.keywords) for k in taken.hooks.keywords] == [("Flagged", (("flag", "True"),))]
    made = analyse("kw_callable")
    assert type(importlib.import_module("kw_callable").Made) is type
    assert [(static.name_of(k.cls), k.keywords) for k in made.hooks.keywords] == [("Made", (("flag", "True"),))]
