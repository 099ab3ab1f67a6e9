"""DESC012: a setter defined under another name than its property."""

from __future__ import annotations

RULE = "DESC012"
EXPECTED = {
    ("Account", "balance"): "error",
}


class Account:
    def __init__(self) -> None:
        self._balance = 0

    @property
    def balance(self) -> int:
        return self._balance

    @balance.setter
    def set_balance(self, value: int) -> None:
        self._balance = value
