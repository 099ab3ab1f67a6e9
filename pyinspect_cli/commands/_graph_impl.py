"""The work behind ``mro-explain graph``, free of Typer.

Shared by the Typer command (:mod:`pyinspect_cli.commands.graph`) and by the fast path
(:func:`graph_fast_path`), which serves ``mro-explain graph ...`` piped without loading
Typer, Click or Rich.
"""

from __future__ import annotations

import contextlib
import enum
import os
from typing import TYPE_CHECKING, Any

from pyinspect_cli.commands._output import Output, print_note, stdout_is_terminal
from pyinspect_cli.commands._runtime import Runtime, report_import_output
from pyinspect_cli.core.record import Record
from pyinspect_cli.errors import ExitCode, GraphvizMissing, MroExplainError, OutputError, TargetError

if TYPE_CHECKING:
    from pathlib import Path


class GraphFormat(str, enum.Enum):
    """``--format`` of ``graph``."""

    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"


class Direction(str, enum.Enum):
    """``--direction``: where the base classes go."""

    TB = "TB"
    BT = "BT"
    LR = "LR"
    RL = "RL"


_BINARY = ("png", "pdf")
#: a class with more bases than this is drawn left to right unless --direction says otherwise
_WIDE = 30


# ---------------------------------------------------------------------------
# Files


def _output_format(output: Path | None, fmt: GraphFormat | None) -> str:
    if fmt is not None:
        return fmt.value
    if output is None:
        return "dot"
    suffix = output.suffix.lower().lstrip(".")
    if suffix in ("svg", "png", "pdf", "dot", "gv"):
        return "dot" if suffix == "gv" else suffix
    if suffix in ("mmd", "mermaid"):
        return "mermaid"
    raise OutputError(
        f"cannot tell the format of {output} from its suffix",
        "use a .svg, .png, .pdf, .dot or .mmd file name, or pass --format",
    )


def _check_writable(path: Path, force: bool) -> None:
    """Refuse to replace a file mro-explain did not write (unless --force)."""
    from pyinspect_cli.render.graph import is_ours

    if path.is_dir():
        raise OutputError(f"{path} is a directory", "give a file name with -o")
    if not path.parent.is_dir():
        raise OutputError(f"directory {path.parent} does not exist", "create it first, or choose another -o")
    if path.exists() and not force and not is_ours(path):
        raise OutputError(
            f"{path} exists and was not written by mro-explain",
            "pass --force to overwrite it, or choose another file name",
        )


def _write(path: Path, data: bytes) -> None:
    """Write atomically: a temporary file next to *path*, then ``os.replace``.

    Raises:
        OutputError: the directory does not take the file (read-only, no space, a special file system).
    """
    try:
        _write_atomically(path, data)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or type(exc).__name__}", "choose another file name or directory"
        ) from None


def _write_atomically(path: Path, data: bytes) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp makes the file private (0600): give it the mode a plain open() would.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _dot_sidecar(output: Path) -> Path:
    sidecar = output.with_suffix(".dot")
    return sidecar if sidecar != output else output.with_name(output.name + ".dot")


def _render_to(path: Path, source: str, fmt: str, force: bool) -> None:
    """Render *source* into *path*; when ``dot`` is missing, save the DOT next to it and re-raise."""
    from pyinspect_cli.render.graph import mark, render

    try:
        data = render(source, fmt)
    except GraphvizMissing as exc:
        sidecar = _dot_sidecar(path)
        try:
            _check_writable(sidecar, force)
        except OutputError as refused:
            message = f"{exc.message}; the DOT source was not saved ({refused.message})"
            raise GraphvizMissing(message, exc.hint) from None
        _write(sidecar, mark(source.encode("utf-8"), "dot"))
        raise GraphvizMissing(f"{exc.message}; the DOT source was written to {sidecar}", exc.hint) from None
    _write(path, data)


# ---------------------------------------------------------------------------
# Targets


class OneClass(Record):
    """``graph MODULE:CLASS``."""

    cls: type


class WhatIf(Record):
    """``graph --what-if BASE...``, or a class statement that raised at import (its own name)."""

    bases: list[type]
    name: str | None = None
    metaclass: type | None = None


class ModuleClasses(Record):
    """``graph MODULE``: every class the module (and with --recursive its submodules) defines."""

    classes: list[type]
    module: str


Drawn = OneClass | WhatIf | ModuleClasses


def _load_classes(targets: list[str], *, what_if: bool, recursive: bool, rt: Runtime) -> Drawn:
    """What TARGET names, as one of the three things ``graph`` draws.

    A module that fails to import because a class statement raised (an MRO
    conflict, a metaclass or lay-out conflict) is drawn as that statement's
    what-if, so the picture shows why.
    """
    from pyinspect_cli import loading

    if what_if:
        return WhatIf([rt.load_class(text) for text in targets])
    if len(targets) != 1:
        raise TargetError(
            f"graph takes one TARGET, got {len(targets)}",
            "to draw a class with several bases that does not exist yet, add --what-if",
        )
    try:
        loaded = rt.load_target(targets[0])
    except loading.ClassStatementError as exc:
        drawn = _failed_statement(exc, targets[0])
        if drawn is None:
            raise
        return drawn
    if loaded.cls is not None:
        if recursive:
            print_note("--recursive applies to modules and packages; drawing the class")
        return OneClass(loaded.cls)
    modules = [(loaded.module, loaded.module_name)]
    if recursive:
        modules.extend(_submodules(loaded.module, loaded.module_name, rt))
    classes: list[type] = []
    for module, name in modules:
        classes.extend(loading.classes_defined_in(module, name))
    if not classes:
        raise TargetError(
            f"{loaded.module_name} defines no classes",
            "name a module that defines classes, a package with --recursive, or MODULE:CLASS",
        )
    return ModuleClasses(classes, loaded.module_name)


def _failed_statement(exc: Any, text: str) -> WhatIf | None:
    """A class statement that raised at import, as a what-if, when it can be drawn."""
    from pyinspect_cli import loading
    from pyinspect_cli.core import static

    failure = exc.failure
    wanted = loading.parse_target(text).qualname
    if failure.bases is None or (wanted is not None and wanted != failure.name):
        return None
    if not all(static.is_class(b) for b in failure.bases):
        return None
    metaclass = failure.metaclass if static.is_class(failure.metaclass) else None
    print_note(f"{exc.message}; drawing that class statement as a what-if")
    return WhatIf(list(failure.bases), failure.name, metaclass)


def _submodules(module: Any, name: str, rt: Runtime) -> list[tuple[Any, str]]:
    """Every submodule of a package, depth first in name order; failures are reported and skipped."""
    from types import SimpleNamespace

    from pyinspect_cli import loading

    found: list[tuple[Any, str]] = []
    locations = loading.package_locations(module)  # a custom __path__ object is never iterated
    if not locations:
        return found
    for sub_name, is_package in sorted(loading.submodules(locations, name + ".")):
        try:
            sub, sub_name, output = loading.load_module(
                loading.parse_target(sub_name), paths=rt.paths, timeout=rt.timeout, guard_process=True
            )
        except MroExplainError as exc:
            if exc.exit_code is ExitCode.INTERRUPTED:
                raise
            print_note(f"skipped {sub_name}: {exc.message}")
            continue
        report_import_output(SimpleNamespace(output=output, module_name=sub_name))
        found.append((sub, sub_name))
        if is_package:
            found.extend(_submodules(sub, sub_name, rt))
    return found


def run_graph(
    targets: list[str],
    *,
    output: Path | None,
    fmt: GraphFormat | None,
    force: bool,
    recursive: bool,
    what_if: bool,
    name: str,
    hide_object: bool,
    metaclasses: bool,
    descriptors: bool,
    direction: str | None,
    max_depth: int | None,
    steps: Path | None,
    rt: Runtime,
    no_limit: bool = False,
    full: bool = False,
) -> int:
    from pyinspect_cli.core import hierarchy
    from pyinspect_cli.render.graph import dot_source, fold_summary, folding, is_large

    out_format = _output_format(output, fmt)
    # Resolved now: the module may change the working directory when it is imported.
    shown_output = output
    if output is not None or steps is not None:
        from pathlib import Path

        output = Path(os.path.abspath(output)) if output is not None else None
        steps = Path(os.path.abspath(steps)) if steps is not None else None
    if output is not None:
        _check_writable(output, force)
    elif out_format in _BINARY and stdout_is_terminal() and steps is None:
        raise OutputError(
            f"{out_format.upper()} is binary: not writing it to a terminal", "write it to a file with -o FILE"
        )
    if what_if and not name.isidentifier():
        raise TargetError(f"--name {name!r} is not a Python identifier", "e.g. --name New")

    drawn = _load_classes(targets, what_if=what_if, recursive=recursive, rt=rt)
    options: dict[str, Any] = {
        "hide_object": hide_object,
        "metaclasses": metaclasses,
        "descriptors": descriptors,
        "max_depth": max_depth,
        "direction": direction or "TB",
    }
    if isinstance(drawn, ModuleClasses):
        if steps is not None:
            raise TargetError("--steps needs one class (MODULE:CLASS) or --what-if bases", None)
        diagram = hierarchy.classes_diagram(drawn.classes, title=drawn.module, home_module=drawn.module, **options)
        if is_large(diagram) and max_depth is None and not full:
            # the module's own classes are the subject: other modules' ancestry is folded away
            diagram = hierarchy.classes_diagram(
                drawn.classes, title=drawn.module, home_module=drawn.module, home_only=True, **options
            )
            how = "ancestors from other modules not expanded (--max-depth N or --full draws them)"
            if direction is None:  # many subclasses of one base stack instead of spreading sideways
                diagram = diagram.replace(direction="LR")
                how += ", drawn left to right (--direction TB to override)"
            print_note(f"{len(drawn.classes)} classes in {drawn.module}: {how}")
    elif isinstance(drawn, OneClass):
        diagram = hierarchy.class_diagram(drawn.cls, steps=steps is not None, **options)
        if diagram.steps and diagram.steps[-1].order != diagram.mro:
            print_note("its metaclass overrides mro(): the steps show the C3 merge, the badges the real __mro__")
    else:
        name = drawn.name or name
        diagram = hierarchy.what_if_diagram(
            drawn.bases, name=name, explicit_metaclass=drawn.metaclass, steps=steps is not None, **options
        )

    widest = max((e.count for e in diagram.edges), default=0)
    if widest > _WIDE and direction is None:
        diagram = diagram.replace(direction="LR")
        print_note(f"a class here has {widest} bases: drawn left to right (--direction TB to override)")
    if out_format == "mermaid":
        return _write_mermaid(diagram, output, steps)
    plan = folding(diagram, full=full)
    if plan.boxes:
        print_note(
            fold_summary(plan, len(diagram.nodes))
            + (", the MRO's jumps left to the numbers" if diagram.mro else "")
            + "; --full draws every class, --max-depth N fewer ancestors"
        )
    elif is_large(diagram) and diagram.mro and max_depth is None:
        print_note(
            f"{len(diagram.nodes)} classes: grouped by module, the MRO's jumps left to the numbers; "
            "--max-depth N draws fewer ancestors"
        )
    source = dot_source(diagram, full=full)
    if steps is not None:
        _write_steps(steps, diagram, force, no_limit=no_limit, full=full)
    if output is not None:
        if out_format == "dot":
            from pyinspect_cli.render.graph import mark

            _write(output, mark(source.encode("utf-8"), "dot"))
        else:
            _render_to(output, source, out_format, force)
        print_note(f"wrote {shown_output}")
    elif steps is None:
        _to_stdout(source, out_format)

    if diagram.error is not None:
        print_note(f"class {name} cannot be created: TypeError: {diagram.error}")
        return int(ExitCode.FINDINGS)
    return 0


def _write_mermaid(diagram: Any, output: Path | None, steps: Path | None) -> int:
    from pyinspect_cli.render.mermaid import mermaid_source

    if steps is not None:
        raise TargetError("--steps draws with Graphviz", "use --format svg (or dot) with --steps")
    source = mermaid_source(diagram)
    if output is not None:
        _write(output, source.encode("utf-8"))
        print_note(f"wrote {output}")
    else:
        Output().text(source)
    if diagram.error is not None:
        print_note(f"the class cannot be created: TypeError: {diagram.error}")
        return int(ExitCode.FINDINGS)
    return 0


def _to_stdout(source: str, fmt: str) -> None:
    from pyinspect_cli.render.graph import render

    data = render(source, fmt)
    if fmt in _BINARY:
        Output().binary(data)
    else:
        Output().text(data.decode("utf-8"))


#: classes drawn over all --steps frames (frames x classes) before --no-limit is needed:
#: each class in each frame is a few kilobytes of SVG, and 500 bases would make 1.5 GB
STEPS_DRAWING_LIMIT = 10_000


def _write_steps(directory: Path, diagram: Any, force: bool, *, no_limit: bool = False, full: bool = False) -> None:
    """``step-NN.svg`` per frame and ``index.html`` (the player) in *directory*."""
    from pyinspect_cli.render.graph import dot_source, mark, render, steps_page

    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory} is not a directory", "give --steps a directory (it is created if needed)")
    if not diagram.steps:
        raise TargetError("there are no C3 steps to draw", None)
    drawn = len(diagram.steps) * len(diagram.nodes)
    if drawn > STEPS_DRAWING_LIMIT and not no_limit:
        raise OutputError(
            f"--steps would draw {len(diagram.steps)} diagrams of {len(diagram.nodes)} classes each "
            f"(about {drawn * 6 // 1000:,} MB of SVG); the limit is {STEPS_DRAWING_LIMIT:,} classes in all",
            "add --no-limit to draw them anyway; mro-explain TARGET prints the same merge as text",
        )
    width = max(2, len(str(len(diagram.steps))))
    names = [directory / f"step-{frame.number:0{width}d}.svg" for frame in diagram.steps]
    page = directory / "index.html"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the directory {directory}: {exc.strerror or type(exc).__name__}",
            "give --steps a directory that can be created",
        ) from None
    for target in [*names, page]:
        _check_writable(target, force)
    sources = [dot_source(diagram, frame=frame, full=full) for frame in diagram.steps]
    svgs: list[str] = []
    try:
        for source in sources:
            svgs.append(render(source, "svg").decode("utf-8"))
    except GraphvizMissing as exc:
        written = []
        for file, source in zip(names, sources, strict=True):
            dot_file = file.with_suffix(".dot")
            try:
                _check_writable(dot_file, force)
            except OutputError:
                continue
            _write(dot_file, mark(source.encode("utf-8"), "dot"))
            written.append(dot_file)
        raise GraphvizMissing(
            f"{exc.message}; the DOT sources of the {len(written)} steps were written to {directory}", exc.hint
        ) from None
    for file, svg in zip(names, svgs, strict=True):
        _write(file, svg.encode("utf-8"))
    frames = [(frame.caption, svg) for frame, svg in zip(diagram.steps, svgs, strict=True)]
    _write(page, steps_page(f"C3 merge of {diagram.title}", frames).encode("utf-8"))
    print_note(f"wrote {len(names)} step diagrams and {page}")


# ---------------------------------------------------------------------------
# The fast path


def parse_graph_args(argv: list[str]) -> dict[str, Any] | None:
    """The keywords of :func:`run_graph` for ``graph ARGV`` (``rt`` aside: ``path`` and ``timeout``),
    or ``None`` to let the Typer command parse it (``--steps`` always goes there)."""
    from pyinspect_cli.commands import _fastargs as fa
    from pyinspect_cli.loading import DEFAULT_TIMEOUT

    formats = fa.choice(*(f.value for f in GraphFormat))
    directions = fa.choice(*(d.value for d in Direction), upper=True)
    parsed = fa.parse_options(
        argv,
        values={
            "--output": ("output", fa.text),
            "-o": ("output", fa.text),
            "--format": ("fmt", formats),
            "-f": ("fmt", formats),
            "--name": ("name", fa.text),
            "--direction": ("direction", directions),
            "--max-depth": ("max_depth", fa.count),
            "--timeout": ("timeout", fa.seconds),
        },
        repeated={"--path": "path", "-p": "path"},
        flags={
            "--force": ("force", True),
            "--recursive": ("recursive", True),
            "-r": ("recursive", True),
            "--what-if": ("what_if", True),
            "--hide-object": ("hide_object", True),
            "--metaclasses": ("metaclasses", True),
            "--descriptors": ("descriptors", True),
            "--no-limit": ("no_limit", True),
            "--full": ("full", True),
        },
        defaults={
            "output": None,
            "fmt": None,
            "force": False,
            "recursive": False,
            "what_if": False,
            "name": "New",
            "hide_object": False,
            "metaclasses": False,
            "descriptors": False,
            "direction": None,
            "max_depth": None,
            "timeout": DEFAULT_TIMEOUT,
            "no_limit": False,
            "full": False,
        },
    )
    if parsed is None or not parsed[0] or parsed[1]["output"] == "":
        return None
    targets, options = parsed
    if options["output"] is not None:
        from pathlib import Path

        options["output"] = Path(options["output"])
    if options["fmt"] is not None:
        options["fmt"] = GraphFormat(options["fmt"])
    return {"targets": targets, **options, "steps": None}


def graph_fast_path(argv: list[str]) -> int | None:
    """Run ``mro-explain graph ARGV`` without Typer; ``None`` means: let the Typer command do it."""
    options = parse_graph_args(argv)
    if options is None:
        return None
    from pyinspect_cli.commands._errors import exit_code_for

    rt = Runtime(paths=options.pop("path"), timeout=options.pop("timeout"))
    try:
        return run_graph(options.pop("targets"), **options, rt=rt)
    except BaseException as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
