"""attr: wording of the read of a data descriptor when instances have no __dict__."""

from __future__ import annotations

import dataclasses

from pyinspect_cli.core.attributes import resolve_attribute


@dataclasses.dataclass(slots=True)
class Point:
    x: int


class WithDict:
    @property
    def x(self) -> int:
        return 1


def test_slot_read_does_not_mention_an_instance_dict() -> None:
    read = resolve_attribute(Point, "x").read
    assert read[0].outcome == "data-descriptor"
    assert "wins over the instance __dict__" not in read[0].explanation
    assert "instances have no __dict__" in read[0].explanation


def test_property_read_still_wins_over_the_instance_dict() -> None:
    read = resolve_attribute(WithDict, "x").read
    assert "wins over the instance __dict__" in read[0].explanation
