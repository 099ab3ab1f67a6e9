"""Cooperative mixins placed after a base whose method does not call super()."""

from __future__ import annotations

from typing import Any


class Model:
    def save(self) -> list[str]:
        return ["Model.save"]


class LoggingMixin:
    def save(self) -> list[str]:
        return ["LoggingMixin.save", *super().save()]  # type: ignore[misc]


class AuditMixin:
    def save(self) -> list[str]:
        return ["AuditMixin.save", *super().save()]  # type: ignore[misc]


class Wrong(Model, LoggingMixin, AuditMixin):
    """The mixins come after Model: neither of them ever runs."""


class Right(LoggingMixin, AuditMixin, Model):
    """The mixins first: all three save() run."""


class ConditionalMixin:
    def save(self, *, quick: bool = False, **kwargs: Any) -> list[str]:
        result = ["ConditionalMixin.save"]
        if not quick:
            result += super().save(**kwargs)  # type: ignore[misc]
        return result


class Conditional(ConditionalMixin, Model):
    """super() only on one branch: the chain is read as continuing, marked conditional."""


class EarlyReturnMixin:
    def save(self, *, dry_run: bool = False, **kwargs: Any) -> list[str]:
        if dry_run:
            return ["EarlyReturnMixin.save (dry run)"]
        return ["EarlyReturnMixin.save", *super().save(**kwargs)]  # type: ignore[misc]


class EarlyReturn(EarlyReturnMixin, Model):
    """super() runs unless the method returned early: conditional."""
