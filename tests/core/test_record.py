"""Records behave as the frozen dataclasses they replace (construction, equality, hashing, pickling)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from pyinspect_cli.core.record import Record, field


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


class Point3(Point):
    z: int = 0


class Mutable(Record, frozen=False):
    name: str
    items: list[int] = field(default_factory=list)


class Odd(Record):
    first: int = 1
    second: int  # type: ignore[misc]  # a field without a default after one with a default


@dataclasses.dataclass(frozen=True)
class PointDC:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


def test_construction_matches_a_dataclass() -> None:
    for args, kwargs in [((1,), {}), ((1, 2), {}), ((), {"x": 1, "y": 2}), ((1,), {"tags": ["a"]})]:
        record, reference = Point(*args, **kwargs), PointDC(*args, **kwargs)
        assert (record.x, record.y, record.tags) == (reference.x, reference.y, reference.tags)
    assert Point(1).tags is not Point(1).tags  # a fresh default each time


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, 2, [], 4), {}), ((1,), {"x": 2}), ((1,), {"nope": 3})],
)
def test_bad_arguments_raise_type_error_like_a_dataclass(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        PointDC(*args, **kwargs)  # type: ignore[arg-type]
    for _ in range(2):  # before and after the class's __init__ is compiled
        with pytest.raises(TypeError):
            Point(*args, **kwargs)  # type: ignore[arg-type]


def test_equality_hash_repr_and_replace() -> None:
    a, b = Point(1, 2), Point(1, 2)
    assert a == b and a is not b
    assert hash(Point(1, 2, ())) == hash(Point(1, 2, ()))  # hashable when its values are
    assert a != Point(1, 3) and a != Point3(1, 2)
    assert repr(Point(1, 2, ["t"])) == "Point(x=1, y=2, tags=['t'])"
    assert a.replace(y=5) == Point(1, 5) and a == Point(1, 2)
    assert {Point(1, 2, ()): "found"}[Point(1, 2, ())] == "found"


def test_frozen_and_mutable_records() -> None:
    point = Point(1)
    with pytest.raises(AttributeError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x  # type: ignore[misc]
    item = Mutable("a")
    item.name = "b"
    assert item == Mutable("b")
    with pytest.raises(TypeError):
        hash(item)


def test_subclass_fields_and_its_own_init() -> None:
    Point(1)  # the base compiles its __init__ first
    assert Point3(1, 2, [], 3).z == 3 and Point3(1).z == 0
    assert Point3(x=4, z=5) == Point3(4, 0, [], 5)
    assert Point(1, 2) == Point(1, 2)
    with pytest.raises(TypeError):
        Point(1, 2, [], 3)  # type: ignore[call-arg]


def test_a_required_field_after_a_default_is_keyword_or_positional() -> None:
    assert (Odd(second=2).first, Odd(second=2).second) == (1, 2)
    assert Odd(3, 4) == Odd(first=3, second=4)
    with pytest.raises(TypeError):
        Odd()  # type: ignore[call-arg]


def test_records_pickle_as_they_travel_between_audit_processes() -> None:
    for value in (Point(1, 2, ["x"]), Point3(1, z=3), Mutable("m", [1])):
        copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == value and type(copy) is type(value)


class Named(Record):
    self: str
    cls: str = "c"


def test_fields_may_be_named_like_the_instance_parameter() -> None:
    assert (Named("s").self, Named(self="t", cls="d").cls) == ("s", "d")
