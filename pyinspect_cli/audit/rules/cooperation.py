"""Cooperation rules: MRO001, MRO002, MRO003, META002.

All four read the ``super()`` chains derived by
:mod:`pyinspect_cli.core.super_chain` (never by calling a method):

* MRO001 super-chain-broken: an implementation that does not call
  ``super()`` ends the chain before an implementation from an *unrelated*
  class (one that is not its ancestor) in a multiple-inheritance MRO;
* MRO002 cooperative-mixin-misordered: a base listed later wraps a method
  with ``super()``, but an earlier base's version ends the chain first;
* MRO003 explicit-base-call-in-multiple-inheritance: ``Base.method(self)``
  calls run an implementation twice, or jump over a cooperative one;
* META002 init-subclass-no-super: ``__init_subclass__`` without
  ``super().__init_subclass__(**kwargs)``.

A finding is reported once, at the class whose bases create it: the same
break inherited by a subclass is not reported again.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Iterator, Sequence
from typing import Any

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.analysis import (
    Memo,
)
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, example, register
from pyinspect_cli.audit.rules.evidence import deliberate_end
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import function_of
from pyinspect_cli.core.record import Record
from pyinspect_cli.core.super_chain import (
    LIFECYCLE_METHODS,
    Link,
    SuperChain,
    cached_super_chain,
    definers,
    is_method_like,
)


def chain_of(cls: type, method: str) -> SuperChain:
    """``super_chain(cls, method)``, memoised by class identity (shared by every rule of the worker)."""
    return cached_super_chain(cls, method)


def methods_to_check(cls: type) -> list[str]:
    """The lifecycle methods plus every method defined by two or more classes of the MRO.

    The shared methods are :func:`~pyinspect_cli.core.super_chain.chain_methods`,
    counted from each class's method names (read once per class).
    """
    names = [m for m in LIFECYCLE_METHODS]
    counts: dict[str, int] = {}
    for klass in static.mro_of(cls):
        if klass is not object:
            for name in _METHOD_NAMES(klass):
                counts[name] = counts.get(name, 0) + 1
    for name in sorted(name for name, n in counts.items() if n >= 2):
        if name not in names and name != "__init_subclass__":
            names.append(name)
    return names


def _method_names(klass: type) -> tuple[str, ...]:
    return tuple(name for name, value in static.dict_of(klass).items() if type(name) is str and is_method_like(value))


_METHOD_NAMES: Memo[tuple[str, ...]] = Memo(_method_names)


def _n(klass: type) -> str:
    return static.name_of(klass)


def _terminator(chain: SuperChain, skipped: type) -> type | None:
    """The running implementation nearest before *skipped* in the MRO (the one that failed to reach it)."""
    mro = static.mro_of(chain.cls)
    limit = static.index_in(mro, skipped)
    best: type | None = None
    best_index = -1
    for k in chain.runs:
        i = static.index_in(mro, k)
        if best_index < i < limit:
            best, best_index = k, i
    return best


def _mro_text(cls: type) -> str:
    return "MRO: " + " → ".join(_n(k) for k in static.mro_of(cls))


def _is_multiple(cls: type) -> bool:
    return any(len(static.bases_of(k)) > 1 for k in static.mro_of(cls))


def _compute_linear(cls: type) -> bool:
    """Whether every class of the MRO has the rest of the MRO as its own MRO (single inheritance throughout).

    Then each class is a subclass of every class after it: no implementation
    can end the chain before an unrelated class's.
    """
    mro = static.mro_of(cls)
    for i in range(1, len(mro)):
        own = static.mro_of(mro[i])
        if len(own) != len(mro) - i or any(a is not b for a, b in zip(own, mro[i:], strict=True)):
            return False
    return True


_LINEAR: Memo[bool] = Memo(_compute_linear)


def _shared(cls: type, methods: Sequence[str]) -> list[str]:
    """The *methods* two or more classes of the MRO besides ``object`` define: only their chains skip a class."""
    return [m for m in methods if definers(cls, m) >= 2]


def _all_names(code: Any) -> frozenset[str]:
    """``co_names`` of *code* and of every code object nested in it (comprehensions, inner functions)."""
    names: set[str] = set()
    stack: list[types.CodeType] = [code]
    while stack:
        item = stack.pop()
        names.update(item.co_names)
        stack.extend(c for c in item.co_consts if type(c) is types.CodeType)
    return frozenset(names)


_NAMES: Memo[frozenset[str]] = Memo(_all_names)


def _may_call_a_base(cls: type, method: str) -> bool:
    """Whether some implementation of *method* on the MRO may call ``Base.method(self)`` (MRO003's trigger).

    Such a call loads the attribute *method*, so its name is among the code
    object's ``co_names``: a check on the bytecode, with no source read.
    (Private names are mangled in the bytecode: those are always checked.)
    """
    if method.startswith("__") and not method.endswith("__"):
        return True
    for klass in static.mro_of(cls):
        if klass is object:
            continue
        ns = static.dict_of(klass)
        if method in ns:
            func = function_of(ns[method])
            if func is not None and method in _NAMES(func.__code__):
                return True
    return False


def _blocked_before(mro: Sequence[type], klass: type, method: str) -> bool:
    """Whether a class before *klass* in *mro* that is not its subclass defines *method* (a possible blocker)."""
    for k in mro:
        if k is klass:
            return False
        if method in static.dict_of(k) and not static.is_subclass(k, klass):
            return True
    return False


def _unrelated_definers(cls: type, method: str) -> bool:
    """Whether a class defining *method* comes before, in the MRO, a definer that is not its base.

    A break (MRO001) is a terminator that is not a subclass of the class it
    skips, and both define the method: without such a pair no chain is needed.
    """
    found = [k for k in static.mro_of(cls) if k is not object and method in static.dict_of(k)]
    return any(not static.is_subclass(a, b) for i, a in enumerate(found) for b in found[i + 1 :])


# ---------------------------------------------------------------------------
# MRO002 (computed first: MRO001 leaves these cases to it)


class Misorder(Record):
    method: str
    mixin: type
    blocker: type
    earlier_base: type


def misorders(cls: type) -> list[Misorder]:
    """Later bases whose cooperative method never runs because an earlier base's version ends the chain."""
    bases = static.bases_of(cls)
    if len(bases) < 2:
        return []
    mro = static.mro_of(cls)
    out: list[Misorder] = []
    for j in range(1, len(bases)):
        mixin = bases[j]
        ns = static.dict_of(mixin)
        for name in sorted(n for n in ns if type(n) is str):
            if name == "__init_subclass__" or name in LIFECYCLE_METHODS:
                continue  # lifecycle methods are MRO001's: their chain must reach every class
            func = function_of(ns[name])
            if func is None or "super" not in _NAMES(func.__code__) or not _blocked_before(mro, mixin, name):
                continue  # only a function naming super() continues the chain; a blocker must come first
            chain = chain_of(cls, name)
            link = chain.link_for(mixin)
            if link is None or link.continues != "super" or not any(k is mixin for k in chain.skipped):
                continue
            blocker = _terminator(chain, mixin)
            if blocker is None or blocker is cls:
                continue
            blocker_link = chain.link_for(blocker)
            if blocker_link is None or blocker_link.continues != "none":
                continue
            if static.index_in(mro, blocker) > static.index_in(mro, mixin):
                continue
            earlier = next((b for b in bases[:j] if static.is_subclass(b, blocker)), None)
            if earlier is None or static.is_subclass(blocker, mixin):
                continue
            if _ancestor_defines(mixin, name) or _deliberate(blocker, name) is not None:
                continue  # the earlier base overrides a class's own method, or ends the chain on purpose
            if _called_explicitly(chain, mixin):
                continue
            out.append(Misorder(name, mixin, blocker, earlier))
    return out


def _check_mro002(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    for m in misorders(cls):
        yield ctx.finding(
            MRO002,
            f"{_n(m.mixin)}.{m.method} calls super().{m.method}() but {_n(m.mixin)} is listed after "
            f"{_n(m.earlier_base)}, whose {m.method}() "
            + ("does not" if m.blocker is m.earlier_base else f"(from {_n(m.blocker)}) does not")
            + f": {_n(m.mixin)}.{m.method} never runs for {_n(cls)}",
            attribute=m.method,
            notes=(
                _mro_text(cls),
                f"fix: list {_n(m.mixin)} before {_n(m.earlier_base)} in the bases of {_n(cls)}",
            ),
            symbol=f"{m.method}:{static.class_id(m.mixin)}<{static.class_id(m.blocker)}",
            cause=f"{m.method}:{static.class_id(m.mixin)}<{static.class_id(m.blocker)}",
        )


MRO002 = register(
    Rule(
        id="MRO002",
        name="cooperative-mixin-misordered",
        severity=Severity.error,
        summary="A mixin whose method calls super() is listed after a base whose method ends the chain",
        doc=RuleDoc(
            what=(
                "A base listed later in the class statement defines a method that calls super() (it is "
                "written to wrap the next implementation), but a base listed earlier provides a version "
                "of the same method that does not call super(). The earlier version runs first and ends "
                "the chain, so the mixin's method never runs."
            ),
            why=(
                "Mixins must come before the class whose method they wrap: the MRO puts bases in the "
                "order they are listed. The mistake is silent: no error, the mixin's behaviour is just "
                "missing (django-oscar#818, apache/superset#26288)."
            ),
            wrong=(example("MRO002", "bad")),
            right=example("MRO002", "good"),
            fix="List the mixin before the base it wraps.",
            references=("https://docs.python.org/3/library/functions.html#super",),
        ),
        check=_check_mro002,
        tags=("mro", "super"),
    )
)


# ---------------------------------------------------------------------------
# MRO001


class Break(Record):
    """One implementation (*skipped*) that never runs because *terminator* ends the chain."""

    method: str
    terminator: type
    skipped: type

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.method, id(self.terminator), id(self.skipped))


def _ancestor_defines(klass: type, method: str) -> bool:
    """Whether a class above *klass* in its own MRO (``object`` aside) defines *method*."""
    return any(k is not object and method in static.dict_of(k) for k in static.mro_of(klass)[1:])


def _cooperative_mixin(link: Link, method: str) -> bool:
    """A mixin's implementation written for a chain: it calls ``super()`` and none of its own ancestors define
    the method, so its ``super()`` call only makes sense when another branch comes after it."""
    return link.continues == "super" and not _ancestor_defines(link.defined_in, method)


def _reached_across(chain: SuperChain, klass: type) -> bool:
    """Whether *klass* is reached by a ``super()`` call from a class that is not its subclass (the chain was
    designed to go from one branch of the hierarchy through *klass*)."""
    for caller, callee in zip(chain.callers, chain.runs, strict=True):
        if callee is not klass or caller is None:
            continue
        link = chain.link_for(caller)
        if link is not None and link.continues == "super" and not static.is_subclass(caller, klass):
            return True
    return False


def _skip_is_reportable(chain: SuperChain, link: Link, terminator: type) -> bool:
    """Whether a skipped implementation is a lost link rather than an override.

    Not calling ``super()`` is ordinary overriding. It breaks something only
    when the chain was meant to go on: the skipped implementation is a
    cooperative mixin's, or the implementation that ends the chain is itself
    reached through ``super()`` from another branch. An implementation that
    ends the chain on purpose (always raises, abstract, a no-op, a delegation
    to a wrapped object) breaks nothing, and neither does skipping an
    implementation that some class of the MRO calls explicitly
    (``Base.method(self)``) or one that does nothing (a stub that raises, an
    abstract method, a no-op).
    """
    if link.generated == "C implementation":
        return False
    if not (_cooperative_mixin(link, chain.method) or _reached_across(chain, terminator)):
        return False
    if _deliberate(terminator, chain.method) is not None:
        return False
    if _deliberate(link.defined_in, chain.method) in ("abstract", "always raises", "no-op"):
        return False  # a stub or a default that does nothing: skipping it loses nothing
    return not _called_explicitly(chain, link.defined_in)


def _deliberate(klass: type, method: str) -> str | None:
    value = static.dict_of(klass).get(method)
    return None if value is None else deliberate_end(value, method, klass)


def _called_explicitly(chain: SuperChain, klass: type) -> bool:
    """Whether some implementation in the chain calls ``klass.method(self, ...)`` by name."""
    return any(any(t is klass for t in link.explicit_targets) for link in chain.links)


def _is_protocol(cls: type) -> bool:
    """typing.Protocol classes are never instantiated: their __init__ chain is moot."""
    return static.dict_of(cls).get("_is_protocol") is True


def breaks(cls: type, methods: Sequence[str] | None = None) -> dict[tuple[str, int, int], Break]:
    """MRO001 candidates of *cls*: unrelated definers kept from running, keyed by (method, terminator, skipped)."""
    if _is_protocol(cls) or _LINEAR(cls):
        return {}
    todo = [m for m in (methods if methods is not None else methods_to_check(cls)) if _unrelated_definers(cls, m)]
    if not todo:
        return {}
    covered = {(m.method, id(m.mixin)) for m in misorders(cls)}
    out: dict[tuple[str, int, int], Break] = {}
    for method in todo:
        chain = chain_of(cls, method)
        for skipped in chain.skipped:
            link = chain.link_for(skipped)
            if link is None or (method, id(skipped)) in covered:
                continue
            term = _terminator(chain, skipped)
            if term is None or not _skip_is_reportable(chain, link, term):
                continue
            term_link = chain.link_for(term)
            if term_link is None or term_link.continues != "none":
                continue
            if term_link.generated == "C implementation" and link.continues != "super":
                continue  # C code ends chains by design; report only a cooperative implementation it drops
            if static.is_subclass(term, skipped):
                continue  # single-inheritance "forgot super": pylint W0231's business
            if static.dict_of(term).get(method) is static.dict_of(skipped).get(method):
                continue  # one function shared by both classes (typing.Protocol's __init__): it did run
            item = Break(method, term, skipped)
            out[item.key] = item
    return out


def _inherited(cls: type, key: tuple[str, int, int], rule: str) -> bool:
    method = str(key[0]).partition(":")[0]
    for base in static.bases_of(cls):
        if base is object:
            continue
        keys = set(breaks(base, [method])) if rule == "MRO001" else set(_double_calls(base, [method]))
        if key in keys:
            return True
    return False


class Group(Record):
    method: str
    terminator: type
    skipped: tuple[type, ...]


def _check_mro001(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    grouped: dict[tuple[str, int], list[Break]] = {}
    for key, item in breaks(cls).items():
        if not _inherited(cls, key, "MRO001"):
            grouped.setdefault((item.method, id(item.terminator)), []).append(item)
    for items in grouped.values():
        br = Group(items[0].method, items[0].terminator, tuple(i.skipped for i in items))
        chain = chain_of(cls, br.method)
        term_link = chain.link_for(br.terminator)
        lost = ", ".join(f"{_n(s)}.{br.method}" for s in br.skipped)
        if term_link is not None and term_link.generated:
            cause = f"{_n(br.terminator)}.{br.method} ({term_link.generated}) never calls super().{br.method}()"
        else:
            cause = f"{_n(br.terminator)}.{br.method} does not call super().{br.method}()"
        notes = [
            _mro_text(cls),
            "runs: " + " → ".join(_n(k) for k in chain.runs),
        ]
        first = br.skipped[0]
        first_link = chain.link_for(first)
        reorder = f"list {_n(first)} before {_n(br.terminator)}"
        generated = term_link.generated if term_link is not None else None
        if generated and generated.startswith("dataclass"):
            notes.append(f"fix: continue the chain from __post_init__ (super().__init__()), or {reorder}")
        elif generated == "C implementation":
            notes.append(f"fix: {reorder} (C code never calls super())")
        elif first_link is not None and first_link.continues == "super":
            notes.append(f"fix: call super().{br.method}(...) in {_n(br.terminator)}.{br.method}, or {reorder}")
        else:
            notes.append(f"fix: call super().{br.method}(...) in {_n(br.terminator)}.{br.method}")
        yield ctx.finding(
            MRO001,
            f"{cause}: in the MRO of {_n(cls)}, {lost} never runs",
            attribute=br.method,
            notes=notes,
            symbol=f"{br.method}:{static.class_id(br.terminator)}>" + ",".join(static.class_id(s) for s in br.skipped),
            cause=f"{br.method}:{static.class_id(br.terminator)}",
        )


MRO001 = register(
    Rule(
        id="MRO001",
        name="super-chain-broken",
        severity=Severity.error,
        summary="An implementation that does not call super() keeps an unrelated class's implementation from running",
        doc=RuleDoc(
            what=(
                "In the MRO of a class with several bases, an implementation of a method does not call "
                "super(), and a later class in the MRO that is not one of its ancestors defines the same "
                "method: that implementation never runs. Reported only when the chain was meant to go on: "
                "the skipped implementation is a cooperative mixin's (it calls super() and none of its own "
                "ancestors define the method), or the implementation that ends the chain is reached "
                "through super() from another branch. Not reported when the end is deliberate: it always "
                "raises (directly or through a helper), is abstract, a no-op, delegates to a wrapped object "
                "or copies another object's __dict__; nor when the skipped implementation is a stub or a "
                "no-op, or is called explicitly (Base.method(self)) by a class of the MRO. "
                "Dataclass-generated __init__ methods count as not calling super()."
            ),
            why=(
                "super() calls the next class in the MRO of the instance's class, which for a class used "
                "with mixins is often a class its author never saw. One link that does not call super() "
                "silently drops everything after it (sublime_text#6979, choderalab/yank#943, "
                "ericvsmith/dataclasses#142). Skipped ancestors of the class that ends the chain "
                "(single-inheritance 'forgot super') are left to pylint W0231."
            ),
            wrong=(example("MRO001", "bad")),
            right=(example("MRO001", "good")),
            fix=(
                "Call super().method(...) in the implementation that ends the chain (forwarding the "
                "arguments the rest of the chain needs), or list the mixin before that class. For a "
                "dataclass, continue the chain from __post_init__."
            ),
            references=(
                "https://rhettinger.wordpress.com/2011/05/26/super-considered-super/",
                "https://docs.python.org/3/library/functions.html#super",
            ),
        ),
        check=_check_mro001,
        tags=("mro", "super"),
    )
)


# ---------------------------------------------------------------------------
# MRO003


class DoubleCall(Record):
    method: str
    kind: str  # "twice" or "skipped"
    victim: type
    callers: tuple[type, ...]

    @property
    def key(self) -> tuple[str, int, int]:
        return (f"{self.method}:{self.kind}", id(self.victim), 0)


def _double_calls(cls: type, methods: Sequence[str] | None = None) -> dict[tuple[str, int, int], DoubleCall]:
    """MRO003 candidates: implementations run twice or jumped over because of ``Base.method(self)`` calls."""
    if not _is_multiple(cls) or _is_protocol(cls):
        return {}
    out: dict[tuple[str, int, int], DoubleCall] = {}
    for method in _shared(cls, methods if methods is not None else methods_to_check(cls)):
        if not _may_call_a_base(cls, method):
            continue
        chain = chain_of(cls, method)
        explicit_callers = [
            link.defined_in
            for link in chain.links
            if link.continues == "explicit" and not link.generated and chain.run_count(link.defined_in)
        ]
        if not explicit_callers:
            continue
        # `if ...: A.m(self) else: B.m(self)` calls one of them, not both.
        branching = any(
            link.continues == "explicit" and link.conditional and len(link.explicit_targets) > 1 for link in chain.links
        )
        for victim in () if branching else chain.repeated:
            link = chain.link_for(victim)
            if victim is object or link is None or link.generated == "C implementation":
                continue
            callers = tuple(
                c
                for c, r in zip(chain.callers, chain.runs, strict=True)
                if r is victim and c is not None and any(e is c for e in explicit_callers)
            )
            if not callers:
                continue
            item = DoubleCall(method, "twice", victim, callers)
            out[item.key] = item
        for victim in chain.skipped:
            link = chain.link_for(victim)
            if link is None or link.continues != "super" or link.generated == "C implementation":
                continue
            term = _terminator(chain, victim)
            if term is None or not any(e is term for e in explicit_callers):
                continue
            if static.is_subclass(term, victim):
                continue
            item = DoubleCall(method, "skipped", victim, (term,))
            out[item.key] = item
    return out


def _check_mro003(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    for key, item in _double_calls(cls).items():
        if _inherited(cls, key, "MRO003"):
            continue
        chain = chain_of(cls, item.method)
        callers = sorted({_n(c) for c in item.callers})
        who = " and ".join(f"{c}.{item.method}" for c in callers)
        if item.kind == "twice":
            effect = f"{_n(item.victim)}.{item.method} runs {chain.run_count(item.victim)} times"
            verb = "call" if len(callers) > 1 else "calls"
            cause = f"{who} {verb} a base's {item.method} directly"
        else:
            effect = f"{_n(item.victim)}.{item.method} (which calls super()) never runs"
            caller_link = chain.link_for(item.callers[0])
            targets = ", ".join(
                f"{_n(t)}.{item.method}" for t in (caller_link.explicit_targets if caller_link is not None else ())
            )
            cause = f"{who} calls {targets or 'a base'} directly and jumps over the next class in the MRO"
        yield ctx.finding(
            MRO003,
            f"{cause}: in the MRO of {_n(cls)}, {effect}",
            attribute=item.method,
            notes=(
                _mro_text(cls),
                "runs: " + " → ".join(_n(k) for k in chain.runs),
                f"fix: call super().{item.method}(...) instead of naming the base class",
            ),
            symbol=f"{item.method}:{item.kind}:{static.class_id(item.victim)}",
        )


MRO003 = register(
    Rule(
        id="MRO003",
        name="explicit-base-call-in-multiple-inheritance",
        severity=Severity.warning,
        summary="Base.method(self) calls in a multiple-inheritance hierarchy run a class twice or skip one",
        doc=RuleDoc(
            what=(
                "A class calls a base's implementation directly (Base.__init__(self, ...)) instead of "
                "through super(), and in the MRO of a class with several bases this makes an "
                "implementation run twice (a shared ancestor reached along two paths) or jumps over a "
                "cooperative implementation (one that calls super()) of another branch."
            ),
            why=(
                "A direct call ignores the MRO of the instance's class. In a diamond both sides call the "
                "shared base, which initialises twice (opened twice, registered twice...); in a mixed "
                "hierarchy a sibling's cooperative method is silently skipped (cocotb#2151)."
            ),
            wrong=(example("MRO003", "bad")),
            right=(example("MRO003", "good")),
            fix="Call super().method(...) in every class of the hierarchy instead of naming a base.",
            references=(
                "https://pylint.readthedocs.io/en/stable/user_guide/messages/warning/non-parent-init-called.html",
            ),
        ),
        check=_check_mro003,
        tags=("mro", "super"),
    )
)


# ---------------------------------------------------------------------------
# META002


def _later_hooks(ctx: ClassContext) -> list[type]:
    """Classes after ``ctx.cls`` in some audited MRO that define ``__init_subclass__`` (object excluded)."""
    cls = ctx.cls
    candidates = [cls, *ctx.module.classes]
    out: list[type] = []
    for klass in candidates:
        mro = static.mro_of(klass)
        i = static.index_in(mro, cls)
        if i < 0:
            continue
        for later in mro[i + 1 :]:
            if later is object or "__init_subclass__" not in static.dict_of(later):
                continue
            if not any(o is later for o in out):
                out.append(later)
    return out


def _forbids_subclassing(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A hook that raises ``TypeError`` is a gatekeeper (``typing._Final``), not a link to continue."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Raise) and sub.exc is not None:
            exc = sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc
            if isinstance(exc, ast.Name) and exc.id == "TypeError":
                return True
    return False


def _check_meta002(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    if "__init_subclass__" not in static.dict_of(cls):
        return
    chain = chain_of(cls, "__init_subclass__")
    link = chain.link_for(cls)
    if link is None or link.continues != "none" or link.generated or link.inferred:
        return
    node = ctx.function_node("__init_subclass__")
    if node is not None and _forbids_subclassing(node):
        return
    later = _later_hooks(ctx)
    # typing.Generic's hook only keeps __parameters__ right: skipping it alone is a warning, not a crash
    user_hooks = [k for k in later if not (static.module_of(k) == "typing" and static.name_of(k) == "Generic")]
    severity = Severity.error if user_hooks else Severity.warning
    notes = [
        "fix: call super().__init_subclass__(**kwargs) and take your own keywords by name",
    ]
    if later:
        notes.insert(0, "hooks that never run: " + ", ".join(f"{_n(k)}.__init_subclass__" for k in later))
    yield ctx.finding(
        META002,
        f"{_n(cls)}.__init_subclass__ does not call super().__init_subclass__(): "
        + (
            f"{', '.join(_n(k) for k in later)}.__init_subclass__ never runs for its subclasses"
            if later
            else "hooks of classes combined with it later are skipped"
        ),
        attribute="__init_subclass__",
        line=node.lineno if node is not None else None,
        severity=severity,
        notes=notes,
    )


META002 = register(
    Rule(
        id="META002",
        name="init-subclass-no-super",
        severity=Severity.warning,
        summary="__init_subclass__ does not call super().__init_subclass__(**kwargs)",
        doc=RuleDoc(
            what=(
                "A class defines __init_subclass__ without calling super().__init_subclass__(...). "
                "The level is error when a class after it in an audited MRO defines its own "
                "__init_subclass__ (that hook is skipped today), warning otherwise, and when the only "
                "hook skipped is typing.Generic's (it keeps __parameters__ right; measured on the corpus, "
                "skipping it had a visible effect in one class out of two)."
            ),
            why=(
                "__init_subclass__ is a cooperative hook: every class in the MRO of a new subclass gets "
                "its turn only if each one passes it on. One that does not silently disables the hooks "
                "of later bases, including typing.Generic's (graphene#1233, amaranth#1677, "
                "scikit-learn#24854). object.__init_subclass__ takes no keywords, so consume yours "
                "and forward the rest."
            ),
            wrong=(example("META002", "bad")),
            right=(example("META002", "good")),
            fix="Call super().__init_subclass__(**kwargs), taking your own class keywords by name.",
            references=("https://docs.python.org/3/reference/datamodel.html#object.__init_subclass__",),
        ),
        check=_check_meta002,
        tags=("metaclass", "super"),
    )
)

__all__ = ["META002", "MRO001", "MRO002", "MRO003", "breaks", "chain_of", "methods_to_check", "misorders"]
