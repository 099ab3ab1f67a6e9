"""Source files, read once: the one source cache of the package.

Every reader of source (super chains, class-creation hooks, metaclasses, the
audit rules, import-failure explanations) goes through :func:`source_file`: a
file's lines come from :mod:`linecache`, its module tree is parsed at most once
per process, and a function's ``def`` is found from its code object (file,
first line, name) without parsing the whole file when it can be.
"""

from __future__ import annotations

import ast
import sys
import types
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.paths import source_lines

__all__ = [
    "FunctionNode",
    "SourceFile",
    "class_line",
    "class_statement",
    "code_node",
    "defined_in_file",
    "function_node",
    "module_file",
    "moved_classes",
    "parse_source",
    "segment",
    "source_file",
    "source_text",
]

_function_code: Any = types.FunctionType.__dict__["__code__"].__get__  # type: ignore[index]


FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


class SourceFile:
    """One source file as :mod:`linecache` holds it, parsed at most once, with its indexes.

    The entry is valid while :func:`linecache.getlines` returns the same list
    object: ``linecache.checkcache()`` or ``clearcache()`` replacing the lines
    (a file edited on disk) makes the next :func:`source_file` start afresh.

    The whole file is parsed only when something needs the module tree (a
    class statement, a rule reading the module). A function's ``def`` is
    found without it when it can be: only the lines of that ``def`` are parsed
    (:meth:`function`), which for a large module is a hundred times cheaper.
    """

    __slots__ = ("_classes", "_functions", "_parsed", "_snippets", "_text", "_tree", "filename", "lines")

    def __init__(self, filename: str, lines: list[str]) -> None:
        self.filename = filename
        self.lines = lines
        self._tree: ast.Module | None = None
        self._parsed = False
        self._text: str | None = None
        self._functions: dict[tuple[str, int], FunctionNode] | None = None
        self._classes: dict[str, list[ast.ClassDef]] | None = None
        self._snippets: dict[tuple[str, int], FunctionNode | None] = {}

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self.lines)
        return self._text

    @property
    def tree(self) -> ast.Module | None:
        """The parsed module (``None`` when it does not parse); parsed on first use, once."""
        if not self._parsed:
            self._parsed = True
            try:
                self._tree = _parse(self.text, self.filename)
            except (SyntaxError, ValueError):
                self._tree = None
        return self._tree

    def functions(self) -> dict[tuple[str, int], FunctionNode]:
        """``(name, line) -> def`` for every ``def`` in the file, by its ``def`` line and each decorator's line.

        The first ``def`` in breadth-first order wins a key; a code object's
        ``(co_name, co_firstlineno)`` finds its ``def``.
        """
        if self._functions is None:
            index: dict[tuple[str, int], FunctionNode] = {}
            tree = self.tree
            if tree is not None:
                for node in _statements(tree):
                    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        index.setdefault((node.name, node.lineno), node)
                        for deco in node.decorator_list:
                            index.setdefault((node.name, deco.lineno), node)
            self._functions = index
        return self._functions

    def classes(self) -> dict[str, list[ast.ClassDef]]:
        """``qualname -> class statements`` (in source order) for every class in the file."""
        if self._classes is None:
            tree = self.tree
            self._classes = _class_index(tree) if tree is not None else {}
        return self._classes

    def function(self, code: types.CodeType) -> FunctionNode | None:
        """The ``def`` of *code* (by name and first line), reading as little of the file as it can.

        With the module tree already parsed, its index answers. Otherwise the
        lines of the ``def`` alone are parsed (decorators to the last line of
        the body, found from the code object's line table and the
        indentation); when that does not give exactly one ``def`` of that name
        at that line, the whole file is parsed and indexed.
        """
        key = (code.co_name, code.co_firstlineno)
        if self._parsed:
            return self.functions().get(key) if self._tree is not None else None
        if key in self._snippets:
            return self._snippets[key]
        if not code.co_name.isidentifier():
            node: FunctionNode | None = None  # a lambda or generated code: no def statement has that name
        else:
            node = self._snippet(code)
            if node is None:
                tree = self.tree
                node = self.functions().get(key) if tree is not None else None
        self._snippets[key] = node
        return node

    def _snippet(self, code: types.CodeType) -> FunctionNode | None:
        lines = self.lines
        first = code.co_firstlineno
        if not 1 <= first <= len(lines):
            return None
        head = lines[first - 1]
        indent = head[: len(head) - len(head.lstrip(" \t"))]
        last = first
        for nested in _code_objects(code):
            for _, _, line in nested.co_lines():
                if line is not None and line > last:
                    last = line
            positions = getattr(nested, "co_positions", None)  # Python 3.11+: where each instruction ends
            for _, end, _, _ in positions() if positions is not None else ():
                if end is not None and end > last:
                    last = end
        # The rest of the body: lines indented deeper than the def, blank lines and comments
        # (code the compiler dropped, such as `if False:` blocks, has no line in the table).
        end = min(last, len(lines))
        while end < len(lines):
            text = lines[end]
            stripped = text.strip()
            if (
                stripped
                and not stripped.startswith("#")
                and not (text.startswith(indent) and text[len(indent) : len(indent) + 1] in (" ", "\t"))
            ):
                break
            end += 1
        # Lines before the snippet give its nodes their line numbers in the file: one string
        # constant spanning them (far cheaper to parse than as many blank lines), then
        # `if 1:` on the line above an indented def.
        before = first - 2 if indent else first - 1
        prefix = '"""' + "\n" * (before - 1) + '"""\n' if before >= 2 else "\n" * max(before, 0)
        if indent:
            prefix += "if 1:\n"
        try:
            tree = _parse(prefix + "".join(lines[first - 1 : end]), self.filename)
        except (SyntaxError, ValueError):
            return None
        stmts: list[ast.stmt] = tree.body[1:] if before >= 2 else tree.body
        if indent:
            if len(stmts) != 1 or not isinstance(stmts[0], ast.If):
                return None
            stmts = stmts[0].body
        if not stmts:
            return None
        node = stmts[0]
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name != code.co_name:
            return None
        if first != node.lineno and all(d.lineno != first for d in node.decorator_list):
            return None
        return node


def _parse(source: str, filename: str) -> ast.Module:
    """:func:`ast.parse`: every parse of the package's source readers goes through here."""
    return ast.parse(source, filename)


def _statements(tree: ast.Module) -> Iterator[ast.AST]:
    """Every statement of *tree* (with except handlers and match cases), breadth first.

    ``def`` and ``class`` statements only ever sit in statement lists, so the
    expressions are not visited.
    """
    queue: deque[ast.AST] = deque(tree.body)
    while queue:
        node = queue.popleft()
        yield node
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, name, None)
            if type(inner) is list:
                queue.extend(inner)


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    """*code* and every code object nested in it (comprehensions, inner functions)."""
    stack = [code]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(c for c in item.co_consts if type(c) is types.CodeType)


#: every file read in this process, by file name (bounded: the oldest entries go first)
_FILES: dict[str, SourceFile] = {}
_FILES_LIMIT = 1024


def source_file(filename: str) -> SourceFile | None:
    """The cached :class:`SourceFile` of *filename*; ``None`` when linecache has no lines for it.

    Every source-level reader of the package (super chains, hooks, the audit
    rules) goes through here, so a file is parsed at most once per process
    however many rules and classes read it.
    """
    lines = source_lines(filename)  # regular files only: never a FIFO or /dev/zero
    if not lines:
        return None
    cached = _FILES.get(filename)
    if cached is not None and cached.lines is lines:
        return cached
    if len(_FILES) >= _FILES_LIMIT:
        del _FILES[next(iter(_FILES))]
    entry = SourceFile(filename, lines)
    _FILES[filename] = entry
    return entry


def parse_source(filename: str) -> ast.Module | None:
    """The parsed module of *filename* (cached, see :func:`source_file`), or ``None``."""
    entry = source_file(filename)
    return entry.tree if entry is not None else None


def code_node(code: types.CodeType) -> FunctionNode | None:
    """The ``def`` whose code object is *code*, found by file, first line and name (see :meth:`SourceFile.function`)."""
    entry = source_file(code.co_filename)
    if entry is None:
        return None
    return entry.function(code)


def source_text(filename: str) -> str:
    """The text of *filename* (empty when it cannot be read)."""
    entry = source_file(filename)
    return entry.text if entry is not None else ""


def function_node(func: types.FunctionType) -> tuple[str, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    """``(filename, node)`` of a function's ``def`` statement, from its code object's file and line."""
    code = _function_code(func)
    node = code_node(code)
    return (code.co_filename, node) if node is not None else None


def module_file(module_name: str) -> str | None:
    """The ``__file__`` of the loaded module *module_name* (read from its namespace), or ``None``."""
    module = sys.modules.get(module_name)
    ns = static.module_dict(module) if module is not None else None
    if ns is None:
        return None
    file = ns.get("__file__")
    return file if type(file) is str else None


def _class_index(tree: ast.Module) -> dict[str, list[ast.ClassDef]]:
    index: dict[str, list[ast.ClassDef]] = {}

    def visit(body: Iterable[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                qual = prefix + node.name
                index.setdefault(qual, []).append(node)
                visit(node.body, qual + ".")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(node.body, prefix + node.name + ".<locals>.")
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    inner = getattr(node, field, None)
                    if isinstance(inner, list):
                        visit([n for n in inner if isinstance(n, ast.stmt)] + _handler_bodies(inner), prefix)

    visit(tree.body, "")
    return index


def _handler_bodies(items: list[Any]) -> list[ast.stmt]:
    out: list[ast.stmt] = []
    for item in items:
        if isinstance(item, ast.ExceptHandler):
            out.extend(item.body)
    return out


def class_statement(cls: type) -> tuple[str, ast.ClassDef] | None:
    """``(filename, node)`` of the ``class`` statement that created *cls*, when its source is readable.

    Matched by ``__qualname__`` (and ``__firstlineno__`` on Python 3.13+); when
    a name is defined more than once, the last statement is taken (it is the
    one the module keeps).
    """
    if not static.is_heap_type(cls):
        return None  # a C type: a same-named class statement would be a pure-Python fallback
    filename = module_file(static.module_of(cls))
    if filename is None:
        return None
    entry = source_file(filename)
    if entry is None or entry.tree is None:
        return None
    candidates = entry.classes().get(static.qualname_of(cls))
    if not candidates:
        return None
    first = static.dict_of(cls).get("__firstlineno__")
    if type(first) is int:
        for node in candidates:
            if first in (node.lineno, *(d.lineno for d in node.decorator_list)):
                return filename, node
    return filename, candidates[-1]


def class_line(cls: type) -> int | None:
    """The first line of *cls*'s ``class`` statement, parsing the module only when it must.

    A top-level class whose ``class Name`` line occurs once in the file, at
    column 0 and before the code of its own functions, is found by scanning
    the lines; anything else goes through :func:`class_statement`.
    """
    if not static.is_heap_type(cls):
        return None
    first = static.dict_of(cls).get("__firstlineno__")
    if type(first) is int:
        return first
    qualname = static.qualname_of(cls)
    filename = module_file(static.module_of(cls))
    entry = source_file(filename) if filename is not None else None
    if entry is None or filename is None:
        return None
    if "." not in qualname:
        head = f"class {qualname}"
        hits = [
            number
            for number, line in enumerate(entry.lines, 1)
            if line.startswith(head) and line[len(head) : len(head) + 1] in ("(", ":", " ")
        ]
        if len(hits) == 1 and hits[0] <= _first_code_line(cls, filename):
            return hits[0]
    found = class_statement(cls)
    return found[1].lineno if found is not None else None


def _first_code_line(cls: type, filename: str) -> int | float:
    """The first line of the code of *cls*'s own functions in *filename* (infinity: none)."""
    lines: list[int] = []
    for key, value in list(static.dict_of(cls).items()):
        if type(key) is str and type(value) is types.FunctionType:
            code = value.__code__  # FunctionType's own getset: nothing of the user's runs
            if code.co_filename == filename:
                lines.append(code.co_firstlineno)
    return min(lines) if lines else float("inf")


def segment(filename: str, node: ast.AST) -> str:
    """The source text of *node* (``ast.unparse`` when the segment is not available)."""
    text = ast.get_source_segment(source_text(filename), node)
    if not text:
        text = ast.unparse(node)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def defined_in_file(cls: type, filename: str) -> bool | None:
    """Whether the class statement of *cls* is in *filename*, from the code of its own functions.

    ``True``/``False`` when one of its functions (methods, properties'
    getters unwrapped by :func:`~pyinspect_cli.core.functions.function_of`)
    tells where it was compiled; ``None`` when none does (a class without
    Python methods): then only ``__module__`` can tell.
    """
    from pyinspect_cli.core.functions import function_of

    for value in static.dict_of(cls).values():
        func = function_of(value)
        if func is None:
            continue
        code: types.CodeType = _function_code(func)
        if code.co_filename.startswith("<"):
            continue
        return code.co_filename == filename
    return None


def moved_classes(module_name: str, namespace: Iterable[object]) -> list[type]:
    """Classes in *namespace* whose ``__module__`` names another module but whose source is this module's file.

    pandas defines ``DataFrame`` in ``pandas/core/frame.py`` and sets its
    ``__module__`` to ``"pandas"``: it is a class of ``pandas.core.frame``.
    """
    filename = module_file(module_name)
    if filename is None:
        return []
    out: list[type] = []
    for item in namespace:
        if not static.is_class(item):
            continue
        value: type = item  # type: ignore[assignment]
        if static.module_of(value) == module_name:
            continue
        if not static.is_heap_type(value) or any(value is c for c in out):
            continue
        if defined_in_file(value, filename):
            out.append(value)
    return out
