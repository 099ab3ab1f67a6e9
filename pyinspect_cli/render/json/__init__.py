"""JSON documents: pydantic models with a versioned schema.

Every ``--format json`` output is one :class:`Document` subclass, registered
in :data:`DOCUMENTS` under its command name; ``mro-explain schema`` prints
their JSON Schemas. Classes are always written as ``"module:qualname"``; the class
``what-if`` imagines is in no module: ``":New"``.

Schema versioning: ``schema_version`` is ``MAJOR.MINOR``. Adding a field bumps
MINOR; renaming or removing one, or changing its meaning, bumps MAJOR.
"""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel, ConfigDict

from pyinspect_cli.render.schema_version import SCHEMA_VERSION as SCHEMA_VERSION

#: command name -> "module:Class" of its document model (imported on demand)
DOCUMENTS: dict[str, str] = {
    "audit": "pyinspect_cli.render.json.audit:AuditDocument",
    "rules": "pyinspect_cli.render.json.audit:RulesDocument",
    "descriptors": "pyinspect_cli.render.json.descriptors:DescriptorsDocument",
    "diff": "pyinspect_cli.render.json.diff:DiffDocument",
    "attr": "pyinspect_cli.render.json.descriptors:AttrDocument",
    "explain": "pyinspect_cli.render.json.explain:ExplainDocument",
    "metaclass": "pyinspect_cli.render.json.registries:MetaclassDocument",
    "registries": "pyinspect_cli.render.json.registries:RegistriesDocument",
    "snapshot": "pyinspect_cli.render.json.diff:SnapshotDocument",
    "super": "pyinspect_cli.render.json.super_chain:SuperDocument",
    "what-if": "pyinspect_cli.render.json.explain:WhatIfDocument",
}


class Model(BaseModel):
    """Base of every model in the JSON output: strict, no extra keys."""

    # Fields that would shadow a class attribute (``mro``: every class has
    # ``type.mro``) are declared under another name with ``alias="mro"``.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Document(Model):
    """Fields at the top of every JSON document."""

    schema_version: str = SCHEMA_VERSION
    tool: str = "mro-explain"
    tool_version: str
    command: str


def tool_version() -> str:
    from pyinspect_cli import __version__

    return __version__


def dumps(document: BaseModel) -> str:
    """Serialise a document the one way mro-explain does (indented, UTF-8 kept).

    Characters a terminal would act on and lone surrogates (a ``__qualname__`` may hold
    one) are written as ``\\uNNNN`` escapes: the text stays valid JSON and safe to print.
    """
    from pyinspect_cli.render.safe import escape_json, json_text

    try:
        text = document.model_dump_json(indent=2, by_alias=True)
    except ValueError:  # pydantic refuses strings that cannot be UTF-8 (lone surrogates)
        return json_text(document.model_dump(mode="json", by_alias=True))
    return escape_json(text)


def document_model(command: str) -> type[Document]:
    module_name, _, name = DOCUMENTS[command].partition(":")
    model: type[Document] = getattr(importlib.import_module(module_name), name)
    return model


def json_schemas() -> dict[str, Any]:
    """The JSON Schema of every document, keyed by command."""
    return {command: document_model(command).model_json_schema() for command in sorted(DOCUMENTS)}
