"""Audit reporters: one class per ``--format``, registered in :data:`REPORTERS`.

Every reporter turns an :class:`~pyinspect_cli.audit.findings.AuditResult`
into one string (``Reporter.format``); the command writes it to stdout or to
``--output``. Reporter modules are imported on demand.
"""

from __future__ import annotations

import importlib

from pyinspect_cli.audit.reporters.base import Reporter, ReportOptions

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "get_reporter"]

#: --format name -> "module:Class" (under pyinspect_cli.audit.reporters)
REPORTERS: dict[str, str] = {
    "text": "text:TextReporter",
    "json": "json:JsonReporter",
    "sarif": "sarif:SarifReporter",
    "github": "github:GithubReporter",
    "gitlab": "gitlab:GitlabReporter",
}


def get_reporter(name: str) -> Reporter:
    """An instance of the reporter for ``--format name``."""
    module_name, _, class_name = REPORTERS[name].partition(":")
    module = importlib.import_module(f"pyinspect_cli.audit.reporters.{module_name}")
    reporter: Reporter = getattr(module, class_name)()
    return reporter
