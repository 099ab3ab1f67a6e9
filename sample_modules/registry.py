"""A metaclass that records every notification handler in a registry."""

from __future__ import annotations

from typing import Any, ClassVar


class HandlerMeta(type):
    channels: ClassVar[dict[str, type]] = {}

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> HandlerMeta:
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        channel = namespace.get("channel")
        if channel is not None:
            mcls.channels[channel] = cls
        return cls


class Handler(metaclass=HandlerMeta):
    channel: str | None = None

    def send(self, message: str) -> str:
        raise NotImplementedError


class EmailHandler(Handler):
    channel = "email"

    def send(self, message: str) -> str:
        return f"email: {message}"


class SMSHandler(Handler):
    channel = "sms"

    def send(self, message: str) -> str:
        return f"sms: {message}"


class SlackHandler(Handler):
    channel = "slack"

    def send(self, message: str) -> str:
        return f"slack: {message}"
