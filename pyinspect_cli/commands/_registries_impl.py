"""The work behind ``mro-explain registries``, free of Typer.

Shared by the Typer command (:mod:`pyinspect_cli.commands.registries`) and by the fast
path (:func:`registries_fast_path`), which serves ``mro-explain registries ...`` piped
without loading Typer or Click (nor Rich and pydantic for ``--format json``).
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pyinspect_cli.commands._output import print_note
from pyinspect_cli.commands._runtime import Runtime, report_import_output

if TYPE_CHECKING:
    from pyinspect_cli.core.registries import ModuleResult


def _walk_package(
    package: types.ModuleType,
    name: str,
    *,
    paths: Sequence[str],
    timeout: float | None,
    modules: list[tuple[str, types.ModuleType]],
    results: list[ModuleResult],
) -> None:
    """Import every submodule of *package* (depth first, by name), the way the target was imported.

    A submodule that fails to import is recorded with its error and the walk
    goes on; ``__main__`` modules are never imported.
    """
    from pyinspect_cli import loading
    from pyinspect_cli.core.registries import ModuleResult
    from pyinspect_cli.errors import ExitCode, MroExplainError

    locations = _package_path(package)
    if not locations:
        return
    for sub_name, is_package in sorted(loading.submodules(locations, name + ".")):
        if sub_name.rsplit(".", 1)[-1] == "__main__":
            continue
        target = loading.Target(sub_name, sub_name, None, None)
        try:
            module, module_name, output = loading.load_module(target, paths=paths, timeout=timeout, guard_process=True)
        except MroExplainError as exc:
            if exc.exit_code is ExitCode.INTERRUPTED:
                raise
            results.append(ModuleResult(sub_name, "error", exc.message))
            print_note(f"skipped {sub_name}: {exc.message}")
            continue
        report_import_output(loading.Loaded(target, module, module_name, None, output))
        try:
            _require_module(module, module_name)
        except MroExplainError as exc:
            results.append(ModuleResult(sub_name, "error", exc.message))
            print_note(f"skipped {sub_name}: {exc.message}")
            continue
        modules.append((module_name, module))
        if is_package:
            _walk_package(module, module_name, paths=paths, timeout=timeout, modules=modules, results=results)


def _require_module(module: object, name: str) -> None:
    """Refuse what is not a module (``load_module`` always gives one; a guard for other callers)."""
    from pyinspect_cli import loading

    if loading.is_module(module):
        return
    from pyinspect_cli.core.hooks import safe_describe
    from pyinspect_cli.errors import ImportFailed

    raise ImportFailed(
        f"importing {name} gave a {safe_describe(module)}, not a module",
        "registries reads a module's namespace; name the module that defines the classes",
        module=name,
    )


def _namespace(module: object) -> dict[str, Any]:
    """A module's ``__dict__`` (empty for an object that replaced itself in ``sys.modules``)."""
    from pyinspect_cli.core import static

    ns = static.module_dict(module)
    return ns if ns is not None else {}


def _package_path(module: object) -> list[str]:
    """The directories of a package's ``__path__``, read without running its code."""
    from pyinspect_cli import loading

    return loading.package_locations(module)


def run_registries(target: str, *, recursive: bool, rt: Runtime) -> int:
    """``mro-explain registries TARGET``: returns the exit code. Raises MroExplainError for bad input."""
    from pyinspect_cli import loading
    from pyinspect_cli.core import static
    from pyinspect_cli.core.registries import ModuleResult, analyse_classes
    from pyinspect_cli.errors import ExitCode, TargetError

    parsed = loading.parse_target(target)
    if parsed.qualname is not None:
        raise TargetError(
            f"{target!r} names a class; registries reads a whole module",
            f"give the module ({target.rpartition(':')[0]}), or explain one class's metaclass with: "
            f"mro-explain metaclass {target}",
            exit_code=ExitCode.USAGE,
        )
    loaded = rt.load_target(target)
    _require_module(loaded.module, loaded.module_name)
    modules: list[tuple[str, types.ModuleType]] = [(loaded.module_name, loaded.module)]
    results: list[ModuleResult] = []
    is_package = bool(_package_path(loaded.module))
    if recursive and is_package:
        _walk_package(
            loaded.module,
            loaded.module_name,
            paths=rt.paths,
            timeout=rt.timeout,
            modules=modules,
            results=results,
        )
    elif recursive:
        rt.out.note(f"{loaded.module_name} is a module, not a package: --recursive has nothing to add")
    elif is_package:
        rt.out.note(f"{loaded.module_name} is a package: add --recursive to read its submodules too")
    classes: list[type] = []
    imported: list[type] = []
    seen: set[int] = set()
    for name, module in modules:
        defined = loading.classes_defined_in(module, name)
        results.append(ModuleResult(name, "ok", None, len(defined)))
        for cls in defined:
            if id(cls) not in seen:
                seen.add(id(cls))
                classes.append(cls)
    for _name, module in modules:
        for value in list(_namespace(module).values()):
            if static.is_class(value) and id(value) not in seen:
                seen.add(id(value))
                imported.append(value)
    order = {name: i for i, (name, _m) in enumerate(modules)}
    results.sort(key=lambda r: (order.get(r.name, len(order)), r.name))
    module_names = [name for name, _m in modules]
    report = analyse_classes(classes, module_names=module_names, imported=imported)
    if rt.out.json:
        from pyinspect_cli.render.registries_json import registries_data

        rt.out.data(registries_data(report, target=target, recursive=recursive, modules=results))
        return 0
    from pyinspect_cli.render.console import print_fitted
    from pyinspect_cli.render.registries import PIPED_WIDTH, registries_view

    local = module_names if len(module_names) == 1 else []
    package = loaded.module_name if len(module_names) > 1 else None
    view = registries_view(report, title=loaded.module_name, local_modules=local, modules=results, package=package)
    print_fitted(rt.out.console(), view, piped_width=PIPED_WIDTH)
    return 0


# ---------------------------------------------------------------------------
# The fast path


def parse_registries_args(argv: list[str]) -> dict[str, Any] | None:
    """The options of ``registries ARGV`` as the Typer command reads them, or ``None`` to let Typer parse it."""
    from pyinspect_cli.commands import _fastargs as fa
    from pyinspect_cli.loading import DEFAULT_TIMEOUT

    parsed = fa.parse_options(
        argv,
        values={
            "--format": ("fmt", fa.choice("text", "json")),
            "-f": ("fmt", fa.choice("text", "json")),
            "--timeout": ("timeout", fa.seconds),
        },
        repeated={"--path": "path", "-p": "path"},
        flags={"--recursive": ("recursive", True), "-r": ("recursive", True)},
        defaults={"fmt": "text", "timeout": DEFAULT_TIMEOUT, "recursive": False},
    )
    if parsed is None or len(parsed[0]) != 1:
        return None
    targets, options = parsed
    return {"target": targets[0], **options}


def registries_fast_path(argv: list[str]) -> int | None:
    """Run ``mro-explain registries ARGV`` without Typer; ``None`` means: let the Typer command do it."""
    options = parse_registries_args(argv)
    if options is None:
        return None
    from pyinspect_cli.commands._errors import exit_code_for

    try:
        rt = Runtime(paths=options["path"], timeout=options["timeout"], fmt=options["fmt"])
        return run_registries(options["target"], recursive=options["recursive"], rt=rt)
    except BaseException as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
