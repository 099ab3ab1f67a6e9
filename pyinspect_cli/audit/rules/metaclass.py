"""Metaclass rules: META003 metaclass-drops-kwargs, META004 unsafe-singleton, META005 registry-overwrite.

Signatures come from code objects, behaviour from the AST of the methods;
nothing is called.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.analysis import (
    FunctionNode,
    Memo,
    body_nodes,
    function_code,
    is_metaclass,
    line_for,
    name,
    new_here,
    own_function,
    params,
)
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, example, register
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import CO_VARKEYWORDS, dotted

# ---------------------------------------------------------------------------
# META003 metaclass-drops-kwargs


def _is_super_call(call: ast.Call, method: str) -> bool:
    """``super().method(...)``, ``super(X, y).method(...)``, ``type.method(...)`` or ``Base.method(...)``."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == method):
        return False
    value = func.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super":
        return True
    return dotted(value) is not None


def _forwards_kwargs(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)


def check_meta003(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    if not is_metaclass(cls):
        return
    cname = name(cls)
    for method in ("__new__", "__init__"):
        pair = own_function(cls, method)
        if pair is None:
            continue
        func, node = pair
        code = function_code(func)
        has_varkw = bool(code.co_flags & CO_VARKEYWORDS)
        if not has_varkw:
            if node.args.kwonlyargs or len(params(node)) > 4:
                continue  # takes a fixed set of class keywords by design (e.g. total=True)
            yield ctx.finding(
                META003,
                f"{cname}.{method} takes no **kwargs: class keywords (class C(Base, flag=True)) raise "
                "TypeError instead of reaching __init_subclass__",
                attribute=method,
                line=line_for(ctx, func, node.lineno),
                notes=(
                    "type() passes class keywords to the metaclass's __new__ and __init__, then "
                    "type.__new__ passes them to __init_subclass__",
                    f"def {method}(mcls, name, bases, namespace, **kwargs): ... super().{method}(..., **kwargs)",
                ),
                symbol=f"{method}:signature",
            )
            continue
        if method != "__new__":
            continue  # type.__init__ ignores keywords; a later metaclass __init__ is checked below
        calls = [sub for sub in body_nodes(node) if isinstance(sub, ast.Call) and _is_super_call(sub, method)]
        if calls and not any(_forwards_kwargs(c) for c in calls):
            varkw = node.args.kwarg.arg if node.args.kwarg else "kwargs"
            yield ctx.finding(
                META003,
                f"{cname}.__new__ accepts **{varkw} but does not pass them to super().__new__(): "
                "__init_subclass__ never receives the class keywords",
                attribute=method,
                line=line_for(ctx, func, calls[0].lineno),
                severity=Severity.warning,
                notes=(f"pass them on: super().__new__(mcls, name, bases, namespace, **{varkw})",),
                symbol=f"{method}:forward",
            )

    for dropper, taker in new_here(cls, _INIT_DROPS).values():
        yield ctx.finding(
            META003,
            f"{cname}.__init__: {name(dropper)}.__init__ calls super().__init__() without the class keywords, "
            f"so {name(taker)}.__init__, next in {cname}'s MRO, never receives them",
            attribute="__init__",
            line=None,
            notes=(
                f"{name(taker)}.__init__ takes keyword arguments that class statements using {cname} may pass",
                f"forward them in {name(dropper)}.__init__: super().__init__(name, bases, namespace, **kwargs)",
            ),
            symbol=f"__init__:forward:{static.class_id(dropper)}",
        )


def _drops_init_kwargs(klass: type) -> bool:
    """Whether *klass*'s own ``__init__`` takes ``**kwargs`` but calls ``super().__init__()`` without them."""
    pair = own_function(klass, "__init__")
    if pair is None:
        return False
    func, node = pair
    if not function_code(func).co_flags & CO_VARKEYWORDS:
        return False  # reported as a signature problem
    calls = [sub for sub in body_nodes(node) if isinstance(sub, ast.Call) and _is_super_call(sub, "__init__")]
    return bool(calls) and not any(_forwards_kwargs(c) for c in calls)


def _takes_keywords(klass: type) -> bool:
    """Whether *klass*'s own ``__init__`` names parameters beyond (cls, name, bases, namespace)."""
    pair = own_function(klass, "__init__")
    if pair is None:
        return False
    return bool(pair[1].args.kwonlyargs or len(params(pair[1])) > 4)


def _init_drops(cls: type) -> dict[tuple[int, int], tuple[type, type]]:
    """``{(id(dropper), id(taker)): (dropper, taker)}`` along a metaclass's MRO (multiple metaclass bases)."""
    out: dict[tuple[int, int], tuple[type, type]] = {}
    if not is_metaclass(cls):
        return out
    mro = static.mro_of(cls)
    for i, klass in enumerate(mro):
        if not _drops_init_kwargs(klass):
            continue
        for later in mro[i + 1 :]:
            if "__init__" in static.dict_of(later):
                if _takes_keywords(later):
                    out[(id(klass), id(later))] = (klass, later)
                break
    return out


_INIT_DROPS = Memo(_init_drops)


META003 = register(
    Rule(
        id="META003",
        name="metaclass-drops-kwargs",
        severity=Severity.warning,
        summary="A metaclass __new__/__init__ does not accept or forward class keywords",
        tags=("metaclass",),
        check=check_meta003,
        doc=RuleDoc(
            what=(
                "A metaclass defines __new__ or __init__ without a **kwargs parameter, or its __new__ "
                "takes **kwargs but calls super().__new__() without them, or (when metaclasses are "
                "combined) its __init__ calls super().__init__() without them although the next metaclass "
                "__init__ in the MRO takes keywords. Metaclasses whose __new__/__init__ name a fixed set of "
                "keyword parameters (total=True) do so by design and are not reported."
            ),
            why=(
                "Class keywords (class C(Base, flag=True)) are passed to the metaclass's __new__ and "
                "__init__ and, through type.__new__, to __init_subclass__. A metaclass that does not "
                "accept them makes every class keyword a TypeError at class creation; one that drops them "
                "silently disables __init_subclass__ parameters of its classes."
            ),
            wrong=(example("META003", "bad")),
            right=(example("META003", "good")),
            fix="Accept **kwargs in __new__ and __init__ and pass them on to super().",
            references=(
                "seequent/pure_interface#53",
                "cpython#73767 (bpo-29581)",
                "cpython#87006 (bpo-42840)",
                "pypy/pypy#3075",
                "mypy#2653",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# META004 unsafe-singleton


def _check_test(test: ast.expr) -> bool:
    """Whether an ``if`` test looks like "not created yet" (membership, ``is None``, ``.get``, ``hasattr``)."""
    for sub in ast.walk(test):
        if isinstance(sub, ast.Compare):
            if any(isinstance(op, (ast.In, ast.NotIn)) for op in sub.ops):
                return True
            if any(isinstance(op, (ast.Is, ast.IsNot)) for op in sub.ops) and any(
                isinstance(c, ast.Constant) and c.value is None for c in sub.comparators
            ):
                return True
        if isinstance(sub, ast.Call):
            if isinstance(sub.func, ast.Attribute) and sub.func.attr == "get":
                return True
            if isinstance(sub.func, ast.Name) and sub.func.id in ("hasattr", "getattr"):
                return True
    return False


def _stores_state(stmts: list[ast.stmt], owner: str) -> bool:
    for stmt in stmts:
        for sub in ast.walk(stmt):
            if isinstance(sub, (ast.Assign, ast.AnnAssign)):
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                for t in targets:
                    if isinstance(t, ast.Subscript):
                        return True
                    parts = dotted(t)
                    if parts is not None and parts[0] == owner and len(parts) >= 2:
                        return True
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "setattr":
                return True
    return False


def _locked(node: FunctionNode) -> bool:
    for sub in body_nodes(node):
        if isinstance(sub, (ast.With, ast.AsyncWith)):
            return True
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "acquire":
            return True
    return False


def _creates_instance(stmts: list[ast.stmt], owner: str) -> bool:
    """Whether *stmts* create an instance: ``super().__call__(...)``, ``super().__new__(...)``,
    ``type.__call__(cls, ...)``, ``object.__new__(cls)`` or ``cls(...)``.

    A cache of anything else (a lazily computed field list, a default filled
    into the arguments) is not a singleton: two threads compute the same value.
    """
    for stmt in stmts:
        for sub in ast.walk(stmt):
            if not isinstance(sub, ast.Call):
                continue
            func = sub.func
            if isinstance(func, ast.Name) and func.id == owner:
                return True
            if isinstance(func, ast.Attribute) and func.attr in ("__call__", "__new__"):
                return True
    return False


def _unsafe_check(node: FunctionNode) -> int | None:
    names = params(node)
    if not names or _locked(node):
        return None
    owner = names[0]
    for sub in body_nodes(node):
        if (
            isinstance(sub, ast.If)
            and _check_test(sub.test)
            and _stores_state(sub.body, owner)
            and _creates_instance(sub.body, owner)
        ):
            return sub.lineno
    return None


def check_meta004(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    method = "__call__" if is_metaclass(cls) else "__new__"
    pair = own_function(cls, method)
    if pair is None:
        return
    func, node = pair
    line = _unsafe_check(node)
    if line is None:
        return
    cname = name(cls)
    yield ctx.finding(
        META004,
        f"{cname}.{method} creates and caches instances with check-then-set and no lock: two threads can "
        "both create one (two __init__ runs, two 'singletons')",
        attribute=method,
        line=line_for(ctx, func, line),
        notes=(
            "wrap the check and the store in `with cls._lock:` (an RLock if one singleton's __init__ creates another)",
        ),
    )


META004 = register(
    Rule(
        id="META004",
        name="unsafe-singleton",
        severity=Severity.warning,
        summary="A singleton/instance-cache __call__ or __new__ does check-then-set without a lock",
        enabled_by_default=False,
        tags=("metaclass", "threading"),
        check=check_meta004,
        doc=RuleDoc(
            what=(
                "A metaclass __call__ (or a class __new__) tests whether an instance exists (key in dict, "
                "attribute is None, .get(), hasattr) and then stores a new one, with no `with <lock>` "
                "nor .acquire() in the method; the stored value must be a new instance (super().__call__, "
                "super().__new__, cls(...)), not a lazily computed value. Off by default: code that is "
                "single-threaded or creates its singletons at import time is safe."
            ),
            why=(
                "The check and the store are separate steps. Two threads calling the class at the same "
                "time both see 'missing', both construct an instance (running __init__ side effects "
                "twice: connection pools, files) and get different objects. Free-threaded CPython makes "
                "this more likely."
            ),
            wrong=(example("META004", "bad")),
            right=(example("META004", "good")),
            fix="Hold a (reentrant) lock around the check and the store, or create the instance at import time.",
            references=(
                "tmancal74/quantarhei#219 and PR#307",
                "linux-nvme/nvme-stas PR#504",
                "NVIDIA-NeMo/Guardrails PR#1803",
                "tox-dev/filelock PR#581",
                "milvus-io/milvus#5664",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# META005 registry-overwrite


def _class_names(node: FunctionNode, method: str) -> set[str]:
    """Names bound to the class being registered inside *method*."""
    names = params(node)
    out: set[str] = set()
    if method in ("__init_subclass__", "__init__") and names:
        out.add(names[0])
    if method == "__new__":
        for sub in body_nodes(node):
            if (
                isinstance(sub, ast.Assign)
                and isinstance(sub.value, ast.Call)
                and isinstance(sub.value.func, ast.Attribute)
                and sub.value.func.attr == "__new__"
            ):
                for t in sub.targets:
                    if isinstance(t, ast.Name):
                        out.add(t.id)
    return out


def _guarded(node: FunctionNode, registry: str) -> bool:
    """Whether the body checks the registry before storing (membership, .get, setdefault, raise on duplicate)."""
    for sub in body_nodes(node):
        if (
            isinstance(sub, ast.Compare)
            and any(isinstance(op, (ast.In, ast.NotIn)) for op in sub.ops)
            and any(ast.dump(c) == registry for c in sub.comparators)
        ):
            return True
        if (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and sub.func.attr in ("get", "setdefault", "__contains__")
            and ast.dump(sub.func.value) == registry
        ):
            return True
    return False


def check_meta005(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    methods = ("__new__", "__init__") if is_metaclass(cls) else ("__init_subclass__",)
    cname = name(cls)
    for method in methods:
        pair = own_function(cls, method)
        if pair is None:
            continue
        func, node = pair
        class_names = _class_names(node, method)
        if not class_names:
            continue
        for sub in body_nodes(node):
            if not isinstance(sub, ast.Assign) or not (isinstance(sub.value, ast.Name) and sub.value.id in class_names):
                continue
            for target in sub.targets:
                if not isinstance(target, ast.Subscript):
                    continue
                registry = ast.dump(target.value)
                if _guarded(node, registry):
                    continue
                shown = ast.unparse(target.value)
                yield ctx.finding(
                    META005,
                    f"{cname}.{method} registers classes in {shown}[{ast.unparse(target.slice)}] without "
                    "checking for an existing entry: a second class with the same key silently replaces "
                    "the first",
                    attribute=method,
                    line=line_for(ctx, func, sub.lineno),
                    notes=(
                        "two classes with the same name in different modules, or a module imported twice, collide",
                        f"if key in {shown} and {shown}[key] is not cls: raise ValueError(...) "
                        "(or key on the qualified name)",
                    ),
                    symbol=f"{method}:{shown}",
                )
                return


META005 = register(
    Rule(
        id="META005",
        name="registry-overwrite",
        severity=Severity.warning,
        summary="A class registry (metaclass or __init_subclass__) silently overwrites an existing key",
        enabled_by_default=False,
        tags=("metaclass", "registry"),
        check=check_meta005,
        doc=RuleDoc(
            what=(
                "A metaclass __new__/__init__ or an __init_subclass__ stores the new class in a mapping "
                "(REGISTRY[key] = cls) and never checks whether the key is already there. Off by "
                "default: some registries are meant to let the last definition win."
            ),
            why=(
                "Registries keyed by cls.__name__ or a class attribute silently replace a class when two "
                "classes share the key: same-named classes in different modules, a module imported "
                "twice under two names, or a notebook cell re-run. The lost class is never found again "
                "and nothing says so."
            ),
            wrong=(example("META005", "bad")),
            right=(example("META005", "good")),
            fix=(
                "Check for an existing entry and raise (or allow an explicit override flag); key on the qualified name."
            ),
            references=(
                "facebookresearch/mmf#51",
                "allenai/allennlp PR#3190",
                "asappresearch/flambe#61",
                "experimental-design/bofire PR#778",
                "BrianPugh/belay#181",
            ),
        ),
    )
)
