"""What ``class New(*bases, metaclass=M)`` would do, computed without creating it.

CPython's ``type.__new__`` checks, in this order:

1. the metaclass: the most derived of the explicit one and the bases'
   metaclasses (``_PyType_CalculateMetaclass``), else "metaclass conflict";
2. the bases themselves: each must be subclassable ("type 'bool' is not an
   acceptable base type") and their instance lay-outs must be compatible
   (``best_base``/``solid_base``), else "multiple bases have instance
   lay-out conflict";
3. the MRO: no base twice ("duplicate base class A"), then the C3 merge.

:func:`check_bases` runs the same checks on live classes, reading them only
through :mod:`pyinspect_cli.core.static`, and returns the first failure with
CPython's own message, or the linearization. Creating the class to find out
would run the bases' ``__init_subclass__``, ``__set_name__`` hooks and the
metaclass's code; none of that happens here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.c3 import ClassCreationError, merge_bases
from pyinspect_cli.core.model import Linearization
from pyinspect_cli.core.record import Record

METACLASS_CONFLICT = (
    "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
    "subclass of the metaclasses of all its bases"
)
LAYOUT_CONFLICT = "multiple bases have instance lay-out conflict"


class MetaclassSource(Record):
    """Where a candidate metaclass comes from: the ``metaclass=`` keyword or a base."""

    metaclass: type
    base: type | None  # None: the explicit metaclass= (or the default, type)


class MetaclassConflictError(ClassCreationError):
    """No candidate metaclass is a subclass of all the others.

    ``sources`` lists every candidate with the base that brings it;
    ``winner`` is the most derived metaclass found before the clash and
    ``clashing`` the one that is neither its subclass nor its superclass.
    """

    kind = "metaclass"

    def __init__(
        self, *, bases: Sequence[type], sources: Sequence[MetaclassSource], winner: type, clashing: MetaclassSource
    ) -> None:
        super().__init__(METACLASS_CONFLICT, bases=bases)
        self.sources = tuple(sources)
        self.winner = winner
        self.clashing = clashing


class LayoutConflictError(ClassCreationError):
    """Two bases have incompatible C-level instance lay-outs.

    ``solid`` maps each base to its 'solid base' (the class that fixed its
    lay-out: a ``__slots__`` class or a builtin such as ``int``).
    """

    kind = "layout"

    def __init__(self, *, bases: Sequence[type], first: type, second: type, solid: Sequence[tuple[type, type]]) -> None:
        super().__init__(LAYOUT_CONFLICT, bases=bases)
        self.first = first
        self.second = second
        self.solid = tuple(solid)


class BaseTypeError(ClassCreationError):
    """A base cannot be subclassed (``bool``, ``NoneType``, a ``@final`` C type)."""

    kind = "base-type"

    def __init__(self, *, bases: Sequence[type], base: type) -> None:
        super().__init__(f"type '{static.tp_name(base)}' is not an acceptable base type", bases=bases)
        self.base = base


class EnumMembersError(BaseTypeError):
    """A base is an enumeration that already has members: ``enum.EnumType`` refuses to extend it.

    The check runs in ``EnumType.__prepare__``, after the metaclass is chosen and
    before ``type.__new__`` looks at lay-outs and the MRO.
    """

    def __init__(self, *, bases: Sequence[type], base: type, name: str) -> None:
        ClassCreationError.__init__(self, enum_extend_message(name, base), bases=bases)
        self.base = base


def enum_extend_message(name: str, base: type) -> str:
    """CPython's words for extending an enumeration with members (they changed in 3.11)."""
    if sys.version_info < (3, 11):
        return f"{name}: cannot extend enumeration {static.name_of(base)!r}"
    import enum

    kind = "flag" if static.is_subclass(base, enum.Flag) else "enum"
    return f"<enum {name!r}> cannot extend <{kind} {static.name_of(base)!r}>"


def enum_with_members(bases: Sequence[type], metaclass: type) -> type | None:
    """The first enumeration with members on the bases' MROs, when *metaclass* is an ``EnumType``.

    Mirrors ``EnumType._check_for_existing_members_``: every base, then its MRO, in order.
    """
    import enum

    enum_type = enum.EnumMeta  # EnumType's older name, on every supported version
    if not static.is_subclass(metaclass, enum_type):
        return None
    for base in bases:
        for klass in static.mro_of(base):
            if not static.is_subclass(type(klass), enum_type):
                continue
            members: Any = static.dict_of(klass).get("_member_names_")
            if (type(members) is list or type(members) is tuple) and len(members) > 0:
                return klass
    return None


class MetaclassChoice(Record):
    """The metaclass CPython would use, and every candidate that was considered."""

    winner: type
    sources: tuple[MetaclassSource, ...]
    explicit: type | None


def select_metaclass(bases: Sequence[type], explicit: type | None = None) -> MetaclassChoice:
    """The most derived metaclass among *explicit* (default ``type``) and the bases' metaclasses.

    Raises:
        MetaclassConflictError: two candidates are unrelated.
    """
    sources = [MetaclassSource(explicit if explicit is not None else type, None)]
    sources.extend(MetaclassSource(type(base), base) for base in bases)
    winner = sources[0].metaclass
    for source in sources[1:]:
        candidate = source.metaclass
        if static.is_subclass(winner, candidate):
            continue
        if static.is_subclass(candidate, winner):
            winner = candidate
            continue
        raise MetaclassConflictError(bases=bases, sources=sources, winner=winner, clashing=source)
    return MetaclassChoice(winner, tuple(sources), explicit)


def _extra_ivars(tp: type, base: type) -> bool:
    """Whether *tp* adds C-level fields to *base* (``extra_ivars``/``shape_differs``)."""
    t_size, t_item, t_dict, t_weak = static.layout_of(tp)
    b_size, b_item, b_dict, b_weak = static.layout_of(base)
    if sys.version_info >= (3, 12):
        return t_size != b_size or t_item != b_item
    if t_item or b_item:
        return t_size != b_size or t_item != b_item
    pointer = 8 if sys.maxsize > 2**32 else 4
    heap = static.is_heap_type(tp)
    if t_weak and not b_weak and t_weak + pointer == t_size and heap:
        t_size -= pointer
    if t_dict and not b_dict and t_dict + pointer == t_size and heap:
        t_size -= pointer
    return t_size != b_size


def solid_base(tp: type) -> type:
    """The ancestor that fixes *tp*'s instance lay-out (CPython's ``solid_base``)."""
    chain: list[type] = []
    current: type | None = tp
    while current is not None:
        chain.append(current)
        current = static.base_of(current)
    solid: type = object
    for klass in reversed(chain):
        if klass is object:
            continue
        if _extra_ivars(klass, solid):
            solid = klass
    return solid


def best_base(bases: Sequence[type]) -> type:
    """The base whose lay-out the new class extends (CPython's ``best_base``).

    Raises:
        BaseTypeError: a base is not subclassable.
        LayoutConflictError: two bases' lay-outs are incompatible.
    """
    winner: type | None = None
    base: type | None = None
    solid: list[tuple[type, type]] = []
    for base_i in bases:
        if not static.flags_of(base_i) & static.TPFLAGS_BASETYPE:
            raise BaseTypeError(bases=bases, base=base_i)
        candidate = solid_base(base_i)
        solid.append((base_i, candidate))
        if winner is None:
            winner, base = candidate, base_i
        elif static.is_subclass(winner, candidate):
            pass
        elif static.is_subclass(candidate, winner):
            winner, base = candidate, base_i
        else:
            assert base is not None
            raise LayoutConflictError(bases=bases, first=base, second=base_i, solid=solid)
    assert base is not None
    return base


class WhatIf(Record):
    """The outcome of checking ``class New(*bases)``.

    ``error`` is the first check that fails, with CPython's message; when it
    is an MRO conflict, ``linearization.conflict`` explains it. Otherwise
    ``linearization.order`` is the MRO the class would get (by the default
    ``type.mro``; ``mro_override`` names the metaclass that overrides
    ``mro()`` when there is one, since CPython would call it instead).
    """

    bases: tuple[type, ...]
    metaclass: MetaclassChoice | None
    linearization: Linearization[Any] | None
    error: ClassCreationError | None
    mro_override: type | None


def check_bases(
    bases: Sequence[type],
    *,
    explicit_metaclass: type | None = None,
    name: str = "New",
    trace: bool = True,
    module: str | None = None,
) -> WhatIf:
    """Run CPython's class-creation checks for ``class New(*bases)`` without creating it.

    *module* is where the class statement is (a module that failed to import); ``None``
    for an imagined class, which is in no module.
    """
    bases = tuple(bases)
    choice: MetaclassChoice | None = None
    try:
        choice = select_metaclass(bases, explicit_metaclass)
        extended = enum_with_members(bases, choice.winner)
        if extended is not None:
            raise EnumMembersError(bases=bases, base=extended, name=name)
        if bases:
            best_base(bases)
        lin = merge_bases(bases or (object,), name=name, trace=trace, module=module)
    except ClassCreationError as exc:
        return WhatIf(bases, choice, None, exc, None)
    override = None
    if choice is not None:
        found = static.static_lookup(choice.winner, "mro")
        if found is not None and found[0] is not type:
            override = found[0]
    if lin.conflict is not None:
        from pyinspect_cli.core.c3 import MROConflictError

        return WhatIf(bases, choice, lin, MROConflictError(lin.conflict.message, lin), override)
    return WhatIf(bases, choice, lin, None, override)


# ---------------------------------------------------------------------------
# Explanations in words


def display_names(classes: Sequence[Any]) -> dict[int, str]:
    """Short, unambiguous names for a set of classes (keyed by ``id``).

    ``__name__`` when it is unique among them, else ``__qualname__``, else
    ``module:qualname``. :class:`~pyinspect_cli.core.c3.NewClass` keeps its name.
    """
    from pyinspect_cli.core.c3 import NewClass

    unique: dict[int, Any] = {id(c): c for c in classes}

    def levels(c: Any) -> tuple[str, str, str]:
        if isinstance(c, NewClass):
            return (c.name, c.name, c.name)
        return (static.name_of(c), static.qualname_of(c), static.class_id(c))

    names: dict[int, str] = {}
    all_levels = {k: levels(c) for k, c in unique.items()}
    for level in range(3):
        counts: dict[str, int] = {}
        for lv in all_levels.values():
            counts[lv[level]] = counts.get(lv[level], 0) + 1
        for k, lv in all_levels.items():
            if k not in names and (counts[lv[level]] == 1 or level == 2):
                names[k] = lv[level]
    return names
