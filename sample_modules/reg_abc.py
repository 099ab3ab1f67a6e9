"""Virtual subclasses: ABC.register() records classes that do not inherit from the ABC."""

from __future__ import annotations

import abc
from collections.abc import Sequence


class Serializer(abc.ABC):
    @abc.abstractmethod
    def dumps(self, value: object) -> str: ...


class JSONSerializer(Serializer):
    def dumps(self, value: object) -> str:
        return "{}"


class LegacyXML:
    """Registered, not inherited: isinstance(LegacyXML(), Serializer) is True."""

    def dumps(self, value: object) -> str:
        return "<xml/>"


@Serializer.register
class Yaml:
    def dumps(self, value: object) -> str:
        return "---"


Serializer.register(LegacyXML)


class Row:
    """Registered on a standard-library ABC: isinstance(Row(), Sequence) is True."""

    def __len__(self) -> int:
        return 0

    def __getitem__(self, index: int) -> object:
        raise IndexError(index)


Sequence.register(Row)
