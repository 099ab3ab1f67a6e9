"""Cooperative ``super()`` chains, derived without running any method.

``super().m()`` calls the next class that defines ``m`` in the MRO of the
*instance's* class, not the parent of the class the call is written in. This
module reads each implementation of a method along a class's MRO and derives
which of them run when ``instance.m()`` is called, in which order, and which
are skipped:

* source-level facts come from the AST of the function (its code object's
  file and first line, read through :mod:`linecache`): ``super().m(...)``,
  ``super(Cls, self).m(...)``, ``Base.m(self, ...)`` calls, whether they are
  conditional, which parameters the function takes and what it passes on;
* without source (C code, generated code) the bytecode says whether the
  function uses ``super`` (a ``__class__`` cell and ``super`` in
  ``co_names``); the link is marked ``inferred`` then;
* known generated methods are named instead of guessed: dataclass methods,
  namedtuple ``__new__``, ``object``'s defaults, C implementations.

Nothing here calls user code: classes are read through
:mod:`pyinspect_cli.core.static`, functions only through their code objects
and ``__dict__``.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.functions import (
    MISSING,
    default_value,
    dotted,
    function_of,
    is_c_method,
    is_method_like,
    resolve_in_function,
    unwrap_method,
)
from pyinspect_cli.core.record import Record
from pyinspect_cli.core.source import code_node, source_file

__all__ = [
    "LIFECYCLE_METHODS",
    "Continues",
    "Issue",
    "IssueKind",
    "Link",
    "Signature",
    "SuperChain",
    "Verdict",
    "VerdictKind",
    "broken_at",
    "cached_super_chain",
    "chain_methods",
    "definers",
    "function_of",
    "is_method_like",
    "next_links",
    "shared_methods",
    "super_chain",
    "verdict",
]

Continues = Literal["super", "explicit", "none", "unknown"]

#: methods whose chain is expected to reach every class that defines them
LIFECYCLE_METHODS: tuple[str, ...] = (
    "__init__",
    "setUp",
    "tearDown",
    "__enter__",
    "__exit__",
    "__post_init__",
)

#: stop simulating after this many calls (an explicit call that recurses)
MAX_RUNS = 64


class Signature(Record):
    """The parameters of an implementation, after the first (``self``/``cls``).

    ``positional`` are the positional-or-keyword names in order; ``required``
    the names (positional or keyword-only) without a default; ``keyword_only``
    the keyword-only names; ``varargs``/``varkw`` the ``*``/``**`` names.
    """

    positional: tuple[str, ...]
    keyword_only: tuple[str, ...]
    required: tuple[str, ...]
    varargs: str | None
    varkw: str | None

    @property
    def names(self) -> tuple[str, ...]:
        return self.positional + self.keyword_only


class Call(Record):
    """What a continuation call passes on: counts and names, never values."""

    positional: int
    keywords: tuple[str, ...]
    star_args: bool
    star_kwargs: bool
    forwards_args: bool
    forwards_kwargs: bool


IssueKind = Literal[
    "args-to-object",
    "forwards-to-object",
    "kept-not-passed",
    "missing-required",
    "too-many-positional",
    "unknown-keyword",
    "forwards-kwargs-to-no-varkw",
    "forwards-args-to-no-positional",
    "super-without-next",
    "conditional-call",
    "super-and-explicit",
    "unresolved-super-argument",
    "unreadable-binding",
    "through-helper",
    "not-a-function",
    "post-init-continues",
    "unknown-continuation",
    "truncated",
    "same-function",
]

#: issue kinds that are definite problems (the others may be fine, depending on the caller)
WARNING_KINDS: frozenset[str] = frozenset(
    {
        "args-to-object",
        "kept-not-passed",
        "missing-required",
        "too-many-positional",
        "unknown-keyword",
        "super-without-next",
    }
)


class Issue(Record):
    """A fact about a chain worth telling: an argument problem, a guess, a conditional call.

    ``kind`` says which (:data:`IssueKind`); ``owner`` is the class whose
    implementation it is about, ``other`` the class it calls (or the twin,
    the class whose ``__post_init__`` continues the chain); ``names`` the
    parameters or keywords concerned; ``count``/``limit`` positional counts
    (passed / accepted); ``text`` an expression as written in the source
    (``super(...)``'s first argument, a called name, a value's description).
    The wording is the renderer's; :attr:`warning` tells a definite problem
    from a note.
    """

    kind: IssueKind
    owner: type | None = None
    other: type | None = None
    names: tuple[str, ...] = ()
    count: int = 0
    limit: int = 0
    text: str = ""

    @property
    def warning(self) -> bool:
        return self.kind in WARNING_KINDS


class Link(Record):
    """One class in the MRO that defines the method, and how it continues the chain.

    ``continues``: ``"super"`` (``super().m()`` or the two-argument form),
    ``"explicit"`` (``Base.m(self, ...)``: the classes in
    ``explicit_targets``), ``"none"`` (the chain ends here) or ``"unknown"``.
    ``inferred`` is true when the answer comes from bytecode or knowledge of
    C code rather than source. ``super_from`` is the class named in
    ``super(X, self)`` when it is not the defining class (the chain continues
    after ``X``). ``conditional`` is true when the continuation call sits
    inside an ``if``/``try``/loop/conditional expression.
    """

    defined_in: type
    continues: Continues
    explicit_targets: tuple[type, ...] = ()
    inferred: bool = False
    generated: str | None = None
    forwards_args: bool | None = None
    forwards_kwargs: bool | None = None
    consumes: tuple[str, ...] = ()
    filename: str | None = None
    line: int | None = None
    conditional: bool = False
    super_from: type | None = None
    kind: str = "function"
    signature: Signature | None = None
    call: Call | None = None
    notes: tuple[Issue, ...] = ()
    call_text: str | None = None
    through: str | None = None

    @property
    def continues_chain(self) -> bool:
        return self.continues in ("super", "explicit")


class SuperChain(Record):
    """The chain of *method* for instances of *cls* (see :func:`super_chain`).

    ``links`` holds every class in the MRO that defines the method, in MRO
    order (``object`` included when it defines it); ``runs`` the
    implementations that run for ``cls().method()``, in call order (a class
    appears twice when it runs twice); ``skipped`` the defining classes that
    never run (``object``'s defaults are never counted as skipped);
    ``warnings`` definite problems (arguments a callee cannot take or does
    not get, a ``super()`` call with nothing after it), one sentence each;
    ``notes`` what is worth knowing but may be fine (conditional calls,
    keywords that must be consumed before ``object``, guesses), both as
    :class:`Issue` records;
    ``callers`` runs parallel to ``runs``: the class whose implementation
    called each one (``None`` for the first). ``issues`` are typed
    (:class:`Issue`): :attr:`warnings` the definite problems, :attr:`notes`
    the rest.
    """

    cls: type
    method: str
    links: tuple[Link, ...]
    runs: tuple[type, ...]
    skipped: tuple[type, ...]
    issues: tuple[Issue, ...] = ()
    truncated: bool = False
    callers: tuple[type | None, ...] = ()

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.warning)

    @property
    def notes(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.warning)

    def link_for(self, klass: type) -> Link | None:
        for link in self.links:
            if link.defined_in is klass:
                return link
        return None

    def run_count(self, klass: type) -> int:
        return sum(1 for k in self.runs if k is klass)

    @property
    def repeated(self) -> tuple[type, ...]:
        out: list[type] = []
        for k in self.runs:
            if self.run_count(k) > 1 and not any(o is k for o in out):
                out.append(k)
        return tuple(out)


# ---------------------------------------------------------------------------
# Reading functions


FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def _function_node(code: types.CodeType) -> FunctionNode | None:
    """The ``def`` whose code object is *code*, found by file, first line and name (one parse per file)."""
    return code_node(code)


def _resolve(parts: Sequence[str], func: types.FunctionType, mro: Sequence[type]) -> type | None:
    """The class in *mro* that the dotted name *parts* denotes inside *func*.

    Looked up in the function's closure, globals and builtins (plain dict
    reads), then by name among the MRO's classes.
    """
    value = resolve_in_function(parts, func)
    if value is not MISSING:
        for klass in mro:
            if klass is value:
                found: type = klass
                return found
        return None
    name = parts[-1]
    matches = [k for k in mro if static.name_of(k) == name]
    if len(matches) == 1:
        return matches[0]
    qual = ".".join(parts)
    for k in matches:
        if static.qualname_of(k).endswith(qual) or f"{static.module_of(k)}.{static.qualname_of(k)}".endswith(qual):
            return k
    return matches[0] if matches else None


def _signature(node: FunctionNode, *, skip_first: bool) -> Signature:
    args = node.args
    positional_nodes = [*args.posonlyargs, *args.args]
    defaults_from = len(positional_nodes) - len(args.defaults)
    required: list[str] = []
    positional: list[str] = []
    for i, a in enumerate(positional_nodes):
        if skip_first and i == 0:
            continue
        positional.append(a.arg)
        if i < defaults_from:
            required.append(a.arg)
    keyword_only = [a.arg for a in args.kwonlyargs]
    for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if d is None:
            required.append(a.arg)
    return Signature(
        positional=tuple(positional),
        keyword_only=tuple(keyword_only),
        required=tuple(required),
        varargs=args.vararg.arg if args.vararg else None,
        varkw=args.kwarg.arg if args.kwarg else None,
    )


_CONDITIONAL_NODES: tuple[type[ast.AST], ...] = (
    ast.If,
    ast.IfExp,
    ast.Try,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.BoolOp,
    ast.Match,
    ast.ExceptHandler,
)
if hasattr(ast, "TryStar"):  # pragma: no branch
    _CONDITIONAL_NODES = (*_CONDITIONAL_NODES, ast.TryStar)


_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


_LOOPS = (ast.For, ast.AsyncFor, ast.While)


def _exits(node: ast.AST, memo: dict[int, tuple[bool, bool]]) -> tuple[bool, bool]:
    """(contains a ``return``, contains a ``break``/``continue`` of no loop inside *node*), nested scopes not entered.

    A statement can skip the rest of its block when either is true: ``if x:
    return`` (``raise`` is not counted: an exception stops the whole call,
    chain included). A loop's own ``break``/``continue`` stays in it: for a loop statement the
    second item is always false. Answers for every node visited are kept in
    *memo* (by id), so that the statements of one function are read once.
    """
    found = memo.get(id(node))
    if found is not None:
        return found
    # post-order without recursion: a deep expression must not reach the recursion limit
    stack: list[tuple[ast.AST, list[ast.AST] | None]] = [(node, None)]
    while stack:
        item, children = stack.pop()
        if children is None:
            if id(item) in memo:
                continue
            children = [c for c in ast.iter_child_nodes(item) if not isinstance(c, _NESTED)]
            stack.append((item, children))
            stack.extend((c, None) for c in children if id(c) not in memo)
            continue
        returns = isinstance(item, ast.Return)
        leaves = isinstance(item, (ast.Break, ast.Continue))
        loop = isinstance(item, _LOOPS)
        for child in children:
            child_returns, child_leaves = memo[id(child)]
            returns = returns or child_returns
            leaves = leaves or (child_leaves and not loop)
        memo[id(item)] = (returns, leaves)
    return memo[id(node)]


#: per ``def`` node: every call :func:`_walk_calls` finds in it (call, conditional, in a return)
_WALKED: dict[int, tuple[ast.AST, list[tuple[ast.Call, bool, bool]]]] = {}


def _walk_calls(node: ast.AST) -> Iterator[tuple[ast.Call, bool, bool]]:
    """Calls in a function body, with whether each is conditional and inside a ``return``.

    A call is conditional under ``if``/``try``/loops/conditional expressions,
    and after a statement of the same block that may return early. Nested
    functions and classes are not entered. Walked once per node (the parsed
    source is shared for the life of the process).
    """
    entry = _WALKED.get(id(node))
    if entry is not None and entry[0] is node:
        return iter(entry[1])
    calls: list[tuple[ast.Call, bool, bool]] = []
    _collect_calls(node, False, False, calls, {})
    if len(_WALKED) >= _CALLS_LIMIT:
        _WALKED.clear()
    _WALKED[id(node)] = (node, calls)
    return iter(calls)


def _collect_calls(
    node: ast.AST,
    conditional: bool,
    returned: bool,
    calls: list[tuple[ast.Call, bool, bool]],
    memo: dict[int, tuple[bool, bool]],
) -> None:
    for _, value in ast.iter_fields(node):
        children = value if isinstance(value, list) else [value]
        after_exit = False
        for child in children:
            if not isinstance(child, ast.AST) or isinstance(child, _NESTED):
                continue
            cond = conditional or after_exit
            if isinstance(child, ast.Call):
                calls.append((child, cond, returned))
            _collect_calls(
                child,
                cond or isinstance(child, _CONDITIONAL_NODES),
                returned or isinstance(child, ast.Return),
                calls,
                memo,
            )
            if isinstance(child, ast.stmt) and not isinstance(child, (ast.Return, ast.Raise)):
                child_returns, child_leaves = _exits(child, memo)
                if child_returns or child_leaves:
                    after_exit = True


def _first_param(node: FunctionNode) -> str | None:
    params = [*node.args.posonlyargs, *node.args.args]
    return params[0].arg if params else None


def _kwargs_carriers(node: FunctionNode, varkw: str | None) -> frozenset[str]:
    """*varkw* and the local names that received its contents before being passed on.

    ``context.update(kwargs)``, ``context |= kwargs``, ``context = {**kwargs, ...}``,
    ``context = dict(kwargs)``/``dict(**kwargs)``, ``context = kwargs.copy()`` and
    ``context = kwargs``: then ``**context`` forwards the keywords the
    function received (Django's ``SingleObjectMixin.get_context_data``).
    Nested scopes are not entered.
    """
    if varkw is None:
        return frozenset()
    names = {varkw}

    def carries(expr: ast.AST | None) -> bool:
        if isinstance(expr, ast.Name):
            return expr.id in names
        if isinstance(expr, ast.Dict):
            return any(k is None and carries(v) for k, v in zip(expr.keys, expr.values, strict=True))
        if isinstance(expr, ast.Call):
            f = expr.func
            if isinstance(f, ast.Name) and f.id == "dict":
                return any(carries(a) for a in expr.args) or any(
                    kw.arg is None and carries(kw.value) for kw in expr.keywords
                )
            if isinstance(f, ast.Attribute) and f.attr == "copy" and not expr.args:
                return carries(f.value)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
            return carries(expr.left) or carries(expr.right)
        return False

    changed = True
    while changed:  # `a = dict(kwargs); b = {**a}`: follow assignments until nothing new is found
        changed = False
        stack: list[ast.AST] = list(node.body)
        while stack:
            sub = stack.pop()
            if isinstance(sub, _NESTED):
                continue
            receiver: str | None = None
            if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
                if carries(sub.value):
                    receiver = sub.targets[0].id
            elif isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name) and isinstance(sub.op, ast.BitOr):
                if carries(sub.value):
                    receiver = sub.target.id
            elif (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr == "update"
                and isinstance(sub.func.value, ast.Name)
                and (
                    any(carries(a) for a in sub.args)
                    or any(kw.arg is None and carries(kw.value) for kw in sub.keywords)
                )
            ):
                receiver = sub.func.value.id
            if receiver is not None and receiver not in names:
                names.add(receiver)
                changed = True
            stack.extend(ast.iter_child_nodes(sub))
    return frozenset(names)


def _call_info(call: ast.Call, sig: Signature | None, skip: int, carriers: frozenset[str] = frozenset()) -> Call:
    positional = 0
    star_args = forwards_args = False
    for i, arg in enumerate(call.args):
        if i < skip:
            continue
        if isinstance(arg, ast.Starred):
            star_args = True
            if sig is not None and isinstance(arg.value, ast.Name) and arg.value.id == sig.varargs:
                forwards_args = True
        else:
            positional += 1
    keywords: list[str] = []
    star_kwargs = forwards_kwargs = False
    for kw in call.keywords:
        if kw.arg is None:
            star_kwargs = True
            if (
                sig is not None
                and isinstance(kw.value, ast.Name)
                and (kw.value.id == sig.varkw or kw.value.id in carriers)
            ):
                forwards_kwargs = True
        else:
            keywords.append(kw.arg)
    return Call(positional, tuple(keywords), star_args, star_kwargs, forwards_args, forwards_kwargs)


_AttributeCall = tuple[str, ast.Call, bool, bool]
#: per ``def`` node: the ``x.name(...)`` calls of its body (attribute, call, conditional, in a return)
_CALLS: dict[int, tuple[FunctionNode, list[_AttributeCall]]] = {}
_CALLS_LIMIT = 50000


def _attribute_calls(node: FunctionNode, filename: str, method: str) -> list[_AttributeCall]:
    """The ``x.attr(...)`` calls :func:`_walk_calls` finds in *node*, walked once per ``def``.

    When the source text of the ``def`` (decorators to last line) does not
    contain *method* at all, no call can name it and nothing is walked.
    """
    entry = _CALLS.get(id(node))
    if entry is not None and entry[0] is node:
        return entry[1]
    if not _mentions(node, filename, method):
        return []
    calls = [
        (call.func.attr, call, conditional, in_return)
        for call, conditional, in_return in _walk_calls(node)
        if isinstance(call.func, ast.Attribute)
    ]
    if len(_CALLS) >= _CALLS_LIMIT:
        _CALLS.clear()
    _CALLS[id(node)] = (node, calls)
    return calls


#: per ``def`` node: its source text (decorators to last line), with the lines it was read from
_TEXTS: dict[int, tuple[FunctionNode, list[str], str]] = {}


def _mentions(node: FunctionNode, filename: str, name: str) -> bool:
    """Whether the source lines of *node* may contain the identifier *name* (``True`` when unsure)."""
    entry = source_file(filename)
    end = node.end_lineno
    if entry is None or end is None or not name.isascii():
        return True
    cached = _TEXTS.get(id(node))
    if cached is not None and cached[0] is node and cached[1] is entry.lines:
        text = cached[2]
    else:
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        text = "".join(entry.lines[start - 1 : end])
        if len(_TEXTS) >= _CALLS_LIMIT:
            _TEXTS.clear()
        _TEXTS[id(node)] = (node, entry.lines, text)
    if not text.isascii():
        return True  # identifiers are NFKC-normalised: non-ASCII source may spell the name differently
    # `def name(` itself is one occurrence
    return text.count(name) > (1 if node.name == name else 0)


class _Found(Record, frozen=False):
    kind: Continues
    call: ast.Call
    conditional: bool
    target: type | None = None
    through: str | None = None


def _analyse_source(
    node: FunctionNode,
    func: types.FunctionType,
    owner: type,
    method: str,
    mro: Sequence[type],
    first_is_self: bool,
    is_classmethod: bool = False,
) -> tuple[list[_Found], list[Issue]]:
    notes: list[Issue] = []
    found: list[_Found] = []
    self_name = _first_param(node) if first_is_self else None
    returned: list[_Found] = []
    for attr, call, conditional, in_return in _attribute_calls(node, func.__code__.co_filename, method):
        if attr != method:
            continue
        f = call.func
        assert isinstance(f, ast.Attribute)
        value = f.value
        if _is_super_call(value):
            assert isinstance(value, ast.Call)
            found.append(_Found("super", call, conditional, _super_target(value, func, owner, mro, notes)))
            continue
        parts = dotted(value)
        if parts is None or (self_name is not None and parts[0] == self_name):
            continue
        if parts[0] == "super":
            continue
        if self_name is not None and not is_classmethod:
            first_arg = call.args[0] if call.args else None
            if not (isinstance(first_arg, ast.Name) and first_arg.id == self_name):
                continue
        klass = _resolve(parts, func, mro)
        if klass is None:
            continue
        item = _Found("explicit", call, conditional, klass)
        found.append(item)
        if in_return:
            returned.append(item)
    # `original_init(self, ...)`: a call through a name bound to a class's implementation
    # (a module global, a closure cell, a default argument), as SQLAlchemy's generated __init__ does.
    if self_name is not None and not is_classmethod:
        bound = _bound_names(func, owner, method, mro)
        if bound:
            for call, conditional, in_return in _walk_calls(node):
                f = call.func
                if not isinstance(f, ast.Name) or f.id not in bound:
                    continue
                first_arg = call.args[0] if call.args else None
                if not (isinstance(first_arg, ast.Name) and first_arg.id == self_name):
                    continue
                target = bound[f.id]
                if target is None:
                    notes.append(Issue("unreadable-binding", owner, text=f.id))
                    found.append(_Found("unknown", call, conditional, None, f.id))
                    continue
                item = _Found("explicit", call, conditional, target, f.id)
                found.append(item)
                if in_return:
                    returned.append(item)
    # `init = super().__init__` ... `init(...)` (argparse writes it so): a call through an alias.
    aliases = _super_aliases(node, method) if _mentions(node, func.__code__.co_filename, "super") else {}
    if aliases:
        for call, conditional, _in_return in _walk_calls(node):
            f = call.func
            if isinstance(f, ast.Name) and f.id in aliases:
                target = _super_target(aliases[f.id], func, owner, mro, notes)
                found.append(_Found("super", call, conditional, target))
    if not found and self_name is not None:
        # `Symbol.__xnew__(cls, ...)` (sympy's Dummy.__new__): the instance handed to another
        # function whose code names the method may reach later implementations from there.
        helper = _helper_naming(node, func, method, self_name)
        if helper is not None:
            call, conditional, name = helper
            notes.append(Issue("through-helper", owner, text=name))
            found.append(_Found("unknown", call, conditional, None, name))
    if len(returned) > 1:
        # `return A.m(self)` ... `return B.m(self)`: one call per run, whichever path is taken
        for item in returned:
            item.conditional = True
    return found, notes


def _bound_names(func: types.FunctionType, owner: type, method: str, mro: Sequence[type]) -> dict[str, type | None]:
    """Names *func* calls that are bound to another class's implementation of *method*.

    ``name -> class`` for a global, closure cell or parameter default whose
    value is the function a later class of *mro* defines *method* as;
    ``name -> None`` for a name that looks like the method (``original_init``
    for ``__init__``) but whose value cannot be read without running code (a
    local variable, a name missing from the globals). Read from the code
    object and the function's namespaces only.
    """
    impls: dict[int, type] = {}
    for klass in mro:
        if klass is owner:
            continue
        value = static.dict_of(klass).get(method)
        impl = function_of(value) if value is not None else None
        if impl is not None and id(impl) not in impls:
            impls[id(impl)] = klass
    code = func.__code__
    stem = method.strip("_").lower()
    params = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    out: dict[str, type | None] = {}
    for name in (*code.co_names, *code.co_freevars, *code.co_varnames):
        if name in out or name == "super":
            continue
        if name in params:
            value = default_value(func, name)
        elif name in code.co_varnames:
            value = MISSING  # a local variable: bound at run time
        else:
            value = resolve_in_function([name], func)
        if value is MISSING:
            if stem and stem in name.lower() and name not in params[:1]:
                out[name] = None
            continue
        impl = function_of(value)
        if impl is not None and id(impl) in impls:
            out[name] = impls[id(impl)]
    return out


def _is_super_call(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "super"


def _super_target(
    value: ast.Call, func: types.FunctionType, owner: type, mro: Sequence[type], notes: list[Issue]
) -> type | None:
    """The class named in ``super(X, self)`` when it is not the owner (``None``: plain ``super()``)."""
    if not value.args:
        return None
    first = value.args[0]
    parts = dotted(first)
    target = _resolve(parts, func, mro) if parts is not None else None
    if target is None:
        notes.append(Issue("unresolved-super-argument", owner, text=ast.unparse(first)))
        return None
    return None if target is owner else target


def _super_aliases(node: FunctionNode, method: str) -> dict[str, ast.Call]:
    """Local names bound to ``super().method`` in *node*'s body (nested scopes not entered)."""
    aliases: dict[str, ast.Call] = {}
    stack: list[ast.AST] = list(node.body)
    while stack:
        sub = stack.pop()
        if isinstance(sub, _NESTED):
            continue
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            value = sub.value
            if isinstance(value, ast.Attribute) and value.attr == method and _is_super_call(value.value):
                assert isinstance(value.value, ast.Call)
                aliases[sub.targets[0].id] = value.value
        stack.extend(ast.iter_child_nodes(sub))
    return aliases


def _call_text(call: ast.Call, limit: int = 60) -> str:
    try:
        text = ast.unparse(call)
    except Exception:  # pragma: no cover - unparse handles every parsed node
        return "..."
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bytecode_uses_super(code: types.CodeType) -> bool:
    return "__class__" in code.co_freevars and "super" in code.co_names


def _generated(owner: type, method: str, func: types.FunctionType) -> str | None:
    ns = static.dict_of(owner)
    code = func.__code__
    has_source = source_file(code.co_filename) is not None
    if "__dataclass_fields__" in ns and not has_source:
        return f"dataclass {method}"
    if method == "__new__" and "_fields" in ns and "_make" in ns and not has_source:
        return "namedtuple __new__"
    if not has_source and code.co_filename.startswith("<"):
        return "generated code"
    return None


def _post_init_super(cls: type, mro: Sequence[type]) -> type | None:
    """The class whose ``__post_init__`` (the one a dataclass ``__init__`` calls) calls ``super().__init__()``."""
    found = static.static_lookup(cls, "__post_init__")
    if found is None:
        return None
    owner, value = found
    func = function_of(value)
    if func is None:
        return None
    node = _function_node(func.__code__)
    if node is None:
        return owner if _bytecode_uses_super(func.__code__) and "__init__" in func.__code__.co_names else None
    found_calls, _ = _analyse_source(node, func, owner, "__init__", mro, True)
    return owner if any(f.kind == "super" for f in found_calls) else None


def _helper_naming(
    node: FunctionNode, func: types.FunctionType, method: str, self_name: str
) -> tuple[ast.Call, bool, str] | None:
    """The first call that passes *self_name* on to a function whose code names *method*.

    The callee is resolved without running code (closure, globals, class
    namespaces) and read from its code object only; ``self.helper()`` is not
    followed (the instance is not an argument).
    """
    for call, conditional, _in_return in _walk_calls(node):
        first_arg = call.args[0] if call.args else None
        if not (isinstance(first_arg, ast.Name) and first_arg.id == self_name):
            continue
        parts = dotted(call.func)
        if parts is None or parts[0] in (self_name, "super"):
            continue
        target = resolve_in_function(parts, func)
        helper = function_of(target) if target is not MISSING else None
        if helper is None or helper is func:
            continue
        if method in helper.__code__.co_names:
            return call, conditional, ".".join(parts)
    return None


def _link(cls: type, mro: tuple[type, ...], owner: type, method: str, value: object) -> Link:
    func = function_of(value)
    raw = unwrap_method(value)
    kind = (
        "staticmethod"
        if type(value) is staticmethod
        else "classmethod"
        if type(value) is classmethod or (method == "__init_subclass__" and func is not None)
        else "function"
    )
    if func is None:
        if is_c_method(raw):
            if owner is object:
                return Link(owner, "none", generated="object default", kind=kind)
            return Link(owner, "none", inferred=True, generated="C implementation", kind=kind)
        return Link(
            owner,
            "unknown",
            inferred=False,
            generated=None,
            kind=static.name_of(type(value)),
            notes=(Issue("not-a-function", owner, text=static.describe(value)),),
        )
    code = func.__code__
    generated = _generated(owner, method, func)
    if generated is not None and generated.startswith("dataclass"):
        if method == "__init__":
            via = _post_init_super(cls, mro)
            if via is not None:
                return Link(
                    owner,
                    "super",
                    generated=generated,
                    kind=kind,
                    super_from=via if via is not owner else None,
                    notes=(Issue("post-init-continues", owner, via),),
                )
        return Link(owner, "none", generated=generated, kind=kind)
    if generated == "namedtuple __new__":
        tuple_base: tuple[type, ...] = tuple(k for k in mro if k is tuple)
        return Link(owner, "explicit", explicit_targets=tuple_base, generated=generated, kind=kind)
    node = _function_node(code) if generated is None else None
    filename = code.co_filename
    if node is None:
        uses_super = _bytecode_uses_super(code)
        bound = _bound_names(func, owner, method, mro)
        bound_targets: list[type] = []
        for target in bound.values():
            if target is not None and not any(t is target for t in bound_targets):
                bound_targets.append(target)
        if uses_super:
            continues: Continues = "super"
        elif bound_targets:
            continues = "explicit"
        elif method in code.co_names or bound:
            continues = "unknown"
        else:
            continues = "none"
        return Link(
            owner,
            continues,
            explicit_targets=tuple(bound_targets) if continues == "explicit" else (),
            inferred=True,
            generated=generated,
            filename=None if filename.startswith("<") else filename,
            line=code.co_firstlineno,
            kind=kind,
        )
    first_is_self = kind != "staticmethod" or method == "__new__"
    sig = _signature(node, skip_first=first_is_self)
    found, notes = _analyse_source(node, func, owner, method, mro, first_is_self, kind == "classmethod")
    consumes = sig.names
    if not found:
        return Link(
            owner,
            "none",
            consumes=consumes,
            filename=filename,
            line=node.lineno,
            kind=kind,
            signature=sig,
            notes=tuple(notes),
        )
    supers = [f for f in found if f.kind == "super"]
    explicit = [f for f in found if f.kind == "explicit"]
    if not supers and not explicit:
        unknown = found[0]
        return Link(
            owner,
            "unknown",
            consumes=consumes,
            filename=filename,
            line=node.lineno,
            conditional=unknown.conditional,
            kind=kind,
            signature=sig,
            call=_call_info(unknown.call, sig, 1, _kwargs_carriers(node, sig.varkw)),
            notes=tuple(notes),
            call_text=_call_text(unknown.call),
            through=unknown.through,
        )
    primary = supers[0] if supers else explicit[0]
    skip = 1 if (primary.kind == "explicit" and kind != "classmethod") or method == "__new__" else 0
    call = _call_info(primary.call, sig, skip, _kwargs_carriers(node, sig.varkw))
    conditional = all(f.conditional for f in (supers or explicit))
    if conditional:
        notes.append(Issue("conditional-call", owner))
    if supers and explicit:
        notes.append(Issue("super-and-explicit", owner))
    targets: tuple[type, ...] = ()
    if not supers:
        seen: list[type] = []
        for f in explicit:
            if f.target is not None and not any(t is f.target for t in seen):
                seen.append(f.target)
        targets = tuple(seen)
    return Link(
        owner,
        "super" if supers else "explicit",
        explicit_targets=targets,
        through=None if supers else primary.through,
        forwards_args=call.forwards_args,
        forwards_kwargs=call.forwards_kwargs,
        consumes=consumes,
        filename=filename,
        line=node.lineno,
        conditional=conditional,
        super_from=supers[0].target if supers else None,
        kind=kind,
        signature=sig,
        call=call,
        notes=tuple(notes),
        call_text=_call_text(primary.call),
    )


# ---------------------------------------------------------------------------
# The chain


def _name(klass: type, method: str) -> str:
    return f"{static.name_of(klass)}.{method}"


def _next_definer(mro: Sequence[type], after: type, links: Mapping[int, Link]) -> Link | None:
    start = static.index_in(mro, after)
    if start < 0:
        return None
    for k in mro[start + 1 :]:
        link = links.get(id(k))
        if link is not None:
            return link
    return None


def _lookup_owner(target: type, method: str, links: Mapping[int, Link]) -> Link | None:
    """``Target.method``: the first definer on *target*'s own MRO."""
    for k in static.mro_of(target):
        if method in static.dict_of(k):
            return links.get(id(k))
    return None


def _callees(link: Link, mro: Sequence[type], method: str, links: Mapping[int, Link]) -> list[Link]:
    if link.continues == "super":
        nxt = _next_definer(mro, link.super_from or link.defined_in, links)
        return [nxt] if nxt is not None else []
    if link.continues == "explicit":
        out: list[Link] = []
        for target in link.explicit_targets:
            callee = _lookup_owner(target, method, links)
            if callee is not None:
                out.append(callee)
        return out
    return []


def _arg_issues(caller: Link, callee: Link, consumed_before: Sequence[str]) -> list[Issue]:
    """Problems with what *caller* passes to *callee* (static, best effort)."""
    call = caller.call
    if call is None:
        return []
    who = caller.defined_in
    target = callee.defined_in
    out: list[Issue] = []
    passes_something = bool(call.positional or call.keywords or call.star_args or call.star_kwargs)
    if callee.defined_in is object:
        if call.positional or call.keywords:
            out.append(Issue("args-to-object", who, object, call.keywords, call.positional))
        elif call.star_kwargs or call.star_args:
            out.append(Issue("forwards-to-object", who, object, tuple(sorted(set(consumed_before)))))
        return out
    sig = callee.signature
    if sig is None:
        return out
    own = caller.signature
    # Required parameters the callee will not get.
    covered = set(call.keywords)
    npos = call.positional
    positional_slots = list(sig.positional)
    for name in positional_slots[:npos]:
        covered.add(name)
    for name in sig.required:
        if name in covered:
            continue
        if name in positional_slots and call.star_args:
            continue
        if call.star_kwargs:
            if own is not None and name in own.names and call.forwards_kwargs:
                out.append(Issue("kept-not-passed", who, target, (name,)))
            continue
        if not passes_something or not (call.star_args or call.star_kwargs):
            out.append(Issue("missing-required", who, target, (name,)))
    # Arguments the callee cannot accept.
    if sig.varargs is None and npos > len(sig.positional):
        out.append(Issue("too-many-positional", who, target, count=npos, limit=len(sig.positional)))
    if sig.varkw is None:
        for kw in call.keywords:
            if kw not in sig.names:
                out.append(Issue("unknown-keyword", who, target, (kw,)))
        if call.star_kwargs:
            out.append(Issue("forwards-kwargs-to-no-varkw", who, target))
    if sig.varargs is None and call.star_args and not sig.positional:
        out.append(Issue("forwards-args-to-no-positional", who, target))
    return out


def super_chain(cls: type, method: str) -> SuperChain:
    """Derive the ``super()`` chain of *method* for instances of *cls*.

    Every class in ``cls.__mro__`` whose own namespace defines *method*
    becomes a :class:`Link`; then the call ``cls().method()`` is simulated over
    the links (never executed): it starts at the first definer and follows
    each link's continuation (``super()`` to the next definer after the
    defining class, or after ``X`` for ``super(X, self)``; ``Base.method``
    to the first definer on ``Base``'s MRO). Conditional calls are assumed to
    happen.
    """
    mro = static.mro_of(cls)
    links: list[Link] = []
    by_id: dict[int, Link] = {}
    for klass in mro:
        ns = static.dict_of(klass)
        if method in ns:
            link = _link(cls, mro, klass, method, ns[method])
            links.append(link)
            by_id[id(klass)] = link
    issues: list[Issue] = []
    runs: list[type] = []
    truncated = False
    seen_pairs: set[tuple[int, int]] = set()
    consumed: list[str] = []

    callers: list[type | None] = []

    def visit(link: Link, depth: int, caller: type | None) -> None:
        nonlocal truncated
        if len(runs) >= MAX_RUNS or depth > MAX_RUNS:
            truncated = True
            return
        runs.append(link.defined_in)
        callers.append(caller)
        consumed.extend(link.consumes)
        for note in link.notes:
            add(note)
        if link.continues == "unknown":
            add(Issue("unknown-continuation", link.defined_in))
            return
        for callee in _callees(link, mro, method, by_id):
            pair = (id(link.defined_in), id(callee.defined_in))
            if pair not in seen_pairs:
                seen_pairs.add(pair)
                for issue in _arg_issues(link, callee, consumed):
                    add(issue)
            visit(callee, depth + 1, link.defined_in)
        if link.continues == "super" and not _callees(link, mro, method, by_id) and link.call is not None:
            add(Issue("super-without-next", link.defined_in, cls))

    def add(issue: Issue) -> None:
        if issue not in issues:
            issues.append(issue)

    if links:
        visit(links[0], 0, None)
    if truncated:
        add(Issue("truncated", count=MAX_RUNS))
    skipped = tuple(
        link.defined_in
        for link in links
        if link.defined_in is not object and not any(k is link.defined_in for k in runs)
    )
    for klass in skipped:
        value = static.dict_of(klass)[method]
        twin = next((k for k in runs if static.dict_of(k).get(method) is value), None)
        if twin is not None:
            add(Issue("same-function", klass, twin))
    return SuperChain(
        cls=cls,
        method=method,
        links=tuple(links),
        runs=tuple(runs),
        skipped=skipped,
        issues=tuple(issues),
        truncated=truncated,
        callers=tuple(callers),
    )


#: chains derived in this process, by (class id, method); the class is kept so that its id is not reused
_CHAINS: dict[tuple[int, str], tuple[type, SuperChain]] = {}
_CHAINS_LIMIT = 20000


def cached_super_chain(cls: type, method: str) -> SuperChain:
    """:func:`super_chain`, memoised per (class identity, method) for the life of the process.

    For callers that never change classes between calls (the audit worker:
    every rule of every module shares one chain per class and method).
    """
    key = (id(cls), method)
    entry = _CHAINS.get(key)
    if entry is not None and entry[0] is cls:
        return entry[1]
    if len(_CHAINS) >= _CHAINS_LIMIT:
        _CHAINS.clear()
    chain = super_chain(cls, method)
    _CHAINS[key] = (cls, chain)
    return chain


def definers(cls: type, method: str) -> int:
    """How many classes of *cls*'s MRO other than ``object`` have *method* in their own namespace.

    A chain can skip an implementation, or run one twice, only when this is 2 or more.
    """
    return sum(1 for k in static.mro_of(cls) if k is not object and method in static.dict_of(k))


def next_links(chain: SuperChain, link: Link) -> tuple[Link, ...]:
    """The implementations *link* calls in *chain* (none when it ends the chain)."""
    if link.continues == "unknown":
        return ()
    by_id = {id(item.defined_in): item for item in chain.links}
    return tuple(_callees(link, static.mro_of(chain.cls), chain.method, by_id))


def chain_methods(cls: type) -> list[str]:
    """Method names defined by two or more classes of *cls*'s MRO (``object`` not counted), sorted."""
    counts: dict[str, int] = {}
    for klass in static.mro_of(cls):
        if klass is object:
            continue
        for name, value in static.dict_of(klass).items():
            if type(name) is str and is_method_like(value):
                counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, n in counts.items() if n >= 2)


def broken_at(chain: SuperChain) -> type | None:
    """The class whose implementation ends or diverts the chain before the first skipped definer."""
    if not chain.skipped:
        return None
    mro = static.mro_of(chain.cls)
    first_skipped = min(static.index_in(mro, k) for k in chain.skipped)
    best: type | None = None
    best_index = -1
    for k in chain.runs:
        i = static.index_in(mro, k)
        if best_index < i < first_skipped:
            best, best_index = k, i
    return best


VerdictKind = Literal["cooperative", "overrides", "broken", "unknown", "mixed"]


class Verdict(Record):
    """What a chain amounts to.

    ``kind``:

    * ``"cooperative"`` — every implementation runs, once each;
    * ``"overrides"`` — *at* ends the chain and no implementation after it
      calls ``super()``: plain overriding, nobody intended a chain;
    * ``"broken"`` — *at* ends the chain where cooperation was intended:
      before implementations that call ``super()`` (``cooperative``), or
      after a ``super()`` call from another branch of the hierarchy reached
      it (``reached_from``, a class that is not a subclass of *at*) and a
      skipped class is not an ancestor of *at*;
    * ``"unknown"`` — *at* may or may not continue (a call through a name
      that cannot be resolved without running code), so whether the later
      implementations run cannot be told;
    * ``"mixed"`` — nothing is skipped, but an implementation runs twice or
      the chain uses explicit ``Base.method(self)`` calls or cannot be read.

    ``skipped`` are the implementations that do not run (``chain.skipped``).
    """

    kind: VerdictKind
    at: type | None = None
    skipped: tuple[type, ...] = ()
    cooperative: tuple[type, ...] = ()
    reached_from: type | None = None


def _reached_across(chain: SuperChain, at: type) -> type | None:
    """The class whose ``super()`` call reached *at* from another branch (not a subclass of *at*), if any.

    Then *at* runs as part of a cooperative chain across the hierarchy: the
    chain was meant to go on from it.
    """
    for caller, callee in zip(chain.callers, chain.runs, strict=True):
        if callee is not at or caller is None:
            continue
        link = chain.link_for(caller)
        if link is not None and link.continues == "super" and not static.is_subclass(caller, at):
            return caller
    return None


def verdict(chain: SuperChain) -> Verdict:
    """The :class:`Verdict` of *chain*."""
    if chain.skipped:
        at = broken_at(chain)
        if at is None:
            return Verdict("mixed", None, chain.skipped)
        at_link = chain.link_for(at)
        if at_link is not None and at_link.continues == "unknown":
            return Verdict("unknown", at, chain.skipped)
        intended = tuple(
            k for k in chain.skipped if (link := chain.link_for(k)) is not None and link.continues == "super"
        )
        crossed = _reached_across(chain, at)
        if crossed is not None and not any(not static.is_subclass(at, k) for k in chain.skipped):
            crossed = None  # everything skipped is an ancestor of the stopper: it overrides them
        kind: VerdictKind = "broken" if intended or crossed is not None else "overrides"
        return Verdict(kind, at, chain.skipped, intended, crossed)
    if chain.repeated or any(link.continues in ("explicit", "unknown") for link in chain.links):
        return Verdict("mixed")
    return Verdict("cooperative")


def shared_methods(cls: type) -> list[tuple[str, Verdict]]:
    """``(method, verdict)`` for every method defined by two or more classes in the MRO (see :class:`Verdict`)."""
    return [(name, verdict(super_chain(cls, name))) for name in chain_methods(cls)]
