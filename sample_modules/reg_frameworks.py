"""Metaclasses from the standard library and pydantic: EnumMeta, ABCMeta, pydantic's ModelMetaclass."""

from __future__ import annotations

import enum
from typing import Any, ClassVar

from pydantic import BaseModel


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Permission(enum.IntFlag):
    READ = 1
    WRITE = 2


class AgentConfig(BaseModel):
    """A pydantic model whose subclasses register themselves by provider."""

    providers: ClassVar[dict[str, type[AgentConfig]]] = {}
    name: str = "agent"
    temperature: float = 0.3

    def __init_subclass__(cls, provider: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if provider:
            AgentConfig.providers[provider] = cls


class AnthropicConfig(AgentConfig, provider="anthropic"):
    model: str = "claude"


class OpenAIConfig(AgentConfig, provider="openai"):
    model: str = "gpt"
