"""Registries that real frameworks keep, compared with what the frameworks hold at run time."""

from __future__ import annotations

import json
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.registries import analyse_classes
from tests.fixtures.frameworks import sadecl, schemas


def test_marshmallow_schemas_are_found_in_the_class_registry_module() -> None:
    from marshmallow import class_registry

    # What marshmallow does: SchemaMeta.__init__ calls class_registry.register(name, cls).
    assert class_registry.get_class("ArtistSchema") is schemas.ArtistSchema

    report = analyse_classes([schemas.ArtistSchema, schemas.AlbumSchema], module_names=[schemas.__name__])
    [external] = [x for x in report.external if x.location == "marshmallow.class_registry:_registry"]
    assert external.filled_by == ("marshmallow.schema:SchemaMeta.__init__",)
    values = {e.key: e.value for e in external.entries}
    assert values["'ArtistSchema'"] == "[tests.fixtures.frameworks.schemas:ArtistSchema]"
    assert values["'AlbumSchema'"] == "[tests.fixtures.frameworks.schemas:AlbumSchema]"


def test_sqlalchemy_models_are_found_in_the_declarative_registry() -> None:
    # What SQLAlchemy does: DeclarativeBase.__init_subclass__ maps each model into Base.registry.
    mapped = {m.class_ for m in sadecl.Base.registry.mappers}
    assert mapped == {sadecl.User, sadecl.Address}

    classes = [sadecl.Base, sadecl.User, sadecl.Address]
    report = analyse_classes(classes, module_names=[sadecl.__name__])
    [hook] = [h for h in report.hooks.init_subclass if h.library]
    assert static.class_id(hook.owner) == "sqlalchemy.orm.decl_api:DeclarativeBase"
    assert hook.subclasses == tuple(classes)
    [registry] = [r for r in report.registries if r.owner is sadecl.Base]
    assert registry.attribute == "registry"  # the public name of Base._sa_registry, listed once
    assert registry.filled_by == ("sqlalchemy.orm.decl_api:DeclarativeBase.__init_subclass__",)
    held = {e.value_class for e in registry.entries}
    assert held == {static.class_id(c) for c in mapped}


def test_register_with_the_class_not_first_and_a_module_level_list(tmp_path: Any) -> None:
    import importlib
    import sys

    (tmp_path / "plugin_registry.py").write_text(
        "REGISTRY = {}\n"
        "ORDER = []\n"
        "def register(name, cls):\n"
        "    REGISTRY[name] = cls\n"
        "class Meta(type):\n"
        "    def __init__(cls, name, bases, ns):\n"
        "        super().__init__(name, bases, ns)\n"
        "        register(name, cls)\n"
        "        ORDER.append(cls)\n"
        "class Plugin(metaclass=Meta):\n"
        "    pass\n"
        "class Csv(Plugin):\n"
        "    pass\n"
    )
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("plugin_registry")
    finally:
        sys.path.remove(str(tmp_path))
    assert module.REGISTRY == {"Plugin": module.Plugin, "Csv": module.Csv}  # what ran
    report = analyse_classes([module.Plugin, module.Csv], module_names=["plugin_registry"])
    locations = {x.location: x for x in report.external}
    assert set(locations) == {"plugin_registry:REGISTRY", "plugin_registry:ORDER"}
    assert {e.value for e in locations["plugin_registry:REGISTRY"].entries} == {
        "plugin_registry:Plugin",
        "plugin_registry:Csv",
    }


def test_registries_recursive_does_not_call_the_package_metaclasses_library(run_installed: Any) -> None:
    result = run_installed("registries", "marshmallow", "-r", COLUMNS="200")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "SchemaMeta" in x and "MRO" not in x)
    assert "(library)" not in line
    assert "abc:ABCMeta  (library)" in result.stdout


def test_registries_json_carries_external_registries(run_installed: Any) -> None:
    result = run_installed("registries", "tests.fixtures.frameworks.schemas", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.1"
    [external] = doc["external_registries"]
    assert external["location"] == "marshmallow.class_registry:_registry"
    sa = json.loads(run_installed("registries", "tests.fixtures.frameworks.sadecl", "--format", "json").stdout)
    [hook] = sa["hooks"]["init_subclass"]
    assert hook["library"] is True and hook["stores_in"] == ["cls._sa_registry"]
