"""How a class's metaclass was chosen, and metaclass conflicts explained with a checked fix."""

from __future__ import annotations

import abc
import enum
import importlib
import sys
from pathlib import Path

import pytest

from pyinspect_cli.core import static
from pyinspect_cli.core.creation import MetaclassConflictError, check_bases, select_metaclass
from pyinspect_cli.core.metaclasses import combined_metaclass, explain_metaclass
from pyinspect_cli.render.conflicts import explain_metaclass_conflict

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

choice = importlib.import_module("sample_modules.reg_choice")


def steps(cls: type) -> list[tuple[str | None, str, str]]:
    explanation = explain_metaclass(cls)
    return [
        (static.name_of(s.base) if s.base else None, static.name_of(s.candidate), s.decision) for s in explanation.steps
    ]


def test_default_and_explicit():
    assert steps(choice.Plain) == [(None, "type", "start")]
    explanation = explain_metaclass(choice.Explicit)
    assert explanation.explicit_text == "Meta"
    assert explanation.explicit is choice.Meta
    assert explanation.winner is choice.Meta and explanation.matches


def test_inherited_and_most_derived():
    assert steps(choice.Inherited) == [(None, "type", "start"), ("Explicit", "Meta", "switch")]
    assert steps(choice.MostDerived) == [(None, "SubMeta", "start"), ("Explicit", "Meta", "keep")]
    # Asks for Meta, gets SubMeta from its base.
    explanation = explain_metaclass(choice.Weaker)
    assert explanation.explicit is choice.Meta
    assert explanation.winner is choice.SubMeta and explanation.actual is choice.SubMeta


def test_combined_metaclass_and_mro_override():
    assert steps(choice.Combined) == [
        (None, "CombinedMeta", "start"),
        ("Shape", "ABCMeta", "keep"),
        ("Explicit", "Meta", "keep"),
    ]
    explanation = explain_metaclass(choice.Custom)
    assert explanation.mro_override is choice.ReversedMeta
    assert [h.name for h in explanation.hooks] == ["mro"]


def test_metaclass_function_is_noted():
    explanation = explain_metaclass(choice.FromFunction)
    assert explanation.explicit_text == "make_class"
    assert explanation.explicit is None
    assert any("not a class" in note for note in explanation.notes)


def test_library_and_hostile_classes():
    class Color(enum.Enum):
        RED = 1

    explanation = explain_metaclass(Color)
    assert explanation.actual is enum.EnumType and explanation.matches
    hostile = importlib.import_module("sample_modules.hostile")
    explanation = explain_metaclass(hostile.Bottom)
    assert explanation.actual is hostile.Hostile and explanation.mro_override is hostile.Hostile
    assert hostile.CALLS == []


# ---------------------------------------------------------------------------
# Conflicts


class Meta(type):
    def __call__(cls, *args, **kwargs):
        return super().__call__(*args, **kwargs)


class Tagged(metaclass=Meta):
    pass


class Shape(abc.ABC):
    pass


class Other(type):
    pass


class Third(metaclass=Other):
    pass


def conflict(*bases: type, explicit: type | None = None) -> MetaclassConflictError:
    result = check_bases(bases, explicit_metaclass=explicit)
    assert isinstance(result.error, MetaclassConflictError)
    return result.error


def test_conflict_explanation_names_bases_and_metaclasses():
    lines = [str(line) for line in explain_metaclass_conflict(conflict(Shape, Tagged))]
    text = "\n".join(lines)
    assert "base Shape -> ABCMeta" in text
    assert "base Tagged -> Meta" in text
    assert "ABCMeta and Meta (brought by Tagged) are unrelated" in text
    assert "    class CombinedMeta(ABCMeta, Meta):" in lines
    assert "    class New(Shape, Tagged, metaclass=CombinedMeta):" in lines
    assert "CombinedMeta's MRO would be CombinedMeta, ABCMeta, Meta, type, object" in text


def test_suggested_fix_really_works():
    """The suggestion, run for real in the test (never in the tool), creates the class."""
    for bases in [(Shape, Tagged), (Tagged, Shape), (Shape, Tagged, Third)]:
        error = conflict(*bases)
        combined = combined_metaclass(error.sources)
        assert not isinstance(combined, str)
        meta = type("CombinedMeta", combined.bases, {})
        new = meta("New", bases, {})
        assert type(new) is meta
        assert select_metaclass(bases, meta).winner is meta
        assert [static.name_of(k) for k in static.mro_of(meta)] == [
            static.name_of(k) if static.is_class(k) else "CombinedMeta" for k in combined.mro
        ]


def test_explicit_metaclass_conflict():
    lines = [str(line) for line in explain_metaclass_conflict(conflict(Shape, explicit=Meta))]
    assert "  metaclass= keyword -> Meta" in lines
    assert "    class CombinedMeta(Meta, ABCMeta):" in lines


def test_conflict_with_no_possible_combination():
    # Two metaclasses that order the same two metaclasses differently: no C3 order holds both.
    class M1(type):
        pass

    class M2(type):
        pass

    class X(M1, M2):
        pass

    class Y(M2, M1):
        pass

    class A(metaclass=X):
        pass

    class B(metaclass=Y):
        pass

    lines = [str(line) for line in explain_metaclass_conflict(conflict(A, B))]
    text = "\n".join(lines)
    assert "No metaclass can inherit from all of them" in text
    assert "consistent method resolution" in text
    for order in ((X, Y), (Y, X)):
        with pytest.raises(TypeError, match="consistent method resolution"):
            type("CombinedMeta", order, {})
