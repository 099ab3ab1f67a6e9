"""The JSON document of ``mro-explain registries``, as plain data.

Built from dicts and lists, without pydantic: importing pydantic costs more than
reading a small package. :class:`pyinspect_cli.render.json.registries.RegistriesDocument`
is its schema (``mro-explain schema registries``); the tests validate every document
against it and check that pydantic would print the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.hooks import relative_location as source_location
from pyinspect_cli.core.metaclasses import MetaclassHook, MetaclassUsage, Pattern
from pyinspect_cli.core.registries import ModuleResult, RegistriesReport, RegistryEntry

#: ``schema_version`` of the registries document (1.1 added ``external_registries`` and
#: ``library`` on ``__init_subclass__`` hooks)
REGISTRIES_SCHEMA_VERSION = "1.1"


def hook_dicts(hooks: Sequence[MetaclassHook]) -> list[dict[str, Any]]:
    return [{"name": h.name, "defined_in": static.class_id(h.owner)} for h in hooks]


def pattern_dicts(patterns: Sequence[Pattern]) -> list[dict[str, Any]]:
    return [
        {
            "kind": p.kind,
            "hook": p.hook,
            "container": p.container,
            "attribute": p.attribute,
            "guarded": p.guarded,
            "lock": p.lock,
            "source": source_location(p.source),
        }
        for p in patterns
    ]


def metaclass_dict(usage: MetaclassUsage) -> dict[str, Any]:
    return {
        "name": static.class_id(usage.metaclass),
        "metaclass_mro": [static.class_id(k) for k in usage.metaclass_mro],
        "hooks": hook_dicts(usage.hooks),
        "patterns": pattern_dicts(usage.patterns),
        "classes": [static.class_id(c) for c in usage.classes],
    }


def _entries(entries: Sequence[RegistryEntry]) -> list[dict[str, Any]]:
    return [
        {"key": e.key, "value": e.value, "kind": e.kind, "key_class": e.key_class, "value_class": e.value_class}
        for e in entries
    ]


def registries_data(
    report: RegistriesReport, *, target: str, recursive: bool, modules: Sequence[ModuleResult]
) -> dict[str, Any]:
    """The document ``registries --format json`` prints (see :func:`pyinspect_cli.render.safe.json_text`)."""
    from pyinspect_cli import __version__

    hooks = report.hooks
    ids = static.class_id
    return {
        "schema_version": REGISTRIES_SCHEMA_VERSION,
        "tool": "mro-explain",
        "tool_version": __version__,
        "command": "registries",
        "target": target,
        "recursive": recursive,
        "modules": [{"name": m.name, "status": m.status, "message": m.message, "classes": m.classes} for m in modules],
        "metaclasses": [metaclass_dict(u) for u in report.metaclasses],
        "hooks": {
            "init_subclass": [
                {
                    "owner": ids(h.owner),
                    "parameters": list(h.parameters),
                    "stores_in": sorted({w.holder for w in h.body.records}),
                    "subclasses": [ids(c) for c in h.subclasses],
                    "source": source_location(h.body.source),
                    "library": h.library,
                }
                for h in hooks.init_subclass
            ],
            "class_keywords": [
                {
                    "cls": ids(k.cls),
                    "keywords": [{"name": n, "value": v} for n, v in k.keywords],
                    "received_by": list(k.receivers),
                }
                for k in hooks.keywords
            ],
            "set_name": [
                {
                    "owner": ids(s.owner),
                    "attribute": s.attribute,
                    "descriptor": ids(s.descriptor),
                    "defined_in": ids(s.hook_owner),
                }
                for s in hooks.set_name
            ],
            "class_getitem": [{"cls": ids(g.cls), "defined_in": ids(g.hook_owner)} for g in hooks.class_getitem],
            "mro_entries": [
                {
                    "cls": ids(m.cls),
                    "written": list(m.written),
                    "hook_owners": [ids(o) for o in m.hook_owners],
                    "bases": [ids(b) for b in m.bases],
                    "defines": m.defines,
                }
                for m in hooks.mro_entries
            ],
        },
        "registries": [
            {
                "owner": ids(r.owner),
                "attribute": r.attribute,
                "container": r.container,
                "role": r.role,
                "filled_by": list(r.filled_by),
                "entries": _entries(r.entries),
            }
            for r in report.registries
        ],
        "external_registries": [
            {
                "location": x.location,
                "container": x.container,
                "filled_by": list(x.filled_by),
                "entries": _entries(x.entries),
            }
            for x in report.external
        ],
        "skipped": [
            {"owner": ids(s.owner), "attribute": s.attribute, "container": s.container, "reason": s.reason}
            for s in report.skipped
        ],
    }
