"""DESC009: a data descriptor without __get__."""

from __future__ import annotations

from typing import Any

RULE = "DESC009"
EXPECTED = {
    ("Validated", "__set__"): "warning",
}


class Validated:
    def __set_name__(self, owner: type, name: str) -> None:
        self.private = "_" + name

    def __set__(self, obj: Any, value: Any) -> None:
        setattr(obj, self.private, int(value))


class StrictValidated(Validated):
    """Inherits the problem; reported once, at Validated."""


class Model:
    count = Validated()
