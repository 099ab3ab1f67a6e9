"""META001 class-creation-failed: a module does not import because a class statement raised.

CPython checks a class statement's bases when it runs: the metaclasses must
agree, the instance lay-outs must be compatible, and a consistent method
resolution order must exist. When one of these checks fails the whole module
fails to import with a terse ``TypeError``. The audit catches that error in
the worker, reads the bases from the failing frame (without calling
anything), re-runs CPython's checks with :func:`pyinspect_cli.core.creation.check_bases`
and explains the failure in plain words.

The rule has no ``check`` of its own: the runner builds the finding from the
import failure (:func:`class_creation_finding`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from pyinspect_cli.audit.findings import Finding, Location, Severity
from pyinspect_cli.audit.rules.base import ModuleContext, Rule, RuleDoc, example, register
from pyinspect_cli.core import static
from pyinspect_cli.core.paths import display_path


def _no_check(ctx: ModuleContext) -> Iterable[Finding]:
    """Nothing to check on a module that imported: the finding comes from the import failure."""
    return ()


META001 = register(
    Rule(
        id="META001",
        name="class-creation-failed",
        severity=Severity.error,
        summary="A class statement raises TypeError (MRO, metaclass or lay-out conflict): the module does not import",
        doc=RuleDoc(
            what=(
                "Importing the module fails because CPython refuses to create one of its classes: "
                "no consistent method resolution order exists for its bases, its bases bring unrelated "
                "metaclasses, their instance lay-outs (``__slots__``, builtin types) are incompatible, "
                "a base is listed twice, or a base cannot be subclassed."
            ),
            why=(
                "The error is raised when the class statement runs, so nothing in the module (nor in "
                "anything importing it) works. CPython's message names the bases but not the reason; "
                "mro-explain re-runs CPython's checks on the same bases without creating the class and "
                "says which orderings or metaclasses clash and what would work."
            ),
            wrong=(example("META001", "bad")),
            right=(example("META001", "good")),
            fix=(
                "For an MRO conflict, list subclasses before their bases and keep every pair of bases in "
                "the same order everywhere (the finding suggests a working order when one exists). For a "
                "metaclass conflict, derive one metaclass from the others and use it explicitly. For a "
                "lay-out conflict, keep only one base with non-empty ``__slots__`` or a builtin base and "
                "use composition for the other. Try a fix with `mro-explain what-if BASE ...`."
            ),
            references=(
                "https://docs.python.org/3/howto/mro.html",
                "https://docs.python.org/3/reference/datamodel.html#determining-the-appropriate-metaclass",
            ),
        ),
        check=_no_check,
        scope="module",
        tags=("import", "metaclass", "mro"),
    )
)


def _display(path: str, cwd: str | None = None) -> str:
    return display_path(path, cwd, posix=True)


def _module_for_file(path: str, fallback: str) -> str:
    directory, name = os.path.split(os.path.abspath(path))
    if not name.endswith(".py"):
        return fallback
    parts = [] if name == "__init__.py" else [name[:-3]]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        parts.insert(0, os.path.basename(directory))
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return ".".join(parts) or fallback


def explain_failure(failure: Any) -> list[str]:
    """Plain-English lines on why the class statement of a ``ClassStatementFailure`` fails."""
    from pyinspect_cli.core import creation

    if failure.bases is None:
        what = failure.unreadable or "one of the bases"
        return [f"The base expression {what!r} cannot be read without running code, so the bases were not analysed."]
    bases = tuple(failure.bases)
    if not all(static.is_class(b) for b in bases):
        return ["One of the bases is not a class."]
    explicit = failure.metaclass if failure.metaclass is not None and static.is_class(failure.metaclass) else None
    try:
        whatif = creation.check_bases(bases, explicit_metaclass=explicit, name=failure.name, trace=False)
    except Exception:
        return []
    if whatif.error is None:
        return [
            "The bases pass CPython's checks on their own; the error comes from a custom metaclass or "
            "an mro() override that runs while the class is created."
        ]
    from pyinspect_cli.render.conflicts import describe_failure as describe

    if describe is not None:
        try:
            lines = [str(line) for line in describe(whatif, class_name=failure.name)]
        except Exception:
            lines = []
        if lines:
            return lines
    return [" ".join(whatif.error.message.split())]


def class_creation_finding(
    error: Any,
    module_name: str,
    *,
    cwd: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """The META001 finding for a :class:`~pyinspect_cli.loading.ClassStatementError`."""
    failure = error.failure
    message = " ".join(str(failure.message).split())
    bases = ", ".join(failure.base_sources)
    file_module = _module_for_file(failure.filename, module_name)
    notes = explain_failure(failure)
    if file_module != module_name:
        notes.insert(0, f"Raised while importing {module_name}, which imports {file_module}.")
    return Finding(
        rule=META001.id,
        severity=severity or META001.severity,
        message=f"class {failure.name}({bases}) cannot be created: {message}",
        module=file_module,
        qualname=failure.name,
        attribute=None,
        location=Location(_display(failure.filename, cwd), failure.lineno),
        notes=tuple(notes),
        symbol=f"class {failure.name}",
    )
