"""DESC012: setters named like their property."""

from __future__ import annotations

RULE = "DESC012"
EXPECTED: dict[tuple[str, str], str] = {}


class Account:
    def __init__(self) -> None:
        self._balance = 0

    @property
    def balance(self) -> int:
        return self._balance

    @balance.setter
    def balance(self, value: int) -> None:
        self._balance = value

    @balance.deleter
    def balance(self) -> None:
        self._balance = 0
