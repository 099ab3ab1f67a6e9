"""Cooperative mixins: every setup() calls super().setup(), so all of them run."""

from __future__ import annotations

from typing import Any


class Loggable:
    def setup(self, **kwargs: Any) -> None:
        self.calls = [*getattr(self, "calls", []), "Loggable"]
        super().setup(**kwargs)  # type: ignore[misc]

    def log(self, message: str) -> str:
        return f"[LOG] {message}"


class Serializable:
    def setup(self, **kwargs: Any) -> None:
        self.calls = [*getattr(self, "calls", []), "Serializable"]
        super().setup(**kwargs)  # type: ignore[misc]

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


class Base:
    def setup(self, **kwargs: Any) -> None:
        # The end of the chain: no super().setup()
        self.calls = [*getattr(self, "calls", []), "Base"]
        for key, value in kwargs.items():
            setattr(self, key, value)


class Model(Loggable, Serializable, Base):
    def setup(self, **kwargs: Any) -> None:
        self.calls = ["Model"]
        super().setup(**kwargs)
