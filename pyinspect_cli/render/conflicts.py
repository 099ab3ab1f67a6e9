"""Why a class cannot be created, in words: the one place these explanations are worded.

The core finds the facts (:mod:`pyinspect_cli.core.creation`: the C3 conflict
and its cycle of contradicting orderings, the clashing lay-outs, the metaclass
candidates and a checked combined metaclass); this module words them as
:class:`Line` records whose ``kind`` says what each line is (a sentence, an
item of a list, a fix, a note, code), so that the text, Rich and JSON
renderers style them without reading the words back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.creation import (
    BaseTypeError,
    EnumMembersError,
    LayoutConflictError,
    MetaclassConflictError,
    WhatIf,
    display_names,
    solid_base,
)
from pyinspect_cli.core.metaclasses import combined_metaclass, metaclass_names, shared_hooks
from pyinspect_cli.core.model import Linearization

__all__ = ["Line", "LineKind", "describe_conflict", "describe_failure", "explain_metaclass_conflict", "line_text"]

LineKind = Literal["text", "item", "detail", "fix", "note", "code", "blank"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an explanation: ``kind`` and the words (without the prefix its kind adds)."""

    kind: LineKind
    text: str = ""

    def __str__(self) -> str:
        return line_text(self)


_PREFIX: dict[str, str] = {"item": "  - ", "detail": "  ", "fix": "Fix: ", "note": "Note: ", "code": "    "}


def line_text(line: Line) -> str:
    """The line as plain text shows it (``  - item``, ``Fix: …``)."""
    if line.kind == "blank":
        return ""
    return _PREFIX.get(line.kind, "") + line.text


def _fmt_list(items: Sequence[Any], names: dict[int, str]) -> str:
    return "[" + ", ".join(names.get(id(x), "?") for x in items) + "]"


def _slots_text(cls: type) -> str | None:
    slots: Any = static.dict_of(cls).get("__slots__")
    if type(slots) is str:
        return repr((slots,))
    if type(slots) is tuple or type(slots) is list:
        items = [s for s in slots if type(s) is str]
        return "(" + ", ".join(repr(s) for s in items) + ("," if len(items) == 1 else "") + ")"
    return None


def describe_failure(result: WhatIf, *, class_name: str = "New") -> list[Line]:
    """Lines explaining why ``class New(*bases)`` fails, and a fix.

    Empty when the class could be created.
    """
    error = result.error
    if error is None:
        return []
    bases = result.bases
    if isinstance(error, MetaclassConflictError):
        return explain_metaclass_conflict(error, class_name=class_name)
    if isinstance(error, EnumMembersError):
        base = error.base
        name = static.name_of(base)
        members: Any = static.dict_of(base).get("_member_names_")
        shown = [m for m in members[:3] if type(m) is str] if type(members) is list or type(members) is tuple else []
        listed = f" ({', '.join(shown)}{', …' if len(members) > 3 else ''})" if shown else ""
        return [
            Line(
                "text",
                f"{name} is an enumeration with members{listed}; its members are final, so enum.EnumType "
                "refuses to make a subclass of it.",
            ),
            Line(
                "fix",
                f"move what {class_name} should share into a base enumeration without members, "
                f"and derive both {name} and {class_name} from it.",
            ),
        ]
    if isinstance(error, BaseTypeError):
        base = error.base
        name = static.name_of(base)
        return [
            Line("text", f"{name} does not allow subclasses (CPython leaves Py_TPFLAGS_BASETYPE off for it)."),
            Line("fix", f"drop {name} from the bases and hold a {name} value in an attribute instead (composition)."),
        ]
    if isinstance(error, LayoutConflictError):
        names = display_names([*bases, *(s for _, s in error.solid)])
        lines = [
            Line(
                "text",
                "Each base below fixes how its instances are laid out in memory; CPython can only build an "
                "instance that extends one such lay-out, and these two are unrelated:",
            )
        ]
        for base in (error.first, error.second):
            solid = solid_base(base)
            slots = _slots_text(solid)
            if slots is not None:
                why = f"its class {names.get(id(solid), static.name_of(solid))} defines __slots__ = {slots}"
            elif not static.is_heap_type(solid):
                why = f"it is built on the C type {static.tp_name(solid)}"
            else:
                why = f"{names.get(id(solid), static.name_of(solid))} adds C-level fields"
            lines.append(Line("detail", f"{names.get(id(base), static.name_of(base))}: {why}"))
        lines.append(
            Line(
                "fix",
                "inherit from only one of them and keep the other as an attribute (composition), "
                "or, when both are your classes, give all but one of them empty __slots__ = ().",
            )
        )
        return lines
    from pyinspect_cli.core.c3 import DuplicateBaseError

    if isinstance(error, DuplicateBaseError):
        dup = error.duplicate
        name = static.name_of(dup) if dup is not None and static.is_class(dup) else "?"
        return [
            Line(
                "text", f"{name} is listed more than once among the bases; a class can inherit from another only once."
            ),
            Line("fix", f"remove the repeated {name}."),
        ]
    lin = result.linearization
    if lin is None or lin.conflict is None:  # pragma: no cover - every other error is handled above
        return [Line("text", error.message)]
    return describe_conflict(lin, class_name=class_name)


def describe_conflict(lin: Linearization[Any], *, class_name: str = "New") -> list[Line]:
    """Explain a stuck C3 merge: the contradicting orderings and a working base order if any."""
    conflict = lin.conflict
    assert conflict is not None
    everything: list[Any] = [lin.target, *lin.bases]
    for lst in lin.lists:
        everything.extend(lst)
    names = display_names(everything)

    def n(x: Any) -> str:
        return names.get(id(x), "?")

    def label(j: int) -> str:
        return "the list of bases" if j == len(lin.bases) else f"L[{n(lin.bases[j])}]"

    merged = ", ".join(label(j) for j in range(len(lin.lists)))
    blocked = ", ".join(n(b) for b in conflict.blocked)
    lines = [
        Line(
            "text",
            f"The merge of {merged} got stuck after {_fmt_list(lin.order, names)}: "
            f"every remaining head ({blocked}) is in the tail of another list.",
        ),
        Line("text", "These orderings contradict each other:"),
    ]
    for c in conflict.cycle:
        before, after = n(c.before), n(c.after)
        if c.reason == "bases" and c.origin is None:
            source = f"the class statement lists {before} before {after}"
        elif c.reason == "inherits":
            source = f"{before} inherits from {after} (a class always precedes its bases)"
        elif c.reason == "bases" and c.origin is not None:
            origin_bases = ", ".join(n(b) if id(b) in names else static.name_of(b) for b in static.bases_of(c.origin))
            source = (
                f"{label(c.list_index)} has {before} before {after}, because "
                f"class {n(c.origin) if id(c.origin) in names else static.name_of(c.origin)}({origin_bases}) "
                "lists them in that order"
            )
        else:
            source = f"{label(c.list_index)} has {before} before {after}"
        lines.append(Line("item", f"{before} before {after}: {source}"))
    if conflict.cycle:
        lines.append(Line("text", "No order can put each of these first, so no consistent MRO exists."))
    if conflict.suggested_order is not None:
        order = ", ".join(n(b) for b in conflict.suggested_order)
        mro = conflict.suggested_mro or ()
        lines.append(
            Line("fix", f"list the bases as class {class_name}({order}); the MRO would be {_fmt_list(mro, names)}.")
        )
    else:
        lines.append(
            Line(
                "text",
                "No order of these bases works: their own MROs disagree. Change the base order in one of the "
                "classes named above, or inherit from only one of them.",
            )
        )
    for base in conflict.redundant_bases:
        heirs = [b for b in lin.bases if b is not base and any(k is base for k in static.mro_of(b)[1:])]
        if heirs:
            lines.append(
                Line(
                    "note",
                    f"{n(base)} is already a base of {n(heirs[0])}; listing it again adds nothing and you can drop it.",
                )
            )
    return lines


def explain_metaclass_conflict(error: MetaclassConflictError, *, class_name: str = "New") -> list[Line]:
    """Lines: which base brings which metaclass, why they clash, and a checked fix.

    *class_name* is the name used for the new class in the suggested code.
    """
    sources = error.sources
    bases = tuple(error.bases)
    clashing = error.clashing
    everything: list[type] = [s.metaclass for s in sources] + [b for b in bases if static.is_class(b)]
    names = metaclass_names(everything)

    def n(c: type) -> str:
        return names.get(id(c), static.class_id(c))

    lines = [
        Line("text", "A class's metaclass (the class of the class) must be a subclass of the metaclass of every base."),
        Line("text", "The candidates here:"),
    ]
    explicit = sources[0] if sources and sources[0].base is None else None
    if explicit is not None and explicit.metaclass is not type:
        lines.append(Line("detail", f"metaclass= keyword -> {n(explicit.metaclass)}"))
    for source in sources:
        if source.base is None:
            continue
        meta = source.metaclass
        chain = ", ".join(n(k) if id(k) in names else static.name_of(k) for k in static.mro_of(meta))
        extra = "" if meta is type else f"  (MRO: {chain})"
        lines.append(Line("detail", f"base {n(source.base)} -> {n(meta)}{extra}"))
    winner, other = error.winner, clashing.metaclass
    brought = f" (brought by {n(clashing.base)})" if clashing.base is not None else ""
    lines.append(Line("text", f"{n(winner)} and {n(other)}{brought} are unrelated: neither inherits from the other,"))
    lines.append(
        Line("text", 'so no candidate is a subclass of all the others: that is CPython\'s "metaclass conflict".')
    )
    combined = combined_metaclass(sources)
    if isinstance(combined, str):
        lines.append(Line("text", f"No metaclass can inherit from all of them ({combined})."))
        lines.append(
            Line(
                "fix",
                "drop one of the bases (hold it in an attribute instead), or replace one metaclass's job with "
                "__init_subclass__ or a class decorator.",
            )
        )
        return lines
    meta_names = ", ".join(n(m) for m in combined.bases)
    base_names = ", ".join(n(b) for b in bases)
    lines.append(Line("fix", "define a metaclass that inherits from all of them, and name it explicitly:"))
    lines.append(Line("blank"))
    lines.append(Line("code", f"class CombinedMeta({meta_names}):"))
    lines.append(Line("code", "    pass"))
    lines.append(Line("blank"))
    lines.append(Line("code", f"class {class_name}({base_names}{', ' if base_names else ''}metaclass=CombinedMeta):"))
    lines.append(Line("code", "    ..."))
    lines.append(Line("blank"))
    mro_text = ", ".join(
        "CombinedMeta" if not static.is_class(k) else n(k) if id(k) in names else static.name_of(k)
        for k in combined.mro
    )
    lines.append(Line("text", f"Checked without creating it: CombinedMeta's MRO would be {mro_text};"))
    lines.append(Line("text", f"it is a subclass of every candidate, so CPython picks it for {class_name}."))
    shared = shared_hooks(combined.bases)
    if shared:
        listed = "; ".join(f"{hook} ({', '.join(n(o) for o in owners)})" for hook, owners in shared)
        lines.append(
            Line(
                "text",
                f"Several combined metaclasses override {listed}: CombinedMeta runs the first one on its MRO, "
                "which must call super() for the others to run.",
            )
        )
    where = [f"{n(m)} is {static.class_id(m)}" for m in combined.bases if n(m) != static.class_id(m)]
    if where:
        lines.append(Line("text", "(" + "; ".join(where) + ")"))
    return lines
